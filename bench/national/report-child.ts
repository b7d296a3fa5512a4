/**
 * Child process of the national bench: makes the board's report (Word, then PDF) for one follow-up cycle, as the
 * report job does, and prints the timings and the process's peak memory as JSON. A process of its own so that its
 * peak resident memory is the report's alone (with PGlite the embedded database is in the process too: its share
 * is measured before the first report and printed beside the peak).
 * Run: node --import tsx bench/national/report-child.ts <cycleId> (store from DATABASE_URL or DATA_DIR)
 */
import { join } from 'node:path';
import { makeReportFile } from '../../src/capabilities/follow-up/reports.ts';
import { openStore } from '../../src/db/database.ts';

const cycleId = process.argv[2];
if (!cycleId) throw new Error('usage: report-child.ts <cycleId>');
const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: join(process.env.DATA_DIR ?? './data', 'db') });
try {
  await store.db.selectFrom('follow_up_cycle').select('id').where('id', '=', cycleId).executeTakeFirstOrThrow();
  const baselineRss = process.memoryUsage().rss;
  const runs: { docxMs: number; pdfMs: number; docxBytes: number; pdfBytes: number }[] = [];
  // The first run is what a coordinator meets after a restart (fonts and renderers loaded on first use); the second
  // is a warm process.
  for (let i = 0; i < 2; i++) {
    let start = performance.now();
    const docx = await makeReportFile(store.db, cycleId, 'docx', 'bench');
    const docxMs = performance.now() - start;
    start = performance.now();
    const pdf = await makeReportFile(store.db, cycleId, 'pdf', 'bench');
    const pdfMs = performance.now() - start;
    runs.push({ docxMs, pdfMs, docxBytes: docx.size, pdfBytes: pdf.size });
  }
  process.stdout.write(
    `${JSON.stringify({ runs, peakRssMb: process.resourceUsage().maxRSS / 1024, baselineRssMb: baselineRss / 1024 / 1024, store: store.kind })}\n`,
  );
} finally {
  await store.close();
}
