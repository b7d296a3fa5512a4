import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/schema.ts';
import { apiRoutesOf, type RouteEntry } from '../../src/route-list.ts';
import { ADMIN_PASSWORD } from '../support/stores.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { forEachStore } from '../support/each-store.ts';
import { activeMarkup, attackStrings, scriptInjection, sqlInjection } from './attack-strings.ts';
import { arbitraryOf, mutationsOf, stringFieldsOf, withValueAt, type JsonSchema, type Mutation } from './json-schema-arbitrary.ts';

/**
 * Every write endpoint of the API, found from the server's own route list, is sent bodies its schema accepts,
 * bodies it must refuse, and strings meant to break it. Fixed seed: a failure names it and reproduces.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 5);

/** Writes that would end the test's own session: each is tested on its own by the accounts tests. */
const ownSession = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-everywhere']);

/** The table a path parameter names, by the path segment before it. */
const tableOf: Record<string, string> = {
  units: 'unit',
  plans: 'document',
  items: 'item',
  'action-plans': 'action_plan_request',
  activities: 'activity',
  cycles: 'follow_up_cycle',
  tasks: 'report_task',
  attachments: 'attachment',
  indicators: 'indicator',
  'indicator-links': 'indicator_link',
  internships: 'internship_offer',
  placements: 'internship_placement',
  trainings: 'training',
  'coverage-targets': 'coverage_target',
  funds: 'fund',
  calls: 'fund_call',
  applications: 'fund_application',
  programmes: 'matching_programme',
  people: 'matching_person',
  matches: 'matching_match',
  'check-ins': 'matching_check_in',
  'identity-providers': 'identity_provider',
};

const swedish = /[åäöÅÄÖ]|\b(är|inte|finns|fältet|måste|saknas|borde|ogiltig|får|kan|ska|har|och|för)\b/i;

function assertClearRefusal(res: LightMyRequestResponse, label: string) {
  assert.ok(res.statusCode < 500, `${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  if (res.statusCode < 400) return;
  const body = res.json() as { error?: unknown; message?: unknown };
  assert.equal(typeof body.error, 'string', `${label}: ${res.body.slice(0, 200)}`);
  assert.equal(typeof body.message, 'string', `${label}: ${res.body.slice(0, 200)}`);
  assert.match(String(body.message), swedish, `${label}: message in Swedish: ${String(body.message)}`);
}

async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db);
  const union = sql.join(
    tables.rows.map((t) => sql`select ${t.name} as name, count(*)::int as n from ${sql.table(t.name)}`),
    sql` union all `,
  );
  const rows = await sql<{ name: string; n: number }>`${union}`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.name, r.n]));
}

void forEachStore('hostile input on every write endpoint', (kind) => {
  let t: TestApp;
  let cookie: string;
  let writes: RouteEntry[];
  const ids = new Map<string, string>();

  /** The URL with real ids of the demo data; unknown for a parameter whose table is empty. */
  async function urlOf(route: RouteEntry, known = true): Promise<string> {
    const segments = route.url.split('/');
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!;
      if (!s.startsWith(':')) continue;
      const name = s.slice(1);
      let value: string;
      if (name === 'code') value = '1860';
      else if (name === 'year') value = '2020';
      else if (name === 'date') value = '2026-01-15';
      else if (name === 'token') value = 'x'.repeat(43);
      // Translations name what they translate and the language in the path: a plan item, into Arabic.
      else if (name === 'kind') value = 'item';
      else if (name === 'lang') value = 'ar';
      else if (!known) value = randomUUID();
      else if (route.url.startsWith('/api/users/')) value = await idOf('app_user', sql`where username = 'laxa.lasare'`);
      else if (name === 'itemId' || route.url.startsWith('/api/translations/')) value = await idOf('item');
      else if (name === 'taskId') value = await idOf('report_task');
      else value = await idOf(tableOf[segments[i - 1]!] ?? 'none');
      segments[i] = value;
    }
    return segments.join('/');
  }

  async function idOf(table: string, where = sql``): Promise<string> {
    const key = `${table}`;
    if (!ids.has(key)) {
      const row =
        table === 'none'
          ? undefined
          : (await sql<{ id: string }>`select id::text as id from ${sql.table(table)} ${where} order by id limit 1`.execute(t.store.db))
              .rows[0];
      ids.set(key, row?.id ?? randomUUID());
    }
    return ids.get(key)!;
  }

  const send = (route: RouteEntry, url: string, body: unknown) =>
    t.app.inject({
      method: route.method as 'POST',
      url,
      // Signing in ends the session the request came with: the sign-in route is sent without one.
      headers: { ...(route.key === 'POST /api/auth/login' ? {} : { cookie }), 'content-type': 'application/json' },
      payload: body === undefined ? '{}' : JSON.stringify(body),
    });

  const signedIn = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json<{ user: unknown }>().user !== null;

  before(async () => {
    t = await startTestApp(kind);
    cookie = await t.login('admin', ADMIN_PASSWORD);
    writes = apiRoutesOf(t.app).filter((r) => r.method !== 'GET' && !ownSession.has(r.key));
  });
  after(() => t?.close());

  it('finds the write endpoints in the route list', () => {
    assert.ok(writes.length > 60, `${writes.length} write endpoints`);
    assert.ok(writes.some((r) => r.key === 'POST /api/municipalities/:code/units'));
  });

  it(`bodies the schema accepts never make a 5xx, refusals are clear, accepted writes are audited (seed ${SEED})`, async () => {
    const unaudited: string[] = [];
    let counts = await rowCounts(t.store.db);
    for (const route of writes) {
      const schema = route.schema?.body as JsonSchema | undefined;
      if (!schema) continue;
      const url = await urlOf(route);
      await fc.assert(
        fc.asyncProperty(arbitraryOf(schema), async (body) => {
          const res = await send(route, url, body);
          assertClearRefusal(res, `${route.key} ${JSON.stringify(body).slice(0, 200)}`);
          if (res.statusCode >= 300) return;
          // Counted after accepted requests only (refused ones write nothing, proven below); an accepted request that
          // changed nothing (disabling a disabled account) has nothing to audit.
          const after = await rowCounts(t.store.db);
          if (after.audit_log === counts.audit_log && JSON.stringify(after) !== JSON.stringify(counts)) unaudited.push(route.key);
          counts = after;
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      assert.ok(await signedIn(), `${route.key} ended the administrator's session`);
    }
    assert.deepEqual([...new Set(unaudited)], [], 'accepted writes without an audit entry');
  });

  it('an unknown id is a 404, not a 500', async () => {
    for (const route of writes) {
      if (!route.url.includes('/:id')) continue;
      const schema = route.schema?.body as JsonSchema | undefined;
      const body = schema ? fc.sample(arbitraryOf(schema), { seed: SEED, numRuns: 1 })[0] : undefined;
      const res = await send(route, await urlOf(route, false), body);
      assertClearRefusal(res, route.key);
      assert.ok([404, 409, 400].includes(res.statusCode), `${route.key}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
  });

  it('bodies the schema refuses get a 400 naming the field, and nothing is written', async () => {
    const before = await rowCounts(t.store.db);
    let sent = 0;
    for (const route of writes) {
      const schema = route.schema?.body as JsonSchema | undefined;
      if (!schema || schema.type !== 'object') continue;
      const url = await urlOf(route);
      const samples = fc.sample(arbitraryOf(schema), { seed: SEED, numRuns: 2 }) as Record<string, unknown>[];
      for (const valid of samples)
        for (const m of mutationsOf(schema, valid) as Mutation[]) {
          const res: LightMyRequestResponse = await send(route, url, m.body);
          sent++;
          const label: string = `${route.key} (${m.what}) ${JSON.stringify(m.body).slice(0, 200)}`;
          assert.equal(res.statusCode, 400, `${label}: ${res.body.slice(0, 300)}`);
          const json = res.json() as { error: string; message: string };
          assert.equal(json.error, 'validation', label);
          assert.ok(json.message.includes(m.path), `${label}: names ${m.path}: ${json.message}`);
          assertClearRefusal(res, label);
        }
    }
    assert.ok(sent > 200, `${sent} refused bodies`);
    assert.deepEqual(await rowCounts(t.store.db), before, 'no table changed');
  });

  it('attack strings in every text field: never a 5xx, NUL refused, SQL is data, accepted strings kept verbatim or made inert', async () => {
    const users = (await rowCounts(t.store.db)).app_user;
    const verbatim = new Set<string>();
    const check = async (route: RouteEntry, url: string, body: unknown, attack: string, fields: string[]) => {
      const res = await send(route, url, body);
      const label = `${route.key} ${fields.join(',')} = ${JSON.stringify(attack)}`;
      assertClearRefusal(res, label);
      if (attack.includes('\u0000')) assert.equal(res.statusCode, 400, `${label}: NUL is refused`);
      if (res.statusCode >= 300 || !res.body) return;
      for (const field of fields.filter((f) => f.split('/').length === 2)) {
        const echoed = (res.json() as Record<string, unknown>)[field.slice(1)];
        if (echoed === attack) verbatim.add(attack);
        else if (typeof echoed === 'string')
          assert.doesNotMatch(echoed, activeMarkup, `${label}: ${field} kept as ${JSON.stringify(echoed)}`);
      }
    };
    for (const route of writes) {
      const schema = route.schema?.body as JsonSchema | undefined;
      if (!schema) continue;
      const url = await urlOf(route);
      const valid = fc.sample(arbitraryOf(schema), { seed: SEED, numRuns: 1 })[0];
      const fields = stringFieldsOf(schema);
      // Free text takes every string at once, so one accepted request stores them all; a field with a pattern, a
      // format or a short limit refuses them in validation, so it gets each on its own without slowing the run.
      const free = fields.filter((f) => !f.schema.pattern && !f.schema.format && (f.schema.maxLength ?? 1e9) >= 60);
      for (const attack of attackStrings) {
        if (free.length > 0) {
          let body = valid;
          for (const f of free) body = withValueAt(body, f.path, attack, schema);
          await check(
            route,
            url,
            body,
            attack,
            free.map((f) => f.path),
          );
        }
        for (const f of fields.filter((x) => !free.includes(x)))
          await check(route, url, withValueAt(valid, f.path, attack, schema), attack, [f.path]);
      }
    }
    const counts = await rowCounts(t.store.db);
    assert.ok(counts.app_user! >= users!, 'app_user is still there with its rows');
    for (const attack of [...sqlInjection, ...scriptInjection]) assert.ok(verbatim.has(attack), `${attack} was stored verbatim somewhere`);
  });
});
