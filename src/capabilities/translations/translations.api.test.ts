import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { ADMIN_PASSWORD } from '../../../test/support/stores.ts';
import { seedDemoCatalogue } from '../catalogue/demo.ts';
import { loadTranslations, type EntityTranslations } from './service.ts';

interface ErrorBody {
  error: string;
  message: string;
  details?: { path: string; message: string }[];
  current?: unknown;
}

await forEachStore('content translations', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let reader: string;
  let reporter: string;
  let otherCoordinator: string;
  let admin: string;
  let planId: string;
  let itemId: string;
  let otherItemId: string;

  const url = (k: string, id: string, lang?: string) => `/api/translations/${k}/${id}${lang ? `/${lang}` : ''}`;
  const put = (cookie: string | undefined, k: string, id: string, lang: string, body: unknown) =>
    t.request('PUT', url(k, id, lang), { ...(cookie ? { cookie } : {}), body });
  const get = (cookie: string | undefined, k: string, id: string) => t.request('GET', url(k, id), cookie ? { cookie } : {});
  const ok = <T = EntityTranslations>(res: { statusCode: number; body: string; json<U>(): U }, status = 200): T => {
    assert.equal(res.statusCode, status, res.body);
    return res.json<T>();
  };

  before(async () => {
    t = await startTestApp(kind);
    coordinator = await t.login('laxa.samordnare');
    reader = await t.login('laxa.lasare');
    reporter = await t.login('laxa.rapportor');
    otherCoordinator = await t.login('ljusnarsberg.samordnare');
    admin = await t.login('admin', ADMIN_PASSWORD);
    const plan = await t.store.db
      .selectFrom('document')
      .select('id')
      .where('municipality_code', '=', '1860')
      .where('status', '=', 'adopted')
      .executeTakeFirstOrThrow();
    planId = plan.id;
    const items = await t.store.db.selectFrom('item').select('id').where('document_id', '=', planId).orderBy('position').limit(2).execute();
    itemId = items[0]?.id as string;
    otherItemId = items[1]?.id as string;
  });
  after(() => t.close());

  it('saves a translation, lists it with the Swedish original, and loads it for a public page', async () => {
    const saved = ok(await put(coordinator, 'item', itemId, 'ar', { title: '  المزيد من الناس في العمل  ' }));
    assert.equal(saved.canEdit, true);
    assert.equal(saved.municipalityCode, '1860');
    assert.deepEqual(saved.fields, { description: false, html: false });
    const ar = saved.translations.find((x) => x.lang === 'ar');
    assert.equal(ar?.title, 'المزيد من الناس في العمل');
    assert.equal(ar?.version, 1);
    assert.equal(ar?.updatedBy, 'laxa.samordnare');

    const listed = ok(await get(reader, 'item', itemId));
    const swedish = await t.store.db.selectFrom('item').select('text').where('id', '=', itemId).executeTakeFirstOrThrow();
    assert.equal(listed.original.title, swedish.text);
    assert.equal(listed.canEdit, false, 'a reader sees translations but may not change them');
    assert.deepEqual(
      listed.translations.map((x) => x.lang),
      ['ar'],
    );

    const map = await loadTranslations(t.store.db, 'item', [itemId, otherItemId, 'not-an-id'], 'ar');
    assert.deepEqual([...map.entries()], [[itemId, { title: 'المزيد من الناس في العمل' }]]);
    assert.equal((await loadTranslations(t.store.db, 'item', [itemId], 'sv')).size, 0, 'Swedish is the original: no lookup');
    assert.equal((await loadTranslations(t.store.db, 'item', [itemId], 'so')).size, 0);
    assert.equal((await loadTranslations(t.store.db, 'item', [], 'ar')).size, 0);
  });

  it('writes an audit entry in the same transaction', async () => {
    const entries = await t.store.db
      .selectFrom('audit_log')
      .select(['username', 'municipality_code', 'entity_type', 'before', 'after'])
      .where('action', '=', 'translation.save')
      .where('entity_id', '=', itemId)
      .execute();
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.username, 'laxa.samordnare');
    assert.equal(entries[0]?.municipality_code, '1860');
    assert.equal(entries[0]?.entity_type, 'item');
    assert.equal(entries[0]?.before, null);
    assert.deepEqual(entries[0]?.after, { lang: 'ar', title: 'المزيد من الناس في العمل', description: null });
  });

  it('changes a translation on its version, and refuses a stale one with the saved translation', async () => {
    const changed = ok(await put(coordinator, 'item', itemId, 'ar', { title: 'المزيد في العمل', version: 1 }));
    assert.equal(changed.translations.find((x) => x.lang === 'ar')?.version, 2);

    const stale = await put(admin, 'item', itemId, 'ar', { title: 'قديم', version: 1 });
    assert.equal(stale.statusCode, 409, stale.body);
    const body = stale.json<ErrorBody>();
    assert.match(body.message, /har ändrats av någon annan/);
    assert.deepEqual((body.current as { title: string; version: number }).version, 2);
    assert.equal((body.current as { title: string }).title, 'المزيد في العمل');

    // Adding without a version where one exists is just as stale: the other person's text is not overwritten.
    const added = await put(coordinator, 'item', itemId, 'ar', { title: 'جديد' });
    assert.equal(added.statusCode, 409, added.body);
    // A version sent for a language nobody has translated: based on something since removed.
    const gone = await put(coordinator, 'item', itemId, 'ti', { title: 'ብዙሕ', version: 3 });
    assert.equal(gone.statusCode, 409, gone.body);
  });

  it('lets only the municipality’s coordinators and administrators translate', async () => {
    const other = await put(otherCoordinator, 'item', itemId, 'en', { title: 'More people in work' });
    assert.equal(other.statusCode, 403, other.body);
    assert.match(other.json<ErrorBody>().message, /samordnare/);
    assert.equal((await put(reader, 'item', itemId, 'en', { title: 'More people in work' })).statusCode, 403);
    assert.equal((await put(reporter, 'item', itemId, 'en', { title: 'More people in work' })).statusCode, 403);
    assert.equal((await put(undefined, 'item', itemId, 'en', { title: 'More people in work' })).statusCode, 401);
    ok(await put(admin, 'item', itemId, 'en', { title: 'More people in work' }));
    const rows = await t.store.db
      .selectFrom('content_translation')
      .select('lang')
      .where('entity_id', '=', itemId)
      .orderBy('lang')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.lang),
      ['ar', 'en'],
      'the refused writes left nothing',
    );
  });

  it('says 404 for an entity that does not exist, and 400 in Swedish for a wrong language, kind or field', async () => {
    assert.equal((await put(coordinator, 'item', '6f1c3c4e-0000-4000-8000-000000000000', 'en', { title: 'x' })).statusCode, 404);
    const notId = await get(coordinator, 'item', 'nonsense');
    assert.equal(notId.statusCode, 404);
    assert.equal(notId.json<ErrorBody>().message, 'Punkten finns inte.');

    const swedish = await put(coordinator, 'item', itemId, 'sv', { title: 'Fler i arbete' });
    assert.equal(swedish.statusCode, 400, swedish.body);
    assert.deepEqual(
      swedish.json<ErrorBody>().details?.map((d) => d.path),
      ['/lang'],
    );
    assert.match(swedish.json<ErrorBody>().message, /Svenska är originaltexten och översätts inte/);

    const german = await put(coordinator, 'item', itemId, 'de', { title: 'Mehr Menschen in Arbeit' });
    assert.equal(german.statusCode, 400);
    assert.match(german.json<ErrorBody>().message, /Språket ”de” finns inte på de offentliga sidorna/);

    const unit = await get(coordinator, 'unit', itemId);
    assert.equal(unit.statusCode, 400);
    assert.match(unit.json<ErrorBody>().message, /”unit” går inte att översätta/);

    const empty = await put(coordinator, 'item', itemId, 'so', { title: '  ' });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(
      empty.json<ErrorBody>().details?.map((d) => d.path),
      ['/title'],
    );

    const description = await put(coordinator, 'item', itemId, 'so', { title: 'Dad badan oo shaqeeya', description: 'Faahfaahin' });
    assert.equal(description.statusCode, 400);
    assert.match(description.json<ErrorBody>().message, /Punkten har bara en text att översätta/);
  });

  it('keeps a draft’s items to the municipality: outsiders are told they do not exist', async () => {
    const draft = ok<{ id: string }>(
      await t.request('POST', '/api/municipalities/1860/plans', { cookie: coordinator, body: { title: 'Utkast till plan', kind: 'plan' } }),
      201,
    );
    const item = ok<{ id: string }>(
      await t.request('POST', `/api/plans/${draft.id}/items`, {
        cookie: coordinator,
        body: { parentId: null, kind: 'goal', label: 'Mål', text: 'Hemligt utkastmål' },
      }),
      201,
    );
    ok(await put(coordinator, 'item', item.id, 'en', { title: 'Secret draft goal' }));
    ok(await put(coordinator, 'document', draft.id, 'en', { title: 'Draft plan' }));

    assert.equal(ok(await get(reader, 'item', item.id)).translations[0]?.title, 'Secret draft goal', 'members read a draft');
    for (const [who, cookie] of [
      ['the public', undefined],
      ['another municipality', otherCoordinator],
    ] as const) {
      for (const [k, id] of [
        ['item', item.id],
        ['document', draft.id],
      ] as const) {
        const res = await get(cookie, k, id);
        assert.equal(res.statusCode, 404, `${who} reading the draft's ${k}: ${res.body}`);
        assert.doesNotMatch(res.body, /Secret|Draft plan/);
      }
    }
    assert.equal((await put(otherCoordinator, 'item', item.id, 'ar', { title: 'x' })).statusCode, 404);

    // Removing the item removes its translations: nothing is left behind to leak or to find later.
    ok(await t.request('DELETE', `/api/items/${item.id}?version=1`, { cookie: coordinator }));
    const left = await t.store.db.selectFrom('content_translation').select('id').where('entity_id', '=', item.id).execute();
    assert.equal(left.length, 0);
  });

  it('translates a plan’s title', async () => {
    const saved = ok(await put(coordinator, 'document', planId, 'so', { title: 'Qorshaha isdhexgalka ee Laxå' }));
    assert.match(saved.original.title, /Laxå/);
    const map = await loadTranslations(t.store.db, 'document', [planId], 'so');
    assert.equal(map.get(planId)?.title, 'Qorshaha isdhexgalka ee Laxå');
  });

  it('removes a translation on its version', async () => {
    const current = ok(await get(coordinator, 'item', itemId)).translations.find((x) => x.lang === 'en');
    assert.equal((await t.request('DELETE', `${url('item', itemId, 'en')}?version=9`, { cookie: coordinator })).statusCode, 409);
    assert.equal(
      (await t.request('DELETE', `${url('item', itemId, 'en')}?version=${current?.version}`, { cookie: reader })).statusCode,
      403,
    );
    const after = ok(await t.request('DELETE', `${url('item', itemId, 'en')}?version=${current?.version}`, { cookie: coordinator }));
    assert.deepEqual(
      after.translations.map((x) => x.lang),
      ['ar'],
    );
    assert.equal((await t.request('DELETE', `${url('item', itemId, 'en')}?version=1`, { cookie: coordinator })).statusCode, 404);
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select('before')
      .where('action', '=', 'translation.delete')
      .where('entity_id', '=', itemId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(audit.before, { lang: 'en', title: 'More people in work', description: null });
  });

  describe('activities', () => {
    let activityId: string;
    before(async () => {
      await seedDemoCatalogue(t.store.db);
      const a = await t.store.db
        .selectFrom('activity')
        .select(['id', 'translations'])
        .where('municipality_code', '=', '1860')
        .where('status', '=', 'published')
        .execute();
      const withEnglish = a.find((x) => x.translations.en !== undefined);
      assert.ok(withEnglish, 'the demo catalogue has an activity translated to English');
      activityId = withEnglish.id;
    });

    it('shows the catalogue’s own English translation until one is saved here', async () => {
      const listed = ok(await get(undefined, 'activity', activityId));
      const en = listed.translations.find((x) => x.lang === 'en');
      assert.equal(en?.version, null);
      assert.equal(listed.fields.description, true);
      const map = await loadTranslations(t.store.db, 'activity', [activityId], 'en');
      assert.equal(map.get(activityId)?.title, en?.title);
    });

    it('saves a title and a sanitised description, kept the same in the catalogue’s JSON', async () => {
      const saved = ok(
        await put(coordinator, 'activity', activityId, 'ar', {
          title: 'مقهى اللغة',
          description: '<p>تدرب على السويدية.</p><script>alert(1)</script>',
        }),
      );
      assert.equal(saved.translations.find((x) => x.lang === 'ar')?.description, '<p>تدرب على السويدية.</p>');
      const row = await t.store.db
        .selectFrom('activity')
        .select(['translations', 'version'])
        .where('id', '=', activityId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row.translations.ar, { title: 'مقهى اللغة', description: '<p>تدرب على السويدية.</p>' });
      const map = await loadTranslations(t.store.db, 'activity', [activityId], 'ar');
      assert.deepEqual(map.get(activityId), { title: 'مقهى اللغة', description: '<p>تدرب على السويدية.</p>' });

      // Saving the English over the catalogue's JSON makes it a row of its own; this row then wins.
      ok(await put(coordinator, 'activity', activityId, 'en', { title: 'Language café (new)' }));
      assert.equal((await loadTranslations(t.store.db, 'activity', [activityId], 'en')).get(activityId)?.title, 'Language café (new)');

      const v = ok(await get(coordinator, 'activity', activityId)).translations.find((x) => x.lang === 'ar')?.version;
      ok(await t.request('DELETE', `${url('activity', activityId, 'ar')}?version=${v}`, { cookie: coordinator }));
      const afterDelete = await t.store.db
        .selectFrom('activity')
        .select('translations')
        .where('id', '=', activityId)
        .executeTakeFirstOrThrow();
      assert.equal(afterDelete.translations.ar, undefined, 'a removed translation does not come back from the JSON');
      assert.equal((await loadTranslations(t.store.db, 'activity', [activityId], 'ar')).size, 0);
    });

    it('lets no reporter translate, even of the organising unit', async () => {
      assert.equal((await put(reporter, 'activity', activityId, 'ti', { title: 'ቋንቋ' })).statusCode, 403);
    });
  });

  it('translates a newcomer guide entry', async () => {
    const entry = await t.store.db
      .insertInto('guide_entry')
      .values({ municipality_code: '1860', position: 0, actor: 'Arbetsförmedlingen', responsibilities: 'Etableringsprogrammet' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ok(await put(coordinator, 'guide', entry.id, 'prs', { title: 'اداره کاریابی', description: 'برنامه استقرار' }));
    const map = await loadTranslations(t.store.db, 'guide', [entry.id], 'prs');
    assert.deepEqual(map.get(entry.id), { title: 'اداره کاریابی', description: 'برنامه استقرار' });
    assert.equal((await put(otherCoordinator, 'guide', entry.id, 'prs', { title: 'x' })).statusCode, 403);
  });
});
