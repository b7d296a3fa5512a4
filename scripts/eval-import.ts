// Scores the plan importer against reference transcriptions: `npm run eval:import` runs the five plans as
// .txt, .docx and .pdf against data/plans/*.json; `npm run eval:import -- <document> <reference.json>` one file.
// `--min 0.95` makes it fail when any scored figure falls below.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { extractSource } from '../src/capabilities/plan-import/extract.ts';
import { readPlan } from '../src/capabilities/plan-import/import-plan.ts';
import { scoreImport, scoredFigures, type ImportScore } from '../src/capabilities/plan-import/score.ts';
import { municipalities } from '../src/capabilities/plan-import/service.ts';
import type { PlanOutline } from '../src/capabilities/plans/outline.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { min: { type: 'string' }, json: { type: 'boolean' } } });

interface Case {
  document: string;
  reference: string;
}

function defaultCases(): Case[] {
  const fixtures = join(root, 'test/fixtures/plan-import');
  const references = readdirSync(join(root, 'data/plans'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(root, 'data/plans', f));
  return references.flatMap((reference) => {
    const source = (JSON.parse(readFileSync(reference, 'utf8')) as PlanOutline).source?.file ?? '';
    const stem = basename(source, extname(source));
    return ['.txt', '.docx', '.pdf'].map((ext) => ({ document: join(fixtures, stem + ext), reference }));
  });
}

const cases: Case[] =
  positionals.length === 2 ? [{ document: positionals[0] as string, reference: positionals[1] as string }] : defaultCases();
if (positionals.length !== 0 && positionals.length !== 2) {
  console.error('Usage: npm run eval:import [-- <document> <reference.json>] [--min 0.95] [--json]');
  process.exit(2);
}

const rows: { document: string; score: ImportScore; ms: number }[] = [];
for (const c of cases) {
  const started = performance.now();
  const source = await extractSource(new Uint8Array(readFileSync(c.document)), basename(c.document));
  const read = readPlan(source, { fileName: basename(c.document), municipality: null, municipalities: municipalities() });
  const ms = performance.now() - started;
  rows.push({
    document: basename(c.document),
    score: scoreImport(JSON.parse(readFileSync(c.reference, 'utf8')) as PlanOutline, read.outline),
    ms,
  });
}

if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
else {
  const figures = [...scoredFigures, 'kinds', 'notes'] as const;
  const header = ['document', 'items ref/out', ...figures, 'ms'];
  const lines = rows.map((r) => [
    r.document,
    `${r.score.referenceItems}/${r.score.importedItems}`,
    ...figures.map((f) => r.score[f].toFixed(3)),
    r.ms.toFixed(0),
  ]);
  const mean = (f: (typeof figures)[number]) => rows.reduce((s, r) => s + r.score[f], 0) / rows.length;
  lines.push(['mean', '', ...figures.map((f) => mean(f).toFixed(3)), '']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const print = (cells: string[]) =>
    console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
  print(header);
  for (const l of lines) print(l);
  console.log('\nScored: recall, precision, parents, units (F1), due, recurrence. kinds and notes are shown for information.');
}

if (values.min) {
  const min = Number(values.min);
  const below = rows.flatMap((r) =>
    scoredFigures.filter((f) => r.score[f] < min).map((f) => `${r.document}: ${f} ${r.score[f].toFixed(3)}`),
  );
  if (below.length > 0) {
    console.error(`Below ${min}:\n  ${below.join('\n  ')}`);
    process.exit(1);
  }
}
