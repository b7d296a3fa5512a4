/** The report as an editable Word document: the coordinator adds the preamble and sends it to the board. */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBaseParagraphStyleOptions,
} from 'docx';
import { chartPng } from './chart-png.ts';
import type { Chart } from './charts.ts';
import { layoutReport, type Block, type Run, type TableBlock } from './layout.ts';
import type { Progress, ReportModel } from './model.ts';
import { exampleMarking } from './text.ts';

// A4 with 2 cm margins, in twentieths of a point.
const pageWidth = 11906;
const pageHeight = 16838;
const margin = 1134;
const contentWidth = pageWidth - 2 * margin;
const indentStep = 340;

const headingLevels = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;
const accent = '1F4E79';
const muted = '555555';
const warning = 'B33C00';

/**
 * Word's built-in heading styles, with their outline level stated so Word's navigation pane and LibreOffice's
 * navigator show the outline even where they do not infer it from the style's name.
 */
function heading(size: number, outlineLevel: number, spaceBefore: number): IBaseParagraphStyleOptions {
  return {
    run: { size, bold: true, color: accent, font: 'Calibri' },
    paragraph: { outlineLevel, keepNext: true, keepLines: true, spacing: { before: spaceBefore, after: 80 } },
  };
}

function runs(items: Run[], extra: { color?: string; size?: number } = {}): TextRun[] {
  return items.filter((r) => r.text !== '').map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, ...extra }));
}

function cell(text: string, options: { header?: boolean; numeric?: boolean; width: number }): TableCell {
  return new TableCell({
    width: { size: options.width, type: WidthType.DXA },
    shading: options.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'DCE6F0' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: options.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: { before: 0, after: 0 },
        children: [new TextRun({ text, bold: options.header, size: 20 })],
      }),
    ],
  });
}

function table(block: TableBlock, width: number): Table {
  const total = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => Math.floor((width * w) / total));
  const row = (texts: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: texts.map((text, i) => cell(text, { header, numeric: block.numeric[i], width: widths[i] ?? 0 })),
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    rows: [row(block.header, true), ...block.rows.map((r) => row(r, false))],
  });
}

/** An indicator chart is drawn small to sit beside its table in the PDF; in Word the table goes below, so it can be larger. */
const figureScale = 1.3;
const figureTableWidth = Math.round(contentWidth * 0.45);

async function chartParagraph(chart: Chart, title: string, scale: number, keepNext = false): Promise<Paragraph> {
  const png = await chartPng(chart, 2 * scale);
  return new Paragraph({
    spacing: { before: 120, after: 120 },
    keepNext,
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
        altText: { name: title, title, description: chart.description },
      }),
    ],
  });
}

async function toDocx(block: Block): Promise<(Paragraph | Table)[]> {
  switch (block.type) {
    case 'coverTitle':
      return [
        new Paragraph({
          heading: block.size === 'large' ? HeadingLevel.TITLE : undefined,
          spacing: { before: block.size === 'large' ? 240 : 480, after: 240 },
          children: [
            new TextRun({ text: block.text, size: block.size === 'large' ? 52 : 32, bold: block.size === 'medium', color: accent }),
          ],
        }),
      ];
    case 'coverLine':
      return [new Paragraph({ spacing: { after: 120 }, children: runs(block.runs, { size: 24 }) })];
    case 'exampleMarking':
      return [
        new Paragraph({
          spacing: { before: 240, after: 360 },
          border: {
            top: { style: BorderStyle.SINGLE, size: 18, color: warning, space: 6 },
            bottom: { style: BorderStyle.SINGLE, size: 18, color: warning, space: 6 },
            left: { style: BorderStyle.SINGLE, size: 18, color: warning, space: 6 },
            right: { style: BorderStyle.SINGLE, size: 18, color: warning, space: 6 },
          },
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: block.text, bold: true, size: 32, color: warning })],
        }),
      ];
    case 'heading':
      return [
        new Paragraph({
          heading: headingLevels[block.level],
          indent: { left: block.indent * indentStep },
          children: [new TextRun(block.text)],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          indent: { left: block.indent * indentStep },
          spacing: { after: 80 },
          children: runs(block.runs, block.muted ? { color: muted } : {}),
        }),
      ];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ bullet: { level: block.indent }, spacing: { after: 60 }, children: runs(item) }));
    case 'table':
      return [table(block, contentWidth), new Paragraph({ spacing: { after: 120 }, children: [] })];
    case 'chart':
      return [await chartParagraph(block.chart, block.title, 1)];
    case 'figure':
      // Below the chart rather than beside it: a layout table would make the editable document hard to change.
      return [
        await chartParagraph(block.chart, block.title, figureScale, true),
        table(block.table, figureTableWidth),
        ...block.notes.map((note) => new Paragraph({ spacing: { before: 40, after: 40 }, children: runs(note) })),
        new Paragraph({ spacing: { after: 120 }, children: [] }),
      ];
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

export async function renderDocx(model: ReportModel, progress: Progress): Promise<Uint8Array> {
  const layout = layoutReport(model);
  const children: (Paragraph | Table)[] = [];
  for (const [i, part] of layout.parts.entries()) {
    for (const block of part.blocks) children.push(...(await toDocx(block)));
    progress((0.7 * (i + 1)) / layout.parts.length);
  }

  const headerChildren = [
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: layout.headerText, size: 16, color: muted })] }),
  ];
  if (layout.example) {
    headerChildren.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: exampleMarking, size: 18, bold: true, color: warning })],
      }),
    );
  }

  const document = new Document({
    creator: 'Delaktig',
    title: layout.title,
    subject: `Uppföljning till kommunstyrelsen, ${model.municipality.name}`,
    description: model.cycle.example ? exampleMarking : undefined,
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: 'sv-SE' } }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font: 'Calibri', size: 52, color: accent } },
        heading1: heading(32, 0, 360),
        heading2: heading(26, 1, 240),
        heading3: heading(23, 2, 200),
        heading4: heading(22, 3, 160),
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: pageWidth, height: pageHeight },
            margin: { top: margin, bottom: margin, left: margin, right: margin, header: 567, footer: 567 },
          },
        },
        headers: { default: new Header({ children: headerChildren }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['Sida ', PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES], size: 18, color: muted }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(document);
  progress(1);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
