import { invalid, notFound } from '../../kernel/errors.ts';
import type { Caller } from '../accounts/policies.ts';
import type { Executor } from '../audit/audit.ts';
import { isUuid } from '../plans/service.ts';
import { canReadCycles, canReadTask } from './policies.ts';
import * as q from './queries.ts';
import { occurrenceSpan } from './scope.ts';
import { referenceOf } from './structure.ts';
import { movement, type CycleFacts, type Movement } from './workflow.ts';
import type { Assessment, ReportState, ReportStatus } from './words.ts';

/** An item's follow-up over time, and two cycles side by side. Revisions are followed through origin_item_id. */

/** The item and the items it was copied from in earlier editions, newest first. */
async function lineageOf(db: Executor, itemId: string): Promise<string[]> {
  const ids = [itemId];
  let current: string | null = itemId;
  while (current !== null && ids.length < 50) {
    const row: { origin_item_id: string | null } | undefined = await db
      .selectFrom('item')
      .select('origin_item_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.origin_item_id ?? null;
    if (current !== null && !ids.includes(current)) ids.push(current);
    else current = null;
  }
  return ids;
}

export interface TimelineEntry {
  cycle: { id: string; label: string; period: { from: string; to: string }; documentId: string; state: string; example: boolean };
  assessment: { value: Assessment; rationale: string; assessedBy: string; assessedAt: string } | null;
  reports: {
    taskId: string;
    unitName: string | null;
    occurrence: string | null;
    occurrenceSpan: { from: string; to: string } | null;
    state: ReportState;
    status: ReportStatus | null;
    progress: number | null;
    narrative: string;
    targetValue: number | null;
    updatedBy: string | null;
    updatedAt: string;
    events: { at: string; username: string; action: string }[];
  }[];
}

export async function itemTimeline(
  db: Executor,
  caller: Caller,
  itemId: string,
): Promise<{ item: { id: string; reference: string; text: string }; entries: TimelineEntry[] }> {
  const item = isUuid(itemId)
    ? await db
        .selectFrom('item')
        .innerJoin('document', 'document.id', 'item.document_id')
        .select(['item.id', 'item.label', 'item.number', 'item.text', 'document.municipality_code'])
        .where('item.id', '=', itemId)
        .executeTakeFirst()
    : undefined;
  if (!item || !canReadCycles(caller, item.municipality_code)) throw notFound('Punkten');
  const lineage = await lineageOf(db, itemId);
  const tasks = (
    await db
      .selectFrom('report_task')
      .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
      .leftJoin('item', 'item.id', 'report_task.item_id')
      .selectAll('report_task')
      .select([
        'item.recurrence',
        'follow_up_cycle.label as cycle_label',
        'follow_up_cycle.period_from',
        'follow_up_cycle.period_to',
        'follow_up_cycle.document_id',
        'follow_up_cycle.state as cycle_state',
        'follow_up_cycle.example',
      ])
      .where('report_task.item_id', 'in', lineage)
      .orderBy('follow_up_cycle.period_from')
      .orderBy('report_task.occurrence')
      .orderBy('report_task.unit_name')
      .execute()
  ).filter((t) => canReadTask(caller, { municipalityCode: item.municipality_code, unitId: t.unit_id }));
  const events = await q.listEventsOf(
    db,
    tasks.map((t) => t.id),
  );
  const cycleIds = [...new Set(tasks.map((t) => t.cycle_id))];
  const assessments = (await q.listAssessmentsOf(db, cycleIds)).filter((a) => lineage.includes(a.item_id));
  const entries: TimelineEntry[] = cycleIds.map((cycleId) => {
    const own = tasks.filter((t) => t.cycle_id === cycleId);
    const first = own[0] as (typeof tasks)[number];
    const a = assessments.find((x) => x.cycle_id === cycleId);
    return {
      cycle: {
        id: cycleId,
        label: first.cycle_label,
        period: { from: first.period_from, to: first.period_to },
        documentId: first.document_id,
        state: first.cycle_state,
        example: first.example,
      },
      assessment: a
        ? { value: a.assessment, rationale: a.rationale, assessedBy: a.assessed_by, assessedAt: new Date(a.assessed_at).toISOString() }
        : null,
      reports: own.map((t) => ({
        taskId: t.id,
        unitName: t.unit_id === null ? null : t.unit_name,
        occurrence: t.occurrence,
        occurrenceSpan: t.occurrence === null ? null : occurrenceSpan(t.recurrence, t.occurrence),
        state: t.state,
        status: t.status,
        progress: t.progress,
        narrative: t.narrative,
        targetValue: t.target_value,
        updatedBy: t.updated_by,
        updatedAt: new Date(t.updated_at).toISOString(),
        events: events
          .filter((e) => e.task_id === t.id)
          .map((e) => ({ at: new Date(e.at).toISOString(), username: e.username, action: e.action })),
      })),
    };
  });
  return { item: { id: item.id, reference: referenceOf(item), text: item.text }, entries };
}

export interface ComparisonRow {
  itemId: string;
  reference: string;
  text: string;
  kind: string;
  a: CycleFacts | null;
  b: CycleFacts | null;
  movement: Movement;
}

const rank: Record<ReportStatus, number> = { delayed: 0, not_started: 1, in_progress: 2, done: 3, cancelled: 4 };

/** One item's standing in a cycle over all its tasks: the least advanced status, the mean progress. */
export function combineFacts(
  reports: { status: ReportStatus | null; progress: number | null; targetValue: number | null }[],
): CycleFacts | null {
  const reported = reports.filter((r) => r.status !== null);
  if (reports.length === 0) return null;
  if (reported.length === 0) return { status: null, progress: null, targetValue: null };
  const status = reported.map((r) => r.status as ReportStatus).reduce((a, b) => (rank[a] <= rank[b] ? a : b));
  const progresses = reported.map((r) => r.progress).filter((p): p is number => p !== null);
  const values = reported.map((r) => r.targetValue).filter((v): v is number => v !== null);
  return {
    status,
    progress: progresses.length > 0 ? Math.round(progresses.reduce((x, y) => x + y, 0) / progresses.length) : null,
    targetValue: values.length > 0 ? (values[values.length - 1] as number) : null,
  };
}

export async function compareCycles(db: Executor, caller: Caller, aId: string, bId: string) {
  const [a, b] = await Promise.all([aId, bId].map((id) => (isUuid(id) ? q.findCycle(db, id) : Promise.resolve(undefined))));
  if (!a || !b || !canReadCycles(caller, a.municipality_code) || !canReadCycles(caller, b.municipality_code))
    throw notFound('Uppföljningen');
  const series = await db.selectFrom('document').select(['id', 'series_id']).where('id', 'in', [a.document_id, b.document_id]).execute();
  if (new Set(series.map((s) => s.series_id)).size > 1) throw invalid('/b', 'Uppföljningarna hör till olika planer och kan inte jämföras.');
  const tasks = (await q.listTasksOf(db, [a.id, b.id])).filter((t) =>
    canReadTask(caller, { municipalityCode: a.municipality_code, unitId: t.unit_id }),
  );
  // Items of a later edition are matched to the first edition's item they descend from.
  const items = await db
    .selectFrom('item')
    .select(['id', 'origin_item_id'])
    .where('document_id', 'in', [a.document_id, b.document_id])
    .execute();
  const origin = new Map(items.map((i) => [i.id, i.origin_item_id]));
  const rootOf = (id: string) => {
    let current = id;
    for (let i = 0; i < 50; i++) {
      const next = origin.get(current);
      if (!next || !origin.has(next)) return next ?? current;
      current = next;
    }
    return current;
  };
  const keys = new Map<string, { reference: string; text: string; kind: string; itemId: string; a: typeof tasks; b: typeof tasks }>();
  for (const t of tasks) {
    if (t.item_id === null) continue;
    const key = rootOf(t.item_id);
    const entry = keys.get(key) ?? {
      reference: referenceOf({ label: t.item_label, number: t.item_number }),
      text: t.item_text,
      kind: t.item_kind,
      itemId: t.item_id,
      a: [],
      b: [],
    };
    if (t.cycle_id === a.id) entry.a.push(t);
    else entry.b.push(t);
    if (t.cycle_id === b.id)
      Object.assign(entry, {
        reference: referenceOf({ label: t.item_label, number: t.item_number }),
        text: t.item_text,
        itemId: t.item_id,
      });
    keys.set(key, entry);
  }
  const toFacts = (rows: typeof tasks) =>
    combineFacts(rows.map((r) => ({ status: r.state === 'open' ? null : r.status, progress: r.progress, targetValue: r.target_value })));
  const rows: ComparisonRow[] = [...keys.values()].map((e) => {
    const fa = toFacts(e.a);
    const fb = toFacts(e.b);
    return { itemId: e.itemId, reference: e.reference, text: e.text, kind: e.kind, a: fa, b: fb, movement: movement(fa, fb) };
  });
  const counts: Record<Movement, number> = { improved: 0, stalled: 0, regressed: 0, finished: 0, new: 0, dropped: 0, unreported: 0 };
  for (const r of rows) counts[r.movement] += 1;
  const view = (c: typeof a) => ({ id: c.id, label: c.label, period: { from: c.period_from, to: c.period_to } });
  return { a: view(a), b: view(b), counts, rows };
}
