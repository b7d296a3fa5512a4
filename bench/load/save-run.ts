/**
 * The follow-up save target on its own, repeatable: the load bench's world (a plan of 300 activities, one unit and
 * one reporter per connection, an open cycle) on a fresh database, the real server in its own process with
 * production settings, and autocannon saving only (bench/load/save.ts) for a short warm-up and then the measured
 * run. Afterwards the same checks as the load bench: two saves of one report with one version at once (exactly one
 * may win), and every acknowledged save is stored, with its report event and audit record.
 *
 * Run: node --import tsx bench/load/save-run.ts [--store postgres|pglite] [--connections 50] [--duration 20]
 *        [--warmup 3] [--port 3220] [--cpu-prof DIR] [--root OTHER_CHECKOUT]
 * PostgreSQL: TEST_DATABASE_URL or DATABASE_URL (default postgres://root@127.0.0.1:5432/test) names the server; the
 * run creates and drops its own database bench_h3_<pid> there.
 * Sessions are made directly in the database (sign-in runs scrypt on purpose and is not what is measured).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startSession } from '../../src/capabilities/accounts/accounts.ts';
import { openStore, type Store } from '../../src/db/database.ts';
import { SESSION_COOKIE } from '../../src/http.ts';
import { raceSaves, verify } from './check.ts';
import { runSaveLoad } from './save.ts';
import { prepare } from './world.ts';

const { values: args } = parseArgs({
  options: {
    store: { type: 'string', default: 'postgres' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    port: { type: 'string', default: '3220' },
    'cpu-prof': { type: 'string' },
    /** Another checkout to run the server from (the code before a change), with this checkout's world and load. */
    root: { type: 'string' },
  },
});
const connections = Number(args.connections);
const kind = args.store === 'pglite' ? 'pglite' : 'postgres';

function startServer(env: NodeJS.ProcessEnv, nodeArgs: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, 'bin/delaktig.mjs', 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(args.root ? { cwd: args.root } : {}),
  });
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 60 s.\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listens on')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before it listened.\n${out}`));
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

/**
 * CPU seconds a process has used (user + system, from /proc): the machine is shared with other work, so besides
 * latency the run reports the CPU each save cost the server and the database, which other load barely moves.
 */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'bench-h3-'));
  const databaseName = `bench_h3_${process.pid}`;
  const admin = new URL(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test');
  const databaseUrl = new URL(admin);
  databaseUrl.pathname = `/${databaseName}`;
  const control = kind === 'postgres' ? new pg.Client({ connectionString: admin.toString() }) : null;
  const open = () => openStore(kind === 'postgres' ? { databaseUrl: databaseUrl.toString() } : { dataDir: join(dataDir, 'db') });
  let store: Store | null = null;
  let server: ChildProcess | null = null;
  try {
    if (control) {
      await control.connect();
      await control.query(`create database ${databaseName}`);
    }
    store = await open();
    const setup = await prepare(store, connections);
    const users = await store.db.selectFrom('app_user').select(['id', 'username']).execute();
    const userIds = new Map(users.map((u) => [u.username, u.id]));
    for (const r of setup.reporters) {
      const { token } = await startSession(store.db, userIds.get(r.username) as string, { idleMinutes: 120, maxHours: 12 });
      r.cookie = `${SESSION_COOKIE}=${token}`;
    }
    // PGlite is one process's database: the server opens it after the set-up has closed it.
    if (kind === 'pglite') {
      await store.close();
      store = null;
    }
    const port = Number(args.port);
    const base = `http://127.0.0.1:${port}`;
    const profileDir = args['cpu-prof'];
    server = await startServer(
      {
        ...process.env,
        ...(kind === 'postgres' ? { DATABASE_URL: databaseUrl.toString() } : { DATABASE_URL: '' }),
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        ADMIN_PASSWORD: 'belastning-admin',
        DEMO: 'false',
      },
      profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
    );
    const warmup = Number(args.warmup);
    if (warmup > 0) await runSaveLoad({ baseUrl: base, reporters: setup.reporters, connections, durationSeconds: warmup });
    const backends = control
      ? (await control.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [databaseName])).rows.map((r) => r.pid)
      : [];
    const databaseCpu = () => backends.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const cpuBefore = { server: cpuSeconds(server.pid), database: databaseCpu() };
    const load = [os.loadavg()[0] ?? 0];
    const sampler = setInterval(() => load.push(os.loadavg()[0] ?? 0), 2000);
    const result = await runSaveLoad({ baseUrl: base, reporters: setup.reporters, connections, durationSeconds: Number(args.duration) });
    clearInterval(sampler);
    const cpuPerSave = {
      serverMs: Number((((cpuSeconds(server.pid) - cpuBefore.server) * 1000) / result.requests).toFixed(2)),
      databaseMs: Number((((databaseCpu() - cpuBefore.database) * 1000) / result.requests).toFixed(2)),
    };
    const race = await raceSaves(base, setup.reporters);
    const exit = await stopServer(server);
    server = null;
    store ??= await open();
    const check = await verify(store, setup.reporters);
    const { samples, ...figures } = result;
    console.log(
      JSON.stringify({
        store: kind,
        connections,
        durationSeconds: Number(args.duration),
        ...figures,
        cpuPerSave,
        loadAverage: { start: Number(load[0]?.toFixed(2)), max: Number(Math.max(...load).toFixed(2)) },
        acknowledged: check.acknowledged,
        events: check.events,
        audit: check.auditRecords,
        lost: check.lost.length,
        pairsBothAccepted: race.bothAccepted,
        pairsOther: race.otherAnswers.length,
      }),
    );
    const problems = [
      ...(result.errors > 0 ? [`${result.errors} connection errors or timeouts`] : []),
      ...(result.non2xx > 0 ? [`${result.non2xx} answers were not 2xx`] : []),
      ...(result.wrongAnswers > 0 ? [`${result.wrongAnswers} answers did not say what was saved`] : []),
      ...(exit !== 0 ? [`the server exited with ${exit} on SIGTERM`] : []),
      ...(race.bothAccepted > 0 ? [`${race.bothAccepted} of ${race.pairs} same-version pairs were both accepted`] : []),
      ...race.otherAnswers.slice(0, 5).map((a) => `simultaneous saves answered ${a}`),
      ...check.lost.slice(0, 10).map((l) => `LOST: ${l}`),
      ...samples,
    ];
    if (problems.length > 0) {
      console.error(`FAILED:\n  ${problems.join('\n  ')}`);
      return 1;
    }
    return 0;
  } finally {
    if (server) await stopServer(server);
    await store?.close();
    if (control) {
      for (let i = 0; i < 50; i++) {
        const open = await control.query('select count(*)::int as n from pg_stat_activity where datname = $1', [databaseName]);
        if ((open.rows[0] as { n: number }).n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await control.query(`drop database if exists ${databaseName} with (force)`);
      await control.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
