/**
 * Load: many reporters saving their follow-up reports at once against PostgreSQL, for a minute, with the real
 * server in its own process and autocannon as the load generator. Each connection is one signed-in reporter
 * with its own unit and tasks; it writes only its own reports, one request at a time, always with the version
 * the last answer gave it, and now and then reads its task or its task list. Afterwards the database is checked:
 * every acknowledged save is the stored report (or was overwritten by a later acknowledged save of the same
 * reporter), has its report event and its audit record, and each task's version counts exactly its saves.
 * Before that check every reporter also sends two saves of one report with one version at once: one may win.
 * Fails (exit 1) on any error, timeout, non-2xx answer, stale read, lost write or doubly accepted save.
 *
 * Run: node --import tsx bench/load.bench.ts [--duration 60] [--connections 200]
 * Database: TEST_DATABASE_URL or DATABASE_URL (default postgres://root@127.0.0.1:5432/test); the bench creates
 * and drops its own database beside it (delaktig_load_<pid>), so the database named there is never touched.
 * Results: printed, and written to bench/results/load.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { ReportStatus } from '../src/capabilities/follow-up/words.ts';
import { openStore, type Store } from '../src/db/database.ts';
import { autocannon, type AutocannonRequest } from './autocannon.ts';
import { raceSaves, verify } from './load/check.ts';
import { prepare, saveRequest, signIn, type Reporter, type TaskState, type Written } from './load/world.ts';

const { values: args } = parseArgs({
  options: { duration: { type: 'string', default: '60' }, connections: { type: 'string', default: '200' } },
});
const durationSeconds = Number(args.duration);
const reporters = Number(args.connections);
const statuses: ReportStatus[] = ['not_started', 'in_progress', 'delayed', 'done', 'cancelled'];

const tally = {
  saves: 0,
  acknowledged: 0,
  reads: 0,
  lists: 0,
  byStatus: new Map<number, number>(),
  conflicts: 0,
  staleReads: 0,
  wrongAnswers: 0,
  samples: [] as string[],
};

function note(message: string): void {
  if (tally.samples.length < 10) tally.samples.push(message);
}

function narrativeFor(reporter: Reporter, task: TaskState, seq: number): string {
  const filler =
    ' Deltagarna har kommit regelbundet och samarbetet med Arbetsförmedlingen och föreningarna fungerar, men lokalfrågan är inte löst.';
  return `Rapport ${seq} från ${reporter.username} om uppgift ${task.id}.${filler.repeat(1 + (seq % 4))}`;
}

/**
 * The request a reporter makes next: seven in ten save one of its reports (status, comment and figures) with the
 * last version it was given, two read one report back, one reads the task list. Each request gets headers of its
 * own: autocannon writes Content-Length into the headers object it is given, which a later GET would then carry.
 */
function nextRequest(reporter: Reporter, request: AutocannonRequest): AutocannonRequest {
  const seq = reporter.sent++;
  const task = reporter.tasks[seq % reporter.tasks.length] as TaskState;
  const slot = seq % 10;
  if (slot === 3 || slot === 8) {
    reporter.pending = { kind: 'read', task };
    return { ...request, method: 'GET', path: `/api/tasks/${task.id}`, headers: { cookie: reporter.cookie }, body: '' };
  }
  if (slot === 6) {
    reporter.pending = { kind: 'list' };
    return { ...request, method: 'GET', path: '/api/my/tasks', headers: { cookie: reporter.cookie }, body: '' };
  }
  const status = statuses[seq % statuses.length] as ReportStatus;
  const write: Written = {
    status,
    progress: status === 'done' ? 100 : (seq * 7) % 100,
    narrative: narrativeFor(reporter, task, seq),
    targetValue: task.hasTarget ? (seq % 40) + 0.5 : null,
    version: task.version + 1,
  };
  reporter.pending = { kind: 'save', task, write };
  return saveRequest(request, reporter.cookie, task.id, task.version, write);
}

function settle(reporter: Reporter, status: number, body: string): void {
  const pending = reporter.pending;
  reporter.pending = null;
  if (!pending) return;
  tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    note(`${reporter.username}: answer ${status} is not JSON`);
  }
  if (pending.kind === 'list') {
    tally.lists++;
    if (status === 200 && !(Array.isArray(parsed.tasks) && parsed.tasks.length === reporter.tasks.length)) {
      tally.wrongAnswers++;
      note(`${reporter.username}: task list does not hold the reporter's ${reporter.tasks.length} tasks`);
    }
    return;
  }
  if (pending.kind === 'read') {
    tally.reads++;
    const last = pending.task.acknowledged.at(-1);
    // A reporter reads its own report after its own saves were answered: it must see the last of them.
    if (status === 200 && (parsed.version !== pending.task.version || (last && parsed.narrative !== last.narrative))) {
      tally.staleReads++;
      note(`${reporter.username}: read task ${pending.task.id} at version ${String(parsed.version)}, expected ${pending.task.version}`);
    }
    return;
  }
  tally.saves++;
  const { task, write } = pending;
  if (status >= 200 && status < 300) {
    if (parsed.version !== write.version || parsed.narrative !== write.narrative || parsed.status !== write.status) {
      tally.wrongAnswers++;
      note(`${reporter.username}: save of task ${task.id} answered version ${String(parsed.version)}, expected ${write.version}`);
    }
    task.acknowledged.push(write);
    task.version = write.version;
    tally.acknowledged++;
    return;
  }
  if (status === 409) {
    tally.conflicts++;
    const current = parsed.current as { version?: unknown } | undefined;
    if (typeof current?.version === 'number') task.version = current.version;
  }
  note(`${reporter.username}: save of task ${task.id} answered ${status}: ${String(parsed.message ?? body.slice(0, 200))}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, ['bin/delaktig.mjs', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 60 s.\n${out}${err}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listens on')) {
        clearTimeout(timer);
        resolve({ child, stderr: () => err });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before it listened.\n${out}${err}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

function baseUrl(): string {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
}

async function main(): Promise<number> {
  const admin = new URL(baseUrl());
  const databaseName = `delaktig_load_${process.pid}`;
  const databaseUrl = new URL(admin);
  databaseUrl.pathname = `/${databaseName}`;
  const control = new pg.Client({ connectionString: admin.toString() });
  await control.connect().catch((error: unknown) => {
    throw new Error(`The load bench needs a PostgreSQL server (TEST_DATABASE_URL or DATABASE_URL, now ${admin.host}): ${String(error)}`);
  });
  const postgresVersion = ((await control.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?').split(
    ' ',
  )[0];
  await control.query(`create database ${databaseName}`);
  const dataDir = mkdtempSync(join(os.tmpdir(), 'delaktig-load-'));
  let store: Store | null = null;
  let server: ChildProcess | null = null;
  try {
    store = await openStore({ databaseUrl: databaseUrl.toString() });
    let started = performance.now();
    const setup = await prepare(store, reporters);
    console.log(
      `Load: ${reporters} reporters, ${durationSeconds} s, PostgreSQL ${postgresVersion} (database ${databaseName})\n` +
        `Set-up: 300 activities, ${reporters} units and reporters, cycle with ${setup.taskCount} tasks in ${Math.round(performance.now() - started)} ms`,
    );
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const started2 = await startServer({
      ...process.env,
      DATABASE_URL: databaseUrl.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: 'belastning-admin',
      DEMO: 'false',
    });
    server = started2.child;
    started = performance.now();
    // A few at a time: sign-in runs scrypt, which the server spreads over its thread pool.
    for (let i = 0; i < setup.reporters.length; i += 8)
      await Promise.all(
        setup.reporters.slice(i, i + 8).map(async (r) => {
          r.cookie = await signIn(base, r.username);
        }),
      );
    console.log(`Signed in ${setup.reporters.length} reporters in ${Math.round(performance.now() - started)} ms`);

    const byCookie = new Map(setup.reporters.map((r) => [r.cookie, r]));
    let nextClient = 0;
    // The machine's load average over the last minute of the run says how much else ran beside the bench.
    let busiest = 0;
    const sampler = setInterval(() => (busiest = Math.max(busiest, os.loadavg()[0] ?? 0)), 5000);
    const result = await autocannon({
      url: base,
      connections: reporters,
      duration: durationSeconds,
      pipelining: 1,
      timeout: 10,
      headers: { 'content-type': 'application/json' },
      // Each connection is one reporter, for the whole run.
      setupClient: (client) => {
        const reporter = setup.reporters[nextClient++ % setup.reporters.length] as Reporter;
        client.setHeaders({ 'content-type': 'application/json', cookie: reporter.cookie });
      },
      requests: [
        {
          setupRequest: (request, context) => {
            const reporter = byCookie.get(request.headers?.cookie ?? '');
            // autocannon builds the first request before setupClient gives the connection its reporter.
            if (!reporter) return { ...request, method: 'GET', path: '/api/health' };
            if (reporter.pending?.kind === 'save') reporter.pending.task.unanswered.push(reporter.pending.write);
            context.reporter = reporter;
            return nextRequest(reporter, request);
          },
          onResponse: (status, body, context) => {
            const reporter = context.reporter as Reporter | undefined;
            if (reporter) settle(reporter, status, body);
          },
        },
      ],
    });
    clearInterval(sampler);
    for (const r of setup.reporters) if (r.pending?.kind === 'save') r.pending.task.unanswered.push(r.pending.write);

    const race = await raceSaves(base, setup.reporters);
    const exit = await stopServer(server);
    server = null;
    const check = await verify(store, setup.reporters);
    const problems = [
      ...(result.errors > 0 ? [`${result.errors} connection errors (${result.timeouts} of them timeouts)`] : []),
      ...(result.non2xx > 0 ? [`${result.non2xx} answers were not 2xx`] : []),
      ...(tally.conflicts > 0 ? [`${tally.conflicts} saves were refused as stale (409)`] : []),
      ...(tally.staleReads > 0 ? [`${tally.staleReads} reads did not show the reporter's last acknowledged save`] : []),
      ...(tally.wrongAnswers > 0 ? [`${tally.wrongAnswers} answers did not say what was saved`] : []),
      ...(exit !== 0 ? [`the server exited with ${exit} on SIGTERM`] : []),
      ...(race.bothAccepted > 0 ? [`${race.bothAccepted} of ${race.pairs} simultaneous saves with one version were both accepted`] : []),
      ...race.otherAnswers.slice(0, 5).map((a) => `simultaneous saves answered ${a} (expected 200 and 409)`),
      ...check.lost.slice(0, 20).map((l) => `LOST: ${l}`),
    ];
    const machine = {
      cpu: os.cpus()[0]?.model.trim() ?? '?',
      cores: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      postgres: postgresVersion,
      platform: `${os.type()} ${os.release()}`,
      loadAverage: { atEnd: Number((os.loadavg()[0] ?? 0).toFixed(1)), highest: Number(busiest.toFixed(1)) },
    };
    const figures = {
      date: new Date().toISOString(),
      reporters,
      durationSeconds,
      tasks: setup.taskCount,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
        mean: result.latency.mean,
      },
      saves: tally.saves,
      reads: tally.reads,
      lists: tally.lists,
      acknowledgedSaves: tally.acknowledged,
      checkedSaves: check.acknowledged,
      unansweredWrites: check.unanswered,
      reportEvents: check.events,
      auditRecords: check.auditRecords,
      statusCodes: Object.fromEntries(tally.byStatus),
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      conflicts: tally.conflicts,
      staleReads: tally.staleReads,
      lost: check.lost.length,
      simultaneousSaves: { pairs: race.pairs, bothAccepted: race.bothAccepted, otherAnswers: race.otherAnswers.length },
      machine,
      passed: problems.length === 0,
    };
    mkdirSync(new URL('results/', import.meta.url), { recursive: true });
    writeFileSync(new URL('results/load.json', import.meta.url), `${JSON.stringify(figures, null, 2)}\n`);

    const rows: [string, string][] = [
      [`Requests in ${durationSeconds} s`, String(figures.requests)],
      ['Requests per second', String(figures.requestsPerSecond)],
      [
        'Latency p50 / p90 / p99 / max (ms)',
        [figures.latencyMs.p50, figures.latencyMs.p90, figures.latencyMs.p99, figures.latencyMs.max].join(' / '),
      ],
      ['Saves acknowledged', String(figures.acknowledgedSaves)],
      ['Saves in flight when the run stopped', String(figures.unansweredWrites)],
      ['Reads (one report / task list)', `${figures.reads} / ${figures.lists}`],
      ['Report events / audit records', `${figures.reportEvents} / ${figures.auditRecords}`],
      ['Errors / timeouts / non-2xx', `${figures.errors} / ${figures.timeouts} / ${figures.non2xx}`],
      ['Version conflicts (409)', String(figures.conflicts)],
      ['Acknowledged saves checked in the database', String(figures.checkedSaves)],
      ['Lost writes', String(figures.lost)],
      ['Same-version save pairs both accepted', `${race.bothAccepted} of ${race.pairs}`],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    const valueWidth = Math.max(...rows.map(([, value]) => value.length));
    console.log(
      [
        '',
        `| ${'Measure'.padEnd(width)} | ${'Value'.padStart(valueWidth)} |`,
        `| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth - 1)}: |`,
        ...rows.map(([label, value]) => `| ${label.padEnd(width)} | ${value.padStart(valueWidth)} |`),
        '',
        `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB; Node ${machine.node}; PostgreSQL ${machine.postgres}; ` +
          `load average (1 min) up to ${machine.loadAverage.highest} during the run.`,
        'Written to bench/results/load.json.',
      ].join('\n'),
    );
    if (tally.samples.length > 0) console.log(`\nFirst answers that were wrong:\n  ${tally.samples.join('\n  ')}`);
    if (problems.length > 0) {
      console.error(
        `\nFAILED:\n  ${problems.join('\n  ')}${check.lost.length > 20 ? `\n  … and ${check.lost.length - 20} more lost` : ''}`,
      );
      return 1;
    }
    console.log('\nPassed: no errors, every acknowledged save is stored, with its report event and audit record.');
    return 0;
  } finally {
    if (server) await stopServer(server);
    await store?.close();
    // pg's pool resolves end() before its connections have closed; forcing the drop over them makes the closing
    // client report an error. Wait for them to go first.
    for (let i = 0; i < 50; i++) {
      const open = await control.query('select count(*)::int as n from pg_stat_activity where datname = $1', [databaseName]);
      if ((open.rows[0] as { n: number }).n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await control.query(`drop database if exists ${databaseName} with (force)`);
    await control.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
