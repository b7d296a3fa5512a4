import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import YAML from 'yaml';
import { forEachStore } from '../test/support/each-store.ts';
import { freshStore, type TestStore } from '../test/support/stores.ts';
import type { PlanOutline } from './capabilities/plans/outline.ts';

const bin = new URL('../bin/delaktig.mjs', import.meta.url).pathname;

await forEachStore('command line', (kind) => {
  let dir: string;
  let store: TestStore | undefined;
  let env: NodeJS.ProcessEnv;

  const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'delaktig-cli-'));
    env = { ...process.env, DATA_DIR: dir };
    delete env.DATABASE_URL;
    if (kind === 'postgres') {
      // The CLI opens its own connection, so it gets a database of its own copied from the test template.
      store = await freshStore('postgres');
      env.DATABASE_URL = store.url;
    } else {
      const seeded = cli('seed');
      assert.equal(seeded.status, 0, seeded.stderr);
    }
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a query against the CLI's database: the PostgreSQL test database, or the PGlite directory once the CLI has let go of it. */
  const query = async <T>(run: (db: TestStore['db']) => Promise<T>): Promise<T> => {
    if (store) return run(store.db);
    const { openStore } = await import('./db/database.ts');
    const local = await openStore({ dataDir: join(dir, 'db') });
    try {
      return await run(local.db);
    } finally {
      await local.close();
    }
  };

  const planIdOf = (code: string) =>
    query(async (db) => (await db.selectFrom('document').select('id').where('municipality_code', '=', code).executeTakeFirstOrThrow()).id);

  it('migrates, and says so when there is nothing to do', () => {
    const res = cli('migrate');
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, /up to date/);
  });

  it('exports a plan as JSON and YAML that import again into an equal plan', async () => {
    const id = await planIdOf('1860');
    const json = cli('plan', 'export', id);
    assert.equal(json.status, 0, json.stderr);
    const outline = JSON.parse(json.stdout) as PlanOutline;
    assert.equal(outline.format, 'plan-outline/1');
    const yaml = cli('plan', 'export', id, '--format', 'yaml');
    assert.deepEqual(YAML.parse(yaml.stdout), outline);

    const file = join(dir, 'copy.json');
    writeFileSync(file, JSON.stringify({ ...outline, title: `${outline.title} (kopia)` }));
    const imported = cli('plan', 'import', file);
    assert.equal(imported.status, 0, imported.stderr);
    const copyId = /as ([0-9a-f-]{36})/.exec(imported.stdout)?.[1];
    assert.ok(copyId);
    const copy = JSON.parse(cli('plan', 'export', copyId).stdout) as PlanOutline;
    const strip = (o: PlanOutline) =>
      JSON.parse(JSON.stringify(o.nodes, (k, v: unknown) => (k === 'id' || k === 'version' ? undefined : v))) as unknown;
    assert.deepEqual(strip(copy), strip(outline));
  });

  it('refuses a bad plan file with the JSON path of each problem and writes nothing', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'plan-outline/1',
        municipality: { code: '1860', name: 'Laxå' },
        title: 'Trasig plan',
        kind: 'plan',
        adopted: null,
        valid: { from: '2015', to: '2018' },
        followUp: [],
        levels: [],
        nodes: [
          {
            kind: 'goal',
            label: 'Mål',
            text: 'A',
            responsible: [],
            due: 'nästa år',
            recurrence: null,
            frameworks: [],
            children: [{ kind: 'task' }],
          },
        ],
      }),
    );
    const res = cli('plan', 'import', file);
    assert.equal(res.status, 1);
    assert.match(res.stderr, /nothing was saved/);
    assert.match(res.stderr, /\/nodes\/0\/due/);
    assert.match(res.stderr, /\/nodes\/0\/children\/0/);
    const docs = await query((db) => db.selectFrom('document').select('title').where('title', '=', 'Trasig plan').execute());
    assert.equal(docs.length, 0);
  });

  const fixture = (name: string) => new URL(`../test/fixtures/plan-import/${name}`, import.meta.url).pathname;
  const titled = (title: string) => query((db) => db.selectFrom('document').select('id').where('title', '=', title).execute());

  it('reads a Word plan with --dry-run: prints its plan-outline/1 and saves nothing', async () => {
    const res = cli('plan', 'import', fixture('osteraker-atgardsplan-for-integration-2015.docx'), '--dry-run');
    assert.equal(res.status, 0, res.stderr);
    const outline = JSON.parse(res.stdout) as PlanOutline;
    assert.equal(outline.format, 'plan-outline/1');
    assert.equal(outline.municipality.code, '0117');
    assert.equal(outline.kind, 'action-plan');
    assert.equal(outline.nodes.filter((n) => n.kind === 'activity').length, 11);
    assert.equal((await titled(outline.title)).length, 1, 'only the demo plan has this title');
  });

  it('saves a text plan for the municipality given; a corrupt file is refused with its reason', async () => {
    const saved = cli('plan', 'import', fixture('unseen-handlingsplan.txt'), '--municipality', '1860');
    assert.equal(saved.status, 0, saved.stderr);
    assert.match(
      saved.stdout,
      /Saved "Handlingsplan för integration 2024–2026" as [0-9a-f-]{36}: \d+ items, new units: .*Arbetsmarknadsenheten/,
    );
    assert.equal((await titled('Handlingsplan för integration 2024–2026')).length, 1);
    const corrupt = cli('plan', 'import', fixture('corrupt.docx'), '--municipality', '1860');
    assert.equal(corrupt.status, 1);
    assert.match(corrupt.stderr, /Word-dokument/);
    const unknown = cli('plan', 'import', fixture('unseen-handlingsplan.txt'));
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /--municipality/);
  });

  it('adds a user and refuses an unknown role', () => {
    const ok = spawnSync(process.execPath, [bin, 'user', 'add', 'kalix.ny', '--role', 'reader', '--municipality', '2514'], {
      env: { ...env, DELAKTIG_PASSWORD: 'ett långt lösenord' },
      encoding: 'utf8',
    });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /Created reader "kalix.ny" in 2514/);
    const bad = cli('user', 'add', 'x.y', '--role', 'king');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--role must be one of/);
  });
});
