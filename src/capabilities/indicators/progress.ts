import type { Language } from '../../kernel/words.ts';

/**
 * Progress towards a target with the method Open SDG uses, from Statistics Canada: compare the observed
 * compound annual growth rate since the baseline with the rate needed to reach the target on time. Without a
 * target, the observed rate is compared with fixed rates. No I/O; every threshold is here and published in
 * docs/indicators.md.
 */
export type ProgressStatus = 'achieved' | 'substantial' | 'moderate' | 'limited' | 'deterioration';
/** `neutral`: a figure that describes the municipality (its foreign-born share) and is not better higher or lower. */
export type Direction = 'higher' | 'lower' | 'neutral';

export const progressWords: Record<Language, Record<ProgressStatus, string>> = {
  sv: {
    achieved: 'Målet är nått',
    substantial: 'Betydande framsteg',
    moderate: 'Måttliga framsteg – behöver öka takten',
    limited: 'Begränsade framsteg',
    deterioration: 'Försämring',
  },
  en: {
    achieved: 'Target achieved',
    substantial: 'Substantial progress',
    moderate: 'Moderate progress – acceleration needed',
    limited: 'Limited progress',
    deterioration: 'Deterioration',
  },
};

/** Ratio thresholds (observed ÷ required growth) with a target. */
export const WITH_TARGET = { substantial: 0.95, moderate: 0.6 };
/** Growth-rate thresholds (per year, in the desired direction) without a target. */
export const WITHOUT_TARGET = { substantial: 0.015, moderate: 0.005 };

/** A period as a point in time, in years: 2016 → 2016, 2016H2 → 2016.5, 2016Q3 → 2016.5, 2016-04 → 2016.25. */
export function periodTime(period: string): number {
  const year = Number(period.slice(0, 4));
  const rest = period.slice(4);
  if (rest === '') return year;
  if (rest.startsWith('H')) return year + (Number(rest.slice(1)) - 1) / 2;
  if (rest.startsWith('Q')) return year + (Number(rest.slice(1)) - 1) / 4;
  return year + (Number(rest.slice(1)) - 1) / 12;
}

export interface Point {
  period: string;
  value: number;
}

export interface TargetSpec {
  /** A single value, or the near end of a range in the desired direction. */
  value: number;
  period: string;
}

export type ProgressResult =
  | {
      status: ProgressStatus;
      /** The observed compound annual growth rate. */
      observedRate: number;
      /** The rate needed to reach the target on time (null without a target). */
      requiredRate: number | null;
      /** Observed ÷ required (null without a target). */
      ratio: number | null;
      /** Where the observed trend leads by the target period (null without a target). */
      projected: number | null;
    }
  | { status: null; reason: 'neutral' | 'no-baseline' | 'no-current' | 'same-period' | 'not-positive' };

const cagr = (from: number, to: number, years: number) => Math.pow(to / from, 1 / years) - 1;

/** The status from a baseline, the latest value and an optional target. */
export function progressStatus(
  baseline: Point | null,
  current: Point | null,
  direction: Direction,
  target: TargetSpec | null,
): ProgressResult {
  if (direction === 'neutral') return { status: null, reason: 'neutral' };
  if (!baseline) return { status: null, reason: 'no-baseline' };
  if (!current) return { status: null, reason: 'no-current' };
  const d = direction === 'higher' ? 1 : -1;
  if (target && d * (current.value - target.value) >= 0) {
    const years = periodTime(current.period) - periodTime(baseline.period);
    const observed = years > 0 && baseline.value > 0 && current.value > 0 ? cagr(baseline.value, current.value, years) : 0;
    return { status: 'achieved', observedRate: observed, requiredRate: null, ratio: null, projected: current.value };
  }
  const years = periodTime(current.period) - periodTime(baseline.period);
  if (years <= 0) return { status: null, reason: 'same-period' };
  // Growth rates need positive values; a count or share of zero has no rate.
  if (baseline.value <= 0 || current.value <= 0) return { status: null, reason: 'not-positive' };
  const observed = cagr(baseline.value, current.value, years);
  if (!target) {
    const rate = d * observed;
    const status: ProgressStatus =
      rate >= WITHOUT_TARGET.substantial
        ? 'substantial'
        : rate >= WITHOUT_TARGET.moderate
          ? 'moderate'
          : rate >= 0
            ? 'limited'
            : 'deterioration';
    return { status, observedRate: observed, requiredRate: null, ratio: null, projected: null };
  }
  const targetYears = periodTime(target.period) - periodTime(baseline.period);
  if (targetYears <= 0 || target.value <= 0) return { status: null, reason: 'not-positive' };
  const required = cagr(baseline.value, target.value, targetYears);
  // The ratio keeps the desired direction's sign, also where the baseline already passes the target.
  const ratio = required === 0 ? (d * observed >= 0 ? 1 : -1) : (d * observed) / Math.abs(required);
  const status: ProgressStatus =
    ratio >= WITH_TARGET.substantial
      ? 'substantial'
      : ratio >= WITH_TARGET.moderate
        ? 'moderate'
        : ratio >= 0
          ? 'limited'
          : 'deterioration';
  const projected = current.value * Math.pow(1 + observed, periodTime(target.period) - periodTime(current.period));
  return { status, observedRate: observed, requiredRate: required, ratio, projected };
}

/** The target a link sets, as one value to reach: a range's near end in the desired direction. */
export function targetOf(
  link: { targetValue: number | null; targetMin: number | null; targetMax: number | null; targetPeriod: string | null },
  direction: Direction,
): TargetSpec | null {
  if (!link.targetPeriod) return null;
  const value = link.targetValue ?? (direction === 'higher' ? (link.targetMin ?? link.targetMax) : (link.targetMax ?? link.targetMin));
  return value === null ? null : { value, period: link.targetPeriod };
}
