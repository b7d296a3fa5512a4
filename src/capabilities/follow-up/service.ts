import { groupBy } from '../../kernel/collections.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../kernel/errors.ts';
import type { Actor, Caller } from '../accounts/policies.ts';
import { auditRow, recordAudit, systemActor, type Executor } from '../audit/audit.ts';
import { buildTree, type Tree } from '../plans/model.ts';
import type { Target } from '../plans/outline.ts';
import * as plans from '../plans/service.ts';
import { isUuid } from '../plans/service.ts';
import type { DocumentView, ItemView } from '../plans/views.ts';
import { isIsoDate, periodLabel, proposeCycle, type Cadence, type CycleProposal } from './periods.ts';
import { reportedIndicatorsOf } from '../indicators/follow-up.ts';
import { canManageCycles, canReadCycles, canReadTask, partyFor, seesAllTasks } from './policies.ts';
import * as q from './queries.ts';
import { proposeAssessment, summarize, type GroupSummary, type ReportFacts, type RollupProposal } from './rollup.ts';
import { occurrenceSpan, reconcileTasks, tasksForCycle, type PlannedTask, type ScopeItem } from './scope.ts';
import { descendantsOf, partsOf, referenceOf } from './structure.ts';
import { checkEntry, nextState, outstandingStates, type ReportAction } from './workflow.ts';
import type { Assessment, ReportState, ReportStatus } from './words.ts';

type Db = Kysely<Database>;

/** Things other capabilities do when follow-up changes (mail); called inside the same transaction. */
export interface FollowUpHooks {
  cycleOpened?: (trx: Executor, cycleId: string) => Promise<void>;
  reportReturned?: (trx: Executor, taskId: string, comment: string) => Promise<void>;
  /** Before the task row says approved: the hook compares the item's public status with and without this report. */
  reportApproved?: (trx: Executor, taskId: string) => Promise<void>;
}

export interface CycleView {
  id: string;
  documentId: string;
  municipalityCode: string;
  label: string;
  period: { from: string; to: string };
  deadline: string;
  state: 'open' | 'closed';
  example: boolean;
  reopened: number;
  version: number;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  summary: GroupSummary;
}

export interface AttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface TaskView {
  id: string;
  cycleId: string;
  itemId: string | null;
  unit: { id: string; name: string } | null;
  occurrence: string | null;
  /** What the occurrence stands for: a day, or the interval of a rhythm (a yearly item's year). */
  occurrenceSpan: { from: string; to: string } | null;
  item: { kind: string; label: string; number: string | null; text: string; target: Target | null };
  /** Indicators computed from follow-up that read this report's value (Österåker's praktikplatser). */
  indicators: { id: string; title: string; unit: string }[];
  state: ReportState;
  status: ReportStatus | null;
  progress: number | null;
  narrative: string;
  targetValue: number | null;
  returnComment: string | null;
  updatedBy: string | null;
  updatedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  escalatedAt: string | null;
  attachments: AttachmentView[];
  version: number;
}

export interface GoalView {
  itemId: string;
  reference: string;
  text: string;
  weight: number | null;
  assessment: {
    value: Assessment;
    rationale: string;
    proposed: Assessment | null;
    assessedBy: string;
    assessedAt: string;
    version: number;
  } | null;
  proposal: RollupProposal;
}

export interface PartView {
  itemId: string | null;
  reference: string;
  text: string;
  summary: GroupSummary;
}

export interface UnitProgress {
  unitId: string | null;
  name: string;
  summary: GroupSummary;
  outstanding: number;
  escalated: boolean;
  reporters: { name: string; email: string | null }[];
}

export interface CycleDetail {
  cycle: CycleView;
  document: { id: string; title: string; status: string; municipality: { code: string; name: string } };
  /** Whether the caller sees every task (coordinators, readers) or her units' only (reporters). */
  scope: 'all' | 'own';
  canManage: boolean;
  tasks: TaskView[];
  goals: GoalView[];
  parts: PartView[];
  units: UnitProgress[];
}

type CycleRow = NonNullable<Awaited<ReturnType<typeof q.findCycle>>>;
type TaskRow = Awaited<ReturnType<typeof q.listTasksOf>>[number];

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function facts(row: Pick<TaskRow, 'item_id' | 'state' | 'status' | 'progress' | 'target_value'>): ReportFacts {
  return { itemId: row.item_id ?? '', state: row.state, status: row.status, progress: row.progress, targetValue: row.target_value };
}

type AttachmentRow = Awaited<ReturnType<typeof q.listAttachmentsOf>>[number];

// From a row, or from JSON (q.lockTaskForChange), where the time is text.
const toAttachmentView = (a: Omit<AttachmentRow, 'uploaded_at'> & { uploaded_at: Date | string }): AttachmentView => ({
  id: a.id,
  fileName: a.file_name,
  mediaType: a.media_type,
  size: a.size,
  uploadedBy: a.uploaded_by,
  uploadedAt: iso(a.uploaded_at) as string,
});

function toCycleView(row: CycleRow, tasks: (ReportFacts & { target?: Target | null })[]): CycleView {
  return {
    id: row.id,
    documentId: row.document_id,
    municipalityCode: row.municipality_code,
    label: row.label,
    period: { from: row.period_from, to: row.period_to },
    deadline: row.deadline,
    state: row.state,
    example: row.example,
    reopened: row.reopened,
    version: row.version,
    createdBy: row.created_by,
    createdAt: iso(row.created_at) as string,
    closedAt: iso(row.closed_at),
    summary: summarize(tasks),
  };
}

type ReportedIndicators = Map<string, { id: string; title: string; unit: string }[]>;

function toTaskView(
  row: TaskRow,
  items: Map<string, ItemView>,
  attachments: AttachmentView[],
  indicators: ReportedIndicators = new Map(),
): TaskView {
  const item = row.item_id ? items.get(row.item_id) : undefined;
  return {
    id: row.id,
    cycleId: row.cycle_id,
    itemId: row.item_id,
    unit: row.unit_id ? { id: row.unit_id, name: row.unit_name ?? '' } : null,
    occurrence: row.occurrence,
    occurrenceSpan: row.occurrence === null ? null : occurrenceSpan(item?.recurrence ?? null, row.occurrence),
    item: { kind: row.item_kind, label: row.item_label, number: row.item_number, text: row.item_text, target: item?.target ?? null },
    indicators: (row.item_id ? indicators.get(row.item_id) : undefined) ?? [],
    state: row.state,
    status: row.status,
    progress: row.progress,
    narrative: row.narrative,
    targetValue: row.target_value,
    returnComment: row.return_comment,
    updatedBy: row.updated_by,
    updatedAt: iso(row.updated_at) as string,
    submittedBy: row.submitted_by,
    submittedAt: iso(row.submitted_at),
    approvedBy: row.approved_by,
    approvedAt: iso(row.approved_at),
    escalatedAt: iso(row.escalated_at),
    attachments,
    version: row.version,
  };
}

async function loadCycle(db: Executor, caller: Caller, id: string): Promise<CycleRow> {
  const row = isUuid(id) ? await q.findCycle(db, id) : undefined;
  if (!row || !canReadCycles(caller, row.municipality_code)) throw notFound('Uppföljningen');
  return row;
}

function toScopeItems(items: ItemView[]): ScopeItem[] {
  return items.map((i) => ({
    id: i.id,
    kind: i.kind,
    due: i.due,
    recurrence: i.recurrence,
    period: i.period,
    unitIds: [...i.responsible.filter((r) => r.role === 'lead'), ...i.responsible.filter((r) => r.role === 'contributor')].map(
      (r) => r.unitId,
    ),
  }));
}

/** The plan's first year: recurrences are counted from its start, as the plan view shows them. */
function anchorYearOf(document: {
  valid: { from: string | null };
  adopted: { date: string | null } | null;
  documentDate: string | null;
}): number {
  const from = document.valid.from ?? document.adopted?.date ?? document.documentDate;
  return from ? Number(from.slice(0, 4)) : new Date().getUTCFullYear();
}

/** One-off items reported done or cancelled (submitted or approved) in an earlier cycle of the plan. */
async function finishedItems(db: Executor, documentId: string, before: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('report_task')
    .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
    .select('report_task.item_id')
    .where('follow_up_cycle.document_id', '=', documentId)
    .where('follow_up_cycle.period_to', '<', before)
    .where('report_task.state', 'in', ['submitted', 'approved'])
    .where('report_task.status', 'in', ['done', 'cancelled'])
    .execute();
  return new Set(rows.map((r) => r.item_id).filter((id): id is string => id !== null));
}

async function plannedTasks(db: Executor, documentId: string, period: { from: string; to: string }) {
  const { document, items } = await plans.getItems(db, systemActor, documentId);
  const planned = tasksForCycle(toScopeItems(items), period, {
    anchorYear: anchorYearOf(document),
    finishedItemIds: await finishedItems(db, documentId, period.from),
  });
  return { planned, views: items };
}

async function insertTasks(db: Executor, cycleId: string, planned: PlannedTask[], views: ItemView[]) {
  if (planned.length === 0) return;
  const byId = new Map(views.map((v) => [v.id, v]));
  const unitNames = new Map(views.flatMap((v) => v.responsible.map((r) => [r.unitId, r.name] as const)));
  // Chunks keep each statement well under PostgreSQL's 65 535 parameters for a 300-item plan with occurrences.
  for (let i = 0; i < planned.length; i += 500) {
    await db
      .insertInto('report_task')
      .values(
        planned.slice(i, i + 500).map((t) => {
          const item = byId.get(t.itemId) as ItemView;
          return {
            cycle_id: cycleId,
            item_id: t.itemId,
            unit_id: t.unitId,
            unit_name: t.unitId ? (unitNames.get(t.unitId) ?? null) : null,
            occurrence: t.occurrence,
            item_kind: item.kind,
            item_label: item.label,
            item_number: item.number,
            item_text: item.text,
            state: 'open' as const,
          };
        }),
      )
      .execute();
  }
}

export async function listCycles(db: Executor, caller: Caller, documentId: string): Promise<CycleView[]> {
  const document = await plans.getDocument(db, caller, documentId);
  if (!canReadCycles(caller, document.municipality.code)) return [];
  const cycles = await q.listCyclesOf(db, [documentId]);
  const tasks = await q.listTasksOf(
    db,
    cycles.map((c) => c.id),
  );
  // A reported value counts against its target in every summary, so the list, the board and its parts agree.
  const targets = await targetsOf(
    db,
    tasks.map((t) => t.item_id),
  );
  return cycles.map((c) => {
    const own = tasks.filter(
      (t) =>
        t.cycle_id === c.id && (seesAllTasks(caller, c.municipality_code) || (t.unit_id !== null && caller?.unitIds.includes(t.unit_id))),
    );
    return toCycleView(
      c,
      own.map((t) => ({ ...facts(t), target: t.item_id ? (targets.get(t.item_id)?.target ?? null) : null })),
    );
  });
}

export async function proposeFor(
  db: Executor,
  caller: Caller,
  documentId: string,
  today: string,
): Promise<CycleProposal & { cadences: Cadence[] }> {
  const document = await plans.getDocument(db, caller, documentId);
  if (!canManageCycles(caller, document.municipality.code)) throw forbidden('Bara samordnaren öppnar uppföljningar.');
  const last = (await q.listCyclesOf(db, [documentId]))[0];
  const cadences = document.followUp.map((f) => f.every);
  return { ...proposeCycle(cadences, today, last ? { from: last.period_from, to: last.period_to } : null), cadences };
}

export interface OpenCycleInput {
  label?: string | undefined;
  periodFrom: string;
  periodTo: string;
  deadline: string;
  example?: boolean | undefined;
}

export async function openCycle(
  db: Db,
  actor: Actor,
  documentId: string,
  input: OpenCycleInput,
  hooks: FollowUpHooks = {},
): Promise<CycleView> {
  const problems = [
    ...(!isIsoDate(input.periodFrom) ? [{ path: '/periodFrom', message: 'Periodens början är inget giltigt datum (ÅÅÅÅ-MM-DD).' }] : []),
    ...(!isIsoDate(input.periodTo) ? [{ path: '/periodTo', message: 'Periodens slut är inget giltigt datum (ÅÅÅÅ-MM-DD).' }] : []),
    ...(!isIsoDate(input.deadline)
      ? [{ path: '/deadline', message: 'Sista dag för rapportering är inget giltigt datum (ÅÅÅÅ-MM-DD).' }]
      : []),
  ];
  if (problems.length === 0 && input.periodFrom > input.periodTo)
    problems.push({ path: '/periodTo', message: 'Perioden slutar innan den börjar.' });
  if (problems.length > 0) throw new AppError('validation', problems.map((p) => p.message).join(' '), { details: problems });
  return db.transaction().execute(async (trx) => {
    const document = await plans.getDocument(trx, actor, documentId);
    if (!canManageCycles(actor, document.municipality.code)) throw forbidden('Bara samordnaren öppnar uppföljningar.');
    if (document.status === 'draft') throw invalid('/documentId', 'Ett utkast följs inte upp. Anta planen (eller lägg fram den) först.');
    await trx.selectFrom('document').select('id').where('id', '=', documentId).forUpdate().execute();
    const same = await trx
      .selectFrom('follow_up_cycle')
      .select('label')
      .where('document_id', '=', documentId)
      .where('period_from', '=', input.periodFrom)
      .where('period_to', '=', input.periodTo)
      .executeTakeFirst();
    if (same) throw new AppError('conflict', `Perioden följs redan upp (${same.label}). Öppna den i stället för att skapa en till.`);
    const period = { from: input.periodFrom, to: input.periodTo };
    const row = await trx
      .insertInto('follow_up_cycle')
      .values({
        document_id: documentId,
        municipality_code: document.municipality.code,
        label: input.label?.trim() || periodLabel(period),
        period_from: period.from,
        period_to: period.to,
        deadline: input.deadline,
        state: 'open',
        example: input.example ?? false,
        created_by: actor.username,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const { planned, views } = await plannedTasks(trx, documentId, period);
    await insertTasks(trx, row.id, planned, views);
    await recordAudit(trx, actor, {
      municipalityCode: document.municipality.code,
      action: 'follow-up.open',
      entityType: 'follow_up_cycle',
      entityId: row.id,
      before: null,
      after: { label: row.label, period, deadline: row.deadline, tasks: planned.length },
    });
    await hooks.cycleOpened?.(trx, row.id);
    return toCycleView(
      row,
      planned.map((t) => ({ itemId: t.itemId, state: 'open', status: null, progress: null, targetValue: null })),
    );
  });
}

/** Brings an open cycle's tasks up to date with the plan: items added since it opened, units taken off. */
export async function refreshCycle(
  db: Db,
  actor: Actor,
  cycleId: string,
  version: number,
): Promise<{ added: number; removed: number; kept: number }> {
  return db.transaction().execute(async (trx) => {
    const seen = await loadCycle(trx, actor, cycleId);
    if (!canManageCycles(actor, seen.municipality_code)) throw forbidden();
    await q.lockCycle(trx, cycleId);
    // Read again under the lock: the row read before it may be a version another change replaced while this waited.
    const cycle = await loadCycle(trx, actor, cycleId);
    if (cycle.version !== version) throw staleVersion('Uppföljningen', toCycleView(cycle, []));
    if (cycle.state !== 'open') throw invalid('/state', 'Uppföljningen är stängd. Öppna den igen först.');
    const { planned, views } = await plannedTasks(trx, cycle.document_id, { from: cycle.period_from, to: cycle.period_to });
    const existing = (await q.listTasksOf(trx, [cycleId])).map((t) => ({
      id: t.id,
      itemId: t.item_id ?? '',
      unitId: t.unit_id,
      occurrence: t.occurrence,
      touched: t.state !== 'open' || t.narrative !== '' || t.status !== null,
    }));
    const change = reconcileTasks(existing, planned);
    await insertTasks(trx, cycleId, change.add, views);
    if (change.remove.length > 0) await trx.deleteFrom('report_task').where('id', 'in', change.remove).execute();
    await trx
      .updateTable('follow_up_cycle')
      .set({ version: cycle.version + 1 })
      .where('id', '=', cycleId)
      .execute();
    const result = { added: change.add.length, removed: change.remove.length, kept: change.keep.length };
    await recordAudit(trx, actor, {
      municipalityCode: cycle.municipality_code,
      action: 'follow-up.refresh',
      entityType: 'follow_up_cycle',
      entityId: cycleId,
      before: null,
      after: result,
    });
    return result;
  });
}

export async function setCycleState(db: Db, actor: Actor, cycleId: string, version: number, state: 'open' | 'closed'): Promise<CycleView> {
  return db.transaction().execute(async (trx) => {
    const seen = await loadCycle(trx, actor, cycleId);
    if (!canManageCycles(actor, seen.municipality_code)) throw forbidden();
    await q.lockCycle(trx, cycleId);
    // Read again under the lock: the row read before it may be a version another change replaced while this waited.
    const cycle = await loadCycle(trx, actor, cycleId);
    if (cycle.version !== version) throw staleVersion('Uppföljningen', toCycleView(cycle, []));
    if (cycle.state === state)
      throw invalid('/state', state === 'open' ? 'Uppföljningen är redan öppen.' : 'Uppföljningen är redan stängd.');
    const row = await trx
      .updateTable('follow_up_cycle')
      .set({
        state,
        version: cycle.version + 1,
        closed_at: state === 'closed' ? new Date() : null,
        reopened: state === 'open' ? cycle.reopened + 1 : cycle.reopened,
      })
      .where('id', '=', cycleId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: cycle.municipality_code,
      action: state === 'open' ? 'follow-up.reopen' : 'follow-up.close',
      entityType: 'follow_up_cycle',
      entityId: cycleId,
      before: { state: cycle.state },
      after: { state },
    });
    const tasks = await q.listTasksOf(trx, [cycleId]);
    return toCycleView(row, tasks.map(facts));
  });
}

export async function getCycle(db: Executor, caller: Caller, cycleId: string): Promise<CycleDetail> {
  return (await loadCycleDetail(db, caller, cycleId)).detail;
}

/** The cycle as the board shows it, with the plan it was built from (the report reuses both). */
export async function loadCycleDetail(
  db: Executor,
  caller: Caller,
  cycleId: string,
): Promise<{ detail: CycleDetail; document: DocumentView; items: ItemView[] }> {
  const cycle = await loadCycle(db, caller, cycleId);
  const { document, items } = await plans.getItems(db, caller, cycle.document_id);
  const all = await q.listTasksOf(db, [cycleId]);
  const everything = seesAllTasks(caller, cycle.municipality_code);
  const visible = everything ? all : all.filter((t) => t.unit_id !== null && (caller?.unitIds.includes(t.unit_id) ?? false));
  const [attachments, assessments, weights, reporters, units] = await Promise.all([
    q.listAttachmentsOf(
      db,
      visible.map((t) => t.id),
    ),
    q.listAssessmentsOf(db, [cycleId]),
    q.listWeightsOf(db, cycle.document_id),
    q.listReportersOf(db, cycle.municipality_code),
    q.listUnitNames(db, cycle.municipality_code),
  ]);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const weightOf = new Map(weights.map((w) => [w.id, w.weight]));
  const attachmentsOf = groupBy(
    attachments.map((a) => ({ taskId: a.task_id, view: toAttachmentView(a) })),
    (a) => a.taskId,
  );
  const reported = await reportedIndicatorsOf(
    db,
    items.map((i) => i.id),
  );
  const tasks = visible.map((t) =>
    toTaskView(
      t,
      itemById,
      (attachmentsOf.get(t.id) ?? []).map((a) => a.view),
      reported,
    ),
  );
  const tasksOfItem = groupBy(all, (t) => t.item_id ?? '');
  const targetOf = (t: TaskRow) => (t.item_id ? (itemById.get(t.item_id)?.target ?? null) : null);
  const assessmentOf = new Map(assessments.map((a) => [a.item_id, a]));
  const tree = buildTree(items);

  const goals: GoalView[] = [];
  const walk = (nodes: Tree<ItemView>[]) => {
    for (const node of nodes) {
      if (node.item.kind === 'goal' && (tasksOfItem.has(node.item.id) || node.children.length > 0)) {
        const children = descendantsOf(node)
          .filter((i) => i.kind === 'goal' || i.kind === 'activity')
          .map((i) => ({
            itemId: i.id,
            weight: weightOf.get(i.id) ?? null,
            target: i.target,
            reports: (tasksOfItem.get(i.id) ?? []).map(facts),
          }));
        const own = { target: node.item.target, reports: (tasksOfItem.get(node.item.id) ?? []).map(facts) };
        const a = assessmentOf.get(node.item.id);
        goals.push({
          itemId: node.item.id,
          reference: referenceOf(node.item),
          text: node.item.text,
          weight: weightOf.get(node.item.id) ?? null,
          assessment: a
            ? {
                value: a.assessment,
                rationale: a.rationale,
                proposed: (a.proposed as Assessment | null) ?? null,
                assessedBy: a.assessed_by,
                assessedAt: iso(a.assessed_at) as string,
                version: a.version,
              }
            : null,
          proposal: proposeAssessment(children, own),
        });
      }
      walk(node.children);
    }
  };
  walk(tree);
  const goalAssessment = new Map(goals.map((g) => [g.itemId, g.assessment?.value ?? null]));

  const partTrees = partsOf(tree);
  const withTarget = (rows: TaskRow[]) => rows.map((t) => ({ ...facts(t), target: targetOf(t) }));
  const parts: PartView[] =
    partTrees.length === 0
      ? [{ itemId: null, reference: document.title, text: '', summary: summarize(withTarget(all)) }]
      : partTrees.map((part) => {
          const ids = new Set([part.item.id, ...descendantsOf(part).map((i) => i.id)]);
          const assessed = [...ids].map((id) => goalAssessment.get(id)).filter((a): a is Assessment => a !== null && a !== undefined);
          return {
            itemId: part.item.id,
            reference: referenceOf(part.item),
            text: part.item.text,
            summary: summarize(withTarget(all.filter((t) => t.item_id !== null && ids.has(t.item_id))), assessed),
          };
        });

  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const byUnit = groupBy(all, (t) => t.unit_id ?? '');
  const unitRows: UnitProgress[] = [...byUnit.entries()]
    .map(([unitId, rows]) => ({
      unitId: unitId === '' ? null : unitId,
      name: unitId === '' ? 'Samordnaren' : (unitName.get(unitId) ?? rows[0]?.unit_name ?? ''),
      summary: summarize(withTarget(rows)),
      outstanding: rows.filter((r) => outstandingStates.includes(r.state)).length,
      escalated: rows.some((r) => r.escalated_at !== null && outstandingStates.includes(r.state)),
      reporters: reporters.filter((r) => r.unit_id === unitId).map((r) => ({ name: r.display_name, email: everything ? r.email : null })),
    }))
    .filter((u) => everything || (u.unitId !== null && caller?.unitIds.includes(u.unitId)))
    .sort((a, b) => b.outstanding - a.outstanding || a.name.localeCompare(b.name, 'sv'));

  const detail: CycleDetail = {
    cycle: toCycleView(cycle, withTarget(visible)),
    document: { id: document.id, title: document.title, status: document.status, municipality: document.municipality },
    scope: everything ? 'all' : 'own',
    canManage: canManageCycles(caller, cycle.municipality_code),
    tasks,
    goals,
    parts,
    units: unitRows,
  };
  return { detail, document, items };
}

/** A reporter's (or coordinator's) outstanding and recent tasks in the open cycles of her municipality. */
export async function myTasks(
  db: Executor,
  actor: Actor,
): Promise<{ cycles: (CycleView & { documentTitle: string })[]; tasks: TaskView[] }> {
  if (actor.municipalityCode === null || actor.role === 'applicant') return { cycles: [], tasks: [] };
  const cycles = await db
    .selectFrom('follow_up_cycle')
    .innerJoin('document', 'document.id', 'follow_up_cycle.document_id')
    .selectAll('follow_up_cycle')
    .select('document.title as document_title')
    .where('follow_up_cycle.municipality_code', '=', actor.municipalityCode)
    .where('follow_up_cycle.state', '=', 'open')
    .orderBy('follow_up_cycle.deadline')
    .execute();
  const coordinator = canManageCycles(actor, actor.municipalityCode);
  const rows = (
    await q.listTasksOf(
      db,
      cycles.map((c) => c.id),
    )
  ).filter((t) => (t.unit_id === null ? coordinator : actor.unitIds.includes(t.unit_id)));
  const attachments = await q.listAttachmentsOf(
    db,
    rows.map((r) => r.id),
  );
  const targets = await targetsOf(
    db,
    rows.map((r) => r.item_id),
  );
  const reported = await reportedIndicatorsOf(
    db,
    rows.map((r) => r.item_id).filter((id): id is string => id !== null),
  );
  return {
    cycles: cycles.map((c) => ({ ...toCycleView(c, rows.filter((r) => r.cycle_id === c.id).map(facts)), documentTitle: c.document_title })),
    tasks: rows.map((r) => toTaskView(r, targets, attachments.filter((a) => a.task_id === r.id).map(toAttachmentView), reported)),
  };
}

async function targetsOf(db: Executor, itemIds: (string | null)[]): Promise<Map<string, ItemView>> {
  const ids = [...new Set(itemIds.filter((i): i is string => i !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('item').select(['id', 'target', 'recurrence']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { target: r.target, recurrence: r.recurrence } as ItemView]));
}

export async function loadTaskView(db: Executor, taskId: string): Promise<TaskView> {
  const row = await q.findTask(db, taskId);
  if (!row) throw notFound('Rapporten');
  const [attachments, targets, reported] = await Promise.all([
    q.listAttachmentsOf(db, [taskId]),
    targetsOf(db, [row.item_id]),
    reportedIndicatorsOf(db, row.item_id ? [row.item_id] : []),
  ]);
  return toTaskView(row, targets, attachments.map(toAttachmentView), reported);
}

export interface TaskDetail extends TaskView {
  cycle: {
    id: string;
    label: string;
    deadline: string;
    state: 'open' | 'closed';
    example: boolean;
    documentId: string;
    documentTitle: string;
  };
  /** The item's schedule as the plan states it. */
  schedule: { due: string | null; recurrence: string | null; period: { from: string | null; to: string | null } | null };
  events: { at: string; username: string; action: string; snapshot: unknown }[];
  canWrite: boolean;
  canJudge: boolean;
}

export async function getTask(db: Executor, caller: Caller, taskId: string): Promise<TaskDetail> {
  const row = isUuid(taskId) ? await q.findTask(db, taskId) : undefined;
  if (!row || !canReadTask(caller, { municipalityCode: row.municipality_code, unitId: row.unit_id })) throw notFound('Rapporten');
  const view = await loadTaskView(db, taskId);
  const events = await q.listEventsOf(db, [taskId]);
  const cycle = await db
    .selectFrom('follow_up_cycle')
    .innerJoin('document', 'document.id', 'follow_up_cycle.document_id')
    .select([
      'follow_up_cycle.label',
      'follow_up_cycle.deadline',
      'follow_up_cycle.state',
      'follow_up_cycle.example',
      'document.id as document_id',
      'document.title',
    ])
    .where('follow_up_cycle.id', '=', row.cycle_id)
    .executeTakeFirstOrThrow();
  const item = row.item_id
    ? await db.selectFrom('item').select(['due', 'recurrence', 'period_from', 'period_to']).where('id', '=', row.item_id).executeTakeFirst()
    : undefined;
  const party = partyFor(caller, { municipalityCode: row.municipality_code, unitId: row.unit_id });
  return {
    ...view,
    cycle: {
      id: row.cycle_id,
      label: cycle.label,
      deadline: cycle.deadline,
      state: cycle.state,
      example: cycle.example,
      documentId: cycle.document_id,
      documentTitle: cycle.title,
    },
    schedule: {
      due: item?.due ?? null,
      recurrence: item?.recurrence ?? null,
      period: item && (item.period_from || item.period_to) ? { from: item.period_from, to: item.period_to } : null,
    },
    events: events.map((e) => ({ at: iso(e.at) as string, username: e.username, action: e.action, snapshot: e.snapshot })),
    canWrite: party !== null && row.cycle_state === 'open' && outstandingStates.includes(row.state),
    canJudge: party === 'coordinator' && row.cycle_state === 'open',
  };
}

export interface EntryWrite {
  version: number;
  status: ReportStatus | null;
  progress: number | null;
  narrative: string;
  targetValue: number | null;
  submit: boolean;
}

type ChangingTask = NonNullable<Awaited<ReturnType<typeof q.findTaskForChange>>>;

/** A report's view from the row a change read (with its item, indicators and attachments) and its columns now. */
function changingTaskView(read: ChangingTask, row: TaskRow): TaskView {
  const items = new Map(read.item_id ? [[read.item_id, { target: read.item_target, recurrence: read.item_recurrence } as ItemView]] : []);
  const indicators: ReportedIndicators = new Map(read.item_id ? [[read.item_id, read.reported_indicators]] : []);
  return toTaskView(row, items, read.attachments.map(toAttachmentView), indicators);
}

/**
 * The one way a report changes: reads the task, checks who acts and what the workflow allows, refuses a stale
 * version with the saved report, and writes the report, its event and the audit record in one statement
 * (q.writeTask) that holds only if the report is still at the version checked. The answer is made from what the
 * read and the write returned, not read back.
 *
 * A save is the most frequent write of all (every unit, every cycle, many drafts each), so it is two statements and
 * no explicit transaction: the write is one statement, hence one transaction, and its version check stands in for a
 * lock. Should another change land between the read and the write, the write finds the version moved, and the change
 * is checked again against the report as it now is (which then refuses it as stale). Changes with `effects` (mail
 * said inside the change's transaction) lock the row as they read it instead, so the effects run once.
 */
async function changeTask(
  db: Db,
  actor: Actor,
  taskId: string,
  version: number,
  action: ReportAction,
  columnsFor: (row: ChangingTask) => q.TaskColumns,
  options: { onlyCycle?: string; effects?: (row: ChangingTask, trx: Executor) => Promise<void> } = {},
): Promise<TaskView> {
  const attempt = async (ex: Executor, lock: boolean): Promise<TaskView | null> => {
    const row = isUuid(taskId) ? await q.findTaskForChange(ex, taskId, { lock }) : undefined;
    if (!row || !canReadTask(actor, { municipalityCode: row.municipality_code, unitId: row.unit_id })) throw notFound('Rapporten');
    if (options.onlyCycle !== undefined && row.cycle_id !== options.onlyCycle) throw notFound('Rapporten');
    const party = partyFor(actor, { municipalityCode: row.municipality_code, unitId: row.unit_id });
    if (party === null) throw forbidden('Du rapporterar bara för dina egna enheter.');
    if (row.version !== version) throw staleVersion('Rapporten', changingTaskView(row, row));
    if (row.cycle_state !== 'open') throw invalid('/cycle', 'Uppföljningen är stängd. Samordnaren kan öppna den igen.');
    const next = nextState(row.state, action, party);
    if ('error' in next)
      throw new AppError(party === 'reporter' && action !== 'save' && action !== 'submit' ? 'forbidden' : 'conflict', next.error);
    const columns = columnsFor(row);
    await options.effects?.(row, ex);
    // The write holds only at the version checked, so the report after it is the report read with these columns.
    const after = { ...row, ...columns, state: next.state };
    const snapshot = {
      state: after.state,
      status: after.status,
      progress: after.progress,
      narrative: after.narrative,
      targetValue: after.target_value,
      comment: after.return_comment,
    };
    const now = new Date();
    const updated = await q.writeTask(ex, {
      id: taskId,
      version: row.version,
      columns: {
        ...columns,
        state: next.state,
        updated_by: actor.username,
        updated_at: now,
        ...(action === 'submit' ? { submitted_by: actor.username, submitted_at: now } : {}),
        ...(action === 'approve' ? { approved_by: actor.username, approved_at: now } : {}),
        ...(action === 'reopen' ? { approved_by: null, approved_at: null } : {}),
      },
      event: { username: actor.username, action, snapshot },
      audit: auditRow(actor, {
        municipalityCode: row.municipality_code,
        action: `report.${action}`,
        entityType: 'report_task',
        entityId: taskId,
        before: { state: row.state, status: row.status, progress: row.progress, narrative: row.narrative, targetValue: row.target_value },
        after: snapshot,
      }),
    });
    return updated ? changingTaskView(row, updated) : null;
  };
  if (options.effects) {
    const effects = options.effects;
    return db.transaction().execute(async (trx) => {
      const view = await attempt(trx, true);
      // Locked: nothing can move the version between the read and the write.
      if (!view) throw new Error(`Report ${taskId} changed while it was locked (${effects.name}).`);
      return view;
    });
  }
  // Each retry follows a change that landed in between; the next read sees it and refuses a stale save.
  for (let tries = 1; ; tries++) {
    const view = await attempt(db, false);
    if (view) return view;
    if (tries === 3) throw new AppError('conflict', 'Rapporten ändras just nu av någon annan. Försök igen om en stund.');
  }
}

export async function writeEntry(
  db: Db,
  actor: Actor,
  taskId: string,
  input: EntryWrite,
  options: { onlyCycle?: string } = {},
): Promise<TaskView> {
  const action: ReportAction = input.submit ? 'submit' : 'save';
  return changeTask(
    db,
    actor,
    taskId,
    input.version,
    action,
    (row) => {
      const narrative = input.narrative.trim();
      // A value is asked for when the item has a target or an indicator computed from follow-up reads it.
      const problems = checkEntry({ ...input, narrative }, action, row.item_target !== null || row.reported_indicators.length > 0);
      if (problems.length > 0) throw new AppError('validation', problems.map((p) => p.message).join(' '), { details: problems });
      return {
        status: input.status,
        progress: input.progress ?? (input.status === 'done' ? 100 : null),
        narrative,
        target_value: input.targetValue,
        ...(action === 'submit' ? { return_comment: null } : {}),
      };
    },
    options,
  );
}

export async function judgeEntry(
  db: Db,
  actor: Actor,
  taskId: string,
  input: { version: number; action: 'return' | 'approve' | 'reopen'; comment?: string | null },
  hooks: FollowUpHooks = {},
): Promise<TaskView> {
  const comment = (input.comment ?? '').trim();
  return changeTask(
    db,
    actor,
    taskId,
    input.version,
    input.action,
    (row) => {
      const problems = checkEntry(
        { status: row.status, progress: row.progress, narrative: row.narrative, targetValue: null, comment },
        input.action,
        false,
      );
      if (problems.length > 0) throw new AppError('validation', problems.map((p) => p.message).join(' '), { details: problems });
      return input.action === 'return' || input.action === 'reopen' ? { return_comment: comment } : {};
    },
    {
      // The mail a judgement sends is queued in its transaction, so it goes only if the judgement is stored.
      effects: async function tellUnit(_row, trx) {
        if (input.action === 'return' || input.action === 'reopen') await hooks.reportReturned?.(trx, taskId, comment);
        if (input.action === 'approve') await hooks.reportApproved?.(trx, taskId);
      },
    },
  );
}

export async function assessGoal(
  db: Db,
  actor: Actor,
  cycleId: string,
  itemId: string,
  input: { assessment: Assessment; rationale: string; version: number | null },
): Promise<GoalView> {
  return db.transaction().execute(async (trx) => {
    const cycle = await loadCycle(trx, actor, cycleId);
    if (!canManageCycles(actor, cycle.municipality_code)) throw forbidden('Bara samordnaren bedömer målen.');
    if (cycle.state !== 'open') throw invalid('/cycle', 'Uppföljningen är stängd. Öppna den igen för att ändra bedömningen.');
    const item = isUuid(itemId)
      ? await trx.selectFrom('item').select(['id', 'kind', 'document_id']).where('id', '=', itemId).executeTakeFirst()
      : undefined;
    if (!item || item.document_id !== cycle.document_id) throw notFound('Målet');
    if (item.kind !== 'goal') throw invalid('/itemId', 'Bara mål bedöms; aktiviteter får status i rapporterna.');
    if (input.rationale.length > 10_000) throw invalid('/rationale', 'Motiveringen får vara högst 10 000 tecken.');
    const existing = await trx
      .selectFrom('goal_assessment')
      .selectAll()
      .where('cycle_id', '=', cycleId)
      .where('item_id', '=', itemId)
      .forUpdate()
      .executeTakeFirst();
    const before = await getCycle(trx, actor, cycleId);
    const goal = before.goals.find((g) => g.itemId === itemId);
    if ((existing?.version ?? null) !== input.version) throw staleVersion('Bedömningen', goal ?? null);
    const values = {
      assessment: input.assessment,
      rationale: input.rationale.trim(),
      proposed: goal?.proposal.proposal ?? null,
      assessed_by: actor.username,
      assessed_at: new Date(),
    };
    if (existing)
      await trx
        .updateTable('goal_assessment')
        .set({ ...values, version: existing.version + 1 })
        .where('cycle_id', '=', cycleId)
        .where('item_id', '=', itemId)
        .execute();
    else
      await trx
        .insertInto('goal_assessment')
        .values({ ...values, cycle_id: cycleId, item_id: itemId })
        .execute();
    await recordAudit(trx, actor, {
      municipalityCode: cycle.municipality_code,
      action: 'follow-up.assess',
      entityType: 'goal_assessment',
      entityId: `${cycleId}/${itemId}`,
      before: existing ? { assessment: existing.assessment, rationale: existing.rationale } : null,
      after: { assessment: values.assessment, rationale: values.rationale, proposed: values.proposed },
    });
    const assessment = {
      value: values.assessment,
      rationale: values.rationale,
      proposed: values.proposed,
      assessedBy: values.assessed_by,
      assessedAt: values.assessed_at.toISOString(),
      version: (existing?.version ?? 0) + 1,
    };
    // The proposal does not depend on the assessment: the goal as loaded, with its new assessment, is the answer.
    if (goal) return { ...goal, assessment };
    return (await getCycle(trx, actor, cycleId)).goals.find((g) => g.itemId === itemId) as GoalView;
  });
}

/** The weight an item carries in its goal's roll-up (1 when unset). */
export async function setWeight(
  db: Db,
  actor: Actor,
  itemId: string,
  input: { version: number; weight: number | null },
): Promise<{ itemId: string; weight: number | null; version: number }> {
  if (input.weight !== null && (!Number.isFinite(input.weight) || input.weight < 0 || input.weight > 100))
    throw invalid('/weight', 'Vikten är ett tal mellan 0 och 100.');
  return db.transaction().execute(async (trx) => {
    const row = isUuid(itemId)
      ? await trx
          .selectFrom('item')
          .innerJoin('document', 'document.id', 'item.document_id')
          .select(['item.id', 'item.version', 'item.weight', 'document.municipality_code'])
          .where('item.id', '=', itemId)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!row || !canReadCycles(actor, row.municipality_code)) throw notFound('Punkten');
    if (!canManageCycles(actor, row.municipality_code)) throw forbidden();
    if (row.version !== input.version) throw staleVersion('Punkten', { itemId, weight: row.weight, version: row.version });
    await trx
      .updateTable('item')
      .set({ weight: input.weight, version: row.version + 1, updated_at: new Date() })
      .where('id', '=', itemId)
      .execute();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'item.weight',
      entityType: 'item',
      entityId: itemId,
      before: { weight: row.weight },
      after: { weight: input.weight },
    });
    return { itemId, weight: input.weight, version: row.version + 1 };
  });
}
