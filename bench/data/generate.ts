/**
 * The synthetic national data set for the benchmarks: per municipality of data/kommuner.csv (the first N in file
 * order) 25 units and their accounts, an adopted plan of about 300 items, eight half-yearly follow-up cycles
 * (seven closed and approved, the newest open), 200 indicator series over 15 years, 200 catalogue activities and
 * 50 fund applications. Deterministic from the seed; one transaction per municipality.
 */
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { startSession } from '../../src/capabilities/accounts/accounts.ts';
import { hashPassword } from '../../src/capabilities/accounts/passwords.ts';
import { migrateToLatest } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { seedMunicipalities } from '../../src/seed.ts';
import { PASSWORD, buildMunicipality, coordinatorOf, insertOrder, reporterOf, UNITS, type Out } from './municipality.ts';

export { PASSWORD } from './municipality.ts';

/** PostgreSQL allows 65 535 parameters per statement; each batch stays under this. */
const MAX_PARAMETERS = 60_000;

export interface Municipality {
  code: string;
  name: string;
}

/** The municipalities in data/kommuner.csv, in file order (the first is always the same: the bench reads it). */
export function municipalityList(): Municipality[] {
  const text = readFileSync(new URL('../../data/kommuner.csv', import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [code, name] = line.split(',').map((s) => s.trim());
      return { code: code as string, name: name as string };
    });
}

export interface Progress {
  /** 1-based. */
  index: number;
  total: number;
  code: string;
  name: string;
  rows: number;
  ms: number;
  /** Rows per second over the whole run so far. */
  rowsPerSecond: number;
}

export interface Summary {
  municipalities: number;
  seed: number;
  bulk: 'values' | 'unnest';
  rows: Record<string, number>;
  totalRows: number;
  ms: number;
  rowsPerSecond: number;
}

export interface GenerateOptions {
  municipalities: number;
  seed: number;
  /** After each municipality: how many are done, of how many, a line to print, and the figures behind it. */
  onProgress?: (done: number, total: number, what: string, detail: Progress) => void;
  /** The hash every account gets; by default "bench-2026" hashed once with the app's own hashPassword (random salt). */
  passwordHash?: string;
  /** How rows are written: unnest by default on a PostgreSQL server, VALUES on PGlite. The rows are the same. */
  bulk?: 'values' | 'unnest';
}

type ColumnTypes = Map<string, Map<string, string>>;

/** Each table's column types (uuid, jsonb, timestamp with time zone …), for the arrays unnest takes. */
async function columnTypes(db: Kysely<Database>): Promise<ColumnTypes> {
  const { rows } = await sql<{ table: string; column: string; type: string }>`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`.execute(db);
  const types: ColumnTypes = new Map();
  for (const r of rows) types.set(r.table, (types.get(r.table) ?? new Map<string, string>()).set(r.column, r.type));
  return types;
}

/**
 * Multi-row VALUES, in batches under the parameter limit; or, with column types, one array per column through
 * unnest, which PostgreSQL parses and plans in a fraction of the time (about 1.5× faster overall on this machine;
 * on PGlite no faster, so it keeps VALUES).
 */
async function insertAll(trx: Kysely<Database>, tables: Out, types: ColumnTypes | null): Promise<number> {
  let count = 0;
  for (const table of insertOrder) {
    const rows = tables[table] as Record<string, unknown>[];
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0] as object);
    const columnType = types?.get(table);
    if (columnType) {
      for (let i = 0; i < rows.length; i += 20_000) {
        const chunk = rows.slice(i, i + 20_000);
        const arrays = columns.map((c) => {
          const type = columnType.get(c);
          if (!type) throw new Error(`${table}.${c}: unknown column`);
          return sql`${sql.val(chunk.map((r) => r[c] ?? null))}::${sql.raw(type)}[]`;
        });
        await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(
          trx,
        );
      }
    } else {
      const batch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      for (let i = 0; i < rows.length; i += batch)
        await trx
          .insertInto(table)
          .values(rows.slice(i, i + batch) as never)
          .execute();
    }
    count += rows.length;
  }
  return count;
}

/** Whether the store is a PostgreSQL server reached over TCP (PGlite has no server address). Only speed depends on it. */
async function isServer(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ port: number | null }>`select inet_server_port() as port`.execute(db);
  return rows[0]?.port !== null && rows[0]?.port !== undefined;
}

/**
 * Writes the data set into `db`. Migrates and seeds the municipalities first (both idempotent), so a fresh empty
 * database is enough. Refuses when any of the chosen municipalities already has units: the data set is made once.
 */
export async function generateNationalData(db: Kysely<Database>, options: GenerateOptions): Promise<Summary> {
  const all = municipalityList();
  if (!Number.isInteger(options.municipalities) || options.municipalities < 1 || options.municipalities > all.length)
    throw new Error(`--municipalities must be between 1 and ${all.length}.`);
  const chosen = all.slice(0, options.municipalities);
  await migrateToLatest(db);
  await seedMunicipalities(db);
  const taken = await db
    .selectFrom('unit')
    .select('municipality_code')
    .where(
      'municipality_code',
      'in',
      chosen.map((m) => m.code),
    )
    .limit(1)
    .executeTakeFirst();
  if (taken) throw new Error(`Kommunen ${taken.municipality_code} har redan data; testdata skrivs bara till en tom databas.`);
  const passwordHash = options.passwordHash ?? (await hashPassword(PASSWORD));
  const bulk = options.bulk ?? ((await isServer(db)) ? 'unnest' : 'values');
  const types = bulk === 'unnest' ? await columnTypes(db) : null;
  const rows: Record<string, number> = Object.fromEntries(insertOrder.map((t) => [t, 0]));
  const started = performance.now();
  let total = 0;
  for (const [i, m] of chosen.entries()) {
    const t0 = performance.now();
    const { tables } = buildMunicipality({ code: m.code, name: m.name, seed: options.seed, passwordHash });
    const written = await db.transaction().execute((trx) => insertAll(trx, tables, types));
    for (const table of insertOrder) rows[table] = (rows[table] ?? 0) + tables[table].length;
    total += written;
    const elapsed = performance.now() - started;
    const detail: Progress = {
      index: i + 1,
      total: chosen.length,
      code: m.code,
      name: m.name,
      rows: written,
      ms: performance.now() - t0,
      rowsPerSecond: Math.round(total / (elapsed / 1000)),
    };
    options.onProgress?.(
      detail.index,
      detail.total,
      `${m.code} ${m.name}: ${written} rows in ${Math.round(detail.ms)} ms, ${detail.rowsPerSecond} rows/s overall`,
      detail,
    );
  }
  const ms = performance.now() - started;
  return { municipalities: chosen.length, seed: options.seed, bulk, rows, totalRows: total, ms, rowsPerSecond: Math.round(total / (ms / 1000)) };
}

export interface BenchReporter {
  username: string;
  userId: string;
  /** The reporter's tasks in the open cycle that she can still save (open or draft), with their versions; a value
   * for the target (targetValue) may be saved only where the item has a target. */
  taskIds: { id: string; version: number; hasTarget: boolean }[];
}

export interface BenchTargets {
  planId: string;
  itemIds: string[];
  indicatorId: string;
  /** For GET /api/municipalities/:code/activities: filters that return rows (language cafés in Arabic for adults at the library). */
  catalogueQuery: string;
  openCycleId: string;
  reporters: BenchReporter[];
  coordinatorUsername: string;
}

/** What the load benchmark reads and writes in one municipality of the data set. */
export async function benchTargets(db: Kysely<Database>, municipalityCode: string): Promise<BenchTargets> {
  const plan = await db
    .selectFrom('document')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('title', 'like', 'Syntetisk integrationsplan (testdata)%')
    .executeTakeFirst();
  if (!plan) throw new Error(`Kommunen ${municipalityCode} har inga testdata (kör npm run bench:data).`);
  const items = await db
    .selectFrom('item')
    .select(['id', 'kind', 'label', 'target', 'recurrence'])
    .where('document_id', '=', plan.id)
    .orderBy('parent_id')
    .orderBy('position')
    .execute();
  // One of each shape: an area, a goal, an activity with a target, a recurring one, a sub-activity.
  const picks = [
    items.find((i) => i.kind === 'area'),
    items.find((i) => i.kind === 'goal'),
    items.find((i) => i.kind === 'activity' && i.target !== null),
    items.find((i) => i.kind === 'activity' && i.recurrence !== null && i.recurrence !== 'CONTINUOUS'),
    items.find((i) => i.label === 'Delaktivitet'),
  ].filter((i): i is NonNullable<typeof i> => i !== undefined);
  const indicator = await db
    .selectFrom('indicator')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .orderBy('title')
    .executeTakeFirstOrThrow();
  const cycle = await db
    .selectFrom('follow_up_cycle')
    .select('id')
    .where('document_id', '=', plan.id)
    .where('state', '=', 'open')
    .executeTakeFirstOrThrow();
  const reporterNames = Array.from({ length: UNITS }, (_, u) => reporterOf(municipalityCode, u));
  const users = await db
    .selectFrom('app_user')
    .innerJoin('user_unit', 'user_unit.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.username', 'user_unit.unit_id'])
    .where('app_user.username', 'in', reporterNames)
    .orderBy('app_user.username')
    .execute();
  const tasks = await db
    .selectFrom('report_task')
    .innerJoin('item', 'item.id', 'report_task.item_id')
    .select(['report_task.id', 'report_task.unit_id', 'report_task.version', 'item.target'])
    .where('report_task.cycle_id', '=', cycle.id)
    .where('report_task.state', 'in', ['open', 'draft'])
    .orderBy('report_task.id')
    .execute();
  return {
    planId: plan.id,
    itemIds: picks.map((i) => i.id),
    indicatorId: indicator.id,
    catalogueQuery: 'category=language&language=ar&age=30&place=bibliotek',
    openCycleId: cycle.id,
    reporters: users.map((u) => ({
      username: u.username,
      userId: u.id,
      taskIds: tasks.filter((t) => t.unit_id === u.unit_id).map((t) => ({ id: t.id, version: t.version, hasTarget: t.target !== null })),
    })),
    coordinatorUsername: coordinatorOf(municipalityCode),
  };
}

/**
 * A session for an account, made the way sign-in makes one (startSession), without the deliberately slow password
 * check. The token is the value of the SESSION_COOKIE cookie.
 */
export async function createBenchSession(db: Kysely<Database>, username: string): Promise<string> {
  const user = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  if (!user) throw new Error(`Kontot ${username} finns inte.`);
  const { token } = await startSession(db, user.id, { idleMinutes: 120, maxHours: 24 });
  return token;
}
