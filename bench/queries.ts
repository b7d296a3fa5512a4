/**
 * Query check of the main reads (and the follow-up save): how many SQL statements each request makes, and whether
 * any of them reads a national table (one holding every municipality's rows) from end to end.
 *
 * `checkQueries` builds the app in-process over the caller's store, sends each request with `app.inject`, and
 * captures every statement the request's handlers send (with its parameters). Each captured SELECT, UPDATE and
 * DELETE is then explained (`EXPLAIN (FORMAT JSON)`, not ANALYZE: nothing runs twice) with the same parameters, and
 * every Seq Scan node on a table the statistics say holds more than `bigTableRows` rows is reported. A PUT really
 * saves (one more version of the report, its event and its audit record): run it on a bench database only.
 *
 * Run against a generated data set (bench/data, `npm run bench:data`):
 *   node --import tsx bench/queries.ts --database-url postgres://root@127.0.0.1:5432/bench_h5_290 \
 *     [--database-url …/bench_h5_1] [--municipality 0114] [--big 10000] [--timings] [--verbose] [--json FILE]
 * With two or more databases it also compares the counts: a request whose count differs between data sets (an N+1
 * that grows with the data) fails the run, as does any sequential scan over a big table (exit 1).
 * The run signs in by writing one session row per database (removed afterwards) and saves one follow-up report.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CompiledQuery,
  PostgresQueryCompiler,
  sql,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { startSession, tokenHash } from '../src/capabilities/accounts/accounts.ts';
import { openStore, type StoreKind } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { SESSION_COOKIE } from '../src/http.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { buildServer } from '../src/server.ts';

export interface QueryRequest {
  name: string;
  method: 'GET' | 'PUT';
  url: string;
  cookie?: string;
  body?: unknown;
}

export interface SeqScan {
  table: string;
  /** The table's estimated rows (pg_class.reltuples after ANALYZE). */
  rows: number;
  sql: string;
}

export interface QueryCount {
  name: string;
  /** The answer's HTTP status: a count of a 404 or 401 says nothing about the read it was meant to measure. */
  status: number;
  /** SQL statements the request sent, transaction control (begin, commit) not counted. */
  queries: number;
  seqScans: SeqScan[];
  /** Each statement's SQL, in the order sent. */
  statements: string[];
  /**
   * With `timings`: the database's execution time of the request's read statements (EXPLAIN ANALYZE of each SELECT,
   * median of three runs, summed): how the data's size shows in a request, apart from the server's own work.
   */
  dbMs?: number;
}

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * Sees every statement an executor runs. A Kysely plugin rather than the `log` option: the log is fixed when a
 * Kysely is constructed, while a plugin can be added to the caller's instance (`withPlugin`) over the same pool and
 * is inherited by its transactions. Both stores compile with PostgreSQL's compiler, so compiling the final node
 * again here gives the SQL and parameters sent. A statement counts when its result comes back: a query builder
 * nested in a `sql` template passes through `transformQuery` on its own too, but is no statement of its own.
 */
class CapturePlugin implements KyselyPlugin {
  readonly #compiler = new PostgresQueryCompiler();
  readonly #pending = new Map<string, Captured>();
  captured: Captured[] = [];

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const compiled = this.#compiler.compileQuery(args.node, args.queryId);
    this.#pending.set(args.queryId.queryId, { sql: compiled.sql, parameters: compiled.parameters });
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const statement = this.#pending.get(args.queryId.queryId);
    if (statement) this.captured.push(statement);
    this.#pending.delete(args.queryId.queryId);
    return Promise.resolve(args.result);
  }

  take(): Captured[] {
    const out = this.captured;
    this.captured = [];
    // Nested builders and statements that failed leave entries that never got a result.
    this.#pending.clear();
    return out;
  }
}

/** The kinds of statement the check explains; inserts only add rows and scan nothing but their own SELECT, if any. */
const EXPLAINED = /^\s*(select|update|delete|with)\b/i;
const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release|start transaction)\b/i;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Every Seq Scan in a plan tree, subplans and init plans included. */
export function seqScansIn(plan: PlanNode): string[] {
  const own = plan['Node Type'] === 'Seq Scan' && plan['Relation Name'] ? [plan['Relation Name']] : [];
  return [...own, ...(plan.Plans ?? []).flatMap(seqScansIn)];
}

async function explain(db: Kysely<Database>, statement: Captured, analyze = false): Promise<{ plan: PlanNode; ms: number }> {
  const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`explain (${analyze ? 'analyze, ' : ''}format json) ${statement.sql}`, [...statement.parameters]),
  );
  const raw = result.rows[0]?.['QUERY PLAN'];
  // pg parses the json column; PGlite may hand it over as text.
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode; 'Execution Time'?: number }[];
  const plan = parsed[0]?.Plan;
  if (!plan) throw new Error(`EXPLAIN gave no plan for: ${statement.sql}`);
  return { plan, ms: parsed[0]?.['Execution Time'] ?? 0 };
}

/** A read runs three times under EXPLAIN ANALYZE (never a write or a locking read); the median counts. */
async function executionMs(db: Kysely<Database>, statement: Captured): Promise<number> {
  if (!/^\s*select\b/i.test(statement.sql) || /\bfor (update|share|no key update|key share)\b/i.test(statement.sql)) return 0;
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push((await explain(db, statement, true)).ms);
  return runs.sort((a, b) => a - b)[1] as number;
}

/** Estimated rows per table of the current schema, after ANALYZE so that the estimates are the data's. */
async function tableSizes(db: Kysely<Database>, analyze: boolean): Promise<Map<string, number>> {
  if (analyze) await sql`analyze`.execute(db);
  const { rows } = await sql<{ relname: string; rows: number }>`
    select c.relname, greatest(c.reltuples, 0)::float8 as rows
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = current_schema()`.execute(db);
  return new Map(rows.map((r) => [r.relname, Number(r.rows)]));
}

export async function checkQueries(options: {
  db: Kysely<Database>;
  requests: QueryRequest[];
  bigTableRows?: number;
  /** Run ANALYZE first (default true); the estimates then describe the data, not an empty table. */
  analyze?: boolean;
  /** Also time each request's reads in the database (see QueryCount.dbMs). */
  timings?: boolean;
  store?: StoreKind;
}): Promise<QueryCount[]> {
  const big = options.bigTableRows ?? 10_000;
  const sizes = await tableSizes(options.db, options.analyze ?? true);
  const capture = new CapturePlugin();
  const db = options.db.withPlugin(capture);
  // Workers off: no background statement may land in a request's count. Official sources point at nothing.
  const config = loadConfig(
    {},
    {
      WORKER_INTERVAL_MS: 0,
      KOLADA_URL: 'http://127.0.0.1:9/v3',
      SCB_URL: 'http://127.0.0.1:9/api/v2',
      SIGN_IN_LIMIT_PER_MINUTE: 10_000,
      PUBLIC_WRITE_LIMIT_PER_MINUTE: 10_000,
      LOG_LEVEL: 'silent',
    },
  );
  const app = await buildServer({ db, store: options.store ?? 'postgres', config, demo: false });
  const out: QueryCount[] = [];
  try {
    await app.ready();
    for (const request of options.requests) {
      capture.take();
      const response = await app.inject({
        method: request.method,
        url: request.url,
        headers: request.cookie ? { cookie: request.cookie } : {},
        ...(request.body !== undefined ? { payload: request.body as object } : {}),
      });
      // Anything a handler started without awaiting it would finish here, still counted as the request's.
      await new Promise((resolve) => setImmediate(resolve));
      const statements = capture.take().filter((s) => !TRANSACTION_CONTROL.test(s.sql));
      const seqScans: SeqScan[] = [];
      let dbMs = 0;
      for (const statement of statements) {
        if (!EXPLAINED.test(statement.sql)) continue;
        const { plan } = await explain(options.db, statement);
        for (const table of new Set(seqScansIn(plan))) {
          const rows = sizes.get(table) ?? 0;
          if (rows > big) seqScans.push({ table, rows, sql: statement.sql });
        }
        if (options.timings) dbMs += await executionMs(options.db, statement);
      }
      out.push({
        name: request.name,
        status: response.statusCode,
        queries: statements.length,
        seqScans,
        statements: statements.map((s) => s.sql),
        ...(options.timings ? { dbMs: Math.round(dbMs * 100) / 100 } : {}),
      });
    }
  } finally {
    await app.close();
  }
  return out;
}

// ---- the bench: the main reads of one municipality in a generated data set ---------------------------------------

/** The requests of the main reads for one municipality, and a session cookie made for them (removed by `cleanup`). */
export async function mainReads(
  db: Kysely<Database>,
  code: string,
): Promise<{ requests: QueryRequest[]; cleanup: () => Promise<void>; describe: Record<string, string> }> {
  const plan = await db
    .selectFrom('document')
    .leftJoin('item', 'item.document_id', 'document.id')
    .select(['document.id', (eb) => eb.fn.count<number>('item.id').as('items')])
    .where('document.municipality_code', '=', code)
    .where('document.status', '<>', 'draft')
    .groupBy('document.id')
    .orderBy('items', 'desc')
    .executeTakeFirst();
  if (!plan) throw new Error(`No public plan in municipality ${code}.`);
  const coordinator = await db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('municipality_code', '=', code)
    .where('role', '=', 'coordinator')
    .where('disabled', '=', false)
    .orderBy('username')
    .executeTakeFirst();
  if (!coordinator) throw new Error(`No coordinator account in municipality ${code}.`);
  const indicator = await db
    .selectFrom('indicator')
    .innerJoin('indicator_value', 'indicator_value.indicator_id', 'indicator.id')
    .select(['indicator.id'])
    .where('indicator.municipality_code', '=', code)
    .where('indicator.source_kind', '<>', 'computed')
    .orderBy('indicator.title')
    .executeTakeFirst();
  const task = await db
    .selectFrom('report_task')
    .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
    .select(['report_task.id', 'report_task.version', 'report_task.status', 'report_task.progress', 'report_task.narrative'])
    .select(['report_task.target_value'])
    .where('follow_up_cycle.municipality_code', '=', code)
    .where('follow_up_cycle.state', '=', 'open')
    .where('report_task.state', 'in', ['open', 'draft', 'returned'])
    .orderBy('report_task.id')
    .executeTakeFirst();
  const { token } = await startSession(db, coordinator.id, { idleMinutes: 120, maxHours: 12 });
  const cookie = `${SESSION_COOKIE}=${token}`;
  const requests: QueryRequest[] = [
    { name: 'plan outline (staff)', method: 'GET', url: `/api/plans/${plan.id}/outline`, cookie },
    {
      name: 'catalogue search with filters',
      method: 'GET',
      url: `/api/municipalities/${code}/activities?category=language&language=ar&age=30&place=bibliotek`,
    },
    { name: 'catalogue search, no filter', method: 'GET', url: `/api/municipalities/${code}/activities` },
    { name: 'public plan page', method: 'GET', url: `/sv/kommun/${code}/plan/${plan.id}` },
    { name: 'municipality indicators', method: 'GET', url: `/api/municipalities/${code}/indicators` },
    ...(indicator ? [{ name: 'indicator series', method: 'GET' as const, url: `/api/indicators/${indicator.id}` }] : []),
    { name: 'plan indicators', method: 'GET', url: `/api/plans/${plan.id}/indicators`, cookie },
    ...(task
      ? [
          {
            name: 'save a follow-up entry',
            method: 'PUT' as const,
            url: `/api/tasks/${task.id}`,
            cookie,
            body: {
              version: task.version,
              status: task.status ?? 'in_progress',
              progress: task.progress ?? 40,
              narrative: `${task.narrative} Kontrollerat av frågekontrollen.`.trim().slice(0, 10_000),
              targetValue: task.target_value,
              submit: false,
            },
          },
        ]
      : []),
  ];
  return {
    requests,
    describe: {
      plan: plan.id,
      items: String(plan.items),
      coordinator: coordinator.username,
      indicator: indicator?.id ?? '–',
      task: task?.id ?? '–',
    },
    cleanup: async () => void (await db.deleteFrom('session').where('id', '=', tokenHash(token)).execute()),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string', multiple: true },
      municipality: { type: 'string', default: '0114' },
      big: { type: 'string', default: '10000' },
      json: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      timings: { type: 'boolean', default: false },
    },
  });
  const urls = values['database-url'] ?? [];
  if (urls.length === 0) throw new Error('Give at least one --database-url (a bench database: the check saves one report).');
  const runs: { url: string; describe: Record<string, string>; results: QueryCount[] }[] = [];
  for (const url of urls) {
    const store = await openStore({ databaseUrl: url });
    try {
      const { requests, cleanup, describe } = await mainReads(store.db, values.municipality);
      try {
        const results = await checkQueries({
          db: store.db,
          requests,
          bigTableRows: Number(values.big),
          store: store.kind,
          timings: values.timings,
        });
        runs.push({ url: url.replace(/\/\/[^@]*@/, '//'), describe, results });
      } finally {
        await cleanup();
      }
    } finally {
      await store.close();
    }
  }
  let failed = false;
  const names = runs[0]?.results.map((r) => r.name) ?? [];
  const unit = values.timings ? 'status, queries, database ms' : 'status, queries';
  console.log(`| Request | ${runs.map((r) => `${r.url.split('/').pop()}: ${unit}`).join(' | ')} | Seq scans on big tables |`);
  console.log(`| --- | ${runs.map(() => '---').join(' | ')} | --- |`);
  for (const name of names) {
    const cells = runs.map((run) => run.results.find((r) => r.name === name));
    const counts = new Set(cells.map((c) => c?.queries));
    const scans = cells.flatMap((c) => c?.seqScans ?? []);
    if (counts.size > 1 || scans.length > 0 || cells.some((c) => !c || c.status >= 400)) failed = true;
    console.log(
      `| ${name} | ${cells.map((c) => (c ? `${c.status}, ${c.queries}${c.dbMs !== undefined ? `, ${c.dbMs}` : ''}` : '–')).join(' | ')} | ${
        scans.length === 0 ? 'none' : [...new Set(scans.map((s) => `${s.table} (${Math.round(s.rows)})`))].join(', ')
      } |`,
    );
  }
  for (const run of runs)
    for (const r of run.results) {
      for (const s of r.seqScans) console.log(`\nSEQ SCAN ${s.table} (${Math.round(s.rows)} rows) in ${r.name} [${run.url}]:\n  ${s.sql}`);
      if (values.verbose) console.log(`\n${r.name} [${run.url}]:\n${r.statements.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`);
    }
  if (values.json)
    writeFileSync(values.json, `${JSON.stringify({ at: new Date().toISOString(), municipality: values.municipality, runs }, null, 2)}\n`);
  if (failed) {
    console.error('\nFAILED: a request failed, its query count differs between data sets, or it scans a big table.');
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
