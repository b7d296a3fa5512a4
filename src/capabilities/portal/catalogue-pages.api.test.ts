import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { seedDemoCatalogue } from '../catalogue/demo.ts';
import { addDays, stockholmDay } from '../catalogue/rules.ts';
import type { ActivityView } from '../catalogue/service.ts';
import { PAGE_SIZE } from './catalogue-filters.ts';

/** The titles of the results on a catalogue page, in order (each result's heading links to its page). */
function resultTitles(html: string): string[] {
  return [...html.matchAll(/<li class="activity-card"><h3 id="[^"]+"><a href="[^"]+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1] as string);
}

await forEachStore('public catalogue pages', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let reporter: string;
  let reporterUnit: string;
  const today = stockholmDay(new Date());
  /** The first day from tomorrow that is the given ISO weekday (1 = Monday). */
  const next = (isoDay: number) => {
    for (let i = 1; i <= 7; i++) {
      const d = addDays(today, i);
      const w = new Date(`${d}T12:00:00Z`).getUTCDay() || 7;
      if (w === isoDay) return d;
    }
    return today;
  };
  const page = async (url: string, status = 200) => {
    const res = await t.request('GET', url);
    assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 500)}`);
    assert.match(String(res.headers['content-type']), /text\/html/);
    return res.body;
  };
  const create = async (cookie: string, body: Record<string, unknown>) => {
    const res = await t.request('POST', '/api/municipalities/1860/activities', { cookie, body });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<ActivityView>();
  };
  const publish = async (activity: ActivityView) => {
    const res = await t.request('POST', `/api/activities/${activity.id}/moderate`, {
      cookie: coordinator,
      body: { version: activity.version, decision: 'publish' },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<ActivityView>();
  };
  const base = (title: string, extra: Record<string, unknown> = {}) => ({
    unitId: reporterUnit,
    title,
    description: '<p>Vi ses på fritidsgården.</p>',
    category: 'crafts',
    languages: ['sv', 'uk'],
    placeName: 'Fritidsgården',
    address: 'Skolgatan 1, Laxå',
    startDate: next(5),
    startTime: '15:00',
    durationMinutes: 60,
    rrule: 'FREQ=WEEKLY',
    cost: '50 kr',
    contact: 'Fritidsgården, 0584-111 11',
    ...extra,
  });

  before(async () => {
    t = await startTestApp(kind);
    await seedDemoCatalogue(t.store.db);
    coordinator = await t.login('laxa.samordnare');
    reporter = await t.login('laxa.rapportor');
    const me = (await t.request('GET', '/api/auth/me', { cookie: reporter })).json<{ user: { unitIds: string[] } }>();
    reporterUnit = me.user.unitIds[0] as string;
  });
  after(() => t.close());

  it('lists the published demo activities with their next sessions, the count in a heading, and no organiser’s private contact', async () => {
    const html = await page('/sv/kommun/1860/aktiviteter');
    assert.match(html, /<html lang="sv" dir="ltr">/);
    const titles = resultTitles(html);
    assert.ok(titles.includes('Språkcafé på biblioteket'), titles.join(', '));
    assert.ok(titles.includes('Fotboll för alla'), titles.join(', '));
    assert.match(html, new RegExp(`<h2 id="resultat-rubrik">${titles.length} aktiviteter hittades</h2>`));
    assert.match(html, /<time dateTime="[^"]+" class="occurrence-time">(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag) \d+ \w+/);
    assert.match(html, /class="cancelled-label">Inställt: <\/strong>/, 'the coming cancelled session is shown as cancelled');
    assert.match(html, /<form [^>]*action="\/sv\/kommun\/1860\/aktiviteter" method="get"/);
    assert.match(html, /<label for="falt-q">Fritext<\/label>/);
    assert.match(html, /href="http:\/\/[^"]*\/api\/municipalities\/1860\/activities\.ics"/, 'links the iCalendar feed');
    // The association's registered contact is the coordinator's; the page shows only what the activity publishes.
    assert.ok(!html.includes('ordforande@example.org'));
    assert.ok(!html.includes('802400-0001'));
  });

  it('narrows the results by category, language, text, day of the week, age and free of charge', async () => {
    const all = resultTitles(await page('/sv/kommun/1860/aktiviteter'));
    const sport = resultTitles(await page('/sv/kommun/1860/aktiviteter?category=sport'));
    assert.deepEqual(sport, ['Fotboll för alla']);
    assert.deepEqual(resultTitles(await page('/sv/kommun/1860/aktiviteter?language=en')), ['Fotboll för alla']);
    assert.ok(all.length > 1);
    const dari = resultTitles(await page('/sv/kommun/1860/aktiviteter?language=prs'));
    assert.deepEqual(dari, ['Studiecirkel: Sverige och samhället (SFI-stöd)']);
    assert.deepEqual(resultTitles(await page('/sv/kommun/1860/aktiviteter?q=kaffe+svenska')), ['Språkcafé på biblioteket']);
    assert.deepEqual(resultTitles(await page('/sv/kommun/1860/aktiviteter?day=3')), ['Fotboll för alla']);
    const tuesdays = await page('/sv/kommun/1860/aktiviteter?day=2');
    assert.deepEqual(resultTitles(tuesdays), ['Språkcafé på biblioteket']);
    assert.ok(!/onsdag/.test(tuesdays.slice(tuesdays.indexOf('resultat-rubrik'))), 'only Tuesday sessions are listed');
    const sixYearOld = resultTitles(await page('/sv/kommun/1860/aktiviteter?age=6'));
    assert.ok(!sixYearOld.includes('Språkcafé på biblioteket') && !sixYearOld.includes('Fotboll för alla'), sixYearOld.join(', '));
    const none = await page('/sv/kommun/1860/aktiviteter?category=sport&day=2');
    assert.match(none, /<h2 id="resultat-rubrik">0 aktiviteter hittades<\/h2>/);
    assert.match(none, /Inga aktiviteter matchar sökningen/);
    // The filters stay in the form and in the feed's address.
    assert.match(none, /<option value="sport" selected="">/);
    assert.match(none, /activities\.ics\?category=sport/);
  });

  it('never shows a pending activity; once the coordinator approves it, it is listed and has its page', async () => {
    const pending = await create(reporter, { ...base('Pysselkväll för alla'), submit: true });
    assert.equal(pending.status, 'pending');
    const before = await page('/sv/kommun/1860/aktiviteter');
    assert.ok(!before.includes('Pysselkväll'), 'pending is not public');
    assert.ok(!(await page('/sv/kommun/1860/aktiviteter?q=pyssel')).includes('Pysselkväll'));
    const missing = await page(`/sv/kommun/1860/aktiviteter/${pending.id}`, 404);
    assert.match(missing, /Sidan finns inte/);
    assert.ok(!missing.includes('Pysselkväll'));
    const published = await publish(pending);
    assert.equal(published.status, 'published');
    assert.ok(resultTitles(await page('/sv/kommun/1860/aktiviteter')).includes('Pysselkväll för alla'));
    const own = await page(`/sv/kommun/1860/aktiviteter/${pending.id}`);
    assert.match(own, /<h1>Pysselkväll för alla<\/h1>/);
    assert.match(own, /Fritidsgården, 0584-111 11/, 'the contact the activity publishes');
    assert.match(own, /<dt>Språk som talas<\/dt><dd>svenska, ukrainska<\/dd>/);
    // Free of charge: the new one costs 50 kr.
    assert.ok(!resultTitles(await page('/sv/kommun/1860/aktiviteter?free=1')).includes('Pysselkväll för alla'));
    assert.ok(resultTitles(await page('/sv/kommun/1860/aktiviteter?free=1')).includes('Fotboll för alla'));
    // An organiser's edit sends it back to moderation: off the public pages again.
    const edited = await t.request('PATCH', `/api/activities/${pending.id}`, {
      cookie: reporter,
      body: { version: published.version, title: 'Pysselkväll, ändrad' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json<ActivityView>().status, 'pending');
    await page(`/sv/kommun/1860/aktiviteter/${pending.id}`, 404);
    assert.ok(!(await page('/sv/kommun/1860/aktiviteter')).includes('Pysselkväll'));
    await publish(edited.json<ActivityView>());
  });

  it('shows an activity: organiser, place, accessibility, languages, sessions (cancelled marked), calendar', async () => {
    const list = await page('/sv/kommun/1860/aktiviteter?q=språkcafé');
    const id = /href="\/sv\/kommun\/1860\/aktiviteter\/([0-9a-f-]{36})"/.exec(list)?.[1];
    assert.ok(id);
    const html = await page(`/sv/kommun/1860/aktiviteter/${id}`);
    assert.match(html, /<h1>Språkcafé på biblioteket<\/h1>/);
    assert.match(html, /<dt>Arrangör<\/dt><dd>Laxå Språkvänner \(exempel\)<\/dd>/);
    assert.match(html, /<dt>Tillgänglighet<\/dt><dd>Entré i markplan, hiss och tillgänglig toalett\. Hörslinga\.<\/dd>/);
    assert.match(html, /<h2 id="tillfallen-rubrik">Kommande tillfällen<\/h2>/);
    assert.equal((html.match(/class="occurrence( occurrence-cancelled)?"/g) ?? []).length, 10, 'the next ten sessions');
    assert.match(html, /occurrence-cancelled/);
    assert.match(html, /Biblioteket håller stängt för inventering/);
    assert.match(html, /activities\.ics/);
    assert.ok(!html.includes('ordforande@example.org'));
    // Another municipality's address for it, an unknown id and no id at all are "not found" pages.
    await page(`/sv/kommun/1864/aktiviteter/${id}`, 404);
    const unknown = await page('/sv/kommun/1860/aktiviteter/00000000-0000-4000-8000-000000000000', 404);
    assert.match(unknown, /<html lang="sv" dir="ltr">/);
    await page('/ar/kommun/1860/aktiviteter/inte-ett-id', 404);
    await page('/sv/kommun/9999/aktiviteter', 404);
  });

  it('pages through many results with links that keep the search', async () => {
    for (let i = 1; i <= PAGE_SIZE; i++)
      await publish(await create(coordinator, base(`Stickcafé ${String(i).padStart(2, '0')}`, { category: 'culture' })));
    const first = await page('/sv/kommun/1860/aktiviteter?category=culture');
    assert.equal(resultTitles(first).length, PAGE_SIZE);
    assert.match(first, /<h2 id="resultat-rubrik">10 aktiviteter hittades<\/h2>/);
    const all = await page('/sv/kommun/1860/aktiviteter');
    const total = Number(/<h2 id="resultat-rubrik">(\d+) aktiviteter hittades<\/h2>/.exec(all)?.[1]);
    assert.ok(total > PAGE_SIZE);
    assert.match(all, /<nav class="pagination" aria-label="Sidor med sökresultat">/);
    assert.match(all, /<a href="\/sv\/kommun\/1860\/aktiviteter\?page=2" rel="next">Nästa sida<\/a>/);
    assert.match(all, /<title>Aktiviteter i Laxå \(sida 1 av 2\)/);
    const second = await page('/sv/kommun/1860/aktiviteter?page=2');
    assert.equal(resultTitles(second).length, total - PAGE_SIZE);
    assert.match(second, /aria-current="page" aria-label="Sida 2"/);
    assert.ok(
      resultTitles(second).every((title) => !resultTitles(all).includes(title)),
      'no result on two pages',
    );
    const filtered = await page('/sv/kommun/1860/aktiviteter?free=1&page=1');
    assert.ok(!/class="pagination"/.test(filtered));
    await page('/sv/kommun/1860/aktiviteter?page=3', 404);
    await page('/sv/kommun/1860/aktiviteter?page=x', 404);
  });

  it('refuses a malformed search with the problem tied to its field, in the reader’s language', async () => {
    const html = await page('/sv/kommun/1860/aktiviteter?from=2026-02-30&age=gammal', 400);
    const from = /<input type="date" id="falt-from"[^>]*>/.exec(html)?.[0] ?? '';
    assert.match(from, /aria-describedby="falt-from-tips falt-from-fel"/);
    assert.match(from, /aria-invalid="true"/);
    assert.match(html, /<span id="falt-from-fel" class="field-error">Skriv datumet som ÅÅÅÅ-MM-DD\.<\/span>/);
    assert.match(
      /<input [^>]*id="falt-age"[^>]*>/.exec(html)?.[0] ?? '',
      /aria-describedby="falt-age-tips falt-age-fel" aria-invalid="true"/,
    );
    assert.ok(!html.includes('resultat-rubrik'));
    const english = await page(`/en/kommun/1860/aktiviteter?from=${addDays(today, 10)}&to=${today}`, 400);
    assert.match(english, /The end date is before the start date\./);
  });

  it('is Arabic and right to left in Arabic, with translated titles and Swedish ones marked', async () => {
    const html = await page('/ar/kommun/1860/aktiviteter?category=language');
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /مقهى اللغة في المكتبة/, 'the translation the organiser entered');
    assert.match(
      await page('/ar/kommun/1860/aktiviteter?category=sport'),
      /<a href="[^"]+" lang="sv" dir="ltr">Fotboll för alla<\/a> <span class="not-translated">/,
    );
    assert.match(html, /<h2 id="resultat-rubrik">تم العثور على/);
    assert.match(html, /<option value="ar">العربية<\/option>/);
    assert.match(html, /<time dateTime="[^"]+" class="occurrence-time">الثلاثاء/, 'days in Arabic');
    const list = await page('/sv/kommun/1860/aktiviteter?q=språkcafé');
    const id = /href="\/sv\/kommun\/1860\/aktiviteter\/([0-9a-f-]{36})"/.exec(list)?.[1] as string;
    const one = await page(`/ar/kommun/1860/aktiviteter/${id}`);
    assert.match(one, /<html lang="ar" dir="rtl">/);
    assert.match(one, /<h1>مقهى اللغة في المكتبة<\/h1>/);
    assert.match(one, /<span lang="sv" dir="ltr">Laxå Språkvänner \(exempel\)<\/span>/);
    assert.match(one, /activities\.ics\?lang=ar/);
    assert.match(
      one,
      /<li><span lang="sv" dir="ltr"><a href="\/ar\/kommun\/1860\/plan\/[0-9a-f-]{36}\/punkt\/[0-9a-f-]{36}">Delmål 2, [^<]+<\/a>: /,
      'the plan items it serves, untranslated as one Swedish line',
    );
  });
});
