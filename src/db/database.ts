import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as foundation from './migrations/0001-foundation.ts';
import * as followUp from './migrations/0002-follow-up.ts';
import * as indicators from './migrations/0003-indicators.ts';
import * as programmes from './migrations/0004-programmes-trainings-internships.ts';
import * as catalogue from './migrations/0005-catalogue.ts';
import * as fund from './migrations/0006-fund.ts';
import * as matching from './migrations/0007-matching.ts';
import * as auditTrail from './migrations/0008-audit-trail.ts';
import * as identityProviders from './migrations/0009-identity-providers.ts';
import * as accountPrivacy from './migrations/0010-account-privacy.ts';
import * as contentTranslations from './migrations/0011-content-translations.ts';
import * as follows from './migrations/0012-follows.ts';
import * as newcomerGuide from './migrations/0013-newcomer-guide.ts';
import * as nationalScaleIndexes from './migrations/0014-national-scale-indexes.ts';
import type { Database } from './schema.ts';
import { withAfterCommit } from './after-commit.ts';

export type StoreKind = 'pglite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  kind: StoreKind;
  close(): Promise<void>;
}

/** Migrations are listed here, not read from a folder, so they run the same under tsx, a bundle or a test. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-follow-up': followUp,
  '0003-indicators': indicators,
  '0004-programmes-trainings-internships': programmes,
  '0005-catalogue': catalogue,
  '0006-fund': fund,
  '0007-matching': matching,
  '0008-audit-trail': auditTrail,
  '0009-identity-providers': identityProviders,
  '0010-account-privacy': accountPrivacy,
  '0011-content-translations': contentTranslations,
  '0012-follows': follows,
  '0013-newcomer-guide': newcomerGuide,
  '0014-national-scale-indexes': nationalScaleIndexes,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export interface StoreOptions {
  /** postgres://… selects a PostgreSQL server; otherwise PGlite runs in-process. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throwaway database. */
  dataDir?: string;
  /** A PGlite instance prepared elsewhere (tests load one from a template). */
  pglite?: PGlite;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    // Loaded only for a PostgreSQL server: the embedded store's start does not pay for it.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: withAfterCommit(new PostgresDialect({ pool })) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let pglite = options.pglite;
  if (!pglite) {
    const dataDir = options.dataDir ?? './data/db';
    if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
    pglite = await PGlite.create(dataDir);
  }
  const db = new Kysely<Database>({ dialect: withAfterCommit(new PGliteDialect({ pglite })) });
  const instance = pglite;
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!instance.closed) await instance.close();
    },
  };
}

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  // Every start migrates: when exactly the known migrations are recorded, two small queries say so, where the Migrator
  // would introspect the whole catalogue and take its lock. Anything else (new, missing or unknown) goes to the Migrator.
  if (await upToDate(db)) return { applied: [] };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

async function upToDate(db: Kysely<Database>): Promise<boolean> {
  const table = await sql<{ present: boolean }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (!table.rows[0]?.present) return false;
  const done = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name));
  const known = Object.keys(migrations);
  return done.size === known.length && known.every((name) => done.has(name));
}
