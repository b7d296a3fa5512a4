import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { migrateToLatest, openStore, type Store } from '../../db/database.ts';
import type { Config } from '../../kernel/config.ts';
import { readGzipLines, writeGzipLines } from './files.ts';
import { LOCAL_TOKEN_HEADER, runningServer } from './local-server.ts';
import { restoreSnapshot, SnapshotError, writeSnapshot } from './snapshot.ts';

/** `delaktig backup <file>` and `delaktig restore <file> [--replace]`: what they print, and their exit codes. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

const dataDirOf = (config: Config) => join(config.DATA_DIR, 'db');

async function openMigrated(config: Config): Promise<Store> {
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: dataDirOf(config) });
  await migrateToLatest(store.db);
  return store;
}

const summary = (counts: Record<string, number>) => {
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${Object.keys(counts).length} tables, ${rows} rows`;
};

export async function backupCommand(config: Config, file: string | undefined, io: CommandOutput): Promise<number> {
  if (!file) {
    io.err('Usage: delaktig backup <file>   (e.g. delaktig backup backups/delaktig-2026-12-03.ndjson.gz)\n');
    return 1;
  }
  const started = Date.now();
  const server = config.DATABASE_URL ? null : runningServer(config.DATA_DIR);
  if (server) {
    // The embedded store is open in the server's process: the server makes the snapshot.
    let response: Response;
    try {
      response = await fetch(`${server.url}/api/admin/backup`, { headers: { [LOCAL_TOKEN_HEADER]: server.token } });
    } catch (error) {
      io.err(`The server at ${server.url} (pid ${server.pid}) uses the database but does not answer: ${(error as Error).message}\n`);
      return 1;
    }
    if (!response.ok || !response.body) {
      io.err(`The server at ${server.url} refused the backup: ${response.status} ${await response.text()}\n`);
      return 1;
    }
    const partial = `${file}.partial`;
    try {
      await mkdir(dirname(file), { recursive: true });
      await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(partial, { mode: 0o600 }));
      // The server cannot change its status once streaming began: check the file is whole before naming it.
      let end: Record<string, number> | null = null;
      for await (const line of readGzipLines(partial))
        if (line.startsWith('{"end":')) end = (JSON.parse(line) as { end: Record<string, number> }).end;
      if (!end) throw new SnapshotError('the server stopped before the snapshot was complete');
      await rename(partial, file);
      io.out(
        `${file}: ${summary(end)} from the running server, ${Math.round((await stat(file)).size / 1024)} kB in ${Date.now() - started} ms\n`,
      );
      return 0;
    } catch (error) {
      await rm(partial, { force: true });
      io.err(`Backup failed, no file written: ${(error as Error).message}\n`);
      return 1;
    }
  }
  const store = await openMigrated(config);
  try {
    const counts = await writeGzipLines(file, (write) => writeSnapshot(store.db, store.kind, write));
    io.out(`${file}: ${summary(counts)}, ${Math.round((await stat(file)).size / 1024)} kB in ${Date.now() - started} ms\n`);
    return 0;
  } catch (error) {
    io.err(`Backup failed, no file written: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

export async function restoreCommand(config: Config, file: string | undefined, replace: boolean, io: CommandOutput): Promise<number> {
  if (!file) {
    io.err('Usage: delaktig restore <file> [--replace]\n');
    return 1;
  }
  try {
    await stat(file);
  } catch {
    io.err(`${file}: no such file.\n`);
    return 1;
  }
  if (!config.DATABASE_URL) {
    const server = runningServer(config.DATA_DIR);
    if (server) {
      io.err(`The server (pid ${server.pid}, ${server.url}) has the embedded database open: stop it, then restore.\n`);
      return 1;
    }
  }
  const started = Date.now();
  const store = await openMigrated(config);
  try {
    const { counts, header } = await restoreSnapshot(store.db, readGzipLines(file), { replace });
    io.out(
      `Restored ${summary({ ...Object.fromEntries(header.tables.map((t) => [t, 0])), ...counts })} from ${file} (made ${header.createdAt} on ${header.store}) in ${Date.now() - started} ms\n`,
    );
    return 0;
  } catch (error) {
    const reason = error instanceof SnapshotError ? error.message : `${(error as Error).message}`;
    const gz = (error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' ? `${file} is not a gzip file: ` : '';
    io.err(`Nothing was restored: ${gz}${reason}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
