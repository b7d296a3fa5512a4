import { createHttpClient, isRecord, parseJsonBody, type FetchLike, type ResponseCache } from './http.ts';
import { SourceError, sourceMessages, type SourceValue } from './types.ts';

/** SCB publishes under CC0; crediting is not required by the licence but SCB asks for it, and we always do it. */
export const SCB_CREDIT = 'Källa: SCB';
export const SCB_LICENSE = 'CC0-1.0';
export const SCB_BASE_URL = 'https://api.scb.se/OV0104/v2beta/api/v2';

/** Foreign-born and population per region, age, sex and year, 2000–2024 (from 2025 on: TAB6645). */
export const FOREIGN_BORN_TABLE = 'TAB4823';
export const FOREIGN_BORN_SERIES = {
  /** Residents born abroad (Fodelseregion "utrikes född"), 31 December. */
  foreignBorn: `${FOREIGN_BORN_TABLE}:utrikes_fodda`,
  /** All residents (born in Sweden + born abroad), 31 December. */
  population: `${FOREIGN_BORN_TABLE}:folkmangd`,
} as const;

const LABEL = 'SCB';

export interface JsonStatDimension {
  id: string;
  label: string;
  /** Category codes in cube order. */
  codes: string[];
  labels: Record<string, string>;
  elimination?: boolean;
  eliminationValueCode?: string;
}

export interface JsonStatDataset {
  label?: string;
  source?: string;
  updated?: string;
  dimensions: JsonStatDimension[];
  /** Only on data responses; metadata responses carry no values. */
  value?: (number | null)[];
  status: Record<number, string>;
  role: { time?: string[]; geo?: string[]; metric?: string[] };
}

export interface JsonStatCell {
  coordinates: Record<string, string>;
  value: number | null;
  status?: string;
}

function formatError(detail: string): SourceError {
  return new SourceError('format', sourceMessages.format(LABEL, detail));
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** Reads a JSON-stat 2.0 dataset (https://json-stat.org/format/): the shape of PxWeb v2 metadata and data answers. */
export function parseJsonStat2(json: unknown): JsonStatDataset {
  if (!isRecord(json) || json.class !== 'dataset') throw formatError('inte ett JSON-stat-dataset');
  const ids = strings(json.id);
  const size =
    Array.isArray(json.size) && json.size.every((n) => Number.isInteger(n) && (n as number) >= 0) ? (json.size as number[]) : undefined;
  if (!ids || !size || ids.length !== size.length || !isRecord(json.dimension)) throw formatError('id, size eller dimension saknas');
  const dimensionsRaw = json.dimension;

  const dimensions = ids.map((id, i): JsonStatDimension => {
    const dim = dimensionsRaw[id];
    if (!isRecord(dim) || !isRecord(dim.category)) throw formatError(`dimensionen ${id} saknar kategorier`);
    const { index, label } = dim.category;
    let codes: string[];
    if (Array.isArray(index)) codes = strings(index) ?? [];
    else if (isRecord(index)) {
      codes = [];
      for (const [code, pos] of Object.entries(index)) {
        if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 0 || pos >= (size[i] as number)) {
          throw formatError(`dimensionen ${id} har ett felaktigt index`);
        }
        codes[pos] = code;
      }
    } else if (isRecord(label) && Object.keys(label).length === 1) codes = Object.keys(label);
    else throw formatError(`dimensionen ${id} saknar index`);
    if (codes.length !== size[i] || [...codes].some((c) => c === undefined))
      throw formatError(`dimensionen ${id} har ${codes.length} kategorier men size säger ${size[i]}`);
    const labels: Record<string, string> = {};
    for (const code of codes) labels[code] = isRecord(label) && typeof label[code] === 'string' ? (label[code] as string) : code;
    const out: JsonStatDimension = { id, label: typeof dim.label === 'string' ? dim.label : id, codes, labels };
    const ext = dim.extension;
    if (isRecord(ext)) {
      if (typeof ext.elimination === 'boolean') out.elimination = ext.elimination;
      if (typeof ext.eliminationValueCode === 'string') out.eliminationValueCode = ext.eliminationValueCode;
    }
    return out;
  });

  const total = size.reduce((a, b) => a * b, 1);
  let value: (number | null)[] | undefined;
  if (Array.isArray(json.value)) {
    if (json.value.length !== total) throw formatError(`${json.value.length} värden men kuben har ${total} celler`);
    value = json.value.map((v) => {
      if (v === null || (typeof v === 'number' && Number.isFinite(v))) return v;
      throw formatError(`värdet ${JSON.stringify(v)} är inte ett tal`);
    });
  } else if (isRecord(json.value)) {
    // The sparse form: only non-missing cells, keyed by their flat index.
    value = new Array<number | null>(total).fill(null);
    for (const [k, v] of Object.entries(json.value)) {
      const i = Number(k);
      if (!Number.isInteger(i) || i < 0 || i >= total || !(v === null || typeof v === 'number'))
        throw formatError(`cellen ${k} är felaktig`);
      value[i] = v;
    }
  } else if (json.value !== undefined) throw formatError('"value" är varken en lista eller ett objekt');

  const status: Record<number, string> = {};
  if (Array.isArray(json.status)) {
    json.status.forEach((s, i) => {
      if (typeof s === 'string' && s !== '') status[i] = s;
    });
  } else if (isRecord(json.status)) {
    for (const [k, s] of Object.entries(json.status)) if (typeof s === 'string' && s !== '') status[Number(k)] = s;
  } else if (typeof json.status === 'string' && json.status !== '') {
    for (let i = 0; i < total; i++) status[i] = json.status;
  }

  const role: JsonStatDataset['role'] = {};
  if (isRecord(json.role)) {
    for (const key of ['time', 'geo', 'metric'] as const) {
      const r = strings(json.role[key]);
      if (r) role[key] = r;
    }
  }
  const ds: JsonStatDataset = { dimensions, status, role };
  if (value) ds.value = value;
  if (typeof json.label === 'string') ds.label = json.label;
  if (typeof json.source === 'string') ds.source = json.source;
  if (typeof json.updated === 'string') ds.updated = json.updated;
  return ds;
}

/** Every cell with its coordinates; JSON-stat is row-major, the last dimension varying fastest. */
export function jsonStatCells(ds: JsonStatDataset): JsonStatCell[] {
  if (!ds.value) return [];
  const sizes = ds.dimensions.map((d) => d.codes.length);
  const out: JsonStatCell[] = [];
  const counter = sizes.map(() => 0);
  for (let i = 0; i < ds.value.length; i++) {
    const coordinates: Record<string, string> = {};
    ds.dimensions.forEach((d, j) => (coordinates[d.id] = d.codes[counter[j] as number] as string));
    const cell: JsonStatCell = { coordinates, value: ds.value[i] ?? null };
    const status = ds.status[i];
    if (status !== undefined) cell.status = status;
    out.push(cell);
    for (let j = sizes.length - 1; j >= 0; j--) {
      counter[j] = (counter[j] as number) + 1;
      if ((counter[j] as number) < (sizes[j] as number)) break;
      counter[j] = 0;
    }
  }
  return out;
}

export interface ScbClientOptions {
  baseUrl?: string;
  fetch?: FetchLike;
  cache?: ResponseCache;
  sleep?: (ms: number) => Promise<void>;
  lang?: 'sv' | 'en';
  timeoutMs?: number;
  maxAttempts?: number;
  requestsPerSecond?: number;
}

export interface ScbClient {
  readonly baseUrl: string;
  getMetadata(tableId: string): Promise<JsonStatDataset>;
  /** `selection` maps a variable code to value codes (or `['*']`); variables left out are eliminated by SCB. */
  getData(tableId: string, selection: Record<string, string[]>): Promise<JsonStatDataset>;
  getForeignBorn(query: { municipalityCodes: string[]; years: number[] }): Promise<SourceValue[]>;
}

function findDimension(ds: JsonStatDataset, pattern: RegExp): JsonStatDimension | undefined {
  return ds.dimensions.find((d) => pattern.test(d.id)) ?? ds.dimensions.find((d) => pattern.test(d.label));
}

function codeByLabel(dim: JsonStatDimension, pattern: RegExp, fallback: string): string {
  return dim.codes.find((c) => pattern.test(dim.labels[c] ?? '')) ?? fallback;
}

/** SCB calls Sweden "00"; the rest of Delaktig (and Kolada) says "0000". */
const toScbRegion = (code: string) => (code === '0000' ? '00' : code);
const fromScbRegion = (code: string) => (code === '00' ? '0000' : code);

export function createScbClient(options: ScbClientOptions = {}): ScbClient {
  const http = createHttpClient({
    sourceLabel: LABEL,
    baseUrl: options.baseUrl ?? SCB_BASE_URL,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.requestsPerSecond !== undefined ? { requestsPerSecond: options.requestsPerSecond } : {}),
  });
  const lang = options.lang ?? 'sv';
  const parse = (body: string) => parseJsonStat2(parseJsonBody(body, LABEL));

  function checkTable(tableId: string): string {
    if (!/^[A-Za-z0-9_]+$/.test(tableId)) throw new SourceError('not_found', sourceMessages.notFound(LABEL, `Tabellen ${tableId}`));
    return tableId;
  }

  async function getMetadata(tableId: string): Promise<JsonStatDataset> {
    try {
      return await http.get(`/tables/${checkTable(tableId)}/metadata?lang=${lang}`, parse);
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'not_found') {
        throw new SourceError('not_found', sourceMessages.notFound(LABEL, `Tabellen ${tableId}`), { status: 404 });
      }
      throw error;
    }
  }

  async function getData(tableId: string, selection: Record<string, string[]>): Promise<JsonStatDataset> {
    // PxWeb v2 takes the selection in the GET query as valueCodes[Variable]=a,b; brackets stay literal as in SCB's own examples.
    const params = Object.entries(selection)
      .map(([variable, codes]) => `valueCodes[${encodeURIComponent(variable)}]=${codes.map(encodeURIComponent).join(',')}`)
      .join('&');
    const ds = await http.get(`/tables/${checkTable(tableId)}/data?lang=${lang}&outputFormat=json-stat2&${params}`, parse);
    if (!ds.value) throw formatError('svaret innehåller inga värden');
    return ds;
  }

  async function getForeignBorn({ municipalityCodes, years }: { municipalityCodes: string[]; years: number[] }): Promise<SourceValue[]> {
    const regions = [...new Set(municipalityCodes.map((c) => c.trim()))];
    for (const r of regions) if (!/^\d{4}$/.test(r)) throw new SourceError('not_found', sourceMessages.notFound(LABEL, `Kommunkoden ${r}`));
    if (regions.length === 0 || years.length === 0) return [];

    const meta = await getMetadata(FOREIGN_BORN_TABLE);
    const region = findDimension(meta, /^region$/i);
    const birth = findDimension(meta, /f(o|ö)delseregion/i);
    const sex = findDimension(meta, /^(kon|kön)$/i);
    const time = findDimension(meta, /^(tid|år)$/i);
    const contents = findDimension(meta, /^contentscode$/i) ?? findDimension(meta, /tabellinnehåll/i);
    const age = findDimension(meta, /^(alder|ålder)$/i);
    if (!region || !birth || !sex || !time || !contents)
      throw formatError(`tabellen ${FOREIGN_BORN_TABLE} har inte de väntade variablerna`);
    // Codes are read from the metadata rather than trusted from memory; 09/11 and 1/2 are what SCB has used for years.
    const bornAbroad = codeByLabel(birth, /utrikes/i, '11');
    const bornHere = codeByLabel(birth, /sverige|inrikes/i, '09');
    const women = codeByLabel(sex, /kvinn/i, '2');
    const men = codeByLabel(sex, /^män|^man$|^men$/i, '1');
    const missingYears = [...new Set(years)].map(String).filter((y) => !time.codes.includes(y));
    if (missingYears.length > 0) {
      const range = `${time.codes[0] ?? '?'}–${time.codes.at(-1) ?? '?'}`;
      throw new SourceError(
        'not_found',
        `År ${missingYears.join(', ')} finns inte i SCB:s tabell ${FOREIGN_BORN_TABLE} (${range}). Senare år finns i tabellen TAB6645.`,
      );
    }
    const content = contents.codes[0];
    if (!content) throw formatError('tabellen saknar innehåll (ContentsCode)');

    const selection: Record<string, string[]> = {
      [region.id]: regions.map(toScbRegion),
      [birth.id]: [bornHere, bornAbroad],
      [sex.id]: [men, women],
      [contents.id]: [content],
      [time.id]: [...new Set(years)].map(String),
    };
    // The historical table has no "total age" code. If SCB may eliminate the variable it sums for us; otherwise we
    // ask for every single age (never the age groups, which would count people twice) and sum ourselves.
    if (age && age.elimination !== true) {
      selection[age.id] = age.eliminationValueCode ? [age.eliminationValueCode] : age.codes.filter((c) => /^\d+\+?$/.test(c));
    }
    const data = await getData(FOREIGN_BORN_TABLE, selection);

    type Acc = { sum: number; missing: boolean; statuses: Set<string> };
    const acc = new Map<string, Acc>();
    const add = (key: string, cell: JsonStatCell) => {
      const a = acc.get(key) ?? { sum: 0, missing: false, statuses: new Set<string>() };
      if (cell.value === null) a.missing = true;
      else a.sum += cell.value;
      if (cell.status) a.statuses.add(cell.status);
      acc.set(key, a);
    };
    for (const cell of jsonStatCells(data)) {
      const c = cell.coordinates;
      const r = c[region.id];
      const t = c[time.id];
      const b = c[birth.id];
      const s = c[sex.id];
      if (r === undefined || t === undefined || b === undefined || s === undefined) continue;
      const g = s === women ? 'K' : s === men ? 'M' : undefined;
      if (!g) continue;
      const base = `${fromScbRegion(r)}|${t}`;
      for (const gender of [g, 'T']) {
        add(`${base}|${FOREIGN_BORN_SERIES.population}|${gender}`, cell);
        if (b === bornAbroad) add(`${base}|${FOREIGN_BORN_SERIES.foreignBorn}|${gender}`, cell);
      }
    }

    const out: SourceValue[] = [];
    for (const [key, a] of acc) {
      const [municipalityCode, period, seriesKey, gender] = key.split('|') as [string, string, string, string];
      const sv: SourceValue = {
        source: 'scb',
        seriesKey,
        municipalityCode,
        period,
        disaggregation: gender === 'T' ? {} : { gender },
        value: a.missing ? null : a.sum,
      };
      if (a.missing) sv.note = 'Värde saknas i SCB:s tabell';
      if (a.statuses.size > 0) sv.note = `${sv.note ? `${sv.note}; ` : ''}Status hos SCB: ${[...a.statuses].join(', ')}`;
      out.push(sv);
    }
    const order = (v: SourceValue) => `${v.seriesKey}|${v.municipalityCode}|${v.period}|${v.disaggregation.gender ?? ''}`;
    return out.sort((x, y) => order(x).localeCompare(order(y)));
  }

  return { baseUrl: http.baseUrl, getMetadata, getData, getForeignBorn };
}
