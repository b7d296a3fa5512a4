/**
 * What every source of official figures hands to the indicators capability: one flat shape, whatever the
 * source's own format, so storing, comparing and crediting figures never depends on where they came from.
 */
export type SourceKind = 'kolada' | 'scb' | 'csv' | 'px';

export interface SourceValue {
  source: SourceKind;
  /** Kolada: the KPI id (`N01951`); SCB/PX: table id + content, e.g. `TAB4823:utrikes_fodda`; CSV: given by the importer. */
  seriesKey: string;
  /** Four digits (`1860`), or `0000` for Sweden as a whole. */
  municipalityCode: string;
  /** `2016`, `2016H1`, `2016Q2` or `2016-03`. */
  period: string;
  /** `{}` for the total; otherwise e.g. `{ gender: 'K' }` (K = women, M = men, as in Kolada). */
  disaggregation: Record<string, string>;
  /** `null` = missing or suppressed in the source — never silently 0. */
  value: number | null;
  note?: string;
}

export type SourceErrorKind = 'offline' | 'http' | 'format' | 'not_found' | 'rate_limited';

export interface FormatProblem {
  /** 1-based line in the file or response, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  message: string;
}

/**
 * A source could not give us figures. The message is written for a coordinator (Swedish, says what happened and
 * what to do); `kind` and `status` are for code deciding whether to retry or show stale figures.
 */
export class SourceError extends Error {
  readonly kind: SourceErrorKind;
  readonly status?: number;
  readonly problems?: FormatProblem[];

  constructor(kind: SourceErrorKind, message: string, extra: { status?: number; problems?: FormatProblem[]; cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'SourceError';
    this.kind = kind;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.problems !== undefined) this.problems = extra.problems;
  }
}

const KEEP = 'tidigare hämtade värden finns kvar.';

/** The coordinator-facing sentences, in one place so every source says the same thing the same way. */
export const sourceMessages = {
  offline: (source: string) => `${source} kunde inte nås (ingen anslutning). Försök igen senare; ${KEEP}`,
  timeout: (source: string) => `${source} svarade inte i tid. Försök igen senare; ${KEEP}`,
  rateLimited: (source: string) =>
    `${source} tar just nu inte emot fler frågor från oss (för många anrop). Försök igen om en stund; ${KEEP}`,
  http: (source: string, status: number) => `${source} svarade med ett fel (HTTP ${status}). Försök igen senare; ${KEEP}`,
  notFound: (source: string, what: string) => `${what} finns inte i ${source}. Kontrollera id:t eller sök på namnet.`,
  format: (source: string, detail: string) =>
    `Svaret från ${source} gick inte att läsa (${detail}). Inga värden har ändrats; meddela den som förvaltar Delaktig.`,
};
