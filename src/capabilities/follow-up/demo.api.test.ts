import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachStore } from '../../../test/support/each-store.ts';
import { freshStore, type TestStore } from '../../../test/support/stores.ts';
import { systemActor } from '../audit/audit.ts';
import { demoCycles, seedDemoFollowUp } from './demo.ts';
import { buildReportModel } from './report-data.ts';
import { getCycle, listCycles } from './service.ts';

await forEachStore('example follow-up in the demo data', (kind) => {
  let store: TestStore;
  before(async () => {
    store = await freshStore(kind);
  });
  after(() => store.close());

  it('loads the example cycles once, each labelled as example data', async () => {
    const loaded = await seedDemoFollowUp(store.db);
    assert.equal(
      loaded,
      demoCycles.reduce((n, d) => n + d.periods.length, 0),
    );
    assert.equal(await seedDemoFollowUp(store.db), 0, 'a second start loads nothing');
    const cycles = await store.db.selectFrom('follow_up_cycle').selectAll().execute();
    assert.ok(cycles.every((c) => c.example && c.label.endsWith('(exempel)')));
    const count = (code: string) => cycles.filter((c) => c.municipality_code === code).length;
    assert.deepEqual([count('1860'), count('0117'), count('1864'), count('1381'), count('2514')], [3, 4, 1, 1, 1]);
  });

  it('fills every screen: earlier cycles closed and approved, the latest open with a mix', async () => {
    const laxa = await store.db.selectFrom('document').select('id').where('municipality_code', '=', '1860').executeTakeFirstOrThrow();
    const cycles = await listCycles(store.db, systemActor, laxa.id);
    assert.deepEqual(
      cycles.map((c) => [c.label, c.state]),
      [
        ['2017 (exempel)', 'open'],
        ['2016 (exempel)', 'closed'],
        ['2015 (exempel)', 'closed'],
      ],
    );
    const latest = await getCycle(store.db, systemActor, cycles[0]!.id);
    const states = new Set(latest.tasks.map((t) => t.state));
    for (const state of ['approved', 'submitted', 'open'] as const) assert.ok(states.has(state), `the open cycle has ${state} reports`);
    assert.ok(latest.tasks.filter((t) => t.narrative !== '').every((t) => t.narrative.startsWith('Exempel:')));
    assert.ok(latest.goals.some((g) => g.assessment !== null));
    const earlier = await getCycle(store.db, systemActor, cycles[2]!.id);
    assert.ok(earlier.goals.every((g) => g.assessment !== null));
    // Later years report more done than earlier ones.
    const done = (d: typeof latest) => d.tasks.filter((t) => t.status === 'done').length / d.tasks.length;
    assert.ok(done(latest) > done(earlier));
  });

  it('the report says on its cover that it is example data, and lists units that have not reported', async () => {
    const osteraker = await store.db.selectFrom('document').select('id').where('municipality_code', '=', '0117').executeTakeFirstOrThrow();
    const [latest] = await listCycles(store.db, systemActor, osteraker.id);
    const model = await buildReportModel(store.db, latest!.id);
    assert.equal(model.cycle.example, true);
    assert.equal(
      model.summary.expected,
      model.sections.flatMap((s) => s.rows).reduce((n, r) => n + r.reports.length, 0),
    );
    assert.ok(model.missing.length > 0, 'units that have not reported are listed');
    const internships = model.indicators.find((i) => /praktik/i.test(i.text));
    assert.ok(internships, 'Österåker’s 12–15 internships a year is an indicator row');
    assert.equal(typeof internships.value, 'number');
  });
});
