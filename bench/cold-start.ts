/**
 * Cold start of `npm start` on the embedded store (PGlite) with the demo already seeded: the time from spawning
 * `npm start` to the first 200 from GET /api/health. Issue 9's target is under 3 s after the first build.
 *
 * One first start prepares a temporary DATA_DIR (the demo is seeded; its time is `seedMs`, and it includes the
 * first build of the web app and the server when they are stale), is stopped, and then `runs` starts are timed on
 * that seeded directory. Each run is exactly what a person types: `npm start` with PORT and DATA_DIR set, in its
 * own process group, so SIGTERM reaches npm, its shell and the server alike, and the next run starts only when
 * every one of them has exited (the database is closed and its files released).
 *
 * Run: node --import tsx bench/cold-start.ts [--runs 5] [--port 3210]
 * Used as a module: `measureColdStart({ runs, port, env })`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const POLL_MS = 20;
const START_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 30_000;

export interface ColdStartOptions {
  runs: number;
  /** Added to the environment of every start (DATABASE_URL is not inherited: the bench is about the embedded store). */
  env?: Record<string, string>;
  port: number;
}

export interface ColdStartResult {
  runsMs: number[];
  medianMs: number;
  /** The first start on an empty DATA_DIR: build when stale, migrations and the whole demo seed. */
  seedMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Whether any process of the group still exists (npm, its shell or the server). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Started {
  child: ChildProcess;
  output: () => string;
}

function startNpm(env: NodeJS.ProcessEnv): Started {
  // detached: its own process group, so the whole tree can be signalled and awaited.
  const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length > 100_000) out = out.slice(-50_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => out };
}

/** Milliseconds from now until the server answers its health check with 200. */
async function untilHealthy(started: Started, port: number, since: number): Promise<number> {
  for (;;) {
    if (await healthy(port)) return performance.now() - since;
    if (started.child.exitCode !== null || started.child.signalCode !== null)
      throw new Error(`npm start exited (${started.child.exitCode ?? started.child.signalCode}) before it answered.\n${started.output()}`);
    if (performance.now() - since > START_TIMEOUT_MS)
      throw new Error(`npm start did not answer within ${START_TIMEOUT_MS / 1000} s.\n${started.output()}`);
    await sleep(POLL_MS);
  }
}

async function stop(started: Started): Promise<void> {
  const pgid = started.child.pid;
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = performance.now() + STOP_TIMEOUT_MS;
  while (groupAlive(pgid)) {
    if (performance.now() > deadline) {
      process.kill(-pgid, 'SIGKILL');
      throw new Error(`npm start did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM; killed.\n${started.output()}`);
    }
    await sleep(POLL_MS);
  }
}

async function timedStart(env: NodeJS.ProcessEnv, port: number): Promise<number> {
  if (await healthy(port)) throw new Error(`Something already answers on port ${port}; choose another port.`);
  const since = performance.now();
  const started = startNpm(env);
  try {
    return await untilHealthy(started, port, since);
  } finally {
    await stop(started);
  }
}

export async function measureColdStart(options: ColdStartOptions): Promise<ColdStartResult> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'delaktig-cold-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  Object.assign(env, options.env, { PORT: String(options.port), DATA_DIR: dataDir });
  try {
    const seedMs = await timedStart(env, options.port);
    const runsMs: number[] = [];
    for (let i = 0; i < options.runs; i++) runsMs.push(await timedStart(env, options.port));
    return { runsMs, medianMs: median(runsMs), seedMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, port: { type: 'string', default: '3210' } } });
  const result = await measureColdStart({ runs: Math.max(1, Number(values.runs)), port: Number(values.port) });
  const ms = (n: number) => `${Math.round(n)} ms`;
  console.log(`First start (seed): ${ms(result.seedMs)}`);
  console.log(`Seeded starts: ${result.runsMs.map(ms).join(', ')}`);
  console.log(`Median: ${ms(result.medianMs)} (target: under 3000 ms)`);
}
