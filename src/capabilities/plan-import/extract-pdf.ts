import { Worker } from 'node:worker_threads';
import { AppError } from '../../kernel/errors.ts';
import { assembleText, block, type SourceBlock } from './source.ts';
import type { SourceDocument } from './source.ts';

/**
 * PDF: only positioned glyph runs, so the layout is read back from geometry. Runs become lines (same baseline),
 * lines become blocks: headings by font size (or a short bold line), list items by a leading marker, table rows by
 * wide column gaps, paragraphs by a shared left edge and an ordinary line pitch. Running headers and footers
 * (the same line at the top or bottom of most pages, page numbers) are dropped first.
 */

interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
}

interface Segment {
  text: string;
  x: number;
  end: number;
}

interface Line {
  page: number;
  y: number;
  x: number;
  end: number;
  size: number;
  bold: boolean;
  text: string;
  segments: Segment[];
  pageHeight: number;
}

type Part = { display: string; block: Omit<SourceBlock, 'start' | 'end'> };

const BULLET = /^([•◦▪▫●○■□‣⁃∙·\-–])\s*(.*)$/u;
const NUMBER = /^(\d{1,2}|[a-zA-Z])([.)])\s+(.*)$/u;
const TOC = /^(.{2,120}?)\s*\.{3,}\s*(\d{1,3})$/u;
const PAGE_NUMBER = /^(?:(?:sida|page|s\.)\s*)?\d{1,4}(?:\s*(?:av|\/|of)\s*\d{1,4})?$/iu;
const BOX = /^\s*([☐☒☑])\s*/u;

/** How long a PDF may take to read before it is given up as too heavy (a hostile file must not hold a thread). */
const READ_TIMEOUT_MS = 60_000;

interface PdfPage {
  height: number;
  runs: Run[];
}

interface Pending {
  resolve: (pages: PdfPage[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

let reader: { worker: Worker; pending: Map<number, Pending> } | null = null;
let nextId = 1;

/** The one worker thread that reads PDFs (pdf-text.worker.mjs), started on first use and restarted after a failure. */
function pdfReader(): { worker: Worker; pending: Map<number, Pending> } {
  if (reader) return reader;
  // No execArgv: the worker must not inherit the TypeScript loader (tsx's --import) of a process started with it.
  const worker = new Worker(new URL('./pdf-text.worker.mjs', import.meta.url), { execArgv: [] });
  const pending = new Map<number, Pending>();
  const current = { worker, pending };
  const fail = (error: Error) => {
    if (reader === current) reader = null;
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    pending.clear();
  };
  worker.on('message', (message: { id: number; pages?: PdfPage[]; error?: { name: string; message: string } }) => {
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    clearTimeout(p.timer);
    if (message.pages) p.resolve(message.pages);
    else p.reject(Object.assign(new Error(message.error?.message ?? 'okänt fel'), { name: message.error?.name ?? 'Error' }));
    if (pending.size === 0) worker.unref();
  });
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('PDF-läsaren avslutades')));
  // An idle reader must not keep a command or a test run alive.
  worker.unref();
  reader = current;
  return current;
}

/** The positioned text of every page, read in the worker thread. */
function readPages(bytes: Uint8Array): Promise<PdfPage[]> {
  const { worker, pending } = pdfReader();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // A PDF that takes this long is given up, and the reader with it: the next PDF gets a fresh one.
      pending.delete(id);
      if (reader?.worker === worker) reader = null;
      void worker.terminate();
      reject(
        new AppError('validation', 'PDF-filen tog för lång tid att läsa. Spara om den som PDF eller ladda upp den som Word-dokument.'),
      );
    }, READ_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    worker.ref();
    // Posting copies the bytes, which pdf.js needs: it takes ownership of the buffer it is given.
    worker.postMessage({ id, bytes });
  });
}

export async function extractPdf(bytes: Uint8Array): Promise<SourceDocument> {
  let pages: PdfPage[];
  try {
    pages = await readPages(bytes);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = (error as { name?: string } | null)?.name;
    if (name === 'PasswordException') {
      throw new AppError('validation', 'PDF-filen är lösenordsskyddad. Ta bort lösenordet och försök igen.');
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'validation',
      `Filen kunde inte läsas som en PDF: ${reason}. Spara om den som PDF eller ladda upp den som Word-dokument.`,
    );
  }
  const lines: Line[] = pages.flatMap((page, i) => groupLines(page.runs, i + 1, page.height));
  const kept = dropRunningLines(lines, pages.length);
  if (kept.every((l) => l.text.trim() === '')) {
    throw new AppError(
      'validation',
      'PDF-filen innehåller ingen text (är den en inskannad bild?). Ladda upp originalet från Word, eller kör texttolkning (OCR) på filen först.',
    );
  }
  const { text, blocks } = assembleText(toParts(kept));
  return { format: 'pdf', text, blocks, pages: pages.length };
}

/** Runs on one baseline (superscripts included) form a line; wide gaps split it into column segments. */
function groupLines(runs: Run[], page: number, pageHeight: number): Line[] {
  const sorted = [...runs].sort((p, q) => q.y - p.y || p.x - q.x);
  const rows: Run[][] = [];
  for (const run of sorted) {
    const row = rows.find((r) => Math.abs(r[0]!.y - run.y) <= Math.max(2, 0.4 * Math.max(r[0]!.size, run.size)));
    if (row) row.push(run);
    else rows.push([run]);
  }
  const lines: Line[] = [];
  for (const row of rows) {
    row.sort((p, q) => p.x - q.x);
    const textRuns = row.filter((r) => r.str.trim() !== '');
    if (textRuns.length === 0) continue;
    const size = mode(textRuns.map((r) => [round(r.size), r.str.length]));
    const segments: Segment[] = [];
    let current: Segment | null = null;
    let lastEnd = -Infinity;
    let space = false;
    let columnBreak = false;
    for (const run of row) {
      if (run.str.trim() === '') {
        // Printers fill the gap between table cells with one wide space run: that is a column break.
        if (run.width > 0.9 * size) columnBreak = true;
        else space = true;
        continue;
      }
      const gap = run.x - lastEnd;
      if (current && (columnBreak || gap > 0.9 * size)) {
        segments.push(current);
        current = null;
      }
      if (!current) current = { text: run.str, x: run.x, end: run.x + run.width };
      else {
        const needsSpace = (space || gap > 0.2 * size) && !/\s$/u.test(current.text) && !/^\s/u.test(run.str);
        current.text += (needsSpace ? ' ' : '') + run.str;
        current.end = run.x + run.width;
      }
      lastEnd = run.x + run.width;
      space = false;
      columnBreak = false;
    }
    if (current) segments.push(current);
    for (const s of segments)
      s.text = s.text
        .replace(/\u00ad/gu, '')
        .replace(/\s+/gu, ' ')
        .trim();
    const kept = segments.filter((s) => s.text !== '');
    if (kept.length === 0) continue;
    const letters = textRuns.reduce((sum, r) => sum + r.str.length, 0);
    const boldLetters = textRuns.filter((r) => r.bold).reduce((sum, r) => sum + r.str.length, 0);
    lines.push({
      page,
      y: row[0]!.y,
      x: kept[0]!.x,
      end: kept[kept.length - 1]!.end,
      size,
      bold: boldLetters === letters,
      text: kept.map((s) => s.text).join(' '),
      segments: kept,
      pageHeight,
    });
  }
  return lines;
}

function round(n: number): number {
  return Math.round(n * 2) / 2;
}

/** The value with the largest weight. */
function mode(pairs: [number, number][]): number {
  const weights = new Map<number, number>();
  for (const [value, weight] of pairs) weights.set(value, (weights.get(value) ?? 0) + weight);
  let best = pairs[0]?.[0] ?? 0;
  let bestWeight = -1;
  for (const [value, weight] of weights) {
    if (weight > bestWeight) {
      best = value;
      bestWeight = weight;
    }
  }
  return best;
}

/**
 * Page furniture: a line in the top or bottom tenth of its page that is a page number, or whose text (digits
 * aside) recurs in that band on at least half of the pages.
 */
function dropRunningLines(lines: Line[], pages: number): Line[] {
  const inBand = (l: Line): boolean => l.y < 0.1 * l.pageHeight || l.y > 0.9 * l.pageHeight;
  const key = (l: Line): string => l.text.replace(/\d+/gu, '#').toLowerCase();
  const seen = new Map<string, Set<number>>();
  for (const l of lines) {
    if (!inBand(l)) continue;
    const k = key(l);
    const set = seen.get(k) ?? new Set<number>();
    set.add(l.page);
    seen.set(k, set);
  }
  return lines.filter((l) => {
    if (!inBand(l)) return true;
    if (l.segments.every((s) => PAGE_NUMBER.test(s.text))) return false;
    if (pages >= 2 && (seen.get(key(l))?.size ?? 0) >= Math.max(2, Math.ceil(pages / 2))) return false;
    // A footer that pairs a short title with "Sida N av M" is furniture even on a single page.
    return !(l.segments.length > 1 && l.segments.some((s) => PAGE_NUMBER.test(s.text) && /\D/u.test(s.text)));
  });
}

// ---------------------------------------------------------------------------------------------- blocks

interface OpenBlock {
  kind: SourceBlock['kind'];
  lines: Line[];
  text: string;
  marker: string | null;
  markerX: number;
  textX: number;
  level: number | null;
  cells: string[] | null;
  checks: (boolean | null)[] | null;
  columns: number[];
}

function toParts(lines: Line[]): Part[] {
  const body = mode(lines.map((l) => [l.size, l.text.length]));
  const headingSizes = [...new Set(lines.filter((l) => l.size > body * 1.15).map((l) => l.size))].sort((p, q) => q - p);
  const levelOf = (size: number): number | null => {
    const rank = headingSizes.indexOf(size);
    return rank < 0 ? null : Math.min(6, rank + 1);
  };
  const markerXs = clusterPositions(
    lines.filter((l) => l.size <= body * 1.15 && listMarker(l.text)).map((l) => l.x),
    0.8 * body,
  );
  const indentOf = (x: number): number => {
    const k = markerXs.findIndex((c) => x <= c + 0.8 * body);
    return k < 0 ? Math.max(0, markerXs.length - 1) : k;
  };

  const blocks: OpenBlock[] = [];
  let open: OpenBlock | null = null;
  let prev: Line | null = null;
  const close = (): void => {
    if (open) blocks.push(open);
    open = null;
  };
  for (const line of lines) {
    const pitch = prev && prev.page === line.page ? prev.y - line.y : Infinity;
    // A paragraph running on over a page break: the next page's first line at the same edge, mid-sentence.
    const runsOn =
      prev !== null &&
      prev.page + 1 === line.page &&
      prev.size === line.size &&
      Math.abs(prev.x - line.x) < 2 &&
      !/[.!?:;]$/u.test(prev.text);
    const normalPitch = pitch <= 1.6 * Math.max(line.size, prev?.size ?? 0);
    const level = levelOf(line.size);
    const toc = TOC.exec(line.text);
    const marker = listMarker(line.text);
    const o = open as OpenBlock | null;

    if (level !== null) {
      if (o?.kind === 'heading' && o.level === level && normalPitch && Math.abs(o.lines[0]!.x - line.x) < 2) {
        o.lines.push(line);
        o.text += ` ${line.text}`;
      } else {
        close();
        open = newBlock('heading', line, line.text);
        open.level = level;
      }
    } else if (toc) {
      close();
      open = newBlock('toc-entry', line, toc[1] ?? '');
    } else if (line.segments.length >= 2 && !marker) {
      if (o?.kind === 'table-row' && normalPitch && continuesRow(o, line)) addToRow(o, line);
      else {
        close();
        open = tableRow(line, o?.kind === 'table-row' ? o.columns : []);
      }
    } else if (o?.kind === 'table-row' && line.segments.length === 1 && !marker && normalPitch && continuesRow(o, line)) {
      addToRow(o, line);
    } else if (
      o?.kind === 'table-row' &&
      line.segments.length === 1 &&
      !marker &&
      pitch < 2.4 * line.size &&
      alignsWithColumn(o, line, body)
    ) {
      // A row with a single filled cell, further right than a paragraph would start.
      const columns = o.columns;
      close();
      open = tableRow(line, columns);
    } else if (marker) {
      close();
      open = newBlock('list-item', line, marker.text);
      open.marker = marker.marker;
      open.markerX = line.x;
      open.textX = line.x;
    } else if (
      o?.kind === 'list-item' &&
      (normalPitch || (prev !== null && prev.page + 1 === line.page && prev.size === line.size)) &&
      line.x > o.markerX + 2
    ) {
      o.lines.push(line);
      o.text = joinLine(o.text, line.text);
    } else if (o?.kind === 'paragraph' && (normalPitch || runsOn) && Math.abs(o.lines[0]!.x - line.x) < 2 && !paragraphEnded(o, prev!)) {
      o.lines.push(line);
      o.text = joinLine(o.text, line.text);
    } else {
      close();
      open = newBlock('paragraph', line, line.text);
    }
    prev = line;
  }
  close();

  // A short bold line standing alone reads as a heading one level below the sized ones.
  const boldLevel = Math.min(6, headingSizes.length + 1);
  return blocks.map((b): Part => {
    const first = b.lines[0]!;
    const bold = b.lines.every((l) => l.bold);
    const page = first.page;
    if (
      b.kind === 'heading' ||
      (b.kind === 'paragraph' && bold && b.lines.length === 1 && b.text.length <= 80 && !/[.,;:]$/u.test(b.text))
    ) {
      const numbered = /^(\d{1,2}[.)])\s+(\S.*)$/u.exec(b.text);
      const words = numbered ? numbered[2]! : b.text;
      const marker = numbered ? numbered[1]! : null;
      const headingLevel = b.kind === 'heading' ? b.level : boldLevel;
      return {
        display: b.text,
        block: strip(block({ kind: 'heading', text: words, start: 0, end: 0, headingLevel, marker, bold, page })),
      };
    }
    if (b.kind === 'list-item') {
      return {
        display: `${b.marker} ${b.text}`,
        block: strip(
          block({ kind: 'list-item', text: b.text, start: 0, end: 0, marker: b.marker, indent: indentOf(b.markerX), bold, page }),
        ),
      };
    }
    if (b.kind === 'table-row') {
      const cells = b.cells!.map((c) => c.replace(/\s+/gu, ' ').trim());
      const checks = b.checks!;
      const hasBoxes = checks.some((c) => c !== null);
      const display = cells
        .map((c, k) => (checks[k] === null || checks[k] === undefined ? c : `${checks[k] ? '☒' : '☐'}${c ? ` ${c}` : ''}`))
        .filter((c) => c !== '')
        .join(' | ');
      return {
        display,
        block: strip(
          block({
            kind: 'table-row',
            text: cells.filter((c) => c !== '').join(' | '),
            start: 0,
            end: 0,
            cells,
            checks: hasBoxes ? checks : null,
            page,
          }),
        ),
      };
    }
    return { display: b.text, block: strip(block({ kind: b.kind, text: b.text, start: 0, end: 0, bold, page })) };
  });
}

function newBlock(kind: SourceBlock['kind'], line: Line, text: string): OpenBlock {
  return { kind, lines: [line], text, marker: null, markerX: line.x, textX: line.x, level: null, cells: null, checks: null, columns: [] };
}

function listMarker(text: string): { marker: string; text: string } | null {
  const bullet = BULLET.exec(text);
  if (bullet && (bullet[2] ?? '') !== '' && (bullet[1] !== '-' || /^-\s/u.test(text))) {
    return { marker: /^[-–]$/u.test(bullet[1] ?? '') ? '-' : '•', text: bullet[2] ?? '' };
  }
  const number = NUMBER.exec(text);
  if (number) return { marker: `${number[1]}${number[2]}`, text: number[3] ?? '' };
  return null;
}

/** End-of-line hyphenation goes only where the next line goes on in lower case; "Näringslivs- och" stays. */
function joinLine(text: string, next: string): string {
  if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(next)) return text.slice(0, -1) + next;
  return `${text} ${next}`;
}

/** A short last line that closes a sentence ends its paragraph even when the next line follows at once. */
function paragraphEnded(open: OpenBlock, last: Line): boolean {
  const widest = Math.max(...open.lines.map((l) => l.end));
  return open.lines.length > 0 && /[.!?:]$/u.test(last.text) && last.end < widest - 0.25 * (widest - last.x);
}

function clusterPositions(xs: number[], tolerance: number): number[] {
  const sorted = [...xs].sort((p, q) => p - q);
  const clusters: number[] = [];
  for (const x of sorted) {
    const last = clusters[clusters.length - 1];
    if (last === undefined || x - last > tolerance) clusters.push(x);
  }
  return clusters;
}

function tableRow(line: Line, knownColumns: number[]): OpenBlock {
  const b = newBlock('table-row', line, line.text);
  b.columns = mergeColumns(
    knownColumns,
    line.segments.map((s) => s.x),
  );
  b.cells = b.columns.map(() => '');
  b.checks = b.columns.map(() => null);
  placeSegments(b, line);
  return b;
}

function mergeColumns(known: number[], xs: number[]): number[] {
  const all = [...known];
  for (const x of xs) if (!all.some((c) => Math.abs(c - x) < 6)) all.push(x);
  return all.sort((p, q) => p - q);
}

function columnOf(b: OpenBlock, x: number): number {
  let k = 0;
  for (let i = 0; i < b.columns.length; i++) if (b.columns[i]! <= x + 6) k = i;
  return k;
}

function placeSegments(b: OpenBlock, line: Line): void {
  for (const s of line.segments) {
    const k = columnOf(b, s.x);
    let text = s.text;
    const box = BOX.exec(text);
    if (box && b.checks![k] === null) {
      b.checks![k] = box[1] !== '☐';
      text = text.slice(box[0].length);
    }
    b.cells![k] = b.cells![k] ? joinLine(b.cells![k]!, text) : text;
  }
}

/** A line that goes on the open row: each of its segments starts where a column of the row does. */
function continuesRow(b: OpenBlock, line: Line): boolean {
  if (line.segments.some((s) => BOX.test(s.text))) return false;
  return line.segments.every((s) => b.columns.some((c) => Math.abs(c - s.x) < 6));
}

function alignsWithColumn(b: OpenBlock, line: Line, body: number): boolean {
  return b.columns.slice(1).some((c) => Math.abs(c - line.x) < 6) && line.x > b.columns[0]! + body;
}

function addToRow(b: OpenBlock, line: Line): void {
  b.lines.push(line);
  placeSegments(b, line);
}

function strip(b: SourceBlock): Omit<SourceBlock, 'start' | 'end'> {
  // assembleText sets the offsets; the blocks are built with placeholders.
  const { start, end, ...rest } = b;
  void start;
  void end;
  return rest;
}
