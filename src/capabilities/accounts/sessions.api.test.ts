import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';

await forEachStore('sessions: time-outs, rotation, signing out everywhere', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind, { SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 8 });
  });
  after(() => t.close());

  const me = async (cookie: string) => (await t.request('GET', '/api/auth/me', { cookie })).json<{ user: { id: string } | null }>().user;
  const sessionsOf = async (userId: string) =>
    (await t.store.db.selectFrom('session').select('id').where('user_id', '=', userId).execute()).length;

  it('signs out everywhere: two sessions, one call, both gone', async () => {
    const laptop = await t.login('laxa.lasare');
    const phone = await t.login('laxa.lasare');
    assert.ok(await me(laptop));
    assert.ok(await me(phone));
    const out = await t.request('POST', '/api/auth/logout-everywhere', { cookie: phone });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /delaktig_session=;/);
    assert.equal(await me(laptop), null);
    assert.equal(await me(phone), null);
    assert.equal((await t.request('POST', '/api/auth/logout-everywhere')).statusCode, 401);
  });

  it("lets an administrator end an account's sessions, and no one else", async () => {
    const reader = await t.login('kalix.lasare');
    const user = await me(reader);
    const coordinator = await t.login('kalix.samordnare');
    assert.equal((await t.request('DELETE', `/api/users/${user?.id}/sessions`, { cookie: coordinator })).statusCode, 403);
    assert.ok(await me(reader));
    const admin = await t.login('admin', 'admin-test-password');
    const ended = await t.request('DELETE', `/api/users/${user?.id}/sessions`, { cookie: admin });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.ok(ended.json<{ ended: number }>().ended >= 1);
    assert.equal(await me(reader), null);
    const audit = (await t.request('GET', `/api/audit?entityId=${user?.id}&action=session.end-all`, { cookie: admin })).json<unknown[]>();
    assert.equal(audit.length, 1);
  });

  it('ends the sessions of an account when it is disabled, and refuses its sign-in until enabled', async () => {
    const reader = await t.login('laholm.lasare');
    const user = await me(reader);
    const admin = await t.login('admin', 'admin-test-password');
    const adminId = (await me(admin))?.id;
    const off = await t.request('PUT', `/api/users/${user?.id}/disabled`, { cookie: admin, body: { disabled: true } });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json<{ disabled: boolean }>().disabled, true);
    assert.equal(await sessionsOf(user?.id ?? ''), 0);
    assert.equal(await me(reader), null);
    const refused = await t.request('POST', '/api/auth/login', { body: { username: 'laholm.lasare', password: 'demo' } });
    assert.equal(refused.statusCode, 401);
    const on = await t.request('PUT', `/api/users/${user?.id}/disabled`, { cookie: admin, body: { disabled: false } });
    assert.equal(on.statusCode, 200);
    assert.ok(await me(await t.login('laholm.lasare')));
    assert.equal((await t.request('PUT', `/api/users/${adminId}/disabled`, { cookie: admin, body: { disabled: true } })).statusCode, 400);
    const coordinator = await t.login('laholm.samordnare');
    assert.equal(
      (await t.request('PUT', `/api/users/${user?.id}/disabled`, { cookie: coordinator, body: { disabled: true } })).statusCode,
      403,
    );
  });

  it('ends a session idle longer than the idle limit', async () => {
    const cookie = await t.login('osteraker.lasare');
    const user = await me(cookie);
    await t.store.db
      .updateTable('session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', user?.id ?? '')
      .execute();
    assert.equal(await me(cookie), null);
    assert.equal(await sessionsOf(user?.id ?? ''), 0);
  });

  it('ends a session past its absolute limit however busy it is', async () => {
    const cookie = await t.login('osteraker.samordnare');
    const user = await me(cookie);
    // Seen a moment ago, but started longer ago than the absolute limit allows.
    await t.store.db
      .updateTable('session')
      .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user?.id ?? '')
      .execute();
    assert.equal(await me(cookie), null);
    assert.equal(await sessionsOf(user?.id ?? ''), 0);
  });

  it('gives an absolute limit of SESSION_MAX_HOURS and keeps a session within both limits', async () => {
    const cookie = await t.login('laxa.rapportor');
    const user = await me(cookie);
    const row = await t.store.db
      .selectFrom('session')
      .selectAll()
      .where('user_id', '=', user?.id ?? '')
      .executeTakeFirstOrThrow();
    const hours = (new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()) / 3600_000;
    assert.ok(Math.abs(hours - 8) < 0.01, `${hours}`);
    await t.store.db
      .updateTable('session')
      .set({ last_seen_at: new Date(Date.now() - 29 * 60_000) })
      .where('user_id', '=', user?.id ?? '')
      .execute();
    assert.ok(await me(cookie));
  });

  it('rotates the session at sign-in: the token the browser had before stops working', async () => {
    const before = await t.login('laxa.samordnare');
    const res = await t.request('POST', '/api/auth/login', {
      cookie: before,
      body: { username: 'laxa.samordnare', password: 'demo' },
    });
    const after = res.cookies.find((c) => c.name === 'delaktig_session');
    assert.ok(after);
    assert.notEqual(`delaktig_session=${after.value}`, before);
    assert.equal(await me(before), null);
    assert.ok(await me(`delaktig_session=${after.value}`));
  });
});

await forEachStore('session cookie behind HTTPS', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind, { COOKIE_SECURE: true });
  });
  after(() => t.close());

  it('marks the session cookie Secure, HttpOnly and SameSite=Lax when COOKIE_SECURE is set', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { username: 'laxa.lasare', password: 'demo' } });
    const cookie = res.cookies.find((c) => c.name === 'delaktig_session');
    assert.deepEqual([cookie?.secure, cookie?.httpOnly, cookie?.sameSite], [true, true, 'Lax']);
  });
});
