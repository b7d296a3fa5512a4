import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { forEachStore } from '../../../test/support/each-store.ts';
import { freshStore, postgresAvailable, type TestStore } from '../../../test/support/stores.ts';
import type { StoreKind } from '../../db/database.ts';
import { loadConfig } from '../../kernel/config.ts';
import { buildServer } from '../../server.ts';
import { seedDemoCatalogue } from '../catalogue/demo.ts';
import { seedDemoFollowUp } from '../follow-up/demo.ts';
import { seedDemoInternships } from '../internships/demo.ts';
import { seedDemoTrainings } from '../trainings/demo.ts';
import { backupCommand, restoreCommand } from './command.ts';
import { announceServer, newLocalToken } from './local-server.ts';
import { contentDigest, restoreSnapshot, SnapshotError, writeSnapshot } from './snapshot.ts';

/** A database with something in every kind of column: trees, json, arrays, timestamps, serials and file bytes. */
async function fullStore(kind: StoreKind): Promise<TestStore> {
  const store = await freshStore(kind);
  await seedDemoFollowUp(store.db);
  await seedDemoInternships(store.db);
  await seedDemoTrainings(store.db);
  await seedDemoCatalogue(store.db, new Date('2026-12-03T10:00:00Z'));
  const task = await store.db.selectFrom('report_task').select('id').orderBy('id').executeTakeFirstOrThrow();
  await store.db
    .insertInto('attachment')
    .values({
      task_id: task.id,
      file_name: 'bilaga "citat" å.pdf',
      media_type: 'application/pdf',
      size: 6,
      sha256: 'x'.repeat(64),
      content: new Uint8Array([0, 1, 2, 92, 120, 255]),
      uploaded_by: 'test',
      uploaded_at: new Date('2026-01-02T03:04:05.678Z'),
    })
    .execute();
  return store;
}

async function snapshotLines(store: TestStore): Promise<string[]> {
  const lines: string[] = [];
  await writeSnapshot(store.db, store.kind, (line) => void lines.push(line));
  return lines;
}

async function* iterate(lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

void forEachStore('backup and restore', (kind) => {
  let source: TestStore;
  let lines: string[];
  let digest: Record<string, string>;
  before(async () => {
    source = await fullStore(kind);
    digest = await contentDigest(source.db);
    lines = await snapshotLines(source);
  });
  after(() => source?.close());

  it('round-trips every table to identical content, and serials continue after the restored rows', async () => {
    assert.ok(Number(digest.item?.split(':')[0]) > 100, 'the plans are in the source');
    assert.ok(Number(digest.attachment?.split(':')[0]) >= 1);
    const target = await freshStore(kind);
    try {
      const { counts } = await restoreSnapshot(target.db, iterate(lines), { replace: true });
      assert.equal(counts.item, Number(digest.item?.split(':')[0]));
      assert.deepEqual(await contentDigest(target.db), digest);
      const bytes = await target.db
        .selectFrom('attachment')
        .select('content')
        .where('file_name', 'like', 'bilaga%')
        .executeTakeFirstOrThrow();
      assert.deepEqual([...bytes.content], [0, 1, 2, 92, 120, 255]);
      const max = await target.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      const inserted = await target.db
        .insertInto('audit_log')
        .values({
          user_id: null,
          username: 'test',
          municipality_code: null,
          action: 'test',
          entity_type: 'x',
          entity_id: 'y',
          before: 'null',
          after: 'null',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      assert.ok(inserted.id > Number(max.id ?? 0), 'the audit log numbering continues after the restored entries');
    } finally {
      await target.close();
    }
  });

  it('refuses a database that is not empty unless told to replace it, and then changes nothing', async () => {
    const target = await freshStore(kind);
    try {
      const before = await contentDigest(target.db);
      await assert.rejects(
        restoreSnapshot(target.db, iterate(lines)),
        (e: Error) => e instanceof SnapshotError && /--replace/.test(e.message),
      );
      assert.deepEqual(await contentDigest(target.db), before);
    } finally {
      await target.close();
    }
  });

  it('restores nothing from a cut-off, damaged or foreign file: the database is as it was', async () => {
    const target = await freshStore(kind);
    try {
      const before = await contentDigest(target.db);
      const cases: [string[], RegExp][] = [
        [lines.slice(0, -1), /ends early/],
        [[...lines.slice(0, 5), '{"t":"unit",', ...lines.slice(5)], /Line 6 .* not JSON/],
        [[...lines.slice(0, -1), JSON.stringify({ end: { item: 1 } })], /says 1 rows of item/],
        [['{"hello":1}'], /not a Delaktig backup/],
        [[], /empty/],
      ];
      for (const [file, message] of cases) {
        await assert.rejects(restoreSnapshot(target.db, iterate(file), { replace: true }), message);
        assert.deepEqual(await contentDigest(target.db), before);
      }
      const other = JSON.parse(lines[0] as string) as { header: { migrations: string[] } };
      other.header.migrations = ['0001-foundation'];
      await assert.rejects(
        restoreSnapshot(target.db, iterate([JSON.stringify(other), ...lines.slice(1)]), { replace: true }),
        /migrations/,
      );
      assert.deepEqual(await contentDigest(target.db), before);
    } finally {
      await target.close();
    }
  });

  it('a snapshot is consistent: what is written while it is taken is not in it, and the write is not lost', async () => {
    const written: string[] = [];
    let write: Promise<unknown> | undefined;
    await writeSnapshot(source.db, kind, async (line) => {
      written.push(line);
      // The snapshot began before the header was written. On PostgreSQL the pool's other connection writes and
      // commits before the snapshot reads on; PGlite has one connection, so its write waits for the snapshot.
      if (written.length === 1) {
        write = sql`insert into app_setting (key, value) values ('written-during-backup', 'x')`.execute(source.db);
        if (kind === 'postgres') await write;
      }
    });
    await write;
    assert.ok(!written.some((l) => l.includes('written-during-backup')), 'the write made during the backup is not in it');
    const setting = await source.db.selectFrom('app_setting').select('value').where('key', '=', 'written-during-backup').executeTakeFirst();
    assert.equal(setting?.value, 'x', 'the write itself went through');
    await sql`delete from app_setting where key = 'written-during-backup'`.execute(source.db);
  });
});

const postgres = await postgresAvailable();

describe('backup and restore commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'delaktig-backup-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the embedded store: backup to a file, restore it into another data directory, identical content', async () => {
    const from = join(dir, 'from');
    const to = join(dir, 'to');
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(`ERR ${t}`) };
    const config = (dataDir: string) => loadConfig({}, { DATA_DIR: dataDir, DATABASE_URL: undefined });
    // Fill the first data directory through a restore of a seeded test database (faster than seeding files).
    const seeded = await fullStore('pglite');
    const digest = await contentDigest(seeded.db);
    const seededFile = join(dir, 'seeded.ndjson.gz');
    writeFileSync(seededFile, gzipSync(`${(await snapshotLines(seeded)).join('\n')}\n`));
    await seeded.close();
    assert.equal(await restoreCommand(config(from), seededFile, false, io), 0, out.join(''));

    const file = join(dir, 'nightly', 'backup.ndjson.gz');
    assert.equal(await backupCommand(config(from), file, io), 0, out.join(''));
    assert.match(out.join(''), /backup\.ndjson\.gz: \d+ tables, \d+ rows/);
    assert.equal(await restoreCommand(config(to), file, false, io), 0, out.join(''));
    const { openStore } = await import('../../db/database.ts');
    const restored = await openStore({ dataDir: join(to, 'db') });
    try {
      assert.deepEqual(await contentDigest(restored.db), digest);
    } finally {
      await restored.close();
    }
    // A second restore into the now full directory needs --replace.
    assert.equal(await restoreCommand(config(to), file, false, io), 1);
    assert.match(out.at(-1) ?? '', /Nothing was restored: .*--replace/);
    assert.equal(await restoreCommand(config(to), join(dir, 'missing.gz'), false, io), 1);
    writeFileSync(join(dir, 'plain.txt'), 'not a backup');
    assert.equal(await restoreCommand(config(to), join(dir, 'plain.txt'), true, io), 1);
    assert.match(out.at(-1) ?? '', /Nothing was restored/);
  });

  it('while the server runs on the embedded store, backup asks the server; restore refuses; the route is for administrators', async () => {
    const dataDir = join(dir, 'running');
    const store = await freshStore('pglite');
    const localToken = newLocalToken();
    const config = loadConfig({}, { DATA_DIR: dataDir, DEMO: true, WORKER_INTERVAL_MS: 0 });
    const app = await buildServer({ db: store.db, store: store.kind, config, demo: true, localToken });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    const note = announceServer(dataDir, url, localToken);
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(`ERR ${t}`) };
    try {
      const file = join(dir, 'live.ndjson.gz');
      assert.equal(await backupCommand(config, file, io), 0, out.join(''));
      assert.match(out.join(''), /from the running server/);
      const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
      assert.match(lines[0] ?? '', /delaktig-backup\/1/);
      assert.match(lines.at(-1) ?? '', /^\{"end":/);

      assert.equal(await restoreCommand(config, file, true, io), 1);
      assert.match(out.at(-1) ?? '', /stop it, then restore/);

      assert.equal((await app.inject({ method: 'GET', url: '/api/admin/backup' })).statusCode, 401);
      assert.equal(
        (await app.inject({ method: 'GET', url: '/api/admin/backup', headers: { 'x-delaktig-local-token': 'wrong' } })).statusCode,
        401,
      );
      const login = async (username: string, password: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
        const cookie = res.cookies.find((c) => c.name === 'delaktig_session');
        return `delaktig_session=${cookie?.value}`;
      };
      const coordinator = await login('laxa.samordnare', 'demo');
      assert.equal((await app.inject({ method: 'GET', url: '/api/admin/backup', headers: { cookie: coordinator } })).statusCode, 403);
      const { ADMIN_PASSWORD } = await import('../../../test/support/stores.ts');
      const admin = await login('admin', ADMIN_PASSWORD);
      const res = await app.inject({ method: 'GET', url: '/api/admin/backup', headers: { cookie: admin } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/gzip');
      assert.match(String(res.headers['content-disposition']), /attachment; filename="delaktig-.*\.ndjson\.gz"/);
      assert.match(gunzipSync(res.rawPayload).toString('utf8'), /"end":/);
    } finally {
      note.withdraw();
      await app.close();
      await store.close();
    }
  });

  it('from the embedded store into PostgreSQL and back (moving to a server)', { skip: !postgres && 'no PostgreSQL server' }, async () => {
    const from = await fullStore('pglite');
    const to = await freshStore('postgres');
    try {
      const digest = await contentDigest(from.db);
      await restoreSnapshot(to.db, iterate(await snapshotLines(from)), { replace: true });
      assert.deepEqual(await contentDigest(to.db), digest);
    } finally {
      await from.close();
      await to.close();
    }
  });
});
