/**
 * A plan's items as spreadsheet rows and back (docs/decisions/0016-spreadsheet-round-trip.md). Pure: the service
 * hands in the plan as it is saved, the municipality's units and the framework ids; this module answers with the
 * change set the file asks for, or every problem of the file, each named by row and column as Excel shows them.
 */
import { normaliseRecurrence } from '../../kernel/recurrence.ts';
import { CONTINUOUS, describeRecurrence, recurrenceInWords } from '../../kernel/words.ts';
import { parseNumber } from '../indicators/sources/csv.ts';
import { buildTree, checkPeriod, checkTarget, type Tree } from '../plans/model.ts';
import type { ItemKind, Period, Target } from '../plans/outline.ts';
import type { ItemView } from '../plans/views.ts';

export type ColumnKey =
  | 'id'
  | 'parent'
  | 'position'
  | 'kind'
  | 'label'
  | 'number'
  | 'text'
  | 'responsible'
  | 'contributors'
  | 'due'
  | 'recurrence'
  | 'periodFrom'
  | 'periodTo'
  | 'targetText'
  | 'targetValue'
  | 'targetMin'
  | 'targetMax'
  | 'targetUnit'
  | 'targetPer'
  | 'targetBy'
  | 'frameworks'
  | 'status'
  | 'version'
  | 'delete';

export interface Column {
  key: ColumnKey;
  header: string;
  width: number;
  /** Numbers in Excel (sortable, summable); text everywhere else, so Excel leaves "2016" and "1.2" alone. */
  type: 'text' | 'number' | 'wrap';
  /** Written by Delaktig; a changed value is ignored (status) or refused (id, version of existing rows). */
  readOnly?: boolean;
  /** The one-line explanation on the instructions sheet and in docs/api.md. */
  hint: string;
}

export const columns: readonly Column[] = [
  {
    key: 'id',
    header: 'id',
    width: 38,
    type: 'text',
    readOnly: true,
    hint: 'Punktens id. Ändra inte. Tomt eller ny-1, ny-2 … för en ny rad.',
  },
  {
    key: 'parent',
    header: 'överordnad',
    width: 38,
    type: 'text',
    hint: 'id (eller ny-…) för punkten raden ligger under; tomt = högsta nivån.',
  },
  { key: 'position', header: 'ordning', width: 8, type: 'number', hint: 'Plats bland syskonen, 1 först. Tomt för en ny rad = sist.' },
  { key: 'kind', header: 'typ', width: 11, type: 'text', hint: 'vision, område, mål, aktivitet eller text.' },
  { key: 'label', header: 'nivånamn', width: 16, type: 'text', hint: 'Planens eget ord: Delmål, Åtgärd, Hit vill vi …' },
  { key: 'number', header: 'nummer', width: 8, type: 'text', hint: 'Numreringen i planen, t.ex. 1 eller 2.3.' },
  { key: 'text', header: 'text', width: 70, type: 'wrap', hint: 'Punktens text.' },
  {
    key: 'responsible',
    header: 'ansvarig',
    width: 28,
    type: 'wrap',
    hint: 'Ansvariga enheter, den främsta först, åtskilda med semikolon.',
  },
  { key: 'contributors', header: 'medverkande', width: 28, type: 'wrap', hint: 'Medverkande enheter, åtskilda med semikolon.' },
  { key: 'due', header: 'klart senast', width: 13, type: 'text', hint: 'År (2016) eller datum (2016-06-06).' },
  {
    key: 'recurrence',
    header: 'återkommer',
    width: 20,
    type: 'text',
    hint: 'årligen, varje halvår, kvartalsvis, månadsvis, kontinuerligt, varje år den 6 juni – eller en RRULE.',
  },
  { key: 'periodFrom', header: 'period från', width: 12, type: 'text', hint: 'År eller datum.' },
  { key: 'periodTo', header: 'period till', width: 12, type: 'text', hint: 'År eller datum.' },
  { key: 'targetText', header: 'mål (text)', width: 30, type: 'wrap', hint: 'Målet med planens ord.' },
  { key: 'targetValue', header: 'målvärde', width: 10, type: 'number', hint: 'Ett värde – eller min och/eller max.' },
  { key: 'targetMin', header: 'mål min', width: 9, type: 'number', hint: 'Intervallets nedre gräns.' },
  { key: 'targetMax', header: 'mål max', width: 9, type: 'number', hint: 'Intervallets övre gräns.' },
  { key: 'targetUnit', header: 'målenhet', width: 14, type: 'text', hint: 'Enheten målet mäts i: %, praktikplatser … Krävs för ett mål.' },
  { key: 'targetPer', header: 'mål per', width: 9, type: 'text', hint: 'år, halvår, kvartal eller månad.' },
  { key: 'targetBy', header: 'mål senast', width: 12, type: 'text', hint: 'År eller datum då målet ska vara nått.' },
  { key: 'frameworks', header: 'ramverk', width: 20, type: 'text', hint: 'Ramverkspunkter, t.ex. eu-cbp-3; eccar-8.' },
  {
    key: 'status',
    header: 'status',
    width: 22,
    type: 'text',
    readOnly: true,
    hint: 'Senaste uppföljningens status. Bara för att läsa; ändringar läses inte in.',
  },
  {
    key: 'version',
    header: 'version',
    width: 9,
    type: 'number',
    readOnly: true,
    hint: 'Ändra inte: visar om någon annan ändrat punkten sedan filen hämtades.',
  },
  { key: 'delete', header: 'ta bort', width: 9, type: 'text', hint: 'Skriv x för att ta bort punkten (och markera dess underpunkter).' },
];

export const columnOf = Object.fromEntries(columns.map((c) => [c.key, c])) as Record<ColumnKey, Column>;

export type SheetRow = Record<ColumnKey, string>;

export interface SheetProblem {
  /** 1-based, as Excel shows it: the header is row 1. */
  row: number;
  /** The column's header. */
  column: string;
  message: string;
}

export const kindWords: Record<ItemKind, string> = { vision: 'vision', area: 'område', goal: 'mål', activity: 'aktivitet', note: 'text' };
const kindByWord = new Map<string, ItemKind>([
  ...Object.entries(kindWords).map(([kind, word]) => [word, kind as ItemKind] as const),
  ...(['vision', 'area', 'goal', 'activity', 'note'] as const).map((k) => [k, k] as const),
  ['omrade', 'area'],
  ['mal', 'goal'],
  ['text (bakgrund)', 'note'],
  ['bakgrund', 'note'],
]);

type Per = NonNullable<Target['per']>;
export const perWords: Record<Per, string> = { year: 'år', 'half-year': 'halvår', quarter: 'kvartal', month: 'månad' };
const perByWord = new Map<string, Per>(
  (Object.entries(perWords) as [Per, string][]).flatMap(([per, word]) => [
    [word, per],
    [`per ${word}`, per],
    [per, per],
  ]),
);

export const deleteMarks = ['x', 'ja', 'yes', 'ta bort', '1', 'sant', 'true'];
const keepMarks = ['', 'nej', 'no', '0', 'falskt', 'false'];

// ---------------------------------------------------------------------------------------------------------------
// Schedules in words
// ---------------------------------------------------------------------------------------------------------------

/**
 * A schedule as a plan says it ("årligen", "kvartalsvis", "varje år den 6 juni", "kontinuerligt") or as an RRULE,
 * in the canonical form the items table keeps. The kernel checks RRULEs only; the words live here because a
 * spreadsheet is where people type them.
 */
export function parseRecurrence(input: string): { rule: string | null } | { error: string } {
  const text = input.trim().replace(/\s+/g, ' ').toLowerCase();
  if (text === '') return { rule: null };
  // A cell holds a rhythm and nothing more: a few words the plan's own reader understands, or an RRULE.
  const words = /^(rrule:)?freq=/.test(text) ? null : recurrenceInWords(text);
  if (words && text.split(' ').length <= 6) return { rule: words };
  const rule = normaliseRecurrence(input);
  if ('rule' in rule) return rule;
  if (!/^(rrule:)?freq=/.test(text) && text !== CONTINUOUS.toLowerCase())
    return {
      error: `”${input.trim()}” är ingen upprepning Delaktig känner till. Skriv till exempel årligen, varje halvår, kvartalsvis, månadsvis, kontinuerligt, varje år den 6 juni eller en RRULE (FREQ=YEARLY).`,
    };
  return rule;
}

/** The rule in words when the words read back as the same rule; otherwise the RRULE itself. */
export function recurrenceCell(rule: string | null): string {
  if (rule === null) return '';
  const words = describeRecurrence(rule, 'sv');
  const back = parseRecurrence(words);
  return 'rule' in back && back.rule === rule ? words : rule;
}

// ---------------------------------------------------------------------------------------------------------------
// Items → rows
// ---------------------------------------------------------------------------------------------------------------

const joinList = (list: string[]) => list.join('; ');
const numberCell = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n).replace('.', ','));

/** One row per item in the plan's reading order (depth first), so the file reads like the plan. */
export function itemsToRows(items: ItemView[], statusOf: ReadonlyMap<string, string> = new Map()): SheetRow[] {
  const rows: SheetRow[] = [];
  const walk = (trees: Tree<ItemView>[]) => {
    for (const { item, children } of trees) {
      const target = item.target;
      rows.push({
        id: item.id,
        parent: item.parentId ?? '',
        position: String(item.position + 1),
        kind: kindWords[item.kind],
        label: item.label,
        number: item.number ?? '',
        text: item.text,
        responsible: joinList(item.responsible.filter((r) => r.role === 'lead').map((r) => r.name)),
        contributors: joinList(item.responsible.filter((r) => r.role === 'contributor').map((r) => r.name)),
        due: item.due ?? '',
        recurrence: recurrenceCell(item.recurrence),
        periodFrom: item.period?.from ?? '',
        periodTo: item.period?.to ?? '',
        targetText: target?.text ?? '',
        targetValue: numberCell(target?.value),
        targetMin: numberCell(target?.min),
        targetMax: numberCell(target?.max),
        targetUnit: target?.unit ?? '',
        targetPer: target?.per ? perWords[target.per] : '',
        targetBy: target?.by ?? '',
        frameworks: joinList(item.frameworks),
        status: statusOf.get(item.id) ?? '',
        version: String(item.version),
        delete: '',
      });
      walk(children);
    }
  };
  walk(buildTree(items));
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows → change set
// ---------------------------------------------------------------------------------------------------------------

export interface UnitRef {
  id: string;
  name: string;
  abbreviation: string | null;
}

export interface PlanContext {
  items: ItemView[];
  units: UnitRef[];
  frameworkIds: ReadonlySet<string>;
}

/** An item already saved (`id`) or one this file creates (`key`: "ny-1", or "rad-7" for a row with an empty id). */
export type Ref = { id: string } | { key: string };

export interface Assignment {
  unitId: string;
  role: 'lead' | 'contributor';
}

export interface ItemContent {
  kind: ItemKind;
  label: string;
  number: string | null;
  text: string;
  due: string | null;
  recurrence: string | null;
  period: Period | null;
  target: Target | null;
}

export interface Creation {
  key: string;
  row: number;
  content: ItemContent;
  responsibility: Assignment[];
  frameworks: string[];
}

export interface Update {
  id: string;
  row: number;
  version: number;
  /** Only the fields that change. */
  content: Partial<ItemContent>;
  responsibility?: Assignment[];
  frameworks?: string[];
}

export interface Deletion {
  id: string;
  row: number;
  version: number;
}

export interface Placement {
  ref: Ref;
  parent: Ref | null;
  position: number;
}

export interface Summary {
  updated: number;
  created: number;
  deleted: number;
  moved: number;
  unchanged: number;
}

export interface ChangeSet {
  updates: Update[];
  creations: Creation[];
  deletions: Deletion[];
  /** Where every created item, and every saved item whose parent or position changes, ends up. Parents first. */
  placements: Placement[];
  /** Saved items the file moves (a new parent or a new place in the order): their version rises. */
  moved: string[];
  summary: Summary;
}

export type ReadResult = { problems: SheetProblem[] } | { changes: ChangeSet };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NEW_KEY = /^ny-?[\p{L}\p{N}_-]*$/iu;

const normaliseHeader = (h: string) => h.trim().replace(/\s+/g, ' ').toLowerCase();
const headerKeys = new Map<string, ColumnKey>(
  columns.flatMap((c) => [
    [normaliseHeader(c.header), c.key],
    [c.key.toLowerCase(), c.key],
  ]),
);

/** Text as a cell holds it: Windows line ends folded, the ends trimmed. */
const cellText = (raw: string) => raw.replace(/\r\n?/g, '\n').trim();

function parseYearOrDate(raw: string): { value: string | null } | { error: string } {
  const text = raw.trim();
  if (text === '') return { value: null };
  if (/^\d{4}$/.test(text)) return { value: text };
  // Excel writes a date cell it re-saves as CSV as 2016-06-06 or, after a format change, with a midnight time.
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.000)?)?Z?)?$/.exec(text);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day)
      return { value: `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
    return { error: `”${text}” är inget datum som finns.` };
  }
  return { error: `”${text}” är varken ett år eller ett datum. Skriv till exempel 2016 eller 2016-06-06.` };
}

const splitList = (raw: string) =>
  raw
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

function canonicalTarget(target: Target | null | undefined): Target | null {
  if (!target) return null;
  const out: Target = { unit: target.unit };
  if (target.value !== undefined && target.value !== null) out.value = target.value;
  if (target.min !== undefined && target.min !== null) out.min = target.min;
  if (target.max !== undefined && target.max !== null) out.max = target.max;
  if (target.per) out.per = target.per;
  if (target.by) out.by = target.by;
  if (target.text) out.text = target.text;
  return out;
}

const sameTarget = (a: Target | null | undefined, b: Target | null | undefined) => {
  const [x, y] = [canonicalTarget(a), canonicalTarget(b)];
  if (x === null || y === null) return x === y;
  const keys: (keyof Target)[] = ['unit', 'value', 'min', 'max', 'per', 'by', 'text'];
  return keys.every((k) => (x[k] ?? null) === (y[k] ?? null));
};

const samePeriod = (a: Period | null, b: Period | null) => (a?.from ?? null) === (b?.from ?? null) && (a?.to ?? null) === (b?.to ?? null);

interface ParsedRow {
  row: number;
  ref: Ref;
  existing: ItemView | undefined;
  delete: boolean;
  /** undefined: the column is absent and the saved parent stands. */
  parent: Ref | null | undefined;
  parentExplicit: boolean;
  position: number | undefined;
}

/**
 * Reads a whole sheet (row 0 is the header) against the plan as saved. Every row is checked before anything is
 * decided, so the answer lists all the file's problems at once; a change set is returned only for a clean file.
 */
export function readRows(table: string[][], context: PlanContext): ReadResult {
  const problems: SheetProblem[] = [];
  const problem = (row: number, key: ColumnKey | string, message: string) =>
    problems.push({ row, column: key in columnOf ? columnOf[key as ColumnKey].header : key, message });

  const header = table[0] ?? [];
  const at = new Map<ColumnKey, number>();
  header.forEach((cell, index) => {
    const key = headerKeys.get(normaliseHeader(cell));
    if (key === undefined) return;
    if (at.has(key)) problem(1, key, `Kolumnen ”${columnOf[key].header}” finns två gånger.`);
    else at.set(key, index);
  });
  for (const key of ['id', 'version'] as const)
    if (!at.has(key))
      problem(
        1,
        key,
        `Rubrikraden saknar kolumnen ”${columnOf[key].header}”. Utgå från en fil som hämtats från planen (Excel eller CSV) och behåll rubrikraden.`,
      );
  if (problems.length > 0) return { problems };

  const itemsById = new Map(context.items.map((i) => [i.id, i]));
  const unitByName = new Map<string, UnitRef>();
  for (const u of context.units) unitByName.set(u.name.trim().toLowerCase(), u);
  for (const u of context.units) {
    const abbreviation = u.abbreviation?.trim().toLowerCase();
    if (abbreviation && !unitByName.has(abbreviation)) unitByName.set(abbreviation, u);
  }

  const parsed: ParsedRow[] = [];
  const seenIds = new Map<string, number>();
  const seenKeys = new Map<string, number>();
  const updates: Update[] = [];
  const creations: Creation[] = [];
  const deletions: Deletion[] = [];
  const uuidRows: number[] = [];
  let knownIds = 0;

  table.slice(1).forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const has = (key: ColumnKey) => at.has(key);
    const get = (key: ColumnKey) => cellText(cells[at.get(key) ?? -1] ?? '');
    const before = problems.length;

    // Which item the row is.
    const idCell = get('id');
    let ref: Ref;
    let existing: ItemView | undefined;
    if (UUID.test(idCell)) {
      const id = idCell.toLowerCase();
      uuidRows.push(row);
      existing = itemsById.get(id);
      if (!existing) {
        problem(row, 'id', `Punkten ${id} finns inte i den här planen. Är filen hämtad från en annan plan? Lämna id tomt för en ny punkt.`);
        return;
      }
      knownIds++;
      if (seenIds.has(id)) {
        problem(row, 'id', `Punkten står redan på rad ${seenIds.get(id)}.`);
        return;
      }
      seenIds.set(id, row);
      ref = { id };
    } else if (idCell === '') {
      ref = { key: `rad-${row}` };
    } else if (NEW_KEY.test(idCell)) {
      const key = idCell.toLowerCase();
      if (seenKeys.has(key)) {
        problem(row, 'id', `”${idCell}” står redan på rad ${seenKeys.get(key)}; varje ny rad behöver en egen nyckel.`);
        return;
      }
      seenKeys.set(key, row);
      ref = { key };
    } else {
      problem(
        row,
        'id',
        `”${idCell}” är varken ett id från planen eller en ny rad. Lämna id tomt, eller skriv ny-1, ny-2 … för nya rader.`,
      );
      return;
    }

    // Marked for removal: only the version matters.
    const mark = get('delete').toLowerCase();
    const marked = deleteMarks.includes(mark);
    if (!marked && !keepMarks.includes(mark))
      problem(row, 'delete', `”${get('delete')}” förstås inte. Skriv x för att ta bort punkten, annars lämna tomt.`);

    let version = 0;
    if (existing) {
      const raw = get('version');
      version = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(version) || version < 1)
        problem(row, 'version', raw === '' ? 'Versionen saknas. Hämta filen på nytt från planen.' : `”${raw}” är ingen version.`);
      else if (version !== existing.version)
        problem(
          row,
          'version',
          `Punkten har ändrats av någon annan sedan filen hämtades (filen har version ${version}, planen ${existing.version}). Hämta filen på nytt och gör om ändringen.`,
        );
    }
    if (marked) {
      if (existing && problems.length === before) deletions.push({ id: existing.id, row, version });
      if (existing) parsed.push({ row, ref, existing, delete: true, parent: undefined, parentExplicit: false, position: undefined });
      return;
    }

    // Place.
    let parent: Ref | null | undefined;
    if (has('parent')) {
      const raw = get('parent');
      if (raw === '') parent = null;
      else if (UUID.test(raw)) {
        const id = raw.toLowerCase();
        if (!itemsById.has(id)) problem(row, 'parent', `Den överordnade punkten ${id} finns inte i planen.`);
        parent = { id };
      } else if (NEW_KEY.test(raw)) parent = { key: raw.toLowerCase() };
      else problem(row, 'parent', `”${raw}” är varken ett id från planen eller en ny rad (ny-1 …).`);
    }
    const parentExplicit =
      parent !== undefined &&
      (!existing || (parent === null ? existing.parentId !== null : !('id' in parent) || parent.id !== existing.parentId));
    let position: number | undefined;
    if (has('position')) {
      const raw = get('position');
      if (raw !== '') {
        const n = parseNumber(raw);
        if (n === undefined || !Number.isInteger(n) || n < 1)
          problem(row, 'position', `”${raw}” är ingen plats i ordningen; skriv 1, 2, 3 …`);
        else position = n;
      }
    }

    // Content: a missing column leaves a saved item's field as it is; a new row needs kind, label and text.
    const content: Partial<ItemContent> = {};
    const required = (key: 'label' | 'text', name: string) => {
      if (!has(key)) {
        if (!existing) problem(row, key, `${name} saknas: en ny punkt behöver kolumnen ”${columnOf[key].header}”.`);
        return;
      }
      const value = get(key);
      if (value === '') problem(row, key, `${name} får inte vara tom.`);
      else content[key] = value;
    };
    if (has('kind')) {
      const raw = get('kind');
      const kind = kindByWord.get(raw.toLowerCase());
      if (kind) content.kind = kind;
      else
        problem(
          row,
          'kind',
          raw === ''
            ? 'Typen saknas. Skriv vision, område, mål, aktivitet eller text.'
            : `Okänd typ ”${raw}”. Skriv vision, område, mål, aktivitet eller text.`,
        );
    } else if (!existing) problem(row, 'kind', 'Typen saknas: en ny punkt behöver kolumnen ”typ”.');
    required('label', 'Nivånamnet');
    required('text', 'Texten');
    if (has('number')) content.number = get('number') || null;
    if (has('due')) {
      const due = parseYearOrDate(get('due'));
      if ('error' in due) problem(row, 'due', due.error);
      else content.due = due.value;
    }
    if (has('recurrence')) {
      const recurrence = parseRecurrence(get('recurrence'));
      if ('error' in recurrence) problem(row, 'recurrence', recurrence.error);
      else content.recurrence = recurrence.rule;
    }
    if (has('periodFrom') || has('periodTo')) {
      const side = (key: 'periodFrom' | 'periodTo', saved: string | null | undefined) => {
        if (!has(key)) return saved ?? null;
        const parsedDate = parseYearOrDate(get(key));
        if ('error' in parsedDate) {
          problem(row, key, parsedDate.error);
          return null;
        }
        return parsedDate.value;
      };
      const from = side('periodFrom', existing?.period?.from);
      const to = side('periodTo', existing?.period?.to);
      for (const p of checkPeriod({ from, to }, '')) problem(row, 'periodTo', p.message);
      content.period = from || to ? { from, to } : null;
    }
    const targetKeys = ['targetText', 'targetValue', 'targetMin', 'targetMax', 'targetUnit', 'targetPer', 'targetBy'] as const;
    if (targetKeys.some(has)) {
      const saved = existing?.target ?? null;
      const text = (key: (typeof targetKeys)[number], fallback: string) => (has(key) ? get(key) : fallback);
      const num = (key: 'targetValue' | 'targetMin' | 'targetMax', fallback: number | null | undefined): number | null => {
        const raw = text(key, fallback === null || fallback === undefined ? '' : String(fallback));
        if (raw === '') return null;
        const n = parseNumber(raw);
        if (n === undefined) {
          problem(row, key, `”${raw}” är inget tal.`);
          return null;
        }
        return n;
      };
      const value = num('targetValue', saved?.value);
      const min = num('targetMin', saved?.min);
      const max = num('targetMax', saved?.max);
      const unit = text('targetUnit', saved?.unit ?? '');
      const perRaw = text('targetPer', saved?.per ? perWords[saved.per] : '');
      const per = perByWord.get(perRaw.toLowerCase());
      if (perRaw !== '' && !per) problem(row, 'targetPer', `”${perRaw}” förstås inte. Skriv år, halvår, kvartal eller månad.`);
      const by = parseYearOrDate(text('targetBy', saved?.by ?? ''));
      if ('error' in by) problem(row, 'targetBy', by.error);
      const targetText = text('targetText', saved?.text ?? '');
      const byValue = 'value' in by ? by.value : null;
      if ([targetText, unit, perRaw, byValue ?? ''].every((s) => s === '') && value === null && min === null && max === null)
        content.target = null;
      else if (unit === '') problem(row, 'targetUnit', 'Ett mål behöver en enhet (%, praktikplatser, aktiviteter …).');
      else {
        const target: Target = canonicalTarget({
          unit,
          value,
          min,
          max,
          per: per ?? null,
          by: byValue,
          text: targetText || null,
        }) as Target;
        for (const p of checkTarget(target, '')) problem(row, p.path === '/min' ? 'targetMin' : 'targetValue', p.message);
        content.target = target;
      }
    }

    let responsibility: Assignment[] | undefined;
    if (has('responsible') || has('contributors')) {
      const savedNames = (role: Assignment['role']) =>
        joinList(existing?.responsible.filter((r) => r.role === role).map((r) => r.name) ?? []);
      const names = (key: 'responsible' | 'contributors', role: Assignment['role']) =>
        splitList(has(key) ? get(key) : savedNames(role)).flatMap((name) => {
          const unit = unitByName.get(name.toLowerCase());
          if (!unit) {
            problem(
              row,
              key,
              `Enheten ”${name}” finns inte i kommunens organisation. Skriv enhetens namn eller förkortning, eller lägg först till enheten.`,
            );
            return [];
          }
          return [{ unitId: unit.id, role, name }];
        });
      const all = [...names('responsible', 'lead'), ...names('contributors', 'contributor')];
      const seen = new Set<string>();
      for (const a of all) {
        if (seen.has(a.unitId)) problem(row, a.role === 'lead' ? 'responsible' : 'contributors', `”${a.name}” står mer än en gång.`);
        seen.add(a.unitId);
      }
      responsibility = all.map(({ unitId, role }) => ({ unitId, role }));
    }

    let frameworks: string[] | undefined;
    if (has('frameworks')) {
      frameworks = [];
      for (const id of get('frameworks')
        .split(/[;,\s]+/)
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean)) {
        if (!context.frameworkIds.has(id))
          problem(row, 'frameworks', `Okänd ramverkspunkt ”${id}”. Skriv till exempel eu-cbp-3, se-strategy-2 eller eccar-8.`);
        else if (!frameworks.includes(id)) frameworks.push(id);
      }
    }

    parsed.push({ row, ref, existing, delete: false, parent, parentExplicit, position });
    if (problems.length > before) return;

    if (!existing) {
      creations.push({
        key: (ref as { key: string }).key,
        row,
        content: {
          kind: content.kind as ItemKind,
          label: content.label as string,
          number: content.number ?? null,
          text: content.text as string,
          due: content.due ?? null,
          recurrence: content.recurrence ?? null,
          period: content.period ?? null,
          target: content.target ?? null,
        },
        responsibility: responsibility ?? [],
        frameworks: frameworks ?? [],
      });
      return;
    }
    const changed: Partial<ItemContent> = {};
    if (content.kind !== undefined && content.kind !== existing.kind) changed.kind = content.kind;
    if (content.label !== undefined && content.label !== existing.label) changed.label = content.label;
    if (content.number !== undefined && content.number !== existing.number) changed.number = content.number;
    if (content.text !== undefined && content.text !== cellText(existing.text)) changed.text = content.text;
    if (content.due !== undefined && content.due !== existing.due) changed.due = content.due;
    if (content.recurrence !== undefined && content.recurrence !== existing.recurrence) changed.recurrence = content.recurrence;
    if (content.period !== undefined && !samePeriod(content.period, existing.period)) changed.period = content.period;
    if (content.target !== undefined && !sameTarget(content.target, existing.target)) changed.target = content.target;
    const savedResponsibility = [
      ...existing.responsible.filter((r) => r.role === 'lead'),
      ...existing.responsible.filter((r) => r.role === 'contributor'),
    ];
    const responsibilityChanged =
      responsibility !== undefined &&
      (responsibility.length !== savedResponsibility.length ||
        responsibility.some((a, i) => a.unitId !== savedResponsibility[i]?.unitId || a.role !== savedResponsibility[i]?.role));
    const frameworksChanged =
      frameworks !== undefined && [...frameworks].sort().join(' ') !== [...new Set(existing.frameworks)].sort().join(' ');
    if (Object.keys(changed).length > 0 || responsibilityChanged || frameworksChanged)
      updates.push({
        id: existing.id,
        row,
        version,
        content: changed,
        ...(responsibilityChanged ? { responsibility } : {}),
        ...(frameworksChanged ? { frameworks } : {}),
      });
  });

  if (uuidRows.length > 0 && knownIds === 0 && context.items.length > 0) {
    // Every id belongs elsewhere: one message says so rather than one per row.
    return {
      problems: [
        {
          row: uuidRows[0] as number,
          column: columnOf.id.header,
          message: 'Inget id i filen hör till den här planen. Filen är hämtad från en annan plan.',
        },
      ],
    };
  }

  // References between rows, now that every row is known.
  const rowOf = new Map<string, ParsedRow>();
  for (const p of parsed) rowOf.set('id' in p.ref ? p.ref.id : p.ref.key, p);
  for (const p of parsed) {
    if (p.parent && 'key' in p.parent && !seenKeys.has(p.parent.key))
      problem(p.row, 'parent', `Ingen rad i filen har id ”${p.parent.key}”.`);
  }
  if (problems.length > 0) return { problems: sorted(problems) };

  // The tree after the change: every kept item with its parent.
  const refKey = (r: Ref) => ('id' in r ? r.id : r.key);
  const deleted = new Set(deletions.map((d) => d.id));
  interface Node {
    key: string;
    ref: Ref;
    parent: string | null;
    sortKey: number;
    tie: number;
    row: ParsedRow | undefined;
    saved: ItemView | undefined;
  }
  const nodes = new Map<string, Node>();
  for (const item of context.items) {
    if (deleted.has(item.id)) continue;
    const p = rowOf.get(item.id);
    const parent = p?.parent === undefined ? item.parentId : p.parent === null ? null : refKey(p.parent);
    nodes.set(item.id, {
      key: item.id,
      ref: { id: item.id },
      parent,
      // An item moved to a new parent without an order goes last there, as a new row does.
      sortKey: p?.position ?? (parent === item.parentId ? item.position + 1 : Number.MAX_SAFE_INTEGER),
      tie: p?.row ?? Number.MAX_SAFE_INTEGER,
      row: p,
      saved: item,
    });
  }
  for (const c of creations) {
    const p = rowOf.get(c.key) as ParsedRow;
    nodes.set(c.key, {
      key: c.key,
      ref: { key: c.key },
      parent: p.parent ? refKey(p.parent) : null,
      sortKey: p.position ?? Number.MAX_SAFE_INTEGER,
      tie: p.row,
      row: p,
      saved: undefined,
    });
  }

  // Nothing is removed unless marked: children of a marked item must be marked too.
  for (const d of deletions) {
    const orphans = [...nodes.values()].filter((n) => n.parent === d.id);
    const placedHere = orphans.filter((n) => n.row && (n.row.parentExplicit || !n.saved));
    for (const n of placedHere) problem((n.row as ParsedRow).row, 'parent', 'Den överordnade punkten är markerad för borttagning.');
    const left = orphans.length - placedHere.length;
    if (left > 0)
      problem(
        d.row,
        'delete',
        left === 1
          ? 'Punkten har en underpunkt som inte är markerad för borttagning. Markera den också, eller flytta den.'
          : `Punkten har ${left} underpunkter som inte är markerade för borttagning. Markera dem också, eller flytta dem.`,
      );
  }
  for (const n of nodes.values()) {
    if (n.parent !== null && !nodes.has(n.parent) && !deleted.has(n.parent))
      problem(n.row?.row ?? 1, 'parent', 'Den överordnade punkten finns inte i planen.');
    // A parent chain that returns to the row would hang the item under itself.
    const seen = new Set([n.key]);
    let up = n.parent;
    while (up !== null) {
      if (seen.has(up)) {
        problem(n.row?.row ?? 1, 'parent', 'Punkten kan inte ligga under sig själv eller sina egna underpunkter.');
        break;
      }
      seen.add(up);
      up = nodes.get(up)?.parent ?? null;
    }
  }
  if (problems.length > 0) return { problems: sorted(problems) };

  // Dense positions from 0 within each parent: the "ordning" column first, ties in file order.
  const byParent = new Map<string | null, Node[]>();
  for (const n of nodes.values()) byParent.set(n.parent, [...(byParent.get(n.parent) ?? []), n]);
  const placed = new Map<string, Placement>();
  const moved: string[] = [];
  for (const [parent, siblings] of byParent) {
    siblings.sort((a, b) => a.sortKey - b.sortKey || a.tie - b.tie || (a.saved?.position ?? 0) - (b.saved?.position ?? 0));
    siblings.forEach((n, position) => {
      const parentRef = parent === null ? null : (nodes.get(parent) as Node).ref;
      const same = n.saved && n.saved.parentId === parent && n.saved.position === position;
      if (!same) placed.set(n.key, { ref: n.ref, parent: parentRef, position });
      const intended = n.row && (n.row.parentExplicit || (n.row.position !== undefined && n.row.position !== (n.saved?.position ?? 0) + 1));
      if (n.saved && !same && intended) moved.push(n.saved.id);
    });
  }
  // Parents before children, so creations can be inserted in order.
  const depth = (key: string): number => {
    let d = 0;
    for (let up = nodes.get(key)?.parent ?? null; up !== null; up = nodes.get(up)?.parent ?? null) d++;
    return d;
  };
  const placements = [...placed.entries()].sort((a, b) => depth(a[0]) - depth(b[0])).map(([, p]) => p);

  const touched = new Set([...updates.map((u) => u.id), ...moved]);
  const inFile = parsed.filter((p) => p.existing && !p.delete).length;
  return {
    changes: {
      updates,
      creations,
      deletions,
      placements,
      moved,
      summary: {
        updated: updates.length,
        created: creations.length,
        deleted: deletions.length,
        moved: moved.length,
        unchanged: inFile - touched.size,
      },
    },
  };
}

const sorted = (problems: SheetProblem[]) =>
  [...problems].sort(
    (a, b) => a.row - b.row || columns.findIndex((c) => c.header === a.column) - columns.findIndex((c) => c.header === b.column),
  );
