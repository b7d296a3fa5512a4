import { block, cleanText, type SourceBlock, type SourceDocument } from './source.ts';

/**
 * Plain text: one block per line. Layout hints come from the characters themselves: list markers and their
 * indentation, pipe or tab tables (with HTML check boxes, as converters write them), dot-leader contents lines.
 */

const LIST = /^(\s*)(?:([-*•●○▪◦–])\s+)?(?:(\d{1,2}|[a-zA-Z])([.)])(?:\*{1,2})?\s+)?(.*)$/u;
const TOC = /^(.{2,120}?)(?:\s*\.{3,}\s*|\t+)(\d{1,3})\s*$/u;
const RULE = /^\s*(?:-\s*)?\|?[\s|:-]*-{3,}[\s|:-]*$/u;
const CHECKBOX = /<input[^>]*type="checkbox"[^>]*>/iu;

export function extractTxt(raw: string): SourceDocument {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const blocks: SourceBlock[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (line.trim() === '' || RULE.test(line)) continue;
    const lead = line.length - line.trimStart().length;
    const start = lineStart + lead;
    const end = lineStart + line.trimEnd().length;
    const parsed = parseLine(line);
    if (parsed) blocks.push({ ...parsed, start, end });
  }
  return { format: 'txt', text, blocks, pages: null };
}

function parseLine(line: string): Omit<SourceBlock, 'start' | 'end'> | null {
  const trimmed = line.trim();
  if (/^(?:-\s*)?\|/u.test(trimmed)) return tableRow(trimmed.replace(/^-\s*/u, '').split('|').slice(1, -1));
  const toc = TOC.exec(trimmed);
  if (toc && !/\t.*\t/u.test(trimmed)) return strip(block({ kind: 'toc-entry', text: cleanText(toc[1] ?? ''), start: 0, end: 0 }));
  if (trimmed.includes('\t')) {
    const cells = trimmed.split('\t');
    if (cells.filter((c) => c.trim() !== '').length >= 2) return tableRow(cells);
  }
  const m = LIST.exec(line);
  if (m && (m[2] || m[3])) {
    const lead = (m[1] ?? '').replace(/\t/g, '  ').length;
    const words = cleanText(m[5] ?? '');
    const number = m[3] ? `${m[3]}${m[4]}` : null;
    // "- 1.** text": a bulleted line that carries its own number counts as numbered.
    if (words !== '' || number) {
      return strip(block({ kind: 'list-item', text: words, start: 0, end: 0, marker: number ?? m[2] ?? '-', indent: Math.ceil(lead / 2) }));
    }
  }
  const words = cleanText(trimmed);
  if (words === '' || /^[○◦•]$/u.test(words)) return null;
  return strip(block({ kind: 'paragraph', text: words, start: 0, end: 0, bold: /^\*\*.+\*\*$/u.test(trimmed) }));
}

function tableRow(rawCells: string[]): Omit<SourceBlock, 'start' | 'end'> {
  const checks = rawCells.map((c) => (CHECKBOX.test(c) ? /checked/iu.test(c) : null));
  const cells = rawCells.map((c) => cleanText(c.replace(/<[^>]+>/gu, ' ')));
  return strip(
    block({
      kind: 'table-row',
      text: cells.filter((c) => c !== '').join(' | '),
      start: 0,
      end: 0,
      cells,
      checks: checks.some((c) => c !== null) ? checks : null,
    }),
  );
}

function strip(b: SourceBlock): Omit<SourceBlock, 'start' | 'end'> {
  const rest: Partial<SourceBlock> = { ...b };
  delete rest.start;
  delete rest.end;
  return rest as Omit<SourceBlock, 'start' | 'end'>;
}
