import type { Target } from '../plans/outline.ts';
import { lightOfAssessment, type Assessment, type Light, type ReportState, type ReportStatus } from './words.ts';

/**
 * From reports to judgements: how far an item has come, what a goal's children propose for its assessment,
 * and the traffic light of a group (the plan, an area, a unit). No I/O; every threshold is here.
 */
export interface ReportFacts {
  itemId: string;
  state: ReportState;
  status: ReportStatus | null;
  progress: number | null;
  targetValue: number | null;
}

/** Whether a reported value meets the target; null when the target has no number to meet. */
export function targetMet(target: Target | null, value: number | null): boolean | null {
  if (!target || value === null) return null;
  if (target.min !== null && target.min !== undefined) {
    if (value < target.min) return false;
    return target.max === null || target.max === undefined ? true : value <= target.max;
  }
  if (target.value !== null && target.value !== undefined) return value >= target.value;
  if (target.max !== null && target.max !== undefined) return value <= target.max;
  return null;
}

/** A report counts once it is written down; an untouched task says nothing yet. */
const hasReport = (r: ReportFacts) => r.state !== 'open' && r.status !== null;

/** How far one report says the item has come, 0–1; null for cancelled items, which leave the sum. */
export function reportScore(r: ReportFacts, target: Target | null): number | null {
  if (!hasReport(r) || r.status === 'cancelled') return null;
  const progress = r.progress === null ? null : r.progress / 100;
  const byStatus =
    r.status === 'done'
      ? 1
      : r.status === 'in_progress'
        ? (progress ?? 0.5)
        : r.status === 'delayed'
          ? Math.min(progress ?? 0, 1) * 0.5
          : 0;
  const met = targetMet(target, r.targetValue);
  return met === null ? byStatus : (byStatus + (met ? 1 : 0)) / 2;
}

export interface RollupChild {
  itemId: string;
  /** Set by the coordinator; 1 when unset. */
  weight: number | null;
  target: Target | null;
  /** Every report on the item in the cycle (several units, several occurrences). */
  reports: ReportFacts[];
}

export interface RollupBasis {
  children: number;
  reported: number;
  done: number;
  delayed: number;
  cancelled: number;
  targetsMet: number;
  targetsMissed: number;
}

export interface RollupProposal {
  proposal: Assessment;
  /** Weighted mean of the children's scores, 0–1, or null when nothing is reported. */
  score: number | null;
  basis: RollupBasis;
}

export const MET_FROM = 0.85;
export const PARTLY_FROM = 0.4;

export function assessmentOfScore(score: number | null): Assessment {
  if (score === null) return 'not_assessed';
  return score >= MET_FROM ? 'met' : score >= PARTLY_FROM ? 'partly_met' : 'not_met';
}

/**
 * A goal's proposed assessment from its children (activities and sub-goals, with their reports) and its
 * own reported value: the weighted mean of the item scores; a goal whose own target is missed is never
 * proposed as met, and one whose target is met is never proposed as not met.
 */
export function proposeAssessment(children: RollupChild[], own: { target: Target | null; reports: ReportFacts[] } | null): RollupProposal {
  const basis: RollupBasis = { children: children.length, reported: 0, done: 0, delayed: 0, cancelled: 0, targetsMet: 0, targetsMissed: 0 };
  let weighted = 0;
  let weights = 0;
  for (const child of children) {
    const reported = child.reports.filter(hasReport);
    if (reported.length === 0) continue;
    basis.reported += 1;
    if (reported.every((r) => r.status === 'done')) basis.done += 1;
    if (reported.some((r) => r.status === 'delayed')) basis.delayed += 1;
    if (reported.every((r) => r.status === 'cancelled')) basis.cancelled += 1;
    for (const r of reported) {
      const met = targetMet(child.target, r.targetValue);
      if (met === true) basis.targetsMet += 1;
      if (met === false) basis.targetsMissed += 1;
    }
    const scores = reported.map((r) => reportScore(r, child.target)).filter((s): s is number => s !== null);
    if (scores.length === 0) continue;
    const weight = child.weight ?? 1;
    weighted += weight * (scores.reduce((a, b) => a + b, 0) / scores.length);
    weights += weight;
  }
  let score = weights > 0 ? weighted / weights : null;
  const ownValues = (own?.reports ?? []).filter(hasReport).map((r) => targetMet(own?.target ?? null, r.targetValue));
  const ownMet = ownValues.find((v) => v !== null) ?? null;
  if (ownMet !== null) {
    if (ownMet) basis.targetsMet += 1;
    else basis.targetsMissed += 1;
  }
  let proposal = assessmentOfScore(score);
  if (ownMet === false && proposal === 'met') proposal = 'partly_met';
  if (ownMet === true && (proposal === 'not_met' || proposal === 'not_assessed')) {
    proposal = score === null ? 'met' : 'partly_met';
    score ??= 1;
  }
  if (score === null && ownMet === false) proposal = 'not_met';
  return { proposal, score, basis };
}

export interface GroupSummary {
  total: number;
  byStatus: Record<ReportStatus | 'not_reported', number>;
  submitted: number;
  approved: number;
  /** Mean score of the reported tasks, 0–1; the progress bar. */
  progress: number | null;
  light: Light;
}

const emptyCounts = (): Record<ReportStatus | 'not_reported', number> => ({
  not_started: 0,
  in_progress: 0,
  done: 0,
  delayed: 0,
  cancelled: 0,
  not_reported: 0,
});

/**
 * The state of a group of tasks at a glance. Red: a quarter or more delayed, or a goal not met; yellow:
 * anything delayed, a goal partly met, or more than a quarter not reported; grey: nothing reported.
 */
export function summarize(tasks: (ReportFacts & { target?: Target | null })[], goalAssessments: Assessment[] = []): GroupSummary {
  const byStatus = emptyCounts();
  let submitted = 0;
  let approved = 0;
  const scores: number[] = [];
  for (const t of tasks) {
    if (hasReport(t) && t.status) byStatus[t.status] += 1;
    else byStatus.not_reported += 1;
    if (t.state === 'submitted' || t.state === 'approved') submitted += 1;
    if (t.state === 'approved') approved += 1;
    const score = reportScore(t, t.target ?? null);
    if (score !== null) scores.push(score);
  }
  const total = tasks.length;
  const reported = total - byStatus.not_reported;
  const progress = scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
  const goalLights = goalAssessments.map((a) => lightOfAssessment[a]);
  let light: Light = 'green';
  if (reported === 0 && goalLights.every((l) => l === 'grey')) light = 'grey';
  else if ((reported > 0 && byStatus.delayed / reported >= 0.25) || goalLights.includes('red')) light = 'red';
  else if (byStatus.delayed > 0 || goalLights.includes('yellow') || byStatus.not_reported / Math.max(total, 1) > 0.25) light = 'yellow';
  return { total, byStatus, submitted, approved, progress, light };
}
