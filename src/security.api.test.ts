import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../test/support/app.ts';
import { forEachStore } from '../test/support/each-store.ts';

void forEachStore('security headers and limits', (kind) => {
  let t: TestApp;
  before(async () => {
    // The limits as shipped, not the test suite's raised ones.
    t = await startTestApp(kind, { SIGN_IN_LIMIT_PER_MINUTE: 10, PUBLIC_WRITE_LIMIT_PER_MINUTE: 20 });
  });
  after(() => t?.close());

  it('every response carries a script policy without inline scripts, no framing, no sniffing, no referrer', async () => {
    for (const url of ['/', '/api/municipalities', '/api/municipalities/0000/documents', '/kommuner/1860']) {
      const res = await t.request('GET', url);
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/, `${url}: ${csp}`);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.match(csp, /object-src 'none'/, url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', url);
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', url);
    }
  });

  it('the API documentation page runs no inline script (its styles may be inline)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script element has a src');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' })).statusCode, 200);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self';/, 'its scripts are held to the same rule');
  });

  it('guessing a password is slowed per account and address, and other accounts are not locked out', async () => {
    const attempt = (username: string, password = 'wrong-password') =>
      t.request('POST', '/api/auth/login', { body: { username, password } });
    for (let i = 0; i < 10; i++) assert.equal((await attempt('laxa.samordnare')).statusCode, 401, `attempt ${i + 1}`);
    const refused = await attempt('laxa.samordnare', 'demo');
    assert.equal(refused.statusCode, 429, 'the right password is refused too while the account is being guessed');
    assert.equal(refused.json().error, 'rate_limited');
    assert.match(refused.json().message, /För många försök på kort tid\. Vänta \d+ sekunder och försök igen\./);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.equal((await attempt('LAXA.SAMORDNARE ', 'demo')).statusCode, 429, 'the same account however it is written');
    assert.equal((await attempt('kalix.samordnare', 'demo')).statusCode, 200, 'another account signs in');
  });

  it('the forms anyone may send are limited per address', async () => {
    const register = () => t.request('POST', '/api/municipalities/1860/fund/register', { body: { orgNumber: 'x' } });
    for (let i = 0; i < 20; i++) assert.equal((await register()).statusCode, 400, `submission ${i + 1} is read (and refused as invalid)`);
    const refused = await register();
    assert.equal(refused.statusCode, 429);
    assert.match(refused.json().message, /För många försök/);
  });

  it('a value outside a fixed choice is refused once, naming the allowed values', async () => {
    const cookie = await t.login('laholm.samordnare');
    const res = await t.request('POST', '/api/municipalities/1381/units', { cookie, body: { name: 'X', kind: 'department' } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().details, [
      { path: '/kind', message: 'måste vara ett av "committee", "administration", "unit", "company", "partner"' },
    ]);
  });

  it('a write from another site with the session cookie is refused', async () => {
    const cookie = await t.login('laxa.lasare');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'https://evil.example' },
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.json().message, /annan webbplats/);
  });
});

describe('security: the limits are configuration', () => {
  it('refuses a limit that is not a positive number, naming it', async () => {
    const { loadConfig } = await import('./kernel/config.ts');
    assert.throws(() => loadConfig({ SIGN_IN_LIMIT_PER_MINUTE: '0' }), /SIGN_IN_LIMIT_PER_MINUTE/);
  });
});
