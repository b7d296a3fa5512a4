import type { Executor } from '../audit/audit.ts';
import type { Target } from '../plans/outline.ts';
import { itemsLeadingTo, planProgress, type PlanProgress, type TaskInfo } from './plan-progress.ts';

/**
 * What the public plan pages read about follow-up. Report content is selected only from approved reports, in SQL:
 * an unapproved report's status and text never leave the database for a public page. Of the others only the fact
 * that a task exists is read, so an item in scope without an approved report can say so.
 * Reports on an earlier, public edition of the plan belong to the item of this edition copied from it.
 */
export async function loadPlanProgress(
  db: Executor,
  documentId: string,
  items: { id: string; target: Target | null }[],
  asOfId: string | null = null,
): Promise<PlanProgress | null> {
  const series = await db
    .selectFrom('document as d')
    .innerJoin('document as same', 'same.series_id', 'd.series_id')
    .select('same.id')
    .where('d.id', '=', documentId)
    .where('same.status', '<>', 'draft')
    .execute();
  const documentIds = [...new Set([documentId, ...series.map((s) => s.id)])];
  const [seriesItems, cycles] = await Promise.all([
    db.selectFrom('item').select(['id', 'origin_item_id']).where('document_id', 'in', documentIds).execute(),
    db
      .selectFrom('follow_up_cycle')
      .select(['id', 'label', 'period_from', 'period_to', 'state', 'example'])
      .where('document_id', 'in', documentIds)
      .execute(),
  ]);
  const leadsTo = itemsLeadingTo(
    seriesItems.map((i) => ({ id: i.id, originItemId: i.origin_item_id })),
    items.map((i) => i.id),
  );
  const cycleIds = cycles.map((c) => c.id);
  const [approved, pending, assessments] =
    cycleIds.length === 0
      ? [[], [], []]
      : await Promise.all([
          db
            .selectFrom('report_task')
            .select(['cycle_id', 'item_id', 'unit_name', 'unit_id', 'occurrence', 'status', 'progress', 'narrative', 'target_value'])
            .where('cycle_id', 'in', cycleIds)
            .where('state', '=', 'approved')
            .orderBy('occurrence')
            .orderBy('unit_name')
            .execute(),
          db
            .selectFrom('report_task')
            .select(['cycle_id', 'item_id'])
            .distinct()
            .where('cycle_id', 'in', cycleIds)
            .where('state', '<>', 'approved')
            .execute(),
          db
            .selectFrom('goal_assessment')
            .select(['cycle_id', 'item_id', 'assessment', 'rationale'])
            .where('cycle_id', 'in', cycleIds)
            .execute(),
        ]);
  const tasks: TaskInfo[] = [];
  for (const t of approved) {
    const itemId = t.item_id === null ? undefined : leadsTo.get(t.item_id);
    if (itemId === undefined) continue;
    tasks.push({
      cycleId: t.cycle_id,
      itemId,
      // A task without a unit is the coordinator's; the name of a unit, never of a person, is shown.
      unitName: t.unit_id === null ? null : t.unit_name,
      occurrence: t.occurrence,
      state: 'approved',
      status: t.status,
      progress: t.progress,
      narrative: t.narrative,
      targetValue: t.target_value,
    });
  }
  for (const t of pending) {
    const itemId = t.item_id === null ? undefined : leadsTo.get(t.item_id);
    if (itemId === undefined) continue;
    tasks.push({
      cycleId: t.cycle_id,
      itemId,
      unitName: null,
      occurrence: null,
      state: 'open',
      status: null,
      progress: null,
      narrative: '',
      targetValue: null,
    });
  }
  const closed = new Set(cycles.filter((c) => c.state === 'closed').map((c) => c.id));
  return planProgress({
    cycles: cycles.map((c) => ({ id: c.id, label: c.label, from: c.period_from, to: c.period_to, state: c.state, example: c.example })),
    tasks,
    // A goal's assessment has no approval of its own: the coordinator may still change it while the cycle is open, so
    // it is published when the cycle is closed (as in the open data).
    assessments: assessments.flatMap((a) => {
      const itemId = leadsTo.get(a.item_id);
      return itemId === undefined || !closed.has(a.cycle_id)
        ? []
        : [{ cycleId: a.cycle_id, itemId, value: a.assessment, rationale: a.rationale }];
    }),
    targets: new Map(items.map((i) => [i.id, i.target])),
    asOfId,
  });
}

/** Each plan's overall progress for the municipality page, from the latest approved follow-up. */
export async function overallProgressOf(db: Executor, documentIds: string[]): Promise<Map<string, PlanProgress>> {
  const out = new Map<string, PlanProgress>();
  if (documentIds.length === 0) return out;
  const items = await db.selectFrom('item').select(['id', 'document_id', 'target']).where('document_id', 'in', documentIds).execute();
  for (const id of documentIds) {
    const progress = await loadPlanProgress(
      db,
      id,
      items.filter((i) => i.document_id === id),
    );
    if (progress && progress.cycles.length > 0) out.set(id, progress);
  }
  return out;
}
