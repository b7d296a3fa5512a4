/**
 * An indicator series as the points the chart, the table beside it and the Excel sheet all show, so the three
 * never disagree about which values there are or which one is the baseline.
 */
import { periodTime } from '../indicators/progress.ts';
import type { IndicatorSeries } from './model.ts';

export interface SeriesPoint {
  period: string;
  /** The period as a point in time, in years (2016H2 → 2016.5); NaN for a period the chart cannot place. */
  time: number;
  value: number | null;
  baseline: boolean;
  /** False for a baseline that is not among the measured points: it stands apart from the line. */
  measured: boolean;
}

/**
 * The measured points in time order, with the baseline among them: a measured point when one has the baseline's
 * period and value, otherwise a point of its own (a baseline taken from the plan's text often has no measurement).
 */
export function seriesPoints(series: IndicatorSeries): SeriesPoint[] {
  const points: SeriesPoint[] = series.points.map((p) => ({
    period: p.period,
    time: periodTime(p.period),
    value: p.value,
    baseline: false,
    measured: true,
  }));
  const { baseline } = series;
  if (baseline) {
    const same = points.find((p) => p.period === baseline.period && p.value === baseline.value);
    if (same) same.baseline = true;
    else
      points.push({ period: baseline.period, time: periodTime(baseline.period), value: baseline.value, baseline: true, measured: false });
  }
  const order = (p: SeriesPoint) => (Number.isFinite(p.time) ? p.time : Infinity);
  // The sort is stable, so points of the same period keep their order, the baseline first.
  return points.sort((a, b) => order(a) - order(b) || Number(b.baseline) - Number(a.baseline));
}
