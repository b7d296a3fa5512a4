import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { ApplicationView } from '../fund/applications.ts';
import { seedDemoFund } from '../fund/demo.ts';
import type { FundOverview } from '../fund/service.ts';
import { formatSek } from './pages/fund.tsx';

await forEachStore('public fund page', (kind) => {
  let t: TestApp;
  let openCall: FundOverview['funds'][number]['calls'][number];
  const page = async (url: string, status = 200) => {
    const res = await t.request('GET', url);
    assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 300)}`);
    assert.match(String(res.headers['content-type']), /text\/html/);
    return res.body;
  };

  before(async () => {
    t = await startTestApp(kind);
    await seedDemoFund(t.store.db);
    const overview = (await t.request('GET', '/api/municipalities/2514/fund')).json<FundOverview>();
    const call = overview.funds.flatMap((f) => f.calls).find((c) => c.phase === 'open');
    assert.ok(call, 'the demo has an open call in Kalix');
    openCall = call;
  });
  after(() => t.close());

  it('shows the open call: purpose, budget, deadline, criteria and how to apply (in Swedish, said so)', async () => {
    const html = await page('/sv/kommun/2514/fonden');
    assert.match(html, /<h1>Integrationsfonden i Kalix<\/h1>/);
    assert.match(html, /<h2 id="utlysningar-rubrik">Öppna utlysningar<\/h2>/);
    assert.ok(html.includes(`${openCall.title} <span class="badge">Exempel</span>`), 'the open call, marked example');
    assert.ok(html.includes('Beloppet är ett exempel: planen anger inget.'), 'its purpose');
    assert.match(html, /<dt>Budget<\/dt><dd>250\s000\skr<\/dd>/);
    assert.match(html, new RegExp(`<dt>Sista ansökningsdag</dt><dd><time dateTime="${openCall.deadline}">31 mars \\d{4}</time>`));
    assert.match(html, /<strong>Bidrar till integrationsplanens mål<\/strong>/);
    assert.match(html, /Vikt 3/);
    assert.match(html, /<a class="button" href="\/kommuner\/2514\/fonden" hrefLang="sv">Ansök om pengar ur fonden<\/a>/);
    assert.ok(!html.includes('Integrationsfonden 2016 <span'), 'a decided call is not among the open ones');
    const english = await page('/en/kommun/2514/fonden');
    assert.match(english, /Apply for money from the fund<\/a> <span class="muted">\(in Swedish\)<\/span>/);
    assert.match(english, /<dt>Budget<\/dt><dd>SEK\s250,000<\/dd>/);
  });

  it('lists granted decisions, not rejections, and never an application’s draft or undecided text', async () => {
    const applicant = await t.login('kalix.forening');
    const created = await t.request('POST', `/api/fund/calls/${openCall.id}/applications`, {
      cookie: applicant,
      body: {
        title: 'Hemligt utkast om nattfiske',
        purpose: 'Detta syfte får bara föreningen läsa',
        targetGroup: 'Nattugglor',
        startDate: `${openCall.periodFrom.slice(0, 4)}-02-01`,
        endDate: `${openCall.periodFrom.slice(0, 4)}-10-31`,
        activities: [{ description: 'Första natten', date: `${openCall.periodFrom.slice(0, 4)}-02-02` }],
        budgetLines: [{ description: 'Spön', amountSek: 12345 }],
        coFinancing: [],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const draft = created.json<ApplicationView>();
    assert.equal(draft.status, 'draft');

    const html = await page('/sv/kommun/2514/fonden');
    assert.match(html, /<h2 id="beslut-rubrik">Beslut<\/h2>/);
    const decisions = html.slice(html.indexOf('beslut-rubrik'), html.indexOf('budget-rubrik'));
    assert.match(decisions, /<caption>Beviljade bidrag ur /);
    assert.match(
      decisions,
      /<th scope="row">Mötesplats biblioteket <span class="badge">Exempel<\/span><\/th><td>Kalix kommun, Kultur och fritid \(exempel\)<\/td><td class="number">120\s000\skr<\/td><td><time dateTime="2016-04-25">25 april 2016<\/time><\/td><td>Kommunstyrelsen § 88<\/td>/,
    );
    assert.ok(!decisions.includes('Fadderfamiljer'), 'a rejection is not published');
    for (const secret of ['Hemligt utkast', 'nattfiske', 'Detta syfte', 'Nattugglor', 'Spön', '12\u00a0345', '12 345'])
      assert.ok(!html.includes(secret), `the draft's "${secret}" is not on the page`);

    // Submitted but not decided: still the municipality's to assess, not the public's.
    const withPurpose = await t.request('POST', `/api/fund/applications/${draft.id}/submit`, {
      cookie: applicant,
      body: { version: draft.version },
    });
    assert.equal(withPurpose.statusCode, 200, withPurpose.body);
    assert.equal(withPurpose.json<ApplicationView>().status, 'submitted');
    const after = await page('/sv/kommun/2514/fonden');
    assert.ok(!after.includes('Hemligt utkast') && !after.includes('Detta syfte'));
  });

  it('is Arabic and right to left in Arabic, amounts in the reader’s language, Swedish names marked', async () => {
    const html = await page('/ar/kommun/2514/fonden');
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /<h1>صندوق الاندماج في Kalix<\/h1>/);
    assert.ok(html.includes(`<td class="number">${formatSek('ar', 120000)}</td>`));
    assert.match(formatSek('ar', 120000), /120,000/);
    assert.match(html, /<span lang="sv" dir="ltr">Mötesplats biblioteket<\/span>/);
    assert.match(html, /باللغة السويدية/);
    const dari = await page('/prs/kommun/2514/fonden');
    assert.match(dari, /<html lang="prs" dir="rtl">/);
    assert.ok(dari.includes(`<td class="number">${formatSek('prs', 120000)}</td>`), 'amounts as Dari writes them');
  });

  it('says so when a municipality has no fund, and 404s an unknown municipality', async () => {
    const html = await page('/sv/kommun/0180/fonden');
    assert.match(html, /Kommunen har ingen integrationsfond i Delaktig\./);
    await page('/sv/kommun/9999/fonden', 404);
  });
});
