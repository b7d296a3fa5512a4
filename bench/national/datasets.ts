/**
 * The national bench's data sets: generated once per (scale, seed, generator, schema) and kept — a PostgreSQL
 * template database and a PGlite folder under .bench/ — then copied for each run, so that a run's writes never
 * change what the next run measures.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore } from '../../src/db/database.ts';
import { generateNationalData } from '../data/generate.ts';

export type StoreKind = 'pglite' | 'postgres';

export interface Dataset {
  store: StoreKind;
  municipalities: number;
  seed: number;
  /** PostgreSQL: the template database's name; PGlite: the folder holding `db/`. */
  location: string;
  generatedMs: number | null;
}

export interface WorkCopy {
  store: StoreKind;
  /** What `delaktig serve` and openStore need. */
  databaseUrl?: string;
  dataDir?: string;
  drop(): Promise<void>;
}

const root = join(import.meta.dirname, '..', '..');
const cacheDir = join(root, '.bench');

/** The newest migration: a data set made before a schema change is made again rather than migrated. */
function schemaKey(): string {
  const names = readdirSync(join(root, 'src', 'db', 'migrations')).filter((n) => /^\d{4}-.*\.ts$/.test(n) && !n.includes('.test.'));
  return (names.sort().at(-1) ?? 'none').slice(0, 4);
}

/** A data set made by an older generator is made again: the key is a hash of the generator's sources. */
function generatorKey(): string {
  const dir = join(root, 'bench', 'data');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.ts') && !n.includes('.test.'))
    .sort())
    hash.update(name).update(readFileSync(join(dir, name)));
  return hash.digest('hex').slice(0, 8);
}

export function datasetName(municipalities: number, seed: number): string {
  return `delaktig_bench_${municipalities}_s${seed}_g${generatorKey()}_m${schemaKey()}`;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function ensureDataset(
  store: StoreKind,
  municipalities: number,
  seed: number,
  serverUrl: string,
  log: (line: string) => void,
): Promise<Dataset> {
  const name = datasetName(municipalities, seed);
  if (store === 'postgres') {
    const complete = await admin(serverUrl, async (client) => {
      const row = await client.query<{ comment: string | null }>(
        'select shobj_description(oid, $2) as comment from pg_database where datname = $1',
        [name, 'pg_database'],
      );
      if (row.rows[0]?.comment === 'complete') return true;
      // Data sets of an older generator or schema at this scale are of no further use: 290 municipalities take gigabytes.
      const stale = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [
        `delaktig_bench_${municipalities}_s%`,
      ]);
      for (const old of stale.rows) await client.query(`drop database ${quoteIdent(old.datname)} with (force)`);
      await client.query(`create database ${quoteIdent(name)}`);
      return false;
    });
    if (complete) return { store, municipalities, seed, location: name, generatedMs: null };
    log(`Generating ${municipalities} municipalities (seed ${seed}) into PostgreSQL database ${name} …`);
    const started = performance.now();
    const target = await openStore({ databaseUrl: withDatabase(serverUrl, name) });
    try {
      await generateNationalData(target.db, { municipalities, seed, onProgress: progressLine(log) });
    } finally {
      await target.close();
    }
    // Fresh statistics, as a server that has run for a while would have: the planner's choices are part of the measure.
    await admin(withDatabase(serverUrl, name), (client) => client.query('vacuum analyze'));
    await admin(serverUrl, (client) => client.query(`comment on database ${quoteIdent(name)} is 'complete'`));
    return { store, municipalities, seed, location: name, generatedMs: performance.now() - started };
  }
  const folder = join(cacheDir, name);
  if (existsSync(join(folder, 'complete'))) return { store, municipalities, seed, location: folder, generatedMs: null };
  if (existsSync(cacheDir))
    for (const old of readdirSync(cacheDir).filter((n) => n.startsWith(`delaktig_bench_${municipalities}_s`)))
      rmSync(join(cacheDir, old), { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  log(`Generating ${municipalities} municipalities (seed ${seed}) into PGlite in ${folder} …`);
  const started = performance.now();
  const target = await openStore({ dataDir: join(folder, 'db') });
  try {
    await generateNationalData(target.db, { municipalities, seed, onProgress: progressLine(log) });
    await sql`vacuum analyze`.execute(target.db);
  } finally {
    await target.close();
  }
  writeFileSync(join(folder, 'complete'), new Date().toISOString());
  return { store, municipalities, seed, location: folder, generatedMs: performance.now() - started };
}

function progressLine(log: (line: string) => void) {
  let last = 0;
  return (done: number, total: number, what?: string) => {
    const now = Date.now();
    if (now - last < 5000 && done < total) return;
    last = now;
    log(`  ${done}/${total}${what ? ` ${what}` : ''}`);
  };
}

/** A throwaway copy of a data set for one run. */
export async function workCopy(dataset: Dataset, serverUrl: string): Promise<WorkCopy> {
  if (dataset.store === 'postgres') {
    const name = `delaktig_bench_run_${process.pid}`;
    await admin(serverUrl, async (client) => {
      await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
      await client.query(`create database ${quoteIdent(name)} template ${quoteIdent(dataset.location)}`);
    });
    return {
      store: 'postgres',
      databaseUrl: withDatabase(serverUrl, name),
      drop: () =>
        admin(serverUrl, (client) => client.query(`drop database if exists ${quoteIdent(name)} with (force)`)).then(() => undefined),
    };
  }
  const dataDir = join(cacheDir, `run-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(dataset.location, dataDir, { recursive: true });
  return {
    store: 'pglite',
    dataDir,
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** `du -sh` of a folder or the size of a database, for the results' description of the data set. */
export async function datasetSize(dataset: Dataset, serverUrl: string): Promise<number> {
  if (dataset.store === 'postgres')
    return admin(serverUrl, async (client) => {
      const row = await client.query<{ size: string }>('select pg_database_size($1)::text as size', [dataset.location]);
      return Number(row.rows[0]?.size ?? 0);
    });
  const du = spawnSync('du', ['-sb', dataset.location], { encoding: 'utf8' });
  return Number(du.stdout.split('\t')[0] ?? 0);
}
