/** How the reports say things in Swedish: shared by every format so the Word, PDF, Excel and CSV agree. */
import { assessmentWords, stateWords, statusWords } from '../follow-up/words.ts';
import type { Deviation, IndicatorSeries, ReportEntry, ReportModel, ReportRow } from './model.ts';

export const kindWords: Record<ReportRow['kind'], string> = {
  vision: 'Vision',
  area: 'Målområde',
  goal: 'Mål',
  activity: 'Aktivitet',
};

export const deviationWords: Record<Deviation['what'], string> = {
  delayed: statusWords.sv.delayed,
  cancelled: statusWords.sv.cancelled,
  not_met: assessmentWords.sv.not_met,
  not_reported: stateWords.sv.open,
};

export const exampleMarking = 'Exempeldata — inte verklig uppföljning';

const numberFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
const stockholmDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
const stockholmDateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

export function formatPercent(value: number): string {
  return `${numberFormat.format(value)}\u00a0%`;
}

/** The date in Stockholm: a report made 00:30 on 1 February is dated 1 February, not 31 January (UTC). */
/** "38,4 %", "22 personer", "7": a value in the words of its unit. */
export function valueWithUnit(value: number, unit: string): string {
  if (unit === '%') return formatPercent(value);
  return unit === '' ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}

/**
 * The amount of an indicator's target: "45–55 %", "50 %", "minst 45 %", "högst 5 hushåll"; null when the target
 * has no number. A range wins over a single value, as it is the more precise statement of the plan.
 */
export function targetAmount(target: IndicatorSeries['target'], unit: string): string | null {
  const { value, min, max } = target;
  if (min !== null && max !== null) return `${formatNumber(Math.min(min, max))}–${valueWithUnit(Math.max(min, max), unit)}`;
  if (value !== null) return valueWithUnit(value, unit);
  if (min !== null) return `minst ${valueWithUnit(min, unit)}`;
  if (max !== null) return `högst ${valueWithUnit(max, unit)}`;
  return null;
}

/** "Mål 2018", or "Mål" when the target has no period. */
export function targetHeading(target: IndicatorSeries['target']): string {
  return target.period ? `Mål ${target.period}` : 'Mål';
}

/** "Mål 2018: 50 %", null when the target has no number. */
export function targetLabel(series: IndicatorSeries): string | null {
  const amount = targetAmount(series.target, series.unit);
  return amount === null ? null : `${targetHeading(series.target)}: ${amount}`;
}

export function formatDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : stockholmDate.format(date);
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : stockholmDateTime.format(date);
}

/** Wall-clock time in Stockholm as a Date whose UTC fields hold it: what Excel, which has no time zones, shows. */
export function stockholmWallClock(iso: string | null): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const text = stockholmDateTime.format(date); // "2016-04-12 14:03"
  const match = /^(\d{4})-(\d{2})-(\d{2})\D+(\d{2}):(\d{2})/.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi));
}

export function periodText(model: ReportModel): string {
  return `${formatDate(model.cycle.periodFrom)} – ${formatDate(model.cycle.periodTo)}`;
}

/** "Pågår (60 %)" for a report with a status, otherwise the state: "Ej rapporterad", "Utkast". */
export function entryStatusText(entry: ReportEntry): string {
  if (!entry.status) return stateWords.sv[entry.state];
  return entry.progress === null ? statusWords.sv[entry.status] : `${statusWords.sv[entry.status]} (${formatPercent(entry.progress)})`;
}

export function referenceAndText(reference: string, text: string): string {
  return [reference, text].filter((part) => part !== '').join(' ');
}

/** ASCII for file names: "Laxå" → "laxa", "Uppföljning 2016" → "uppfoljning-2016". */
export function asciiSlug(text: string): string {
  return text
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function reportFileName(model: ReportModel, extension: string): string {
  const parts = ['uppfoljning', asciiSlug(model.municipality.name), asciiSlug(model.cycle.label)].filter((p) => p !== '');
  return `${parts.join('-')}.${extension}`;
}
