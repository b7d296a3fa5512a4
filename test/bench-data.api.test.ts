import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { benchTargets, createBenchSession, generateNationalData, municipalityList, PASSWORD } from '../bench/data/generate.ts';
import { buildMunicipality } from '../bench/data/municipality.ts';
import { hashPassword } from '../src/capabilities/accounts/passwords.ts';
import type { Actor } from '../src/capabilities/accounts/policies.ts';
import { getTask, refreshCycle, writeEntry } from '../src/capabilities/follow-up/service.ts';
import type { OutlineNode } from '../src/capabilities/plans/outline.ts';
import { exportOutline } from '../src/capabilities/plans/service.ts';
import { loadPlanProgress } from '../src/capabilities/portal/plan-data.ts';
import type { Database } from '../src/db/schema.ts';
import { SESSION_COOKIE } from '../src/http.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { buildServer } from '../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from './support/app.ts';
import { forEachStore } from './support/each-store.ts';
import { freshStore, type TestStore } from './support/stores.ts';

const SEED = 7;
const walk = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);

/** A digest of one municipality's rows in the tables whose ids the generator draws, ordered by id. */
async function digest(db: Kysely<Database>, code: string): Promise<{ hash: string; counts: Record<string, number> }> {
  const plan = db.selectFrom('document').select('id').where('municipality_code', '=', code);
  const cycles = db.selectFrom('follow_up_cycle').select('id').where('municipality_code', '=', code);
  const tasks = db.selectFrom('report_task').select('id').where('cycle_id', 'in', cycles);
  const tables = {
    unit: await db.selectFrom('unit').selectAll().where('municipality_code', '=', code).orderBy('id').execute(),
    app_user: await db.selectFrom('app_user').selectAll().where('municipality_code', '=', code).orderBy('id').execute(),
    item: await db.selectFrom('item').selectAll().where('document_id', 'in', plan).orderBy('id').execute(),
    report_task: await db.selectFrom('report_task').selectAll().where('cycle_id', 'in', cycles).orderBy('id').execute(),
    report_event: await db.selectFrom('report_event').selectAll().where('task_id', 'in', tasks).orderBy('id').execute(),
    indicator_value: await db.selectFrom('indicator_value').selectAll().where('municipality_code', '=', code).orderBy('id').execute(),
    activity: await db.selectFrom('activity').selectAll().where('municipality_code', '=', code).orderBy('id').execute(),
  };
  const hash = createHash('sha256')
    .update(JSON.stringify(tables, (_, v: unknown) => (v instanceof Date ? v.toISOString() : v)))
    .digest('hex');
  return { hash, counts: Object.fromEntries(Object.entries(tables).map(([k, rows]) => [k, rows.length])) };
}

async function actorOf(db: Kysely<Database>, username: string): Promise<Actor> {
  const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const units = await db.selectFrom('user_unit').select('unit_id').where('user_id', '=', user.id).execute();
  return {
    userId: user.id,
    username: user.username,
    role: user.role as Actor['role'],
    municipalityCode: user.municipality_code,
    unitIds: units.map((u) => u.unit_id),
  };
}

it('builds the same rows from the same seed, different ones from another, whatever the number of municipalities', () => {
  const [first, second] = municipalityList();
  assert.equal(first?.code, '0114', 'the first municipality of data/kommuner.csv is the one the bench reads');
  const input = { code: (second as { code: string }).code, name: (second as { name: string }).name, passwordHash: 'x' };
  const a = buildMunicipality({ ...input, seed: SEED });
  assert.deepEqual(buildMunicipality({ ...input, seed: SEED }), a);
  const other = buildMunicipality({ ...input, seed: SEED + 1 });
  assert.notEqual(other.documentId, a.documentId);
  assert.match(a.documentId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

await forEachStore('synthetic national data set', (kind) => {
  let two: TestStore;
  let one: TestStore;
  let app: FastifyInstance;
  const code = '0114';

  before(async () => {
    [two, one] = await Promise.all([freshStore(kind), freshStore(kind)]);
    // One hash for both runs: hashPassword salts at random, everything else comes from the seed.
    const passwordHash = await hashPassword(PASSWORD);
    await generateNationalData(two.db, { municipalities: 2, seed: SEED, passwordHash });
    await generateNationalData(one.db, { municipalities: 1, seed: SEED, passwordHash });
    const config = loadConfig({}, { DEMO: true, WORKER_INTERVAL_MS: 0, ...OFFLINE_SOURCES, ...TEST_LIMITS });
    app = await buildServer({ db: two.db, store: two.kind, config, demo: true });
  });
  after(async () => {
    await app?.close();
    await Promise.all([two?.close(), one?.close()]);
  });

  it('writes identical rows and ids for the same seed, and the first municipality does not depend on how many follow', async () => {
    const a = await digest(two.db, code);
    const b = await digest(one.db, code);
    assert.deepEqual(a.counts, b.counts);
    assert.equal(a.hash, b.hash);
    assert.equal(a.counts.unit, 25);
    assert.equal(a.counts.activity, 200);
    assert.equal(a.counts.indicator_value, 200 * 15);
    assert.ok((a.counts.report_task ?? 0) > 1000, `report tasks: ${a.counts.report_task}`);
    await assert.rejects(generateNationalData(one.db, { municipalities: 1, seed: SEED }), /redan data/);
  });

  it('gives a plan of about 300 items in four levels that exportOutline reads', async () => {
    const targets = await benchTargets(two.db, code);
    const outline = await exportOutline(two.db, null, targets.planId);
    const nodes = walk(outline.nodes);
    assert.ok(nodes.length >= 250 && nodes.length <= 360, `${nodes.length} nodes`);
    assert.deepEqual(outline.levels, ['Målområde', 'Mål', 'Aktivitet', 'Delaktivitet']);
    assert.ok(nodes.some((n) => n.label === 'Delaktivitet'));
    assert.ok(nodes.filter((n) => n.target).length > 50);
    assert.ok(nodes.filter((n) => n.responsible.length > 0).length > 200);
    assert.match(outline.title, /testdata/);
  });

  it('answers the bench catalogue query over HTTP with rows', async () => {
    const { catalogueQuery } = await benchTargets(two.db, code);
    const res = await app.inject({ method: 'GET', url: `/api/municipalities/${code}/activities?${catalogueQuery}` });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{ activities: { category: string; languages: string[] }[] }>();
    assert.ok(body.activities.length >= 12, `${body.activities.length} activities`);
    assert.ok(body.activities.every((a) => a.category === 'language' && a.languages.includes('ar')));
  });

  it('holds open-cycle tasks exactly as openCycle plans them, which reporters read and save with a bench session', async () => {
    const targets = await benchTargets(two.db, code);
    const coordinator = await actorOf(two.db, targets.coordinatorUsername);
    const cycle = await two.db
      .selectFrom('follow_up_cycle')
      .select('version')
      .where('id', '=', targets.openCycleId)
      .executeTakeFirstOrThrow();
    // Refreshing adds the tasks the plan calls for and removes untouched ones it does not: nothing to do here.
    assert.deepEqual(await refreshCycle(two.db, coordinator, targets.openCycleId, cycle.version), {
      added: 0,
      removed: 0,
      kept: 0,
    });
    assert.equal(targets.reporters.length, 25);
    const reporter =
      targets.reporters.find((r) => r.taskIds.some((t) => t.hasTarget)) ?? targets.reporters.find((r) => r.taskIds.length > 0);
    assert.ok(reporter);
    // A task whose item has a target, so the save carries a value as the bench's saves do.
    const task = reporter.taskIds.find((t) => t.hasTarget) ?? (reporter.taskIds[0] as { id: string; version: number; hasTarget: boolean });
    const token = await createBenchSession(two.db, reporter.username);
    const res = await app.inject({ method: 'GET', url: `/api/tasks/${task.id}`, headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ canWrite: boolean }>().canWrite, true);
    const actor = await actorOf(two.db, reporter.username);
    assert.equal((await getTask(two.db, actor, task.id)).version, task.version);
    const saved = await writeEntry(two.db, actor, task.id, {
      version: task.version,
      status: 'in_progress',
      progress: 40,
      narrative: 'Sparad av testet.',
      targetValue: task.hasTarget ? 12 : null,
      submit: false,
    });
    assert.equal(saved.state, 'draft');
    assert.equal(saved.targetValue, task.hasTarget ? 12 : null);
    assert.equal(saved.item.target !== null, task.hasTarget);
    assert.equal(saved.version, task.version + 1);
  });

  it("shows the closed cycles' approved statuses in the public plan progress", async () => {
    const { planId } = await benchTargets(two.db, code);
    const items = await two.db.selectFrom('item').select(['id', 'target']).where('document_id', '=', planId).execute();
    const progress = await loadPlanProgress(two.db, planId, items);
    assert.ok(progress);
    assert.equal(progress.cycles.length, 7, 'the seven closed half-years have approved reports; the open one has none');
    const latest = progress.cycles[progress.cycles.length - 1];
    assert.equal(latest?.label, 'Halvår 1 2025');
    // An item with a single approved report in that cycle shows that report's status.
    const tasks = await two.db
      .selectFrom('report_task')
      .select(['item_id', 'status'])
      .where('cycle_id', '=', latest?.id as string)
      .where('state', '=', 'approved')
      .execute();
    const once = tasks.filter((t) => tasks.filter((u) => u.item_id === t.item_id).length === 1);
    assert.ok(once.length > 50);
    for (const t of once) assert.equal(progress.items.get(t.item_id as string)?.history.get(latest?.id as string)?.status, t.status);
    assert.ok(progress.summary);
  });
});
