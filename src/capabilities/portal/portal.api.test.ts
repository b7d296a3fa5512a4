import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { LANGUAGES } from './languages.ts';

await forEachStore('public portal frame', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('serves the home page in every language with lang, dir and the municipalities with published plans', async () => {
    for (const lang of LANGUAGES) {
      const res = await get(`/${lang}`);
      assert.equal(res.statusCode, 200, `${lang}: ${res.body.slice(0, 200)}`);
      assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.match(res.body, new RegExp(`^<!doctype html><html lang="${lang}" dir="${lang === 'ar' || lang === 'prs' ? 'rtl' : 'ltr'}">`));
      for (const code of ['1860', '1864', '1381', '0117', '2514'])
        assert.ok(res.body.includes(`/${lang}/kommun/${code}"`), `${lang} lists ${code}`);
      assert.equal(res.body.match(/<h1[ >]/g)?.length, 1);
    }
  });

  it('sends no script at all and only same-origin assets', async () => {
    const res = await get('/ar/kommun/2514');
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script/i);
    assert.doesNotMatch(res.body, /style="/);
    assert.doesNotMatch(res.body, /(src|href)="https?:\/\/(?!localhost)/);
  });

  it('lists a municipality’s public plans and never a draft', async () => {
    const cookie = await t.login('laxa.samordnare');
    const created = await t.request('POST', '/api/municipalities/1860/plans', {
      cookie,
      body: { title: 'Utkast som ingen utanför får se', kind: 'plan' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const page = await get('/sv/kommun/1860');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Integrationsplan Laxå kommun 2015-2018/);
    assert.doesNotMatch(page.body, /Utkast som ingen utanför får se/);
    // Signed in, the coordinator sees the same public page: it never reads the session.
    const signedIn = await get('/sv/kommun/1860', { cookie });
    assert.equal(signedIn.headers.etag, page.headers.etag);
  });

  it('lets search engines index the public pages and open data, not the staff app or the rest of the API', async () => {
    const res = await get('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    const lines = res.body.split('\n');
    for (const lang of LANGUAGES) assert.ok(lines.includes(`Allow: /${lang}/`) && lines.includes(`Allow: /${lang}$`), lang);
    assert.ok(!lines.includes('Allow: /sv'));
    assert.ok(lines.includes('Allow: /api/open/') && lines.includes('Disallow: /'));
  });

  it('tags the compressed and the plain page apart, and answers each repeated read with 304', async () => {
    const plain = await get('/sv/kommun/1860');
    const zipped = await get('/sv/kommun/1860', { 'accept-encoding': 'gzip' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(zipped.rawPayload).toString('utf8'), plain.body);
    assert.notEqual(zipped.headers.etag, plain.headers.etag);
    assert.equal(zipped.headers.vary, 'accept-encoding');
    const again = await get('/sv/kommun/1860', { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers.etag) });
    assert.equal(again.statusCode, 304);
  });

  it('answers a repeated read with 304 and no body', async () => {
    const first = await get('/en/kommun/1860');
    assert.equal(first.headers['cache-control'], 'public, no-cache');
    const again = await get('/en/kommun/1860', { 'if-none-match': String(first.headers.etag) });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
  });

  it('gives an unknown page, municipality or malformed code a 404 page in the reader’s language, not JSON', async () => {
    for (const url of ['/ar/finns-inte', '/ar/kommun/9999', '/ar/kommun/abc']) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.match(res.body, /<html lang="ar" dir="rtl">/);
      assert.match(res.body, /الصفحة غير موجودة/);
    }
    const api = await get('/api/finns-inte');
    assert.equal(api.statusCode, 404);
    assert.match(String(api.headers['content-type']), /json/);
  });

  it('remembers the chosen language for the address without one, else follows the browser', async () => {
    const page = await get('/so');
    const cookie = page.cookies.find((c) => c.name === 'delaktig_sprak');
    assert.equal(cookie?.value, 'so');
    assert.equal(cookie?.httpOnly, true);
    const remembered = await get('/portal', { cookie: 'delaktig_sprak=so', 'accept-language': 'ar' });
    assert.equal(remembered.statusCode, 302);
    assert.equal(remembered.headers.location, '/so');
    assert.equal((await get('/portal', { 'accept-language': 'fa-IR,en;q=0.5' })).headers.location, '/prs');
    assert.equal((await get('/portal')).headers.location, '/sv');
  });

  it('links every page to itself in the other languages, keeping the query', async () => {
    const res = await get('/sv/kommun/2514?visa=mal');
    for (const lang of LANGUAGES) assert.ok(res.body.includes(`href="/${lang}/kommun/2514?visa=mal"`), lang);
    assert.match(res.body, /hrefLang="ar" href="http:\/\/localhost:3000\/ar\/kommun\/2514\?visa=mal"/);
  });

  it('serves the stylesheet and the fonts by content hash, compressed, cached for a year', async () => {
    const page = await get('/ti');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)?.[1] ?? '';
    assert.match(href, /^\/portal\/portal\.[0-9a-f]{12}\.css$/);
    const css = await get(href, { 'accept-encoding': 'gzip' });
    assert.equal(css.statusCode, 200);
    assert.equal(css.headers['content-encoding'], 'gzip');
    assert.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable');
    const text = gunzipSync(css.rawPayload).toString('utf8');
    const fonts = [...text.matchAll(/url\((\/portal\/fonts\/[^)]+)\)/g)].map((m) => m[1] ?? '');
    assert.equal(fonts.length, 4);
    for (const font of fonts) {
      const res = await get(font);
      assert.equal(res.statusCode, 200, font);
      assert.equal(res.headers['content-type'], 'font/woff2');
      assert.equal(res.rawPayload.subarray(0, 4).toString('latin1'), 'wOF2');
    }
    assert.equal((await get(href.replace(/\.[0-9a-f]{12}\.css$/, '.000000000000.css'))).statusCode, 404);
    assert.equal((await get('/portal/fonts/passwd.0123456789ab.woff2')).statusCode, 404);
  });
});
