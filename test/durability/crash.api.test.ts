import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, freshStore, postgresAvailable, type TestStore } from '../support/stores.ts';

/**
 * Nothing acknowledged is lost: the real server (`delaktig serve`, a separate process) takes concurrent writes,
 * is killed with SIGKILL in the middle of them, and is started again on the same database. Every write it had
 * answered 201 must be there, whole, and nothing may be half-written (a unit without its audit entry, which the
 * same transaction writes). Several rounds, on the embedded store and on PostgreSQL.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const WRITERS = 8;
const ROUNDS = 3;

interface Server {
  url: string;
  process: ChildProcess;
}

/** Every server started, so a failing test still kills them (a live child would keep the test process running). */
const started: ChildProcess[] = [];

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['bin/delaktig.mjs', 'serve', '--port', '0'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ADMIN_PASSWORD,
      HOST: '127.0.0.1',
      WORKER_INTERVAL_MS: '0',
      SIGN_IN_LIMIT_PER_MINUTE: '1000',
      DEMO: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  return new Promise<Server>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 120 s:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listens on (http:\/\/[^ ]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1].replace('localhost', '127.0.0.1'), process: child });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output}`));
    });
  });
}

function kill(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.process.exitCode !== null) return resolve();
    server.process.once('exit', () => resolve());
    server.process.kill('SIGKILL');
  });
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  assert.equal(res.status, 200, await res.text());
  const cookie = /delaktig_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  assert.ok(cookie);
  return cookie;
}

/** Writers create units until the server dies; each returns the names the server acknowledged. */
async function writeUntilKilled(server: Server, cookie: string, round: number, killAfterMs: number): Promise<Set<string>> {
  const acknowledged = new Set<string>();
  let alive = true;
  const writer = async (w: number) => {
    for (let i = 0; alive; i++) {
      const name = `Krocktest ${round}-${w}-${i}`;
      try {
        const res = await fetch(`${server.url}/api/municipalities/1860/units`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ name, kind: 'unit', abbreviation: `K${w}` }),
        });
        if (res.status === 201) acknowledged.add(name);
        else assert.fail(`unexpected ${res.status}: ${await res.text()}`);
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        return; // the connection died with the server: this write was not acknowledged
      }
    }
  };
  const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  await kill(server);
  alive = false;
  await Promise.all(writers);
  return acknowledged;
}

async function check(url: string, cookie: string, acknowledged: Set<string>): Promise<number> {
  const units = (await (await fetch(`${url}/api/municipalities/1860/units`, { headers: { cookie } })).json()) as {
    id: string;
    name: string;
    kind: string;
    abbreviation: string | null;
  }[];
  const crashed = units.filter((u) => u.name.startsWith('Krocktest '));
  const byName = new Map(crashed.map((u) => [u.name, u]));
  const missing = [...acknowledged].filter((name) => !byName.has(name));
  assert.deepEqual(missing, [], 'every acknowledged write is there after the restart');
  for (const u of crashed) {
    assert.equal(u.kind, 'unit', `${u.name} is whole`);
    assert.match(u.abbreviation ?? '', /^K\d$/, `${u.name} is whole`);
  }
  const audit = (await (await fetch(`${url}/api/audit/export?format=json&entityType=unit&text=Krocktest`, { headers: { cookie } })).text())
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { entityId: string; action: string });
  const audited = new Set(audit.filter((a) => a.action === 'unit.create').map((a) => a.entityId));
  const unaudited = crashed.filter((u) => !audited.has(u.id)).map((u) => u.name);
  assert.deepEqual(unaudited, [], 'no unit without the audit entry of its transaction: nothing half-written');
  return crashed.length;
}

async function crashRounds(env: Record<string, string>): Promise<void> {
  const all = new Set<string>();
  for (let round = 1; round <= ROUNDS; round++) {
    const server = await startServer(env);
    const cookie = await signIn(server.url);
    // Killed at a different moment each round, while writes are in flight.
    const acknowledged = await writeUntilKilled(server, cookie, round, 600 + round * 350);
    assert.ok(acknowledged.size > 0, `round ${round}: some writes were acknowledged before the kill`);
    for (const name of acknowledged) all.add(name);
    const again = await startServer(env);
    try {
      const present = await check(again.url, await signIn(again.url), all);
      assert.ok(present >= all.size);
    } finally {
      await kill(again);
    }
  }
}

describe('durability: a killed server loses no acknowledged write; two processes agree', { timeout: 600_000 }, () => {
  const dirs: string[] = [];
  const stores: TestStore[] = [];
  after(async () => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    for (const store of stores) await store.close();
  });

  it('on the embedded store (PGlite in the server process)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delaktig-crash-'));
    dirs.push(dir);
    await crashRounds({ DATA_DIR: dir });
  });

  it('on PostgreSQL', async (t) => {
    if (!(await postgresAvailable())) return t.skip('no PostgreSQL server');
    const store = await freshStore('postgres');
    stores.push(store);
    await crashRounds({ DATABASE_URL: store.url as string, DATA_DIR: mkdtempSync(join(tmpdir(), 'delaktig-crash-')) });
  });

  it('two app processes on one PostgreSQL share sessions and data, and a lost update is refused across them', async (t) => {
    if (!(await postgresAvailable())) return t.skip('no PostgreSQL server');
    const store = await freshStore('postgres');
    stores.push(store);
    const env = { DATABASE_URL: store.url as string, DATA_DIR: mkdtempSync(join(tmpdir(), 'delaktig-two-')) };
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    try {
      const cookie = await signIn(a.url);
      const me = (await (await fetch(`${b.url}/api/auth/me`, { headers: { cookie } })).json()) as { user: { username: string } | null };
      assert.equal(me.user?.username, 'admin', 'a session made by one process is known to the other');
      const made = await fetch(`${a.url}/api/municipalities/1860/units`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ name: 'Tvåprocessenheten', kind: 'unit' }),
      });
      assert.equal(made.status, 201);
      const unit = (await made.json()) as { id: string; version: number };
      const seen = (await (await fetch(`${b.url}/api/municipalities/1860/units`, { headers: { cookie } })).json()) as { id: string }[];
      assert.ok(
        seen.some((u) => u.id === unit.id),
        'a write through one process is read through the other',
      );
      const rename = (server: Server, name: string) =>
        fetch(`${server.url}/api/units/${unit.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ version: unit.version, name }),
        }).then((r) => r.status);
      const statuses = (await Promise.all([rename(a, 'Namn från A'), rename(b, 'Namn från B')])).sort();
      assert.deepEqual(statuses, [200, 409], 'the same version saved through both: one wins, the other is told');
      const out = await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
      assert.equal(out.status, 204);
      const after = (await (await fetch(`${a.url}/api/auth/me`, { headers: { cookie } })).json()) as { user: unknown };
      assert.equal(after.user, null, 'signing out through one process ends the session in the other');
    } finally {
      await Promise.all([kill(a), kill(b)]);
    }
  });
});
