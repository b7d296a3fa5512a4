/**
 * The public indicator pages' charts as geometry: scales, ticks, the line's points, the target. Pure and without
 * words, so the page draws them as SVG in any language; the numbers come through the caller's formatter, and
 * nothing here depends on the reading direction (the time axis runs left to right in Arabic too, as in print).
 * The value axis and the label spacing are the board report's (reports/charts.ts), so both show the same scale.
 */
import { periodTime } from '../indicators/progress.ts';
import { palette, spacedLabels, valueTicks } from '../reports/charts.ts';

export { palette };

export interface ChartPoint {
  period: string;
  value: number | null;
}

export interface ChartSeries {
  key: string;
  points: ChartPoint[];
}

export interface ChartTarget {
  value: number | null;
  min: number | null;
  max: number | null;
  period: string | null;
}

export interface LineChartInput {
  /** The first series is the municipality's own; the others are drawn thinner, for comparison. */
  series: ChartSeries[];
  targets?: ChartTarget[];
  format: (value: number) => string;
  width?: number;
  height?: number;
}

export interface Marker {
  x: number;
  y: number;
  period: string;
  value: number;
}

export interface LineChartModel {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  yTicks: { value: number; y: number; label: string }[];
  /** Every period on the time axis; `labelled` where its label fits beside the others. */
  xTicks: { period: string; x: number; labelled: boolean }[];
  lines: { key: string; segments: string[]; markers: Marker[] }[];
  /** A level (y1 = y2) or a band, with where the target period lies on the time axis (null without one). */
  targets: { y1: number; y2: number; x: number | null }[];
  /** No value to draw at all. */
  empty: boolean;
}

const FONT_SIZE = 12;
const round = (n: number) => Math.round(n * 10) / 10;

/** The level a target asks for: a band for a range, else its one value. */
function targetLevels(target: ChartTarget): [number, number] | null {
  if (target.min !== null && target.max !== null) return [Math.min(target.min, target.max), Math.max(target.min, target.max)];
  const level = target.value ?? target.min ?? target.max;
  return level === null ? null : [level, level];
}

/**
 * A line chart's geometry. Periods are points in time (2016H2 halfway through 2016), so uneven gaps look uneven;
 * a missing value breaks the line, since a line across it would invent one.
 */
export function lineChart(input: LineChartInput): LineChartModel {
  const width = input.width ?? 640;
  const height = input.height ?? 320;
  const placed = input.series.map((s) => ({
    key: s.key,
    points: s.points.map((p) => ({ ...p, time: periodTime(p.period) })).filter((p) => Number.isFinite(p.time)),
  }));
  const levels = (input.targets ?? []).map((t) => ({ levels: targetLevels(t), time: t.period ? periodTime(t.period) : NaN }));
  const values = placed.flatMap((s) => s.points.flatMap((p) => (p.value === null ? [] : [p.value])));
  const ticks = valueTicks([...values, ...levels.flatMap((l) => l.levels ?? [])]);
  const yTicks = ticks.length > 0 ? ticks : [0, 1];
  const labels = yTicks.map((t) => input.format(t));

  const top = 16;
  const bottom = height - 32;
  const left = 12 + Math.max(24, ...labels.map((l) => l.length * FONT_SIZE * 0.6));
  const right = width - 16;
  const inset = 20;

  const periods = new Map<number, string>();
  for (const s of placed) for (const p of s.points) if (!periods.has(p.time)) periods.set(p.time, p.period);
  for (const [i, l] of levels.entries()) {
    const period = input.targets?.[i]?.period;
    if (l.levels && Number.isFinite(l.time) && period && !periods.has(l.time)) periods.set(l.time, period);
  }
  const times = [...periods.keys()].sort((a, b) => a - b);
  const tMin = times[0] ?? 0;
  const tMax = times.at(-1) ?? 0;
  const x = (t: number) =>
    round(tMax === tMin ? (left + right) / 2 : left + inset + ((t - tMin) / (tMax - tMin)) * (right - left - 2 * inset));
  const yLo = yTicks[0] as number;
  const yHi = yTicks.at(-1) as number;
  const y = (v: number) => round(bottom - ((v - yLo) / (yHi - yLo)) * (bottom - top));

  const xItems = times.map((t) => ({ x: x(t), text: periods.get(t) as string }));
  const shown = spacedLabels(xItems, FONT_SIZE);

  const lines = placed.map((s) => {
    const segments: string[] = [];
    let current: string[] = [];
    for (const p of s.points) {
      if (p.value === null) {
        if (current.length > 1) segments.push(current.join(' '));
        current = [];
      } else current.push(`${x(p.time)},${y(p.value)}`);
    }
    if (current.length > 1) segments.push(current.join(' '));
    const markers = s.points.flatMap((p) => (p.value === null ? [] : [{ x: x(p.time), y: y(p.value), period: p.period, value: p.value }]));
    return { key: s.key, segments, markers };
  });

  return {
    width,
    height,
    plot: { left: round(left), right, top, bottom },
    yTicks: yTicks.map((value, i) => ({ value, y: y(value), label: labels[i] as string })),
    xTicks: xItems.map((item, i) => ({ period: item.text, x: item.x, labelled: shown.has(i) })),
    lines,
    targets: levels.flatMap((l) =>
      l.levels ? [{ y1: y(l.levels[1]), y2: y(l.levels[0]), x: Number.isFinite(l.time) ? x(l.time) : null }] : [],
    ),
    empty: values.length === 0,
  };
}

/**
 * A sparkline's points: the shape of the series in a small box, scaled between its own lowest and highest value
 * (a sparkline shows the direction, the number beside it says the level). Null when there is nothing to draw.
 */
export function sparkline(points: ChartPoint[], width = 96, height = 24): { line: string; last: { x: number; y: number } } | null {
  const known = points
    .map((p) => ({ time: periodTime(p.period), value: p.value }))
    .filter((p): p is { time: number; value: number } => p.value !== null && Number.isFinite(p.time))
    .sort((a, b) => a.time - b.time);
  const last = known.at(-1);
  if (!last) return null;
  const pad = 3;
  const first = known[0] as { time: number };
  const lo = Math.min(...known.map((p) => p.value));
  const hi = Math.max(...known.map((p) => p.value));
  const x = (t: number) =>
    round(last.time === first.time ? width / 2 : pad + ((t - first.time) / (last.time - first.time)) * (width - 2 * pad));
  const y = (v: number) => round(hi === lo ? height / 2 : height - pad - ((v - lo) / (hi - lo)) * (height - 2 * pad));
  return { line: known.map((p) => `${x(p.time)},${y(p.value)}`).join(' '), last: { x: x(last.time), y: y(last.value) } };
}

/** The year a period lies in: 2016H2 → 2016. */
export function periodYear(period: string): number {
  return Number(period.slice(0, 4));
}

/** The first day after a period: 2016 → 2017-01-01, 2016H1 → 2016-07-01, 2016Q4 → 2017-01-01, 2016-03 → 2016-04-01. */
export function periodEnd(period: string): Date {
  const year = periodYear(period);
  const rest = period.slice(4);
  const month =
    rest === ''
      ? 12
      : rest.startsWith('H')
        ? Number(rest.slice(1)) * 6
        : rest.startsWith('Q')
          ? Number(rest.slice(1)) * 3
          : Number(rest.slice(1));
  return new Date(Date.UTC(year, month, 1));
}

/**
 * A value that may still change: its period is not over (a count of this year's placements grows until December),
 * or the source calls it preliminary. The data keeps no other mark, so these are the two signs there are.
 */
export function isProvisional(value: { period: string; sourceNote: string | null }, today: Date): boolean {
  return periodEnd(value.period) > today || /prelimin/i.test(value.sourceNote ?? '');
}
