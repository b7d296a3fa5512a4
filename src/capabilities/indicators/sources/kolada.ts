import { createHttpClient, isRecord, parseJsonBody, type FetchLike, type ResponseCache } from './http.ts';
import { SourceError, sourceMessages, type SourceValue } from './types.ts';

/** Kolada's terms: a service that shows the data must say so. */
export const KOLADA_CREDIT = 'Källa: Kolada';
export const KOLADA_BASE_URL = 'https://api.kolada.se/v3';
/** Kolada's id for Sweden as a whole. */
export const KOLADA_SWEDEN = '0000';

const LABEL = 'Kolada';
// Clients of v3 report that longer comma lists are refused; 25 is the figure they settle on.
const MAX_IDS_PER_REQUEST = 25;
const MAX_PAGES = 200;

export interface KoladaKpi {
  id: string;
  title: string;
  description: string;
  /** Read from the title (Kolada has no unit field): `antal`, `%`, `kr/inv`, … */
  unit?: string;
  hasGender?: boolean;
  municipalityType?: string;
  operatingArea?: string;
}

export interface KoladaClientOptions {
  baseUrl?: string;
  fetch?: FetchLike;
  cache?: ResponseCache;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  maxAttempts?: number;
  requestsPerSecond?: number;
  /** Kolada accepts up to 5000. */
  perPage?: number;
}

export interface KoladaValuesQuery {
  kpiIds: string[];
  municipalityCodes: string[];
  years?: number[];
}

export interface KoladaClient {
  readonly baseUrl: string;
  getKpi(id: string): Promise<KoladaKpi>;
  searchKpis(title: string): Promise<KoladaKpi[]>;
  getValues(query: KoladaValuesQuery): Promise<SourceValue[]>;
}

interface Page {
  values: unknown[];
  nextPage?: string;
}

function formatError(detail: string): SourceError {
  return new SourceError('format', sourceMessages.format(LABEL, detail));
}

function parsePage(body: string): Page {
  const json = parseJsonBody(body, LABEL);
  if (!isRecord(json) || !Array.isArray(json.values)) throw formatError('listan "values" saknas');
  const next = json.next_page;
  if (next !== undefined && next !== null && typeof next !== 'string') throw formatError('"next_page" är inte en länk');
  return { values: json.values, ...(typeof next === 'string' && next !== '' ? { nextPage: next } : {}) };
}

export function unitFromTitle(title: string): string | undefined {
  const t = title.toLowerCase();
  if (/kr\s*\/\s*inv/.test(t)) return 'kr/inv';
  if (/\(%\)|,\s*%|\bprocent\b|andel/.test(t)) return '%';
  if (/balanstal|kvot|index/.test(t)) return 'kvot';
  if (/,\s*antal\b|\bantal\b/.test(t)) return 'antal';
  if (/\bkr\b|kronor/.test(t)) return 'kr';
  return undefined;
}

function toKpi(raw: unknown): KoladaKpi {
  if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.title !== 'string')
    throw formatError('ett nyckeltal saknar id eller titel');
  const kpi: KoladaKpi = { id: raw.id, title: raw.title, description: typeof raw.description === 'string' ? raw.description : '' };
  const unit = unitFromTitle(raw.title);
  if (unit) kpi.unit = unit;
  // v3 sends a boolean; older answers and some mirrors send 0/1.
  if (typeof raw.is_divided_by_gender === 'boolean' || typeof raw.is_divided_by_gender === 'number') {
    kpi.hasGender = Boolean(raw.is_divided_by_gender);
  }
  if (typeof raw.municipality_type === 'string') kpi.municipalityType = raw.municipality_type;
  if (typeof raw.operating_area === 'string') kpi.operatingArea = raw.operating_area;
  return kpi;
}

function toNumber(value: unknown): number | null | undefined {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function toSourceValues(raw: unknown): SourceValue[] {
  if (!isRecord(raw) || typeof raw.kpi !== 'string' || typeof raw.municipality !== 'string' || !Array.isArray(raw.values)) {
    throw formatError('en datarad saknar kpi, municipality eller values');
  }
  const period = typeof raw.period === 'number' || typeof raw.period === 'string' ? String(raw.period) : undefined;
  if (!period || !/^\d{4}$/.test(period)) throw formatError(`perioden "${String(raw.period)}" är inte ett år`);
  const out: SourceValue[] = [];
  for (const cell of raw.values) {
    if (!isRecord(cell) || typeof cell.gender !== 'string') throw formatError('ett värde saknar kön (gender)');
    const value = toNumber(cell.value);
    if (value === undefined) throw formatError(`värdet ${JSON.stringify(cell.value)} är inte ett tal`);
    const sv: SourceValue = {
      source: 'kolada',
      seriesKey: raw.kpi,
      municipalityCode: raw.municipality,
      period,
      disaggregation: cell.gender === 'T' ? {} : { gender: cell.gender },
      value,
    };
    const status = typeof cell.status === 'string' ? cell.status.trim() : '';
    if (status) sv.note = `Status i Kolada: ${status}`;
    else if (value === null) sv.note = 'Värde saknas i Kolada';
    out.push(sv);
  }
  return out;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const KPI_ID = /^[A-Z]\d{5}$/;
const MUNICIPALITY_ID = /^\d{4}$/;

export function createKoladaClient(options: KoladaClientOptions = {}): KoladaClient {
  const http = createHttpClient({
    sourceLabel: LABEL,
    baseUrl: options.baseUrl ?? KOLADA_BASE_URL,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.requestsPerSecond !== undefined ? { requestsPerSecond: options.requestsPerSecond } : {}),
  });
  const perPage = options.perPage ?? 5000;
  const basePath = new URL(http.baseUrl).pathname.replace(/\/+$/, '');

  /**
   * Kolada writes absolute `next_page` links for its public host. Taking only the path after the API root keeps the
   * configured base URL (a mirror, a test server) in charge and never sends a request to a host we were not given.
   */
  function rebase(next: string): string {
    let parsed: URL;
    try {
      parsed = new URL(next, `${http.baseUrl}/`);
    } catch {
      throw formatError('"next_page" är ingen giltig länk');
    }
    const at = parsed.pathname.indexOf(`${basePath}/`);
    if (basePath !== '' && at === -1) {
      // A link that does not contain our API root (say "/v3") cannot be mapped safely.
      throw formatError(`"next_page" pekar utanför API:t (${parsed.pathname})`);
    }
    const rest = basePath === '' ? parsed.pathname : parsed.pathname.slice(at + basePath.length);
    return `${rest}${parsed.search}`;
  }

  async function allPages(firstPath: string): Promise<unknown[]> {
    const out: unknown[] = [];
    let path: string | undefined = firstPath;
    const seen = new Set<string>();
    for (let n = 0; path !== undefined; n++) {
      if (n >= MAX_PAGES || seen.has(path)) throw formatError('sidindelningen tar aldrig slut');
      seen.add(path);
      const page: Page = await http.get(path, parsePage);
      out.push(...page.values);
      path = page.nextPage === undefined ? undefined : rebase(page.nextPage);
    }
    return out;
  }

  return {
    baseUrl: http.baseUrl,

    async getKpi(id) {
      const trimmed = id.trim().toUpperCase();
      const missing = new SourceError('not_found', sourceMessages.notFound(LABEL, `Nyckeltalet ${trimmed}`));
      if (!KPI_ID.test(trimmed)) throw missing;
      try {
        const page = await http.get(`/kpi/${encodeURIComponent(trimmed)}`, parsePage);
        const first = page.values.map(toKpi).find((k) => k.id === trimmed);
        if (!first) throw missing;
        return first;
      } catch (error) {
        if (error instanceof SourceError && error.kind === 'not_found') throw missing;
        throw error;
      }
    },

    async searchKpis(title) {
      const q = title.trim();
      if (!q) return [];
      const values = await allPages(`/kpi?title=${encodeURIComponent(q)}&per_page=${perPage}`);
      return values.map(toKpi);
    },

    async getValues({ kpiIds, municipalityCodes, years }) {
      const kpis = [...new Set(kpiIds.map((k) => k.trim().toUpperCase()))];
      const municipalities = [...new Set(municipalityCodes.map((m) => m.trim()))];
      for (const k of kpis) if (!KPI_ID.test(k)) throw new SourceError('not_found', sourceMessages.notFound(LABEL, `Nyckeltalet ${k}`));
      for (const m of municipalities) {
        if (!MUNICIPALITY_ID.test(m)) throw new SourceError('not_found', sourceMessages.notFound(LABEL, `Kommunkoden ${m}`));
      }
      if (kpis.length === 0 || municipalities.length === 0) return [];
      const yearChunks = years && years.length > 0 ? chunks([...new Set(years)], MAX_IDS_PER_REQUEST) : [undefined];
      const out: SourceValue[] = [];
      for (const kpiChunk of chunks(kpis, MAX_IDS_PER_REQUEST)) {
        for (const muniChunk of chunks(municipalities, MAX_IDS_PER_REQUEST)) {
          for (const yearChunk of yearChunks) {
            let path = `/data/kpi/${kpiChunk.join(',')}/municipality/${muniChunk.join(',')}`;
            if (yearChunk) path += `/year/${yearChunk.join(',')}`;
            for (const raw of await allPages(`${path}?per_page=${perPage}`)) out.push(...toSourceValues(raw));
          }
        }
      }
      return out;
    },
  };
}
