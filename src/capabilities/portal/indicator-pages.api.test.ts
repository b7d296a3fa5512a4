import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { IndicatorDetail, IndicatorSummary } from '../indicators/service.ts';

/** The text of an element's contents without tags, for comparing what a reader sees. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

function tableRows(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1] as string);
}

await forEachStore('portal indicator pages', (kind) => {
  let t: TestApp;
  let laxa: IndicatorSummary[];
  const id = (list: IndicatorSummary[], title: string) => {
    const found = list.find((i) => i.title === title);
    assert.ok(found, title);
    return found.id;
  };
  const page = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  before(async () => {
    t = await startTestApp(kind);
    laxa = (await t.request('GET', '/api/municipalities/1860/indicators')).json<IndicatorSummary[]>();
  });
  after(() => t.close());

  it('lists the municipality’s indicators by the plan item they measure, with value, target, status and a link', async () => {
    const res = await page('/sv/kommun/1860/indikatorer');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.match(html, /<h1>Indikatorer för Laxå<\/h1>/);
    for (const indicator of laxa) {
      assert.ok(html.includes(`href="/sv/kommun/1860/indikatorer/${indicator.id}"`), indicator.title);
      assert.ok(html.includes(indicator.title), indicator.title);
    }
    const selfSufficient = (
      await t.request('GET', `/api/indicators/${id(laxa, 'Andel självförsörjande 24 månader efter etableringen')}`)
    ).json<IndicatorDetail>();
    const link = selfSufficient.links[0];
    assert.ok(link);
    // The item's heading, the link to it in the public plan, then its indicator with latest value, target and status.
    const group = html.slice(html.indexOf(`id="punkt-${link.item.id}-rubrik"`));
    assert.match(group, /^[^>]*>Delmål 1: 50 % av alla kommunplacerade/);
    assert.ok(group.includes(`href="/sv/kommun/1860/plan/${link.item.documentId}#punkt-${link.item.id}"`));
    const card = text(group.slice(0, group.indexOf('</li>')));
    assert.match(card, /Senaste värde 39 % \(2016\)/);
    assert.match(card, /Mål 50 % år 2018/);
    assert.match(card, /Status Betydande framsteg/);
    assert.match(group, /<svg class="sparkline"[^>]*aria-hidden="true"[^>]*dir="ltr"/);
    // An indicator no published plan item uses still shows, under its own heading.
    assert.match(html, /Indikatorer utan koppling till en publicerad plan/);
    assert.match(text(html), /Sysselsättningsgrad 20–64 år, utrikes födda Senaste värde Inget värde ännu/);
  });

  it('shows one indicator as a chart captioned for screen readers, with every value of the series in the table', async () => {
    const indicator = id(laxa, 'Andel som bor kvar 12 månader efter etableringen');
    const detail = (await t.request('GET', `/api/indicators/${indicator}`)).json<IndicatorDetail>();
    const res = await page(`/sv/kommun/1860/indikatorer/${indicator}`);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.match(html, /<h1>Andel som bor kvar 12 månader efter etableringen<\/h1>/);
    assert.match(html, /<svg class="chart indicator-chart-svg"[^>]*role="img"[^>]*aria-labelledby="diagram-text"[^>]*dir="ltr"/);
    assert.match(text(/<figcaption id="diagram-text">([\s\S]*?)<\/figcaption>/.exec(html)?.[1] ?? ''), /3 värden från 2015 till 2017/);
    const rows = tableRows(html);
    assert.equal(rows.length, detail.values.length);
    assert.deepEqual(
      rows.map((r) => text(r).split(' ').slice(0, 3).join(' ')),
      ['2015 55,3 %', '2016 58,5 %', '2017 61,4 %'],
    );
    assert.match(
      text(rows[0] as string),
      /Beräknat ur kommunens kohorter 21 av 38 i kohorten\. Exempeldata – inte verkliga siffror\. Nej$/,
    );
    // The target as a line and in words, what it measures with a link to the plan item, the source.
    assert.match(html, /stroke-dasharray="8 5"/);
    const link = detail.links[0];
    assert.ok(link);
    assert.ok(html.includes(`href="/sv/kommun/1860/plan/${link.item.documentId}#punkt-${link.item.id}"`));
    assert.match(text(html), /Mål 50 % år 2018 Status Målet är nått/);
    assert.match(text(html), /Källa Beräknas ur kommunens egna uppgifter/);
    // The view can be chosen without script, and the page says how to share it.
    assert.match(html, /<form class="inline" action="\/sv\/kommun\/1860\/indikatorer\/[^"]+" method="get">/);
    assert.match(html, /<label for="fran">Från år<\/label>/);
    assert.ok(html.includes(`http://localhost:3000/sv/kommun/1860/indikatorer/${indicator}</a>`), 'the share link');
  });

  it('names an official source with its id and a link, and keeps the view’s choices in the address', async () => {
    const share = id(laxa, 'Utrikes födda, andel av befolkningen');
    const all = await page(`/sv/kommun/1860/indikatorer/${share}`);
    assert.match(text(all.body), /SCB, tabell TAB4823 – Källans beskrivning av TAB4823/);
    assert.match(all.body, /href="http:\/\/127\.0\.0\.1:9\/api\/v2\/tables\/TAB4823\/metadata\?lang=sv"/);
    assert.equal(tableRows(all.body).length, 2);
    assert.match(all.body, /<input type="checkbox" name="jamfor" value="1864"\/> Ljusnarsberg/);

    const compared = await page(`/sv/kommun/1860/indikatorer/${share}?fran=2020&till=2024&jamfor=1864`);
    assert.equal(compared.statusCode, 200);
    const rows = tableRows(compared.body);
    assert.equal(rows.length, 1, 'only 2023 lies in 2020–2024');
    assert.match(text(rows[0] as string), /^2023 18,3 % 17,7 % SCB/);
    assert.match(compared.body, /<th scope="col" class="number">Värde: Ljusnarsberg<\/th>/);
    assert.match(compared.body, /<input type="checkbox" name="jamfor" checked="" value="1864"\/>/);
    assert.match(compared.body, /<select id="fran" name="fran">.*?<option value="2020" selected="">2020<\/option>/);
    assert.match(compared.body, /<select id="till" name="till">.*?<option value="2024" selected="">2024<\/option>/);
    assert.match(text(compared.body), /Visar åren 2020–2024\./);
    assert.ok(
      compared.body.includes(`/sv/kommun/1860/indikatorer/${share}?fran=2020&amp;till=2024&amp;jamfor=1864</a>`),
      'the share link keeps the view',
    );

    const kolada = await page(`/sv/kommun/1860/indikatorer/${id(laxa, 'Sysselsättningsgrad 20–64 år, utrikes födda')}?jamfor=riket`);
    assert.equal(kolada.statusCode, 200);
    assert.match(text(kolada.body), /Kolada, nyckeltal N02268 – Källans beskrivning av N02268/);
    assert.match(text(kolada.body), /Det finns inga värden att visa för de valda åren\./);
    assert.match(kolada.body, /checked="" value="riket"\/> Riket/);

    for (const bad of ['?fran=20x', '?fran=2024&till=2015', '?jamfor=0180'])
      assert.equal((await page(`/sv/kommun/1860/indikatorer/${share}${bad}`)).statusCode, 400, bad);
  });

  it('answers an unknown indicator, or another municipality’s under this code, with the 404 page', async () => {
    for (const url of [
      '/sv/kommun/1860/indikatorer/00000000-0000-4000-8000-000000000000',
      '/sv/kommun/1860/indikatorer/inte-ett-id',
      `/sv/kommun/9999/indikatorer/${laxa[0]?.id}`,
      '/sv/kommun/9999/indikatorer',
    ]) {
      const res = await page(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /<h1>Sidan finns inte<\/h1>/, url);
    }
    const ljusnarsberg = (await t.request('GET', '/api/municipalities/1864/indicators')).json<IndicatorSummary[]>();
    const theirs = await page(`/ar/kommun/1860/indikatorer/${ljusnarsberg[0]?.id}`);
    assert.equal(theirs.statusCode, 404);
    assert.match(theirs.body, /<html lang="ar" dir="rtl">/);
    assert.equal((await page(`/sv/kommun/1864/indikatorer/${ljusnarsberg[0]?.id}`)).statusCode, 200);
  });

  it('mirrors the page in Arabic but keeps the chart’s time axis left to right and the Swedish names marked', async () => {
    const share = id(laxa, 'Utrikes födda, andel av befolkningen');
    const detail = await page(`/ar/kommun/1860/indikatorer/${share}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /<html lang="ar" dir="rtl">/);
    assert.match(detail.body, /<svg class="chart indicator-chart-svg"[^>]*dir="ltr"/);
    assert.match(detail.body, /<h1><span lang="sv" dir="ltr">Utrikes födda, andel av befolkningen<\/span> <span class="not-translated">/);
    assert.match(detail.body, /<th scope="col">الفترة<\/th>/);
    const list = await page('/ar/kommun/1860/indikatorer');
    assert.match(list.body, /<html lang="ar" dir="rtl">/);
    assert.match(list.body, /<h1>مؤشرات Laxå<\/h1>/);
    assert.match(list.body, /<a href="\/ar\/kommun\/1860\/indikatorer\/[^"]+" lang="sv" dir="ltr">/);
  });

  it('answers 304 to a reader who has the page', async () => {
    for (const url of ['/sv/kommun/1860/indikatorer', `/so/kommun/1860/indikatorer/${laxa[0]?.id}`]) {
      const first = await page(url);
      const etag = first.headers.etag as string;
      assert.ok(etag, url);
      const again = await page(url, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '');
    }
  });

  it('keeps cohort counts under five suppressed, as the API does for the public', async () => {
    const coordinator = await t.login('laxa.samordnare');
    const saved = await t.request('PUT', '/api/municipalities/1860/cohorts/2018', {
      cookie: coordinator,
      body: { size: 9, selfSufficient12: null, selfSufficient24: null, resident12: 3, version: null },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const indicator = id(laxa, 'Andel som bor kvar 12 månader efter etableringen');
    const own = (await t.request('GET', `/api/indicators/${indicator}`, { cookie: coordinator })).json<IndicatorDetail>();
    assert.equal(own.values.at(-1)?.value, 33.3, 'the municipality sees its own figure');
    const html = (await page(`/sv/kommun/1860/indikatorer/${indicator}`)).body;
    const last = text(tableRows(html).at(-1) as string);
    assert.match(last, /^2018 Färre än fem personer – visas inte/);
    assert.ok(!html.includes('33,3') && !html.includes('3 av 9'), 'neither the share nor the count');
    // The list's latest value is the last one the public may see.
    assert.match(text((await page('/sv/kommun/1860/indikatorer')).body), /Senaste värde 61,4 % \(2017\)/);
  });

  it('shows a value reported in follow-up only once the report is approved', async () => {
    const plan = (await t.request('GET', '/api/municipalities/0117/documents')).json<{ id: string }[]>()[0]?.id as string;
    const coordinator = await t.login('osteraker.samordnare');
    const indicator = id((await t.request('GET', '/api/municipalities/0117/indicators')).json<IndicatorSummary[]>(), 'Praktikplatser');
    const detail = (await t.request('GET', `/api/indicators/${indicator}`)).json<IndicatorDetail>();
    const cycle = await t.request('POST', `/api/plans/${plan}/cycles`, {
      cookie: coordinator,
      body: { periodFrom: '2016-01-01', periodTo: '2016-06-30', deadline: '2016-07-31' },
    });
    assert.equal(cycle.statusCode, 201, cycle.body);
    const board = (await t.request('GET', `/api/cycles/${cycle.json<{ id: string }>().id}`, { cookie: coordinator })).json<{
      tasks: { id: string; itemId: string; version: number }[];
    }>();
    const task = board.tasks.find((x) => x.itemId === detail.links[0]?.item.id);
    assert.ok(task);
    const put = await t.request('PUT', `/api/tasks/${task.id}`, {
      cookie: coordinator,
      body: { version: task.version, status: 'in_progress', progress: 50, narrative: '9 platser hittills.', targetValue: 9, submit: true },
    });
    assert.equal(put.statusCode, 200, put.body);
    const url = `/sv/kommun/0117/indikatorer/${indicator}`;
    assert.deepEqual(tableRows((await page(url)).body), [], 'a submitted report is not public yet');
    assert.equal((await t.request('GET', `/api/indicators/${indicator}`)).json<IndicatorDetail>().values.length, 0, 'nor in the API');
    const approved = await t.request('POST', `/api/tasks/${task.id}/approve`, {
      cookie: coordinator,
      body: { version: put.json<{ version: number }>().version },
    });
    assert.equal(approved.statusCode, 200, approved.body);
    const rows = tableRows((await page(url)).body);
    assert.equal(rows.length, 1);
    assert.match(text(rows[0] as string), /^2016H1 9 praktikplatser Rapporterat i uppföljningen/);
  });
});
