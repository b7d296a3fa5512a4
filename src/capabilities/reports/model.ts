import type { Assessment, ReportState, ReportStatus } from '../follow-up/words.ts';

/**
 * The follow-up report to the executive board as plain data. `buildReportModel` (follow-up/report-data.ts)
 * makes it from the database; every renderer (Word, PDF, Excel, CSV) takes only this, so all four say the
 * same and each can be tested without a database.
 */
export interface ReportModel {
  municipality: { code: string; name: string };
  plan: {
    id: string;
    title: string;
    /** The decision that adopted the plan, in words: "Kommunfullmäktige 2015-06-15 § 64". */
    adoptedText: string | null;
    dnr: string | null;
    edition: number;
  };
  cycle: {
    id: string;
    label: string;
    periodFrom: string;
    periodTo: string;
    deadline: string;
    state: 'open' | 'closed';
    /** Demo data: every page of the report says so. */
    example: boolean;
  };
  /** ISO date-time the report was made. */
  generatedAt: string;
  summary: ReportSummary;
  /** One per top-level part of the plan (an area, or a goal or activity where the plan has no areas). */
  sections: ReportSection[];
  /** Every item with a measurable target and the value reported for it in this cycle. */
  indicators: IndicatorRow[];
  /** The indicators linked to the plan's items, as series over time (a line chart and a table each). */
  indicatorSeries: IndicatorSeries[];
  /** Units with tasks not submitted by the deadline (annex). */
  missing: MissingUnit[];
}

export interface ReportSummary {
  /** Number of report tasks per status of the latest report; `not_reported` for tasks nobody reported. */
  statusCounts: Record<ReportStatus | 'not_reported', number>;
  /** Number of goals per assessment set by the coordinator (`not_assessed` when none is set). */
  assessmentCounts: Record<Assessment, number>;
  expected: number;
  submitted: number;
  approved: number;
  /** The main deviations: delayed or cancelled items and goals not met, most important first. */
  deviations: Deviation[];
}

export interface Deviation {
  reference: string;
  text: string;
  unitName: string | null;
  what: 'delayed' | 'cancelled' | 'not_met' | 'not_reported';
  narrative: string;
}

export interface ReportSection {
  /** "Målområde 1 Arbete och sysselsättning". */
  heading: string;
  rows: ReportRow[];
}

/** An item of the plan, in tree order; `depth` 0 is the section's own item. */
export interface ReportRow {
  itemId: string;
  depth: number;
  kind: 'vision' | 'area' | 'goal' | 'activity';
  /** The plan's own level name and number: "Delmål 1.2", "Åtgärd 3". */
  reference: string;
  text: string;
  responsible: string[];
  /** Schedule in words: "senast 2016", "kvartalsvis". */
  schedule: string | null;
  target: string | null;
  assessment: { value: Assessment; rationale: string; proposed: Assessment | null } | null;
  reports: ReportEntry[];
}

export interface ReportEntry {
  unitName: string;
  /** The occurrence of a recurring item ("2016-04-01"), null for others. */
  occurrence: string | null;
  state: ReportState;
  status: ReportStatus | null;
  progress: number | null;
  narrative: string;
  targetValue: number | null;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface IndicatorRow {
  reference: string;
  text: string;
  target: string;
  unit: string;
  /** The value reported (the latest submitted or approved among the item's tasks), or null. */
  value: number | null;
  /** Whether the value meets the target; null when either is missing or the target has no number. */
  met: boolean | null;
}

export interface IndicatorSeries {
  title: string;
  unit: string;
  /** The plan item it is linked to: "Delmål 2". */
  reference: string;
  points: { period: string; value: number | null }[];
  baseline: { period: string; value: number } | null;
  target: { value: number | null; min: number | null; max: number | null; period: string | null };
  /** The status in words ("Måttliga framsteg – behöver öka takten"), or null when none can be given. */
  status: string | null;
  /** Where the figures come from: "Källa: SCB", "Rapporterat i uppföljningen". */
  source: string;
}

export interface MissingUnit {
  unitName: string;
  /** References of the items the unit has not submitted. */
  items: string[];
}

export type ReportFormat = 'docx' | 'pdf' | 'xlsx' | 'csv';

export const reportMediaTypes: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A renderer reports progress (0–1) so a background job can show it. */
export type Progress = (fraction: number) => void;
