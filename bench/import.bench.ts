/**
 * How long the plan importer takes for a 30-page plan (the five plans twice over, as Word and as PDF): reading the
 * file and turning it into plan-outline/1, one warm-up, then five runs, median and peak memory. Fails (exit 1) when
 * a median passes the budget. Run: node --import tsx bench/import.bench.ts
 */
import { readFileSync } from 'node:fs';
import { extractSource } from '../src/capabilities/plan-import/extract.ts';
import { readPlan } from '../src/capabilities/plan-import/import-plan.ts';
import { municipalities } from '../src/capabilities/plan-import/service.ts';

const budgetMs = 1000;
const runs = 5;
const files = ['long-plan.docx', 'long-plan.pdf'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function importOnce(file: string, bytes: Uint8Array) {
  const source = await extractSource(bytes, file);
  const read = readPlan(source, { fileName: file, municipality: null, municipalities: municipalities() });
  return { pages: source.pages, nodes: JSON.stringify(read.outline.nodes).length };
}

async function main(): Promise<number> {
  console.log(`Plan import, Node ${process.version}, ${runs} runs after one warm-up, budget ${budgetMs} ms per file (median)\n`);
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(16) : c.padStart(10))).join(' '));
  line(['file', 'pages', 'size kB', 'median ms', 'min ms', 'max ms', 'peak MB', 'budget']);
  let failed = false;
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(new URL(`fixtures/${file}`, import.meta.url)));
    const { pages } = await importOnce(file, bytes);
    const times: number[] = [];
    let peak = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await importOnce(file, bytes);
      times.push(performance.now() - start);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const m = median(times);
    if (m > budgetMs) failed = true;
    line([
      file,
      String(pages ?? '–'),
      (bytes.length / 1024).toFixed(0),
      m.toFixed(0),
      Math.min(...times).toFixed(0),
      Math.max(...times).toFixed(0),
      (peak / 1024 / 1024).toFixed(0),
      m > budgetMs ? 'OVER' : 'ok',
    ]);
  }
  return failed ? 1 : 0;
}

process.exit(await main());
