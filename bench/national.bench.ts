/**
 * The national bench: can one instance serve every municipality in Sweden, and stay fast for one?
 *
 * For each store (embedded PGlite, PostgreSQL) and scale (1 and 290 municipalities of the synthetic national data
 * set, `npm run bench:data`) it starts the real server as its own process and loads the main reads and the main
 * write with autocannon at 1, 10 and 50 connections; beside each it measures a bare node:http server answering the
 * same bytes from memory — the ceiling for any Node server on this machine — and reports the ratio. It counts the
 * SQL queries of each request and checks their plans for sequential scans over the national tables, makes the
 * board's report (Word and PDF) of the largest plan, imports a 30-page plan, times the cold start of `npm start`
 * and weighs the script and style the pages send. Results: bench/results/national.json and the section between
 * the markers in docs/performance.md. Exits 1 when a target is missed.
 *
 * Run: npm run bench [-- --stores pglite,postgres --scales 1,290 --duration 10 --connections 1,10,50 --seed 42]
 * PostgreSQL: TEST_DATABASE_URL or DATABASE_URL (default postgres://root@127.0.0.1:5432/test) names the server;
 * the bench keeps its data sets there as template databases (delaktig_bench_*) and in .bench/ for PGlite.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { extractSource } from '../src/capabilities/plan-import/extract.ts';
import { readPlan } from '../src/capabilities/plan-import/import-plan.ts';
import { municipalities as knownMunicipalities } from '../src/capabilities/plan-import/service.ts';
import { openStore } from '../src/db/database.ts';
import { SESSION_COOKIE } from '../src/http.ts';
import { measureLoad } from './national/http-load.ts';
import { pageCost, type PageCost } from './national/assets.ts';
import { datasetSize, ensureDataset, workCopy, type StoreKind } from './national/datasets.ts';
import { freePort, startServer } from './national/server.ts';
import { startCeilingServer } from './ceiling.ts';
import { measureColdStart } from './cold-start.ts';
import { benchTargets, createBenchSession } from './data/generate.ts';
import { runSaveLoad } from './load/save.ts';
import { checkQueries } from './queries.ts';
import { renderMarkdown, type NationalResults, type EndpointRun, type ScaleRun } from './national/results.ts';

const { values: args } = parseArgs({
  options: {
    stores: { type: 'string', default: 'pglite,postgres' },
    scales: { type: 'string', default: '1,290' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '1,10,50' },
    seed: { type: 'string', default: '42' },
    'no-docs': { type: 'boolean', default: false },
    'skip-cold-start': { type: 'boolean', default: false },
  },
});
const stores = args.stores.split(',').map((s) => s.trim()) as StoreKind[];
const scales = args.scales.split(',').map(Number);
const durationSeconds = Number(args.duration);
const connectionLevels = args.connections.split(',').map(Number);
const seed = Number(args.seed);
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
for (const s of stores) if (s !== 'pglite' && s !== 'postgres') throw new Error(`--stores: unknown store "${s}" (pglite, postgres)`);
for (const n of scales)
  if (!Number.isInteger(n) || n < 1 || n > 290) throw new Error(`--scales: ${n} is not a number of municipalities 1–290`);

const root = join(import.meta.dirname, '..');
const log = (line: string) => process.stdout.write(`${line}\n`);

interface Endpoint {
  name: string;
  kind: EndpointRun['kind'];
  method: 'GET';
  path: string;
  headers: Record<string, string>;
  expectStatus: number;
}

/** The bytes a request gets, as sent (not decompressed), to be served again by the ceiling server. */
function capture(baseUrl: string, endpoint: Endpoint): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${endpoint.path}`, { headers: endpoint.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const status = response.statusCode ?? 0;
        if (status !== endpoint.expectStatus)
          return reject(
            new Error(
              `${endpoint.name}: ${endpoint.path} answered ${status}, not ${endpoint.expectStatus}: ${body.toString('utf8', 0, 300)}`,
            ),
          );
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(response.headers))
          if (value !== undefined && !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(key))
            headers[key] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status, headers, body });
      });
    });
    req.once('error', reject);
    req.end();
  });
}

async function describeMachine(): Promise<Omit<NationalResults['machine'], 'loadAverageAtEnd'>> {
  const client = new pg.Client({ connectionString: serverUrl });
  let postgres = 'not reachable';
  try {
    await client.connect();
    postgres = (await client.query<{ version: string }>('select version()')).rows[0]?.version ?? '';
  } catch {
    // Described as unreachable; the PostgreSQL runs then fail with their own message.
  } finally {
    await client.end().catch(() => undefined);
  }
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: postgres.split(' on ')[0] ?? postgres,
    loadAverageAtStart: os.loadavg()[0] ?? 0,
  };
}

function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}: ${err}`))));
  });
}

async function measureScale(store: StoreKind, municipalities: number): Promise<ScaleRun> {
  const dataset = await ensureDataset(store, municipalities, seed, serverUrl, log);
  const size = await datasetSize(dataset, serverUrl);
  const copy = await workCopy(dataset, serverUrl);
  try {
    // What to ask for, sessions and the query checks: in-process, before the server opens the store (PGlite allows one
    // process at a time).
    const direct = await openStore({ databaseUrl: copy.databaseUrl, dataDir: copy.dataDir ? join(copy.dataDir, 'db') : undefined });
    let targets: Awaited<ReturnType<typeof benchTargets>>;
    let coordinatorCookie: string;
    let reporters: { cookie: string; tasks: { id: string; version: number; hasTarget: boolean }[] }[];
    let queryChecks: ScaleRun['queries'];
    let code: string;
    let reportCycleId: string;
    let planItems: number;
    try {
      // The first municipality of the list: the same one at every scale.
      code = (await direct.db.selectFrom('document').select('municipality_code').orderBy('municipality_code').executeTakeFirstOrThrow())
        .municipality_code;
      targets = await benchTargets(direct.db, code);
      const newestClosed = await direct.db
        .selectFrom('follow_up_cycle')
        .select('id')
        .where('document_id', '=', targets.planId)
        .where('state', '=', 'closed')
        .orderBy('period_from', 'desc')
        .executeTakeFirstOrThrow();
      reportCycleId = newestClosed.id;
      const counted = await direct.db
        .selectFrom('item')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('document_id', '=', targets.planId)
        .executeTakeFirstOrThrow();
      planItems = Number(counted.n);
      coordinatorCookie = `${SESSION_COOKIE}=${await createBenchSession(direct.db, targets.coordinatorUsername)}`;
      // One connection is one reporter saving her own reports. A municipality has 25 reporters; for more connections
      // a reporter's reports are shared out over sessions of her own (as with two tabs open), never one report over
      // two connections, so no save waits for another's version.
      const perReporter = Math.ceil(Math.max(...connectionLevels) / Math.max(targets.reporters.length, 1));
      reporters = [];
      for (let part = 0; part < perReporter; part++)
        for (const r of targets.reporters) {
          const tasks = r.taskIds.filter((_, i) => i % perReporter === part).map((t) => ({ ...t }));
          if (tasks.length > 0) reporters.push({ cookie: `${SESSION_COOKIE}=${await createBenchSession(direct.db, r.username)}`, tasks });
        }
      const firstTask = reporters[0]?.tasks[0];
      queryChecks = await checkQueries({
        store,
        db: direct.db,
        requests: [
          { name: 'outline', method: 'GET', url: `/api/plans/${targets.planId}/outline`, cookie: coordinatorCookie },
          { name: 'catalogue', method: 'GET', url: `/api/municipalities/${code}/activities?${targets.catalogueQuery}` },
          { name: 'indicator', method: 'GET', url: `/api/indicators/${targets.indicatorId}`, cookie: coordinatorCookie },
          { name: 'public-plan', method: 'GET', url: `/sv/kommun/${code}/plan/${targets.planId}` },
          { name: 'open-data', method: 'GET', url: `/api/open/plans/${targets.planId}.json` },
          ...(firstTask
            ? [
                {
                  name: 'save',
                  method: 'PUT' as const,
                  url: `/api/tasks/${firstTask.id}`,
                  cookie: reporters[0]?.cookie,
                  body: {
                    version: firstTask.version,
                    status: 'in_progress',
                    progress: 40,
                    narrative: 'Frågekontroll från prestandamätningen.',
                    submit: false,
                  },
                },
              ]
            : []),
        ],
      });
      // The check's save moved that task's version on.
      if (firstTask) {
        const row = await direct.db.selectFrom('report_task').select('version').where('id', '=', firstTask.id).executeTakeFirstOrThrow();
        firstTask.version = row.version;
      }
    } finally {
      await direct.close();
    }

    log(`${store}, ${municipalities} municipalities: starting the server …`);
    const server = await startServer(copy);
    const endpoints: EndpointRun[] = [];
    let assets: PageCost[] = [];
    try {
      const list: Endpoint[] = [
        {
          name: 'Plan outline',
          kind: 'uncached',
          method: 'GET',
          path: `/api/plans/${targets.planId}/outline`,
          headers: { cookie: coordinatorCookie },
          expectStatus: 200,
        },
        {
          name: 'Catalogue search',
          kind: 'uncached',
          method: 'GET',
          path: `/api/municipalities/${code}/activities?${targets.catalogueQuery}`,
          headers: {},
          expectStatus: 200,
        },
        {
          name: 'Indicator series',
          kind: 'uncached',
          method: 'GET',
          path: `/api/indicators/${targets.indicatorId}`,
          headers: { cookie: coordinatorCookie },
          expectStatus: 200,
        },
        {
          name: 'Public plan page',
          kind: 'cached',
          method: 'GET',
          path: `/sv/kommun/${code}/plan/${targets.planId}`,
          headers: { 'accept-encoding': 'gzip' },
          expectStatus: 200,
        },
        {
          name: 'Open data plan (JSON)',
          kind: 'cached',
          method: 'GET',
          path: `/api/open/plans/${targets.planId}.json`,
          headers: { 'accept-encoding': 'gzip' },
          expectStatus: 200,
        },
      ];
      const page = await capture(server.baseUrl, list[3] as Endpoint);
      list.push({
        name: 'Public plan page, revalidated (304)',
        kind: 'cached',
        method: 'GET',
        path: list[3]!.path,
        headers: { 'accept-encoding': 'gzip', 'if-none-match': page.headers.etag ?? '' },
        expectStatus: 304,
      });

      for (const endpoint of list) {
        const bytes = await capture(server.baseUrl, endpoint);
        const ceilingPort = await freePort();
        const ceiling = await startCeilingServer(new Map([[endpoint.path, bytes]]), ceilingPort);
        const ceilingUrl = `http://127.0.0.1:${ceilingPort}`;
        const runs: EndpointRun['runs'] = [];
        try {
          // Warm-up: the server's JIT, pool and caches, as after a few minutes of use.
          await measureLoad(`${server.baseUrl}${endpoint.path}`, {
            connections: 10,
            durationSeconds: 2,
            headers: endpoint.headers,
            expectStatus: endpoint.expectStatus,
          });
          for (const connections of connectionLevels) {
            const measured = await measureLoad(`${server.baseUrl}${endpoint.path}`, {
              connections,
              durationSeconds,
              headers: endpoint.headers,
              expectStatus: endpoint.expectStatus,
            });
            const bare = await measureLoad(`${ceilingUrl}${endpoint.path}`, {
              connections,
              durationSeconds,
              headers: endpoint.headers,
              expectStatus: endpoint.expectStatus,
            });
            runs.push({ ...measured, ceilingRps: bare.rps, ratio: measured.rps / bare.rps });
            log(
              `  ${endpoint.name.padEnd(36)} ${String(connections).padStart(2)} conn: ${measured.rps.toFixed(0).padStart(6)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, errors ${measured.errors + measured.unexpected}; ceiling ${bare.rps.toFixed(0)} req/s (${((100 * measured.rps) / bare.rps).toFixed(0)} %)`,
            );
          }
        } finally {
          await ceiling.close();
        }
        endpoints.push({
          name: endpoint.name,
          kind: endpoint.kind,
          path: endpoint.path.replace(/[0-9a-f-]{36}/g, '{id}'),
          responseBytes: bytes.body.length,
          runs,
        });
      }

      // The write: every connection is one reporter saving its own reports with the version its last answer gave.
      const saveRuns: EndpointRun['runs'] = [];
      for (const connections of connectionLevels) {
        const figures = await runSaveLoad({
          baseUrl: server.baseUrl,
          reporters: reporters.slice(0, connections),
          connections,
          durationSeconds,
        });
        saveRuns.push({
          connections,
          requests: figures.requests,
          rps: figures.rps,
          p50: figures.p50,
          p90: figures.p90,
          p99: figures.p99,
          max: figures.max,
          errors: figures.errors,
          unexpected: figures.non2xx,
          ceilingRps: null,
          ratio: null,
        });
        log(
          `  ${'Save a follow-up entry'.padEnd(36)} ${String(connections).padStart(2)} conn: ${figures.rps.toFixed(0).padStart(6)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, errors ${figures.errors + figures.non2xx} (409: ${figures.conflicts})`,
        );
      }
      endpoints.push({ name: 'Save a follow-up entry', kind: 'write', path: '/api/tasks/{id}', responseBytes: null, runs: saveRuns });

      if (municipalities === Math.min(...scales))
        assets = [
          await pageCost(server.baseUrl, `/sv/kommun/${code}/plan/${targets.planId}`),
          await pageCost(server.baseUrl, `/ar/kommun/${code}/plan/${targets.planId}`),
          await pageCost(server.baseUrl, '/'),
        ];
    } finally {
      await server.stop();
    }

    log(`${store}, ${municipalities} municipalities: the board's report of the largest plan …`);
    const reportOut = await runChild(['bench/national/report-child.ts', reportCycleId], {
      ...process.env,
      ...(copy.databaseUrl ? { DATABASE_URL: copy.databaseUrl } : { DATA_DIR: copy.dataDir, DATABASE_URL: '' }),
    });
    const report = JSON.parse(reportOut.trim().split('\n').at(-1) as string) as ScaleRun['report'];

    return {
      store,
      municipalities,
      dataset: { location: dataset.location, bytes: size, generatedMs: dataset.generatedMs, planItems },
      endpoints,
      queries: queryChecks,
      report,
      assets,
    };
  } finally {
    await copy.drop();
  }
}

async function measureImport(): Promise<NationalResults['import']> {
  const files = ['long-plan.docx', 'long-plan.pdf'];
  const out: NationalResults['import'] = [];
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(join(root, 'bench', 'fixtures', file)));
    const once = async () => {
      const source = await extractSource(bytes, file);
      const read = readPlan(source, { fileName: file, municipality: null, municipalities: knownMunicipalities() });
      return { pages: source.pages ?? null, items: read.outline.nodes.length };
    };
    const first = performance.now();
    const shape = await once();
    const coldMs = performance.now() - first;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await once();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    out.push({ file, pages: shape.pages, bytes: bytes.length, coldMs, medianMs: times[2] as number });
  }
  return out;
}

async function main(): Promise<number> {
  const machine = await describeMachine();
  log(
    `National bench: stores ${stores.join(', ')}; scales ${scales.join(', ')}; ${durationSeconds} s per load at ${connectionLevels.join('/')} connections; seed ${seed}`,
  );
  log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}; Node ${machine.node}; ${machine.postgres}`);
  const startedAt = new Date().toISOString();
  const runs: ScaleRun[] = [];
  for (const store of stores)
    for (const municipalities of scales) {
      runs.push(await measureScale(store, municipalities));
      // Kept as it goes: a failure in a later step must not lose the measurements made so far.
      mkdirSync(join(root, 'bench', 'results'), { recursive: true });
      writeFileSync(join(root, 'bench', 'results', 'national.partial.json'), `${JSON.stringify({ startedAt, runs }, null, 2)}\n`);
    }

  log('Import of a 30-page plan …');
  const imported = await measureImport();
  let coldStart: NationalResults['coldStart'] = null;
  if (!args['skip-cold-start']) {
    log('Cold start of npm start …');
    coldStart = await measureColdStart({ runs: 5, port: await freePort() });
  }

  const results: NationalResults = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: os.loadavg()[0] ?? 0 },
    settings: { durationSeconds, connections: connectionLevels, seed, stores, scales },
    runs,
    import: imported,
    coldStart,
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'national.json'), `${JSON.stringify(results, null, 2)}\n`);
  const { markdown, missed } = renderMarkdown(results);
  log(`\n${markdown}`);
  if (!args['no-docs']) {
    const docs = join(root, 'docs', 'performance.md');
    const text = readFileSync(docs, 'utf8');
    const begin = '<!-- national-bench:begin -->';
    const end = '<!-- national-bench:end -->';
    const from = text.indexOf(begin);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/performance.md has no ${begin} … ${end} section to write the results into`);
    writeFileSync(docs, `${text.slice(0, from + begin.length)}\n${markdown}\n${text.slice(to)}`);
    log('Written to bench/results/national.json and docs/performance.md.');
  }
  if (missed.length > 0) {
    process.stderr.write(`Targets missed:\n${missed.map((m) => `  - ${m}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
