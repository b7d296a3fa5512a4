/**
 * Counts as horizontal bar charts and indicators as line charts, in SVG. Pure: the PDF takes the SVG as it is,
 * the Word document gets it rasterised (chart-png.ts), so both show the same picture.
 */
import { assessmentWords, stateWords, statusWords, type Assessment, type ReportStatus } from '../follow-up/words.ts';
import { periodTime } from '../indicators/progress.ts';
import type { IndicatorSeries } from './model.ts';
import { seriesPoints } from './series.ts';
import { formatNumber, targetAmount, targetHeading, targetLabel, valueWithUnit } from './text.ts';

export interface Bar {
  label: string;
  value: number;
  colour: string;
}

export interface Chart {
  svg: string;
  width: number;
  height: number;
  /** The chart in words, for alt text: a chart must never be the only place a number is said. */
  description: string;
}

/**
 * Okabe–Ito based, so the bars stay apart for readers with red–green colour blindness; they differ in lightness
 * as well as hue, and every bar carries its word, so colour is never the only signal.
 */
export const palette = {
  darkGreen: '#1A7F5A',
  lightGreen: '#74C8A8',
  yellow: '#F0E442',
  red: '#D55E00',
  darkGrey: '#7A7A7A',
  lightGrey: '#C4C4C4',
} as const;

export type StatusKey = ReportStatus | 'not_reported';

/** Order of the status chart: from finished to nothing heard, the way the board reads it. */
export const statusOrder: readonly StatusKey[] = ['done', 'in_progress', 'not_started', 'delayed', 'cancelled', 'not_reported'];
export const assessmentOrder: readonly Assessment[] = ['met', 'partly_met', 'not_met', 'not_assessed'];

export const statusColours: Record<StatusKey, string> = {
  done: palette.darkGreen,
  in_progress: palette.lightGreen,
  not_started: palette.yellow,
  delayed: palette.red,
  cancelled: palette.darkGrey,
  not_reported: palette.lightGrey,
};

export const assessmentColours: Record<Assessment, string> = {
  met: palette.darkGreen,
  partly_met: palette.yellow,
  not_met: palette.red,
  not_assessed: palette.lightGrey,
};

export function statusLabel(key: StatusKey): string {
  return key === 'not_reported' ? stateWords.sv.open : statusWords.sv[key];
}

export function statusBars(counts: Record<StatusKey, number>): Bar[] {
  return statusOrder.map((key) => ({ label: statusLabel(key), value: counts[key], colour: statusColours[key] }));
}

export function assessmentBars(counts: Record<Assessment, number>): Bar[] {
  return assessmentOrder.map((key) => ({ label: assessmentWords.sv[key], value: counts[key], colour: assessmentColours[key] }));
}

const numberFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

/** "12 (40 %)": the count and its share, in Swedish number style. */
export function countWithShare(value: number, total: number): string {
  if (total === 0) return numberFormat.format(value);
  return `${numberFormat.format(value)} (${numberFormat.format((100 * value) / total)}\u00a0%)`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

export interface BarChartOptions {
  width?: number;
  /** Width given to the labels on the left. */
  labelWidth?: number;
  fontFamily?: string;
}

/** Horizontal bars, one row per bar: label on the left, bar, then the count and share after the bar. */
export function barChart(bars: readonly Bar[], options: BarChartOptions = {}): Chart {
  const width = options.width ?? 480;
  const labelWidth = options.labelWidth ?? 130;
  const fontFamily = options.fontFamily ?? 'Roboto';
  const fontSize = 11;
  const rowHeight = 24;
  const barHeight = 16;
  const padding = 6;
  // Room after the longest bar for "1 234 (100 %)".
  const valueWidth = 90;
  const barArea = Math.max(width - labelWidth - valueWidth - padding * 2, 10);
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  const max = bars.reduce((m, bar) => Math.max(m, bar.value), 0);
  const height = padding * 2 + rowHeight * bars.length;
  const x0 = padding + labelWidth;

  const rows = bars.map((bar, i) => {
    const top = padding + i * rowHeight + (rowHeight - barHeight) / 2;
    const textY = (top + barHeight / 2 + fontSize * 0.36).toFixed(1);
    const length = max === 0 ? 0 : (barArea * bar.value) / max;
    // A zero still gets a hairline so the row does not look like a missing bar.
    const drawn = bar.value > 0 ? Math.max(length, 2) : 1;
    return [
      `<text x="${x0 - 8}" y="${textY}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${x0}" y="${top}" width="${drawn.toFixed(1)}" height="${barHeight}" fill="${bar.value > 0 ? bar.colour : palette.lightGrey}" stroke="#333333" stroke-width="0.5"/>`,
      `<text x="${(x0 + drawn + 6).toFixed(1)}" y="${textY}">${escapeXml(countWithShare(bar.value, total))}</text>`,
    ].join('');
  });

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#FFFFFF"/>` +
    `<line x1="${x0}" y1="${padding}" x2="${x0}" y2="${height - padding}" stroke="#333333" stroke-width="1"/>` +
    `<g font-family="${escapeXml(fontFamily)}" font-size="${fontSize}" fill="#1A1A1A">${rows.join('')}</g>` +
    `</svg>`;
  const description = bars.map((bar) => `${bar.label}: ${countWithShare(bar.value, total)}`).join('; ');
  return { svg, width, height, description };
}

export interface LineChartOptions {
  width?: number;
  height?: number;
  fontFamily?: string;
}

/** "%" → "Procent", "personer" → "Personer": the unit as the title over the value axis. */
export function unitTitle(unit: string): string {
  if (unit === '%') return 'Procent';
  return unit.charAt(0).toLocaleUpperCase('sv-SE') + unit.slice(1);
}

/** A step of 1, 2, 2,5 or 5 times a power of ten giving about `count` intervals: ticks a reader can add up. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const f = raw / magnitude;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * magnitude;
}

/**
 * The value axis: from 0, unless every value lies so far from 0 that a zero-based axis would flatten the line
 * (the spread is less than half the distance to 0, as with a population of 24 000–26 000).
 */
export function valueTicks(values: number[]): number[] {
  if (values.length === 0) return [];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const spread = hi - lo;
  if (!(lo > 0 && spread > 0 && spread < lo / 2)) lo = Math.min(lo, 0);
  if (!(hi < 0 && spread > 0 && spread < -hi / 2)) hi = Math.max(hi, 0);
  if (hi === lo) hi = lo + 1;
  const step = niceStep(hi - lo, 4);
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  // Rounded so 0,1 + 0,2 is written 0,3 and not 0,30000000000000004.
  for (let i = 0; first + i * step <= last + step / 1e6; i++) ticks.push(Number((first + i * step).toPrecision(12)));
  return ticks;
}

/** Roboto's advance is about 0,55 em for digits and lower-case letters: enough to keep labels from overlapping. */
function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.55;
}

/**
 * Keeps the labels that fit side by side, from the left; a label needs its own width clear of the last one kept.
 * The last position is preferred over the one before it, since the latest value is the one the board asks about.
 */
export function spacedLabels(items: { x: number; text: string }[], fontSize: number): Set<number> {
  const kept: number[] = [];
  const clear = (a: number, b: number) =>
    Math.abs(items[a]!.x - items[b]!.x) >= (textWidth(items[a]!.text, fontSize) + textWidth(items[b]!.text, fontSize)) / 2 + 4;
  for (let i = 0; i < items.length; i++) {
    const previous = kept.at(-1);
    if (previous === undefined || clear(previous, i)) kept.push(i);
    else if (i === items.length - 1 && kept.length > 1) {
      kept.pop();
      if (clear(kept.at(-1)!, i)) kept.push(i);
      else kept.push(previous);
    }
  }
  return new Set(kept);
}

const ink = '#1A1A1A';
const axisColour = '#333333';

/** A colour of the palette mixed with white, for an area behind the line that must not compete with it. */
function tint(hex: string, share: number): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(255 - (255 - c) * share)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`.toUpperCase();
}

function idFor(text: string): string {
  let hash = 0;
  for (const c of text) hash = (Math.imul(hash, 31) + c.codePointAt(0)!) | 0;
  return `indikator-${(hash >>> 0).toString(36)}`;
}

const f1 = (n: number) => n.toFixed(1);

/**
 * One indicator over time as a line chart. Periods are placed as points in time, so 2016H2 sits halfway through
 * 2016 and uneven gaps between measurements look uneven. Every value is written beside its point (as room
 * allows) and the baseline and target differ by shape and dash as well as colour; the description says it all
 * in words.
 */
export function lineChartSvg(series: IndicatorSeries, options: LineChartOptions = {}): Chart {
  const width = options.width ?? 360;
  const height = options.height ?? 230;
  const fontFamily = options.fontFamily ?? 'Roboto';
  const fontSize = 10;
  const smallSize = 9;
  const all = seriesPoints(series);
  const points = all.filter((p) => Number.isFinite(p.time));
  const measured = points.filter((p) => p.measured);
  const { target, unit } = series;
  const band = target.min !== null && target.max !== null ? [Math.min(target.min, target.max), Math.max(target.min, target.max)] : null;
  const targetLevel = band ? null : (target.value ?? target.min ?? target.max);
  const hasTarget = band !== null || targetLevel !== null;
  const targetTime = hasTarget && target.period ? periodTime(target.period) : NaN;

  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const ticks = valueTicks([...values, ...(band ?? []), ...(targetLevel === null ? [] : [targetLevel])]);
  const times = [...points.map((p) => p.time), ...(Number.isFinite(targetTime) ? [targetTime] : [])];

  const legendHeight = 20;
  const top = 34;
  const bottom = height - legendHeight - 20;
  const tickLabels = ticks.map((t) => formatNumber(t));
  const left = 8 + Math.max(16, ...tickLabels.map((l) => textWidth(l, smallSize))) + 6;
  const right = width - 10;
  // Points keep clear of the axes, so their markers and value labels are never cut by them.
  const inset = 16;

  const tMin = times.length > 0 ? Math.min(...times) : 0;
  const tMax = times.length > 0 ? Math.max(...times) : 0;
  const x = (t: number) => (tMax === tMin ? (left + right) / 2 : left + inset + ((t - tMin) / (tMax - tMin)) * (right - left - 2 * inset));
  const yLo = ticks[0] ?? 0;
  const yHi = ticks.at(-1) ?? 1;
  const y = (v: number) => bottom - ((v - yLo) / (yHi - yLo)) * (bottom - top);

  const parts: string[] = [];
  // Grid and value axis.
  for (const [i, t] of ticks.entries()) {
    const ty = y(t);
    if (i > 0)
      parts.push(
        `<line x1="${f1(left)}" y1="${f1(ty)}" x2="${f1(right)}" y2="${f1(ty)}" stroke="${palette.lightGrey}" stroke-width="0.5"/>`,
      );
    parts.push(
      `<text x="${f1(left - 5)}" y="${f1(ty + smallSize * 0.35)}" text-anchor="end" font-size="${smallSize}">${escapeXml(tickLabels[i]!)}</text>`,
    );
  }

  // The target, behind the line.
  const known = points.filter((p): p is typeof p & { value: number } => p.value !== null);
  const targetLines = band ? band.map(y) : targetLevel === null ? [] : [y(targetLevel)];
  // A value is written above its point, or below it where the target's line would strike through it.
  const valueItems = known.map((p) => {
    const py = y(p.value);
    const above = py - 8;
    const struck = targetLines.some((ly) => ly > above - smallSize && ly < above + 2);
    return { x: x(p.time), y: py, labelY: struck ? py + smallSize + 6 : above, text: formatNumber(p.value) };
  });
  const shownValues = spacedLabels(valueItems, smallSize);
  const label = targetLabel(series);
  if (band) {
    const [lo, hi] = band as [number, number];
    parts.push(
      `<rect x="${f1(left)}" y="${f1(y(hi))}" width="${f1(right - left)}" height="${f1(Math.max(y(lo) - y(hi), 1))}" fill="${tint(palette.lightGreen, 0.35)}"/>`,
      ...[lo, hi].map(
        (v) =>
          `<line x1="${f1(left)}" y1="${f1(y(v))}" x2="${f1(right)}" y2="${f1(y(v))}" stroke="${palette.darkGreen}" stroke-width="1" stroke-dasharray="4 3"/>`,
      ),
    );
  } else if (targetLevel !== null) {
    parts.push(
      `<line x1="${f1(left)}" y1="${f1(y(targetLevel))}" x2="${f1(right)}" y2="${f1(y(targetLevel))}" stroke="${palette.darkGreen}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    );
  }
  if (label !== null) {
    // Above the line at the right, where the axis reaches the target year; elsewhere if a point or its value is there.
    const labelWidth = textWidth(label, smallSize) * 1.1;
    const upper = y(band ? band[1]! : targetLevel!);
    const lower = y(band ? band[0]! : targetLevel!);
    const taken = [
      ...known.map((p) => ({ x0: x(p.time) - 5, x1: x(p.time) + 5, y0: y(p.value) - 5, y1: y(p.value) + 5 })),
      ...valueItems
        .filter((_, i) => shownValues.has(i))
        .map((v) => {
          const w = textWidth(v.text, smallSize) / 2 + 2;
          return { x0: v.x - w, x1: v.x + w, y0: v.labelY - smallSize, y1: v.labelY + 2 };
        }),
    ];
    const candidates = [
      { anchor: 'end', x: right - 2, y: upper - 4 },
      { anchor: 'start', x: left + 4, y: upper - 4 },
      { anchor: 'end', x: right - 2, y: lower + smallSize + 3 },
      { anchor: 'start', x: left + 4, y: lower + smallSize + 3 },
    ] as const;
    const free = (c: (typeof candidates)[number]) => {
      const x0 = c.anchor === 'end' ? c.x - labelWidth : c.x;
      const x1 = x0 + labelWidth;
      return taken.every((b) => b.x1 < x0 || b.x0 > x1 || b.y1 < c.y - smallSize || b.y0 > c.y + 2);
    };
    const place = candidates.find(free) ?? candidates[0];
    parts.push(
      `<text x="${f1(place.x)}" y="${f1(place.y)}" text-anchor="${place.anchor}" font-size="${smallSize}" fill="${palette.darkGreen}" font-weight="bold">${escapeXml(label)}</text>`,
    );
  }

  // Axes over the grid.
  parts.push(
    `<line x1="${f1(left)}" y1="${f1(top)}" x2="${f1(left)}" y2="${f1(bottom)}" stroke="${axisColour}" stroke-width="1"/>`,
    `<line x1="${f1(left)}" y1="${f1(bottom)}" x2="${f1(right)}" y2="${f1(bottom)}" stroke="${axisColour}" stroke-width="1"/>`,
  );
  if (unit !== '')
    parts.push(`<text x="${f1(left - 5)}" y="${f1(top - 22)}" font-size="${smallSize}">${escapeXml(unitTitle(unit))}</text>`);

  // Periods along the time axis, each once, with the target's period where the axis reaches it.
  const periods = new Map<number, string>();
  for (const p of points) if (!periods.has(p.time)) periods.set(p.time, p.period);
  if (Number.isFinite(targetTime) && !periods.has(targetTime)) periods.set(targetTime, target.period!);
  const periodItems = [...periods.entries()].sort(([a], [b]) => a - b).map(([t, text]) => ({ x: x(t), text }));
  const shownPeriods = spacedLabels(periodItems, smallSize);
  for (const [i, item] of periodItems.entries()) {
    parts.push(
      `<line x1="${f1(item.x)}" y1="${f1(bottom)}" x2="${f1(item.x)}" y2="${f1(bottom + 3)}" stroke="${axisColour}" stroke-width="1"/>`,
    );
    if (shownPeriods.has(i))
      parts.push(
        `<text x="${f1(item.x)}" y="${f1(bottom + 13)}" text-anchor="middle" font-size="${smallSize}">${escapeXml(item.text)}</text>`,
      );
  }

  // The line, broken where a value is missing: a gap says "not measured", a line across it would invent a value.
  const segments: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  for (const p of measured) {
    if (p.value === null) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else current.push({ x: x(p.time), y: y(p.value) });
  }
  if (current.length > 0) segments.push(current);
  for (const segment of segments.filter((s) => s.length > 1)) {
    parts.push(
      `<polyline points="${segment.map((p) => `${f1(p.x)},${f1(p.y)}`).join(' ')}" fill="none" stroke="${palette.darkGrey}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  }

  for (const p of known) {
    const px = x(p.time);
    const py = y(p.value);
    parts.push(
      p.baseline
        ? `<rect x="${f1(px - 4)}" y="${f1(py - 4)}" width="8" height="8" fill="#FFFFFF" stroke="${ink}" stroke-width="1.5"/>`
        : `<circle cx="${f1(px)}" cy="${f1(py)}" r="3.5" fill="${palette.darkGrey}" stroke="#FFFFFF" stroke-width="1"/>`,
    );
  }
  for (const [i, item] of valueItems.entries()) {
    if (!shownValues.has(i)) continue;
    parts.push(
      `<text x="${f1(item.x)}" y="${f1(item.labelY)}" text-anchor="middle" font-size="${smallSize}">${escapeXml(item.text)}</text>`,
    );
  }
  if (known.length === 0) {
    parts.push(
      `<text x="${f1((left + right) / 2)}" y="${f1((top + bottom) / 2)}" text-anchor="middle" fill="${palette.darkGrey}">Inga värden att visa</text>`,
    );
  }

  // The legend names each mark by its shape, so nothing depends on telling colours apart.
  const legend: string[] = [];
  let lx = left;
  const ly = height - legendHeight / 2;
  const legendItem = (mark: string, text: string) => {
    legend.push(mark, `<text x="${f1(lx + 22)}" y="${f1(ly + smallSize * 0.35)}" font-size="${smallSize}">${escapeXml(text)}</text>`);
    lx += 22 + textWidth(text, smallSize) + 14;
  };
  if (known.some((p) => p.measured))
    legendItem(
      `<line x1="${f1(lx)}" y1="${f1(ly)}" x2="${f1(lx + 16)}" y2="${f1(ly)}" stroke="${palette.darkGrey}" stroke-width="2"/><circle cx="${f1(lx + 8)}" cy="${f1(ly)}" r="3.5" fill="${palette.darkGrey}" stroke="#FFFFFF" stroke-width="1"/>`,
      'Värde',
    );
  if (series.baseline)
    legendItem(
      `<rect x="${f1(lx + 4)}" y="${f1(ly - 4)}" width="8" height="8" fill="#FFFFFF" stroke="${ink}" stroke-width="1.5"/>`,
      'Utgångsvärde',
    );
  if (band)
    legendItem(
      `<rect x="${f1(lx)}" y="${f1(ly - 5)}" width="16" height="10" fill="${tint(palette.lightGreen, 0.35)}" stroke="${palette.darkGreen}" stroke-width="1" stroke-dasharray="4 3"/>`,
      'Målintervall',
    );
  else if (targetLevel !== null)
    legendItem(
      `<line x1="${f1(lx)}" y1="${f1(ly)}" x2="${f1(lx + 16)}" y2="${f1(ly)}" stroke="${palette.darkGreen}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
      'Mål',
    );

  const title = `${series.title} (${series.reference})`;
  const description = lineChartDescription(series);
  const id = idFor(`${title}\n${description}`);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(description)}</desc>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#FFFFFF"/>` +
    `<g font-family="${escapeXml(fontFamily)}" font-size="${fontSize}" fill="${ink}">${parts.join('')}${legend.join('')}</g>` +
    `</svg>`;
  return { svg, width, height, description };
}

/** The chart in words: every period with its value or "uppgift saknas", the baseline and the target. */
export function lineChartDescription(series: IndicatorSeries): string {
  const points = seriesPoints(series).filter((p) => p.measured);
  const parts = [
    `${series.title} (${series.reference})${series.unit === '' ? '' : `, ${unitTitle(series.unit).toLocaleLowerCase('sv-SE')}`}.`,
  ];
  parts.push(
    points.length === 0
      ? 'Inga värden.'
      : `${points.map((p) => `${p.period}: ${p.value === null ? 'uppgift saknas' : valueWithUnit(p.value, series.unit)}`).join('; ')}.`,
  );
  if (series.baseline) parts.push(`Utgångsvärde ${series.baseline.period}: ${valueWithUnit(series.baseline.value, series.unit)}.`);
  const amount = targetAmount(series.target, series.unit);
  if (amount !== null) parts.push(`${targetHeading(series.target)}: ${amount}.`);
  return parts.join(' ');
}
