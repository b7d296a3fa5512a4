import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { forEachStore } from '../../../test/support/each-store.ts';
import { freshStore, type TestStore } from '../../../test/support/stores.ts';

const bin = new URL('../../../bin/delaktig.mjs', import.meta.url).pathname;

await forEachStore('indicators on the command line', (kind) => {
  let dir: string;
  let store: TestStore | undefined;
  let env: NodeJS.ProcessEnv;
  let server: Server;
  let koladaUrl: string;
  // Asynchronous, so the fixture server in this process can answer the child.
  const cli = (...args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  before(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          count: 2,
          values: [
            { kpi: 'N02268', municipality: '1860', period: 2021, values: [{ gender: 'T', count: 1, status: '', value: 48.7 }] },
            { kpi: 'N02268', municipality: '1860', period: 2022, values: [{ gender: 'T', count: 1, status: '', value: 50.2 }] },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    koladaUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
    dir = mkdtempSync(join(tmpdir(), 'delaktig-indicators-'));
    env = { ...process.env, DATA_DIR: dir, SCB_URL: 'http://127.0.0.1:9/api/v2', KOLADA_URL: 'http://127.0.0.1:9/v3' };
    delete env.DATABASE_URL;
    if (kind === 'postgres') {
      store = await freshStore('postgres');
      env.DATABASE_URL = store.url;
    } else {
      const seeded = await cli('seed', '--demo');
      assert.equal(seeded.status, 0, seeded.stderr);
    }
  });
  after(async () => {
    await store?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches one key figure from the Kolada at --kolada-url', async () => {
    const run = await cli('indicators', 'sync', '--kpi', 'N02268', '--kolada-url', koladaUrl);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Sysselsättningsgrad 20–64 år, utrikes födda: 2 fetched, 2 new, 0 corrected, 0 unchanged/);
    const again = await cli('indicators', 'sync', '--kpi', 'N02268', '--kolada-url', koladaUrl);
    assert.match(again.stdout, /0 new, 0 corrected, 2 unchanged/);
  });

  it('says which sources could not be reached, exits non-zero, and refuses bad arguments', async () => {
    const run = await cli('indicators', 'sync', '--municipality', '1864');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /SCB kunde inte nås \(ingen anslutning\)/);
    const bad = await cli('indicators', 'sync', '--kpi', 'X12');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /not a Kolada key figure id/);
  });
});
