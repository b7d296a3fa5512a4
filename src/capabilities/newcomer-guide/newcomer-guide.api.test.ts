import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { seedDemoGuide } from './demo.ts';
import type { GuideEntryView } from './service.ts';

type Guide = { entries: GuideEntryView[]; canEdit: boolean };

await forEachStore('newcomer guide API', (kind) => {
  let t: TestApp;
  let kalix: string;
  let laxa: string;
  let reporter: string;
  before(async () => {
    t = await startTestApp(kind);
    await seedDemoGuide(t.store.db);
    kalix = await t.login('kalix.samordnare');
    laxa = await t.login('laxa.samordnare');
    reporter = await t.login('kalix.rapportor');
  });
  after(() => t.close());

  const guide = async (code: string, cookie?: string) => {
    const res = await t.request('GET', `/api/municipalities/${code}/guide`, cookie ? { cookie } : {});
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Guide>();
  };

  it("lets anyone read a guide; Kalix's is its plan's annex 2, in the annex's order", async () => {
    const kalixGuide = await guide('2514');
    assert.equal(kalixGuide.canEdit, false);
    assert.deepEqual(
      kalixGuide.entries.map((e) => e.actor),
      ['Arbetsförmedlingen', 'Landstinget', 'Kalix kommun', 'Migrationsverket', 'Försäkringskassan', 'Länsstyrelsen'],
    );
    assert.deepEqual(
      kalixGuide.entries.map((e) => e.position),
      [0, 1, 2, 3, 4, 5],
    );
    assert.match(kalixGuide.entries[2]?.help ?? '', /Integrations- och arbetsmarknadsenheten/);
    assert.match(kalixGuide.entries[5]?.responsibilities ?? '', /Handläggning av § 37\/\(a\)-medel/);
    for (const code of ['1860', '1864', '1381', '0117']) {
      const other = await guide(code);
      assert.ok(other.entries.length >= 6, code);
      assert.ok(other.entries.every((e) => e.example));
    }
    assert.equal((await guide('2514', kalix)).canEdit, true);
    assert.equal((await guide('2514', laxa)).canEdit, false);
  });

  it('lets the coordinator add, edit, move and remove entries, each in one audited step', async () => {
    const created = await t.request('POST', '/api/municipalities/2514/guide', {
      cookie: kalix,
      body: {
        actor: 'Skatteverket',
        responsibilities: 'Folkbokföring\nId-kort',
        help: 'Servicekontoret i Kalix',
        url: 'https://www.skatteverket.se',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const entry = created.json<GuideEntryView>();
    assert.equal(entry.position, 6);
    assert.equal(entry.updatedBy, 'kalix.samordnare');

    const moved = await t.request('PATCH', `/api/guide/${entry.id}`, { cookie: kalix, body: { version: entry.version, position: 1 } });
    assert.equal(moved.statusCode, 200, moved.body);
    const afterMove = await guide('2514');
    assert.deepEqual(
      afterMove.entries.slice(0, 3).map((e) => e.actor),
      ['Arbetsförmedlingen', 'Skatteverket', 'Landstinget'],
    );
    assert.deepEqual(
      afterMove.entries.map((e) => e.position),
      [0, 1, 2, 3, 4, 5, 6],
    );

    const edited = await t.request('PATCH', `/api/guide/${entry.id}`, {
      cookie: kalix,
      body: { version: moved.json<GuideEntryView>().version, help: 'Skatteupplysningen 0771-567 567' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json<GuideEntryView>().help, 'Skatteupplysningen 0771-567 567');

    const removed = await t.request('DELETE', `/api/guide/${entry.id}?version=${edited.json<GuideEntryView>().version}`, { cookie: kalix });
    assert.equal(removed.statusCode, 204, removed.body);
    const afterRemove = await guide('2514');
    assert.equal(afterRemove.entries.length, 6);
    assert.deepEqual(
      afterRemove.entries.map((e) => e.position),
      [0, 1, 2, 3, 4, 5],
    );

    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'username', 'municipality_code'])
      .where('entity_id', '=', entry.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['guide.create', 'guide.move', 'guide.update', 'guide.delete'],
    );
    assert.ok(audit.every((a) => a.username === 'kalix.samordnare' && a.municipality_code === '2514'));
  });

  it("refuses another municipality's coordinator, a reporter and the public", async () => {
    const [first] = (await guide('2514')).entries;
    assert.ok(first);
    const body = { actor: 'Skatteverket', responsibilities: 'Folkbokföring', help: '', url: null };
    assert.equal((await t.request('POST', '/api/municipalities/2514/guide', { cookie: laxa, body })).statusCode, 403);
    assert.equal((await t.request('POST', '/api/municipalities/2514/guide', { cookie: reporter, body })).statusCode, 403);
    assert.equal((await t.request('POST', '/api/municipalities/2514/guide', { body })).statusCode, 401);
    assert.equal(
      (await t.request('PATCH', `/api/guide/${first.id}`, { cookie: laxa, body: { version: first.version, help: 'x' } })).statusCode,
      403,
    );
    assert.equal((await t.request('DELETE', `/api/guide/${first.id}?version=${first.version}`, { cookie: laxa })).statusCode, 403);
    assert.equal((await guide('2514')).entries.length, 6);
  });

  it('refuses a stale version with 409 and the saved entry, changing nothing', async () => {
    const [first] = (await guide('2514')).entries;
    assert.ok(first);
    const ok = await t.request('PATCH', `/api/guide/${first.id}`, {
      cookie: kalix,
      body: { version: first.version, help: 'Boka möte på webben.' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const stale = await t.request('PATCH', `/api/guide/${first.id}`, {
      cookie: kalix,
      body: { version: first.version, help: 'Gammal text' },
    });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json<{ current: GuideEntryView }>().current.help, 'Boka möte på webben.');
    const staleDelete = await t.request('DELETE', `/api/guide/${first.id}?version=${first.version}`, { cookie: kalix });
    assert.equal(staleDelete.statusCode, 409);
    assert.equal((await guide('2514')).entries[0]?.help, 'Boka möte på webben.');
  });

  it('refuses what a public page must not show, naming the field', async () => {
    const res = await t.request('POST', '/api/municipalities/2514/guide', {
      cookie: kalix,
      body: { actor: 'Socialtjänsten', responsibilities: 'Försörjningsstöd', help: 'Mejla anna.andersson@kalix.se', url: null },
    });
    assert.equal(res.statusCode, 400);
    const problem = res.json<{ details: { path: string; message: string }[] }>();
    assert.equal(problem.details[0]?.path, '/help');
    assert.match(problem.details[0]?.message ?? '', /offentlig/);
    const noActor = await t.request('POST', '/api/municipalities/2514/guide', {
      cookie: kalix,
      body: { actor: ' ', responsibilities: 'x', help: '', url: null },
    });
    assert.equal(noActor.statusCode, 400);
    assert.equal(noActor.json<{ details: { path: string }[] }>().details[0]?.path, '/actor');
  });

  it('shows an added entry on the public page, and an unknown municipality is a 404', async () => {
    const created = await t.request('POST', '/api/municipalities/2514/guide', {
      cookie: kalix,
      body: { actor: 'Medborgarkontoret i Kalix', responsibilities: 'Hjälp med blanketter', help: 'Öppet vardagar 9–16', url: null },
    });
    assert.equal(created.statusCode, 201, created.body);
    const page = await t.request('GET', '/sv/kommun/2514/ny-i-kommunen');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Medborgarkontoret i Kalix/);
    assert.match(page.body, /Öppet vardagar 9–16/);
    assert.equal((await t.request('GET', '/api/municipalities/9999/guide')).statusCode, 404);
  });

  it("shows a translated entry in the reader's language, and a removed entry takes its translations with it", async () => {
    const created = await t.request('POST', '/api/municipalities/2514/guide', {
      cookie: kalix,
      body: { actor: 'Tolkcentralen', responsibilities: 'Tolkning vid besök\nÖversättning av brev', help: 'Boka via kommunen', url: null },
    });
    assert.equal(created.statusCode, 201, created.body);
    const entry = created.json<GuideEntryView>();
    await t.store.db
      .insertInto('content_translation')
      .values({
        municipality_code: '2514',
        kind: 'guide',
        entity_id: entry.id,
        lang: 'ar',
        title: 'مركز الترجمة الفورية',
        description: 'الترجمة الفورية أثناء الزيارات\nترجمة الرسائل',
        updated_by: 'kalix.samordnare',
      })
      .execute();
    const ar = await t.request('GET', '/ar/kommun/2514/ny-i-kommunen');
    assert.match(ar.body, /<a href="#aktor-\d+">مركز الترجمة الفورية<\/a>/);
    assert.match(ar.body, /<li>ترجمة الرسائل<\/li>/);
    // The contact text is not translated: it stays Swedish, marked so.
    assert.match(ar.body, /<p lang="sv" dir="ltr">Boka via kommunen<\/p>/);
    const sv = await t.request('GET', '/sv/kommun/2514/ny-i-kommunen');
    assert.match(sv.body, /<li>Översättning av brev<\/li>/);

    const removed = await t.request('DELETE', `/api/guide/${entry.id}?version=${entry.version}`, { cookie: kalix });
    assert.equal(removed.statusCode, 204);
    const left = await t.store.db.selectFrom('content_translation').select('id').where('entity_id', '=', entry.id).execute();
    assert.equal(left.length, 0);
  });
});
