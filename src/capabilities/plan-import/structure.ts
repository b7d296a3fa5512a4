import type { ItemKind, OutlineNode } from '../plans/outline.ts';
import type { SourceBlock } from './source.ts';
import { isAppendixHeading, isBackgroundHeading, levelWordIn, soundsIntended, type LevelWord } from './vocabulary.ts';

/**
 * From blocks to a tree: tidy the blocks, find the headings, cut the body into sections, and turn each section's
 * content into notes and items. Pure; every decision leaves a reason and a confidence for the review screen.
 */

export interface Span {
  start: number;
  end: number;
}

/** A block after tidying: page-broken paragraphs joined, so it may cover several spans of the source. */
export interface Piece {
  block: SourceBlock;
  text: string;
  spans: Span[];
}

export interface DraftNode {
  kind: ItemKind;
  label: string;
  number: string | null;
  text: string;
  spans: Span[];
  confidence: number;
  reason: string;
  /** Units read from a responsibility matrix; words-based units are read later from the text. */
  matrixUnits: string[];
  /** Words that describe the item without being its text: "Ansvar: …", "Klart: …" lines, a table's time column. */
  extra: string[];
  children: DraftNode[];
}

const TERMINAL = /[.!?;:,”"»)]$/u;
const FOOTNOTE = /^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s/u;
const LONE_MARK = /^[-–•○◦▪*]$/u;
const META_LINE = /(?:^|\s)(?:dnr|diarienummer|datum|antagen|antaget|fastställd|beslutad|reviderad|gäller|§)(?:\s|:|$)|\d{4}-\d{2}-\d{2}/iu;
const ABBREVIATIONS = /^(?:\p{Lu}[\p{Lu}\p{Ll}]{0,4}\s+){2,}\p{Lu}[\p{Lu}\p{Ll}]{0,4}$/u;

/** A sentence that introduces examples or definitions ("… är:", "menar vi;"): what follows describes. */
const INTRO = /(?:är|menar vi|innebär|följande|bland annat|exempelvis|t\.ex\.)\s*[:;]$/iu;

const wordCount = (t: string) => t.split(/\s+/u).filter(Boolean).length;
const startsLower = (t: string) => /^\p{Ll}/u.test(t);

/** Joins paragraphs split by a page break, drops contents lines, footnotes and stray markers. */
export function tidy(blocks: SourceBlock[]): Piece[] {
  const pieces: Piece[] = [];
  for (const block of blocks) {
    if (block.kind === 'toc-entry') continue;
    const text = block.text.trim();
    if (block.kind !== 'table-row' && (text === '' || LONE_MARK.test(text) || FOOTNOTE.test(text))) continue;
    const previous = pieces[pieces.length - 1];
    if (
      previous &&
      block.kind === 'paragraph' &&
      previous.block.kind === 'paragraph' &&
      previous.block.headingLevel === null &&
      block.headingLevel === null &&
      previous.text.length > 60 &&
      !TERMINAL.test(previous.text) &&
      startsLower(text)
    ) {
      previous.text = `${previous.text} ${text}`;
      previous.spans.push({ start: block.start, end: block.end });
      continue;
    }
    pieces.push({ block, text, spans: [{ start: block.start, end: block.end }] });
  }
  return pieces;
}

type Role = 'heading' | 'prose' | 'list' | 'row' | 'columns';

interface Classified extends Piece {
  role: Role;
  level: number | null;
  number: string | null;
}

function looksLikeHeading(text: string): boolean {
  return (
    text.length <= 100 &&
    wordCount(text) <= 12 &&
    !/[.!?;,:]$/u.test(text) &&
    !text.includes(', ') &&
    !startsLower(text) &&
    !META_LINE.test(text) &&
    /\p{L}{2,}/u.test(text)
  );
}

/** Gives every piece its role. Headings come from the format where it has styles, else from their shape. */
export function classify(pieces: Piece[]): Classified[] {
  return pieces.map((piece, i) => {
    const { block } = piece;
    const next = pieces[i + 1];
    const previous = pieces[i - 1];
    if (block.kind === 'table-row') return { ...piece, role: 'row', level: null, number: null };
    if (block.kind === 'heading' || block.headingLevel !== null) {
      const numbered = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$/u.exec(piece.text);
      if (numbered && /\p{L}{2,}/u.test(numbered[2] as string))
        return { ...piece, text: numbered[2] as string, role: 'heading', level: block.headingLevel ?? 1, number: numbered[1] as string };
      return { ...piece, role: 'heading', level: block.headingLevel ?? 1, number: null };
    }
    if (block.kind === 'paragraph' && ABBREVIATIONS.test(piece.text) && next?.block.kind === 'table-row')
      return { ...piece, role: 'columns', level: null, number: null };
    if (block.kind === 'list-item') {
      // "1. Socialt deltagande & Inflytande" followed by prose: a numbered heading, not a one-item list.
      const numbered = block.marker !== null && /^\w{1,2}[.)]$/u.test(block.marker);
      const continuesList = previous?.block.kind === 'list-item' && previous.block.indent >= block.indent;
      if (
        numbered &&
        looksLikeHeading(piece.text) &&
        wordCount(piece.text) <= 8 &&
        !continuesList &&
        next &&
        next.block.kind !== 'list-item'
      )
        return { ...piece, role: 'heading', level: null, number: (block.marker as string).replace(/[.)]$/u, '') };
      return { ...piece, role: 'list', level: null, number: null };
    }
    if (ATTRIBUTE_LINE.test(piece.text)) return { ...piece, role: 'prose', level: null, number: null };
    // "2.3 Boende": the numbering says both that it is a heading and how deep.
    const outlineNumber = /^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$/u.exec(piece.text);
    if (outlineNumber && looksLikeHeading(outlineNumber[2] as string)) {
      const number = outlineNumber[1] as string;
      return { ...piece, text: outlineNumber[2] as string, role: 'heading', level: number.split('.').length, number };
    }
    const shortAndPlain = looksLikeHeading(piece.text) || (/:$/u.test(piece.text) && wordCount(piece.text) <= 5 && !INTRO.test(piece.text));
    if (shortAndPlain && next && !(next.block.kind === 'paragraph' && startsLower(next.text)))
      return { ...piece, role: 'heading', level: null, number: null };
    if (block.bold && piece.text.length <= 100) return { ...piece, role: 'heading', level: null, number: null };
    return { ...piece, role: 'prose', level: null, number: null };
  });
}

interface Section {
  heading: Classified | null;
  level: number;
  content: Classified[];
  children: Section[];
}

/** Where the body begins: the first heading followed by real content, or the first long paragraph. */
export function bodyStart(pieces: Classified[]): number {
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as Classified;
    const next = pieces[i + 1];
    const wordy = /\p{L}{2,}/u.test(p.text) && !META_LINE.test(p.text);
    if (p.role === 'heading' && wordy && next && ((next.role === 'prose' && next.text.length > 100) || next.role === 'list')) {
      // A heading set above every other one (the title, styled as a heading) opens the document; it is no section.
      const levels = pieces
        .slice(i + 1)
        .filter((q) => q.role === 'heading' && q.level !== null)
        .map((q) => q.level as number);
      if (p.level !== null && levels.length > 0 && levels.every((l) => l > (p.level as number))) return i + 1;
      return i;
    }
    if (p.role === 'prose' && p.text.length > 100) return i;
  }
  return 0;
}

/** Cuts the body into sections; headings nest by their level where the format gives levels. */
export function sections(pieces: Classified[]): Section[] {
  const root: Section = { heading: null, level: 0, content: [], children: [] };
  const stack: Section[] = [root];
  for (const piece of pieces) {
    const current = stack[stack.length - 1] as Section;
    // A level caption ("Delmål 1") ends a describing section: what it captions is not background.
    const leavesBackground =
      piece.role === 'heading' && current.heading !== null && isBackgroundHeading(current.heading.text) && levelWordIn(piece.text) !== null;
    if (piece.role === 'heading' && (!isLabel(piece, pieces) || leavesBackground)) {
      const level = piece.level ?? 1;
      while (stack.length > 1 && (stack[stack.length - 1] as Section).level >= level) stack.pop();
      const section: Section = { heading: piece, level, content: [], children: [] };
      (stack[stack.length - 1] as Section).children.push(section);
      stack.push(section);
    } else (stack[stack.length - 1] as Section).content.push(piece);
  }
  // Text before the first heading is the document's opening: a section of its own.
  if (root.content.length > 0) root.children.unshift({ heading: null, level: 1, content: root.content, children: [] });
  return root.children;
}

/** A heading that names the level of the list right after it ("Hit vill vi:", "Delmål 2", "Kännetecken") labels it. */
function isLabel(piece: Classified, all: Classified[]): boolean {
  const next = all[all.indexOf(piece) + 1];
  if (!next || (next.role !== 'list' && next.role !== 'row' && next.role !== 'columns')) return false;
  return /:$/u.test(piece.text) || (levelWordIn(piece.text) !== null && wordCount(piece.text) <= 6);
}

function labelOf(piece: Classified): { word: LevelWord | null; number: string | null; text: string } {
  const text = piece.text.replace(/:$/u, '').trim();
  const numbered = /^(.*?)\s+(\d{1,2})$/u.exec(text);
  return { word: levelWordIn(text), number: numbered ? (numbered[2] as string) : null, text: numbered ? (numbered[1] as string) : text };
}

const spansOf = (pieces: Piece[]) => pieces.flatMap((p) => p.spans);

function note(label: string, pieces: Piece[], reason: string): DraftNode {
  const text = pieces.map((p) => (p.block.kind === 'list-item' ? `- ${p.text}` : p.text)).join('\n\n');
  return {
    kind: 'note',
    label: label.slice(0, 120),
    number: null,
    text: text.replace(/\n\n- /gu, '\n- ').replace(/^- /u, '- '),
    spans: spansOf(pieces),
    confidence: 0.9,
    reason,
    matrixUnits: [],
    extra: [],
    children: [],
  };
}

export interface BuildContext {
  /** The plan's own word for its areas, from a heading that names them ("Fokusområden" → "Fokusområde"). */
  areaLabel?: string;
  /** The columns of the responsibility matrices met, for the outline's `matrixColumns`. */
  matrixColumns: string[];
}

/** Turns the sections into nodes: areas hold items, background and appendices become notes. */
export function buildNodes(body: Classified[], context: BuildContext): DraftNode[] {
  const out: DraftNode[] = [];
  for (const section of sections(body)) out.push(...sectionNodes(section, context, false));
  nestSubGoals(out);
  return out;
}

function headingText(section: Section): string {
  const h = section.heading;
  if (!h) return 'Inledning';
  return h.number && !h.text.startsWith(h.number) ? h.text : h.text;
}

function subtreeHasItems(section: Section): boolean {
  const own = section.content.some((p) => p.role === 'list' || p.role === 'row');
  return own || section.children.some(subtreeHasItems);
}

function sectionNodes(section: Section, context: BuildContext, inNote: boolean): DraftNode[] {
  const title = headingText(section);
  const heading = section.heading;
  const asNotes = inNote || (heading === null ? !subtreeHasItems(section) : isAppendixHeading(title) || isBackgroundHeading(title));
  if (asNotes) {
    const own = section.content.length > 0 ? [note(title, section.content, heading ? 'beskrivande avsnitt' : 'dokumentets inledning')] : [];
    const children = section.children.flatMap((c) => sectionNodes(c, context, true));
    if (own.length > 0) {
      (own[0] as DraftNode).children.push(...children);
      if (heading) (own[0] as DraftNode).spans.unshift(...heading.spans);
      return [...own, ...(inNote || isAppendixHeading(title) ? [] : quotedVisions(section.content))];
    }
    if (children.length === 0) return [];
    return [{ ...note(title, [], 'beskrivande avsnitt'), spans: heading ? heading.spans : [], children }];
  }

  const statement = heading ? statementHeading(title) : null;
  if (statement && heading) {
    const goal = statementNode(statement, heading.spans);
    // Under a stated goal, a list is what is done to reach it.
    const doing: LevelWord = { kind: 'activity', label: 'Aktivitet' };
    goal.children.push(
      ...contentToNodes(section.content, title, statement.kind === 'goal' ? doing : null, context),
      ...section.children.flatMap((c) => sectionNodes(c, context, false)),
    );
    return [goal];
  }
  const named = namedLevel(title);
  const word = named ? null : levelWordIn(title);
  const caption = word && heading ? labelOf(heading) : null;
  const contentNodes = contentToNodes(section.content, title, word, context, caption ? { ...caption, spans: heading?.spans ?? [] } : null);
  const childNodes = section.children.flatMap((c) => sectionNodes(c, context, false));
  const hasItems = contentNodes.some((n) => n.kind !== 'note') || childNodes.some((n) => n.kind !== 'note');

  // Text before any heading that holds items: the items stand at the top.
  if (heading === null) return [...contentNodes, ...childNodes];
  // A heading that names a level ("Åtgärder", "Målområden") is a caption: what it holds stands at its level.
  if (word) {
    if (word.kind === 'area') context.areaLabel = word.label;
    // "Vision" or "Övergripande mål" over a statement: the statement is the item, whatever lists follow it.
    const first = section.content[0];
    if ((word.kind === 'goal' || word.kind === 'vision') && first?.role === 'prose' && !/[:;]$/u.test(first.text)) {
      {
        const item: DraftNode = {
          kind: word.kind,
          label: word.kind === 'vision' ? 'Vision' : captionLabel(title, word),
          number: null,
          text: first.text,
          spans: [...(heading?.spans ?? []), ...first.spans],
          confidence: 0.75,
          reason: `stycket under rubriken "${title}"`,
          matrixUnits: [],
          extra: [],
          children: [],
        };
        const rest = contentToNodes(section.content.slice(1), title, hasItems ? null : word, context);
        return [item, ...rest, ...childNodes];
      }
    }
    return [...contentNodes, ...childNodes];
  }
  if (!hasItems) {
    const own = section.content.length > 0 ? [note(title, section.content, 'avsnitt utan mål eller aktiviteter')] : [];
    if (own[0]) {
      own[0].spans.unshift(...(heading?.spans ?? []));
      own[0].children.push(...childNodes);
      return own;
    }
    return childNodes.length > 0
      ? [{ ...note(title, [], 'avsnitt utan egen text'), spans: heading?.spans ?? [], children: childNodes }]
      : [];
  }
  const area: DraftNode = {
    kind: 'area',
    label: named?.label ?? context.areaLabel ?? 'Område',
    number: named?.number ?? heading?.number ?? null,
    text: named?.name ?? title,
    spans: heading?.spans ?? [],
    confidence: heading?.block.headingLevel !== null ? 0.9 : 0.8,
    reason: 'rubrik över mål eller aktiviteter',
    matrixUnits: [],
    extra: [],
    children: [...contentNodes, ...childNodes],
  };
  return [area];
}

/** "Målområde: Arbete och försörjning", "Fokusområde 2 – Boende": a level word naming one area. */
function namedLevel(title: string): { label: string; number: string | null; name: string } | null {
  const m = /^(\p{L}*område)\s*(\d{1,2})?\s*[:.–-]\s*(.{3,})$/iu.exec(title);
  if (!m) return null;
  const label = (m[1] as string).charAt(0).toUpperCase() + (m[1] as string).slice(1).toLowerCase();
  return { label, number: m[2] ?? null, name: (m[3] as string).trim() };
}

/**
 * A vision quoted in the running text: "… utgår från kommunens vision" followed by a short paragraph that is
 * nothing but a quotation ("”Omtänksamhet och framtidstro”."). The text stays in the note; the vision is an item.
 */
function quotedVisions(content: Classified[]): DraftNode[] {
  const out: DraftNode[] = [];
  content.forEach((piece, i) => {
    const before = content[i - 1];
    const quoted = /^[”"“«]([^”"“»]{3,150})[”"“»]\.?$/u.exec(piece.text);
    if (!quoted || piece.role !== 'prose' || !before || !/vision(?:en)?\s*[:.]?$/iu.test(before.text)) return;
    out.push({
      kind: 'vision',
      label: 'Vision',
      number: null,
      text: (quoted[1] as string).trim(),
      spans: piece.spans,
      confidence: 0.7,
      reason: 'citat efter ordet "vision" i löptexten',
      matrixUnits: [],
      extra: [],
      children: [],
    });
  });
  return out;
}

interface Statement {
  kind: ItemKind;
  label: string;
  number: string | null;
  text: string;
}

/** "Mål 1: Fler nyanlända i arbete", "Delmål 2.1 – Bättre boende": a level word, perhaps a number, and the statement. */
function statementHeading(text: string): Statement | null {
  const m = /^((?:del)?mål|målsättning|åtgärd|aktivitet|insats)\s*(\d{1,2}(?:\.\d{1,2})*)?\s*[:.–-]\s*(.{8,})$/iu.exec(text.trim());
  if (!m) return null;
  const word = levelWordIn(m[1] as string);
  if (!word || (word.kind !== 'goal' && word.kind !== 'activity')) return null;
  return { kind: word.kind, label: word.label, number: m[2] ?? null, text: (m[3] as string).trim() };
}

function statementNode(statement: Statement, spans: Span[]): DraftNode {
  return {
    kind: statement.kind,
    label: statement.label,
    number: statement.number,
    text: statement.text,
    spans,
    confidence: 0.85,
    reason: `rubrik som anger ${statement.label.toLowerCase()} och dess lydelse`,
    matrixUnits: [],
    extra: [],
    children: [],
  };
}

function captionLabel(title: string, word: LevelWord): string {
  return word.label.length <= 40 ? word.label : title.slice(0, 40);
}

/** A section's own content: prose runs become notes, lists and matrix rows become items. */
type Label = { word: LevelWord | null; number: string | null; text: string; spans: Span[] };

function contentToNodes(
  content: Classified[],
  title: string,
  sectionWord: LevelWord | null,
  context: BuildContext,
  caption: Label | null = null,
): DraftNode[] {
  const out: DraftNode[] = [];
  let prose: Classified[] = [];
  let label: Label | null = caption;
  let columns: string[] = [];
  const flushProse = () => {
    if (prose.length > 0) out.push(note(title, prose, 'beskrivande text'));
    prose = [];
  };
  for (let i = 0; i < content.length; i++) {
    const piece = content[i] as Classified;
    if (piece.role === 'heading') {
      flushProse();
      const statement = statementHeading(piece.text);
      if (statement) {
        // "Mål 1: Fler i arbete" states the goal itself; the list under it holds its activities.
        const goal = statementNode(statement, piece.spans);
        out.push(goal);
        let j = i + 1;
        while (j < content.length && (content[j] as Classified).role === 'list') j++;
        const run = content.slice(i + 1, j);
        goal.children.push(...listItems(run, null));
        i = j - 1;
        label = null;
        continue;
      }
      const l = labelOf(piece);
      label = { ...l, spans: piece.spans };
      continue;
    }
    if (piece.role === 'columns') {
      columns = piece.text.split(/\s+/u);
      continue;
    }
    const last = lastItem(out);
    if (last && prose.length === 0 && ATTRIBUTE_LINE.test(piece.text) && piece.role !== 'row') {
      // "Ansvar: Socialförvaltningen" under an item describes that item.
      last.extra.push(piece.text);
      last.spans.push(...piece.spans);
      continue;
    }
    if (piece.role === 'prose') {
      prose.push(piece);
      label = null;
      continue;
    }
    // A run of list items or table rows.
    let j = i;
    while (j < content.length && (content[j] as Classified).role === piece.role) j++;
    const run = content.slice(i, j);
    i = j - 1;
    if (piece.role === 'row') {
      const header = headerOf(run);
      if (header.length > 0) columns = header;
      const matrix = matrixItems(run, columns, label?.word ?? sectionWord);
      const items = matrix.length > 0 ? matrix : columnTableItems(run, label?.word ?? sectionWord);
      if (items.length > 0) {
        flushProse();
        if (matrix.length > 0 && columns.length > 0)
          context.matrixColumns.push(...columns.filter((c) => !context.matrixColumns.includes(c)));
        out.push(...items);
      } else prose.push(...run);
      columns = [];
      continue;
    }
    const labelled = label !== null || sectionWord !== null;
    const intro = prose[prose.length - 1];
    const intended = labelled || run.filter((p) => soundsIntended(p.text)).length * 2 >= run.length;
    // A list a sentence introduces as examples or definitions ("… är:", "menar vi;") describes; it does not intend.
    if (!intended || (!labelled && intro && INTRO.test(intro.text))) {
      prose.push(...run);
      continue;
    }
    flushProse();
    out.push(...listItems(run, label ?? (sectionWord ? { word: sectionWord, number: null, text: title, spans: [] } : null)));
    // The label goes on over the list's next run (after "Ansvar:" lines), but its number belonged to this one.
    if (label) label = { ...label, number: null, spans: [] };
  }
  flushProse();
  return out;
}

function headerOf(rows: Classified[]): string[] {
  const first = rows[0];
  if (!first?.block.cells) return [];
  const cells = first.block.cells.map((c) => c.trim()).filter(Boolean);
  const isHeader = !first.block.checks && cells.length >= 2 && cells.every((c) => c.length <= 12 && !/\s/u.test(c));
  return isHeader ? cells : [];
}

/** Matrix rows: a long statement cell is the item, the checked columns its responsible units. */
function matrixItems(rows: Classified[], columns: string[], word: LevelWord | null): DraftNode[] {
  const out: DraftNode[] = [];
  let n = 0;
  for (const row of rows) {
    const cells = row.block.cells ?? [];
    const statementAt = cells.reduce((best, c, k) => (c.length > (cells[best]?.length ?? 0) ? k : best), 0);
    const statement = (cells[statementAt] ?? '').trim();
    if (statement.length < 30 || wordCount(statement) < 5 || !row.block.checks) continue;
    const boxes = (row.block.checks ?? []).map((c, k) => ({ c, k })).filter(({ c }) => c !== null);
    const units = boxes
      .filter(({ c }) => c === true)
      .map(({ k }) => columns[boxes.findIndex((b) => b.k === k)] ?? '')
      .filter(Boolean);
    n++;
    out.push({
      kind: word?.kind === 'activity' ? 'activity' : 'goal',
      label: word && word.kind !== 'area' ? word.label : 'Delmål',
      number: String(n),
      text: statement,
      spans: row.spans,
      confidence: 0.9,
      reason: 'rad i ansvarsmatris',
      matrixUnits: units,
      extra: [],
      children: [],
    });
  }
  return out;
}

const ATTRIBUTE_LINE =
  /^(?:ansvar\p{L}*|huvudansvar\p{L}*|tid(?:plan|punkt)?|klart(?: senast)?|när|deadline|uppföljning|period|omfattning)\s*:/iu;

function lastItem(nodes: DraftNode[]): DraftNode | null {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i] as DraftNode;
    if (n.kind === 'note') return null;
    let deepest = n;
    while (deepest.children.length > 0) deepest = deepest.children[deepest.children.length - 1] as DraftNode;
    return deepest.kind === 'note' ? null : deepest;
  }
  return null;
}

const COLUMN_ROLES: [RegExp, 'goal' | 'item' | 'responsible' | 'time' | 'other'][] = [
  [/^(?:ansvar\p{L}*|huvudansvar\p{L}*|vem|utförare)/iu, 'responsible'],
  [/^(?:tid\p{L}*|klart\p{L}*|när|datum|deadline|period|år)$/iu, 'time'],
  [/^(?:mål\p{L}*|delmål\p{L}*)/iu, 'goal'],
  [/^(?:aktivitet\p{L}*|åtgärd\p{L}*|insats\p{L}*|vad|beskrivning)/iu, 'item'],
];

/** A plain table whose header names its columns ("Aktivitet | Ansvarig | Tidplan"): one item per row. */
function columnTableItems(rows: Classified[], word: LevelWord | null): DraftNode[] {
  const header = rows[0]?.block.cells?.map((c) => c.trim()) ?? [];
  const roles = header.map((h) => COLUMN_ROLES.find(([re]) => re.test(h))?.[1] ?? 'other');
  // With both a goal and an activity column, each goal heads the activities on its rows (a blank goal cell
  // continues the goal above, as merged cells come out); with one of them, it is the item.
  const goalAt = roles.indexOf('goal');
  const itemAt = roles.indexOf('item') >= 0 ? roles.indexOf('item') : goalAt;
  if (itemAt < 0 || !roles.some((r) => r === 'responsible' || r === 'time')) return [];
  const grouped = goalAt >= 0 && goalAt !== itemAt;
  const named = levelWordIn(header[itemAt] as string) ?? word;
  const out: DraftNode[] = [];
  let goal = null as DraftNode | null;
  for (const row of rows.slice(1)) {
    const cells = row.block.cells ?? [];
    if (grouped) {
      const goalText = (cells[goalAt] ?? '').trim();
      if (goalText !== '' && goalText !== goal?.text) {
        goal = {
          kind: 'goal',
          label: levelWordIn(header[goalAt] as string)?.label ?? 'Mål',
          number: null,
          text: goalText,
          spans: row.spans,
          confidence: 0.8,
          reason: `kolumnen "${header[goalAt]}" i en tabell`,
          matrixUnits: [],
          extra: [],
          children: [],
        };
        out.push(goal);
      }
    }
    const text = (cells[itemAt] ?? '').trim();
    if (text === '') continue;
    const responsibleAt = roles.indexOf('responsible');
    const node: DraftNode = {
      kind: named?.kind === 'goal' && !grouped ? 'goal' : 'activity',
      label: named && named.kind !== 'area' ? named.label : 'Aktivitet',
      number: null,
      text,
      spans: row.spans,
      confidence: 0.85,
      reason: `rad i tabell med kolumnen "${header[itemAt]}"`,
      matrixUnits: responsibleAt >= 0 ? splitUnitCell(cells[responsibleAt] ?? '') : [],
      extra: cells
        .filter((_, k) => roles[k] === 'time' || roles[k] === 'other')
        .map((c) => c.trim())
        .filter(Boolean),
      children: [],
    };
    if (grouped && goal) goal.children.push(node);
    else out.push(node);
  }
  return out;
}

function splitUnitCell(cell: string): string[] {
  return cell
    .split(/\s*(?:,|;|\/|\n|(?<!-)\s+och\s+)\s*/u)
    .map((u) => u.trim())
    .filter((u) => u.length > 1)
    .map((u) => u.charAt(0).toUpperCase() + u.slice(1));
}

interface ListEntry {
  piece: Classified;
  indent: number;
  numbered: boolean;
  number: number | null;
  node: DraftNode;
}

/** Nests a run of list items by indentation and numbering, the way a reader sees the list. */
function listItems(
  run: Classified[],
  label: { word: LevelWord | null; number: string | null; text: string; spans: Span[] } | null,
): DraftNode[] {
  const top: DraftNode[] = [];
  const stack: ListEntry[] = [];
  const kind: ItemKind = label?.word?.kind === 'area' || !label?.word ? 'activity' : label.word.kind;
  // Under "Delmål 2" one statement leads and what hangs under it are its activities; under a plain
  // "Kännetecken" the nested points are more of the same.
  const topCount = run.filter((p) => p.block.indent === Math.min(...run.map((r) => r.block.indent))).length;
  const stepsDown =
    kind !== 'goal' || (label?.number !== null && label?.number !== undefined) || (topCount === 1 && kind === 'goal' && !!label?.number);
  for (const piece of run) {
    const marker = piece.block.marker ?? '-';
    const numbered = /^\w{1,2}[.)]$/u.test(marker);
    const number = numbered && /^\d/u.test(marker) ? Number.parseInt(marker, 10) : null;
    let indent = piece.block.indent;
    // "3." after "2." one level deeper continues that list, whatever its indentation says.
    if (number !== null && number > 1) {
      const previous = [...stack].reverse().find((e) => e.numbered && e.number === number - 1);
      if (previous && previous.indent > indent) indent = previous.indent;
    }
    while (stack.length > 0) {
      const last = stack[stack.length - 1] as ListEntry;
      if (last.indent > indent) stack.pop();
      else if (last.indent === indent && (last.numbered === numbered || !last.numbered)) stack.pop();
      else break;
    }
    const parent = stack[stack.length - 1];
    const depth = stack.length;
    const node: DraftNode = {
      kind: depth === 0 || !stepsDown ? kind : 'activity',
      label:
        depth === 0 || !stepsDown
          ? label?.word && label.word.kind !== 'area'
            ? label.word.label
            : 'Aktivitet'
          : depth === 1 && kind === 'goal'
            ? 'Aktivitet'
            : 'Delaktivitet',
      number: number !== null ? String(number) : null,
      text: piece.text,
      spans: piece.spans,
      confidence: label?.word ? 0.95 : 0.75,
      reason: label?.word ? `punkt under "${label.text}"` : 'punkt i lista',
      matrixUnits: [],
      extra: [],
      children: [],
    };
    if (parent) parent.node.children.push(node);
    else top.push(node);
    stack.push({ piece, indent, numbered, number, node });
  }
  // "Delmål 2" over a single statement with its activities: the label's number is the statement's.
  if (label?.number && top.length === 1 && top[0]) {
    top[0].number = label.number;
    top[0].spans = [...label.spans, ...top[0].spans];
  }
  if (label?.word?.kind === 'goal') for (const t of top) t.kind = 'goal';
  return top;
}

/** "Delmål" after an overall goal belongs to it: the word itself says it is a part. */
function nestSubGoals(nodes: DraftNode[]): void {
  let parent: DraftNode | null = null;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as DraftNode;
    if (node.kind === 'area') parent = null;
    if (node.kind === 'goal' && /^övergripande|^huvud|^inriktnings/iu.test(node.label)) {
      parent = node;
      continue;
    }
    if (parent && node.kind === 'goal' && /^del/iu.test(node.label)) {
      parent.children.push(node);
      nodes.splice(i, 1);
      i--;
    }
  }
}

export type { Classified, Section };
export const forTests = { isLabel, labelOf, listItems };

export function toOutlineNode(d: DraftNode): OutlineNode {
  return {
    kind: d.kind,
    label: d.label,
    number: d.number,
    text: d.text,
    responsible: [],
    due: null,
    recurrence: null,
    period: null,
    target: null,
    frameworks: [],
    children: d.children.map(toOutlineNode),
  };
}
