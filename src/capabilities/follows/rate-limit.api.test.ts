import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';

await forEachStore('follow form rate limit', (kind) => {
  let t: TestApp;
  let plan: string;
  before(async () => {
    t = await startTestApp(kind, { PUBLIC_WRITE_LIMIT_PER_MINUTE: 2 });
    const row = await t.store.db
      .selectFrom('document')
      .select('id')
      .where('municipality_code', '=', '2514')
      .where('status', '=', 'adopted')
      .executeTakeFirstOrThrow();
    plan = row.id;
  });
  after(() => t.close());

  it('tells a reader who sends the form too often to wait, on a page in their language', async () => {
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/ar/folj',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ kind: 'document', target: plan, email: 'invanare@example.se' }).toString(),
      });
    for (let i = 0; i < 2; i++) assert.equal((await send()).statusCode, 200);
    const refused = await send();
    assert.equal(refused.statusCode, 429);
    assert.match(String(refused.headers['content-type']), /^text\/html/);
    assert.match(refused.body, /<html lang="ar" dir="rtl">/);
    assert.match(refused.body, /محاولات كثيرة جداً/);
    // The API keeps answering JSON.
    const api = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.match(String(api.headers['content-type']), /json/);
  });
});
