/**
 * The report as a list of neutral blocks (headings, paragraphs, tables, charts). Word and PDF each map these to
 * their own library, so both documents have the same content in the same order and the wording lives in one place.
 */
import { assessmentWords, stateWords } from '../follow-up/words.ts';
import { assessmentBars, barChart, countWithShare, lineChartSvg, statusBars, type Bar, type Chart } from './charts.ts';
import type { IndicatorSeries, ReportModel, ReportRow } from './model.ts';
import { seriesPoints } from './series.ts';
import {
  deviationWords,
  entryStatusText,
  exampleMarking,
  formatDate,
  formatNumber,
  formatPercent,
  periodText,
  referenceAndText,
  targetAmount,
  targetHeading,
  valueWithUnit,
} from './text.ts';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface TableBlock {
  type: 'table';
  header: string[];
  rows: string[][];
  widths: number[];
  numeric: boolean[];
}

export type Block =
  | { type: 'coverTitle'; text: string; size: 'large' | 'medium' }
  | { type: 'coverLine'; runs: Run[] }
  | { type: 'exampleMarking'; text: string }
  | { type: 'heading'; level: 1 | 2 | 3 | 4; text: string; indent: number }
  | { type: 'paragraph'; runs: Run[]; indent: number; muted?: boolean }
  | { type: 'bullets'; items: Run[][]; indent: number }
  | TableBlock
  | { type: 'chart'; chart: Chart; title: string }
  /** A chart with its numbers as a small table (beside it where the page allows) and lines of text under both. */
  | { type: 'figure'; chart: Chart; title: string; table: TableBlock; notes: Run[][] }
  | { type: 'pageBreak' };

export interface Part {
  /** Cover, summary, each section, indicators, annex: the steps the progress bar moves by. */
  name: string;
  blocks: Block[];
}

export interface Layout {
  title: string;
  headerText: string;
  example: boolean;
  parts: Part[];
}

const blankDnr = '_______________________';

export function layoutReport(model: ReportModel): Layout {
  const references = new Map<string, string>();
  for (const section of model.sections) for (const row of section.rows) references.set(row.reference, row.text);
  return {
    title: `${model.plan.title} — uppföljning ${model.cycle.label}`,
    headerText: `${model.municipality.name} · ${model.plan.title} · Uppföljning ${model.cycle.label}`,
    example: model.cycle.example,
    parts: [
      { name: 'cover', blocks: cover(model) },
      { name: 'summary', blocks: summary(model) },
      ...model.sections.map((section) => ({
        name: section.heading,
        blocks: [
          { type: 'heading', level: 1, text: section.heading, indent: 0 } as Block,
          ...section.rows.flatMap((row, i) => rowBlocks(row, i === 0 && row.depth === 0)),
        ],
      })),
      { name: 'indicators', blocks: indicators(model) },
      { name: 'annex', blocks: annex(model, references) },
    ],
  };
}

function cover(model: ReportModel): Block[] {
  const blocks: Block[] = [
    { type: 'coverTitle', text: model.municipality.name, size: 'medium' },
    { type: 'coverTitle', text: model.plan.title, size: 'large' },
    { type: 'coverTitle', text: `Uppföljning ${model.cycle.label}`, size: 'medium' },
  ];
  if (model.cycle.example) blocks.push({ type: 'exampleMarking', text: exampleMarking });
  blocks.push(
    { type: 'coverLine', runs: [{ text: 'Period: ', bold: true }, { text: periodText(model) }] },
    { type: 'coverLine', runs: [{ text: 'Rapportering senast: ', bold: true }, { text: formatDate(model.cycle.deadline) }] },
    { type: 'coverLine', runs: [{ text: 'Upprättad: ', bold: true }, { text: formatDate(model.generatedAt) }] },
    // A blank line to write the registration number on when the plan has none yet.
    { type: 'coverLine', runs: [{ text: 'Dnr: ', bold: true }, { text: model.plan.dnr ?? blankDnr }] },
  );
  if (model.plan.adoptedText)
    blocks.push({ type: 'coverLine', runs: [{ text: 'Antagen: ', bold: true }, { text: model.plan.adoptedText }] });
  blocks.push({ type: 'coverLine', runs: [{ text: 'Till: ', bold: true }, { text: 'Kommunstyrelsen' }] }, { type: 'pageBreak' });
  return blocks;
}

function countTable(bars: Bar[], header: string): Block {
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  return {
    type: 'table',
    header: [header, 'Antal', 'Andel'],
    rows: [
      ...bars.map((bar) => [bar.label, formatNumber(bar.value), total === 0 ? '–' : formatPercent(Math.round((100 * bar.value) / total))]),
      ['Summa', formatNumber(total), total === 0 ? '–' : formatPercent(100)],
    ],
    widths: [3, 1, 1],
    numeric: [false, true, true],
  };
}

function summary(model: ReportModel): Block[] {
  const { summary: s } = model;
  const status = statusBars(s.statusCounts);
  const assessment = assessmentBars(s.assessmentCounts);
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: 'Sammanfattning', indent: 0 },
    {
      type: 'table',
      header: ['Rapporter', 'Antal'],
      rows: [
        ['Förväntade', formatNumber(s.expected)],
        ['Inskickade', countWithShare(s.submitted, s.expected)],
        ['Godkända', countWithShare(s.approved, s.expected)],
      ],
      widths: [3, 2],
      numeric: [false, true],
    },
    { type: 'heading', level: 2, text: 'Status i rapporterna', indent: 0 },
    { type: 'chart', chart: barChart(status), title: 'Status i rapporterna' },
    countTable(status, 'Status'),
    { type: 'heading', level: 2, text: 'Måluppfyllelse', indent: 0 },
    { type: 'chart', chart: barChart(assessment), title: 'Måluppfyllelse' },
    countTable(assessment, 'Bedömning'),
    { type: 'heading', level: 2, text: 'Huvudsakliga avvikelser', indent: 0 },
  ];
  if (s.deviations.length === 0) {
    blocks.push({ type: 'paragraph', runs: [{ text: 'Inga avvikelser har rapporterats.' }], indent: 0 });
  } else {
    blocks.push({
      type: 'bullets',
      indent: 0,
      items: s.deviations.map((d) => [
        { text: referenceAndText(d.reference, d.text), bold: true },
        { text: d.unitName ? ` (${d.unitName})` : '' },
        { text: ` — ${deviationWords[d.what]}${d.narrative ? ': ' : ''}` },
        { text: d.narrative, italic: true },
      ]),
    });
  }
  blocks.push({ type: 'pageBreak' });
  return blocks;
}

function rowBlocks(row: ReportRow, isSectionItem: boolean): Block[] {
  const indent = row.depth;
  const blocks: Block[] = [];
  // The section's heading already names its own item.
  if (!isSectionItem) {
    blocks.push({
      type: 'heading',
      level: Math.min(row.depth + 1, 4) as 2 | 3 | 4,
      text: referenceAndText(row.reference, row.text),
      indent,
    });
  }
  const facts: Run[] = [];
  const fact = (label: string, value: string) => {
    if (facts.length > 0) facts.push({ text: ' · ' });
    facts.push({ text: `${label}: `, bold: true }, { text: value });
  };
  if (row.responsible.length > 0) fact('Ansvarig', row.responsible.join(', '));
  if (row.schedule) fact('Tidplan', row.schedule);
  if (row.target) fact('Målvärde', row.target);
  if (facts.length > 0) blocks.push({ type: 'paragraph', runs: facts, indent, muted: true });

  if (row.assessment) {
    const { value, rationale, proposed } = row.assessment;
    const runs: Run[] = [
      { text: 'Bedömning: ', bold: true },
      { text: assessmentWords.sv[value], bold: true },
    ];
    if (proposed !== null && proposed !== value) runs.push({ text: ` (föreslagen bedömning: ${assessmentWords.sv[proposed]})` });
    blocks.push({ type: 'paragraph', runs, indent });
    if (rationale) blocks.push({ type: 'paragraph', runs: [{ text: 'Motivering: ', bold: true }, { text: rationale }], indent });
  }

  for (const entry of row.reports) {
    const runs: Run[] = [
      { text: entry.unitName, bold: true },
      { text: entry.occurrence ? `, ${formatDate(entry.occurrence)}` : '' },
      { text: `: ${entryStatusText(entry)}` },
    ];
    if (entry.targetValue !== null) runs.push({ text: ` · Värde: ${formatNumber(entry.targetValue)}` });
    // The state says whether the board reads an approved account or one still under review.
    if (entry.status) runs.push({ text: ` · ${stateWords.sv[entry.state]}` });
    blocks.push({ type: 'paragraph', runs, indent: indent + 1 });
    if (entry.narrative) blocks.push({ type: 'paragraph', runs: [{ text: entry.narrative, italic: true }], indent: indent + 2 });
  }
  return blocks;
}

function indicators(model: ReportModel): Block[] {
  const blocks: Block[] = [{ type: 'pageBreak' }, { type: 'heading', level: 1, text: 'Indikatorer', indent: 0 }];
  if (model.indicators.length === 0 && model.indicatorSeries.length === 0) {
    blocks.push({ type: 'paragraph', runs: [{ text: 'Planen har inga mätbara indikatorer.' }], indent: 0 });
    return blocks;
  }
  if (model.indicators.length > 0) {
    blocks.push({
      type: 'table',
      header: ['Referens', 'Indikator', 'Målvärde', 'Värde', 'Uppfyllt'],
      rows: model.indicators.map((i) => [
        i.reference,
        i.text,
        i.target,
        i.value === null ? '–' : `${formatNumber(i.value)} ${i.unit}`.trim(),
        i.met === null ? '–' : i.met ? 'Ja' : 'Nej',
      ]),
      widths: [1.2, 4, 2, 1.4, 1],
      numeric: [false, false, false, true, false],
    });
  }
  for (const series of model.indicatorSeries) blocks.push(...seriesBlocks(series));
  return blocks;
}

function seriesBlocks(series: IndicatorSeries): Block[] {
  const title = `${series.title} (${series.reference})`;
  const amount = targetAmount(series.target, series.unit);
  const notes: Run[][] = [
    amount === null
      ? [{ text: 'Mål: ', bold: true }, { text: 'inget mätbart mål' }]
      : [{ text: `${targetHeading(series.target)}: `, bold: true }, { text: amount }],
  ];
  if (series.baseline) {
    notes.push([
      { text: `Utgångsvärde ${series.baseline.period}: `, bold: true },
      { text: valueWithUnit(series.baseline.value, series.unit) },
    ]);
  }
  notes.push([{ text: 'Status: ', bold: true }, { text: series.status ?? 'kan inte beräknas' }]);
  if (series.source !== '') notes.push([{ text: series.source, italic: true }]);
  return [
    { type: 'heading', level: 2, text: title, indent: 0 },
    {
      type: 'figure',
      chart: lineChartSvg(series),
      title,
      table: {
        type: 'table',
        header: ['Period', series.unit === '' ? 'Värde' : `Värde (${series.unit})`],
        rows: seriesPoints(series).map((p) => [
          p.baseline ? `${p.period} (utgångsvärde)` : p.period,
          p.value === null ? '–' : formatNumber(p.value),
        ]),
        widths: [3, 2],
        numeric: [false, true],
      },
      notes,
    },
  ];
}

function annex(model: ReportModel, references: Map<string, string>): Block[] {
  const blocks: Block[] = [
    { type: 'pageBreak' },
    { type: 'heading', level: 1, text: 'Bilaga: Enheter som inte har rapporterat', indent: 0 },
  ];
  if (model.missing.length === 0) {
    blocks.push({ type: 'paragraph', runs: [{ text: 'Alla enheter har rapporterat.' }], indent: 0 });
    return blocks;
  }
  blocks.push({
    type: 'paragraph',
    runs: [
      { text: `Enheter som vid sista rapporteringsdag, ${formatDate(model.cycle.deadline)}, inte hade skickat in alla sina uppgifter.` },
    ],
    indent: 0,
  });
  for (const unit of model.missing) {
    blocks.push(
      { type: 'heading', level: 2, text: unit.unitName, indent: 0 },
      { type: 'bullets', indent: 0, items: unit.items.map((ref) => [{ text: referenceAndText(ref, references.get(ref) ?? '') }]) },
    );
  }
  return blocks;
}
