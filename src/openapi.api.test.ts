import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../test/support/app.ts';
import { apiRoutesOf } from './route-list.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp('pglite');
});
after(() => t.close());

it('documents every API route in the OpenAPI description that /api/docs shows', async () => {
  const res = await t.request('GET', '/api/openapi.json');
  assert.equal(res.statusCode, 200, res.body);
  const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
  assert.match(doc.openapi, /^3\./);
  const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
  const missing = apiRoutesOf(t.app)
    .filter((r) => !(r.schema as { hide?: boolean } | undefined)?.hide)
    .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`)
    .filter((key) => !documented.has(key));
  assert.deepEqual(missing, [], 'routes missing from the API description');
  assert.ok(documented.has('GET /api/plans/{id}/outline'), 'the plan-outline/1 route (a schema with a nested $id) is described');
});
