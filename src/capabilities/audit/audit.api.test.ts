import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { AuditRecord } from './audit.ts';

void forEachStore('audit log: search, export, append-only', (kind) => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;
  before(async () => {
    t = await startTestApp(kind);
    admin = await t.login('admin', 'admin-test-password');
    coordinator = await t.login('laxa.samordnare');
    const made = await t.request('POST', '/api/municipalities/1860/units', {
      cookie: coordinator,
      body: { name: 'Revisionsenheten 50% "test"', kind: 'unit' },
    });
    assert.equal(made.statusCode, 201, made.body);
  });
  after(() => t?.close());

  const search = async (query: string) => {
    const res = await t.request('GET', `/api/audit?${query}`, { cookie: admin });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as AuditRecord[];
  };

  it('records who, when, from where, and the values after the change', async () => {
    const [entry] = await search('username=laxa.samordnare&limit=1');
    assert.ok(entry);
    assert.equal(entry.municipalityCode, '1860');
    assert.equal(entry.address, '127.0.0.1');
    assert.match(JSON.stringify(entry.after), /Revisionsenheten/);
    assert.ok(Date.now() - Date.parse(entry.at) < 10 * 60_000);
  });

  it('searches by kind, action, user, dates and text; % in the text is a percent sign', async () => {
    const byText = await search('text=enheten%2050%25');
    assert.equal(byText.length, 1);
    assert.equal(byText[0]?.username, 'laxa.samordnare');
    assert.deepEqual(await search('text=5_%25'), [], 'an underscore is not a wildcard');
    const entityType = byText[0]?.entityType as string;
    const action = byText[0]?.action as string;
    assert.ok((await search(`entityType=${entityType}&action=${action}&municipality=1860`)).some((e) => e.id === byText[0]?.id));
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    assert.ok((await search(`from=${today}&to=${today}&username=laxa.samordnare`)).length >= 1);
    assert.deepEqual(await search('to=2000-01-01'), []);
    const vocabulary = await t.request('GET', '/api/audit/vocabulary', { cookie: admin });
    assert.ok((vocabulary.json() as { entityTypes: string[] }).entityTypes.includes(entityType));
    const bad = await t.request('GET', '/api/audit?from=3.12.2026', { cookie: admin });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /from/);
  });

  it('exports the search as CSV (Excel-safe) and as JSON lines', async () => {
    const csv = await t.request('GET', '/api/audit/export?username=laxa.samordnare', { cookie: admin });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="andringslogg-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.body.trim().split('\r\n');
    assert.deepEqual([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark, so Excel reads UTF-8');
    assert.equal(lines[0]?.replace(/^\uFEFF/, ''), 'id,tid,användare,adress,kommun,händelse,typ,id för objektet,före,efter');
    assert.ok(lines.length >= 2);
    assert.ok(lines.slice(1).every((l) => l.includes(',laxa.samordnare,127.0.0.1,1860,')));
    const json = await t.request('GET', '/api/audit/export?format=json&municipality=1860', { cookie: admin });
    const entries = json.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditRecord);
    assert.ok(entries.length >= 1);
    assert.ok(
      entries.every((e, i) => i === 0 || e.id > (entries[i - 1] as AuditRecord).id),
      'oldest first',
    );
  });

  it('only administrators read or export it, and nobody can change it: not through the product, not in the database', async () => {
    for (const url of ['/api/audit', '/api/audit/export', '/api/audit/vocabulary']) {
      assert.equal((await t.request('GET', url, { cookie: coordinator })).statusCode, 403, url);
      assert.equal((await t.request('GET', url)).statusCode, 401, url);
    }
    const [entry] = await search('limit=1');
    assert.ok(entry);
    for (const method of ['DELETE', 'PATCH', 'PUT'] as const)
      assert.equal((await t.request(method, `/api/audit/${entry.id}`, { cookie: admin, body: {} })).statusCode, 404, method);
    await assert.rejects(sql`update audit_log set action = 'rewritten' where id = ${entry.id}`.execute(t.store.db), /append-only/);
    await assert.rejects(sql`delete from audit_log where id = ${entry.id}`.execute(t.store.db), /append-only/);
    const [again] = await search(`limit=1&before=${entry.id + 1}`);
    assert.deepEqual(again, entry);
  });
});
