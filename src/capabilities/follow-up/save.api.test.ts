import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { CycleDetail, CycleView, TaskDetail, TaskView } from './service.ts';

/**
 * The save of a report is written without a row lock, with a version check in the one statement that writes the
 * report, its event and its audit record (q.writeTask): these are the properties that must hold all the same.
 */
await forEachStore('saving a report', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let reporter: string;
  let task: TaskView;

  const put = (version: number, body: Record<string, unknown>) =>
    t.request('PUT', `/api/tasks/${task.id}`, {
      cookie: reporter,
      body: { version, status: null, progress: null, narrative: '', targetValue: null, submit: false, ...body },
    });

  before(async () => {
    t = await startTestApp(kind);
    coordinator = await t.login('osteraker.samordnare');
    reporter = await t.login('osteraker.rapportor');
    const plan = (await t.request('GET', '/api/municipalities/0117/documents')).json<{ id: string }[]>()[0]?.id as string;
    const opened = await t.request('POST', `/api/plans/${plan}/cycles`, {
      cookie: coordinator,
      body: { periodFrom: '2031-01-01', periodTo: '2031-06-30', deadline: '2031-08-31' },
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const cycle = opened.json<CycleView>();
    task = (await t.request('GET', `/api/cycles/${cycle.id}`, { cookie: reporter })).json<CycleDetail>().tasks[0] as TaskView;
  });
  after(() => t.close());

  it('answers with the report as a later read shows it, with one event and one audit record holding before and after', async () => {
    const saved = await put(task.version, { status: 'in_progress', progress: 0, narrative: '  Vi har börjat.  ' });
    assert.equal(saved.statusCode, 200, saved.body);
    const answer = saved.json<TaskView>();
    assert.equal(answer.version, task.version + 1);
    assert.equal(answer.narrative, 'Vi har börjat.');
    assert.equal(answer.progress, 0);
    const read = (await t.request('GET', `/api/tasks/${task.id}`, { cookie: reporter })).json<TaskDetail>();
    // The answer is made from the write, not read back: it must be the same report a read gives.
    const view = Object.fromEntries(Object.keys(answer).map((key) => [key, read[key as keyof TaskDetail]]));
    const events = read.events;
    assert.deepEqual(answer, view);
    assert.deepEqual(
      events.map((e) => [e.action, (e.snapshot as { narrative: string }).narrative]),
      [['save', 'Vi har börjat.']],
    );
    const audit = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after', 'username', 'municipality_code'])
      .where('entity_id', '=', task.id)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.action, 'report.save');
    assert.equal(audit[0]?.username, 'osteraker.rapportor');
    assert.equal(audit[0]?.municipality_code, '0117');
    assert.deepEqual(audit[0]?.before, { state: 'open', status: null, progress: null, narrative: '', targetValue: null });
    assert.deepEqual(audit[0]?.after, {
      state: 'draft',
      status: 'in_progress',
      progress: 0,
      narrative: 'Vi har börjat.',
      targetValue: null,
      comment: null,
    });
    task = answer;
  });

  it('of saves sent at once with one version exactly one is stored; the others get 409 with the stored report', async () => {
    const answers = await Promise.all(
      ['A', 'B', 'C', 'D'].map((side) => put(task.version, { status: 'in_progress', progress: 50, narrative: `Samtidig ${side}.` })),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(statuses, [200, 409, 409, 409]);
    const winner = answers.find((a) => a.statusCode === 200)?.json<TaskView>() as TaskView;
    for (const refused of answers.filter((a) => a.statusCode === 409))
      assert.deepEqual(refused.json<{ current: TaskView }>().current, winner);
    const read = (await t.request('GET', `/api/tasks/${task.id}`, { cookie: reporter })).json<TaskDetail>();
    assert.equal(read.version, task.version + 1);
    assert.equal(read.narrative, winner.narrative);
    assert.equal(read.events.length, 2);
    const audits = await t.store.db.selectFrom('audit_log').select('id').where('entity_id', '=', task.id).execute();
    assert.equal(audits.length, 2);
    task = winner;
  });

  it('nothing is written to a closed cycle, and another unit’s reporter cannot write', async () => {
    const cycle = (await t.request('GET', `/api/tasks/${task.id}`, { cookie: coordinator })).json<TaskDetail>().cycle;
    const detail = (await t.request('GET', `/api/cycles/${cycle.id}`, { cookie: coordinator })).json<CycleDetail>();
    const closed = await t.request('POST', `/api/cycles/${cycle.id}/close`, {
      cookie: coordinator,
      body: { version: detail.cycle.version },
    });
    assert.equal(closed.statusCode, 200, closed.body);
    const refused = await put(task.version, { narrative: 'För sent.' });
    assert.equal(refused.statusCode, 400, refused.body);
    const other = await t.login('laxa.rapportor');
    const foreign = await t.request('PUT', `/api/tasks/${task.id}`, {
      cookie: other,
      body: { version: task.version, status: null, progress: null, narrative: 'x', targetValue: null, submit: false },
    });
    assert.equal(foreign.statusCode, 404);
    assert.equal((await t.request('GET', `/api/tasks/${task.id}`, { cookie: reporter })).json<TaskDetail>().version, task.version);
  });
});
