import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { checkQueries } from '../bench/queries.ts';
import { startSession } from '../src/capabilities/accounts/accounts.ts';
import { SESSION_COOKIE } from '../src/http.ts';
import { forEachStore } from './support/each-store.ts';
import { freshStore, type TestStore } from './support/stores.ts';

/** The query check of bench/queries.ts: it counts each request's statements and finds sequential scans. */
await forEachStore('query check', (kind) => {
  let store: TestStore;
  let cookie: string;
  const plans = new Map<string, string>();
  before(async () => {
    store = await freshStore(kind);
    const admin = await store.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    cookie = `${SESSION_COOKIE}=${(await startSession(store.db, admin.id, { idleMinutes: 120, maxHours: 12 })).token}`;
    for (const d of await store.db.selectFrom('document').select(['id', 'municipality_code']).execute())
      plans.set(d.municipality_code, d.id);
  });
  after(() => store.close());

  it('counts the statements of each request, none for one that reads nothing', async () => {
    const [outline, nothing] = await checkQueries({
      db: store.db,
      store: kind,
      requests: [
        { name: 'outline', method: 'GET', url: `/api/plans/${plans.get('1860')}/outline`, cookie },
        { name: 'no such address', method: 'GET', url: '/api/no-such-address' },
      ],
    });
    assert.equal(outline?.status, 200);
    assert.equal(outline.queries, outline.statements.length);
    // The session, the document, its municipality, the items, their units and framework links, the units.
    for (const table of ['session', 'document', 'item', 'item_responsibility', 'item_framework', 'unit'])
      assert.ok(
        outline.statements.some((s) => new RegExp(`(from|join) "?${table}"?[\\s)]`).test(s)),
        `no statement reads ${table}: ${outline.statements.join('\n')}`,
      );
    assert.equal(nothing?.status, 404);
    assert.equal(nothing.queries, 0);
  });

  it('counts the same for a plan with three linked indicators as for one with one (no query per indicator)', async () => {
    const results = await checkQueries({
      db: store.db,
      store: kind,
      requests: ['1864', '0117'].map((code) => ({ name: code, method: 'GET', url: `/api/plans/${plans.get(code)}/indicators`, cookie })),
    });
    const [three, one] = results;
    assert.equal(three?.status, 200);
    assert.equal(one?.status, 200);
    assert.ok((three?.queries ?? 0) > 0);
    assert.equal(three?.queries, one?.queries, `${three?.statements.join('\n')}\n---\n${one?.statements.join('\n')}`);
  });

  it('reports a sequential scan where no index serves the read, and only on tables bigger than the limit', async () => {
    const indicator = await store.db
      .selectFrom('indicator')
      .select('id')
      .where('municipality_code', '=', '1860')
      .where('source_kind', '<>', 'computed')
      .executeTakeFirstOrThrow();
    // Without its indexes an indicator's series can only be read by scanning every stored value.
    await sql`drop index indicator_value_series_idx`.execute(store.db);
    await sql`drop index indicator_value_current`.execute(store.db);
    const request = { name: 'indicator', method: 'GET' as const, url: `/api/indicators/${indicator.id}` };
    const [every] = await checkQueries({ db: store.db, store: kind, requests: [request], bigTableRows: -1 });
    assert.equal(every?.status, 200);
    const scan = every.seqScans.find((s) => s.table === 'indicator_value');
    assert.ok(scan, `no scan of indicator_value reported: ${JSON.stringify(every.seqScans)}`);
    assert.match(scan.sql, /from "indicator_value"/);
    assert.ok(scan.rows > 0);
    // The demo's few hundred values are under the default limit of 10,000 rows: not a national table.
    const [small] = await checkQueries({ db: store.db, store: kind, requests: [request] });
    assert.deepEqual(
      small?.seqScans.filter((s) => s.table === 'indicator_value'),
      [],
    );
  });
});
