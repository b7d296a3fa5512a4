import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { DocumentView, ItemView } from '../plans/views.ts';
import type { ActionPlanDetail, ActivityView, RequestView } from './views.ts';

interface Unit {
  id: string;
  name: string;
  abbreviation: string | null;
  kind: string;
}

await forEachStore('action plans API', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let reporter: string;
  let otherReporter: string;
  let planId: string;
  let goals: { id: string; text: string }[];
  let units: Map<string, Unit>;
  let fokId: string;
  let requests: RequestView[];

  const requestOf = (unitId: string) => requests.find((r) => r.unit.id === unitId) as RequestView;
  const detail = async (id: string, cookie = coordinator) => {
    const res = await t.request('GET', `/api/action-plans/${id}`, { cookie });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<ActionPlanDetail>();
  };
  const auditOf = async (entityId: string) => {
    const admin = await t.login('admin', 'admin-test-password');
    return (await t.request('GET', `/api/audit?entityId=${entityId}`, { cookie: admin })).json<
      { action: string; username: string; before: unknown; after: unknown }[]
    >();
  };

  before(async () => {
    t = await startTestApp(kind);
    coordinator = await t.login('kalix.samordnare');
    reporter = await t.login('kalix.rapportor');
    const me = (await t.request('GET', '/api/auth/me', { cookie: reporter })).json<{ user: { unitIds: string[] } }>();
    fokId = me.user.unitIds[0] as string;
    const list = (await t.request('GET', '/api/municipalities/2514/units')).json<Unit[]>();
    units = new Map(list.map((u) => [u.abbreviation ?? u.name, u]));
    assert.equal(units.get('FoK')?.id, fokId, "Kalix's demo reporter answers for FoK");
    const admin = await t.login('admin', 'admin-test-password');
    const created = await t.request('POST', '/api/users', {
      cookie: admin,
      body: {
        username: 'kalix.utb',
        password: 'utb-rapportor',
        displayName: 'Rapportör UTB',
        role: 'reporter',
        municipalityCode: '2514',
        unitIds: [units.get('UTB')?.id],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    otherReporter = await t.login('kalix.utb', 'utb-rapportor');
    planId = (await t.request('GET', '/api/municipalities/2514/documents')).json<{ id: string }[]>()[0]?.id as string;
    const outline = (await t.request('GET', `/api/plans/${planId}/outline`)).json<{
      nodes: { kind: string; id: string; text: string; children: never[] }[];
    }>();
    const walk = (nodes: { kind: string; id: string; text: string; children: never[] }[]): { kind: string; id: string; text: string }[] =>
      nodes.flatMap((n) => [n, ...walk(n.children)]);
    goals = walk(outline.nodes).filter((n) => n.kind === 'goal');
    assert.equal(goals.length, 31);
  });
  after(() => t.close());

  it('asks two units for action plans: one draft action plan document and one request each, audited', async () => {
    const res = await t.request('POST', `/api/plans/${planId}/action-plans`, {
      cookie: coordinator,
      body: { unitIds: [units.get('FoK')?.id, units.get('UTB')?.id], due: '2016-10-31', message: 'Utgå från era delmål.' },
    });
    assert.equal(res.statusCode, 201, res.body);
    requests = res.json<RequestView[]>();
    assert.deepEqual(requests.map((r) => [r.unit.name, r.state, r.due, r.activityCount, r.version]).sort(), [
      ['FoK', 'requested', '2016-10-31', 0, 1],
      ['UTB', 'requested', '2016-10-31', 0, 1],
    ]);
    const actionPlan = (
      await t.request('GET', `/api/plans/${requestOf(fokId).actionPlanId}`, { cookie: coordinator })
    ).json<DocumentView>();
    assert.equal(actionPlan.title, 'Handlingsplan FoK – Integrationsplan');
    assert.equal(actionPlan.kind, 'action-plan');
    assert.equal(actionPlan.status, 'draft');
    assert.deepEqual(actionPlan.levels, ['Åtgärd']);
    const log = await auditOf(requestOf(fokId).id);
    assert.equal(log[0]?.action, 'action-plan.request');
    assert.equal(log[0]?.username, 'kalix.samordnare');

    const listed = (await t.request('GET', `/api/plans/${planId}/action-plans`, { cookie: reporter })).json<RequestView[]>();
    assert.deepEqual(
      listed.map((r) => r.unit.name),
      ['FoK', 'UTB'],
    );
  });

  it('refuses asking a unit again, an external partner, and anyone but the coordinator', async () => {
    const again = await t.request('POST', `/api/plans/${planId}/action-plans`, {
      cookie: coordinator,
      body: { unitIds: [units.get('SOC')?.id, units.get('FoK')?.id] },
    });
    assert.equal(again.statusCode, 400);
    const body = again.json<{ details: { path: string; message: string }[] }>();
    assert.deepEqual(
      body.details.map((d) => d.path),
      ['/unitIds/1'],
    );
    assert.match(body.details[0]?.message ?? '', /FoK har redan fått en begäran/);
    const partner = await t.request('POST', `/api/plans/${planId}/action-plans`, {
      cookie: coordinator,
      body: { unitIds: [units.get('Arbetsförmedlingen')?.id] },
    });
    assert.equal(partner.statusCode, 400);
    assert.match(partner.json<{ message: string }>().message, /extern partner/);
    const byReporter = await t.request('POST', `/api/plans/${planId}/action-plans`, {
      cookie: reporter,
      body: { unitIds: [units.get('SOC')?.id] },
    });
    assert.equal(byReporter.statusCode, 403);
    const byPublic = await t.request('POST', `/api/plans/${planId}/action-plans`, { body: { unitIds: [units.get('SOC')?.id] } });
    assert.equal(byPublic.statusCode, 401);
    const listed = (await t.request('GET', `/api/plans/${planId}/action-plans`, { cookie: coordinator })).json<RequestView[]>();
    assert.equal(listed.length, 2, 'nothing of the refused requests was written');
  });

  it("lets the unit's reporter draft activities under the plan's goals, validating the goal and the fields", async () => {
    const fok = requestOf(fokId);
    const added = await t.request('POST', `/api/action-plans/${fok.id}/activities`, {
      cookie: reporter,
      body: {
        servesItemId: goals[0]?.id,
        text: 'Studiecirklar i svenska på biblioteket',
        recurrence: 'FREQ=MONTHLY;INTERVAL=3',
        target: { value: 4, unit: 'cirklar', per: 'year' },
      },
    });
    assert.equal(added.statusCode, 201, added.body);
    const activity = added.json<ActivityView>();
    assert.equal(activity.servesItemId, goals[0]?.id);
    assert.equal(activity.label, 'Åtgärd');
    assert.deepEqual(
      activity.responsible.map((r) => [r.name, r.role]),
      [['FoK', 'lead']],
      'the unit asked answers for its own activity unless told otherwise',
    );

    const notAGoal = await t.request('POST', `/api/action-plans/${fok.id}/activities`, {
      cookie: reporter,
      body: { servesItemId: activity.id, text: 'Tjänar ingen av planens mål' },
    });
    assert.equal(notAGoal.statusCode, 400);
    assert.equal(notAGoal.json<{ details: { path: string }[] }>().details[0]?.path, '/servesItemId');
    const badTarget = await t.request('POST', `/api/action-plans/${fok.id}/activities`, {
      cookie: reporter,
      body: { servesItemId: goals[1]?.id, text: 'Fel intervall', target: { min: 9, max: 3, unit: 'st' } },
    });
    assert.equal(badTarget.statusCode, 400);
    assert.equal(badTarget.json<{ details: { path: string }[] }>().details[0]?.path, '/target/min');

    const edited = await t.request('PATCH', `/api/action-plans/${fok.id}/activities/${activity.id}`, {
      cookie: reporter,
      body: {
        version: activity.version,
        text: 'Studiecirklar i svenska på biblioteket och i byarna',
        servesItemId: goals[1]?.id,
        responsible: [
          { unitId: fokId, role: 'lead' },
          { unitId: units.get('UTB')?.id, role: 'contributor' },
        ],
      },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json<ActivityView>().servesItemId, goals[1]?.id);
    const stale = await t.request('PATCH', `/api/action-plans/${fok.id}/activities/${activity.id}`, {
      cookie: reporter,
      body: { version: activity.version, text: 'Gammal version' },
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<{ current: ActivityView }>().current.text, 'Studiecirklar i svenska på biblioteket och i byarna');

    const extra = (
      await t.request('POST', `/api/action-plans/${fok.id}/activities`, {
        cookie: reporter,
        body: { servesItemId: goals[1]?.id, text: 'Tas bort igen', due: '2017' },
      })
    ).json<ItemView>();
    const removed = await t.request('DELETE', `/api/action-plans/${fok.id}/activities/${extra.id}?version=${extra.version}`, {
      cookie: reporter,
    });
    assert.equal(removed.statusCode, 200, removed.body);

    const view = await detail(fok.id, reporter);
    assert.equal(view.goals.length, 31);
    assert.equal(view.groups.length, 31);
    assert.deepEqual(
      view.groups.filter((g) => g.activities.length > 0).map((g) => [g.goalId, g.activities.map((a) => a.text)]),
      [[goals[1]?.id, ['Studiecirklar i svenska på biblioteket och i byarna']]],
    );
    assert.ok(view.goals[0]?.context?.startsWith('Målområde'), 'a goal names the area it belongs to');
    assert.deepEqual(view.may, { edit: true, submit: true, decide: false });
  });

  it('refuses a reporter of another unit, the public, and another municipality', async () => {
    const fok = requestOf(fokId);
    const byOther = await t.request('POST', `/api/action-plans/${fok.id}/activities`, {
      cookie: otherReporter,
      body: { servesItemId: goals[0]?.id, text: 'Inte min enhets plan' },
    });
    assert.equal(byOther.statusCode, 403);
    const submitByOther = await t.request('POST', `/api/action-plans/${fok.id}/submit`, { cookie: otherReporter, body: { version: 1 } });
    assert.equal(submitByOther.statusCode, 403);
    const readByOther = await detail(fok.id, otherReporter);
    assert.deepEqual(readByOther.may, { edit: false, submit: false, decide: false });

    assert.equal((await t.request('GET', `/api/action-plans/${fok.id}`)).statusCode, 404);
    assert.deepEqual((await t.request('GET', `/api/plans/${planId}/action-plans`)).json(), []);
    const laxa = await t.login('laxa.samordnare');
    assert.equal((await t.request('GET', `/api/action-plans/${fok.id}`, { cookie: laxa })).statusCode, 404);
    const publicWrite = await t.request('POST', `/api/action-plans/${fok.id}/activities`, {
      body: { servesItemId: goals[0]?.id, text: 'x' },
    });
    assert.equal(publicWrite.statusCode, 401);
  });

  it('walks submit → return → resubmit → accept, locking the plan while submitted, with a version check and audit each', async () => {
    const fok = requestOf(fokId);
    const emptyUtb = await t.request('POST', `/api/action-plans/${requestOf(units.get('UTB')?.id as string).id}/submit`, {
      cookie: otherReporter,
      body: { version: 1 },
    });
    assert.equal(emptyUtb.statusCode, 400, 'an empty action plan is not submitted');

    const submitted = await t.request('POST', `/api/action-plans/${fok.id}/submit`, { cookie: reporter, body: { version: fok.version } });
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json<RequestView>().state, 'submitted');
    const again = await t.request('POST', `/api/action-plans/${fok.id}/submit`, { cookie: reporter, body: { version: fok.version } });
    assert.equal(again.statusCode, 409, 'a stale version is refused');
    assert.equal(again.json<{ current: RequestView }>().current.state, 'submitted');

    const locked = await t.request('POST', `/api/action-plans/${fok.id}/activities`, {
      cookie: reporter,
      body: { servesItemId: goals[0]?.id, text: 'Efter inskickning' },
    });
    assert.equal(locked.statusCode, 403);
    assert.match(locked.json<{ message: string }>().message, /inskickad/);
    const lockedActivity = (await detail(fok.id, reporter)).groups.flatMap((g) => g.activities)[0] as ActivityView;
    const viaItems = await t.request('PATCH', `/api/items/${lockedActivity.id}`, {
      cookie: reporter,
      body: { version: lockedActivity.version, text: 'Ändrad bakvägen' },
    });
    assert.equal(viaItems.statusCode, 403, 'the general item route keeps the lock too');

    const version = submitted.json<RequestView>().version;
    const byReporter = await t.request('POST', `/api/action-plans/${fok.id}/accept`, { cookie: reporter, body: { version } });
    assert.equal(byReporter.statusCode, 403, 'a unit does not accept its own plan');
    const noComment = await t.request('POST', `/api/action-plans/${fok.id}/return`, {
      cookie: coordinator,
      body: { version, comment: '  ' },
    });
    assert.equal(noComment.statusCode, 400);
    const returned = await t.request('POST', `/api/action-plans/${fok.id}/return`, {
      cookie: coordinator,
      body: { version, comment: 'Lägg till ett målvärde för studiecirklarna.' },
    });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal(returned.json<RequestView>().state, 'returned');

    const view = await detail(fok.id, reporter);
    assert.equal(view.request.returnComment, 'Lägg till ett målvärde för studiecirklarna.');
    const activity = view.groups.flatMap((g) => g.activities)[0] as ActivityView;
    const fixed = await t.request('PATCH', `/api/action-plans/${fok.id}/activities/${activity.id}`, {
      cookie: reporter,
      body: { version: activity.version, target: { value: 6, unit: 'cirklar', per: 'year' } },
    });
    assert.equal(fixed.statusCode, 200, fixed.body);
    const resubmitted = await t.request('POST', `/api/action-plans/${fok.id}/submit`, {
      cookie: reporter,
      body: { version: returned.json<RequestView>().version },
    });
    assert.equal(resubmitted.statusCode, 200, resubmitted.body);
    const accepted = await t.request('POST', `/api/action-plans/${fok.id}/accept`, {
      cookie: coordinator,
      body: { version: resubmitted.json<RequestView>().version },
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json<RequestView>().state, 'accepted');
    assert.equal(accepted.json<RequestView>().returnComment, null);
    const acceptAgain = await t.request('POST', `/api/action-plans/${fok.id}/accept`, {
      cookie: coordinator,
      body: { version: accepted.json<RequestView>().version },
    });
    assert.equal(acceptAgain.statusCode, 400);

    const log = await auditOf(fok.id);
    assert.deepEqual(log.map((l) => l.action).reverse(), [
      'action-plan.request',
      'action-plan.submit',
      'action-plan.return',
      'action-plan.submit',
      'action-plan.accept',
    ]);
  });

  it('compiles accepted action plans into the activity plan, recompiles a draft, and records its adoption', async () => {
    const utb = requestOf(units.get('UTB')?.id as string);
    const notYet = await t.request('POST', `/api/plans/${planId}/activity-plan/compile`, { cookie: reporter, body: {} });
    assert.equal(notYet.statusCode, 403);

    const compiled = await t.request('POST', `/api/plans/${planId}/activity-plan/compile`, { cookie: coordinator, body: {} });
    assert.equal(compiled.statusCode, 200, compiled.body);
    const activityPlan = compiled.json<DocumentView>();
    assert.equal(activityPlan.title, 'Aktivitetsplan – Integrationsplan');
    assert.equal(activityPlan.kind, 'activity-plan');
    assert.equal(activityPlan.status, 'draft');
    assert.deepEqual(activityPlan.levels, ['Delmål', 'Åtgärd']);
    const matrix = (await t.request('GET', `/api/plans/${activityPlan.id}/matrix`, { cookie: coordinator })).json<{
      rows: { kind: string; text: string; depth: number; cells: Record<string, string> }[];
    }>();
    assert.equal(matrix.rows.filter((r) => r.kind === 'goal').length, 31);
    const activities = matrix.rows.filter((r) => r.kind === 'activity');
    assert.deepEqual(
      activities.map((a) => [a.text, a.depth, a.cells[fokId], a.cells[units.get('UTB')?.id as string]]),
      [['Studiecirklar i svenska på biblioteket och i byarna', 1, 'lead', 'contributor']],
    );
    const outline = (await t.request('GET', `/api/plans/${activityPlan.id}/outline`, { cookie: coordinator })).json<{
      nodes: { text: string; children: { target: unknown }[] }[];
    }>();
    assert.equal(outline.nodes[1]?.text, goals[1]?.text);
    assert.deepEqual(outline.nodes[1]?.children[0]?.target, { value: 6, unit: 'cirklar', per: 'year' });

    // UTB's plan, drafted by its reporter and accepted later, joins on recompiling.
    await t.request('POST', `/api/action-plans/${utb.id}/activities`, {
      cookie: otherReporter,
      body: { servesItemId: goals[1]?.id, text: 'Läxhjälp på modersmål', due: '2017' },
    });
    const submitted = (
      await t.request('POST', `/api/action-plans/${utb.id}/submit`, { cookie: otherReporter, body: { version: 1 } })
    ).json<RequestView>();
    await t.request('POST', `/api/action-plans/${utb.id}/accept`, { cookie: coordinator, body: { version: submitted.version } });
    const stale = await t.request('POST', `/api/plans/${planId}/activity-plan/compile`, { cookie: coordinator, body: { version: 99 } });
    assert.equal(stale.statusCode, 409);
    const recompiled = await t.request('POST', `/api/plans/${planId}/activity-plan/compile`, {
      cookie: coordinator,
      body: { version: activityPlan.version },
    });
    assert.equal(recompiled.statusCode, 200, recompiled.body);
    assert.equal(recompiled.json<DocumentView>().id, activityPlan.id, 'the draft is replaced, not duplicated');
    const again = (await t.request('GET', `/api/plans/${activityPlan.id}/outline`, { cookie: coordinator })).json<{
      nodes: { children: { text: string }[] }[];
    }>();
    assert.deepEqual(
      again.nodes[1]?.children.map((c) => c.text),
      ['Studiecirklar i svenska på biblioteket och i byarna', 'Läxhjälp på modersmål'],
    );

    const adopted = await t.request('PATCH', `/api/plans/${activityPlan.id}`, {
      cookie: coordinator,
      body: {
        version: recompiled.json<DocumentView>().version,
        status: 'adopted',
        adopted: { body: 'KS', date: '2016-12-05', paragraph: '§ 212', dnr: null },
      },
    });
    assert.equal(adopted.statusCode, 200, adopted.body);
    assert.equal(adopted.json<DocumentView>().status, 'adopted');
    const publicView = await t.request('GET', `/api/plans/${activityPlan.id}`);
    assert.equal(publicView.statusCode, 200, 'an adopted activity plan is a public record');

    const afterAdoption = await t.request('POST', `/api/plans/${planId}/activity-plan/compile`, { cookie: coordinator, body: {} });
    assert.equal(afterAdoption.statusCode, 400);
    assert.match(afterAdoption.json<{ message: string }>().message, /starta en revidering/i);

    // A revision of the adopted activity plan is the draft the next compilation replaces; its diff keeps the lineage.
    const adoptedPlan = adopted.json<DocumentView>();
    const revision = await t.request('POST', `/api/plans/${activityPlan.id}/revisions`, {
      cookie: coordinator,
      body: { version: adoptedPlan.version },
    });
    assert.equal(revision.statusCode, 201, revision.body);
    const intoRevision = await t.request('POST', `/api/plans/${planId}/activity-plan/compile`, { cookie: coordinator, body: {} });
    assert.equal(intoRevision.statusCode, 200, intoRevision.body);
    assert.equal(intoRevision.json<DocumentView>().id, revision.json<DocumentView>().id);
    const diff = (await t.request('GET', `/api/plans/${revision.json<DocumentView>().id}/diff`, { cookie: coordinator })).json<{
      added: unknown[];
      removed: unknown[];
      changed: unknown[];
      moved: unknown[];
    }>();
    assert.deepEqual([diff.added, diff.removed, diff.changed, diff.moved], [[], [], [], []], 'recompiled unchanged plans: no difference');

    const docs = (await t.request('GET', '/api/municipalities/2514/documents', { cookie: coordinator })).json<
      { id: string; kind: string; parentDocumentId: string | null; status: string }[]
    >();
    assert.equal(docs[0]?.id, planId, 'the plan comes first, its action and activity plans after it');
    assert.deepEqual(
      docs
        .filter((d) => d.parentDocumentId === planId)
        .map((d) => d.kind)
        .sort(),
      ['action-plan', 'action-plan', 'activity-plan', 'activity-plan'],
    );
    const publicDocs = (await t.request('GET', '/api/municipalities/2514/documents')).json<{ kind: string }[]>();
    assert.deepEqual(
      publicDocs.map((d) => d.kind),
      ['plan', 'activity-plan'],
      'the public sees the adopted activity plan, not the units’ drafts',
    );
  });

  it('refuses asking for action plans under a draft', async () => {
    const draft = (
      await t.request('POST', '/api/municipalities/2514/plans', { cookie: coordinator, body: { title: 'Utkast', kind: 'plan' } })
    ).json<DocumentView>();
    const res = await t.request('POST', `/api/plans/${draft.id}/action-plans`, { cookie: coordinator, body: { unitIds: [fokId] } });
    assert.equal(res.statusCode, 400);
    assert.match(res.json<{ message: string }>().message, /antagen eller föreslagen/);
  });
});
