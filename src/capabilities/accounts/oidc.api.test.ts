import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { randomPKCECodeVerifier } from 'openid-client';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { CookieJar, freePort, passProvider, startOidcProvider, type TestProvider } from '../../../test/support/oidc-provider.ts';

/** A port nobody uses now, so the provider can be told the app's callback address before the app listens. */
interface Provider {
  id: string;
  version: number;
  enabled: boolean;
}

await forEachStore('single sign-on with OpenID Connect', (kind) => {
  let t: TestApp;
  let idp: TestProvider;
  let base: string;
  let admin: string;
  let laxa: Provider;

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Secure cookies, as behind HTTPS: the tests read the attributes; they keep their cookies by hand.
    t = await startTestApp(kind, { PUBLIC_URL: base, COOKIE_SECURE: true });
    await t.app.listen({ port, host: '127.0.0.1' });
    idp = await startOidcProvider(`${base}/api/auth/oidc/callback`);
    admin = await t.login('admin', 'admin-test-password');
    const created = await t.request('POST', '/api/admin/identity-providers', {
      cookie: admin,
      body: {
        municipalityCode: '1860',
        displayName: 'Logga in med Laxå kommuns konto',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        roleClaim: 'groups',
        roleMapping: [
          { value: 'delaktig-samordnare', role: 'coordinator' },
          { value: 'delaktig-lasare', role: 'reader' },
        ],
        allowCreate: true,
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    laxa = created.json<Provider>();
  });
  after(async () => {
    await idp?.close();
    await t?.close();
  });

  /** GET the start route as a browser would: the attempt cookie and the provider's address. */
  async function start(providerId: string, returnTo?: string) {
    const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
    const response = await fetch(`${base}/api/auth/oidc/${providerId}/start${query}`, { redirect: 'manual' });
    const jar = new CookieJar();
    jar.store(response);
    return { response, jar, location: response.headers.get('location') ?? '' };
  }

  async function callback(url: string, cookie: string) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie } });
    const jar = new CookieJar();
    jar.store(response);
    return { response, jar, location: response.headers.get('location') ?? '', setCookies: response.headers.getSetCookie() };
  }

  /** The whole round: start, the provider's pages as `login`, the callback. */
  async function signIn(login: string, options: { returnTo?: string; providerId?: string; cookie?: string } = {}) {
    const started = await start(options.providerId ?? laxa.id, options.returnTo);
    assert.equal(started.response.status, 302, `start: ${started.location}`);
    if (!started.location.startsWith(idp.issuer)) return { location: started.location, session: undefined, setCookies: [] as string[] };
    const back = await passProvider(started.location, login);
    const cookie = [started.jar.header(), options.cookie].filter(Boolean).join('; ');
    const done = await callback(back, cookie);
    return { location: done.location, session: done.jar.get('delaktig_session'), setCookies: done.setCookies, back, attempt: cookie };
  }

  const me = async (session: string | undefined) =>
    (await t.request('GET', '/api/auth/me', { cookie: `delaktig_session=${session}` })).json<{
      user: { id: string; username: string; role: string; municipalityCode: string } | null;
    }>().user;

  const auditActions = async (entityId: string) =>
    (await t.request('GET', `/api/audit?entityId=${entityId}&limit=50`, { cookie: admin })).json<{ action: string; after: unknown }[]>();

  it('signs a new person in with the role her groups give (just in time), with a secure, HttpOnly, Lax cookie', async () => {
    await idp.setPerson('anna-sub', {
      email: 'anna.andersson@laxa.se',
      email_verified: true,
      name: 'Anna Andersson',
      preferred_username: 'anna.andersson@laxa.se',
      groups: ['delaktig-samordnare'],
    });
    const result = await signIn('anna-sub', { returnTo: '/municipalities/1860?tab=plans' });
    assert.equal(result.location, '/municipalities/1860?tab=plans');
    const line = result.setCookies.find((c) => c.startsWith('delaktig_session='));
    assert.ok(line, 'a session cookie is set');
    assert.match(line, /HttpOnly/i);
    assert.match(line, /SameSite=Lax/i);
    assert.match(line, /Secure/i);
    const user = await me(result.session);
    assert.deepEqual([user?.username, user?.role, user?.municipalityCode], ['anna.andersson', 'coordinator', '1860']);
    const actions = (await auditActions(user?.id ?? '')).map((a) => a.action);
    assert.ok(actions.includes('user.create') && actions.includes('auth.sign-in'), actions.join());
    // A second sign-in finds her by her subject, not a new account.
    const again = await signIn('anna-sub');
    assert.equal((await me(again.session))?.id, user?.id);
  });

  it("links to an administrator's account by verified e-mail and keeps the role the administrator gave", async () => {
    const created = await t.request('POST', '/api/users', {
      cookie: admin,
      body: {
        username: 'berit.l',
        password: 'långt nog lösen',
        displayName: 'Berit L',
        email: 'Berit.Lind@laxa.se',
        role: 'reader',
        municipalityCode: '1860',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    await idp.setPerson('berit-sub', { email: 'berit.lind@laxa.se', email_verified: true, name: 'Berit Lind', groups: [] });
    const result = await signIn('berit-sub');
    assert.equal(result.location, '/');
    const user = await me(result.session);
    assert.deepEqual([user?.username, user?.role], ['berit.l', 'reader']);
    const signInEntry = (await auditActions(user?.id ?? '')).find((a) => a.action === 'auth.sign-in');
    assert.deepEqual(signInEntry?.after, { method: 'oidc', provider: laxa.id, linkedBy: 'email' });
  });

  it('changes the role when the claims change, and records it', async () => {
    await idp.setPerson('berit-sub', { email: 'berit.lind@laxa.se', email_verified: true, groups: ['delaktig-samordnare'] });
    const result = await signIn('berit-sub');
    const user = await me(result.session);
    assert.deepEqual([user?.username, user?.role], ['berit.l', 'coordinator']);
    const change = (await auditActions(user?.id ?? '')).find((a) => a.action === 'user.role-from-claim');
    assert.deepEqual(change?.after, { role: 'coordinator', provider: laxa.id });
  });

  it('does not link by an e-mail address the provider has not verified', async () => {
    await idp.setPerson('falsk-sub', { email: 'berit.lind@laxa.se', email_verified: false, groups: ['delaktig-lasare'] });
    const result = await signIn('falsk-sub');
    const user = await me(result.session);
    assert.notEqual(user?.username, 'berit.l');
  });

  it('refuses a person whose claims give no role, and makes no account', async () => {
    await idp.setPerson('cecilia-sub', {
      email: 'cecilia@laxa.se',
      email_verified: true,
      preferred_username: 'cecilia',
      groups: ['annat'],
    });
    const result = await signIn('cecilia-sub');
    assert.equal(result.location, '/logga-in?sso=no_role');
    assert.equal(result.session, undefined);
    const users = (await t.request('GET', '/api/users?municipality=1860', { cookie: admin })).json<{ username: string }[]>();
    assert.ok(!users.some((u) => u.username === 'cecilia'));
  });

  it('refuses an answer whose state is not the one sent', async () => {
    await idp.setPerson('dora-sub', { groups: ['delaktig-lasare'] });
    const started = await start(laxa.id);
    const back = new URL(await passProvider(started.location, 'dora-sub'));
    back.searchParams.set('state', 'forfalskad');
    const done = await callback(back.href, started.jar.header());
    assert.equal(done.location, '/logga-in?sso=state');
    assert.equal(done.jar.get('delaktig_session'), undefined);
  });

  it('refuses a replayed answer: each login attempt is used once', async () => {
    await idp.setPerson('dora-sub', { groups: ['delaktig-lasare'] });
    const first = await signIn('dora-sub');
    assert.equal(first.location, '/');
    assert.ok(first.session);
    const replay = await callback(first.back ?? '', first.attempt ?? '');
    assert.equal(replay.location, '/logga-in?sso=expired');
    assert.equal(replay.jar.get('delaktig_session'), undefined);
  });

  it('refuses a sign-in started in another browser (no attempt cookie) and one that has expired', async () => {
    await idp.setPerson('dora-sub', { groups: ['delaktig-lasare'] });
    const started = await start(laxa.id);
    const back = await passProvider(started.location, 'dora-sub');
    assert.equal((await callback(back, '')).location, '/logga-in?sso=expired');
    const late = await start(laxa.id);
    const lateBack = await passProvider(late.location, 'dora-sub');
    await t.store.db
      .updateTable('oidc_login_attempt')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    assert.equal((await callback(lateBack, late.jar.header())).location, '/logga-in?sso=expired');
  });

  it('sends the PKCE verifier: a wrong one is refused by the provider', async () => {
    await idp.setPerson('dora-sub', { groups: ['delaktig-lasare'] });
    const started = await start(laxa.id);
    assert.equal(new URL(started.location).searchParams.get('code_challenge_method'), 'S256');
    const back = await passProvider(started.location, 'dora-sub');
    // The provider requires PKCE; with a verifier that does not match the challenge, it gives no tokens.
    await t.store.db.updateTable('oidc_login_attempt').set({ code_verifier: randomPKCECodeVerifier() }).execute();
    const done = await callback(back, started.jar.header());
    assert.equal(done.location, '/logga-in?sso=provider');
    assert.equal(done.jar.get('delaktig_session'), undefined);
  });

  it('stays on this site whatever return address the link carries', async () => {
    await idp.setPerson('dora-sub', { groups: ['delaktig-lasare'] });
    for (const returnTo of ['//evil.example/steal', 'https://evil.example/', '/\\evil.example'])
      assert.equal((await signIn('dora-sub', { returnTo })).location, '/', returnTo);
  });

  it('says when the person declines at the provider', async () => {
    const started = await start(laxa.id);
    const back = await passProvider(started.location, 'dora-sub', { abort: true });
    assert.equal(new URL(back).searchParams.get('error'), 'access_denied');
    assert.equal((await callback(back, started.jar.header())).location, '/logga-in?sso=denied');
  });

  it('ends the session the browser had before: a new one at every sign-in', async () => {
    await idp.setPerson('dora-sub', { groups: ['delaktig-lasare'] });
    const local = await t.login('laxa.lasare');
    const result = await signIn('dora-sub', { cookie: local });
    assert.ok(result.session);
    assert.notEqual(`delaktig_session=${result.session}`, local);
    assert.deepEqual((await t.request('GET', '/api/auth/me', { cookie: local })).json(), { user: null });
  });

  it('refuses a disabled account and an account of another municipality', async () => {
    const anna = await me((await signIn('anna-sub')).session);
    assert.ok(anna);
    const off = await t.request('PUT', `/api/users/${anna.id}/disabled`, { cookie: admin, body: { disabled: true } });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal((await signIn('anna-sub')).location, '/logga-in?sso=disabled');
    await t.request('PUT', `/api/users/${anna.id}/disabled`, { cookie: admin, body: { disabled: false } });
    // Kalix uses the same provider (a shared tenant): Anna's link belongs to Laxå.
    const kalix = await t.request('POST', '/api/admin/identity-providers', {
      cookie: admin,
      body: {
        municipalityCode: '2514',
        displayName: 'Logga in med Kalix kommuns konto',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
      },
    });
    assert.equal(kalix.statusCode, 201, kalix.body);
    assert.equal((await signIn('anna-sub', { providerId: kalix.json<Provider>().id })).location, '/logga-in?sso=wrong_municipality');
  });

  it('refuses a disabled provider, at the start and at its answer, and hides it from the login screen', async () => {
    await idp.setPerson('dora-sub', { groups: ['delaktig-lasare'] });
    const started = await start(laxa.id);
    const back = await passProvider(started.location, 'dora-sub');
    const current = (await t.request('GET', '/api/admin/identity-providers', { cookie: admin }))
      .json<{ providers: Provider[] }>()
      .providers.find((p) => p.id === laxa.id);
    const off = await t.request('PATCH', `/api/admin/identity-providers/${laxa.id}`, {
      cookie: admin,
      body: { version: current?.version, enabled: false },
    });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal((await callback(back, started.jar.header())).location, '/logga-in?sso=provider_disabled');
    assert.equal((await start(laxa.id)).location, '/logga-in?sso=provider_disabled');
    const listed = (await t.request('GET', '/api/auth/oidc/providers')).json<{ id: string }[]>();
    assert.ok(!listed.some((p) => p.id === laxa.id));
    const on = await t.request('PATCH', `/api/admin/identity-providers/${laxa.id}`, {
      cookie: admin,
      body: { version: off.json<Provider>().version, enabled: true },
    });
    assert.equal(on.statusCode, 200, on.body);
  });

  it('never shows the client secret: not in any response, not in the audit log', async () => {
    const publicList = await t.request('GET', '/api/auth/oidc/providers');
    assert.deepEqual(Object.keys(publicList.json<object[]>()[0] ?? {}).sort(), ['displayName', 'id', 'municipalityCode', 'startUrl']);
    const adminList = await t.request('GET', '/api/admin/identity-providers', { cookie: admin });
    const changed = await t.request('PATCH', `/api/admin/identity-providers/${laxa.id}`, {
      cookie: admin,
      body: {
        version: adminList.json<{ providers: Provider[] }>().providers.find((p) => p.id === laxa.id)?.version,
        clientSecret: idp.clientSecret,
      },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const audit = await t.request('GET', '/api/audit?entityType=identity_provider&limit=50', { cookie: admin });
    for (const response of [publicList, adminList, changed, audit]) assert.ok(!response.body.includes(idp.clientSecret), response.body);
    assert.ok(audit.body.includes('clientSecretChanged'));
    assert.equal(adminList.json<{ redirectUri: string }>().redirectUri, `${base}/api/auth/oidc/callback`);
  });

  it('lets only administrators keep providers, refuses a stale save and an insecure issuer', async () => {
    const coordinator = await t.login('laxa.samordnare');
    assert.equal((await t.request('GET', '/api/admin/identity-providers', { cookie: coordinator })).statusCode, 403);
    assert.equal((await t.request('GET', '/api/admin/identity-providers')).statusCode, 401);
    const stale = await t.request('PATCH', `/api/admin/identity-providers/${laxa.id}`, {
      cookie: admin,
      body: { version: 1, displayName: 'Gammal' },
    });
    assert.equal(stale.statusCode, 409);
    const insecure = await t.request('POST', '/api/admin/identity-providers', {
      cookie: admin,
      body: { municipalityCode: '1860', displayName: 'X', issuer: 'http://idp.laxa.se', clientId: 'x', clientSecret: 'y' },
    });
    assert.equal(insecure.statusCode, 400);
    assert.equal(insecure.json<{ details: { path: string }[] }>().details[0]?.path, '/issuer');
    const adminRole = await t.request('POST', '/api/admin/identity-providers', {
      cookie: admin,
      body: {
        municipalityCode: '1860',
        displayName: 'X',
        issuer: idp.issuer,
        clientId: 'x',
        clientSecret: 'y',
        roleClaim: 'groups',
        roleMapping: [{ value: 'it', role: 'admin' }],
      },
    });
    assert.equal(adminRole.statusCode, 400);
  });
});
