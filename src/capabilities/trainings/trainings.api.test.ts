import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { ItemProgrammes, SupervisorsView, TargetView, TrainingView } from './service.ts';

const ITEM = 'Genomföra handledarutbildningar för alla enheter/bolag senast under 2016';

await forEachStore('trainings', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let reporter: string;
  let reader: string;
  let other: string;
  let units: string[];
  let itemId: string;

  before(async () => {
    t = await startTestApp(kind);
    [coordinator, reporter, reader, other] = await Promise.all([
      t.login('laxa.samordnare'),
      t.login('laxa.rapportor'),
      t.login('laxa.lasare'),
      t.login('kalix.samordnare'),
    ]);
    units = (await t.request('GET', '/api/municipalities/1860/units'))
      .json<{ id: string; kind: string }[]>()
      .filter((u) => u.kind !== 'partner')
      .map((u) => u.id);
    itemId = (await t.store.db.selectFrom('item').select('id').where('text', 'like', `${ITEM}%`).executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  const training = (extra: Record<string, unknown> = {}) => ({
    kind: 'supervisor_training',
    title: 'Handledarutbildning',
    date: '2016-03-15',
    organiser: 'Arbetsmarknadsenheten',
    audience: 'supervisors',
    participants: 8,
    units: [{ unitId: units[0], trained: 2 }],
    itemIds: [itemId],
    ...extra,
  });

  it('the coordinator registers trainings and a target; coverage and supervisors follow', async () => {
    const created = await t.request('POST', '/api/municipalities/1860/trainings', { cookie: coordinator, body: training() });
    assert.equal(created.statusCode, 201, created.body);
    const tr = created.json<TrainingView>();
    assert.equal(tr.units[0]?.trained, 2);
    assert.equal(tr.items[0]?.id, itemId);

    const target = await t.request('POST', '/api/municipalities/1860/coverage-targets', {
      cookie: coordinator,
      body: {
        title: 'Alla enheter har en utbildad handledare',
        kind: 'supervisor_training',
        measure: 'units',
        denominator: null,
        byDate: '2016-12-31',
      },
    });
    assert.equal(target.statusCode, 201, target.body);
    const tv = target.json<TargetView>();
    assert.deepEqual([tv.coverage.reached, tv.coverage.of], [1, units.length]);

    const sup = (await t.request('GET', '/api/municipalities/1860/supervisors?asOf=2016-12-31')).json<SupervisorsView>();
    assert.equal(sup.units.length, units.length);
    assert.equal(sup.lacking, units.length - 1);
    assert.equal(sup.units.find((u) => u.unitId === units[0])?.trained, 2);
    assert.equal(
      (await t.request('GET', '/api/municipalities/1860/supervisors?asOf=2016-01-01')).json<SupervisorsView>().lacking,
      units.length,
    );

    // Editing: all units reached; the stale version is refused with the current training.
    const edited = await t.request('PATCH', `/api/trainings/${tr.id}`, {
      cookie: coordinator,
      body: { version: 1, units: units.map((unitId) => ({ unitId })) },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const stale = await t.request('PATCH', `/api/trainings/${tr.id}`, { cookie: coordinator, body: { version: 1, title: 'x' } });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<{ current: TrainingView }>().current.units.length, units.length);
    const after = (await t.request('GET', '/api/municipalities/1860/coverage-targets')).json<{ targets: TargetView[] }>();
    assert.equal(after.targets[0]?.coverage.share, 100);
    assert.equal(after.targets[0]?.coverage.met, true);

    const people = await t.request('POST', '/api/municipalities/1860/coverage-targets', {
      cookie: coordinator,
      body: { title: 'Alla chefer', kind: 'leadership_training', measure: 'people', denominator: null, byDate: null },
    });
    assert.equal(people.statusCode, 400, 'a people target needs the number to reach');

    // Public reading, and the item shows the training.
    const list = (await t.request('GET', '/api/municipalities/1860/trainings?kind=supervisor_training')).json<{
      trainings: TrainingView[];
      canEdit: boolean;
    }>();
    assert.equal(list.trainings.length, 1);
    assert.equal(list.canEdit, false);
    const served = (await t.request('GET', `/api/items/${itemId}/programmes`)).json<{ trainings: TrainingView[] }>();
    assert.deepEqual(
      served.trainings.map((x) => x.id),
      [tr.id],
    );
    assert.equal(
      (await t.request('GET', `/api/items/${itemId}/programmes?from=2017-01-01`)).json<{ trainings: unknown[] }>().trainings.length,
      0,
    );
  });

  it('only coordinators of the municipality and administrators edit', async () => {
    for (const cookie of [reporter, reader, other])
      assert.equal((await t.request('POST', '/api/municipalities/1860/trainings', { cookie, body: training() })).statusCode, 403);
    assert.equal((await t.request('POST', '/api/municipalities/1860/trainings', { body: training() })).statusCode, 401);
    const tr = (
      await t.request('POST', '/api/municipalities/1860/trainings', {
        cookie: coordinator,
        body: training({ kind: 'citizenship_ceremony', audience: 'public', units: [] }),
      })
    ).json<TrainingView>();
    assert.equal(
      (await t.request('PATCH', `/api/trainings/${tr.id}`, { cookie: other, body: { version: 1, title: 'x' } })).statusCode,
      403,
    );
    assert.equal(
      (await t.request('PATCH', `/api/trainings/${tr.id}`, { cookie: reporter, body: { version: 1, title: 'x' } })).statusCode,
      403,
    );
    const target = { title: 'Alla chefer', kind: 'leadership_training', measure: 'people', denominator: 40, byDate: null };
    assert.equal((await t.request('POST', '/api/municipalities/1860/coverage-targets', { cookie: other, body: target })).statusCode, 403);
    const bad = await t.request('POST', '/api/municipalities/1860/trainings', {
      cookie: coordinator,
      body: training({ units: [{ unitId: '00000000-0000-4000-8000-000000000000' }] }),
    });
    assert.equal(bad.statusCode, 400);
    const audit = await t.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'training.%').execute();
    assert.ok(audit.length >= 3);
  });

  it('removes a training with the version read last: coordinators only, stale 409, unknown 404, audited with the training', async () => {
    const tr = (
      await t.request('POST', '/api/municipalities/1860/trainings', { cookie: coordinator, body: training({ title: 'Tas bort' }) })
    ).json<TrainingView>();
    for (const cookie of [reporter, reader, other])
      assert.equal((await t.request('DELETE', `/api/trainings/${tr.id}?version=1`, { cookie })).statusCode, 403);
    assert.equal((await t.request('DELETE', `/api/trainings/${tr.id}?version=1`)).statusCode, 401);
    assert.equal(
      (await t.request('DELETE', `/api/trainings/${tr.id}`, { cookie: coordinator })).statusCode,
      400,
      'the version is required',
    );
    await t.request('PATCH', `/api/trainings/${tr.id}`, { cookie: coordinator, body: { version: 1, participants: 9 } });
    const stale = await t.request('DELETE', `/api/trainings/${tr.id}?version=1`, { cookie: coordinator });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<{ current: TrainingView }>().current.participants, 9);

    const gone = await t.request('DELETE', `/api/trainings/${tr.id}?version=2`, { cookie: coordinator });
    assert.equal(gone.statusCode, 204, gone.body);
    const list = (await t.request('GET', '/api/municipalities/1860/trainings')).json<{ trainings: TrainingView[] }>();
    assert.ok(!list.trainings.some((x) => x.id === tr.id));
    const links = await t.store.db.selectFrom('training_item').select('item_id').where('training_id', '=', tr.id).execute();
    assert.equal(links.length, 0, 'its item links went with it');
    assert.equal((await t.request('DELETE', `/api/trainings/${tr.id}?version=2`, { cookie: coordinator })).statusCode, 404);
    assert.equal(
      (await t.request('DELETE', '/api/trainings/00000000-0000-4000-8000-000000000000?version=1', { cookie: coordinator })).statusCode,
      404,
    );
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'training.delete')
      .where('entity_id', '=', tr.id)
      .executeTakeFirstOrThrow();
    assert.equal((audit.before as { title: string }).title, 'Tas bort');
    assert.equal(audit.after, null);
  });

  it('an item shows all its programmes in a period: trainings, offers, catalogue activities, and room for projects and matching', async () => {
    const tr = (
      await t.request('POST', '/api/municipalities/1860/trainings', {
        cookie: coordinator,
        body: training({ title: 'Handledarutbildning hösten', date: '2016-10-04' }),
      })
    ).json<TrainingView>();
    const activity = await t.request('POST', '/api/municipalities/1860/activities', {
      cookie: coordinator,
      body: {
        unitId: units[0],
        title: 'Handledarträff',
        category: 'meeting',
        startDate: '2016-03-01',
        startTime: '10:00',
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY',
        until: '2016-03-29',
        itemIds: [itemId],
        submit: true,
      },
    });
    assert.equal(activity.statusCode, 201, activity.body);
    const a = activity.json<{ id: string; version: number }>();
    const published = await t.request('POST', `/api/activities/${a.id}/moderate`, {
      cookie: coordinator,
      body: { version: a.version, decision: 'publish' },
    });
    assert.equal(published.statusCode, 200, published.body);

    const autumn = await t.request('GET', `/api/items/${itemId}/programmes?from=2016-07-01&to=2016-12-31`);
    assert.equal(autumn.statusCode, 200, autumn.body);
    const inAutumn = autumn.json<ItemProgrammes>();
    assert.deepEqual(
      inAutumn.trainings.map((x) => x.id),
      [tr.id],
      'only the training held in the period',
    );
    assert.deepEqual(inAutumn.period, { from: '2016-07-01', to: '2016-12-31' });
    assert.deepEqual(inAutumn.activities, { from: '2016-07-01', to: '2016-12-31', count: 0, occurrences: 0, list: [] });
    assert.equal(inAutumn.municipalityCode, '1860');
    assert.deepEqual([inAutumn.projects, inAutumn.matching], [[], []]);

    const spring = (await t.request('GET', `/api/items/${itemId}/programmes?from=2016-01-01&to=2016-06-30`)).json<ItemProgrammes>();
    assert.ok(!spring.trainings.some((x) => x.id === tr.id));
    assert.deepEqual(
      [spring.activities.count, spring.activities.occurrences, spring.activities.list.map((x) => [x.id, x.title, x.occurrences])],
      [1, 5, [[a.id, 'Handledarträff', 5]]],
    );
    assert.deepEqual(spring.offers, []);
    assert.equal(spring.placements, 0);

    // The plan view asks once for all its items: only those something served, the same numbers.
    const plan = (await t.store.db.selectFrom('item').select('document_id').where('id', '=', itemId).executeTakeFirstOrThrow()).document_id;
    const whole = await t.request('GET', `/api/plans/${plan}/programmes?from=2016-01-01&to=2016-06-30`);
    assert.equal(whole.statusCode, 200, whole.body);
    const served = whole.json<ItemProgrammes[]>();
    assert.deepEqual(
      served.map((x) => x.item.id),
      [itemId],
    );
    assert.deepEqual(served[0], spring);

    // An item of a draft plan is the municipality's own business.
    const draft = (
      await t.request('POST', '/api/municipalities/1860/plans', {
        cookie: coordinator,
        body: { title: 'Utkast 2027', kind: 'action-plan' },
      })
    ).json<{ id: string }>();
    const item = await t.request('POST', `/api/plans/${draft.id}/items`, {
      cookie: coordinator,
      body: { parentId: null, kind: 'goal', label: 'Mål', text: 'Ett mål i ett utkast' },
    });
    assert.equal(item.statusCode, 201, item.body);
    const draftItem = item.json<{ id: string }>().id;
    assert.equal((await t.request('GET', `/api/items/${draftItem}/programmes`)).statusCode, 404);
    assert.equal((await t.request('GET', `/api/items/${draftItem}/programmes`, { cookie: other })).statusCode, 404);
    const own = await t.request('GET', `/api/items/${draftItem}/programmes`, { cookie: reader });
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json<ItemProgrammes>().trainings.length, 0);
    assert.equal((await t.request('GET', `/api/plans/${draft.id}/programmes`)).statusCode, 404);
    assert.deepEqual((await t.request('GET', `/api/plans/${draft.id}/programmes`, { cookie: reader })).json(), []);
    assert.equal((await t.request('GET', '/api/items/00000000-0000-4000-8000-000000000000/programmes')).statusCode, 404);
  });
});
