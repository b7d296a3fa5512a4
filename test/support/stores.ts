import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrateToLatest, openStore, type Store, type StoreKind } from '../../src/db/database.ts';
import { seedDemoIndicators } from '../../src/capabilities/indicators/demo.ts';
import { seedDemoUsers, seedMunicipalities, seedPlans, ensureAdmin } from '../../src/seed.ts';

/**
 * Fresh databases for tests, from a template made once per test process: PGlite loads a dumped data
 * directory (~0.6 s instead of ~4 s for initdb); PostgreSQL copies a template database (CREATE DATABASE … TEMPLATE).
 * Each test gets its own database, so no test sees another's writes.
 */
export const ADMIN_PASSWORD = 'admin-test-password';

export const postgresAdminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

let pgliteTemplate: Promise<Blob> | undefined;
let postgresTemplate: Promise<string> | undefined;

async function seedAll(store: Store) {
  await migrateToLatest(store.db);
  await seedMunicipalities(store.db);
  await seedPlans(store.db);
  await ensureAdmin(store.db, ADMIN_PASSWORD);
  await seedDemoUsers(store.db);
  // The demo's indicators (real figures and the plans' own baselines) are part of every test database.
  await seedDemoIndicators(store.db);
}

async function makePgliteTemplate(): Promise<Blob> {
  const pglite = await PGlite.create('memory://');
  const store = await openStore({ pglite });
  await seedAll(store);
  const dump = await pglite.dumpDataDir('none');
  await store.close();
  return dump;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function makePostgresTemplate(): Promise<string> {
  const name = `delaktig_tpl_${process.pid}_${Date.now()}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const store = await openStore({ databaseUrl: withDatabase(postgresAdminUrl, name) });
  await seedAll(store);
  await store.close();
  process.once('exit', () => undefined);
  return name;
}

let postgresChecked: Promise<boolean> | undefined;

/** Whether a PostgreSQL server answers; in CI its absence is a failure, never a silent skip. */
export function postgresAvailable(): Promise<boolean> {
  postgresChecked ??= (async () => {
    const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      if (process.env.CI)
        throw new Error(`PostgreSQL is required in CI but ${postgresAdminUrl} does not answer: ${(error as Error).message}`);
      return false;
    }
  })();
  return postgresChecked;
}

export interface TestStore extends Store {
  /** A connection string for this test's database (PostgreSQL only), e.g. to run the CLI against it. */
  url?: string;
}

let counter = 0;

export async function freshStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'pglite') {
    pgliteTemplate ??= makePgliteTemplate();
    const pglite = await PGlite.create({ loadDataDir: await pgliteTemplate });
    return openStore({ pglite });
  }
  postgresTemplate ??= makePostgresTemplate();
  const template = await postgresTemplate;
  const name = `delaktig_t_${process.pid}_${Date.now()}_${counter++}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = withDatabase(postgresAdminUrl, name);
  const store = await openStore({ databaseUrl: url });
  return {
    ...store,
    url,
    close: async () => {
      await store.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

/** Drops this process's PostgreSQL template; call from a top-level after(). */
export async function dropTemplates(): Promise<void> {
  if (postgresTemplate) {
    const name = await postgresTemplate.catch(() => undefined);
    if (name) await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
  }
}

/** The stores an API test runs against: PGlite always, PostgreSQL when a server answers (always in CI). */
export async function storeKinds(): Promise<{ kind: StoreKind; skip: string | false }[]> {
  const pgUp = await postgresAvailable();
  return [
    { kind: 'pglite', skip: false },
    { kind: 'postgres', skip: pgUp ? false : `PostgreSQL at ${postgresAdminUrl} does not answer: PostgreSQL tests did not run` },
  ];
}
