/** The national bench's results, the issue's targets judged on them, and the Markdown written to docs/performance.md. */
import type { LoadFigures } from './http-load.ts';
import type { PageCost } from './assets.ts';

export interface EndpointRun {
  name: string;
  /** uncached: computed per request; cached: a public read answered from precomputed data; write: a save. */
  kind: 'uncached' | 'cached' | 'write';
  path: string;
  responseBytes: number | null;
  runs: (LoadFigures & { ceilingRps: number | null; ratio: number | null })[];
}

export interface QueryCheck {
  name: string;
  /** The answer's status: a count for a refused request would say nothing about the read. */
  status: number;
  queries: number;
  seqScans: { table: string; rows: number; sql: string }[];
}

export interface ScaleRun {
  store: 'pglite' | 'postgres';
  municipalities: number;
  dataset: { location: string; bytes: number; generatedMs: number | null; planItems: number };
  endpoints: EndpointRun[];
  queries: QueryCheck[];
  report: {
    runs: { docxMs: number; pdfMs: number; docxBytes: number; pdfBytes: number }[];
    peakRssMb: number;
    baselineRssMb: number;
    store: string;
  };
  assets: PageCost[];
}

export interface NationalResults {
  startedAt: string;
  finishedAt: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGb: number;
    os: string;
    node: string;
    postgres: string;
    loadAverageAtStart: number;
    loadAverageAtEnd: number;
  };
  settings: { durationSeconds: number; connections: number[]; seed: number; stores: string[]; scales: number[] };
  runs: ScaleRun[];
  import: { file: string; pages: number | null; bytes: number; coldMs: number; medianMs: number }[];
  coldStart: { runsMs: number[]; medianMs: number; seedMs: number } | null;
}

export interface TargetResult {
  target: string;
  where: string;
  measured: string;
  met: boolean;
}

const storeName = (s: string) => (s === 'pglite' ? 'PGlite' : 'PostgreSQL');
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

function at(run: EndpointRun | undefined, connections: number) {
  return run?.runs.find((r) => r.connections === connections);
}

/** The issue's targets, judged where they apply: server targets on PostgreSQL (the issue's setting), the rest as run. */
export function judge(results: NationalResults): TargetResult[] {
  const out: TargetResult[] = [];
  const national = Math.max(...results.settings.scales);
  const single = Math.min(...results.settings.scales);
  for (const run of results.runs) {
    const where = `${storeName(run.store)}, ${run.municipalities} municipalit${run.municipalities === 1 ? 'y' : 'ies'}`;
    for (const endpoint of run.endpoints.filter((e) => e.kind === 'cached'))
      for (const r of endpoint.runs.filter((r) => r.connections >= 10 && r.ratio !== null))
        out.push({
          target: `${endpoint.name}: ≥ 50 % of the node:http ceiling`,
          where: `${where}, ${r.connections} connections`,
          measured: `${((r.ratio ?? 0) * 100).toFixed(0)} % (${r.rps.toFixed(0)} of ${(r.ceilingRps ?? 0).toFixed(0)} req/s)`,
          met: (r.ratio ?? 0) >= 0.5 && r.errors + r.unexpected === 0,
        });
    if (run.store !== 'postgres') continue;
    for (const name of ['Plan outline', 'Catalogue search']) {
      const endpoint = run.endpoints.find((e) => e.name === name);
      const ten = at(endpoint, 10);
      if (run.municipalities === national && ten)
        out.push({
          target: `${name}: p99 < 50 ms at 10 connections`,
          where,
          measured: `p99 ${ms(ten.p99)} ms`,
          met: ten.p99 < 50 && ten.errors + ten.unexpected === 0,
        });
      if (run.municipalities === national && national !== single) {
        const base = results.runs.find((r) => r.store === run.store && r.municipalities === single);
        const baseTen = at(
          base?.endpoints.find((e) => e.name === name),
          10,
        );
        if (ten && baseTen)
          out.push({
            target: `${name}: p50 grows ≤ 1.5× from ${single} to ${national} municipalities`,
            where: `${storeName(run.store)}, 10 connections`,
            measured: `${ms(baseTen.p50)} → ${ms(ten.p50)} ms (${(ten.p50 / Math.max(baseTen.p50, 1)).toFixed(2)}×)`,
            // Latencies are whole milliseconds: growth within one millisecond is no growth that can be measured.
            met: ten.p50 <= 1.5 * baseTen.p50 || ten.p50 - baseTen.p50 <= 1,
          });
      }
    }
    const save = at(
      run.endpoints.find((e) => e.kind === 'write'),
      50,
    );
    if (save)
      out.push({
        target: 'Save a follow-up entry: p99 < 100 ms at 50 connections, no errors',
        where,
        measured: `p99 ${ms(save.p99)} ms, ${save.errors + save.unexpected} errors`,
        met: save.p99 < 100 && save.errors + save.unexpected === 0,
      });
    if (run.municipalities === national) {
      const warm = run.report.runs.at(-1);
      const cold = run.report.runs[0];
      if (warm && cold)
        out.push({
          target: `Word + PDF report of a ${run.dataset.planItems}-item plan: < 2 s, peak memory < 300 MB`,
          where,
          measured: `${ms(warm.docxMs + warm.pdfMs)} ms warm (${ms(cold.docxMs + cold.pdfMs)} ms first), peak ${run.report.peakRssMb.toFixed(0)} MB`,
          met: warm.docxMs + warm.pdfMs < 2000 && cold.docxMs + cold.pdfMs < 2000 && run.report.peakRssMb < 300,
        });
    }
  }
  for (const run of results.runs)
    for (const check of run.queries) {
      const other =
        single === national
          ? undefined
          : results.runs.find((r) => r.store === run.store && r.municipalities === single)?.queries.find((q) => q.name === check.name);
      if (run.municipalities === national && other)
        out.push({
          target: `${check.name}: as many SQL queries at ${national} as at ${single} municipalit${single === 1 ? 'y' : 'ies'}, no sequential scan of a national table`,
          where: storeName(run.store),
          measured: `${other.queries} → ${check.queries} queries; ${check.seqScans.length} scans; answers ${other.status}, ${check.status}`,
          met: other.queries === check.queries && check.seqScans.length === 0 && check.status < 300 && other.status < 300,
        });
    }
  if (results.coldStart)
    out.push({
      target: 'Cold start of npm start to first request: < 3 s',
      where: 'PGlite, demo data, after the first build',
      measured: `median ${ms(results.coldStart.medianMs)} ms (${results.coldStart.runsMs.map((n) => n.toFixed(0)).join(', ')})`,
      met: results.coldStart.medianMs < 3000,
    });
  const assets = results.runs.find((r) => r.assets.length > 0)?.assets ?? [];
  for (const page of assets.filter((p) => p.page !== '/'))
    out.push({
      target: 'Public page JavaScript ≤ 150 KB compressed',
      where: page.page.replace(/[0-9a-f-]{36}/g, '{id}'),
      measured: `${kb(page.scriptWireBytes)} in ${page.scripts.length} scripts`,
      met: page.scriptWireBytes <= 150 * 1024,
    });
  return out;
}

export function renderMarkdown(results: NationalResults): { markdown: string; missed: string[] } {
  const targets = judge(results);
  const m = results.machine;
  const lines: string[] = [];
  lines.push(
    `Run ${results.startedAt.slice(0, 16).replace('T', ' ')}–${results.finishedAt.slice(11, 16)} UTC (written by \`npm run bench\` to this section and to \`bench/results/national.json\`).`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.os}; Node ${m.node}; ${m.postgres} on the same machine; the load generator`,
    `(autocannon, one process) on the same machine too. Load average ${m.loadAverageAtStart.toFixed(1)} at the start, ${m.loadAverageAtEnd.toFixed(1)} at the end.`,
    `Each load: ${results.settings.durationSeconds} s after a 2 s warm-up; seed ${results.settings.seed}.`,
    '',
    '**Targets**',
    '',
    '| Target | Where | Measured | Met |',
    '| --- | --- | --- | :-: |',
    ...targets.map((t) => `| ${t.target} | ${t.where} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`),
    '',
  );
  for (const run of results.runs) {
    lines.push(
      `**${storeName(run.store)}, ${run.municipalities} municipalit${run.municipalities === 1 ? 'y' : 'ies'}** — data set ${(run.dataset.bytes / 1024 ** 2).toFixed(0)} MB` +
        `${run.dataset.generatedMs !== null ? `, generated in ${(run.dataset.generatedMs / 1000).toFixed(0)} s` : ''}; the plan read has ${run.dataset.planItems} items.`,
      '',
      '| Endpoint | Conn. | req/s | p50 ms | p90 ms | p99 ms | max ms | Errors | Ceiling req/s | Of ceiling | SQL queries |',
      '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    );
    for (const endpoint of run.endpoints) {
      const queryName = queryNameOf(endpoint.name);
      const check = run.queries.find((q) => q.name === queryName);
      for (const r of endpoint.runs)
        lines.push(
          `| ${endpoint.name} | ${r.connections} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.errors + r.unexpected} | ${r.ceilingRps === null ? '–' : r.ceilingRps.toFixed(0)} | ${r.ratio === null ? '–' : `${(r.ratio * 100).toFixed(0)} %`} | ${check ? `${check.queries}${check.status >= 300 ? ` (answer ${check.status})` : ''}` : '–'} |`,
        );
    }
    const scans = run.queries.flatMap((q) => q.seqScans.map((s) => `${q.name}: ${s.table} (${s.rows} rows)`));
    const report = run.report;
    lines.push(
      '',
      `Sequential scans over tables of more than 10,000 rows in the main reads' query plans: ${scans.length === 0 ? 'none' : scans.join('; ')}.`,
      `Report of the plan's newest closed follow-up (Word + PDF): ${report.runs.map((r, i) => `${i === 0 ? 'first' : 'warm'} ${ms(r.docxMs)} + ${ms(r.pdfMs)} ms`).join(', ')}; ` +
        `peak memory ${report.peakRssMb.toFixed(0)} MB (${report.baselineRssMb.toFixed(0)} MB before the first report${run.store === 'pglite' ? ', the embedded database included' : ''}).`,
      '',
    );
  }
  lines.push(
    '**Import of a 30-page plan** (read and turned into plan-outline/1, in the bench process)',
    '',
    '| File | Pages | Size | First | Median of 5 |',
    '| --- | --: | --: | --: | --: |',
  );
  for (const i of results.import)
    lines.push(`| ${i.file} | ${i.pages ?? '–'} | ${kb(i.bytes)} | ${ms(i.coldMs)} ms | ${ms(i.medianMs)} ms |`);
  lines.push('');
  if (results.coldStart)
    lines.push(
      `**Cold start** of \`npm start\` (PGlite, demo data already seeded, web app built) to the first answered request: median ${ms(results.coldStart.medianMs)} ms of ${results.coldStart.runsMs.length} (${results.coldStart.runsMs.map((n) => n.toFixed(0)).join(', ')} ms); the very first start, which seeds the demo, took ${ms(results.coldStart.seedMs)} ms.`,
      '',
    );
  const assets = results.runs.find((r) => r.assets.length > 0)?.assets ?? [];
  if (assets.length > 0) {
    lines.push(
      '**What a page makes the browser download** (first visit, as sent with `Accept-Encoding: br, gzip`)',
      '',
      '| Page | HTML | Scripts | Script bytes | Stylesheets | Style bytes |',
      '| --- | --: | --: | --: | --: | --: |',
    );
    for (const p of assets)
      lines.push(
        `| ${p.page === '/' ? 'Staff app `/`' : `\`${p.page.replace(/[0-9a-f-]{36}/g, '{id}')}\``} | ${kb(p.html.wireBytes)} | ${p.scripts.length} | ${kb(p.scriptWireBytes)} | ${p.stylesheets.length} | ${kb(p.styleWireBytes)} |`,
      );
    lines.push('');
  }
  const missed = targets.filter((t) => !t.met).map((t) => `${t.target} — ${t.where}: ${t.measured}`);
  return { markdown: lines.join('\n'), missed };
}

function queryNameOf(endpointName: string): string {
  if (endpointName.startsWith('Plan outline')) return 'outline';
  if (endpointName.startsWith('Catalogue')) return 'catalogue';
  if (endpointName.startsWith('Indicator')) return 'indicator';
  if (endpointName.startsWith('Public plan page')) return 'public-plan';
  if (endpointName.startsWith('Open data')) return 'open-data';
  if (endpointName.startsWith('Save')) return 'save';
  return endpointName;
}
