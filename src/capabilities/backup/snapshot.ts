import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * A logical snapshot of every table, the same for PGlite and a PostgreSQL server: one line of JSON per row,
 * read inside one REPEATABLE READ transaction so the snapshot is consistent while the app keeps writing.
 * Logical rather than a copy of files because the two stores cannot share files, and because a snapshot taken
 * from one store can then be restored into the other (moving from the embedded store to a server).
 *
 * The table list and their order come from the database's catalogue, not from a list kept here, so a table a
 * later migration adds is in the next backup without anyone remembering to add it.
 */
type Db = Kysely<Database>;

export const SNAPSHOT_FORMAT = 'delaktig-backup/1';

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  createdAt: string;
  store: string;
  migrations: string[];
  tables: string[];
}

export interface TableInfo {
  name: string;
  primaryKey: { column: string; type: string }[];
  /** Columns referring to the same table (a tree such as item.parent_id): written after all rows are in. */
  selfReferences: string[];
  /** Serial columns whose sequence must continue after the restored rows. */
  sequences: { column: string; sequence: string }[];
}

/** One line of the file: the header, a row, or the closing counts that prove the file is whole. */
export type SnapshotLine = { header: SnapshotHeader } | { t: string; r: Record<string, unknown> } | { end: Record<string, number> };

const ident = (name: string) => sql.id(name);

/** The app's tables (not the migrator's), parents before children, each with what a restore needs to know. */
export async function describeTables(db: Db | Kysely<unknown>): Promise<TableInfo[]> {
  const k = db as Kysely<unknown>;
  const tables = (
    await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relname not like 'kysely\\_%'
      order by c.relname`.execute(k)
  ).rows.map((r) => r.name);
  const keys = (
    await sql<{ table: string; column: string; type: string; position: number }>`
      select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
             array_position(i.indkey::int2[], a.attnum) as position
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
      where n.nspname = 'public' and i.indisprimary`.execute(k)
  ).rows;
  const foreign = (
    await sql<{ child: string; parent: string; column: string }>`
      select cc.relname as child, pc.relname as parent, a.attname as column
      from pg_constraint f join pg_class cc on cc.oid = f.conrelid join pg_class pc on pc.oid = f.confrelid
      join pg_namespace n on n.oid = f.connamespace
      join pg_attribute a on a.attrelid = f.conrelid and a.attnum = any(f.conkey)
      where f.contype = 'f' and n.nspname = 'public'`.execute(k)
  ).rows;
  const serials = (
    await sql<{ table: string; column: string; sequence: string | null }>`
      select table_name as table, column_name as column, pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
      from information_schema.columns where table_schema = 'public' and column_default like 'nextval(%'`.execute(k)
  ).rows;

  const infos = new Map<string, TableInfo>(
    tables.map((name) => [
      name,
      {
        name,
        primaryKey: keys
          .filter((key) => key.table === name)
          .sort((a, b) => Number(a.position) - Number(b.position))
          .map(({ column, type }) => ({ column, type })),
        selfReferences: [...new Set(foreign.filter((f) => f.child === name && f.parent === name).map((f) => f.column))],
        sequences: serials.filter((s) => s.table === name && s.sequence).map((s) => ({ column: s.column, sequence: s.sequence as string })),
      },
    ]),
  );
  const parents = new Map(
    tables.map((name) => [name, new Set(foreign.filter((f) => f.child === name && f.parent !== name).map((f) => f.parent))]),
  );
  return orderByDependencies(tables, parents).map((name) => infos.get(name) as TableInfo);
}

/** Tables with every table they refer to before them; a cycle between tables is a schema this format cannot restore. */
export function orderByDependencies(tables: string[], parents: Map<string, Set<string>>): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  let remaining = [...tables].sort();
  while (remaining.length > 0) {
    const ready = remaining.filter((t) => [...(parents.get(t) ?? [])].every((p) => placed.has(p) || !tables.includes(p)));
    if (ready.length === 0) throw new Error(`The tables ${remaining.join(', ')} refer to each other in a cycle.`);
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
    remaining = remaining.filter((t) => !placed.has(t));
  }
  return ordered;
}

export async function appliedMigrations(db: Db | Kysely<unknown>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db as Kysely<unknown>);
  return rows.rows.map((r) => r.name);
}

const PAGE = 2000;

/**
 * Writes the snapshot line by line. Rows are read a page at a time in primary-key order (keyset paging), so a
 * large table is never held in memory whole. Returns the row count per table.
 */
export async function writeSnapshot(
  db: Db,
  store: string,
  write: (line: string) => Promise<void> | void,
  now: Date = new Date(),
): Promise<Record<string, number>> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      const tables = await describeTables(trx);
      const header: SnapshotHeader = {
        format: SNAPSHOT_FORMAT,
        createdAt: now.toISOString(),
        store,
        migrations: await appliedMigrations(trx),
        tables: tables.map((t) => t.name),
      };
      await write(JSON.stringify({ header } satisfies SnapshotLine));
      const counts: Record<string, number> = {};
      for (const table of tables) {
        let count = 0;
        for await (const row of rowsOf(trx, table)) {
          await write(JSON.stringify({ t: table.name, r: row } satisfies SnapshotLine));
          count += 1;
        }
        counts[table.name] = count;
      }
      await write(JSON.stringify({ end: counts } satisfies SnapshotLine));
      return counts;
    });
}

async function* rowsOf(db: Kysely<Database>, table: TableInfo): AsyncGenerator<Record<string, unknown>> {
  const k = db as unknown as Kysely<unknown>;
  const key = table.primaryKey;
  if (key.length === 0) {
    const all = await sql<{ j: Record<string, unknown> }>`select row_to_json(t) as j from ${ident(table.name)} t`.execute(k);
    yield* all.rows.map((r) => r.j);
    return;
  }
  const keyList = sql.join(key.map((c) => sql`t.${ident(c.column)}`));
  let after: Record<string, unknown> | null = null;
  for (;;) {
    const where: ReturnType<typeof sql> =
      after === null
        ? sql`true`
        : sql`(${keyList}) > (${sql.join(key.map((c) => sql`cast(${String(after?.[c.column])} as ${sql.raw(c.type)})`))})`;
    const page = await sql<{ j: Record<string, unknown> }>`
      select row_to_json(t) as j from ${ident(table.name)} t where ${where} order by ${keyList} limit ${PAGE}`.execute(k);
    for (const row of page.rows) yield row.j;
    if (page.rows.length < PAGE) return;
    after = (page.rows[page.rows.length - 1] as { j: Record<string, unknown> }).j;
  }
}

export class SnapshotError extends Error {}

export interface RestoreResult {
  counts: Record<string, number>;
  header: SnapshotHeader;
}

/**
 * Restores a snapshot into a database migrated to the same migrations, in one transaction: either every row
 * is in, or nothing changed. An empty database is required unless `replace` is given, which first empties
 * every table (in the same transaction).
 */
export async function restoreSnapshot(
  db: Db,
  lines: AsyncIterable<string>,
  options: { replace?: boolean; batchSize?: number } = {},
): Promise<RestoreResult> {
  const batchSize = options.batchSize ?? 500;
  return db.transaction().execute(async (trx) => {
    const k = trx as unknown as Kysely<unknown>;
    const tables = await describeTables(trx);
    const byName = new Map(tables.map((t) => [t.name, t]));
    let header: SnapshotHeader | null = null;
    let end: Record<string, number> | null = null;
    const counts: Record<string, number> = {};
    let batch: { table: TableInfo; rows: Record<string, unknown>[] } | null = null;
    const deferred = new Map<string, Record<string, unknown>[]>();

    const flush = async () => {
      if (!batch || batch.rows.length === 0) return;
      const { table, rows } = batch;
      if (table.selfReferences.length > 0) {
        // A row may point to a row later in the file: insert without the pointers, set them once all are in.
        const pointers = rows
          .filter((r) => table.selfReferences.some((c) => r[c] !== null && r[c] !== undefined))
          .map((r) =>
            Object.fromEntries([...table.primaryKey.map((c) => [c.column, r[c.column]]), ...table.selfReferences.map((c) => [c, r[c]])]),
          );
        deferred.set(table.name, [...(deferred.get(table.name) ?? []), ...pointers]);
        for (const r of rows) for (const c of table.selfReferences) r[c] = null;
      }
      await sql`insert into ${ident(table.name)} overriding system value
        select * from json_populate_recordset(null::${ident(table.name)}, ${JSON.stringify(rows)}::json)`.execute(k);
      batch = null;
    };

    let lineNumber = 0;
    for await (const text of lines) {
      lineNumber += 1;
      if (text.trim() === '') continue;
      let line: SnapshotLine;
      try {
        line = JSON.parse(text) as SnapshotLine;
      } catch {
        throw new SnapshotError(`Line ${lineNumber} of the backup is not JSON: the file is damaged.`);
      }
      if (header === null) {
        if (!('header' in line) || line.header.format !== SNAPSHOT_FORMAT)
          throw new SnapshotError(`This is not a Delaktig backup (expected "${SNAPSHOT_FORMAT}" on the first line).`);
        header = line.header;
        const here = await appliedMigrations(trx);
        if (JSON.stringify(here) !== JSON.stringify(header.migrations))
          throw new SnapshotError(
            `The backup was made at migrations [${header.migrations.join(', ')}] but this database is at [${here.join(', ')}]: ` +
              'restore it with the version of Delaktig that made it.',
          );
        const rowsHere = await Promise.all(
          tables.map(async (t) => (await sql<{ n: number }>`select count(*)::int as n from ${ident(t.name)}`.execute(k)).rows[0]?.n ?? 0),
        );
        if (rowsHere.some((n) => n > 0)) {
          if (!options.replace)
            throw new SnapshotError('The database is not empty: give --replace to replace everything in it by the backup.');
          await sql`truncate ${sql.join(tables.map((t) => ident(t.name)))} restart identity cascade`.execute(k);
        }
        continue;
      }
      if ('end' in line) {
        end = line.end;
        break;
      }
      if (!('t' in line)) throw new SnapshotError(`Line ${lineNumber} of the backup is neither a row nor the end.`);
      const table = byName.get(line.t);
      if (!table) throw new SnapshotError(`Line ${lineNumber}: the backup has a table "${line.t}" this database does not.`);
      if (batch && batch.table !== table) await flush();
      batch ??= { table, rows: [] };
      batch.rows.push(line.r);
      counts[table.name] = (counts[table.name] ?? 0) + 1;
      if (batch.rows.length >= batchSize) await flush();
    }
    await flush();
    if (header === null) throw new SnapshotError('The backup file is empty.');
    if (end === null)
      throw new SnapshotError('The backup file ends early (no closing line): it was cut off while being written or copied.');
    for (const [name, expected] of Object.entries(end))
      if ((counts[name] ?? 0) !== expected)
        throw new SnapshotError(`The backup says ${expected} rows of ${name} but holds ${counts[name] ?? 0}: the file is damaged.`);

    for (const [name, pointers] of deferred) {
      const table = byName.get(name) as TableInfo;
      for (let i = 0; i < pointers.length; i += batchSize) {
        const part = pointers.slice(i, i + batchSize);
        const set = sql.join(table.selfReferences.map((c) => sql`${ident(c)} = v.${ident(c)}`));
        const match = sql.join(
          table.primaryKey.map((c) => sql`t.${ident(c.column)} = v.${ident(c.column)}`),
          sql` and `,
        );
        await sql`update ${ident(name)} t set ${set}
          from json_populate_recordset(null::${ident(name)}, ${JSON.stringify(part)}::json) v where ${match}`.execute(k);
      }
    }
    for (const table of tables)
      for (const s of table.sequences)
        await sql`select setval(${s.sequence}::regclass, coalesce((select max(${ident(s.column)}) from ${ident(table.name)}), 0) + 1, false)`.execute(
          k,
        );
    return { counts, header };
  });
}

/** A digest of every table's content, independent of row order: two databases with equal digests hold the same rows. */
export async function contentDigest(db: Db): Promise<Record<string, string>> {
  const k = db as unknown as Kysely<unknown>;
  const digest: Record<string, string> = {};
  for (const table of await describeTables(db)) {
    const row = await sql<{ d: string | null; n: number }>`
      select md5(coalesce(string_agg(j, E'\\n' order by j), '')) as d, count(*)::int as n
      from (select row_to_json(t)::text as j from ${ident(table.name)} t) rows`.execute(k);
    digest[table.name] = `${row.rows[0]?.n ?? 0}:${row.rows[0]?.d ?? ''}`;
  }
  return digest;
}
