/** The report as flat rows, one per report entry: the Excel workbook's main sheet and the CSV say the same. */
import { assessmentWords, stateWords, statusWords } from '../follow-up/words.ts';
import type { ReportModel } from './model.ts';
import { seriesPoints } from './series.ts';
import { formatDate, kindWords, targetAmount } from './text.ts';

export interface EntryRow {
  section: string;
  reference: string;
  text: string;
  kind: string;
  unit: string;
  occurrence: string;
  state: string;
  status: string;
  progress: number | null;
  target: string;
  value: number | null;
  narrative: string;
  submittedBy: string;
  /** ISO date-times: the CSV writes them as text, Excel as dates. */
  submittedAt: string | null;
  approvedBy: string;
  approvedAt: string | null;
}

export interface Column<K extends string> {
  key: K;
  header: string;
  /** Excel column width in characters. */
  width: number;
  type?: 'number' | 'datetime' | 'wrap';
}

export const entryColumns: Column<keyof EntryRow>[] = [
  { key: 'section', header: 'Avsnitt', width: 30 },
  { key: 'reference', header: 'Referens', width: 13 },
  { key: 'text', header: 'Text', width: 50, type: 'wrap' },
  { key: 'kind', header: 'Typ', width: 11 },
  { key: 'unit', header: 'Enhet', width: 28 },
  { key: 'occurrence', header: 'Tillfälle', width: 12 },
  { key: 'state', header: 'Rapportläge', width: 15 },
  { key: 'status', header: 'Status', width: 13 },
  { key: 'progress', header: 'Framsteg (%)', width: 13, type: 'number' },
  { key: 'target', header: 'Målvärde', width: 26, type: 'wrap' },
  { key: 'value', header: 'Värde', width: 10, type: 'number' },
  { key: 'narrative', header: 'Redovisning', width: 70, type: 'wrap' },
  { key: 'submittedBy', header: 'Inskickad av', width: 22 },
  { key: 'submittedAt', header: 'Inskickad', width: 17, type: 'datetime' },
  { key: 'approvedBy', header: 'Godkänd av', width: 22 },
  { key: 'approvedAt', header: 'Godkänd', width: 17, type: 'datetime' },
];

export function entryRows(model: ReportModel): EntryRow[] {
  return model.sections.flatMap((section) =>
    section.rows.flatMap((row) =>
      row.reports.map((entry) => ({
        section: section.heading,
        reference: row.reference,
        text: row.text,
        kind: kindWords[row.kind],
        unit: entry.unitName,
        occurrence: entry.occurrence ? formatDate(entry.occurrence) : '',
        state: stateWords.sv[entry.state],
        status: entry.status ? statusWords.sv[entry.status] : '',
        progress: entry.progress,
        target: row.target ?? '',
        value: entry.targetValue,
        narrative: entry.narrative,
        submittedBy: entry.submittedBy ?? '',
        submittedAt: entry.submittedAt,
        approvedBy: entry.approvedBy ?? '',
        approvedAt: entry.approvedAt,
      })),
    ),
  );
}

export interface GoalRow {
  section: string;
  reference: string;
  text: string;
  target: string;
  assessment: string;
  rationale: string;
  proposed: string;
}

export const goalColumns: Column<keyof GoalRow>[] = [
  { key: 'section', header: 'Avsnitt', width: 30 },
  { key: 'reference', header: 'Referens', width: 13 },
  { key: 'text', header: 'Mål', width: 50, type: 'wrap' },
  { key: 'target', header: 'Målvärde', width: 26, type: 'wrap' },
  { key: 'assessment', header: 'Bedömning', width: 16 },
  { key: 'rationale', header: 'Motivering', width: 70, type: 'wrap' },
  { key: 'proposed', header: 'Föreslagen bedömning', width: 22 },
];

/** Every goal, assessed or not: a goal left out of the sheet would look as if it had been forgotten. */
export function goalRows(model: ReportModel): GoalRow[] {
  return model.sections.flatMap((section) =>
    section.rows
      .filter((row) => row.kind === 'goal' || row.assessment !== null)
      .map((row) => ({
        section: section.heading,
        reference: row.reference,
        text: row.text,
        target: row.target ?? '',
        assessment: assessmentWords.sv[row.assessment?.value ?? 'not_assessed'],
        rationale: row.assessment?.rationale ?? '',
        proposed: row.assessment?.proposed ? assessmentWords.sv[row.assessment.proposed] : '',
      })),
  );
}

export interface IndicatorSheetRow {
  reference: string;
  text: string;
  target: string;
  value: number | null;
  unit: string;
  met: string;
}

export const indicatorColumns: Column<keyof IndicatorSheetRow>[] = [
  { key: 'reference', header: 'Referens', width: 13 },
  { key: 'text', header: 'Indikator', width: 50, type: 'wrap' },
  { key: 'target', header: 'Målvärde', width: 26, type: 'wrap' },
  { key: 'value', header: 'Värde', width: 10, type: 'number' },
  { key: 'unit', header: 'Måttenhet', width: 16 },
  { key: 'met', header: 'Uppfyllt', width: 10 },
];

export function indicatorRows(model: ReportModel): IndicatorSheetRow[] {
  return model.indicators.map((i) => ({
    reference: i.reference,
    text: i.text,
    target: i.target,
    value: i.value,
    unit: i.unit,
    met: i.met === null ? '–' : i.met ? 'Ja' : 'Nej',
  }));
}

export interface SeriesSheetRow {
  indicator: string;
  point: string;
  period: string;
  value: number | null;
  unit: string;
  target: string;
  targetPeriod: string;
  status: string;
  source: string;
}

export const seriesColumns: Column<keyof SeriesSheetRow>[] = [
  { key: 'indicator', header: 'Indikator', width: 50, type: 'wrap' },
  { key: 'point', header: 'Punkt', width: 14 },
  { key: 'period', header: 'Period', width: 10 },
  { key: 'value', header: 'Värde', width: 10, type: 'number' },
  { key: 'unit', header: 'Enhet', width: 12 },
  { key: 'target', header: 'Mål', width: 14 },
  { key: 'targetPeriod', header: 'Målår', width: 8 },
  { key: 'status', header: 'Status', width: 30, type: 'wrap' },
  { key: 'source', header: 'Källa', width: 36, type: 'wrap' },
];

/**
 * One row per point of every indicator series, the points as the chart shows them: a missing value is a row with
 * no value, and a baseline from the plan is a row of its own, so a filter on Punkt finds every baseline.
 */
export function seriesRows(model: ReportModel): SeriesSheetRow[] {
  return model.indicatorSeries.flatMap((series) =>
    seriesPoints(series).map((p) => ({
      indicator: `${series.title} (${series.reference})`,
      point: p.baseline ? 'Utgångsvärde' : 'Mätvärde',
      period: p.period,
      value: p.value,
      unit: series.unit,
      target: targetAmount(series.target, series.unit) ?? '',
      targetPeriod: series.target.period ?? '',
      status: series.status ?? 'kan inte beräknas',
      source: series.source,
    })),
  );
}
