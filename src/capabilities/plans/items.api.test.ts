import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { OutlineNode, PlanOutline } from './outline.ts';
import type { ItemView } from './views.ts';

const walk = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);

await forEachStore('editing a plan', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let planId: string;
  let outline: PlanOutline;

  const find = (predicate: (n: OutlineNode) => boolean) => {
    const node = walk(outline.nodes).find(predicate);
    assert.ok(node?.id);
    return node as OutlineNode & { id: string; version: number };
  };
  const reload = async () => {
    outline = (await t.request('GET', `/api/plans/${planId}/outline`, { cookie: coordinator })).json<PlanOutline>();
  };
  const auditOf = async (entityId: string) => {
    const admin = await t.login('admin', 'admin-test-password');
    return (await t.request('GET', `/api/audit?entityId=${entityId}`, { cookie: admin })).json<
      { action: string; username: string; before: unknown; after: unknown }[]
    >();
  };

  before(async () => {
    t = await startTestApp(kind);
    coordinator = await t.login('laxa.samordnare');
    planId = (await t.request('GET', '/api/municipalities/1860/documents')).json<{ id: string }[]>()[0]?.id as string;
    await reload();
  });
  after(() => t.close());

  it('saves an edit, raises the version and records who changed what before and after', async () => {
    const item = find((n) => n.text.startsWith('Kvartalsvisa samtal'));
    const res = await t.request('PATCH', `/api/items/${item.id}`, {
      cookie: coordinator,
      body: { version: item.version, text: 'Kvartalsvisa samtal med Sydnärkes utbildningsförbund om SFI', due: '2016-12-31' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const saved = res.json<ItemView>();
    assert.equal(saved.version, item.version + 1);
    assert.equal(saved.due, '2016-12-31');
    const log = await auditOf(item.id);
    assert.equal(log[0]?.action, 'item.update');
    assert.equal(log[0]?.username, 'laxa.samordnare');
    assert.equal((log[0]?.before as ItemView).text, item.text);
    assert.equal((log[0]?.after as ItemView).text, 'Kvartalsvisa samtal med Sydnärkes utbildningsförbund om SFI');
  });

  it('refuses a stale save with 409, returns the current version and writes nothing', async () => {
    await reload();
    const item = find((n) => n.text.startsWith('Genomföra Medborgarceremoni'));
    const first = await t.request('PATCH', `/api/items/${item.id}`, {
      cookie: coordinator,
      body: { version: item.version, text: 'Första ändringen' },
    });
    assert.equal(first.statusCode, 200);
    const second = await t.request('PATCH', `/api/items/${item.id}`, {
      cookie: coordinator,
      body: { version: item.version, text: 'Andra ändringen' },
    });
    assert.equal(second.statusCode, 409);
    const body = second.json<{ error: string; message: string; current: ItemView }>();
    assert.equal(body.error, 'conflict');
    assert.match(body.message, /ändrats av någon annan/);
    assert.equal(body.current.text, 'Första ändringen');
    assert.equal(body.current.version, item.version + 1);
    await reload();
    assert.equal(find((n) => n.id === item.id).text, 'Första ändringen');
  });

  it('names the field and the rule of an invalid edit', async () => {
    await reload();
    const item = find((n) => n.label === 'Delmål');
    const res = await t.request('PATCH', `/api/items/${item.id}`, { cookie: coordinator, body: { version: item.version, due: 'snart' } });
    assert.equal(res.statusCode, 400);
    const body = res.json<{ error: string; details: { path: string; message: string }[] }>();
    assert.equal(body.error, 'validation');
    assert.equal(body.details[0]?.path, '/due');
    const rule = await t.request('PATCH', `/api/items/${item.id}`, {
      cookie: coordinator,
      body: { version: item.version, target: { min: 15, max: 12, unit: 'praktikplatser' } },
    });
    assert.equal(rule.statusCode, 400);
    assert.equal(rule.json<{ details: { path: string }[] }>().details[0]?.path, '/target/min');
    const extra = await t.request('PATCH', `/api/items/${item.id}`, {
      cookie: coordinator,
      body: { version: item.version, colour: 'red' },
    });
    assert.equal(extra.statusCode, 400);
    assert.equal(extra.json<{ details: { path: string }[] }>().details[0]?.path, '/colour');
  });

  it('adds, re-orders, moves and removes items, keeping sibling positions dense', async () => {
    await reload();
    const delmal2 = find((n) => n.label === 'Delmål' && n.number === '2');
    const added = await t.request('POST', `/api/plans/${planId}/items`, {
      cookie: coordinator,
      body: {
        parentId: delmal2.id,
        position: 0,
        kind: 'activity',
        label: 'Aktivitet',
        text: 'Ny aktivitet först',
        recurrence: 'FREQ=YEARLY',
      },
    });
    assert.equal(added.statusCode, 201, added.body);
    const item = added.json<ItemView>();
    assert.equal(item.position, 0);
    await reload();
    assert.equal(find((n) => n.id === delmal2.id).children[0]?.text, 'Ny aktivitet först');

    const moved = await t.request('POST', `/api/items/${item.id}/move`, {
      cookie: coordinator,
      body: { version: item.version, parentId: delmal2.id, position: 99 },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    await reload();
    const children = find((n) => n.id === delmal2.id).children;
    assert.equal(children.at(-1)?.text, 'Ny aktivitet först');

    const intoItself = await t.request('POST', `/api/items/${delmal2.id}/move`, {
      cookie: coordinator,
      body: { version: find((n) => n.id === delmal2.id).version, parentId: item.id, position: 0 },
    });
    assert.equal(intoItself.statusCode, 400);

    const current = find((n) => n.id === item.id);
    const stale = await t.request('DELETE', `/api/items/${item.id}?version=${current.version - 1}`, { cookie: coordinator });
    assert.equal(stale.statusCode, 409);
    const removed = await t.request('DELETE', `/api/items/${item.id}?version=${current.version}`, { cookie: coordinator });
    assert.equal(removed.statusCode, 200);
    assert.deepEqual(removed.json(), { deleted: 1 });
    await reload();
    const after = find((n) => n.id === delmal2.id).children;
    assert.deepEqual(
      after.map((c) => c.number),
      ['1', '2', '3', '4', '5', '6', '7', '8'],
    );
  });

  it('removes a subtree and records it in the audit log', async () => {
    await reload();
    const parent = find((n) => n.children.length > 0 && n.kind === 'activity');
    const count = walk([parent]).length;
    const res = await t.request('DELETE', `/api/items/${parent.id}?version=${parent.version}`, { cookie: coordinator });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { deleted: count });
    const log = await auditOf(parent.id);
    assert.equal(log[0]?.action, 'item.delete');
    assert.equal((log[0]?.before as unknown[]).length, count);
  });

  it('sets responsible units and framework links, each raising the version', async () => {
    await reload();
    const units = (await t.request('GET', '/api/municipalities/1860/units')).json<{ id: string; name: string }[]>();
    const unit = units[0];
    assert.ok(unit);
    const item = find((n) => n.label === 'Delmål' && n.number === '1');
    const res = await t.request('PUT', `/api/items/${item.id}/responsibility`, {
      cookie: coordinator,
      body: { version: item.version, assignments: [{ unitId: unit.id, role: 'lead' }] },
    });
    assert.equal(res.statusCode, 200, res.body);
    const saved = res.json<ItemView>();
    assert.deepEqual(
      saved.responsible.map((r) => [r.name, r.role]),
      [[unit.name, 'lead']],
    );
    const links = await t.request('PUT', `/api/items/${item.id}/frameworks`, {
      cookie: coordinator,
      body: { version: saved.version, frameworks: ['eu-cbp-3', 'nope-1'] },
    });
    assert.equal(links.statusCode, 400);
    assert.equal(links.json<{ details: { path: string }[] }>().details[0]?.path, '/frameworks/1');
    const ok = await t.request('PUT', `/api/items/${item.id}/frameworks`, {
      cookie: coordinator,
      body: { version: saved.version, frameworks: ['eu-cbp-3'] },
    });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json<ItemView>().frameworks, ['eu-cbp-3']);
  });

  it('adds a unit and refuses a duplicate name; renames with version check', async () => {
    const created = await t.request('POST', '/api/municipalities/1860/units', {
      cookie: coordinator,
      body: { name: 'Rotary Laxå', kind: 'partner' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const dup = await t.request('POST', '/api/municipalities/1860/units', {
      cookie: coordinator,
      body: { name: 'Rotary Laxå', kind: 'partner' },
    });
    assert.equal(dup.statusCode, 400);
    assert.equal(dup.json<{ details: { path: string }[] }>().details[0]?.path, '/name');
    const unit = created.json<{ id: string; version: number }>();
    const renamed = await t.request('PATCH', `/api/units/${unit.id}`, {
      cookie: coordinator,
      body: { version: unit.version, name: 'Rotaryklubben Laxå' },
    });
    assert.equal(renamed.statusCode, 200);
    const stale = await t.request('PATCH', `/api/units/${unit.id}`, {
      cookie: coordinator,
      body: { version: unit.version, name: 'Annat' },
    });
    assert.equal(stale.statusCode, 409);
  });

  it('edits the document metadata with a version check', async () => {
    const doc = (await t.request('GET', `/api/plans/${planId}`)).json<{ version: number }>();
    const ok = await t.request('PATCH', `/api/plans/${planId}`, {
      cookie: coordinator,
      body: { version: doc.version, revision: { everyYears: 4, text: null } },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const stale = await t.request('PATCH', `/api/plans/${planId}`, { cookie: coordinator, body: { version: doc.version, title: 'X' } });
    assert.equal(stale.statusCode, 409);
  });

  it('takes null for a field that may be null, never turning it into 0 (a range target with value null)', async () => {
    const res = await t.request('POST', `/api/plans/${planId}/items`, {
      cookie: coordinator,
      body: {
        parentId: null,
        kind: 'activity',
        label: 'Åtgärd',
        text: 'Praktikplatser',
        target: { value: null, min: 12, max: 15, unit: 'platser' },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json<ItemView>().target, { unit: 'platser', value: null, min: 12, max: 15 });
  });
});
