import { SourceError, type FormatProblem, type SourceValue } from './types.ts';

/**
 * PC-Axis PX files (the format behind PxWeb's "spara som PX"): `KEYWORD[lang]("subkey")=value;` entries, then
 * `DATA=` with the cube's cells, stub variables slowest, heading variables fastest.
 * Spec: https://www.scb.se/en/services/statistical-programs-for-px-files/px-file-format/ (AXIS-VERSION 2013).
 */
export interface PxDimension {
  name: string;
  values: string[];
  codes?: string[];
}

export interface PxRow {
  coordinates: Record<string, string>;
  value: number | null;
  /** The source's own marker when `value` is null: `..` (missing), `-` (nil), … */
  symbol?: string;
}

export interface ParsedPx {
  title: string;
  contents: string;
  units: string;
  dimensions: PxDimension[];
  rows: PxRow[];
  /** Names of the dimensions PX declares as time (TIMEVAL). */
  timeDimensions: string[];
  /** Every default-language keyword, for what this module does not interpret. */
  keywords: Record<string, string[]>;
}

/** Dots mean "missing" at different levels of "why"; the dash is "nil" (magnitude zero, not measured as a number). */
const MISSING_SYMBOLS = new Set(['.', '..', '...', '....', '.....', '......', '-']);

function fail(problems: FormatProblem[]): never {
  const shown = problems.slice(0, 20).map((p) => `${p.line !== undefined ? `Rad ${p.line}: ` : ''}${p.message}`);
  const more = problems.length > 20 ? [`… och ${problems.length - 20} fel till.`] : [];
  throw new SourceError('format', ['PX-filen kunde inte läsas:', ...shown, ...more].join('\n'), { problems });
}

/** Decodes bytes per the file's own declaration: CODEPAGE wins, then CHARSET="ANSI" (Windows-1252), else UTF-8. */
export function decodePx(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) return new TextDecoder('utf-8').decode(input.subarray(3));
  // Keywords are ASCII, so a Latin-1 look at the header is safe whatever the real encoding is.
  const head = Buffer.from(input.subarray(0, 4096)).toString('latin1');
  const codepage = /(?:^|;)\s*CODEPAGE\s*=\s*"?([^";\r\n]+)"?\s*;/i.exec(head)?.[1]?.trim().toLowerCase();
  const ansi = /(?:^|;)\s*CHARSET\s*=\s*"?ANSI"?\s*;/i.test(head);
  let encoding = 'utf-8';
  if (codepage) encoding = /utf-?8/.test(codepage) ? 'utf-8' : 'windows-1252';
  else if (ansi) encoding = 'windows-1252';
  else {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      encoding = 'windows-1252';
    }
  }
  try {
    return new TextDecoder(encoding).decode(input);
  } catch {
    // A Node built without full ICU knows no windows-1252; Latin-1 differs only in 0x80–0x9F (€, curly quotes).
    return Buffer.from(input).toString('latin1');
  }
}

type Token = { kind: 'string' | 'word' | 'comma'; text: string; line: number };

interface Entry {
  keyword: string;
  lang?: string;
  subkeys: string[];
  values: string[];
  line: number;
}

/** Splits a value list: quoted strings, bare words (`0`, `YES`, `TLIST(A1)`), commas. */
function tokenizeValue(text: string, line: number, problems: FormatProblem[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let ln = line;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\n') {
      ln++;
      i++;
    } else if (/\s/.test(ch)) i++;
    else if (ch === ',') {
      tokens.push({ kind: 'comma', text: ',', line: ln });
      i++;
    } else if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      if (end === -1) {
        problems.push({ line: ln, message: 'ett citattecken stängs aldrig' });
        return tokens;
      }
      const s = text.slice(i + 1, end);
      tokens.push({ kind: 'string', text: s, line: ln });
      ln += (s.match(/\n/g) ?? []).length;
      i = end + 1;
    } else {
      let j = i;
      let depth = 0;
      while (j < text.length) {
        const c = text[j] as string;
        if (c === '(') depth++;
        else if (c === ')') depth--;
        else if (depth === 0 && (c === ',' || /\s/.test(c))) break;
        j++;
      }
      tokens.push({ kind: 'word', text: text.slice(i, j), line: ln });
      i = j;
    }
  }
  return tokens;
}

/** Consecutive quoted strings without a comma between them are one long text split over several lines. */
function valuesOf(tokens: Token[]): string[] {
  const out: string[] = [];
  let current: string | undefined;
  let previous: Token['kind'] | undefined;
  for (const t of tokens) {
    if (t.kind === 'comma') {
      if (current !== undefined) out.push(current);
      current = undefined;
    } else if (t.kind === 'string' && previous === 'string' && current !== undefined) current += t.text;
    else current = (current ?? '') + t.text;
    previous = t.kind;
  }
  if (current !== undefined) out.push(current);
  return out;
}

export function parsePx(input: string | Uint8Array): ParsedPx {
  const text = decodePx(input).replace(/\r\n?/g, '\n');
  const problems: FormatProblem[] = [];
  const entries: Entry[] = [];
  let i = 0;
  let line = 1;
  let dataText: string | undefined;
  let dataLine = 0;

  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (text[k] === '\n') line++;
    i = to;
  };

  while (i < text.length) {
    const rest = /^[\s;]*/.exec(text.slice(i))?.[0].length ?? 0;
    advance(i + rest);
    if (i >= text.length) break;
    const head = /^([A-Za-z][A-Za-z0-9_-]*)(?:\[([A-Za-z_-]+)\])?(?:\(((?:[^()"]|"[^"]*")*)\))?\s*=/.exec(text.slice(i));
    if (!head) {
      const bad = text.slice(i).split('\n')[0]?.slice(0, 40) ?? '';
      problems.push({ line, message: `väntade NYCKELORD=värde; men fann "${bad}"` });
      const nextSemi = text.indexOf(';', i);
      advance(nextSemi === -1 ? text.length : nextSemi + 1);
      continue;
    }
    const keyword = (head[1] as string).toUpperCase();
    const entryLine = line;
    advance(i + head[0].length);
    if (keyword === 'DATA') {
      // DATA is last; everything up to the terminating semicolon (or the end of the file) is cells.
      const end = text.indexOf(';', i);
      dataText = text.slice(i, end === -1 ? text.length : end);
      dataLine = line;
      break;
    }
    // The value ends at the first semicolon outside quotes.
    let j = i;
    let inQuote = false;
    while (j < text.length && (inQuote || text[j] !== ';')) {
      if (text[j] === '"') inQuote = !inQuote;
      j++;
    }
    if (j >= text.length) problems.push({ line: entryLine, message: `${keyword} avslutas aldrig med semikolon` });
    const valueText = text.slice(i, j);
    const subkeys = head[3] ? valuesOf(tokenizeValue(head[3], entryLine, problems)) : [];
    const entry: Entry = { keyword, subkeys, values: valuesOf(tokenizeValue(valueText, line, problems)), line: entryLine };
    if (head[2]) entry.lang = head[2];
    entries.push(entry);
    advance(Math.min(j + 1, text.length));
  }

  const defaults = entries.filter((e) => e.lang === undefined);
  const one = (kw: string) => defaults.filter((e) => e.keyword === kw && e.subkeys.length === 0).at(-1)?.values;
  const forVar = (kw: string, name: string) =>
    defaults.filter((e) => e.keyword === kw && e.subkeys[0] === name && e.subkeys.length === 1).at(-1);

  const stub = one('STUB') ?? [];
  const heading = one('HEADING') ?? [];
  if (stub.length + heading.length === 0) problems.push({ message: 'filen saknar både STUB och HEADING' });
  if (dataText === undefined) problems.push({ message: 'filen saknar DATA' });
  if (one('KEYS') !== undefined || defaults.some((e) => e.keyword === 'KEYS')) {
    problems.push({ message: 'filer med KEYS stöds inte; spara om filen utan nycklar' });
  }

  const dimensions: PxDimension[] = [...stub, ...heading].map((name) => {
    const values = forVar('VALUES', name);
    if (!values) problems.push({ message: `VALUES saknas för variabeln "${name}"` });
    const dim: PxDimension = { name, values: values?.values ?? [] };
    const codes = forVar('CODES', name);
    if (codes) {
      if (codes.values.length !== dim.values.length) {
        problems.push({
          line: codes.line,
          message: `CODES("${name}") har ${codes.values.length} koder men VALUES har ${dim.values.length}`,
        });
      } else dim.codes = codes.values;
    }
    return dim;
  });
  if (problems.length > 0) fail(problems);

  const cells: { text: string; line: number }[] = [];
  let dl = dataLine;
  for (const match of (dataText as string).matchAll(/"([^"]*)"|([^\s,;"\t]+)|(\n)/g)) {
    if (match[3]) dl++;
    else cells.push({ text: (match[1] ?? match[2]) as string, line: dl });
  }
  const expected = dimensions.reduce((n, d) => n * d.values.length, 1);
  if (cells.length !== expected) {
    fail([
      {
        line: dataLine,
        message: `DATA har ${cells.length} celler men variablerna ger ${expected} (${dimensions.map((d) => d.values.length).join(' × ')})`,
      },
    ]);
  }

  const rows: PxRow[] = [];
  const counter = dimensions.map(() => 0);
  for (const cell of cells) {
    const coordinates: Record<string, string> = {};
    dimensions.forEach((d, k) => (coordinates[d.name] = d.values[counter[k] as number] as string));
    const raw = cell.text.trim();
    if (MISSING_SYMBOLS.has(raw)) rows.push({ coordinates, value: null, symbol: raw });
    else if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) rows.push({ coordinates, value: Number(raw) });
    else problems.push({ line: cell.line, message: `cellen "${raw}" är varken ett tal eller en känd symbol` });
    for (let k = counter.length - 1; k >= 0; k--) {
      counter[k] = (counter[k] as number) + 1;
      if ((counter[k] as number) < (dimensions[k] as PxDimension).values.length) break;
      counter[k] = 0;
    }
  }
  if (problems.length > 0) fail(problems);

  const keywords: Record<string, string[]> = {};
  for (const e of defaults) if (e.subkeys.length === 0) keywords[e.keyword] = e.values;
  return {
    title: (one('TITLE') ?? one('DESCRIPTION') ?? [''])[0] ?? '',
    contents: one('CONTENTS')?.[0] ?? '',
    units: one('UNITS')?.[0] ?? '',
    dimensions,
    rows,
    timeDimensions: defaults.filter((e) => e.keyword === 'TIMEVAL' && e.subkeys[0] !== undefined).map((e) => e.subkeys[0] as string),
    keywords,
  };
}

const TIME_NAME = /^(år|ar|year|years|tid|time|månad|manad|month|kvartal|quarter|halvår|halvar|half-year|period)$/i;
const REGION_NAME = /region|kommun|municipality|område/i;
const SEX_NAME = /^(kön|kon|sex|gender)$/i;
const TOTAL_VALUE = /^(totalt?|total|samtliga|alla|båda könen|both sexes|sverige totalt|summa)\b/i;

/** `2016`, `2016K2`/`2016Q2`, `2016M03`/`2016-03`, `2016H1` → the period forms SourceValue uses. */
export function normalizePeriod(raw: string): string | undefined {
  const t = raw.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(t))) return m[1];
  if ((m = /^(\d{4})\s*[KQ]([1-4])$/i.exec(t))) return `${m[1]}Q${m[2]}`;
  if ((m = /^(\d{4})\s*(?:M|-)(\d{2})$/i.exec(t)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]}`;
  if ((m = /^(\d{4})\s*H([12])$/i.exec(t))) return `${m[1]}H${m[2]}`;
  return undefined;
}

/** "1860 Laxå" → "1860"; "00 Riket"/"Riket"/"Sverige" → "0000"; a county ("18 Örebro län") → undefined. */
export function municipalityCodeOf(text: string): string | undefined {
  const t = text.trim();
  if (/^(00|0000)(\s|$)/.test(t) || /^(riket|sverige|hela landet)$/i.test(t)) return '0000';
  return /^(\d{4})(\s|$)/.exec(t)?.[1];
}

function genderOf(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (/^(kvinnor|kvinna|women|female|k|2)$/.test(t)) return 'K';
  if (/^(män|man|men|male|m|1)$/.test(t)) return 'M';
  return undefined;
}

export interface PxToSourceOptions {
  seriesKey: string;
  regionDimension?: string;
  timeDimension?: string;
}

/**
 * Maps a parsed cube to SourceValues: the region dimension gives the municipality, the time dimension the period,
 * every other dimension with more than one value becomes a disaggregation ("totalt"-like values are the total and
 * are left out, so the all-totals cell has `{}`). Regions that are not a municipality or Sweden (counties) are skipped.
 */
export function pxToSourceValues(parsed: ParsedPx, options: PxToSourceOptions): SourceValue[] {
  const byName = (name: string) => parsed.dimensions.find((d) => d.name.toLowerCase() === name.toLowerCase());
  const problems: FormatProblem[] = [];
  const keyOf = (d: PxDimension, k: number) => d.codes?.[k] ?? (d.values[k] as string);

  let region = options.regionDimension ? byName(options.regionDimension) : undefined;
  if (options.regionDimension && !region) problems.push({ message: `variabeln "${options.regionDimension}" finns inte i filen` });
  if (!region && !options.regionDimension) {
    const municipal = (d: PxDimension) => d.values.filter((v, k) => municipalityCodeOf(keyOf(d, k)) ?? municipalityCodeOf(v)).length;
    region = [...parsed.dimensions]
      .filter((d) => municipal(d) > 0)
      .sort((a, b) => Number(REGION_NAME.test(b.name)) - Number(REGION_NAME.test(a.name)) || municipal(b) - municipal(a))[0];
  }
  let time = options.timeDimension ? byName(options.timeDimension) : undefined;
  if (options.timeDimension && !time) problems.push({ message: `variabeln "${options.timeDimension}" finns inte i filen` });
  if (!time && !options.timeDimension) {
    time =
      parsed.dimensions.find((d) => parsed.timeDimensions.includes(d.name)) ??
      parsed.dimensions.find((d) => TIME_NAME.test(d.name)) ??
      parsed.dimensions.find((d) => d !== region && d.values.length > 0 && d.values.every((v) => normalizePeriod(v)));
  }
  if (!region && !options.regionDimension) problems.push({ message: 'hittar ingen regionvariabel med kommunkoder (t.ex. "1860 Laxå")' });
  if (!time && !options.timeDimension) problems.push({ message: 'hittar ingen tidsvariabel (år, månad, kvartal)' });
  if (problems.length > 0 || !region || !time) fail(problems);
  const r = region;
  const t = time;

  const others = parsed.dimensions.filter((d) => d !== r && d !== t && d.values.length > 1);
  const out: SourceValue[] = [];
  for (const row of parsed.rows) {
    const rk = r.values.indexOf(row.coordinates[r.name] as string);
    const municipalityCode = municipalityCodeOf(keyOf(r, rk)) ?? municipalityCodeOf(r.values[rk] as string);
    if (!municipalityCode) continue;
    const tk = t.values.indexOf(row.coordinates[t.name] as string);
    const period = normalizePeriod(keyOf(t, tk)) ?? normalizePeriod(t.values[tk] as string);
    if (!period) {
      problems.push({ message: `perioden "${t.values[tk]}" känns inte igen` });
      continue;
    }
    const disaggregation: Record<string, string> = {};
    for (const d of others) {
      const k = d.values.indexOf(row.coordinates[d.name] as string);
      const label = d.values[k] as string;
      if (TOTAL_VALUE.test(label)) continue;
      if (SEX_NAME.test(d.name)) {
        const g = genderOf(label) ?? genderOf(keyOf(d, k));
        if (g) {
          disaggregation.gender = g;
          continue;
        }
      }
      disaggregation[d.name] = keyOf(d, k);
    }
    const sv: SourceValue = { source: 'px', seriesKey: options.seriesKey, municipalityCode, period, disaggregation, value: row.value };
    if (row.symbol === '-') sv.note = 'Källan anger "-" (noll eller inget att redovisa)';
    else if (row.symbol) sv.note = `Värde saknas i källan ("${row.symbol}")`;
    out.push(sv);
  }
  if (problems.length > 0) fail([...new Map(problems.map((p) => [p.message, p])).values()]);
  return out;
}
