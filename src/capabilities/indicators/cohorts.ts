/**
 * Refugee cohorts in aggregate: how many whose establishment period ended in a year, and how many of them
 * were self-sufficient after 12 and 24 months and still lived in the municipality after 12. No person-level
 * data; on public pages a count under five is suppressed so no individual can be singled out.
 */
export const SUPPRESS_BELOW = 5;

export interface Cohort {
  year: number;
  size: number;
  selfSufficient12: number | null;
  selfSufficient24: number | null;
  resident12: number | null;
}

export type CohortMeasure = 'self_sufficient_12' | 'self_sufficient_24' | 'resident_12';

export const cohortMeasures: Record<CohortMeasure, { sv: string; en: string; of: (c: Cohort) => number | null }> = {
  self_sufficient_12: {
    sv: 'Andel självförsörjande 12 månader efter etableringen',
    en: 'Share self-sufficient 12 months after establishment',
    of: (c) => c.selfSufficient12,
  },
  self_sufficient_24: {
    sv: 'Andel självförsörjande 24 månader efter etableringen',
    en: 'Share self-sufficient 24 months after establishment',
    of: (c) => c.selfSufficient24,
  },
  resident_12: {
    sv: 'Andel som bor kvar 12 månader efter etableringen',
    en: 'Share still resident 12 months after establishment',
    of: (c) => c.resident12,
  },
};

export function checkCohort(c: Cohort): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!Number.isInteger(c.year) || c.year < 1990 || c.year > 2100)
    problems.push({ path: '/year', message: 'Året är inget rimligt årtal.' });
  if (!Number.isInteger(c.size) || c.size < 0) problems.push({ path: '/size', message: 'Antalet i kohorten är ett heltal, 0 eller fler.' });
  for (const [key, path] of [
    ['selfSufficient12', '/selfSufficient12'],
    ['selfSufficient24', '/selfSufficient24'],
    ['resident12', '/resident12'],
  ] as const) {
    const n = c[key];
    if (n === null) continue;
    if (!Number.isInteger(n) || n < 0) problems.push({ path, message: 'Antalet är ett heltal, 0 eller fler.' });
    else if (n > c.size) problems.push({ path, message: `Antalet (${n}) kan inte vara större än kohorten (${c.size}).` });
  }
  return problems;
}

export interface CohortShare {
  period: string;
  /** Share in percent with one decimal, or null when unknown or suppressed. */
  value: number | null;
  count: number | null;
  size: number;
  suppressed: boolean;
}

/** Shares per cohort year; `publicView` suppresses counts and cohorts under five. */
export function cohortShares(cohorts: Cohort[], measure: CohortMeasure, publicView: boolean): CohortShare[] {
  return [...cohorts]
    .sort((a, b) => a.year - b.year)
    .map((c) => {
      const count = cohortMeasures[measure].of(c);
      const suppressed =
        publicView && (c.size < SUPPRESS_BELOW || (count !== null && (count < SUPPRESS_BELOW || c.size - count < SUPPRESS_BELOW)));
      const value = count === null || c.size === 0 ? null : Math.round((count / c.size) * 1000) / 10;
      return {
        period: String(c.year),
        value: suppressed ? null : value,
        count: suppressed ? null : count,
        size: suppressed ? 0 : c.size,
        suppressed,
      };
    });
}
