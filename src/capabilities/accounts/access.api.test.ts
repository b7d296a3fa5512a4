import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { OutlineNode, PlanOutline } from '../plans/outline.ts';

const walk = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);

await forEachStore('sign-in and access', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(() => t.close());

  it('signs in with a session cookie that is HttpOnly and SameSite, and signs out', async () => {
    const wrong = await t.request('POST', '/api/auth/login', { body: { username: 'laxa.samordnare', password: 'fel' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json<{ message: string }>().message, 'Fel användarnamn eller lösenord.');
    const res = await t.request('POST', '/api/auth/login', { body: { username: 'laxa.samordnare', password: 'demo' } });
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'delaktig_session');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Lax');
    const header = `delaktig_session=${cookie?.value}`;
    const me = (await t.request('GET', '/api/auth/me', { cookie: header })).json<{ user: { role: string; municipalityCode: string } }>();
    assert.deepEqual([me.user.role, me.user.municipalityCode], ['coordinator', '1860']);
    assert.equal((await t.request('POST', '/api/auth/logout', { cookie: header })).statusCode, 204);
    assert.deepEqual((await t.request('GET', '/api/auth/me', { cookie: header })).json(), { user: null });
  });

  it('keeps a draft within its municipality', async () => {
    const coordinator = await t.login('laxa.samordnare');
    const created = await t.request('POST', '/api/municipalities/1860/plans', {
      cookie: coordinator,
      body: { title: 'Handlingsplan 2027', kind: 'action-plan' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const draft = created.json<{ id: string; status: string }>();
    assert.equal(draft.status, 'draft');
    const asPublic = await t.request('GET', `/api/plans/${draft.id}/outline`);
    assert.equal(asPublic.statusCode, 404);
    const other = await t.login('kalix.samordnare');
    assert.equal((await t.request('GET', `/api/plans/${draft.id}`, { cookie: other })).statusCode, 404);
    const listed = (await t.request('GET', '/api/municipalities/1860/documents', { cookie: other })).json<{ id: string }[]>();
    assert.ok(!listed.some((d) => d.id === draft.id));
    const reader = await t.login('laxa.lasare');
    assert.equal((await t.request('GET', `/api/plans/${draft.id}`, { cookie: reader })).statusCode, 200);
    // Nor can anyone outside write into it.
    const write = await t.request('POST', `/api/plans/${draft.id}/items`, {
      cookie: other,
      body: { parentId: null, kind: 'goal', label: 'Mål', text: 'Intrång' },
    });
    assert.equal(write.statusCode, 404);
  });

  it('lets the public read adopted plans but write nothing', async () => {
    const doc = (await t.request('GET', '/api/municipalities/1860/documents')).json<{ id: string }[]>()[0];
    const outline = (await t.request('GET', `/api/plans/${doc?.id}/outline`)).json<PlanOutline>();
    const item = walk(outline.nodes)[0];
    const res = await t.request('PATCH', `/api/items/${item?.id}`, { body: { version: item?.version, text: 'x' } });
    assert.equal(res.statusCode, 401);
  });

  it("refuses a coordinator's write in another municipality and a reader's write in her own", async () => {
    const doc = (await t.request('GET', '/api/municipalities/2514/documents')).json<{ id: string }[]>()[0];
    const outline = (await t.request('GET', `/api/plans/${doc?.id}/outline`)).json<PlanOutline>();
    const item = walk(outline.nodes).find((n) => n.kind === 'goal');
    const other = await t.login('laxa.samordnare');
    assert.equal(
      (await t.request('PATCH', `/api/items/${item?.id}`, { cookie: other, body: { version: item?.version, text: 'x' } })).statusCode,
      403,
    );
    assert.equal(
      (await t.request('POST', '/api/municipalities/2514/units', { cookie: other, body: { name: 'X', kind: 'unit' } })).statusCode,
      403,
    );
    const reader = await t.login('kalix.lasare');
    assert.equal(
      (await t.request('PATCH', `/api/items/${item?.id}`, { cookie: reader, body: { version: item?.version, text: 'x' } })).statusCode,
      403,
    );
  });

  it('lets a reporter edit the items her unit answers for, and only those', async () => {
    const doc = (await t.request('GET', '/api/municipalities/0117/documents')).json<{ id: string }[]>()[0];
    const reporter = await t.login('osteraker.rapportor');
    const me = (await t.request('GET', '/api/auth/me', { cookie: reporter })).json<{ user: { unitIds: string[] } }>();
    const outline = (await t.request('GET', `/api/plans/${doc?.id}/outline`)).json<PlanOutline>();
    const units = (await t.request('GET', '/api/municipalities/0117/units')).json<{ id: string; name: string }[]>();
    const mine = new Set(units.filter((u) => me.user.unitIds.includes(u.id)).map((u) => u.name));
    const own = walk(outline.nodes).find((n) => n.responsible.some((r) => mine.has(r)));
    const foreign = walk(outline.nodes).find((n) => n.kind !== 'note' && !n.responsible.some((r) => mine.has(r)));
    assert.ok(own && foreign);
    assert.equal(
      (
        await t.request('PATCH', `/api/items/${own.id}`, {
          cookie: reporter,
          body: { version: own.version, text: `${own.text} (uppdaterad)` },
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (await t.request('PATCH', `/api/items/${foreign.id}`, { cookie: reporter, body: { version: foreign.version, text: 'x' } }))
        .statusCode,
      403,
    );
    // Structure stays with the coordinator.
    assert.equal(
      (await t.request('DELETE', `/api/items/${own.id}?version=${(own.version ?? 0) + 1}`, { cookie: reporter })).statusCode,
      403,
    );
  });

  it('shows the audit log to administrators only', async () => {
    const coordinator = await t.login('laxa.samordnare');
    assert.equal((await t.request('GET', '/api/audit', { cookie: coordinator })).statusCode, 403);
    assert.equal((await t.request('GET', '/api/audit')).statusCode, 401);
    const admin = await t.login('admin', 'admin-test-password');
    const log = await t.request('GET', '/api/audit?limit=5', { cookie: admin });
    assert.equal(log.statusCode, 200);
    assert.ok(log.json<unknown[]>().length > 0);
  });

  it('lets an administrator create accounts and refuses bad ones by field', async () => {
    const admin = await t.login('admin', 'admin-test-password');
    const bad = await t.request('POST', '/api/users', {
      cookie: admin,
      body: { username: 'Ny Person', password: 'långt nog lösen', displayName: 'N', role: 'reader', municipalityCode: '1860' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ details: { path: string }[] }>().details[0]?.path, '/username');
    const ok = await t.request('POST', '/api/users', {
      cookie: admin,
      body: { username: 'ny.lasare', password: 'långt nog lösen', displayName: 'Ny', role: 'reader', municipalityCode: '1860' },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(
      (await t.request('POST', '/api/auth/login', { body: { username: 'ny.lasare', password: 'långt nog lösen' } })).statusCode,
      200,
    );
    const coordinator = await t.login('laxa.samordnare');
    assert.equal(
      (
        await t.request('POST', '/api/users', {
          cookie: coordinator,
          body: { username: 'x.y', password: 'långt nog lösen', displayName: 'X', role: 'reader', municipalityCode: '1860' },
        })
      ).statusCode,
      403,
    );
  });

  it("lists accounts: all for an administrator, her municipality's for a coordinator, none for a reader", async () => {
    const admin = await t.login('admin', 'admin-test-password');
    const all = (await t.request('GET', '/api/users', { cookie: admin })).json<{ username: string }[]>();
    assert.ok(all.length >= 16);
    const coordinator = await t.login('osteraker.samordnare');
    const own = (await t.request('GET', '/api/users', { cookie: coordinator })).json<
      { username: string; municipalityCode: string; unitIds: string[] }[]
    >();
    assert.deepEqual(
      own.map((u) => u.municipalityCode),
      ['0117', '0117', '0117'],
    );
    assert.equal(own.find((u) => u.username === 'osteraker.rapportor')?.unitIds.length, 1);
    assert.equal((await t.request('GET', '/api/users?municipality=2514', { cookie: coordinator })).statusCode, 403);
    const reader = await t.login('osteraker.lasare');
    assert.equal((await t.request('GET', '/api/users', { cookie: reader })).statusCode, 403);
  });

  it('refuses a cross-site write by its Origin', async () => {
    const coordinator = await t.login('laxa.samordnare');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/municipalities/1860/units',
      headers: { cookie: coordinator, origin: 'https://evil.example', host: 'localhost:80' },
      payload: { name: 'X', kind: 'unit' },
    });
    assert.equal(res.statusCode, 403);
  });
});
