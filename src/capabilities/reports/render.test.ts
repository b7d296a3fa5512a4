import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { csvField } from './csv.ts';
import type { ReportFormat, ReportModel } from './model.ts';
import { layoutReport } from './layout.ts';
import { renderReport, type RenderedReport } from './render.ts';
import { entryColumns, seriesColumns } from './rows.ts';
import { sampleReportModel } from './sample-model.ts';
import { asciiSlug } from './text.ts';

const model = sampleReportModel({ items: 30, example: true });
const entries = model.sections.flatMap((s) => s.rows.flatMap((r) => r.reports));
const itemTexts = model.sections.flatMap((s) => s.rows.map((r) => r.text));
const series = model.indicatorSeries;

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '');
}

interface WordParagraph {
  style: string | null;
  text: string;
}

/** The paragraphs of a Word part with their style, the text of their runs joined. */
function wordParagraphs(xml: string): WordParagraph[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    text: unescapeXml([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  }));
}

async function wordParts(bytes: Uint8Array): Promise<{ document: WordParagraph[]; headers: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const document = await zip.file('word/document.xml')!.async('string');
  const headerFiles = zip.file(/^word\/header\d*\.xml$/);
  const headers = (await Promise.all(headerFiles.map((f) => f.async('string')))).join('');
  return {
    document: wordParagraphs(document),
    headers: wordParagraphs(headers)
      .map((p) => p.text)
      .join('\n'),
  };
}

async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  // pdf.js takes ownership of the buffer it is given.
  const document = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join(''));
  }
  await document.destroy();
  return { text: normalise(pages.join(' ')), pages: document.numPages };
}

/** RFC 4180, just enough to read back what csv.ts writes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  assert.equal(field + record.join(''), '', 'the file ends with CRLF');
  return records;
}

const rendered = new Map<ReportFormat, RenderedReport>();
const progressCalls = new Map<ReportFormat, number[]>();

before(async () => {
  for (const format of ['docx', 'pdf', 'xlsx', 'csv'] as const) {
    const calls: number[] = [];
    rendered.set(format, await renderReport(model, format, (f) => calls.push(f)));
    progressCalls.set(format, calls);
  }
});

function get(format: ReportFormat): RenderedReport {
  const report = rendered.get(format);
  assert.ok(report, format);
  return report;
}

describe('renderReport', () => {
  it('names files in ASCII after the municipality and the cycle, with the media type', () => {
    assert.equal(get('docx').fileName, 'uppfoljning-laxa-2016.docx');
    assert.equal(get('pdf').mediaType, 'application/pdf');
    assert.equal(get('csv').fileName, 'uppfoljning-laxa-2016.csv');
    assert.equal(asciiSlug('Upplands Väsby'), 'upplands-vasby');
    assert.equal(asciiSlug('Åre: 2016/2017 (Q1)'), 'are-2016-2017-q1');
  });

  it('reports progress from 0 to 1, never backwards', () => {
    for (const [format, calls] of progressCalls) {
      assert.equal(calls[0], 0, format);
      assert.equal(calls.at(-1), 1, format);
      assert.ok(
        calls.every((f, i) => i === 0 || f > calls[i - 1]!),
        `${format}: ${calls.join(' ')}`,
      );
    }
    assert.ok(progressCalls.get('docx')!.length > model.sections.length, 'docx moves section by section');
  });
});

describe('Word', () => {
  it('has the items, the statuses in Swedish, the sections as Heading 1 and the annex', async () => {
    const { document } = await wordParts(get('docx').bytes);
    const all = normalise(document.map((p) => p.text).join('\n'));
    for (const text of itemTexts) assert.ok(all.includes(normalise(text)), text);
    for (const word of ['Genomförd', 'Pågår', 'Försenad', 'Avbruten', 'Ej rapporterad', 'Delvis uppfyllt'])
      assert.ok(all.includes(word), word);
    const headings1 = document.filter((p) => p.style === 'Heading1').map((p) => p.text);
    for (const section of model.sections) assert.ok(headings1.includes(section.heading), section.heading);
    for (const heading of ['Sammanfattning', 'Indikatorer', 'Bilaga: Enheter som inte har rapporterat'])
      assert.ok(headings1.includes(heading), heading);
    assert.ok(document.some((p) => p.style === 'Heading2') && document.some((p) => p.style === 'Heading3'), 'a navigable outline');
    const annex = document.findIndex((p) => p.text === 'Bilaga: Enheter som inte har rapporterat');
    const afterAnnex = document.slice(annex).map((p) => p.text);
    assert.ok(model.missing.length > 0);
    for (const unit of model.missing) assert.ok(afterAnnex.includes(unit.unitName), unit.unitName);
    assert.ok(all.includes('Dnr: KS 2015/112'));
    assert.ok(all.includes('Antagen: Kommunfullmäktige 2015-06-15 § 64'));
  });

  it('marks example data on the cover and in the page header', async () => {
    const { document, headers } = await wordParts(get('docx').bytes);
    assert.ok(document.slice(0, 8).some((p) => p.text === 'Exempeldata — inte verklig uppföljning'));
    assert.ok(headers.includes('Exempeldata — inte verklig uppföljning'));
  });

  it('has no example marking for real data, and a blank Dnr line when the plan has none', async () => {
    const real: ReportModel = { ...model, cycle: { ...model.cycle, example: false }, plan: { ...model.plan, dnr: null } };
    const { document, headers } = await wordParts((await renderReport(real, 'docx')).bytes);
    const all = document.map((p) => p.text).join('\n') + headers;
    assert.ok(!all.includes('Exempeldata'));
    assert.match(all, /Dnr: _{10,}/);
  });
});

describe('indicator series', () => {
  it('the sample has a share with a range, a count with a baseline from the plan and one with gaps', () => {
    assert.ok(series.length >= 3);
    assert.ok(series.some((s) => s.target.min !== null && s.target.max !== null));
    assert.ok(series.some((s) => s.baseline !== null && !s.points.some((p) => p.period === s.baseline!.period)));
    assert.ok(series.some((s) => s.points.some((p) => p.value === null)));
    assert.ok(series.some((s) => s.status === null));
  });

  it('adds nothing to the document when there are none', () => {
    const blocks = (m: ReportModel) => layoutReport(m).parts.find((p) => p.name === 'indicators')!.blocks;
    const without = blocks({ ...model, indicatorSeries: [] });
    assert.ok(!without.some((b) => b.type === 'figure'));
    assert.equal(without.length, blocks(model).length - 2 * series.length, 'a heading and a figure per series');
  });

  it('Word: a heading, the numbers, the target, the status and the source for each series, after the indicator table', async () => {
    const { document } = await wordParts(get('docx').bytes);
    const texts = document.map((p) => p.text);
    const indicators = texts.indexOf('Indikatorer');
    for (const s of series) {
      const heading = document.findIndex((p) => p.style === 'Heading2' && p.text === `${s.title} (${s.reference})`);
      assert.ok(heading > indicators, s.title);
      assert.ok(texts.includes(s.source), s.source);
    }
    for (const text of [
      'Mål 2018: 45–55\u00a0%',
      'Mål 2018: 40 personer',
      'Status: Måttliga framsteg – behöver öka takten',
      'Status: kan inte beräknas',
    ]) {
      assert.ok(texts.includes(text), text);
    }
    for (const cell of ['2015H2', '2016Q4', '38,4', '92,3', '2014 (utgångsvärde)', 'Värde (%)']) assert.ok(texts.includes(cell), cell);
    const xml = await (await JSZip.loadAsync(get('docx').bytes)).file('word/document.xml')!.async('string');
    const described = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
    assert.ok(
      described.some((d) => d.includes('2015Q4: uppgift saknas')),
      'the chart has its numbers as alt text',
    );
  });

  it('PDF: the title, the target, a period and values with decimal comma, in the chart and its table', async () => {
    const { text } = await pdfText(get('pdf').bytes);
    for (const s of series) assert.ok(text.includes(normalise(`${s.title} (${s.reference})`)), s.title);
    for (const word of [
      'Mål 2018: 45–55 %',
      'Mål 2018: högst 5 hushåll',
      'Status: kan inte beräknas',
      'Källa: Arbetsförmedlingen via Kolada',
      '2016H2',
      '38,4',
      '62,5',
      'Målintervall',
      'Utgångsvärde',
    ]) {
      assert.ok(text.includes(word), word);
    }
    // The SVG's title and description are for screen readers of the SVG, not text printed on the page.
    assert.ok(!text.includes('uppgift saknas'));
  });
});

describe('PDF', () => {
  it('has the items, the statuses, the assessments and å, ä, ö intact', async () => {
    const { text, pages } = await pdfText(get('pdf').bytes);
    assert.ok(pages > 3);
    for (const item of itemTexts) assert.ok(text.includes(normalise(item)), item);
    for (const word of ['Genomförd', 'Pågår', 'Försenad', 'Delvis uppfyllt', 'Ej påbörjad', 'Bilaga: Enheter som inte har rapporterat']) {
      assert.ok(text.includes(word), word);
    }
    assert.ok(text.includes('Laxå') && text.includes('Åtgärd') && text.includes('Återsänd') && text.includes('Försenad'));
    assert.ok(text.includes('Exempeldata — inte verklig uppföljning'));
    assert.ok(text.includes(`Sida 1 av ${pages}`) && text.includes(`Sida ${pages} av ${pages}`));
    // The chart's words are text in the PDF too, not a picture.
    assert.ok(text.includes('Ej rapporterad'));
  });

  it('embeds its fonts and declares PDF/A', () => {
    const raw = Buffer.from(get('pdf').bytes).toString('latin1');
    assert.ok(raw.startsWith('%PDF-1.7'));
    assert.ok(raw.includes('<pdfaid:part>2</pdfaid:part>') && raw.includes('/OutputIntents'), 'PDF/A-2b metadata and sRGB output intent');
    assert.ok(raw.includes('/FontFile2'), 'TrueType embedded');
    assert.ok(!/\/BaseFont \/(Helvetica|Times|Courier)/.test(raw), 'no standard fonts');
  });
});

describe('Excel', () => {
  it('has one row per report entry under a frozen, filtered header, and the goals and indicators', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(get('xlsx').bytes) as unknown as ExcelJS.Buffer);
    assert.deepEqual(
      workbook.worksheets.map((s) => s.name),
      ['Rapporter', 'Mål och bedömningar', 'Indikatorer', 'Indikatorserier'],
    );
    const sheet = workbook.getWorksheet('Rapporter')!;
    assert.deepEqual(
      (sheet.getRow(1).values as unknown[]).slice(1),
      entryColumns.map((c) => c.header),
    );
    assert.equal(sheet.rowCount - 1, entries.length);
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.ok(sheet.autoFilter);
    const statuses = new Set((sheet.getColumn('H').values as unknown[]).slice(2));
    assert.ok(statuses.has('Genomförd') && statuses.has('Försenad'));
    const submitted = sheet.getColumn('N').values.find((v) => v instanceof Date);
    assert.ok(submitted, 'submitted at is a date');
    const goals = workbook.getWorksheet('Mål och bedömningar')!;
    assert.equal(goals.rowCount - 1, model.sections.flatMap((s) => s.rows).filter((r) => r.kind === 'goal').length);
    assert.ok((goals.getColumn('E').values as unknown[]).includes('Delvis uppfyllt'));
    assert.equal(workbook.getWorksheet('Indikatorer')!.rowCount - 1, model.indicators.length);
  });

  it('has one row per point of every indicator series, a baseline from the plan as a point of its own', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(get('xlsx').bytes) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Indikatorserier')!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
      'Indikator',
      'Punkt',
      'Period',
      'Värde',
      'Enhet',
      'Mål',
      'Målår',
      'Status',
      'Källa',
    ]);
    assert.equal(seriesColumns.length, 9);
    const separateBaselines = series.filter(
      (s) => s.baseline && !s.points.some((p) => p.period === s.baseline!.period && p.value === s.baseline!.value),
    );
    const expected = series.reduce((n, s) => n + s.points.length, 0) + separateBaselines.length;
    assert.equal(sheet.rowCount - 1, expected);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    assert.ok(rows.some((r) => r[2] === 'Utgångsvärde' && r[3] === '2014' && r[4] === 8));
    assert.ok(rows.some((r) => r[3] === '2016' && r[4] === 38.4 && r[6] === '45–55\u00a0%' && r[7] === '2018'));
    assert.ok(
      rows.some((r) => r[3] === '2015Q4' && r[4] === undefined && r[8] === 'kan inte beräknas'),
      'a missing value is an empty cell',
    );
  });
});

describe('CSV', () => {
  it('starts with a BOM and the header, and has one record per report entry', () => {
    const bytes = get('csv').bytes;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const records = parseCsv(text);
    assert.deepEqual(
      records[0],
      entryColumns.map((c) => c.header),
    );
    assert.equal(records.length - 1, entries.length);
    assert.ok(records.every((r) => r.length === entryColumns.length));
    assert.equal(text.indexOf('\n'), text.indexOf('\r\n') + 1, 'CRLF line ends');
  });

  it('quotes commas, quotes and line breaks in narratives and reads them back unchanged', () => {
    const text = new TextDecoder().decode(get('csv').bytes);
    const narrative = entries.find((e) => e.narrative.includes('"') && e.narrative.includes('\n') && e.narrative.includes(','))!.narrative;
    assert.ok(text.includes(csvField(narrative)));
    const records = parseCsv(text.replace(/^\uFEFF/, ''));
    const column = entryColumns.findIndex((c) => c.key === 'narrative');
    assert.ok(records.some((r) => r[column] === narrative));
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('sa "hej"'), '"sa ""hej"""');
    assert.equal(csvField('rad 1\r\nrad 2'), '"rad 1\r\nrad 2"');
    assert.equal(csvField('enkel'), 'enkel');
  });

  it('neutralises text a spreadsheet would run as a formula', async () => {
    const hostile: ReportModel = structuredClone(model);
    hostile.sections[0]!.rows.find((r) => r.reports.length > 0)!.reports[0]!.narrative = '=HYPERLINK("http://example.com","x")';
    const text = new TextDecoder().decode((await renderReport(hostile, 'csv')).bytes);
    assert.ok(text.includes(`"'=HYPERLINK(""http://example.com"",""x"")"`));
  });
});

describe('a large plan', () => {
  it('renders 300 items in every format', async () => {
    const large = sampleReportModel({ items: 300 });
    for (const format of ['docx', 'pdf', 'xlsx', 'csv'] as const) {
      const report = await renderReport(large, format);
      assert.ok(report.bytes.length > 1000, format);
    }
  });
});
