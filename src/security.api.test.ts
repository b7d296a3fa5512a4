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

void forEachStore('security: hostile requests', (kind) => {
  let t: TestApp;
  let cookie: string;
  const unitsUrl = '/api/municipalities/1860/units';
  // PostgreSQL answers count(*) as a bigint string.
  const unitCount = async () =>
    Number(
      (
        await t.store.db
          .selectFrom('unit')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const post = (headers: Record<string, string>, payload: string | Buffer, url = unitsUrl) =>
    t.app.inject({ method: 'POST', url, headers: { cookie, ...headers }, payload });
  const json = { 'content-type': 'application/json' };
  const unit = JSON.stringify({ name: 'Enhet från test', kind: 'unit' });

  before(async () => {
    t = await startTestApp(kind);
    cookie = await t.login('laxa.samordnare');
  });
  after(() => t?.close());

  it('a cross-site write with a valid session is refused by Origin or by Sec-Fetch-Site, and nothing is written', async () => {
    const before = await unitCount();
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of crossSite) {
      const res = await post({ ...json, ...headers }, unit);
      assert.equal(res.statusCode, 403, JSON.stringify(headers));
      assert.match(res.json().message, /Anrop från en annan webbplats tas inte emot/);
    }
    assert.equal(await unitCount(), before);
  });

  it('same-origin browsers and clients without browser headers write as before', async () => {
    const before = await unitCount();
    const sameSite: Record<string, string>[] = [
      { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'same-origin' },
      {},
    ];
    for (const headers of sameSite) {
      const res = await post({ ...json, ...headers }, JSON.stringify({ name: `Enhet ${JSON.stringify(headers)}`, kind: 'unit' }));
      assert.equal(res.statusCode, 201, `${JSON.stringify(headers)}: ${res.body}`);
    }
    assert.equal(await unitCount(), before + 3);
  });

  it('refuses bodies the API does not read with a clear Swedish 4xx, never a 500', async () => {
    const cases: {
      what: string;
      status: number;
      message: RegExp;
      headers: Record<string, string>;
      payload: string | Buffer;
      url?: string;
    }[] = [
      {
        what: 'over 5 MB',
        status: 413,
        message: /för stor: högst 5 MB/,
        headers: json,
        payload: JSON.stringify({ name: 'x'.repeat(6 << 20), kind: 'unit' }),
      },
      {
        what: '100 000 nested arrays',
        status: 400,
        message: /för djupt nästlad/,
        headers: json,
        payload: '['.repeat(100_000) + ']'.repeat(100_000),
      },
      {
        what: 'nested objects',
        status: 400,
        message: /för djupt nästlad/,
        headers: json,
        payload: '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
      },
      { what: 'plain text', status: 415, message: /text\/plain tas inte emot/, headers: { 'content-type': 'text/plain' }, payload: unit },
      {
        what: 'a form',
        status: 415,
        message: /urlencoded tas inte emot/,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'name=x&kind=unit',
      },
      ...[unitsUrl, '/api/municipalities/1860/fund/funds'].map((url) => ({
        what: `multipart on ${url}`,
        status: 415,
        message: /multipart\/form-data tas inte emot/,
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
        payload: '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n',
        url,
      })),
      {
        what: 'invalid UTF-8',
        status: 400,
        message: /inte giltig UTF-8/,
        headers: json,
        payload: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
      },
      { what: 'an empty body', status: 400, message: /saknar innehåll/, headers: json, payload: '' },
      { what: 'broken JSON', status: 400, message: /inte giltig JSON/, headers: json, payload: '{"name":' },
      {
        what: 'NUL in a text',
        status: 400,
        message: /\/name innehåller ett otillåtet tecken \(U\+0000\)/,
        headers: json,
        payload: JSON.stringify({ name: 'a\u0000b', kind: 'unit' }),
      },
      {
        what: 'a lone surrogate',
        status: 400,
        message: /\/name innehåller ett otillåtet tecken \(U\+D800\)/,
        headers: json,
        payload: '{"name":"a\\ud800","kind":"unit"}',
      },
      {
        what: '__proto__',
        status: 400,
        message: /__proto__ är inte ett tillåtet fältnamn/,
        headers: json,
        payload: '{"__proto__":{"admin":true},"name":"x","kind":"unit"}',
      },
    ];
    const before = await unitCount();
    for (const c of cases) {
      const res = await post(c.headers, c.payload, c.url);
      assert.equal(res.statusCode, c.status, `${c.what}: ${res.body.slice(0, 200)}`);
      assert.match(res.json().message, c.message, c.what);
      assert.equal(typeof res.json().error, 'string', c.what);
    }
    const query = await t.app.inject({ method: 'GET', url: '/api/municipalities/1860/units?q=%00', headers: { cookie } });
    assert.equal(query.statusCode, 400, `NUL in a query string: ${query.body}`);
    assert.equal(await unitCount(), before, 'nothing was written');
  });
});
