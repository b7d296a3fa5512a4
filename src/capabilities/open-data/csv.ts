/**
 * Open data as CSV: RFC 4180 (comma, double quotes, CRLF) in UTF-8 with a byte order mark, the same dialect as the
 * report and audit exports (decision 0029). Headers are the JSON field names, so a file and its JSON twin read alike.
 * Text that a spreadsheet would run as a formula gets a leading apostrophe (reports/csv.ts, CSV injection).
 */
import { csvField, neutralise } from '../reports/csv.ts';
import type { FollowUpRow, IndicatorValueRow, OpenActivity, PlanRow } from './service.ts';

export type Cell = string | number | boolean | null | undefined;

export interface Column<Row> {
  header: string;
  value(row: Row): Cell;
}

const BOM = '\uFEFF';

export function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return csvField(neutralise(value));
}

export function toCsv<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

// ---- the datasets' columns ----------------------------------------------------------------------------------------

const list = (values: string[]) => values.join(';');

export const planColumns: Column<PlanRow>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'parent_id', value: (r) => r.parentId },
  { header: 'depth', value: (r) => r.depth },
  { header: 'number', value: (r) => r.number },
  { header: 'level', value: (r) => r.level },
  { header: 'kind', value: (r) => r.kind },
  { header: 'text', value: (r) => r.text },
  { header: 'responsible_units', value: (r) => list(r.responsibleUnits) },
  { header: 'contributing_units', value: (r) => list(r.contributingUnits) },
  { header: 'deadline', value: (r) => r.deadline },
  { header: 'recurrence', value: (r) => r.recurrence },
  { header: 'status', value: (r) => r.status },
  { header: 'status_cycle', value: (r) => r.statusCycle },
];

export const followUpColumns: Column<FollowUpRow>[] = [
  { header: 'plan_id', value: (r) => r.planId },
  { header: 'plan_title', value: (r) => r.planTitle },
  { header: 'cycle_id', value: (r) => r.cycleId },
  { header: 'cycle', value: (r) => r.cycle },
  { header: 'period_from', value: (r) => r.periodFrom },
  { header: 'period_to', value: (r) => r.periodTo },
  { header: 'cycle_closed', value: (r) => r.cycleClosed },
  { header: 'item_id', value: (r) => r.itemId },
  { header: 'item_number', value: (r) => r.itemNumber },
  { header: 'item_kind', value: (r) => r.itemKind },
  { header: 'item_level', value: (r) => r.itemLevel },
  { header: 'item_text', value: (r) => r.itemText },
  { header: 'unit', value: (r) => r.unit },
  { header: 'occurrence', value: (r) => r.occurrence },
  { header: 'status', value: (r) => r.status },
  { header: 'progress', value: (r) => r.progress },
  { header: 'goal_assessment', value: (r) => r.goalAssessment },
  { header: 'approved_on', value: (r) => r.approvedOn },
  { header: 'example', value: (r) => r.example },
];

export const indicatorColumns: Column<IndicatorValueRow>[] = [
  { header: 'indicator_id', value: (r) => r.indicatorId },
  { header: 'title', value: (r) => r.title },
  { header: 'unit', value: (r) => r.unit },
  { header: 'definition', value: (r) => r.definition },
  { header: 'direction', value: (r) => r.direction },
  { header: 'source_kind', value: (r) => r.sourceKind },
  { header: 'source_ref', value: (r) => r.sourceRef },
  { header: 'period', value: (r) => r.period },
  { header: 'value', value: (r) => r.value },
  { header: 'suppressed', value: (r) => r.suppressed },
  { header: 'source', value: (r) => r.source },
  { header: 'source_note', value: (r) => r.sourceNote },
];

export interface ActivityOccurrenceRow {
  activity: OpenActivity;
  occurrence: OpenActivity['occurrences'][number];
}

/** One row per occurrence: what a calendar or a spreadsheet wants; the activity's fields repeat. */
export function activityRows(activities: OpenActivity[]): ActivityOccurrenceRow[] {
  return activities.flatMap((activity) => activity.occurrences.map((occurrence) => ({ activity, occurrence })));
}

export const activityColumns: Column<ActivityOccurrenceRow>[] = [
  { header: 'activity_id', value: (r) => r.activity.id },
  { header: 'title', value: (r) => r.activity.title },
  { header: 'category', value: (r) => r.activity.category },
  { header: 'organiser', value: (r) => r.activity.organiser },
  { header: 'target_group', value: (r) => r.activity.targetGroup },
  { header: 'age_min', value: (r) => r.activity.ageMin },
  { header: 'age_max', value: (r) => r.activity.ageMax },
  { header: 'languages', value: (r) => list(r.activity.languages) },
  { header: 'place', value: (r) => r.activity.place.name },
  { header: 'address', value: (r) => r.activity.place.address },
  { header: 'cost', value: (r) => r.activity.cost },
  { header: 'date', value: (r) => r.occurrence.date },
  { header: 'start', value: (r) => r.occurrence.start },
  { header: 'end', value: (r) => r.occurrence.end },
  { header: 'cancelled', value: (r) => r.occurrence.cancelled },
  { header: 'cancel_reason', value: (r) => r.occurrence.cancelReason },
];
