/** The report as an archival PDF: what was sent to the board, as it was, with its fonts embedded. */
import { createRequire } from 'node:module';
import PdfPrinter from 'pdfmake';
import type { Content, ContentTable, ContentText, CustomTableLayout, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';
import { layoutReport, type Block, type Run, type TableBlock } from './layout.ts';
import type { Progress, ReportModel } from './model.ts';
import { roboto } from './fonts.ts';
import { exampleMarking } from './text.ts';

const require = createRequire(import.meta.url);

// A4 in points, 2 cm margins; the top leaves room for the running header.
const pageWidth = 595.28;
const sideMargin = 56;
const contentWidth = pageWidth - 2 * sideMargin;
const indentStep = 14;
const accent = '#1F4E79';
const muted = '#555555';
const warning = '#B33C00';

let printer: PdfPrinter | undefined;

/** One printer per process: it holds the fonts, parsed once (see `parseFontsOnce`). */
function getPrinter(): PdfPrinter {
  if (!printer) {
    const faces = {
      normal: roboto('Roboto-Regular.ttf'),
      bold: roboto('Roboto-Medium.ttf'),
      italics: roboto('Roboto-Italic.ttf'),
      bolditalics: roboto('Roboto-MediumItalic.ttf'),
    };
    parseFontsOnce(Object.values(faces));
    const fonts: TFontDictionary = { Roboto: faces };
    printer = new PdfPrinter(fonts);
  }
  return printer;
}

interface Fontkit {
  create(buffer: Buffer, postscriptName?: string): unknown;
}

/**
 * pdfkit parses each font afresh for every document (`fontkit.create` in `PDFFontFactory.open`), and fontkit
 * then decodes the metrics of every glyph the document uses from the font's tables again: a quarter of the PDF's
 * time for the board's report of a 300-item plan. The parsed font is read-only to pdfkit — each document makes its
 * own subset, widths and layout cache from it, and fontkit reads its tables synchronously — so the same parsed
 * font, with its glyphs decoded once, serves every document. Only the buffers given here are kept.
 */
function parseFontsOnce(buffers: Buffer[]): void {
  // The fontkit instance pdfkit itself loaded (pdfmake → pdfkit → fontkit), whichever copy that is.
  const fromPdfmake = createRequire(require.resolve('pdfmake'));
  const fontkit = createRequire(fromPdfmake.resolve('@foliojs-fork/pdfkit'))('@foliojs-fork/fontkit') as Fontkit;
  const create = fontkit.create.bind(fontkit);
  const ids = new Map(buffers.map((buffer, i) => [buffer, i]));
  const parsed = new Map<string, unknown>();
  fontkit.create = (buffer, postscriptName) => {
    const id = ids.get(buffer);
    if (id === undefined) return create(buffer, postscriptName);
    const key = `${id}:${postscriptName ?? ''}`;
    let font = parsed.get(key);
    if (font === undefined) {
      font = create(buffer, postscriptName);
      parsed.set(key, font);
    }
    return font;
  };
}

function text(runs: Run[]): ContentText['text'] {
  return runs.filter((r) => r.text !== '').map((r) => ({ text: r.text, bold: r.bold, italics: r.italic }));
}

function toPdf(block: Exclude<Block, { type: 'pageBreak' }>): Content {
  switch (block.type) {
    case 'coverTitle':
      return block.size === 'large'
        ? { text: block.text, fontSize: 26, bold: true, color: accent, margin: [0, 12, 0, 16] }
        : { text: block.text, fontSize: 16, bold: true, color: accent, margin: [0, 36, 0, 8] };
    case 'coverLine':
      return { text: text(block.runs), fontSize: 12, margin: [0, 0, 0, 8] };
    case 'exampleMarking':
      return {
        table: {
          widths: ['*'],
          body: [[{ text: block.text, bold: true, fontSize: 16, color: warning, alignment: 'center', margin: [0, 8, 0, 8] }]],
        },
        layout: { hLineColor: () => warning, vLineColor: () => warning, hLineWidth: () => 2, vLineWidth: () => 2 },
        margin: [0, 16, 0, 24],
      };
    case 'heading':
      return { text: block.text, style: `h${block.level}`, margin: [block.indent * indentStep, headingSpace[block.level], 0, 4] };
    case 'paragraph':
      return { text: text(block.runs), color: block.muted ? muted : undefined, margin: [block.indent * indentStep, 0, 0, 4] };
    case 'bullets':
      return { ul: block.items.map((item) => ({ text: text(item) })), margin: [block.indent * indentStep, 0, 0, 8] };
    case 'table':
      return table(block, contentWidth);
    case 'chart':
      return { svg: block.chart.svg, width: block.chart.width, margin: [0, 6, 0, 6] };
    case 'figure':
      return {
        stack: [
          {
            columns: [
              { svg: block.chart.svg, width: figureChartWidth },
              { ...table(block.table, contentWidth - figureChartWidth - figureGap), width: '*' },
            ],
            columnGap: figureGap,
          },
          ...block.notes.map((note, i): Content => ({ text: text(note), margin: [0, i === 0 ? 6 : 0, 0, 2] })),
        ],
        // A series of many months may give a table longer than a page; that one has to be allowed to break.
        unbreakable: block.table.rows.length <= 20,
        margin: [0, 4, 0, 12],
      };
  }
}

function table(block: TableBlock, width: number): ContentTable {
  const total = block.widths.reduce((a, b) => a + b, 0);
  // pdfmake's widths exclude the cell padding.
  const widths = block.widths.map((w) => (width * w) / total - 2 * cellPadding);
  const row = (cells: string[], header: boolean) =>
    cells.map((cell, i) => ({
      text: cell,
      bold: header,
      fillColor: header ? '#DCE6F0' : undefined,
      alignment: block.numeric[i] ? ('right' as const) : ('left' as const),
    }));
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body: [row(block.header, true), ...block.rows.map((r) => row(r, false))] },
    layout: tableLayout,
    // A short table of counts reads as one figure; only long tables may run over to the next page.
    unbreakable: block.rows.length <= 12,
    fontSize: 9,
    margin: [0, 4, 0, 12],
  };
}

/** Points: the indicator chart beside its table of numbers, together the width of the page. */
const figureChartWidth = 310;
const figureGap = 14;

const headingSpace = { 1: 16, 2: 12, 3: 8, 4: 6 } as const;
const cellPadding = 4;
const tableLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 1 ? 1.2 : i === 0 || i === node.table.body.length ? 0.8 : 0.4),
  vLineWidth: () => 0,
  hLineColor: () => '#8A8A8A',
  paddingLeft: () => cellPadding,
  paddingRight: () => cellPadding,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

function keepsWith(block: Block, next: Block): boolean {
  if (block.type === 'heading')
    return next.type === 'paragraph' || next.type === 'heading' || next.type === 'chart' || next.type === 'figure';
  return block.type === 'chart' && next.type === 'table' && next.rows.length <= 12;
}

/**
 * Maps one part's blocks; a page break becomes `pageBreak: 'before'` on what follows, so the document never ends
 * on an empty page, and a heading is kept on the page of its first paragraph.
 */
function partContent(blocks: Block[], state: { breakPending: boolean }): Content[] {
  const content: Content[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.type === 'pageBreak') {
      state.breakPending = true;
      continue;
    }
    // A heading stays with what follows it, and a chart with its table of numbers.
    const group: Exclude<Block, { type: 'pageBreak' }>[] = [block];
    for (let next = blocks[i + 1]; next && next.type !== 'pageBreak' && keepsWith(group[group.length - 1]!, next); next = blocks[i + 1]) {
      group.push(next);
      i++;
    }
    let node: Content = group.length === 1 ? toPdf(block) : { stack: group.map(toPdf), unbreakable: true };
    if (state.breakPending) {
      node = { stack: [node], pageBreak: 'before' };
      state.breakPending = false;
    }
    content.push(node);
  }
  return content;
}

export async function renderPdf(model: ReportModel, progress: Progress): Promise<Uint8Array> {
  const layout = layoutReport(model);
  const content: Content[] = [];
  const state = { breakPending: false };
  for (const [i, part] of layout.parts.entries()) {
    content.push(...partContent(part.blocks, state));
    progress((0.3 * (i + 1)) / layout.parts.length);
  }

  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [sideMargin, 64, sideMargin, 56],
    // PDF/A-2b: fonts embedded, colours in sRGB with the profile enclosed, XMP metadata; for the municipal archive.
    version: '1.7',
    subset: 'PDF/A-2b',
    language: 'sv-SE',
    info: {
      title: layout.title,
      author: model.municipality.name,
      subject: model.cycle.example ? `${exampleMarking}. Uppföljning till kommunstyrelsen` : 'Uppföljning till kommunstyrelsen',
      creator: 'Delaktig',
      producer: 'Delaktig (pdfmake)',
    },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 16, bold: true, color: accent },
      h2: { fontSize: 13, bold: true, color: accent },
      h3: { fontSize: 11.5, bold: true, color: accent },
      h4: { fontSize: 10.5, bold: true, color: accent },
    },
    header: () => ({
      margin: [sideMargin, 22, sideMargin, 0],
      stack: [
        { text: layout.headerText, fontSize: 8, color: muted, alignment: 'right' },
        ...(layout.example ? [{ text: exampleMarking, fontSize: 9, bold: true, color: warning, alignment: 'right' as const }] : []),
      ],
    }),
    footer: (currentPage: number, pageCount: number) => ({
      text: `Sida ${currentPage} av ${pageCount}`,
      alignment: 'center',
      fontSize: 8,
      color: muted,
      margin: [0, 20, 0, 0],
    }),
    content,
  };

  // Let a waiting request or job run before the layout, which holds the event loop until it is done.
  await new Promise((resolve) => setImmediate(resolve));
  const document = getPrinter().createPdfKitDocument(definition);
  progress(0.9);
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
    document.end();
  });
  progress(1);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
