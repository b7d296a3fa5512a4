import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const bin = new URL('../bin/delaktig.mjs', import.meta.url).pathname;

/** Starts `delaktig serve` as a user would and resolves with its address once it listens. */
const running = new Set<ChildProcess>();

function serve(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--demo', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listens on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], child, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('delaktig serve on the embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'delaktig-serve-'));
  // A failed assertion must not leave a server running, or the test process would never end.
  after(async () => {
    await Promise.all([...running].map(stop));
    rmSync(dir, { recursive: true, force: true });
  });
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, ADMIN_PASSWORD: 'first-start-password' };
  delete env.DATABASE_URL;

  it('starts with the five plans and keeps every change across a restart', async () => {
    const first = await serve(env);
    const municipalities = (await (await fetch(`${first.url}/api/municipalities`)).json()) as { code: string; documentCount: number }[];
    assert.equal(municipalities.filter((m) => m.documentCount > 0).length, 5);

    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'kalix.samordnare', password: 'demo' }),
    });
    assert.equal(login.status, 200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const created = await fetch(`${first.url}/api/municipalities/2514/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'Kalix folkhögskola', kind: 'partner' }),
    });
    assert.equal(created.status, 201);
    await stop(first.child);

    const second = await serve(env);
    try {
      const units = (await (await fetch(`${second.url}/api/municipalities/2514/units`)).json()) as { name: string }[];
      assert.ok(
        units.some((u) => u.name === 'Kalix folkhögskola'),
        'the unit added before the restart is still there',
      );
      const docs = (await (await fetch(`${second.url}/api/municipalities/2514/documents`)).json()) as unknown[];
      assert.equal(docs.length, 1, 'the demo plans are not loaded a second time');
      assert.doesNotMatch(second.output(), /created with password/, 'the administrator is created only once');
    } finally {
      await stop(second.child);
    }
  });
});
