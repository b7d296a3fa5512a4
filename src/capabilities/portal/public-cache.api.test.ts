import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';

/** Public pages kept ready in memory (decision 0031): what a reader gets must be what a fresh render would give. */
await forEachStore('public pages kept ready', (kind) => {
  let t: TestApp;
  let laxa: string;
  let planUrl: string;

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  before(async () => {
    t = await startTestApp(kind);
    const plan = await t.store.db
      .selectFrom('document')
      .select('id')
      .where('municipality_code', '=', '1860')
      .where('parent_document_id', 'is', null)
      .where('status', '!=', 'draft')
      .executeTakeFirstOrThrow();
    laxa = plan.id;
    planUrl = `/sv/kommun/1860/plan/${laxa}`;
  });
  after(() => t.close());

  it('a kept page changes when a coordinator edits an item, at once', async () => {
    const item = await t.store.db
      .selectFrom('item')
      .select(['id', 'version', 'text'])
      .where('document_id', '=', laxa)
      .where('kind', '!=', 'note')
      .orderBy('position')
      .executeTakeFirstOrThrow();
    const first = await get(planUrl);
    const again = await get(planUrl);
    assert.equal(again.body, first.body, 'the same page twice');
    assert.equal(again.headers.etag, first.headers.etag);
    assert.doesNotMatch(first.body, /Ny lydelse 6021/);
    const coordinator = await t.login('laxa.samordnare');
    const edited = await t.request('PATCH', `/api/items/${item.id}`, {
      cookie: coordinator,
      body: { version: item.version, text: `Ny lydelse 6021 ${item.text}` },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const after = await get(planUrl, { 'if-none-match': String(first.headers.etag) });
    assert.equal(after.statusCode, 200, 'the old ETag no longer matches');
    assert.notEqual(after.headers.etag, first.headers.etag);
    assert.match(after.body, /Ny lydelse 6021/);
    // Other languages and the municipality's other pages were kept before the edit too: none of them is old.
    assert.match((await get(`/en/kommun/1860/plan/${laxa}`)).body, /Ny lydelse 6021/);
  });

  it('answers If-None-Match with 304 from the kept page, per encoding', async () => {
    const gz = await get(planUrl, { 'accept-encoding': 'gzip, deflate' });
    assert.equal(gz.statusCode, 200);
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(String(gz.headers.etag), /-gz"$/);
    assert.match(String(gz.headers.vary), /accept-encoding/i);
    const plain = await get(planUrl);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.doesNotMatch(String(plain.headers.etag), /-gz"$/);
    assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), plain.body, 'the same page in both encodings');
    // Kept now in both encodings: each answers from its own copy.
    const gzAgain = await get(planUrl, { 'accept-encoding': 'gzip' });
    assert.equal(gzAgain.headers['content-encoding'], 'gzip');
    assert.deepEqual(gzAgain.rawPayload, gz.rawPayload);
    const plainAgain = await get(planUrl);
    assert.equal(plainAgain.headers['content-encoding'], undefined);
    assert.equal(plainAgain.body, plain.body);

    const notModified = await get(planUrl, { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) });
    assert.equal(notModified.statusCode, 304);
    assert.equal(notModified.body, '');
    assert.equal(notModified.headers.etag, gz.headers.etag);
    assert.equal(notModified.headers['cache-control'], 'public, no-cache');
    assert.equal(notModified.headers['content-encoding'], undefined);
    // A gzip tag is not the identity page's tag: a reader without gzip gets the page.
    const other = await get(planUrl, { 'if-none-match': String(gz.headers.etag) });
    assert.equal(other.statusCode, 200);
    assert.equal(other.headers['content-encoding'], undefined);
    assert.equal((await get(planUrl, { 'if-none-match': String(plain.headers.etag) })).statusCode, 304);
  });

  it('a kept page keeps the security headers and remembers the language, never another language’s page', async () => {
    const sv = await get(planUrl);
    const ar = await get(`/ar/kommun/1860/plan/${laxa}`);
    const svAgain = await get(planUrl);
    const arAgain = await get(`/ar/kommun/1860/plan/${laxa}`);
    assert.match(svAgain.body, /<html lang="sv" dir="ltr">/);
    assert.match(arAgain.body, /<html lang="ar" dir="rtl">/);
    assert.equal(arAgain.body, ar.body);
    for (const header of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'content-type'])
      assert.equal(svAgain.headers[header], sv.headers[header], header);
    assert.match(String(svAgain.headers['set-cookie']), /^delaktig_sprak=sv;.*HttpOnly/);
    const withCookie = await get(planUrl, { cookie: 'delaktig_sprak=sv' });
    assert.equal(withCookie.headers['set-cookie'], undefined, 'the reader has the language already');
    const otherCookie = await get(planUrl, { cookie: 'x=1; delaktig_sprak=ar' });
    assert.match(String(otherCookie.headers['set-cookie']), /^delaktig_sprak=sv;/);
  });

  it('a signed-in reader gets the page everyone gets, and error pages are not kept', async () => {
    const coordinator = await t.login('laxa.samordnare');
    const anonymous = await get(planUrl);
    const signedIn = await get(planUrl, { cookie: coordinator });
    assert.equal(signedIn.body, anonymous.body);
    const draft = await t.request('POST', '/api/municipalities/1860/plans', {
      cookie: coordinator,
      body: { title: 'Utkast 7340', kind: 'plan' },
    });
    assert.equal(draft.statusCode, 201, draft.body);
    const draftUrl = `/sv/kommun/1860/plan/${draft.json<{ id: string }>().id}`;
    assert.equal((await get(draftUrl, { cookie: coordinator })).statusCode, 404, 'a draft is not public, signed in or not');
    const missing = await get(draftUrl);
    assert.equal(missing.statusCode, 404);
    assert.doesNotMatch(missing.body, /Utkast 7340/);
    const adopted = await t.request('PATCH', `/api/plans/${draft.json<{ id: string }>().id}`, {
      cookie: coordinator,
      body: { version: draft.json<{ version: number }>().version, status: 'adopted' },
    });
    assert.equal(adopted.statusCode, 200, adopted.body);
    // Once public, the address that was 404 is the plan: the 404 was not kept.
    const shown = await get(draftUrl);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /Utkast 7340/);
  });
});
