import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { seedDemoFollowUp } from '../follow-up/demo.ts';
import { seedDemoGuide } from '../newcomer-guide/demo.ts';
import { parseSelection, topAreas } from './pages/compare.tsx';

/** The newcomer guide (/ny-i-kommunen), the comparison (/jamfor) and the accessibility statement (/tillganglighet). */
await forEachStore('portal information pages', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind, { ACCESSIBILITY_CONTACT: 'tillganglighet@kalix.example' });
    await seedDemoGuide(t.store.db);
    // The example follow-up cycles: the comparison's progress comes from their approved reports.
    await seedDemoFollowUp(t.store.db);
  });
  after(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const frame = (body: string, lang: string, dir: 'ltr' | 'rtl') => {
    assert.match(body, new RegExp(`^<!doctype html><html lang="${lang}" dir="${dir}">`));
    assert.equal(body.match(/<h1[ >]/g)?.length, 1, 'one h1');
    assert.doesNotMatch(body, /<script/i);
    assert.doesNotMatch(body, /style="/);
  };

  it('shows who does what for newcomers, as a table and per actor, with national help', async () => {
    const res = await get('/sv/kommun/2514/ny-i-kommunen');
    assert.equal(res.statusCode, 200);
    frame(res.body, 'sv', 'ltr');
    assert.match(res.body, /<h1>Ny i Kalix<\/h1>/);
    assert.match(res.body, /<th scope="col">Aktör<\/th>/);
    assert.match(res.body, /<th scope="row"><a href="#aktor-1">Arbetsförmedlingen<\/a><\/th>/);
    assert.match(res.body, /<li>Svenska för invandrare \(SFI\)<\/li>/);
    assert.match(res.body, /Integrations- och arbetsmarknadsenheten/);
    assert.match(res.body, /href="https:\/\/www.1177.se"/);
    assert.match(res.body, /informationsverige.se/);
    assert.match(res.body, /exempel i demonstrationen/);
  });

  it('shows the guide in Arabic right to left, with the Swedish entries marked as Swedish', async () => {
    const res = await get('/ar/kommun/2514/ny-i-kommunen');
    assert.equal(res.statusCode, 200);
    frame(res.body, 'ar', 'rtl');
    assert.match(res.body, /جديد في Kalix/);
    assert.match(res.body, /<span lang="sv" dir="ltr">Arbetsförmedlingen<\/span>/);
    assert.match(res.body, /غير مترجم/);
    assert.match(res.body, /href="https:\/\/www.informationsverige.se\/ar\/" hrefLang="ar"/);
  });

  it('says so when a municipality has no guide yet, and 404s an unknown one', async () => {
    const empty = await get('/en/kommun/0180/ny-i-kommunen');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /has not filled in this page yet/);
    assert.equal((await get('/sv/kommun/9999/ny-i-kommunen')).statusCode, 404);
  });

  it('compares two chosen municipalities by framework, area and progress', async () => {
    const res = await get('/sv/jamfor?kommun=1860&kommun=2514');
    assert.equal(res.statusCode, 200);
    frame(res.body, 'sv', 'ltr');
    for (const name of ['Laxå', 'Kalix']) assert.match(res.body, new RegExp(`<th scope="col">${name}</th>`));
    assert.doesNotMatch(res.body, /<th scope="col">Laholm<\/th>/);
    assert.match(res.body, /<caption>EU:s elva grundprinciper för integration: täckta principer per kommun<\/caption>/);
    assert.match(res.body, /Täckt \(\d+\)/);
    assert.match(res.body, /\d+ av 11/);
    assert.match(res.body, /<h2 id="omraden-rubrik">Områden<\/h2>/);
    assert.match(res.body, /<h2 id="framdrift-rubrik">Hur arbetet går<\/h2>/);
    const progress = res.body.slice(res.body.indexOf('framdrift-rubrik'));
    assert.match(progress, /<th scope="row">Laxå<\/th><td>.*?\(exempel\)/);
    assert.match(progress, /<td class="number">\d+\s%<\/td>/);
    assert.match(progress, /<svg viewBox="0 0 100 10"/);
    assert.match(progress, /class="compare-bars" aria-hidden="true"/);
    assert.match(res.body, /id="kommun-1860" name="kommun" checked="" value="1860"/);
    assert.match(res.body, /id="kommun-1381" name="kommun" value="1381"/);
    assert.match(res.body, /<a href="[^"]+\/punkt\/[^"]+">Arbete och introduktion<\/a>/);
    // The selection is the address: the share link and the language links keep it.
    assert.match(res.body, /href="\/ar\/jamfor\?kommun=1860&amp;kommun=2514"/);
  });

  it('compares every municipality with a public plan when nothing is chosen, in Arabic right to left', async () => {
    const res = await get('/ar/jamfor');
    assert.equal(res.statusCode, 200);
    frame(res.body, 'ar', 'rtl');
    for (const name of ['Laxå', 'Ljusnarsberg', 'Laholm', 'Österåker', 'Kalix'])
      assert.match(res.body, new RegExp(`<th scope="col">${name}</th>`));
  });

  it('explains that two are needed when fewer are chosen, without an error', async () => {
    for (const url of ['/sv/jamfor?kommun=1860', '/sv/jamfor?vald=1', '/sv/jamfor?kommun=1860&kommun=9999']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /Välj minst två kommuner för att jämföra/, url);
      assert.doesNotMatch(res.body, /framdrift-rubrik/, url);
    }
    assert.match((await get('/sv/jamfor?kommun=1860&kommun=9999')).body, /hoppades över: 9999/);
  });

  it('publishes the accessibility statement under the headings Digg requires, honestly partly compliant', async () => {
    const res = await get('/sv/tillganglighet');
    assert.equal(res.statusCode, 200);
    frame(res.body, 'sv', 'ltr');
    for (const heading of [
      'Hur tillgänglig är webbplatsen?',
      'Rapportera brister i webbplatsens tillgänglighet',
      'Tillsyn',
      'Teknisk information om webbplatsens tillgänglighet',
      'Innehåll som inte är tillgängligt',
      'Hur vi testat webbplatsen',
    ])
      assert.ok(res.body.includes(`>${heading}</h2>`), heading);
    assert.match(res.body, /delvis förenlig med lagen om tillgänglighet till digital offentlig service/);
    assert.match(res.body, /href="mailto:tillganglighet@kalix.example"/);
    assert.match(res.body, /href="https:\/\/www.digg.se\/tdosanmalan"/);
    assert.match(res.body, /skärmläsare har inte gjorts ännu/);
    assert.match(res.body, /uppdaterades senast den 3 december 2026/);
    const ar = await get('/ar/tillganglighet');
    assert.equal(ar.statusCode, 200);
    frame(ar.body, 'ar', 'rtl');
    assert.match(ar.body, /بيان إمكانية الوصول/);
  });
});

describe('comparison selection', () => {
  const all = ['0117', '1381', '1860'];
  it('is everything without parameters, nothing for a submitted empty form, the known codes otherwise', () => {
    assert.deepEqual(parseSelection({}, all), { chosen: all, skipped: [] });
    assert.deepEqual(parseSelection({ vald: '1' }, all), { chosen: [], skipped: [] });
    assert.deepEqual(parseSelection({ kommun: ['1860', '0117', '1860', 'x'] }, all), { chosen: ['0117', '1860'], skipped: ['x'] });
    assert.deepEqual(parseSelection({ kommun: '1381' }, all), { chosen: ['1381'], skipped: [] });
  });

  it("takes a plan's areas as the outline has them, the outermost ones in reading order", () => {
    const items = [
      { id: 'note', parentId: null, kind: 'note', position: 0 },
      { id: 'a2', parentId: null, kind: 'area', position: 2 },
      { id: 'a1', parentId: null, kind: 'area', position: 1 },
      { id: 'sub', parentId: 'a1', kind: 'area', position: 0 },
      { id: 'vision', parentId: null, kind: 'vision', position: 3 },
      { id: 'deep', parentId: 'vision', kind: 'area', position: 0 },
    ];
    assert.deepEqual(
      topAreas(items).map((i) => i.id),
      ['a1', 'a2', 'deep'],
    );
  });
});
