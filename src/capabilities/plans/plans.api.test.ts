import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { OutlineNode, PlanOutline } from './outline.ts';
import { validateOutline } from './validate-outline.ts';

const walk = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);

async function documentOf(t: TestApp, code: string, cookie?: string): Promise<{ id: string; title: string; status: string }> {
  const res = await t.request('GET', `/api/municipalities/${code}/documents`, { cookie });
  assert.equal(res.statusCode, 200);
  const list = res.json<{ id: string; title: string; status: string }[]>();
  assert.ok(list[0], `no document for ${code}`);
  return list[0];
}

async function outlineOf(t: TestApp, id: string, cookie?: string): Promise<PlanOutline> {
  const res = await t.request('GET', `/api/plans/${id}/outline`, { cookie });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<PlanOutline>();
}

await forEachStore('plans API', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(() => t.close());

  it('reports its store on /api/health', async () => {
    const res = await t.request('GET', '/api/health');
    assert.deepEqual(res.json(), { status: 'ok', store: kind, version: '0.1.0', demo: true });
  });

  it('knows all 290 municipalities, five of them with a plan', async () => {
    const list = (await t.request('GET', '/api/municipalities')).json<{ code: string; documentCount: number }[]>();
    assert.equal(list.length, 290);
    assert.deepEqual(
      list
        .filter((m) => m.documentCount > 0)
        .map((m) => m.code)
        .sort(),
      ['0117', '1381', '1860', '1864', '2514'],
    );
  });

  it("serves Laxå's plan as plan-outline/1 with its own levels, deadlines, recurrences and targets", async () => {
    const doc = await documentOf(t, '1860');
    const outline = await outlineOf(t, doc.id);
    assert.ok('outline' in validateOutline(outline), 'the served outline validates against its own schema');
    assert.equal(outline.format, 'plan-outline/1');
    assert.deepEqual(outline.adopted, { body: 'KS', date: '2015-03-03', paragraph: '§41', dnr: null });
    const nodes = walk(outline.nodes);
    const delmal = nodes.filter((n) => n.label === 'Delmål');
    assert.equal(delmal.length, 3);
    const sfi = nodes.find((n) => n.text.startsWith('Kvartalsvisa samtal med Sydnärkes utbildningsförbund'));
    assert.equal(sfi?.recurrence, 'FREQ=MONTHLY;INTERVAL=3');
    assert.ok(nodes.some((n) => n.due === '2016'));
    assert.ok(nodes.some((n) => n.recurrence === 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6'));
    assert.ok(nodes.some((n) => n.target?.value === 50 && n.target.unit === '%'));
    assert.ok(nodes.every((n) => typeof n.id === 'string' && typeof n.version === 'number'));
  });

  it("shows Kalix's matrix with its five departments as columns and no cell marked, as in the source", async () => {
    const doc = await documentOf(t, '2514');
    const matrix = (await t.request('GET', `/api/plans/${doc.id}/matrix`)).json<{
      columns: { abbreviation: string | null; name: string }[];
      rows: { cells: Record<string, string>; label: string }[];
    }>();
    assert.deepEqual(
      matrix.columns.map((c) => c.abbreviation ?? c.name),
      ['FoK', 'KS', 'SBF', 'SOC', 'UTB'],
    );
    assert.equal(matrix.rows.filter((r) => r.label === 'Delmål').length, 31);
    assert.ok(matrix.rows.every((r) => Object.keys(r.cells).length === 0));
  });

  it('lists framework coverage and the principles no item covers', async () => {
    const doc = await documentOf(t, '1860');
    const coverage = (await t.request('GET', `/api/plans/${doc.id}/frameworks`)).json<{
      frameworks: { id: string; linkedItems: unknown[]; uncovered: string[]; items: unknown[] }[];
    }>();
    const eu = coverage.frameworks.find((f) => f.id === 'eu-cbp');
    assert.equal(eu?.items.length, 11);
    assert.equal(eu?.uncovered.length, 11);
    const eccar = coverage.frameworks.find((f) => f.id === 'eccar');
    assert.ok((eccar?.linkedItems.length ?? 0) > 0, 'Laxå links its Delmål 3 to ECCAR');
  });

  it('refuses a malformed id and an unknown route with JSON errors', async () => {
    const bad = await t.request('GET', '/api/plans/not-a-uuid/outline');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ details: { path: string }[] }>().details[0]?.path, '/id');
    const missing = await t.request('GET', '/api/plans/00000000-0000-4000-8000-000000000000/outline');
    assert.equal(missing.statusCode, 404);
    const unknown = await t.request('GET', '/api/nothing-here');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ error: string }>().error, 'not_found');
  });

  it('answers malformed bodies with a 400 and never a stack trace', async () => {
    const cookie = await t.login('laxa.samordnare');
    const doc = await documentOf(t, '1860');
    const broken = await t.app.inject({
      method: 'POST',
      url: `/api/plans/${doc.id}/items`,
      headers: { cookie, 'content-type': 'application/json' },
      payload: '{"kind": "goal", ',
    });
    assert.equal(broken.statusCode, 400);
    assert.doesNotMatch(broken.body, /at .*\.ts:\d+/);
    const wrongType = await t.request('POST', `/api/plans/${doc.id}/items`, {
      cookie,
      body: { parentId: null, kind: 'goal', label: 'Mål', text: 'x', position: 'first' },
    });
    assert.equal(wrongType.statusCode, 400);
    assert.equal(wrongType.json<{ details: { path: string }[] }>().details[0]?.path, '/position');
    const huge = await t.request('GET', `/api/audit?limit=999999`, { cookie });
    assert.equal(huge.statusCode, 400);
  });
});
