import JSZip from 'jszip';
import mammoth from 'mammoth';
import { Parser, parseDocument } from 'htmlparser2';
import { AppError } from '../../kernel/errors.ts';
import { assembleText, block, type SourceBlock, type SourceDocument } from './source.ts';

/**
 * Word: mammoth turns the document into semantic HTML (headings from the styles, lists from the numbering,
 * tables), and the HTML is walked into blocks. mammoth keeps which paragraphs are numbered but drops the numbers
 * themselves, so those are worked out from numbering.xml beforehand and handed through mammoth inside the text.
 */

const STYLE_MAP = [
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Heading 1'] => h1:fresh",
  "p[style-name='Heading 2'] => h2:fresh",
  "p[style-name='Heading 3'] => h3:fresh",
  "p[style-name='Heading 4'] => h4:fresh",
  "p[style-name='Heading 5'] => h5:fresh",
  "p[style-name='Heading 6'] => h6:fresh",
  "p[style-name^='toc'] => p.toc:fresh",
  "p[style-name^='Innehåll'] => p.toc:fresh",
];

// Private-use characters frame a computed list label inside a paragraph's text; no document text uses them.
const LABEL_OPEN = '\uE000';
const LABEL_CLOSE = '\uE001';
const LABEL = /^\uE000([^\uE001]*)\uE001/u;
const TOC = /^(.{2,120}?)(?:\s*\.{3,}\s*|\t+)(\d{1,3})\s*$/u;
const BOX = /^\s*([☐☒☑])\s*/u;

export async function extractDocx(bytes: Uint8Array): Promise<SourceDocument> {
  let labels: (string | null)[] | null;
  try {
    labels = await numberLabels(bytes);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(error);
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        // Images only cost memory here: the importer reads words.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        transformDocument: (document: unknown) => stampLabels(document, labels),
      },
    );
    html = result.value;
  } catch (error) {
    throw unreadable(error);
  }
  const parts = new HtmlWalker().walk(html);
  const { text, blocks } = assembleText(parts);
  return { format: 'docx', text, blocks, pages: null };
}

function unreadable(error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('validation', `Filen kunde inte läsas som ett Word-dokument (.docx): ${reason}`);
}

// ------------------------------------------------------------------------------------------ numbering

interface Level {
  format: string;
  text: string;
  start: number;
}

interface Num {
  abstractId: string;
  starts: Map<number, number>;
}

/**
 * The list label Word would show for each numbered paragraph, in document order ("1.", "b)", "•"), or null when
 * the document has no numbering part. Counting follows Word: a level restarts when a shallower level advances,
 * and numbering instances of one list definition continue each other unless they override the start.
 */
async function numberLabels(bytes: Uint8Array): Promise<(string | null)[] | null> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw unreadable(error);
  }
  const documentXml = await zip.file('word/document.xml')?.async('string');
  if (documentXml === undefined) throw unreadable(new Error('word/document.xml saknas'));
  const numberingXml = await zip.file('word/numbering.xml')?.async('string');
  if (numberingXml === undefined) return null;

  const abstracts = new Map<string, Map<number, Level>>();
  const nums = new Map<string, Num>();
  const byStyle = new Map<string, { abstractId: string; level: number }>();
  {
    let abstract: Map<number, Level> | null = null;
    let abstractId = '';
    let level: (Level & { index: number }) | null = null;
    let num: Num | null = null;
    let overrideLevel = -1;
    const parser = new Parser(
      {
        onopentag(name, attrs) {
          const val = attrs['w:val'] ?? '';
          if (name === 'w:abstractNum') {
            abstractId = attrs['w:abstractNumId'] ?? '';
            abstract = new Map();
            abstracts.set(abstractId, abstract);
          } else if (name === 'w:lvl' && abstract) {
            level = { index: Number(attrs['w:ilvl'] ?? '0'), format: 'decimal', text: '', start: 1 };
            abstract.set(level.index, level);
          } else if (name === 'w:start' && level) level.start = Number(val) || 0;
          else if (name === 'w:numFmt' && level) level.format = val;
          else if (name === 'w:lvlText' && level) level.text = val;
          else if (name === 'w:pStyle' && level) byStyle.set(val, { abstractId, level: level.index });
          else if (name === 'w:num') {
            num = { abstractId: '', starts: new Map() };
            nums.set(attrs['w:numId'] ?? '', num);
          } else if (name === 'w:abstractNumId' && num) num.abstractId = val;
          else if (name === 'w:lvlOverride') overrideLevel = Number(attrs['w:ilvl'] ?? '0');
          else if (name === 'w:startOverride' && num) num.starts.set(overrideLevel, Number(val) || 0);
        },
        onclosetag(name) {
          if (name === 'w:abstractNum') abstract = null;
          else if (name === 'w:lvl') level = null;
          else if (name === 'w:num') num = null;
        },
      },
      { xmlMode: true },
    );
    parser.write(numberingXml);
    parser.end();
  }

  const counters = new Map<string, number[]>();
  const labels: (string | null)[] = [];
  const label = (abstractId: string, numId: string | null, ilvl: number): string | null => {
    const levels = abstracts.get(abstractId);
    const level = levels?.get(ilvl);
    if (!levels || !level) return null;
    const num = numId === null ? undefined : nums.get(numId);
    const key = num && num.starts.size > 0 ? `num:${numId}` : `abstract:${abstractId}`;
    const values = counters.get(key) ?? [];
    counters.set(key, values);
    const startOf = (k: number): number => num?.starts.get(k) ?? levels.get(k)?.start ?? 1;
    values[ilvl] = values[ilvl] === undefined ? startOf(ilvl) : values[ilvl] + 1;
    values.length = ilvl + 1;
    if (level.format === 'bullet') return /^[-–]$/u.test(level.text) ? '-' : '•';
    if (level.format === 'none') return null;
    const written = level.text.replace(/%([1-9])/gu, (_, d: string) => {
      const k = Number(d) - 1;
      return formatNumber(values[k] ?? startOf(k), levels.get(k)?.format ?? 'decimal');
    });
    return written.trim() === '' ? null : written.trim();
  };

  // Paragraphs in the order mammoth meets them: it reads only the fallback of alternate content.
  let choiceDepth = 0;
  let inParagraphProps = 0;
  type Props = { numId: string | null; ilvl: string | null; style: string | null };
  let current: Props | null = null;
  const stack: (Props | null)[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'mc:Choice') choiceDepth++;
        if (choiceDepth > 0) return;
        if (name === 'w:p') {
          stack.push(current);
          current = { numId: null, ilvl: null, style: null };
        } else if (name === 'w:pPr') inParagraphProps++;
        else if (current && inParagraphProps > 0) {
          if (name === 'w:numId') current.numId = attrs['w:val'] ?? null;
          else if (name === 'w:ilvl') current.ilvl = attrs['w:val'] ?? null;
          else if (name === 'w:pStyle') current.style = attrs['w:val'] ?? null;
        }
      },
      onclosetag(name) {
        if (name === 'mc:Choice') {
          choiceDepth--;
          return;
        }
        if (choiceDepth > 0) return;
        if (name === 'w:pPr') {
          inParagraphProps--;
          // The properties are complete: settle the label now, before any paragraph nested in a text box.
          const p = current;
          if (!p) return;
          if (p.numId !== null && p.numId !== '0') {
            const num = nums.get(p.numId);
            const value = num ? label(num.abstractId, p.numId, Number(p.ilvl ?? '0')) : null;
            if (num && abstracts.get(num.abstractId)?.has(Number(p.ilvl ?? '0'))) labels.push(value);
          } else if (p.numId === null && p.style !== null && byStyle.has(p.style)) {
            const s = byStyle.get(p.style)!;
            labels.push(label(s.abstractId, null, s.level));
          }
          p.numId = '#settled';
        } else if (name === 'w:p') current = stack.pop() ?? null;
      },
    },
    { xmlMode: true },
  );
  parser.write(documentXml);
  parser.end();
  return labels;
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    default:
      return String(n);
  }
}

function letters(n: number): string {
  // Word repeats the letter past z: aa, bb, …
  const k = Math.max(1, n);
  return String.fromCharCode(65 + ((k - 1) % 26)).repeat(Math.floor((k - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [value, digits] of table) {
    while (rest >= value) {
      out += digits;
      rest -= value;
    }
  }
  return out;
}

interface MammothElement {
  type: string;
  children?: MammothElement[];
  numbering?: unknown;
  value?: string;
}

/** Puts each computed label in front of its paragraph's first text, provided both counts agree. */
function stampLabels(document: unknown, labels: (string | null)[] | null): unknown {
  if (!labels) return document;
  const numbered: MammothElement[] = [];
  const visit = (element: MammothElement): void => {
    if (element.type === 'paragraph' && element.numbering) numbered.push(element);
    for (const child of element.children ?? []) visit(child);
  };
  visit(document as MammothElement);
  // A document mammoth reads differently from the plain pass (tracked changes, odd nesting) keeps mammoth's
  // own list structure and gets counted labels instead of wrong ones.
  if (numbered.length !== labels.length) return document;
  numbered.forEach((paragraph, i) => {
    const value = labels[i];
    if (value === null || value === undefined) return;
    const text = firstText(paragraph);
    if (text) text.value = `${LABEL_OPEN}${value}${LABEL_CLOSE}${text.value ?? ''}`;
  });
  return document;
}

function firstText(element: MammothElement): MammothElement | null {
  if (element.type === 'text') return element;
  for (const child of element.children ?? []) {
    const found = firstText(child);
    if (found) return found;
  }
  return null;
}

// ------------------------------------------------------------------------------------------------ HTML

interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  data?: string;
}

type Part = { display: string; block: Omit<SourceBlock, 'start' | 'end'> };

function fold(text: string): string {
  return text
    .replace(/\u00ad/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

function isElement(node: DomNode, ...names: string[]): boolean {
  return node.type !== 'text' && node.name !== undefined && names.includes(node.name);
}

class HtmlWalker {
  private readonly parts: Part[] = [];

  walk(html: string): Part[] {
    const root = parseDocument(html) as unknown as DomNode;
    this.container(root.children ?? [], 0);
    return this.parts;
  }

  private container(nodes: DomNode[], depth: number): void {
    for (const node of nodes) {
      if (node.type === 'text') {
        const words = fold(node.data ?? '');
        if (words !== '') this.paragraph(node, false);
        continue;
      }
      const name = node.name ?? '';
      if (/^h[1-6]$/u.test(name)) this.heading(node);
      else if (name === 'p') this.paragraph(node, node.attribs?.['class'] === 'toc');
      else if (name === 'ol' || name === 'ul') this.list(node, depth);
      else if (name === 'table') this.table(node);
      else this.container(node.children ?? [], depth);
    }
  }

  private push(display: string, b: Omit<SourceBlock, 'start' | 'end'>): void {
    this.parts.push({ display, block: b });
  }

  private heading(node: DomNode): void {
    const { label, text } = labelled(inlineText(node));
    const words = fold(text);
    if (words === '') return;
    const written = Number(node.name?.slice(1) ?? '1');
    const isTitle = node.attribs?.['class'] === 'title';
    const level = isTitle ? 1 : Math.min(6, written + (this.titleSeen ? 1 : 0));
    if (isTitle) this.titleSeen = true;
    const marker = label ?? null;
    this.push(
      marker ? `${marker} ${words}` : words,
      strip(block({ kind: 'heading', text: words, start: 0, end: 0, headingLevel: level, marker })),
    );
  }

  /** Set once the walk meets a Title paragraph: Heading 1 then sits one level below it, as in a printed PDF. */
  private titleSeen = false;

  private paragraph(node: DomNode, toc: boolean): void {
    const raw = node.type === 'text' ? (node.data ?? '') : inlineText(node);
    const { label, text } = labelled(raw);
    const entry = TOC.exec(text.replace(/\u00a0/gu, ' ').trim());
    if ((toc || entry) && entry) {
      const words = fold(entry[1] ?? '');
      this.push(words, strip(block({ kind: 'toc-entry', text: words, start: 0, end: 0 })));
      return;
    }
    const words = fold(text);
    if (words === '') return;
    const bold = node.type !== 'text' && wholeBold(node);
    this.push(
      label ? `${label} ${words}` : words,
      strip(block({ kind: 'paragraph', text: words, start: 0, end: 0, bold, marker: label ?? null })),
    );
  }

  private list(node: DomNode, depth: number): void {
    const ordered = node.name === 'ol';
    let n = ordered ? Number(node.attribs?.['start'] ?? '1') || 1 : 0;
    for (const li of node.children ?? []) {
      if (!isElement(li, 'li')) continue;
      const own: DomNode[] = [];
      const nested: DomNode[] = [];
      for (const child of li.children ?? []) (isElement(child, 'ol', 'ul', 'table') ? nested : own).push(child);
      const { label, text } = labelled(own.map((c) => (c.type === 'text' ? (c.data ?? '') : ` ${inlineText(c)} `)).join(''));
      const words = fold(text);
      const marker = label ?? (ordered ? `${n}.` : '•');
      if (words !== '' || label) {
        const bold = own.length > 0 && own.every((c) => (c.type === 'text' ? fold(c.data ?? '') === '' : wholeBold(c)));
        this.push(`${marker} ${words}`, strip(block({ kind: 'list-item', text: words, start: 0, end: 0, marker, indent: depth, bold })));
      }
      n++;
      for (const child of nested) {
        if (isElement(child, 'table')) this.table(child);
        else this.list(child, depth + 1);
      }
    }
  }

  private table(node: DomNode): void {
    const rows: DomNode[] = [];
    const collect = (n: DomNode): void => {
      for (const c of n.children ?? []) {
        if (isElement(c, 'tr')) rows.push(c);
        else if (isElement(c, 'thead', 'tbody', 'tfoot')) collect(c);
      }
    };
    collect(node);
    for (const tr of rows) {
      const nestedTables: DomNode[] = [];
      const cells: string[] = [];
      const checks: (boolean | null)[] = [];
      for (const td of tr.children ?? []) {
        if (!isElement(td, 'td', 'th')) continue;
        // A table inside a cell comes out as its own rows after this one: its cells do not line up with ours.
        const content = (td.children ?? []).filter((c) => {
          if (isElement(c, 'table')) nestedTables.push(c);
          return !isElement(c, 'table');
        });
        let text = fold(content.map((c) => (c.type === 'text' ? (c.data ?? '') : ` ${inlineText(c)} `)).join(''));
        text = text.replace(new RegExp(`${LABEL_OPEN}([^${LABEL_CLOSE}]*)${LABEL_CLOSE}`, 'gu'), '$1 ');
        const box = BOX.exec(text);
        checks.push(box ? box[1] !== '☐' : null);
        if (box) text = text.slice(box[0].length);
        cells.push(fold(text));
      }
      if (cells.some((c) => c !== '') || checks.some((c) => c !== null)) {
        const hasBoxes = checks.some((c) => c !== null);
        const words = cells.filter((c) => c !== '').join(' | ');
        const display = cells
          .map((c, k) => (checks[k] === null ? c : `${checks[k] ? '☒' : '☐'}${c ? ` ${c}` : ''}`))
          .filter((c) => c !== '')
          .join(' | ');
        this.push(display, strip(block({ kind: 'table-row', text: words, start: 0, end: 0, cells, checks: hasBoxes ? checks : null })));
      }
      for (const nested of nestedTables) this.table(nested);
    }
  }
}

function labelled(raw: string): { label: string | null; text: string } {
  const trimmed = raw.replace(/^\s+/u, '');
  const m = LABEL.exec(trimmed);
  if (!m) return { label: null, text: raw.replace(new RegExp(`${LABEL_OPEN}[^${LABEL_CLOSE}]*${LABEL_CLOSE}`, 'gu'), '') };
  return { label: m[1] || null, text: trimmed.slice(m[0].length) };
}

/** Visible text of inline content: footnote references dropped, line breaks as spaces. */
function inlineText(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  if (isElement(node, 'br')) return ' ';
  // Note references ("[1]") and the notes' links back ("↑") are navigation, not words.
  if (isElement(node, 'a') && /^#(?:footnote|endnote)-/u.test(node.attribs?.['href'] ?? '')) return '';
  if (isElement(node, 'input') && node.attribs?.['type'] === 'checkbox') return 'checked' in (node.attribs ?? {}) ? '☒' : '☐';
  const inner = (node.children ?? []).map(inlineText).join('');
  return isElement(node, 'p', 'div', 'li') ? ` ${inner} ` : inner;
}

/** Whether every word of the node is inside <strong>. */
function wholeBold(node: DomNode): boolean {
  let plain = 0;
  let strong = 0;
  const visit = (n: DomNode, inStrong: boolean): void => {
    if (n.type === 'text') {
      const length = fold(n.data ?? '').replace(LABEL, '').length;
      if (inStrong) strong += length;
      else plain += length;
      return;
    }
    const s = inStrong || isElement(n, 'strong', 'b');
    for (const c of n.children ?? []) visit(c, s);
  };
  visit(node, false);
  return strong > 0 && plain === 0;
}

function strip(b: SourceBlock): Omit<SourceBlock, 'start' | 'end'> {
  // assembleText sets the offsets; the blocks are built with placeholders.
  const { start, end, ...rest } = b;
  void start;
  void end;
  return rest;
}
