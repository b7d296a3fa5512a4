import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database, NewItem } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, staleVersion, type FieldProblem } from '../../kernel/errors.ts';
import { canEditPlan, canReadDocument, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { checkPeriod, checkRecurrence, checkTarget, closeGaps } from '../plans/model.ts';
import type { Period, Target } from '../plans/outline.ts';
import * as q from '../plans/queries.ts';
import { getDocument, isUuid } from '../plans/service.ts';
import { loadItemView, loadItemViews, type DocumentView } from '../plans/views.ts';
import { canActForUnit, canDecideActionPlan, canEditActionPlan } from './policies.ts';
import type { ActionPlanDetail, ActivityView, GoalView, RequestView } from './views.ts';
import {
  ACTION_PLAN_LEVELS,
  actionPlanTitle,
  activityPlanTitle,
  compileActivityPlan,
  goalsInOrder,
  groupByGoal,
  isRequestableUnitKind,
  nextState,
  whyNotRequestable,
  type RequestAction,
} from './rules.ts';

/** Action plans: asked of units under a plan, drafted by them, decided on by the coordinator, compiled into the activity plan. */

type Db = Kysely<Database>;

export interface ActivityInput {
  servesItemId?: string;
  label?: string;
  text?: string;
  responsible?: { unitId: string; role: 'lead' | 'contributor' }[];
  due?: string | null;
  recurrence?: string | null;
  period?: Period | null;
  target?: Target | null;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

function requestQuery(db: Executor) {
  return db
    .selectFrom('action_plan_request as r')
    .innerJoin('unit', 'unit.id', 'r.unit_id')
    .innerJoin('document as plan', 'plan.id', 'r.plan_id')
    .selectAll('r')
    .select([
      'unit.name as unit_name',
      'unit.abbreviation as unit_abbreviation',
      'unit.kind as unit_kind',
      'plan.municipality_code',
      'plan.title as plan_title',
      'plan.status as plan_status',
    ])
    .select((eb) =>
      eb
        .selectFrom('item')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('item.document_id', '=', 'r.action_plan_id')
        .as('activity_count'),
    );
}

type RequestRow = NonNullable<Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirst']>>>;

function toRequestView(row: RequestRow): RequestView {
  return {
    id: row.id,
    planId: row.plan_id,
    unit: { id: row.unit_id, name: row.unit_name, abbreviation: row.unit_abbreviation, kind: row.unit_kind },
    actionPlanId: row.action_plan_id,
    state: row.state,
    due: row.due,
    message: row.message,
    returnComment: row.return_comment,
    activityCount: row.activity_count ?? 0,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** An action plan is a draft of the municipality: to anyone outside it, its request does not exist. */
async function loadRequest(db: Executor, caller: Caller, id: string, lock = false): Promise<RequestRow> {
  if (!isUuid(id)) throw notFound('Handlingsplanen');
  if (lock) await db.selectFrom('action_plan_request').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const row = await requestQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row || !canReadDocument(caller, { municipalityCode: row.municipality_code, status: 'draft' })) throw notFound('Handlingsplanen');
  return row;
}

async function requestView(db: Executor, id: string): Promise<RequestView> {
  return toRequestView((await requestQuery(db).where('r.id', '=', id).executeTakeFirst()) as RequestRow);
}

export async function listRequests(db: Executor, caller: Caller, planId: string): Promise<RequestView[]> {
  const plan = await getDocument(db, caller, planId);
  if (!canReadDocument(caller, { municipalityCode: plan.municipality.code, status: 'draft' })) return [];
  const rows = await requestQuery(db).where('r.plan_id', '=', plan.id).orderBy('unit.name').execute();
  return rows.map(toRequestView);
}

async function loadActivities(db: Executor, actionPlanId: string): Promise<ActivityView[]> {
  const [views, serves] = await Promise.all([
    loadItemViews(db, actionPlanId),
    db.selectFrom('item').select(['id', 'serves_item_id']).where('document_id', '=', actionPlanId).execute(),
  ]);
  const servesOf = new Map(serves.map((s) => [s.id, s.serves_item_id]));
  return views.map((v) => ({ ...v, servesItemId: servesOf.get(v.id) ?? null })).sort((a, b) => a.position - b.position);
}

async function loadActivity(db: Executor, id: string): Promise<ActivityView | undefined> {
  const [view, row] = await Promise.all([
    loadItemView(db, id),
    db.selectFrom('item').select('serves_item_id').where('id', '=', id).executeTakeFirst(),
  ]);
  return view && { ...view, servesItemId: row?.serves_item_id ?? null };
}

async function planGoals(db: Executor, planId: string): Promise<GoalView[]> {
  const rows = await q.listItemsOf(db, planId);
  const items = rows.map((r) => ({ ...r, parentId: r.parent_id }));
  const byId = new Map(items.map((i) => [i.id, i]));
  return goalsInOrder(items).map((g) => {
    const parent = g.parentId ? byId.get(g.parentId) : undefined;
    return {
      id: g.id,
      label: g.label,
      number: g.number,
      text: g.text,
      context: parent ? [parent.label, parent.number, parent.kind === 'note' ? null : parent.text].filter(Boolean).join(' ') : null,
    };
  });
}

export async function getActionPlan(db: Executor, caller: Caller, id: string): Promise<ActionPlanDetail> {
  const row = await loadRequest(db, caller, id);
  const [actionPlan, goals, activities, municipality] = await Promise.all([
    q.findDocument(db, row.action_plan_id),
    planGoals(db, row.plan_id),
    loadActivities(db, row.action_plan_id),
    db.selectFrom('municipality').select('name').where('code', '=', row.municipality_code).executeTakeFirstOrThrow(),
  ]);
  if (!actionPlan) throw notFound('Handlingsplanen');
  const { groups, unassigned } = groupByGoal(goals, activities);
  const ref = { municipalityCode: row.municipality_code, unitId: row.unit_id, state: row.state };
  return {
    request: toRequestView(row),
    plan: {
      id: row.plan_id,
      title: row.plan_title,
      status: row.plan_status as DocumentView['status'],
      municipality: { code: row.municipality_code, name: municipality.name },
    },
    actionPlan: {
      id: actionPlan.id,
      title: actionPlan.title,
      status: actionPlan.status as DocumentView['status'],
      version: actionPlan.version,
    },
    goals,
    groups: groups.map((g) => ({ goalId: g.goal.id, activities: g.activities })),
    unassigned,
    may: {
      edit: canEditActionPlan(caller, ref),
      submit: canEditActionPlan(caller, ref),
      decide: canDecideActionPlan(caller, row.municipality_code),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Asking units for their action plans

export async function requestActionPlans(
  db: Db,
  actor: Actor,
  planId: string,
  input: { unitIds: string[]; due?: string | null | undefined; message?: string | null | undefined },
): Promise<RequestView[]> {
  return db.transaction().execute(async (trx) => {
    const plan = isUuid(planId) ? await q.lockDocument(trx, planId) : undefined;
    if (!plan || !canReadDocument(actor, { municipalityCode: plan.municipality_code, status: plan.status as DocumentView['status'] }))
      throw notFound('Styrdokumentet');
    if (!canEditPlan(actor, plan.municipality_code)) throw forbidden('Bara kommunens samordnare kan begära handlingsplaner.');
    const document = (await q.findDocument(trx, plan.id)) as NonNullable<Awaited<ReturnType<typeof q.findDocument>>>;
    const why = whyNotRequestable(document);
    if (why) throw invalid('/', why);

    const units = await trx.selectFrom('unit').selectAll().where('id', 'in', input.unitIds).execute();
    const existing = await trx
      .selectFrom('action_plan_request')
      .select('unit_id')
      .where('plan_id', '=', plan.id)
      .where('unit_id', 'in', input.unitIds)
      .execute();
    const problems: FieldProblem[] = [];
    input.unitIds.forEach((unitId, i) => {
      const unit = units.find((u) => u.id === unitId && u.municipality_code === plan.municipality_code);
      const path = `/unitIds/${i}`;
      if (!unit) problems.push({ path, message: 'Enheten finns inte i kommunens organisation.' });
      else if (!isRequestableUnitKind(unit.kind))
        problems.push({ path, message: `${unit.name} är en extern partner; handlingsplaner begärs av kommunens egna verksamheter.` });
      else if (existing.some((e) => e.unit_id === unitId))
        problems.push({ path, message: `${unit.name} har redan fått en begäran om handlingsplan för den här planen.` });
    });
    if (problems.length > 0) throw new AppError('validation', problems.map((p) => p.message).join(' '), { details: problems });

    const message = input.message?.trim() || null;
    const created: string[] = [];
    for (const unitId of input.unitIds) {
      const unit = units.find((u) => u.id === unitId) as (typeof units)[number];
      const actionPlan = await trx
        .insertInto('document')
        .values({
          municipality_code: plan.municipality_code,
          title: actionPlanTitle(unit.name, document.title),
          kind: 'action-plan',
          status: 'draft',
          adopted: JSON.stringify(null),
          decided: JSON.stringify(null),
          valid_from: document.valid_from,
          valid_to: document.valid_to,
          revision: JSON.stringify(null),
          follow_up: JSON.stringify([]),
          levels: JSON.stringify(ACTION_PLAN_LEVELS),
          matrix_columns: JSON.stringify([]),
          frameworks: JSON.stringify([]),
          source: JSON.stringify(null),
          parent_document_id: plan.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const request = await trx
        .insertInto('action_plan_request')
        .values({ plan_id: plan.id, unit_id: unitId, action_plan_id: actionPlan.id, state: 'requested', due: input.due ?? null, message })
        .returning('id')
        .executeTakeFirstOrThrow();
      const view = await requestView(trx, request.id);
      await recordAudit(trx, actor, {
        municipalityCode: plan.municipality_code,
        action: 'action-plan.request',
        entityType: 'action_plan_request',
        entityId: request.id,
        before: null,
        after: view,
      });
      created.push(request.id);
    }
    return Promise.all(created.map((id) => requestView(trx, id)));
  });
}

// ---------------------------------------------------------------------------------------------------------
// The unit's activities

/** Opens a write to an action plan's activities: the request is locked so that a submission cannot slip in between. */
async function openForEditing(trx: Executor, actor: Actor, requestId: string): Promise<RequestRow> {
  const row = await loadRequest(trx, actor, requestId, true);
  const ref = { municipalityCode: row.municipality_code, unitId: row.unit_id, state: row.state };
  if (!canActForUnit(actor, ref)) throw forbidden('Bara enhetens rapportörer och kommunens samordnare kan ändra handlingsplanen.');
  if (!canEditActionPlan(actor, ref))
    throw forbidden(
      row.state === 'accepted'
        ? 'Handlingsplanen är godkänd och kan inte längre ändras.'
        : 'Handlingsplanen är inskickad; den kan ändras igen om samordnaren skickar tillbaka den.',
    );
  return row;
}

async function checkActivity(trx: Executor, row: RequestRow, input: ActivityInput): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [
    ...checkRecurrence(input.recurrence, '/recurrence').problems,
    ...checkTarget(input.target, '/target'),
    ...checkPeriod(input.period, '/period'),
  ];
  if (input.text !== undefined && input.text.trim() === '') problems.push({ path: '/text', message: 'Texten får inte vara tom.' });
  if (input.label !== undefined && input.label.trim() === '') problems.push({ path: '/label', message: 'Nivånamnet får inte vara tomt.' });
  if (input.servesItemId !== undefined) {
    const goal = isUuid(input.servesItemId)
      ? await trx.selectFrom('item').select(['document_id', 'kind']).where('id', '=', input.servesItemId).executeTakeFirst()
      : undefined;
    if (!goal || goal.document_id !== row.plan_id || goal.kind !== 'goal')
      problems.push({ path: '/servesItemId', message: 'En aktivitet ska tjäna ett av planens mål.' });
  }
  if (input.responsible !== undefined) {
    const ids = input.responsible.map((r) => r.unitId);
    if (new Set(ids).size !== ids.length) problems.push({ path: '/responsible', message: 'Samma enhet står flera gånger.' });
    const units =
      ids.length === 0
        ? []
        : await trx.selectFrom('unit').select(['id', 'municipality_code']).where('id', 'in', ids.filter(isUuid)).execute();
    input.responsible.forEach((r, i) => {
      if (!units.some((u) => u.id === r.unitId && u.municipality_code === row.municipality_code))
        problems.push({ path: `/responsible/${i}/unitId`, message: 'Enheten finns inte i kommunens organisation.' });
    });
  }
  return problems;
}

function throwIfAny(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('validation', problems.map((p) => p.message).join(' '), { details: problems });
}

function activityColumns(input: ActivityInput) {
  return {
    ...(input.servesItemId !== undefined ? { serves_item_id: input.servesItemId } : {}),
    ...(input.label !== undefined ? { label: input.label.trim() } : {}),
    ...(input.text !== undefined ? { text: input.text.trim() } : {}),
    ...(input.due !== undefined ? { due: input.due } : {}),
    ...(input.recurrence !== undefined ? { recurrence: checkRecurrence(input.recurrence, '').value } : {}),
    ...(input.period !== undefined ? { period_from: input.period?.from ?? null, period_to: input.period?.to ?? null } : {}),
    ...(input.target !== undefined ? { target: JSON.stringify(input.target) } : {}),
  };
}

async function setResponsible(trx: Executor, itemId: string, responsible: { unitId: string; role: 'lead' | 'contributor' }[]) {
  await trx.deleteFrom('item_responsibility').where('item_id', '=', itemId).execute();
  // Leads first, as plans name them, then contributors; the order within each role is the order given.
  const ordered = [...responsible.filter((r) => r.role === 'lead'), ...responsible.filter((r) => r.role === 'contributor')];
  if (ordered.length > 0)
    await trx
      .insertInto('item_responsibility')
      .values(ordered.map((r, position) => ({ item_id: itemId, unit_id: r.unitId, role: r.role, position })))
      .execute();
}

export async function createActivity(
  db: Db,
  actor: Actor,
  requestId: string,
  input: ActivityInput & { servesItemId: string; text: string },
): Promise<ActivityView> {
  return db.transaction().execute(async (trx) => {
    const row = await openForEditing(trx, actor, requestId);
    throwIfAny(await checkActivity(trx, row, input));
    await q.lockDocument(trx, row.action_plan_id);
    const position = await q.countSiblings(trx, row.action_plan_id, null);
    const created = await trx
      .insertInto('item')
      .values({
        ...activityColumns(input),
        document_id: row.action_plan_id,
        parent_id: null,
        position,
        kind: 'activity',
        label: input.label?.trim() || (ACTION_PLAN_LEVELS[0] as string),
        text: input.text.trim(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Unless told otherwise, the unit asked answers for what it proposes.
    await setResponsible(trx, created.id, input.responsible ?? [{ unitId: row.unit_id, role: 'lead' }]);
    const view = (await loadActivity(trx, created.id)) as ActivityView;
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'item.create',
      entityType: 'item',
      entityId: created.id,
      before: null,
      after: view,
    });
    return view;
  });
}

async function loadOwnActivity(trx: Executor, row: RequestRow, itemId: string, version: number): Promise<ActivityView> {
  const before = isUuid(itemId) ? await loadActivity(trx, itemId) : undefined;
  if (!before || before.documentId !== row.action_plan_id) throw notFound('Aktiviteten');
  if (before.version !== version) throw staleVersion('Aktiviteten', before);
  return before;
}

export async function updateActivity(
  db: Db,
  actor: Actor,
  requestId: string,
  itemId: string,
  input: ActivityInput & { version: number },
): Promise<ActivityView> {
  return db.transaction().execute(async (trx) => {
    const row = await openForEditing(trx, actor, requestId);
    const before = await loadOwnActivity(trx, row, itemId, input.version);
    throwIfAny(await checkActivity(trx, row, input));
    const updated = await trx
      .updateTable('item')
      .set((eb) => ({ ...activityColumns(input), version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', itemId)
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw staleVersion('Aktiviteten', await loadActivity(trx, itemId));
    if (input.responsible !== undefined) await setResponsible(trx, itemId, input.responsible);
    const after = (await loadActivity(trx, itemId)) as ActivityView;
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'item.update',
      entityType: 'item',
      entityId: itemId,
      before,
      after,
    });
    return after;
  });
}

export async function deleteActivity(
  db: Db,
  actor: Actor,
  requestId: string,
  itemId: string,
  version: number,
): Promise<{ deleted: number }> {
  return db.transaction().execute(async (trx) => {
    const row = await openForEditing(trx, actor, requestId);
    await q.lockDocument(trx, row.action_plan_id);
    const before = await loadOwnActivity(trx, row, itemId, version);
    await trx.deleteFrom('item').where('id', '=', itemId).execute();
    const siblings = (await q.listPositionsOf(trx, row.action_plan_id))
      .filter((p) => p.parent_id === null)
      .map((p) => ({ id: p.id, parentId: p.parent_id, position: p.position }));
    for (const change of closeGaps(siblings)) await q.setPosition(trx, change.id, change.parentId, change.position);
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'item.delete',
      entityType: 'item',
      entityId: itemId,
      before,
      after: null,
    });
    return { deleted: 1 };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Submit, accept, return

export async function transition(
  db: Db,
  actor: Actor,
  requestId: string,
  action: RequestAction,
  input: { version: number; comment?: string | undefined },
): Promise<RequestView> {
  return db.transaction().execute(async (trx) => {
    const row = await loadRequest(trx, actor, requestId, true);
    const ref = { municipalityCode: row.municipality_code, unitId: row.unit_id };
    const allowed = action === 'submit' ? canActForUnit(actor, ref) : canDecideActionPlan(actor, row.municipality_code);
    if (!allowed)
      throw forbidden(
        action === 'submit'
          ? 'Bara enhetens rapportörer och kommunens samordnare kan skicka in handlingsplanen.'
          : 'Bara kommunens samordnare kan godkänna eller skicka tillbaka en handlingsplan.',
      );
    const before = toRequestView(row);
    if (row.version !== input.version) throw staleVersion('Handlingsplanen', before);
    const next = nextState(row.state, action, before.activityCount);
    if ('error' in next) throw invalid('/state', next.error);
    const comment = input.comment?.trim() ?? '';
    if (action === 'return' && comment === '')
      throw invalid('/comment', 'Skriv vad enheten behöver ändra när du skickar tillbaka handlingsplanen.');
    const updated = await trx
      .updateTable('action_plan_request')
      .set((eb) => ({
        state: next.state,
        // The comment stays on a resubmitted plan, so the coordinator sees what was asked; acceptance closes the matter.
        ...(action === 'return' ? { return_comment: comment } : action === 'accept' ? { return_comment: null } : {}),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', requestId)
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw staleVersion('Handlingsplanen', await requestView(trx, requestId));
    const after = await requestView(trx, requestId);
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: `action-plan.${action}`,
      entityType: 'action_plan_request',
      entityId: requestId,
      before,
      after,
    });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Compiling the activity plan

export async function compile(db: Db, actor: Actor, planId: string, input: { version?: number | undefined }): Promise<DocumentView> {
  const id = await db.transaction().execute(async (trx) => {
    const plan = isUuid(planId) ? await q.lockDocument(trx, planId) : undefined;
    if (!plan || !canReadDocument(actor, { municipalityCode: plan.municipality_code, status: plan.status as DocumentView['status'] }))
      throw notFound('Styrdokumentet');
    if (!canEditPlan(actor, plan.municipality_code)) throw forbidden('Bara kommunens samordnare kan sammanställa aktivitetsplanen.');
    const document = (await q.findDocument(trx, plan.id)) as NonNullable<Awaited<ReturnType<typeof q.findDocument>>>;

    const accepted = await requestQuery(trx)
      .where('r.plan_id', '=', plan.id)
      .where('r.state', '=', 'accepted')
      .orderBy('unit.name')
      .execute();
    if (accepted.length === 0) throw invalid('/', 'Ingen handlingsplan är godkänd ännu; godkänn minst en innan du sammanställer.');

    const existing = await trx
      .selectFrom('document')
      .selectAll()
      .where('parent_document_id', '=', plan.id)
      .where('kind', '=', 'activity-plan')
      .orderBy('edition', 'desc')
      .execute();
    const draft = existing.find((d) => d.status === 'draft');
    if (!draft && existing.length > 0) {
      const decided = existing[0] as (typeof existing)[number];
      throw invalid(
        '/',
        decided.status === 'adopted'
          ? 'Aktivitetsplanen är redan antagen. Starta en revidering av den för att sammanställa den på nytt.'
          : 'Aktivitetsplanen är redan lämnad som förslag. Ändra dess status till utkast eller starta en revidering för att sammanställa den på nytt.',
      );
    }
    if (draft && input.version !== undefined && draft.version !== input.version)
      throw staleVersion('Aktivitetsplanen', await getDocument(trx, actor, draft.id));

    const goals = await planGoals(trx, plan.id);
    const plans = await Promise.all(
      accepted.map(async (r, unitOrder) => ({ unitOrder, request: r, activities: await loadActivities(trx, r.action_plan_id) })),
    );
    const compiled = compileActivityPlan(goals, plans);
    const goalLabels = [...new Set(goals.map((g) => g.label))];
    const activityLabels = [...new Set(compiled.flatMap((c) => c.activities.map((a) => a.label)))];
    const levels = JSON.stringify([...goalLabels, ...(activityLabels.length > 0 ? activityLabels : ACTION_PLAN_LEVELS)]);

    let documentId: string;
    if (draft) {
      documentId = draft.id;
      await trx.deleteFrom('item').where('document_id', '=', draft.id).execute();
      await trx
        .updateTable('document')
        .set((eb) => ({ levels, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', draft.id)
        .execute();
    } else {
      const created = await trx
        .insertInto('document')
        .values({
          municipality_code: plan.municipality_code,
          title: activityPlanTitle(document.title),
          kind: 'activity-plan',
          status: 'draft',
          adopted: JSON.stringify(null),
          decided: JSON.stringify(null),
          valid_from: document.valid_from,
          valid_to: document.valid_to,
          revision: JSON.stringify(null),
          follow_up: JSON.stringify(document.follow_up),
          levels,
          matrix_columns: JSON.stringify([]),
          frameworks: JSON.stringify([]),
          source: JSON.stringify(null),
          parent_document_id: plan.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      documentId = created.id;
    }

    // Compiled into a revision, an item names its counterpart in the edition revised (the one compiled from the same
    // source), so that the revision's diff shows what changed rather than everything removed and added again.
    const previous = draft?.revises_id
      ? await trx.selectFrom('item').select(['id', 'origin_item_id']).where('document_id', '=', draft.revises_id).execute()
      : [];
    const counterpart = new Map(previous.filter((p) => p.origin_item_id !== null).map((p) => [p.origin_item_id as string, p.id]));
    const originOf = (sourceId: string) => counterpart.get(sourceId) ?? sourceId;
    const items: NewItem[] = [];
    const responsibility: { item_id: string; unit_id: string; role: string; position: number }[] = [];
    const links: { item_id: string; framework_item_id: string }[] = [];
    compiled.forEach((node, goalPosition) => {
      const goalId = randomUUID();
      items.push({
        id: goalId,
        document_id: documentId,
        parent_id: null,
        position: goalPosition,
        kind: 'goal',
        label: node.goal.label,
        number: node.goal.number,
        text: node.goal.text,
        origin_item_id: originOf(node.goal.id),
      });
      node.activities.forEach((a, position) => {
        const itemId = randomUUID();
        items.push({
          id: itemId,
          document_id: documentId,
          parent_id: goalId,
          position,
          kind: a.kind,
          label: a.label,
          number: a.number,
          text: a.text,
          due: a.due,
          recurrence: a.recurrence,
          period_from: a.period?.from ?? null,
          period_to: a.period?.to ?? null,
          target: JSON.stringify(a.target),
          origin_item_id: originOf(a.id),
          serves_item_id: a.servesItemId,
        });
        a.responsible.forEach((r, i) => responsibility.push({ item_id: itemId, unit_id: r.unitId, role: r.role, position: i }));
        a.frameworks.forEach((f) => links.push({ item_id: itemId, framework_item_id: f }));
      });
    });
    // Goals precede their activities in `items`, so each chunk references only rows already written.
    for (let i = 0; i < items.length; i += 500)
      await trx
        .insertInto('item')
        .values(items.slice(i, i + 500))
        .execute();
    if (responsibility.length > 0) await trx.insertInto('item_responsibility').values(responsibility).execute();
    if (links.length > 0) await trx.insertInto('item_framework').values(links).execute();

    await recordAudit(trx, actor, {
      municipalityCode: plan.municipality_code,
      action: 'activity-plan.compile',
      entityType: 'document',
      entityId: documentId,
      before: draft ? { version: draft.version } : null,
      after: {
        planId: plan.id,
        goals: compiled.length,
        activities: compiled.reduce((n, c) => n + c.activities.length, 0),
        from: accepted.map((r) => ({ requestId: r.id, unit: r.unit_name })),
      },
    });
    return documentId;
  });
  return getDocument(db, actor, id);
}
