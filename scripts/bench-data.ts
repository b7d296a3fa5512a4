/**
 * npm run bench:data -- --municipalities 290 [--seed 42] [--database-url postgres://… | --data-dir DIR]
 *
 * Writes the synthetic national data set (bench/data/generate.ts) into a fresh store: a PostgreSQL database that
 * is absent (it is created) or empty, or a PGlite data directory that is absent or empty. A store that already
 * holds data is refused, so a benchmark never runs on a mix of real and synthetic data.
 */
import { existsSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateNationalData, PASSWORD } from '../bench/data/generate.ts';
import { openStore } from '../src/db/database.ts';

const usage = 'Användning: npm run bench:data -- --municipalities N [--seed 42] (--database-url postgres://… | --data-dir KATALOG)';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    municipalities: { type: 'string' },
    seed: { type: 'string', default: '42' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const municipalities = Number(values.municipalities);
const seed = Number(values.seed);
if (!Number.isInteger(municipalities) || municipalities < 1) fail(`Ange --municipalities (1–290).\n${usage}`);
if (!Number.isInteger(seed)) fail(`--seed ska vara ett heltal.\n${usage}`);
const databaseUrl = values['database-url'];
const dataDir = values['data-dir'];
if ((databaseUrl === undefined) === (dataDir === undefined)) fail(`Ange antingen --database-url eller --data-dir.\n${usage}`);

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function query<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Creates the database when absent (through the maintenance database); refuses one that holds data. */
async function preparePostgres(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) fail('--database-url måste ange en databas (postgres://…/namn).');
  let exists: boolean | undefined;
  let lastError: unknown;
  for (const maintenance of ['postgres', 'test', 'template1']) {
    const admin = new URL(url);
    admin.pathname = `/${maintenance}`;
    try {
      const rows = await query(admin.toString(), 'select 1 from pg_database where datname = $1', [name]);
      exists = rows.length > 0;
      if (!exists) {
        await query(admin.toString(), `create database ${quoteIdent(name)}`);
        console.log(`Skapade databasen ${name}.`);
      }
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (exists === undefined) fail(`Kunde inte nå PostgreSQL för att skapa ${name}: ${(lastError as Error).message}`);
  if (!exists) return;
  const tables = await query<{ table_name: string }>(url, "select table_name from information_schema.tables where table_schema = 'public'");
  const names = new Set(tables.map((t) => t.table_name));
  for (const table of ['app_user', 'unit', 'document', 'indicator', 'activity']) {
    if (!names.has(table)) continue;
    const [row] = await query<{ n: number }>(url, `select count(*)::int as n from ${quoteIdent(table)}`);
    if ((row?.n ?? 0) > 0)
      fail(`Databasen ${name} innehåller redan data (${table}: ${row?.n} rader). Testdata skrivs bara till en ny eller tom databas.`);
  }
}

function preparePglite(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    fail(`Katalogen ${dir} är inte tom. Testdata skrivs bara till en ny eller tom PGlite-katalog.`);
}

if (databaseUrl) await preparePostgres(databaseUrl);
else preparePglite(dataDir as string);

const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir: dataDir as string });
const where = databaseUrl ? `PostgreSQL ${new URL(databaseUrl).pathname.slice(1)}` : `PGlite ${dataDir}`;
const number = (n: number) => n.toLocaleString('sv-SE');
console.log(`Syntetiska testdata: ${municipalities} kommuner, frö ${seed}, till ${where}.`);
try {
  const summary = await generateNationalData(store.db, {
    municipalities,
    seed,
    onProgress: (_done, _total, _what, p) =>
      console.log(
        `[${String(p.index).padStart(3)}/${p.total}] ${p.code} ${p.name}: ${number(p.rows)} rader på ${Math.round(p.ms)} ms · ${number(p.rowsPerSecond)} rader/s totalt`,
      ),
  });
  console.log('\nRader per tabell:');
  for (const [table, count] of Object.entries(summary.rows)) console.log(`  ${table.padEnd(24)} ${number(count).padStart(12)}`);
  console.log(`  ${'totalt'.padEnd(24)} ${number(summary.totalRows).padStart(12)}`);
  console.log(`\nKlart på ${(summary.ms / 1000).toFixed(1)} s (${number(summary.rowsPerSecond)} rader/s, skrivet med ${summary.bulk}).`);
  console.log(`Konton per kommun: <kod>.samordnare, <kod>.rapportor.01–25, <kod>.lasare, <kod>.sokande.01–20; lösenord "${PASSWORD}".`);
} catch (error) {
  fail(`Misslyckades: ${(error as Error).message}`);
} finally {
  await store.close();
}
