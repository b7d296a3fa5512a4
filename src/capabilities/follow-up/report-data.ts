import { describeDue, describeRecurrence, describeTarget } from '../../kernel/words.ts';
import { systemActor, type Executor } from '../audit/audit.ts';
import { buildTree, type Tree } from '../plans/model.ts';
import type { ItemView } from '../plans/views.ts';
import { progressWords } from '../indicators/progress.ts';
import { linkedIndicators } from '../indicators/service.ts';
import type { IndicatorRow, IndicatorSeries, ReportModel, ReportRow, ReportSection } from '../reports/model.ts';
import { targetMet } from './rollup.ts';
import { loadCycleDetail, type TaskView } from './service.ts';
import { partsOf, referenceOf } from './structure.ts';
import { outstandingStates } from './workflow.ts';
import type { Assessment } from './words.ts';

/** The follow-up report to the board as plain data, for the renderers in capabilities/reports. */
export async function buildReportModel(db: Executor, cycleId: string, now: Date = new Date()): Promise<ReportModel> {
  const { detail, document, items } = await loadCycleDetail(db, systemActor, cycleId);
  const edition = await db.selectFrom('document').select('edition').where('id', '=', document.id).executeTakeFirstOrThrow();
  const tasksOf = new Map<string, TaskView[]>();
  for (const t of detail.tasks) if (t.itemId) tasksOf.set(t.itemId, [...(tasksOf.get(t.itemId) ?? []), t]);
  const goalOf = new Map(detail.goals.map((g) => [g.itemId, g]));
  const tree = buildTree(items);

  const rowOf = (item: ItemView, depth: number): ReportRow => {
    const goal = goalOf.get(item.id);
    return {
      itemId: item.id,
      depth,
      kind: item.kind as ReportRow['kind'],
      reference: referenceOf(item),
      text: item.text,
      responsible: item.responsible.map((r) => r.abbreviation ?? r.name),
      schedule: item.recurrence ? describeRecurrence(item.recurrence) : item.due ? describeDue(item.due) : null,
      target: item.target ? describeTarget(item.target) : null,
      assessment: goal
        ? {
            value: goal.assessment?.value ?? 'not_assessed',
            rationale: goal.assessment?.rationale ?? '',
            proposed: goal.proposal.proposal,
          }
        : null,
      reports: (tasksOf.get(item.id) ?? []).map((t) => {
        // A saved draft is the unit's own working copy until sent: the board (and every member who reads the
        // report file, other units' reporters too) sees that nothing was reported, not the unsent text.
        const unsent = t.state === 'open' || t.state === 'draft';
        return {
          unitName: t.unit?.name ?? 'Samordnaren',
          occurrence: t.occurrence,
          state: t.state,
          status: unsent ? null : t.status,
          progress: unsent ? null : t.progress,
          narrative: unsent ? '' : t.narrative,
          targetValue: unsent ? null : t.targetValue,
          submittedBy: t.submittedBy,
          submittedAt: t.submittedAt,
          approvedBy: t.approvedBy,
          approvedAt: t.approvedAt,
        };
      }),
    };
  };
  const rowsOf = (node: Tree<ItemView>, depth: number): ReportRow[] =>
    node.item.kind === 'note' ? [] : [rowOf(node.item, depth), ...node.children.flatMap((c) => rowsOf(c, depth + 1))];
  const parts = partsOf(tree);
  const sections: ReportSection[] =
    parts.length === 0
      ? [
          {
            heading: document.title,
            rows: tree.filter((t) => t.item.kind !== 'note' && t.item.kind !== 'vision').flatMap((t) => rowsOf(t, 0)),
          },
        ]
      : parts.map((p) => ({ heading: `${referenceOf(p.item)} ${p.item.text}`.trim(), rows: rowsOf(p, 0) }));

  const assessmentCounts: Record<Assessment, number> = { met: 0, partly_met: 0, not_met: 0, not_assessed: 0 };
  for (const g of detail.goals) assessmentCounts[g.assessment?.value ?? 'not_assessed'] += 1;

  const deviations: ReportModel['summary']['deviations'] = [];
  for (const g of detail.goals)
    if (g.assessment?.value === 'not_met')
      deviations.push({ reference: g.reference, text: g.text, unitName: null, what: 'not_met', narrative: g.assessment.rationale });
  for (const t of detail.tasks)
    if (t.state !== 'open' && t.state !== 'draft' && (t.status === 'delayed' || t.status === 'cancelled'))
      deviations.push({
        reference: referenceOf(t.item),
        text: t.item.text,
        unitName: t.unit?.name ?? null,
        what: t.status,
        narrative: t.narrative,
      });

  const indicators: IndicatorRow[] = items
    .filter((i) => i.target !== null && i.kind !== 'note')
    .map((i) => {
      const reported = (tasksOf.get(i.id) ?? []).filter((t) => t.targetValue !== null && !outstandingStates.includes(t.state));
      const value = reported.length > 0 ? (reported[reported.length - 1]?.targetValue ?? null) : null;
      return {
        reference: referenceOf(i),
        text: i.text,
        target: describeTarget(i.target!),
        unit: i.target!.unit,
        value,
        met: targetMet(i.target, value),
      };
    });

  const missingByUnit = new Map<string, string[]>();
  for (const t of detail.tasks)
    if (outstandingStates.includes(t.state)) {
      const name = t.unit?.name ?? 'Samordnaren';
      const ref = `${referenceOf(t.item)}${t.occurrence ? ` (${t.occurrence})` : ''}`;
      missingByUnit.set(name, [...(missingByUnit.get(name) ?? []), ref]);
    }
  const indicatorSeries: IndicatorSeries[] = [];
  for (const detail of await linkedIndicators(db, systemActor, document.id)) {
    for (const link of detail.links.filter((l) => l.item.documentId === document.id)) {
      const sources = [
        ...new Set(
          detail.values.map((v) => (v.source === 'plan' ? 'uppgift ur planen' : (v.sourceNote?.split(/[.(]/)[0]?.trim() ?? v.source))),
        ),
      ];
      indicatorSeries.push({
        title: detail.title,
        unit: detail.unit,
        reference: link.item.reference,
        points: detail.values.map((v) => ({ period: v.period, value: v.value })),
        baseline: link.baseline,
        target: link.target,
        status: link.status ? progressWords.sv[link.status] : null,
        source: sources.join('; '),
      });
    }
  }
  const adopted = document.adopted;
  return {
    municipality: document.municipality,
    plan: {
      id: document.id,
      title: document.title,
      adoptedText: adopted ? [adopted.body, adopted.date, adopted.paragraph].filter(Boolean).join(' ') || null : null,
      dnr: adopted?.dnr ?? null,
      edition: edition.edition,
    },
    cycle: {
      id: detail.cycle.id,
      label: detail.cycle.label,
      periodFrom: detail.cycle.period.from,
      periodTo: detail.cycle.period.to,
      deadline: detail.cycle.deadline,
      state: detail.cycle.state,
      example: detail.cycle.example,
    },
    generatedAt: now.toISOString(),
    summary: {
      // The board's own counts: a report and its board can never disagree.
      statusCounts: detail.cycle.summary.byStatus,
      assessmentCounts,
      expected: detail.tasks.length,
      submitted: detail.cycle.summary.submitted,
      approved: detail.cycle.summary.approved,
      deviations,
    },
    sections,
    indicators,
    indicatorSeries,
    missing: [...missingByUnit.entries()]
      .map(([unitName, refs]) => ({ unitName, items: refs }))
      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'sv')),
  };
}
