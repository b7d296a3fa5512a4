import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { apiRoutesOf } from '../../src/route-list.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { forEachStore } from '../support/each-store.ts';
import {
  ADMIN_PASSWORD,
  callers,
  makeFixtures,
  multipart,
  must,
  secrets,
  sessionOf,
  type CallerName,
  type Fixtures,
} from './permission-fixtures.ts';
import { table, versionOf, type CaseContext, type Entry } from './permission-table.ts';

/**
 * Every API route called as every kind of caller, against the table of who may: a route the table does not know
 * fails the test, and so does every cell that lets in someone it should refuse, refuses someone it should let in,
 * or shows a caller something planted for others only.
 *
 * Refused means 401 for the public (sign in first), 403 or 404 for signed-in callers (404 where the object's very
 * existence is not theirs to know, as a draft outside its municipality). Allowed means 2xx or 3xx.
 */

/** Which callers may see each planted secret; every other caller's response must not contain it. */
const secretReaders: Record<keyof typeof secrets, readonly CallerName[]> = {
  draftTitle: ['admin', 'coordinator', 'reporter', 'reporterOtherUnit', 'reader'],
  unitHead: ['admin', 'coordinator', 'reporter', 'reporterOtherUnit', 'reader'],
  report: ['admin', 'coordinator', 'reporter', 'reader'],
  supervisor: ['admin', 'coordinator', 'reporter', 'reporterOtherUnit'],
  draftApplication: ['applicant'],
  person: ['coordinator'],
  unpublishedActivity: ['admin', 'coordinator', 'reporter'],
};

// Files come back as bytes: only their readable characters go into the message.
const excerpt = (res: LightMyRequestResponse) =>
  res.body
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e\u00a0-\u024f]/g, '')
    .slice(0, 160);

function outcomeProblem(entry: Entry, caller: CallerName, status: number): string | null {
  if (entry.allow.includes(caller)) return status >= 200 && status < 400 ? null : 'expected allow (2xx/3xx)';
  const refused = caller === 'public' ? [401, 403, 404] : [403, 404];
  return refused.includes(status) ? null : `expected deny (${refused.join('/')})`;
}

/** The ids of the hidden objects are secrets too: a list that names one has let it out, whatever else it shows. */
const secretIds = (fx: Fixtures): Record<string, { value: string; readers: readonly CallerName[] }> => ({
  'the draft plan id': { value: fx.draft.id, readers: secretReaders.draftTitle },
  "the reporter's task id": { value: fx.task, readers: secretReaders.report },
  'the draft application id': { value: fx.draftApplication, readers: secretReaders.draftApplication },
  "the newcomer's id": { value: fx.newcomer, readers: secretReaders.person },
  'the unpublished activity id': { value: fx.activity, readers: secretReaders.unpublishedActivity },
});

function secretLeaks(entry: Entry, as: CallerName, res: LightMyRequestResponse, fx: Fixtures): string[] {
  if (entry.showsEverything) return [];
  const caller = entry.actsAs ?? as;
  const body = res.body;
  return [
    ...(Object.keys(secrets) as (keyof typeof secrets)[])
      .filter((name) => !secretReaders[name].includes(caller) && body.includes(secrets[name]))
      .map((name) => `shows ${name} ("${secrets[name]}")`),
    ...Object.entries(secretIds(fx))
      .filter(([, s]) => !s.readers.includes(caller) && body.includes(s.value))
      .map(([name]) => `shows ${name}`),
  ];
}

/** Kolada on this machine, so that an allowed fetch succeeds: one value in the documented v3 shape for any question. */
function koladaStandIn(): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    const values = [{ kpi: 'N00945', municipality: '1860', period: 2022, values: [{ gender: 'T', count: 1, status: '', value: 12.5 }] }];
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ count: values.length, values }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3` })),
  );
}

await forEachStore('permissions of every route', (kind) => {
  let t: TestApp;
  let fx: Fixtures;
  let kolada: Awaited<ReturnType<typeof koladaStandIn>>;

  before(async () => {
    kolada = await koladaStandIn();
    t = await startTestApp(kind, { ADMIN_PASSWORD, KOLADA_URL: kolada.url });
    fx = await makeFixtures(t);
  });
  after(async () => {
    await t.close();
    await new Promise((resolve) => kolada.server.close(resolve));
  });

  it('has an entry for every API route, and no entry without a route', () => {
    const live = apiRoutesOf(t.app).map((r) => r.key);
    const missing = live.filter((k) => !(k in table));
    const stale = Object.keys(table).filter((k) => !live.includes(k));
    assert.ok(
      missing.length === 0 && stale.length === 0,
      [
        missing.length
          ? `Routes without an entry in test/security/permission-table.ts:\n${missing.map((k) => `  '${k}': {},`).join('\n')}`
          : '',
        stale.length ? `Entries without a route:\n${stale.map((k) => `  '${k}'`).join('\n')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  });

  it('lets in exactly the callers the table names, on every route, and shows nobody what is not theirs', async () => {
    const cookie = (caller: CallerName) => (caller === 'public' ? undefined : fx.cookies[caller]);
    const ctx: CaseContext = {
      t,
      fx,
      version: (tableName, id) => versionOf(t, tableName, id),
      as: async <T>(caller: Exclude<CallerName, 'public'>, method: string, url: string, body?: unknown) =>
        (await must(t, fx.cookies[caller], method as 'GET', url, body)).json<T>(),
    };
    const live = new Map(apiRoutesOf(t.app).map((r) => [r.key, r]));
    const problems: string[] = [];
    let cells = 0;
    for (const [key, entry] of Object.entries(table)) {
      const route = live.get(key);
      if (!route) continue;
      // Refused callers first, on one shared call: if one of them got through, the allowed ones still get theirs.
      const order = [...callers].sort((a, b) => Number(entry.allow.includes(a)) - Number(entry.allow.includes(b)));
      let shared: Awaited<ReturnType<Entry['call']>> | undefined;
      for (const caller of order) {
        const allowed = entry.allow.includes(caller);
        let call;
        try {
          call = allowed && entry.fresh ? await entry.call(ctx) : (shared ??= await entry.call(ctx));
        } catch (error) {
          problems.push(`${key} as ${caller}: preparing the call failed: ${(error as Error).message}`);
          continue;
        }
        const headers: Record<string, string> = {};
        const c = cookie(caller);
        if (c) headers.cookie = c;
        const upload = call.upload ? multipart(call.upload) : undefined;
        const res = await t.app.inject({
          method: route.method,
          url: call.url,
          headers: { ...headers, ...(upload?.headers ?? {}) },
          ...(upload ? { payload: upload.payload } : call.body !== undefined ? { payload: call.body as object } : {}),
        });
        cells++;
        const problem = outcomeProblem(entry, caller, res.statusCode);
        if (problem) problems.push(`${key} as ${caller}: ${problem}, got ${res.statusCode} ${excerpt(res)}`);
        for (const leak of secretLeaks(entry, caller, res, fx)) problems.push(`${key} as ${caller}: LEAK ${leak}`);
        if (!problem && allowed && entry.leak && res.headers['content-type']?.toString().includes('json')) {
          const leak = entry.leak(res.json(), caller, fx);
          if (leak) problems.push(`${key} as ${caller}: LEAK ${leak}`);
        }
        if (entry.endsSession && caller !== 'public') fx.cookies[caller] = await sessionOf(t, caller);
      }
    }
    assert.equal(problems.length, 0, `${problems.length} of ${cells} cells differ from the table:\n${problems.join('\n')}`);
  });
});
