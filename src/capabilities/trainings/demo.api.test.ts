import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { IndicatorSummary } from '../indicators/service.ts';
import { seedDemoInternships } from '../internships/demo.ts';
import type { InternshipSummary } from '../internships/service.ts';
import { seedDemoTrainings } from './demo.ts';
import type { SupervisorsView, TargetView } from './service.ts';

/** The programmes' demo data: all five municipalities, every row an example, the same on both stores. */
await forEachStore('programmes demo', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(() => t.close());

  it('fills the five municipalities once, marked as examples, and Österåker’s count flows into an indicator', async () => {
    assert.ok((await seedDemoInternships(t.store.db)) >= 10);
    assert.ok((await seedDemoTrainings(t.store.db)) >= 15);
    assert.equal(await seedDemoInternships(t.store.db), 0, 'a second start loads nothing');
    assert.equal(await seedDemoTrainings(t.store.db), 0);
    for (const table of ['internship_offer', 'internship_placement', 'training', 'coverage_target'] as const) {
      const rows = await t.store.db.selectFrom(table).select('example').execute();
      assert.ok(rows.length > 0 && rows.every((r) => r.example), `${table}: every row is an example`);
    }
    const municipalities = await t.store.db
      .selectFrom('internship_offer')
      .select('municipality_code')
      .distinct()
      .union(t.store.db.selectFrom('training').select('municipality_code').distinct())
      .execute();
    assert.deepEqual([...new Set(municipalities.map((m) => m.municipality_code))].sort(), ['0117', '1381', '1860', '1864', '2514']);

    const osteraker = (await t.request('GET', '/api/municipalities/0117/internships/summary')).json<InternshipSummary>();
    assert.deepEqual(
      osteraker.years.map((y) => [y.year, y.count, y.status, y.example]),
      [
        [2015, 12, 'within', true],
        [2016, 11, 'below', true],
      ],
    );
    const indicator = (await t.request('GET', '/api/municipalities/0117/indicators'))
      .json<IndicatorSummary[]>()
      .find((i) => i.sourceRef === 'internships:placements');
    assert.deepEqual(indicator?.latest, { period: '2016', value: 11 });

    const laxa = (await t.request('GET', '/api/municipalities/1860/supervisors?asOf=2016-12-31')).json<SupervisorsView>();
    assert.equal(laxa.lacking, 0, 'Laxå: every unit has a trained supervisor by 2016');
    const targets = (await t.request('GET', '/api/municipalities/1860/coverage-targets')).json<{ targets: TargetView[] }>().targets;
    assert.deepEqual(
      targets.map((x) => [x.measure, x.coverage.reached, x.coverage.of]),
      [
        ['people', 23, 26],
        ['units', 2, 2],
      ],
    );
  });
});
