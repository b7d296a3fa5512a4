import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { SupervisorsView, TargetView, TrainingView } from './service.ts';

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
});
