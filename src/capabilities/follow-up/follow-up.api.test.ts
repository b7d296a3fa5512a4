import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { runOneJob } from '../jobs/worker.ts';
import type { JobView } from '../jobs/queue.ts';
import { issueLink } from '../notifications/links.ts';
import type { OutlineNode, PlanOutline } from '../plans/outline.ts';
import { REPORT_JOB, reportJobHandler, type ReportFileView } from './reports.ts';
import type { CycleDetail, CycleView, GoalView, TaskDetail, TaskView } from './service.ts';

const minimalPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

function multipart(fileName: string, bytes: Buffer, type: string) {
  const boundary = `----delaktig${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const walk = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);

await forEachStore('follow-up cycles', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let reporter: string;
  let laxaCoordinator: string;
  let osteraker: string;
  let laxa: string;
  let cycle: CycleView;

  const planOf = async (code: string) =>
    (await t.request('GET', `/api/municipalities/${code}/documents`)).json<{ id: string; kind: string }[]>()[0]?.id as string;
  const detail = async (id: string, cookie = coordinator) => {
    const res = await t.request('GET', `/api/cycles/${id}`, { cookie });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<CycleDetail>();
  };
  const put = (task: { id: string; version: number }, body: Record<string, unknown>, cookie = reporter) =>
    t.request('PUT', `/api/tasks/${task.id}`, {
      cookie,
      body: { version: task.version, status: null, progress: null, narrative: '', targetValue: null, submit: false, ...body },
    });
  const upload = (taskId: string, fileName: string, bytes: Buffer, cookie = reporter) => {
    const { payload, contentType } = multipart(fileName, bytes, 'application/octet-stream');
    return t.app.inject({
      method: 'POST',
      url: `/api/tasks/${taskId}/attachments`,
      headers: { cookie, 'content-type': contentType },
      payload,
    });
  };

  before(async () => {
    t = await startTestApp(kind);
    coordinator = await t.login('osteraker.samordnare');
    reporter = await t.login('osteraker.rapportor');
    laxaCoordinator = await t.login('laxa.samordnare');
    osteraker = await planOf('0117');
    laxa = await planOf('1860');
  });
  after(() => t.close());

  it("proposes the next cycle from the plan's follow-up rule", async () => {
    const res = await t.request('GET', `/api/plans/${osteraker}/cycles/proposal`, { cookie: coordinator });
    assert.equal(res.statusCode, 200, res.body);
    const proposal = res.json<{ cadence: string; cadences: string[]; label: string }>();
    assert.equal(proposal.cadence, 'half-year');
    assert.match(proposal.label, /^Halvår [12] \d{4}$/);
    assert.equal((await t.request('GET', `/api/plans/${osteraker}/cycles/proposal`, { cookie: reporter })).statusCode, 403);
  });

  it('opens a cycle with one task per responsible unit and item; a reporter sees only hers', async () => {
    const res = await t.request('POST', `/api/plans/${osteraker}/cycles`, {
      cookie: coordinator,
      body: { periodFrom: '2015-07-01', periodTo: '2015-12-31', deadline: '2016-01-31' },
    });
    assert.equal(res.statusCode, 201, res.body);
    cycle = res.json<CycleView>();
    assert.equal(cycle.label, 'Halvår 2 2015');
    const all = await detail(cycle.id);
    assert.equal(all.scope, 'all');
    assert.ok(all.tasks.length >= 11, `expected a task per action, got ${all.tasks.length}`);
    assert.ok(all.units.length > 1);
    const own = await detail(cycle.id, reporter);
    assert.equal(own.scope, 'own');
    assert.ok(own.tasks.length > 0 && own.tasks.length < all.tasks.length);
    const units = new Set(own.tasks.map((task) => task.unit?.id));
    assert.equal(units.size, 1);
    const mine = (await t.request('GET', '/api/my/tasks', { cookie: reporter })).json<{ tasks: TaskView[] }>();
    assert.deepEqual(mine.tasks.map((x) => x.id).sort(), own.tasks.map((x) => x.id).sort());
    // The same period twice is refused; the public and other municipalities see nothing.
    const again = await t.request('POST', `/api/plans/${osteraker}/cycles`, {
      cookie: coordinator,
      body: { periodFrom: '2015-07-01', periodTo: '2015-12-31', deadline: '2016-01-31' },
    });
    assert.equal(again.statusCode, 409);
    assert.equal((await t.request('GET', `/api/cycles/${cycle.id}`)).statusCode, 404);
    assert.equal((await t.request('GET', `/api/cycles/${cycle.id}`, { cookie: laxaCoordinator })).statusCode, 404);
    assert.equal(
      (
        await t.request('POST', `/api/plans/${osteraker}/cycles`, {
          cookie: reporter,
          body: { periodFrom: '2016-01-01', periodTo: '2016-06-30', deadline: '2016-07-31' },
        })
      ).statusCode,
      403,
    );
  });

  it('counts occurrences of recurring items: quarterly four a year, 6 June once, half-yearly twice', async () => {
    const res = await t.request('POST', `/api/plans/${laxa}/cycles`, {
      cookie: laxaCoordinator,
      body: { periodFrom: '2016-01-01', periodTo: '2016-12-31', deadline: '2017-01-31' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const d = await detail(res.json<CycleView>().id, laxaCoordinator);
    const count = (start: string) => d.tasks.filter((x) => x.item.text.startsWith(start)).length;
    assert.equal(count('Kvartalsvisa samtal'), 4);
    assert.equal(count('Genomföra Medborgarceremoni'), 1);
    // Laxå's plan names no responsible units: every task is the coordinator's.
    assert.ok(d.tasks.every((x) => x.unit === null));
    assert.ok(d.goals.length >= 4, 'the overarching goal and its sub-goals are assessed');
  });

  it('saves a draft, refuses to submit without a status, submits and locks', async () => {
    const [task] = (await detail(cycle.id, reporter)).tasks as [TaskView];
    const draft = await put(task, { status: 'in_progress', progress: 40, narrative: 'Vi har startat.' });
    assert.equal(draft.statusCode, 200, draft.body);
    const saved = draft.json<TaskView>();
    assert.equal(saved.state, 'draft');
    assert.equal(saved.version, task.version + 1);
    const noStatus = await put(saved, { submit: true });
    assert.equal(noStatus.statusCode, 400);
    assert.equal(noStatus.json<{ details: { path: string }[] }>().details[0]?.path, '/status');
    const stale = await put(task, { status: 'done' });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<{ current: TaskView }>().current.narrative, 'Vi har startat.');
    const submitted = await put(saved, { status: 'in_progress', progress: 50, narrative: 'Halvvägs.', submit: true });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const locked = submitted.json<TaskView>();
    assert.equal(locked.state, 'submitted');
    assert.equal(locked.submittedBy, 'osteraker.rapportor');
    const change = await put(locked, { status: 'done' });
    assert.equal(change.statusCode, 409);
    assert.match(change.json<{ message: string }>().message, /låst/);
  });

  it('the coordinator returns with a comment, the reporter resubmits, the coordinator approves; reopening is recorded', async () => {
    const submitted = (await detail(cycle.id)).tasks.find((x) => x.state === 'submitted') as TaskView;
    assert.equal(
      (await t.request('POST', `/api/tasks/${submitted.id}/approve`, { cookie: reporter, body: { version: submitted.version } }))
        .statusCode,
      403,
    );
    const noComment = await t.request('POST', `/api/tasks/${submitted.id}/return`, {
      cookie: coordinator,
      body: { version: submitted.version, comment: ' ' },
    });
    assert.equal(noComment.statusCode, 400);
    const returned = await t.request('POST', `/api/tasks/${submitted.id}/return`, {
      cookie: coordinator,
      body: { version: submitted.version, comment: 'Ange antalet deltagare.' },
    });
    assert.equal(returned.statusCode, 200, returned.body);
    const back = returned.json<TaskView>();
    assert.equal(back.state, 'returned');
    assert.equal(back.returnComment, 'Ange antalet deltagare.');
    const again = await put(back, { status: 'in_progress', progress: 60, narrative: 'Halvvägs, 14 deltagare.', submit: true });
    assert.equal(again.statusCode, 200, again.body);
    const resubmitted = again.json<TaskView>();
    assert.equal(resubmitted.returnComment, null);
    const approved = await t.request('POST', `/api/tasks/${resubmitted.id}/approve`, {
      cookie: coordinator,
      body: { version: resubmitted.version },
    });
    assert.equal(approved.statusCode, 200, approved.body);
    const done = approved.json<TaskView>();
    assert.equal(done.state, 'approved');
    assert.equal(done.approvedBy, 'osteraker.samordnare');
    const reopenBare = await t.request('POST', `/api/tasks/${done.id}/reopen`, { cookie: coordinator, body: { version: done.version } });
    assert.equal(reopenBare.statusCode, 400);
    const reopened = await t.request('POST', `/api/tasks/${done.id}/reopen`, {
      cookie: coordinator,
      body: { version: done.version, comment: 'Fel siffra.' },
    });
    assert.equal(reopened.statusCode, 200, reopened.body);
    assert.equal(reopened.json<TaskView>().state, 'returned');
    const history = (await t.request('GET', `/api/tasks/${done.id}`, { cookie: reporter })).json<TaskDetail>();
    assert.deepEqual(
      history.events.map((e) => e.action),
      ['save', 'submit', 'return', 'submit', 'approve', 'reopen'],
    );
    const admin = await t.login('admin', 'admin-test-password');
    const log = (await t.request('GET', `/api/audit?entityId=${done.id}`, { cookie: admin })).json<{ action: string }[]>();
    assert.deepEqual(log.map((l) => l.action).slice(0, 2), ['report.reopen', 'report.approve']);
  });

  it("a reporter cannot read or write another unit's report; a reader reads but does not write", async () => {
    const all = await detail(cycle.id);
    const mineIds = new Set((await detail(cycle.id, reporter)).tasks.map((x) => x.id));
    const other = all.tasks.find((x) => !mineIds.has(x.id)) as TaskView;
    assert.equal((await t.request('GET', `/api/tasks/${other.id}`, { cookie: reporter })).statusCode, 404);
    assert.equal((await put(other, { status: 'done' })).statusCode, 404);
    const reader = await t.login('osteraker.lasare');
    assert.equal((await t.request('GET', `/api/tasks/${other.id}`, { cookie: reader })).statusCode, 200);
    assert.equal((await put(other, { status: 'done' }, reader)).statusCode, 403);
  });

  it('takes evidence checked by content, serves it as a download, and freezes it with the report', async () => {
    const task = (await detail(cycle.id, reporter)).tasks.find((x) => x.state === 'open') as TaskView;
    const ok = await upload(task.id, 'protokoll.pdf', minimalPdf);
    assert.equal(ok.statusCode, 201, ok.body);
    const attachment = ok.json<{ id: string; mediaType: string; size: number }>();
    assert.equal(attachment.mediaType, 'application/pdf');
    const fake = await upload(task.id, 'virus.pdf', Buffer.from('just text pretending to be a PDF'));
    assert.equal(fake.statusCode, 400);
    assert.match(fake.json<{ message: string }>().message, /Filtypen/);
    const download = await t.app.inject({ method: 'GET', url: `/api/attachments/${attachment.id}`, headers: { cookie: coordinator } });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="protokoll.pdf"/);
    assert.equal(download.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal((await t.request('GET', `/api/attachments/${attachment.id}`)).statusCode, 404);
    const current = (await t.request('GET', `/api/tasks/${task.id}`, { cookie: reporter })).json<TaskDetail>();
    assert.equal(current.attachments.length, 1);
    const submitted = (await put(current, { status: 'done', narrative: 'Klart.', submit: true })).json<TaskView>();
    assert.equal(submitted.progress, 100);
    assert.equal((await upload(task.id, 'sent.pdf', minimalPdf)).statusCode, 409);
    assert.equal((await t.request('DELETE', `/api/attachments/${attachment.id}`, { cookie: reporter })).statusCode, 409);
  });

  it('refreshes an open cycle when an item is added mid-cycle', async () => {
    const before = await detail(cycle.id);
    const created = await t.request('POST', `/api/plans/${osteraker}/items`, {
      cookie: coordinator,
      body: { parentId: null, kind: 'activity', label: 'Åtgärd', text: 'Ny åtgärd mitt i perioden', due: '2015-11-30' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const refreshed = await t.request('POST', `/api/cycles/${cycle.id}/refresh`, {
      cookie: coordinator,
      body: { version: before.cycle.version },
    });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.deepEqual(refreshed.json(), { added: 1, removed: 0, kept: 0 });
    const after = await detail(cycle.id);
    const added = after.tasks.find((x) => x.item.text === 'Ny åtgärd mitt i perioden');
    assert.ok(added);
    assert.equal(added.unit, null, 'an item without a unit is the coordinator’s to report');
    assert.equal(
      (await t.request('POST', `/api/cycles/${cycle.id}/refresh`, { cookie: coordinator, body: { version: before.cycle.version } }))
        .statusCode,
      409,
    );
  });

  it('assesses goals with the proposal beside it, refusing a lost update', async () => {
    const laxaCycle = (await t.request('GET', `/api/plans/${laxa}/cycles`, { cookie: laxaCoordinator })).json<
      CycleView[]
    >()[0] as CycleView;
    const d = await detail(laxaCycle.id, laxaCoordinator);
    const goal = d.goals.find((g) => g.reference.startsWith('Delmål')) as GoalView;
    const activity = d.tasks.find((x) => x.item.kind === 'activity') as TaskView;
    await put(activity, { status: 'done', narrative: 'Klart.', submit: true }, laxaCoordinator);
    const first = await t.request('PUT', `/api/cycles/${laxaCycle.id}/assessments/${goal.itemId}`, {
      cookie: laxaCoordinator,
      body: { assessment: 'partly_met', rationale: 'Två av fem aktiviteter är klara.', version: null },
    });
    assert.equal(first.statusCode, 200, first.body);
    const assessed = first.json<GoalView>();
    assert.equal(assessed.assessment?.value, 'partly_met');
    assert.ok(assessed.proposal.proposal);
    const lost = await t.request('PUT', `/api/cycles/${laxaCycle.id}/assessments/${goal.itemId}`, {
      cookie: laxaCoordinator,
      body: { assessment: 'met', rationale: 'x', version: null },
    });
    assert.equal(lost.statusCode, 409);
    const second = await t.request('PUT', `/api/cycles/${laxaCycle.id}/assessments/${goal.itemId}`, {
      cookie: laxaCoordinator,
      body: { assessment: 'met', rationale: 'Alla klara.', version: assessed.assessment?.version },
    });
    assert.equal(second.statusCode, 200, second.body);
    const notGoal = await t.request('PUT', `/api/cycles/${laxaCycle.id}/assessments/${activity.itemId}`, {
      cookie: laxaCoordinator,
      body: { assessment: 'met', rationale: '', version: null },
    });
    assert.equal(notGoal.statusCode, 400);
    const outline = (await t.request('GET', `/api/plans/${laxa}/outline`, { cookie: laxaCoordinator })).json<PlanOutline>();
    const node = walk(outline.nodes).find((n) => n.id === activity.itemId) as OutlineNode & { version: number };
    const weighted = await t.request('PUT', `/api/items/${activity.itemId}/weight`, {
      cookie: laxaCoordinator,
      body: { version: node.version, weight: 3 },
    });
    assert.equal(weighted.statusCode, 200, weighted.body);
    assert.equal((await detail(laxaCycle.id, laxaCoordinator)).goals.find((g) => g.itemId === goal.itemId)?.weight, null);
  });

  it('makes the report in a background job and keeps the file with the cycle', async () => {
    const queued = await t.request('POST', `/api/cycles/${cycle.id}/reports`, { cookie: coordinator, body: { format: 'docx' } });
    assert.equal(queued.statusCode, 202, queued.body);
    const job = queued.json<JobView>();
    assert.equal(job.state, 'queued');
    assert.equal(
      (await t.request('POST', `/api/cycles/${cycle.id}/reports`, { cookie: reporter, body: { format: 'pdf' } })).statusCode,
      403,
    );
    assert.equal(await runOneJob(t.store.db, { [REPORT_JOB]: reportJobHandler(t.store.db) }), true);
    const done = (await t.request('GET', `/api/jobs/${job.id}`, { cookie: coordinator })).json<JobView>();
    assert.equal(done.state, 'done', done.message ?? '');
    assert.equal(done.progress, 100);
    const file = done.result as ReportFileView;
    assert.equal(file.format, 'docx');
    const listed = (await t.request('GET', `/api/cycles/${cycle.id}/reports`, { cookie: coordinator })).json<ReportFileView[]>();
    assert.equal(listed[0]?.id, file.id);
    const download = await t.app.inject({ method: 'GET', url: `/api/report-files/${file.id}`, headers: { cookie: coordinator } });
    assert.equal(download.statusCode, 200);
    assert.equal(download.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.equal((await t.request('GET', `/api/report-files/${file.id}`)).statusCode, 404);
  });

  it('closes and reopens a cycle; nothing is written to a closed one', async () => {
    const d = await detail(cycle.id);
    const closed = await t.request('POST', `/api/cycles/${cycle.id}/close`, { cookie: coordinator, body: { version: d.cycle.version } });
    assert.equal(closed.statusCode, 200, closed.body);
    const task = (await detail(cycle.id, reporter)).tasks.find((x) => x.state === 'open' || x.state === 'returned') as TaskView;
    const refused = await put(task, { status: 'done' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json<{ message: string }>().message, /stängd/);
    const reopened = await t.request('POST', `/api/cycles/${cycle.id}/reopen`, {
      cookie: coordinator,
      body: { version: closed.json<CycleView>().version },
    });
    assert.equal(reopened.statusCode, 200, reopened.body);
    assert.equal(reopened.json<CycleView>().reopened, 1);
  });

  it('compares two cycles and shows an item’s timeline across them', async () => {
    const first = await t.request('POST', `/api/plans/${osteraker}/cycles`, {
      cookie: coordinator,
      body: { periodFrom: '2015-01-01', periodTo: '2015-06-30', deadline: '2015-07-31' },
    });
    assert.equal(first.statusCode, 201, first.body);
    const earlier = first.json<CycleView>();
    const task = (await detail(earlier.id, reporter)).tasks[0] as TaskView;
    assert.equal((await put(task, { status: 'not_started', narrative: 'Inte ännu.', submit: true })).statusCode, 200);
    const res = await t.request('GET', `/api/cycles/compare?a=${earlier.id}&b=${cycle.id}`, { cookie: coordinator });
    assert.equal(res.statusCode, 200, res.body);
    const comparison = res.json<{ rows: { itemId: string; movement: string }[]; counts: Record<string, number> }>();
    const row = comparison.rows.find((r) => r.itemId === task.itemId);
    assert.ok(row);
    assert.ok(['improved', 'stalled', 'unreported', 'regressed', 'finished'].includes(row.movement));
    assert.ok(Object.values(comparison.counts).reduce((a, b) => a + b, 0) === comparison.rows.length);
    const timeline = (await t.request('GET', `/api/items/${task.itemId}/timeline`, { cookie: coordinator })).json<{
      entries: { cycle: { id: string } }[];
    }>();
    assert.deepEqual(
      timeline.entries.map((e) => e.cycle.id),
      [earlier.id, cycle.id],
    );
    const mixed = await t.request(
      'GET',
      `/api/cycles/compare?a=${earlier.id}&b=${(await t.request('GET', `/api/plans/${laxa}/cycles`, { cookie: laxaCoordinator })).json<CycleView[]>()[0]?.id}`,
      {
        cookie: coordinator,
      },
    );
    assert.equal(mixed.statusCode, 404);
  });

  it('a personal link opens exactly its holder’s reports and is spent when all are submitted', async () => {
    const user = await t.store.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'osteraker.rapportor')
      .executeTakeFirstOrThrow();
    const token = await issueLink(t.store.db, { userId: user.id, cycleId: cycle.id, validDays: 7, now: new Date() });
    const opened = await t.request('GET', `/api/links/${token}`);
    assert.equal(opened.statusCode, 200, opened.body);
    const view = opened.json<{ user: { displayName: string }; tasks: TaskView[] }>();
    assert.match(view.user.displayName, /Rapportör/);
    const own = (await detail(cycle.id, reporter)).tasks;
    assert.deepEqual(view.tasks.map((x) => x.id).sort(), own.map((x) => x.id).sort());
    const other = (await detail(cycle.id)).tasks.find((x) => !own.some((o) => o.id === x.id)) as TaskView;
    const foreign = await t.request('PUT', `/api/links/${token}/tasks/${other.id}`, {
      body: { version: other.version, status: 'done', progress: null, narrative: '', targetValue: null, submit: false },
    });
    assert.equal(foreign.statusCode, 404);
    let last: { remaining: number; linkSpent: boolean } | undefined;
    for (const task of view.tasks.filter((x) => x.state === 'open' || x.state === 'draft' || x.state === 'returned')) {
      const res = await t.request('PUT', `/api/links/${token}/tasks/${task.id}`, {
        body: { version: task.version, status: 'in_progress', progress: 30, narrative: 'Via länken.', targetValue: null, submit: true },
      });
      assert.equal(res.statusCode, 200, res.body);
      last = res.json();
    }
    assert.deepEqual(last, { ...last, remaining: 0, linkSpent: true });
    const spent = await t.request('GET', `/api/links/${token}`);
    assert.equal(spent.statusCode, 401);
    assert.match(spent.json<{ message: string }>().message, /redan använd/);
    assert.equal((await t.request('GET', `/api/links/${token.slice(0, -3)}xyz`)).statusCode, 404);
  });
});
