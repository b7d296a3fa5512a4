/**
 * Regenerates the plan-import fixtures: each plain-text plan in test/fixtures/plan-import/ also as the Word
 * document and the PDF a municipality would have made of it (Title and Heading styles, real Word numbering,
 * real tables; a printed PDF with running footers), plus the small bad files the importer must refuse.
 *
 *   node --import tsx scripts/make-import-fixtures.ts
 *
 * Headings are chosen from the text (short standalone lines) helped by the hand-made transcriptions in
 * data/plans: that is only to make realistic fixtures, the importer itself never sees data/plans.
 * Needs Chromium (apt-get install -y chromium, or CHROMIUM_PATH) for the PDFs.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  type LevelFormat,
  Packer,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  LeaderType,
  type INumberingOptions,
} from 'docx';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PdfPrinter from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { chromium } from 'playwright-core';
import JSZip from 'jszip';
import { extractTxt } from '../src/capabilities/plan-import/extract-txt.ts';
import { roboto } from '../src/capabilities/reports/fonts.ts';
import type { SourceBlock } from '../src/capabilities/plan-import/source.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'test/fixtures/plan-import');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Fixed so regenerated files differ only where the content did.
const FIXED_DATE = new Date('2024-01-01T00:00:00Z');

type Run = { text: string; italic: boolean; bold: boolean };
type Node =
  | { t: 'title'; text: string }
  | { t: 'heading'; level: number; text: string; number: number | null }
  | { t: 'para'; runs: Run[]; bold: boolean }
  | { t: 'item'; level: number; format: 'bullet' | 'decimal' | 'lowerLetter' | 'upperLetter'; number: number; suffix: string; runs: Run[] }
  | { t: 'table'; rows: { text: string; check: boolean | null }[][] }
  | { t: 'toc'; text: string; page: string };

interface Outline {
  title: string;
  nodes: OutlineNode[];
}
interface OutlineNode {
  kind: string;
  label: string;
  number: string | null;
  text: string;
  children: OutlineNode[];
}

/** The depth at which each heading-like text of the transcription stands: note labels, area texts, "Delmål 2". */
function headingDepths(outline: Outline): Map<string, number> {
  const depths = new Map<string, number>();
  const put = (text: string, depth: number): void => {
    const key = text.trim();
    if (key !== '' && (depths.get(key) ?? 99) > depth) depths.set(key, depth);
  };
  const walk = (nodes: OutlineNode[], depth: number): void => {
    for (const n of nodes) {
      if (n.kind === 'note') put(n.label, depth);
      if (n.kind === 'area') put(n.text, depth);
      if (n.kind === 'goal' || n.kind === 'area') {
        put(n.label, depth);
        if (n.number) put(`${n.label} ${n.number}`, depth);
      }
      walk(n.children, depth + 1);
    }
  };
  walk(outline.nodes, 0);
  return depths;
}

const EMPHASIS = /(^|[\s(“”"'])(\*{1,2})(\S(?:[^*]*?\S)?)\2(?=$|[\s.,;:!?)”"'])/gu;

/** Markdown emphasis in a line as Word runs; falls back to plain words where the markers do not pair up. */
function runsOf(raw: string, expected: string): Run[] {
  const runs: Run[] = [];
  let last = 0;
  for (const m of raw.matchAll(EMPHASIS)) {
    const at = (m.index ?? 0) + (m[1] ?? '').length;
    runs.push({ text: raw.slice(last, at), italic: false, bold: false });
    runs.push({ text: m[3] ?? '', italic: m[2] === '*', bold: m[2] === '**' });
    last = at + (m[2] ?? '').length * 2 + (m[3] ?? '').length;
  }
  runs.push({ text: raw.slice(last), italic: false, bold: false });
  const folded = runs.map((r) => ({ ...r, text: r.text.replace(/[\t\u00a0 ]+/gu, ' ') })).filter((r) => r.text !== '');
  const first = folded[0];
  if (first) first.text = first.text.trimStart();
  const lastRun = folded[folded.length - 1];
  if (lastRun) lastRun.text = lastRun.text.trimEnd();
  return folded.map((r) => r.text).join('') === expected ? folded : [{ text: expected, italic: false, bold: false }];
}

function headingLike(text: string, generic = true): boolean {
  return (
    text.length <= 70 &&
    text.split(' ').length <= 9 &&
    /^[A-ZÅÄÖÉ0-9]/u.test(text) &&
    !/[.,;:!?–-]$/u.test(text) &&
    !/["”“]/u.test(text) &&
    !/\d{4}-\d{2}-\d{2}/u.test(text) &&
    (!generic || text !== text.toUpperCase())
  );
}

function listFormat(marker: string): { format: 'bullet' | 'decimal' | 'lowerLetter' | 'upperLetter'; number: number; suffix: string } {
  const m = /^(\d+|[a-zA-Z])([.)])$/u.exec(marker);
  if (!m) return { format: 'bullet', number: 1, suffix: '' };
  const n = m[1] ?? '1';
  if (/\d/u.test(n)) return { format: 'decimal', number: Number(n), suffix: m[2] ?? '.' };
  const lower = n.toLowerCase();
  return { format: n === lower ? 'lowerLetter' : 'upperLetter', number: lower.charCodeAt(0) - 96, suffix: m[2] ?? '.' };
}

/** The plan as the document model both renderers share. */
function planNodes(raw: string, outline: Outline): Node[] {
  const source = extractTxt(raw);
  const depths = headingDepths(outline);
  const blocks = source.blocks;
  const title = outline.title.toLowerCase();
  const nodes: Node[] = [];
  let titleAt = -1;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const prev = blocks[i - 1];
    const next = blocks[i + 1];
    const rawLine = source.text.slice(b.start, b.end);
    const lower = b.text.toLowerCase();
    if (b.kind === 'paragraph' && titleAt < 0 && lower.length > 3 && (lower.startsWith(title) || title.startsWith(lower))) {
      titleAt = i;
      nodes.push({ t: 'title', text: b.text });
      continue;
    }
    if (b.kind === 'paragraph' && titleAt === i - 1 && titleAt >= 0 && title.includes(lower)) {
      nodes.push({ t: 'title', text: b.text });
      continue;
    }
    const lastNode = nodes[nodes.length - 1];
    if (rawLine.includes('\t') && lastNode?.t === 'table') {
      // A row the text reading took for a contents line or a paragraph because most of its cells are empty.
      lastNode.rows.push(rawLine.split('\t').map((c) => ({ text: c.replace(/\s+/gu, ' ').trim(), check: null })));
      continue;
    }
    if (b.kind === 'toc-entry') {
      const page = /(\d+)\s*$/u.exec(rawLine)?.[1] ?? '';
      nodes.push({ t: 'toc', text: b.text, page });
      continue;
    }
    if (b.kind === 'table-row') {
      if (b.cells!.every((c) => c === '')) continue;
      const row = b.cells!.map((text, k) => ({ text, check: b.checks?.[k] ?? null }));
      if (lastNode?.t === 'table' && prev?.kind === 'table-row') lastNode.rows.push(row);
      else nodes.push({ t: 'table', rows: [row] });
      continue;
    }
    if (b.kind === 'list-item') {
      const alone = prev?.kind !== 'list-item' && next?.kind !== 'list-item';
      const f = listFormat(b.marker ?? '-');
      if (alone && f.format === 'decimal' && headingLike(b.text)) {
        const depth = depths.get(b.text);
        nodes.push({ t: 'heading', level: (depth ?? 0) + 1, text: b.text, number: f.number });
        continue;
      }
      const body = rawLine.replace(/^\s*(?:[-*•●○▪◦–]\s+)?(?:(?:\d{1,2}|[a-zA-Z])[.)](?:\*{1,2})?\s+)?/u, '');
      nodes.push({ t: 'item', level: b.indent, ...f, runs: runsOf(body, b.text) });
      continue;
    }
    if (b.kind !== 'paragraph' || !/\p{L}/u.test(b.text)) continue;
    const depth = depths.get(b.text);
    const standalone = next !== undefined && next.kind !== 'toc-entry' && titleAt >= 0;
    if (depth !== undefined && standalone && headingLike(b.text, false) && (next.kind !== 'table-row' || depth === 0)) {
      nodes.push({ t: 'heading', level: depth + 1, text: b.text, number: null });
      continue;
    }
    if (
      standalone &&
      headingLike(b.text) &&
      !isHeading(nodes[nodes.length - 1]) &&
      next.kind !== 'heading' &&
      paragraphFollows(blocks, i)
    ) {
      nodes.push({ t: 'heading', level: 1, text: b.text, number: null });
      continue;
    }
    nodes.push({ t: 'para', runs: runsOf(rawLine.trim().replace(/^\*\*(.+)\*\*$/u, '$1'), b.text), bold: b.bold });
  }
  return nestStrayBullets(nodes);
}

function isHeading(n: Node | undefined): boolean {
  return n?.t === 'heading' || n?.t === 'title';
}

/** A generic heading must introduce longer content, not be one of a run of short lines (a cover page, an address). */
function paragraphFollows(blocks: SourceBlock[], i: number): boolean {
  const next = blocks[i + 1];
  if (!next) return false;
  if (next.kind === 'table-row') return false;
  return next.kind !== 'paragraph' || next.text.length > 70 || /[.:;]$/u.test(next.text);
}

/**
 * Plain-text exports flatten a bulleted sub-point under a numbered item to the item's own indentation
 * ("2. Skapa …" / "- Tillsammans …" / "3. Utveckla …"). Word cannot number across such a bullet at the same level,
 * and the original had it one level deeper, so it goes there.
 */
function nestStrayBullets(nodes: Node[]): Node[] {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.t !== 'item' || n.format !== 'bullet') continue;
    for (let j = i - 1; j >= 0; j--) {
      const p = nodes[j]!;
      if (p.t !== 'item') break;
      if (p.level > n.level) continue;
      if (p.level === n.level && p.format !== 'bullet') n.level += 1;
      break;
    }
  }
  return nodes;
}

// ---------------------------------------------------------------------------------------------- Word

interface ListRun {
  reference: string;
  level: number;
  format: string;
  next: number;
}

function wordRuns(runs: Run[]): TextRun[] {
  return runs.map((r) => new TextRun({ text: r.text, italics: r.italic || undefined, bold: r.bold || undefined }));
}

async function toDocx(nodes: Node[], shortTitle: string): Promise<Buffer> {
  const config: INumberingOptions['config'][number][] = [];
  const children: (Paragraph | Table)[] = [];
  let stack: ListRun[] = [];
  const newList = (level: number, format: string, start: number, suffix: string): ListRun => {
    const reference = `list-${config.length + 1}`;
    const bullets = ['•', '◦', '▪'];
    config.push({
      reference,
      levels: [
        {
          level,
          format: format as (typeof LevelFormat)[keyof typeof LevelFormat],
          text: format === 'bullet' ? (bullets[level % 3] ?? '•') : `%${level + 1}${suffix}`,
          start,
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
        },
      ],
    });
    return { reference, level, format, next: start };
  };
  for (const n of nodes) {
    if (n.t !== 'item') stack = [];
    switch (n.t) {
      case 'title':
        children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(n.text)] }));
        break;
      case 'heading': {
        const heading = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4][n.level - 1];
        const numbering = n.number === null ? undefined : { reference: newList(0, 'decimal', n.number, '.').reference, level: 0 };
        children.push(new Paragraph({ heading: heading ?? HeadingLevel.HEADING_4, numbering, children: [new TextRun(n.text)] }));
        break;
      }
      case 'para':
        children.push(new Paragraph({ children: wordRuns(n.runs.map((r) => ({ ...r, bold: r.bold || n.bold }))) }));
        break;
      case 'toc':
        children.push(
          new Paragraph({
            style: 'TOC1',
            tabStops: [{ type: TabStopType.RIGHT, position: 9000, leader: LeaderType.DOT }],
            children: [new TextRun(n.text), new TextRun({ children: [new Tab(), n.page] })],
          }),
        );
        break;
      case 'item': {
        stack = stack.filter((s) => s.level <= n.level);
        let run = stack.find((s) => s.level === n.level);
        if (!run || run.format !== n.format || (n.format !== 'bullet' && run.next !== n.number)) {
          stack = stack.filter((s) => s.level < n.level);
          run = newList(n.level, n.format, n.number, n.suffix);
          stack.push(run);
        }
        run.next = n.number + 1;
        children.push(new Paragraph({ numbering: { reference: run.reference, level: n.level }, children: wordRuns(n.runs) }));
        break;
      }
      case 'table': {
        const width = Math.max(...n.rows.map((r) => r.length));
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: n.rows.map(
              (row) =>
                new TableRow({
                  children: Array.from({ length: width }, (_, k) => {
                    const c = row[k];
                    const text =
                      c?.check === null || c === undefined ? (c?.text ?? '') : `${c.check ? '☒' : '☐'}${c.text ? ' ' + c.text : ''}`;
                    return new TableCell({ children: [new Paragraph(text)] });
                  }),
                }),
            ),
          }),
        );
        children.push(new Paragraph(''));
        break;
      }
    }
  }
  const doc = new Document({
    creator: 'Delaktig testdata',
    title: shortTitle,
    styles: {
      default: { document: { run: { font: 'Calibri', size: 22 } } },
      paragraphStyles: [{ id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', run: {} }],
    },
    numbering: { config },
    sections: [{ children }],
  });
  return fixDocxDates(await Packer.toBuffer(doc));
}

/** docx stamps the current time into docProps/core.xml; a fixed one keeps regenerated files stable. */
async function fixDocxDates(buffer: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const core = zip.file('docProps/core.xml');
  if (core) {
    const xml = (await core.async('string')).replace(
      /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/gu,
      FIXED_DATE.toISOString().replace(/\.\d+Z$/u, 'Z'),
    );
    zip.file('docProps/core.xml', xml);
  }
  for (const f of Object.values(zip.files)) f.date = FIXED_DATE;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// ---------------------------------------------------------------------------------------------- PDF

function esc(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

function htmlRuns(runs: Run[]): string {
  return runs.map((r) => (r.italic ? `<em>${esc(r.text)}</em>` : r.bold ? `<strong>${esc(r.text)}</strong>` : esc(r.text))).join('');
}

function toHtml(nodes: Node[], shortTitle: string): string {
  const out: string[] = [];
  // Open lists as [tag, level]; an item closes deeper lists and, at its level, a list of another kind or count.
  const open: { tag: string; level: number; next: number; format: string }[] = [];
  const closeTo = (level: number): void => {
    while (open.length > 0 && open[open.length - 1]!.level > level) out.push(`</li></${open.pop()!.tag}>`);
  };
  for (const n of nodes) {
    if (n.t !== 'item') {
      closeTo(-1);
    }
    switch (n.t) {
      case 'title':
        out.push(`<h1 class="title">${esc(n.text)}</h1>`);
        break;
      case 'heading':
        out.push(`<h${n.level + 1}>${n.number === null ? '' : `${n.number}. `}${esc(n.text)}</h${n.level + 1}>`);
        break;
      case 'para':
        out.push(`<p${n.bold ? ' class="bold"' : ''}>${htmlRuns(n.runs)}</p>`);
        break;
      case 'toc':
        out.push(`<p class="toc"><span>${esc(n.text)}</span><span class="dots">${'.'.repeat(120)}</span><span>${esc(n.page)}</span></p>`);
        break;
      case 'item': {
        closeTo(n.level);
        const top = open[open.length - 1];
        const tag = n.format === 'bullet' ? 'ul' : 'ol';
        const continues = top && top.level === n.level && top.format === n.format && (tag === 'ul' || top.next === n.number);
        if (top && top.level === n.level && !continues) out.push(`</li></${open.pop()!.tag}>`);
        const now = open[open.length - 1];
        if (now && now.level === n.level) {
          out.push('</li>');
        } else {
          const type = n.format === 'lowerLetter' ? ' type="a"' : n.format === 'upperLetter' ? ' type="A"' : '';
          const start = tag === 'ol' && n.number !== 1 ? ` start="${n.number}"` : '';
          out.push(`<${tag}${type}${start} class="l${n.level % 3}${n.suffix === ')' ? ' paren' : ''}">`);
          open.push({ tag, level: n.level, next: n.number, format: n.format });
        }
        open[open.length - 1]!.next = n.number + 1;
        out.push(`<li>${htmlRuns(n.runs)}`);
        break;
      }
      case 'table': {
        const width = Math.max(...n.rows.map((r) => r.length));
        const rows = n.rows.map(
          (row) =>
            `<tr>${Array.from({ length: width }, (_, k) => {
              const c = row[k];
              const box = c?.check === null || c === undefined ? '' : `<span class="box">${c.check ? '☒' : '☐'}</span> `;
              return `<td>${box}${esc(c?.text ?? '')}</td>`;
            }).join('')}</tr>`,
        );
        out.push(`<table>${rows.join('')}</table>`);
        break;
      }
    }
  }
  closeTo(-1);
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${esc(shortTitle)}</title><style>
  body { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; line-height: 1.35; }
  h1.title { font-size: 22pt; margin: 0 0 8pt; }
  h2 { font-size: 16pt; margin: 16pt 0 6pt; }
  h3 { font-size: 13pt; margin: 12pt 0 4pt; }
  h4 { font-size: 11.5pt; margin: 10pt 0 4pt; }
  p { margin: 0 0 7pt; }
  p.bold { font-weight: bold; }
  p.toc { display: flex; margin: 0 0 2pt; white-space: nowrap; overflow: hidden; }
  p.toc .dots { flex: 1; overflow: hidden; }
  ul.l0 { list-style-type: '•  '; } ul.l1 { list-style-type: '◦  '; } ul.l2 { list-style-type: '▪  '; }
  ol.paren > li::marker { content: counter(list-item) ')  '; }
  li { margin: 0 0 4pt; }
  table { border-collapse: collapse; width: 100%; margin: 0 0 10pt; font-size: 9pt; }
  td { border: 0.5pt solid #444; padding: 3pt 6pt; vertical-align: top; }
  .box { font-size: 11pt; }
</style></head><body>${out.join('\n')}</body></html>`;
}

function footer(shortTitle: string): string {
  return `<div style="font-family: 'DejaVu Sans', sans-serif; font-size: 8px; width: 100%; margin: 0 20mm; display: flex; justify-content: space-between;"><span>${esc(
    shortTitle,
  )}</span><span>Sida <span class="pageNumber"></span> av <span class="totalPages"></span></span></div>`;
}

// ------------------------------------------------------------------------------------------ bad files

function pdfmakeFile(definition: TDocumentDefinitions): Promise<Buffer> {
  const printer = new PdfPrinter({
    Roboto: {
      normal: roboto('Roboto-Regular.ttf'),
      bold: roboto('Roboto-Medium.ttf'),
      italics: roboto('Roboto-Italic.ttf'),
      bolditalics: roboto('Roboto-MediumItalic.ttf'),
    },
  });
  const doc = printer.createPdfKitDocument({ info: { creationDate: FIXED_DATE, modDate: FIXED_DATE } as never, ...definition });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

async function badFiles(someDocx: Buffer): Promise<void> {
  await writeFile(join(dir, 'empty.txt'), '');
  await writeFile(join(dir, 'corrupt.docx'), someDocx.subarray(0, Math.floor(someDocx.length / 3)));
  await writeFile(
    join(dir, 'encrypted.pdf'),
    await pdfmakeFile({
      userPassword: 'hemligt',
      ownerPassword: 'hemligt',
      content: [{ text: 'Integrationsplan', fontSize: 20 }, 'Detta dokument är skyddat med lösenord.'],
    } as TDocumentDefinitions),
  );
  await writeFile(
    join(dir, 'not-a-plan.pdf'),
    await pdfmakeFile({
      content: [
        { text: 'Kanelbullar', fontSize: 20, bold: true, margin: [0, 0, 0, 8] },
        'Blanda smör, socker och kanel till fyllning. Kavla ut degen, bred på fyllningen och rulla ihop.',
        'Skär i bitar, lägg i formar och grädda i 225 grader i cirka åtta minuter.',
      ],
    }),
  );
  await writeFile(
    join(dir, 'scanned.pdf'),
    await pdfmakeFile({
      content: [
        {
          canvas: [
            { type: 'rect', x: 0, y: 0, w: 480, h: 640, color: '#d8d4c8' },
            { type: 'rect', x: 40, y: 60, w: 400, h: 12, color: '#555555' },
          ],
        },
      ],
    }),
  );
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.txt') && f !== 'empty.txt').sort();
  const outlines = await Promise.all(
    (await readdir(join(root, 'data/plans')))
      .filter((f) => f.endsWith('.json'))
      .map(async (f) => JSON.parse(await readFile(join(root, 'data/plans', f), 'utf8')) as Outline & { source?: { file?: string } }),
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  let firstDocx: Buffer | undefined;
  // The benchmark's "30-page plan": the five plans one after another, twice, as one document.
  const everything: Node[] = [];
  const render = async (nodes: Node[], shortTitle: string) => {
    const page = await browser.newPage();
    await page.setContent(toHtml(nodes, shortTitle), { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      margin: { top: '20mm', bottom: '22mm', left: '20mm', right: '20mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footer(shortTitle),
      tagged: false,
    });
    await page.close();
    return stripPdfDates(pdf);
  };
  try {
    for (const name of names) {
      const base = name.replace(/\.txt$/u, '');
      const outline = outlines.find((o) => o.source?.file === name);
      if (!outline) {
        // Heading levels come from the transcription; a plain-text case without one stays plain text.
        console.log(`${base}: no transcription in data/plans, left as text only`);
        continue;
      }
      const nodes = planNodes(await readFile(join(dir, name), 'utf8'), outline);
      const shortTitle = outline.title;
      const docx = await toDocx(nodes, shortTitle);
      firstDocx ??= docx;
      await writeFile(join(dir, `${base}.docx`), docx);
      const pdf = await render(nodes, shortTitle);
      await writeFile(join(dir, `${base}.pdf`), pdf);
      everything.push(...nodes);
      console.log(`${base}: ${nodes.length} parts, docx ${docx.length} B, pdf ${pdf.length} B`);
    }
    const long = [...everything, ...everything];
    const longDir = join(root, 'bench/fixtures');
    await mkdir(longDir, { recursive: true });
    await writeFile(join(longDir, 'long-plan.docx'), await toDocx(long, 'Fem planer, två gånger'));
    await writeFile(join(longDir, 'long-plan.pdf'), await render(long, 'Fem planer, två gånger'));
    console.log(`long-plan: ${long.length} parts`);
  } finally {
    await browser.close();
  }
  if (firstDocx) await badFiles(firstDocx);
}

/** Chromium writes the current time into the PDF's info dictionary. */
function stripPdfDates(pdf: Buffer): Buffer {
  const text = pdf
    .toString('latin1')
    .replace(/\(D:\d{14}[^)]*\)/gu, (m) => `(D:20240101000000+00'00'${' '.repeat(Math.max(0, m.length - 26))})`);
  return Buffer.from(text, 'latin1');
}

await main();
