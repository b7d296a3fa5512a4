/**
 * Counts as horizontal bar charts in SVG. Pure: the PDF takes the SVG as it is, the Word document gets it
 * rasterised (render-png.ts), so both show the same picture.
 */
import { assessmentWords, stateWords, statusWords, type Assessment, type ReportStatus } from '../follow-up/words.ts';

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
