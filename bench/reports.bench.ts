/**
 * How long the report renderers take for a large plan (300 items), per format: one warm-up, then five runs,
 * median and peak memory. Fails (exit 1) when a median passes the budget, so a slow change is noticed here rather
 * than by a coordinator waiting for the board's report. Run: node --import tsx bench/reports.bench.ts
 */
import { renderReport } from '../src/capabilities/reports/render.ts';
import type { ReportFormat } from '../src/capabilities/reports/model.ts';
import { sampleReportModel } from '../src/capabilities/reports/sample-model.ts';

const budgetMs = 2000;
const runs = 5;
const formats: ReportFormat[] = ['docx', 'pdf', 'xlsx', 'csv'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<number> {
  const model = sampleReportModel({ items: 300 });
  const entries = model.sections.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.reports.length, 0), 0);
  console.log(
    `Report renderers, ${model.sections.reduce((n, s) => n + s.rows.length, 0)} items, ${entries} report entries, ${model.indicatorSeries.length} indicator series`,
  );
  console.log(`Node ${process.version}, ${runs} runs after one warm-up, budget ${budgetMs} ms per format (median)\n`);

  const rows: { format: ReportFormat; median: number; min: number; max: number; size: number }[] = [];
  for (const format of formats) {
    await renderReport(model, format);
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const report = await renderReport(model, format);
      times.push(performance.now() - start);
      size = report.bytes.length;
    }
    rows.push({ format, median: median(times), min: Math.min(...times), max: Math.max(...times), size });
  }

  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(8) : c.padStart(11))).join(' '));
  line(['format', 'median ms', 'min ms', 'max ms', 'size kB', 'budget']);
  for (const r of rows) {
    line([
      r.format,
      r.median.toFixed(0),
      r.min.toFixed(0),
      r.max.toFixed(0),
      (r.size / 1024).toFixed(0),
      r.median <= budgetMs ? 'ok' : 'OVER',
    ]);
  }
  // maxRSS is the process's peak resident set, in kilobytes.
  console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

  const over = rows.filter((r) => r.median > budgetMs);
  if (over.length > 0) {
    console.error(`Over budget (${budgetMs} ms): ${over.map((r) => r.format).join(', ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
