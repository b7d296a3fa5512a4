import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { seedDemoFollowUp } from '../follow-up/demo.ts';
import type { TaskView } from '../follow-up/service.ts';

/** The part of a page between an opening tag with this class and the end of its table. */
const historyTable = (html: string) => {
  const start = html.indexOf('class="plan-history"');
  return start < 0 ? '' : html.slice(start, html.indexOf('</table>', start));
};

await forEachStore('public plan pages', (kind) => {
  let t: TestApp;
  let laxa: string;
  let osteraker: string;

  const page = (url: string) => t.request('GET', url);
  const planOf = async (code: string) =>
    (await t.request('GET', `/api/municipalities/${code}/documents`))
      .json<{ id: string; parentDocumentId: string | null }[]>()
      .find((d) => !d.parentDocumentId)?.id as string;

  before(async () => {
    t = await startTestApp(kind);
    await seedDemoFollowUp(t.store.db);
    laxa = await planOf('1860');
    osteraker = await planOf('0117');
  });
  after(() => t.close());

  it('an adopted plan shows its header, structure and the statuses of approved reports', async () => {
    const res = await page(`/sv/kommun/1860/plan/${laxa}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    const html = res.body;
    assert.match(html, /<html lang="sv" dir="ltr">/);
    assert.equal(html.match(/<h1/g)?.length, 1);
    assert.match(html, /Integrationsplan/i);
    assert.match(html, /Antagen/);
    assert.match(html, /Kvartalsvisa samtal/, 'activities are listed');
    assert.match(html, /Genomförd/);
    assert.match(html, /Punkter per status/);
    assert.match(html, /Sammantaget genomfört/);
    assert.match(html, /exempeldata/, 'example follow-up says so');
    assert.match(historyTable(html), /2015 \(exempel\)/);
    assert.match(historyTable(html), /2016 \(exempel\)/);
    assert.doesNotMatch(html, /<script/i, 'no script on a public page');
    assert.doesNotMatch(html, /laxa\.(samordnare|rapportor)/, 'no user names');
  });

  it('a draft plan is a 404 page, as is a plan under another municipality', async () => {
    const coordinator = await t.login('laxa.samordnare');
    const created = await t.request('POST', '/api/municipalities/1860/plans', {
      cookie: coordinator,
      body: { title: 'Hemligt utkast', kind: 'plan' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const draft = created.json<{ id: string }>().id;
    const res = await page(`/sv/kommun/1860/plan/${draft}`);
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.doesNotMatch(res.body, /Hemligt utkast/);
    assert.equal((await page(`/sv/kommun/1860/plan/${draft}/punkt/${draft}`)).statusCode, 404);
    assert.equal((await page(`/sv/kommun/0117/plan/${laxa}`)).statusCode, 404);
    assert.equal((await page('/sv/kommun/1860/plan/inte-ett-id')).statusCode, 404);
    assert.doesNotMatch((await page('/sv/kommun/1860')).body, /Hemligt utkast/);
  });

  it('a submitted report stays off the public pages until the coordinator approves it', async () => {
    // An outstanding report of a unit in an open example cycle; the municipality's demo reporter is made to answer
    // for that unit, so the report is written and submitted the way a reporter does it.
    const names: Record<string, string> = {
      '0117': 'osteraker',
      '1864': 'ljusnarsberg',
      '1381': 'laholm',
      '2514': 'kalix',
      '1860': 'laxa',
    };
    const outstanding = await t.store.db
      .selectFrom('report_task')
      .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
      .innerJoin('item', 'item.id', 'report_task.item_id')
      .select(['report_task.id', 'report_task.unit_id', 'follow_up_cycle.municipality_code'])
      .where('follow_up_cycle.state', '=', 'open')
      .where('report_task.state', 'in', ['open', 'draft', 'returned'])
      .where('report_task.unit_id', 'is not', null)
      .orderBy('follow_up_cycle.municipality_code')
      .executeTakeFirstOrThrow();
    const code = outstanding.municipality_code;
    const name = names[code] as string;
    const user = await t.store.db.selectFrom('app_user').select('id').where('username', '=', `${name}.rapportor`).executeTakeFirstOrThrow();
    await t.store.db
      .insertInto('user_unit')
      .values({ user_id: user.id, unit_id: outstanding.unit_id as string })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const reporter = await t.login(`${name}.rapportor`);
    const coordinator = await t.login(`${name}.samordnare`);
    const task = (await t.request('GET', `/api/tasks/${outstanding.id}`, { cookie: reporter })).json<TaskView>();
    assert.ok(task.itemId);
    const cycle = await t.store.db
      .selectFrom('follow_up_cycle')
      .select('document_id')
      .where('id', '=', task.cycleId)
      .executeTakeFirstOrThrow();
    const secret = 'Rapporttext som ännu inte är godkänd 4711';
    const submitted = await t.request('PUT', `/api/tasks/${task.id}`, {
      cookie: reporter,
      body: { version: task.version, status: 'delayed', progress: 10, narrative: secret, targetValue: null, submit: true },
    });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const planUrl = `/sv/kommun/${code}/plan/${cycle.document_id}`;
    const itemUrl = `${planUrl}/punkt/${task.itemId}`;
    for (const url of [planUrl, itemUrl, `${planUrl}?status=delayed`, `/sv/kommun/${code}`]) {
      const res = await page(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
      assert.doesNotMatch(res.body, /4711/, `${url} shows an unapproved report`);
    }
    const done = submitted.json<TaskView>();
    const approved = await t.request('POST', `/api/tasks/${done.id}/approve`, { cookie: coordinator, body: { version: done.version } });
    assert.equal(approved.statusCode, 200, approved.body);
    for (const url of [planUrl, itemUrl]) {
      const res = await page(url);
      assert.match(res.body, /4711/, `${url} shows the approved narrative`);
      assert.ok(!res.body.includes(`${name}.`), 'never the names of the people who reported or approved');
    }
    const users = await t.store.db.selectFrom('app_user').select('display_name').where('municipality_code', '=', code).execute();
    const body = (await page(itemUrl)).body;
    for (const u of users) assert.ok(!body.includes(u.display_name), `${u.display_name} is not on the page`);
  });

  it('a goal’s assessment is published when its cycle is closed, not while the coordinator may still change it', async () => {
    const open = await t.store.db
      .selectFrom('report_task')
      .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
      .select(['report_task.cycle_id', 'report_task.item_id', 'follow_up_cycle.document_id', 'follow_up_cycle.version'])
      .where('follow_up_cycle.municipality_code', '=', '1860')
      .where('follow_up_cycle.state', '=', 'open')
      .where('report_task.item_kind', '=', 'goal')
      .executeTakeFirstOrThrow();
    const coordinator = await t.login('laxa.samordnare');
    const current = await t.store.db
      .selectFrom('goal_assessment')
      .select('version')
      .where('cycle_id', '=', open.cycle_id)
      .where('item_id', '=', open.item_id as string)
      .executeTakeFirst();
    const assessed = await t.request('PUT', `/api/cycles/${open.cycle_id}/assessments/${open.item_id}`, {
      cookie: coordinator,
      body: { assessment: 'not_met', rationale: 'Preliminär bedömning 8123', version: current?.version ?? null },
    });
    assert.equal(assessed.statusCode < 300, true, assessed.body);
    const planUrl = `/sv/kommun/1860/plan/${open.document_id}`;
    assert.doesNotMatch((await page(planUrl)).body, /8123/);
    assert.doesNotMatch((await page(`${planUrl}/punkt/${open.item_id}`)).body, /8123/);
    const closed = await t.request('POST', `/api/cycles/${open.cycle_id}/close`, { cookie: coordinator, body: { version: open.version } });
    assert.equal(closed.statusCode < 300, true, closed.body);
    assert.match((await page(`${planUrl}/punkt/${open.item_id}`)).body, /Preliminär bedömning 8123/);
  });

  it('the Arabic page is right to left, its Swedish texts marked as Swedish', async () => {
    const res = await page(`/ar/kommun/1860/plan/${laxa}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="ar" dir="rtl">/);
    assert.match(res.body, /lang="sv" dir="ltr"/);
    assert.match(res.body, /كيف يسير العمل/);
  });

  it('?cykel shows the state after an earlier follow-up, and the form’s address is shortened', async () => {
    const cycles = await t.store.db
      .selectFrom('follow_up_cycle')
      .select(['id', 'label'])
      .where('document_id', '=', laxa)
      .orderBy('period_from')
      .execute();
    const first = cycles[0]!;
    const then = await page(`/sv/kommun/1860/plan/${laxa}?cykel=${first.id}`);
    assert.equal(then.statusCode, 200, then.body);
    assert.match(then.body, /Så såg det ut efter uppföljningen/);
    assert.match(historyTable(then.body), /2015 \(exempel\)/);
    assert.doesNotMatch(historyTable(then.body), /2016 \(exempel\)/);
    const now = await page(`/sv/kommun/1860/plan/${laxa}`);
    const counts = (html: string) =>
      html.slice(html.indexOf('plan-status-table'), html.indexOf('</table>', html.indexOf('plan-status-table')));
    assert.notEqual(counts(then.body), counts(now.body), 'the counts differ between 2015 and now');
    const form = await page(`/sv/kommun/1860/plan/${laxa}?visa=alla&status=&cykel=${first.id}`);
    assert.equal(form.statusCode, 303);
    assert.equal(form.headers.location, `/sv/kommun/1860/plan/${laxa}?cykel=${first.id}`);
    assert.equal((await page(`/sv/kommun/1860/plan/${laxa}?status=godkand`)).statusCode, 400);
    assert.equal((await page(`/sv/kommun/1860/plan/${laxa}?cykel=00000000-0000-4000-8000-000000000000`)).statusCode, 404);
  });

  it('goals only leaves out the activities; a status filter keeps its items', async () => {
    const goals = await page(`/sv/kommun/1860/plan/${laxa}?visa=mal`);
    assert.equal(goals.statusCode, 200);
    assert.doesNotMatch(goals.body, /Kvartalsvisa samtal/);
    assert.match(goals.body, /<option value="mal" selected="">/);
    const done = await page(`/sv/kommun/1860/plan/${laxa}?status=done`);
    assert.match(done.body, /punkter har vald status/);
    const structure = done.body.slice(done.body.indexOf('id="planen"'), done.body.indexOf('id="historik"'));
    const matched = Number(/(\d+) punkter har vald status/.exec(structure)?.[1]);
    // Items above the matching ones stay as headings, with their own status; every matching item is there.
    assert.equal(structure.split('>Genomförd</span><span class="muted"> (uppföljningen').length - 1 >= matched, true);
    assert.ok(matched > 0);
  });

  it('an item page shows the item’s history over cycles, its parent and children', async () => {
    const item = await t.store.db
      .selectFrom('item')
      .select(['id', 'parent_id'])
      .where('document_id', '=', laxa)
      .where('text', 'like', 'Kvartalsvisa samtal%')
      .executeTakeFirstOrThrow();
    const res = await page(`/sv/kommun/1860/plan/${laxa}/punkt/${item.id}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /Uppföljningar av punkten/);
    assert.match(historyTable(res.body), /2015 \(exempel\)/);
    assert.match(res.body, new RegExp(`/punkt/${item.parent_id}`), 'links to its parent');
    const parent = await page(`/sv/kommun/1860/plan/${laxa}/punkt/${item.parent_id}`);
    assert.match(parent.body, /Under punkten/);
    assert.match(parent.body, new RegExp(`/punkt/${item.id}`));
    const other = await t.store.db.selectFrom('item').select('id').where('document_id', '=', osteraker).executeTakeFirstOrThrow();
    assert.equal((await page(`/sv/kommun/1860/plan/${laxa}/punkt/${other.id}`)).statusCode, 404);
  });

  it('the municipality page shows each plan’s overall progress', async () => {
    const res = await page('/sv/kommun/1860');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Genomfört enligt godkänd uppföljning: \d+/);
  });

  it('answers 304 to a reader who has the page', async () => {
    const url = `/sv/kommun/1860/plan/${laxa}`;
    const first = await t.app.inject({ method: 'GET', url });
    const etag = first.headers.etag as string;
    assert.ok(etag);
    const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
  });
});
