import { municipalityCodeOf, normalizePeriod } from './px.ts';
import { SourceError, type FormatProblem, type SourceValue } from './types.ts';

/**
 * The tidy CSV that open indicator platforms exchange (Open SDG: one row per observation, `Year`, any disaggregation
 * columns, `Value`), as exported from Excel by Swedish users too: `År`/`Värde`, a `Kommun` column, `;` separators,
 * decimal comma, a UTF-8 BOM.
 */
export interface TidyRow {
  year: string;
  municipalityCode?: string;
  disaggregation: Record<string, string>;
  value: number | null;
}

export interface TidyCsv {
  rows: TidyRow[];
  /** The disaggregation columns, in file order. */
  disaggregationColumns: string[];
}

const MAX_LISTED = 20;
const YEAR_HEADERS = new Set(['year', 'år', 'ar', 'period', 'tid']);
const VALUE_HEADERS = new Set(['value', 'värde', 'varde', 'obs_value']);
const MUNICIPALITY_HEADERS = new Set(['kommun', 'kommunkod', 'municipality', 'municipalitycode', 'municipality_code', 'municipality code']);
const MISSING = new Set(['', '..', '...', '-', 'na', 'n/a', 'null']);

interface Record_ {
  fields: string[];
  line: number;
}

/** RFC 4180 with a chosen separator; a quoted field may hold separators, doubled quotes and line breaks. */
export function records(text: string, sep: string, problems: FormatProblem[]): Record_[] {
  const out: Record_[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === sep) {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n') {
      fields.push(field);
      out.push({ fields, line: start });
      fields = [];
      field = '';
      line++;
      start = line;
      atFieldStart = true;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (quoted) problems.push({ line: start, message: 'ett citattecken stängs aldrig' });
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    out.push({ fields, line: start });
  }
  return out.filter((r) => !(r.fields.length === 1 && (r.fields[0] as string).trim() === ''));
}

/** The separator is whichever of `;`, `,` and tab occurs most often outside quotes on the header line. */
export function detectSeparator(text: string): string {
  const firstLine = text.split('\n', 1)[0] ?? '';
  const outside = firstLine.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((s) => [s, outside.split(s).length - 1] as const);
  const best = counts.sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ',';
}

/** `1 234,5`, `1234.5`, `−3` → number; undefined if it is not unambiguously a number. */
export function parseNumber(raw: string): number | undefined {
  let t = raw
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^\u2212/, '-');
  if (t.includes(',') && t.includes('.')) return undefined;
  t = t.replace(',', '.');
  return /^[-+]?(\d+(\.\d+)?|\.\d+)$/.test(t) ? Number(t) : undefined;
}

function normalizeHeader(h: string): string {
  return h.trim().toLowerCase();
}

export function parseTidyCsv(input: string): TidyCsv {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const problems: FormatProblem[] = [];
  const sep = detectSeparator(text);
  const recs = records(text, sep, problems);
  const header = recs[0];
  if (!header) {
    throw new SourceError('format', 'Filen är tom. Den ska ha en rubrikrad med minst Year (eller År) och Value (eller Värde).', {
      problems: [{ line: 1, message: 'filen är tom' }],
    });
  }
  const names = header.fields.map((h) => h.trim());
  const yearCol = names.findIndex((h) => YEAR_HEADERS.has(normalizeHeader(h)));
  const valueCol = names.findIndex((h) => VALUE_HEADERS.has(normalizeHeader(h)));
  const muniCol = names.findIndex((h) => MUNICIPALITY_HEADERS.has(normalizeHeader(h)));
  if (yearCol === -1) problems.push({ line: header.line, message: 'kolumnen Year (eller År) saknas i rubrikraden' });
  if (valueCol === -1) problems.push({ line: header.line, message: 'kolumnen Value (eller Värde) saknas i rubrikraden' });
  names.forEach((h, k) => {
    if (h === '') problems.push({ line: header.line, column: k + 1, message: 'kolumnen saknar rubrik' });
    else if (names.indexOf(h) !== k) problems.push({ line: header.line, column: k + 1, message: `rubriken "${h}" finns två gånger` });
  });
  const disaggregationColumns = names.filter((_, k) => k !== yearCol && k !== valueCol && k !== muniCol);

  const rows: TidyRow[] = [];
  if (yearCol !== -1 && valueCol !== -1) {
    for (const rec of recs.slice(1)) {
      const before = problems.length;
      if (rec.fields.length !== names.length) {
        problems.push({ line: rec.line, message: `raden har ${rec.fields.length} fält men rubrikraden har ${names.length}` });
        continue;
      }
      const at = (k: number) => (rec.fields[k] as string).trim();
      const yearRaw = at(yearCol);
      const year = normalizePeriod(yearRaw);
      if (!year)
        problems.push({
          line: rec.line,
          column: yearCol + 1,
          message: `(${names[yearCol]}) "${yearRaw}" är inte ett år (t.ex. 2023, 2023Q2, 2023-03)`,
        });
      const valueRaw = at(valueCol);
      let value: number | null = null;
      if (!MISSING.has(valueRaw.toLowerCase())) {
        const n = parseNumber(valueRaw);
        if (n === undefined)
          problems.push({ line: rec.line, column: valueCol + 1, message: `(${names[valueCol]}) "${valueRaw}" är inte ett tal` });
        else value = n;
      }
      let municipalityCode: string | undefined;
      if (muniCol !== -1) {
        const raw = at(muniCol);
        // Excel drops the leading zero of Stockholm county's codes (0114 → 114); three digits can only mean that.
        municipalityCode = /^\d{3}$/.test(raw) ? `0${raw}` : municipalityCodeOf(raw);
        if (!municipalityCode)
          problems.push({
            line: rec.line,
            column: muniCol + 1,
            message: `(${names[muniCol]}) "${raw}" är inte en kommunkod med fyra siffror`,
          });
      }
      if (problems.length > before || !year) continue;
      const disaggregation: Record<string, string> = {};
      names.forEach((h, k) => {
        if (k === yearCol || k === valueCol || k === muniCol) return;
        // Open SDG: an empty disaggregation cell means "all", i.e. the total along that column.
        const v = at(k);
        if (v !== '') disaggregation[h] = v;
      });
      const row: TidyRow = { year, disaggregation, value };
      if (municipalityCode) row.municipalityCode = municipalityCode;
      rows.push(row);
    }
  }

  if (problems.length > 0) {
    const listed = problems
      .slice(0, MAX_LISTED)
      .map((p) => `Rad ${p.line ?? '?'}${p.column !== undefined ? `, kolumn ${p.column}` : ''}: ${p.message}.`);
    const more = problems.length > MAX_LISTED ? [`… och ${problems.length - MAX_LISTED} fel till.`] : [];
    const noun = problems.length === 1 ? '1 fel' : `${problems.length} fel`;
    throw new SourceError(
      'format',
      [`Filen kunde inte läsas (${noun}). Rätta filen och läs in den igen; inget har sparats.`, ...listed, ...more].join('\n'),
      {
        problems,
      },
    );
  }
  return { rows, disaggregationColumns };
}

/** Tidy rows as SourceValues; rows without a municipality column get `municipalityCode`. */
export function tidyToSourceValues(parsed: TidyCsv, options: { seriesKey: string; municipalityCode?: string }): SourceValue[] {
  return parsed.rows.map((row) => {
    const municipalityCode = row.municipalityCode ?? options.municipalityCode;
    if (!municipalityCode) {
      throw new SourceError('format', 'Filen saknar kolumnen Kommun och ingen kommun angavs vid inläsningen.');
    }
    return {
      source: 'csv',
      seriesKey: options.seriesKey,
      municipalityCode,
      period: row.year,
      disaggregation: row.disaggregation,
      value: row.value,
    };
  });
}
