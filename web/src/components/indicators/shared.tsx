import { useTranslation } from 'react-i18next';
import type { indicatorsOfPlan } from '../../../../src/capabilities/indicators/service.ts';
import { ApiError } from '../../client.ts';
import { lang } from '../../format.ts';
import { locale } from '../../i18n.ts';
import { progressWords, type ProgressResult, type ProgressStatus } from '../../../../src/capabilities/indicators/progress.ts';
import '../../styles/indicators.css';

// The API's shapes from the server's own declarations (type-only, erased from the bundle).
export type {
  IndicatorDetail,
  IndicatorSummary,
  LinkView,
  SourceKind,
  ValueView,
} from '../../../../src/capabilities/indicators/service.ts';
export type { Direction, ProgressResult, ProgressStatus } from '../../../../src/capabilities/indicators/progress.ts';
export { periodTime } from '../../../../src/capabilities/indicators/progress.ts';

/** One row of GET /api/plans/:id/indicators. */
export type PlanIndicator = Awaited<ReturnType<typeof indicatorsOfPlan>>[number];

/** One row of GET /api/municipalities/:code/cohorts. */
export interface CohortRow {
  year: number;
  size: number;
  selfSufficient12: number | null;
  selfSufficient24: number | null;
  resident12: number | null;
  note: string | null;
  version: number;
}

/** The server's period pattern: 2016, 2016H1, 2016Q2 or 2016-03. */
export const PERIOD = /^[0-9]{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$/;

/** A number typed by a person: "12,5" or "12.5"; empty is null; anything else NaN. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '').replace(',', '.');
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A value with its unit in the UI language: "28,9 %", "140 personer", or a dash. */
export function formatValue(value: number | null | undefined, unit: string, decimals = 1): string {
  if (value === null || value === undefined) return '–';
  const number = new Intl.NumberFormat(locale(), { maximumFractionDigits: decimals }).format(value);
  return unit ? `${number} ${unit}` : number;
}

/** A period as people say it: 2016, "2016 halvår 1", "2016 kvartal 2", "april 2016". */
export function usePeriodText(): (period: string | null | undefined) => string {
  const { t } = useTranslation();
  return (period) => {
    if (!period) return '–';
    const year = period.slice(0, 4);
    const rest = period.slice(4);
    if (rest.startsWith('H')) return t('indicators.period.half', { year, n: rest.slice(1) });
    if (rest.startsWith('Q')) return t('indicators.period.quarter', { year, n: rest.slice(1) });
    if (rest.startsWith('-')) {
      const month = new Intl.DateTimeFormat(locale(), { month: 'long' }).format(
        new Date(Date.UTC(Number(year), Number(rest.slice(1)) - 1, 15)),
      );
      return `${month} ${year}`;
    }
    return year;
  };
}

/** Field problems from a 400, by the last part of their path ("/values/0/period" → "period"). */
export function problemsOf(error: unknown): Record<string, string> {
  const problems: Record<string, string> = {};
  if (error instanceof ApiError)
    for (const d of error.details) {
      const key = d.path.split('/').filter(Boolean).at(-1) ?? '';
      const field = /^\d+$/.test(key) ? (d.path.split('/').filter(Boolean).at(-2) ?? key) : key;
      problems[field] ??= d.message;
    }
  return problems;
}

export type StatusLight = 'green' | 'yellow' | 'orange' | 'red' | 'grey';

export function lightOf(status: ProgressStatus | null): StatusLight {
  if (status === 'achieved' || status === 'substantial') return 'green';
  if (status === 'moderate') return 'yellow';
  if (status === 'limited') return 'orange';
  if (status === 'deterioration') return 'red';
  return 'grey';
}

function StatusShape({ light }: { light: StatusLight }) {
  // Each colour has its own shape, so the badge reads without colour; the word says it in full.
  return (
    <svg className="ind-status-shape" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {light === 'green' && <circle cx="8" cy="8" r="7" />}
      {light === 'yellow' && <polygon points="8,1 15,15 1,15" />}
      {light === 'orange' && <polygon points="8,0.5 15.5,8 8,15.5 0.5,8" />}
      {light === 'red' && <rect x="1.5" y="1.5" width="13" height="13" />}
      {light === 'grey' && <circle cx="8" cy="8" r="5.5" fill="none" strokeWidth="3" />}
    </svg>
  );
}

/** The words of a status, or of why there is none ("Utgångsvärde saknas"). */
export function useStatusWords() {
  const { t, i18n } = useTranslation();
  const words = progressWords[lang(i18n.language)];
  return {
    status: (status: ProgressStatus) => words[status],
    reason: (progress: ProgressResult | null | undefined) =>
      progress && progress.status === null ? t(`indicators.reason.${progress.reason}`) : t('indicators.reason.none'),
  };
}

/**
 * A link's status as a traffic-light-like badge: shape, colour and words. With no status, the reason in words;
 * a status set by hand says so.
 */
export function StatusBadge({
  status,
  progress,
  manual = false,
}: {
  status: ProgressStatus | null;
  progress?: ProgressResult | null | undefined;
  manual?: boolean;
}) {
  const { t } = useTranslation();
  const words = useStatusWords();
  const light = lightOf(status);
  return (
    <span className={`ind-status ind-status-${light}`}>
      <StatusShape light={light} />
      <span className="visually-hidden">{t('indicators.status')}: </span>
      <span className="ind-status-word">{status ? words.status(status) : words.reason(progress)}</span>
      {manual && <span className="ind-status-manual"> ({t('indicators.link.manual')})</span>}
    </span>
  );
}

/** "Inmatad för hand", "Kolada", "SCB", "Beräknad". */
export function useSourceKindWord(): (kind: string) => string {
  const { t } = useTranslation();
  return (kind) => t(`indicators.sourceKind.${kind}`);
}

/** The credits the values carry ("Källa: Kolada", "Källa: SCB"), once each. */
export function creditsOf(notes: (string | null)[]): string[] {
  const found = new Set<string>();
  for (const note of notes) {
    const match = /^Källa: (Kolada|SCB)/.exec(note ?? '');
    if (match?.[1]) found.add(match[1]);
  }
  return [...found];
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
