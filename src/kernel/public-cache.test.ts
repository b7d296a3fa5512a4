import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeStamp, matchesEtag, PublicCache, publicDataChanged, scopeOf, type StoreInput } from './public-cache.ts';

const input = (bytes: number, stamp = changeStamp()): StoreInput => ({
  status: 200,
  etag: `"${bytes}"`,
  body: Buffer.alloc(bytes, 'x'),
  headers: { 'content-type': 'text/html; charset=utf-8', etag: `"${bytes}"`, 'set-cookie': 'a=b', 'x-frame-options': 'SAMEORIGIN' },
  stamp,
});

describe('public cache', () => {
  it('evicts the least recently used entries when over its byte limit', () => {
    // Each entry is its body plus ~600 bytes of bookkeeping: three of 3000 fit in 12000, four do not.
    const cache = new PublicCache({ maxBytes: 12_000, ttlMs: 60_000 });
    for (const name of ['a', 'b', 'c']) cache.put(name, `/sv/kommun/1860/${name}`, input(3000));
    assert.equal(cache.size, 3);
    assert.ok(cache.get('a'), 'a is used again, so b is now the least recently used');
    cache.put('d', '/sv/kommun/1860/d', input(3000));
    assert.equal(cache.get('b'), undefined);
    assert.ok(cache.get('a'));
    assert.ok(cache.get('c'));
    assert.ok(cache.get('d'));
    assert.ok(cache.bytes <= 12_000);
    cache.put('huge', '/sv/kommun/1860/huge', input(20_000));
    assert.equal(cache.get('huge'), undefined, 'larger than the whole cache: not kept, and nothing evicted for it');
    assert.equal(cache.size, 3);
  });

  it('keeps only what it may: 200s, headers without cookies, a Content-Length of its own', () => {
    const cache = new PublicCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    cache.put('x', '/sv', { ...input(10), status: 404 });
    assert.equal(cache.get('x'), undefined);
    cache.put('y', '/sv', input(10));
    const kept = cache.get('y');
    assert.ok(kept);
    assert.ok(!kept.headers.includes('set-cookie'));
    assert.deepEqual(kept.headers.slice(-2), ['content-length', '10']);
    assert.ok(!kept.notModifiedHeaders.includes('content-type'), 'a 304 has no body headers');
    assert.ok(kept.notModifiedHeaders.includes('x-frame-options'));
    assert.equal(new PublicCache({ maxBytes: 0, ttlMs: 60_000 }).size, 0);
  });

  it('drops entries after their time and after a change of their municipality', () => {
    let now = 1_000;
    const cache = new PublicCache({ maxBytes: 1_000_000, ttlMs: 60_000, now: () => now });
    cache.put('laxa', '/sv/kommun/1860/plan/1', input(10));
    cache.put('kalix', '/api/open/municipalities/2514/plans', input(10));
    cache.put('home', '/sv', input(10));
    now += 30_000;
    assert.ok(cache.get('laxa'));
    publicDataChanged('1860');
    assert.equal(cache.get('laxa'), undefined, 'Laxå changed');
    assert.ok(cache.get('kalix'), 'Kalix did not');
    assert.equal(cache.get('home'), undefined, 'a page across municipalities changes with any of them');
    now += 30_001;
    assert.equal(cache.get('kalix'), undefined, 'older than the time limit');
    cache.put('kalix', '/api/open/municipalities/2514/plans', input(10));
    publicDataChanged(null);
    assert.equal(cache.get('kalix'), undefined, 'a change without a municipality stales everything');
  });

  it('never keeps a response rendered before a change that committed while it rendered', () => {
    const cache = new PublicCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    const stamp = changeStamp();
    publicDataChanged('1860');
    cache.put('laxa', '/sv/kommun/1860', input(10, stamp));
    assert.equal(cache.size, 0);
    cache.put('kalix', '/sv/kommun/2514', input(10, stamp));
    assert.equal(cache.size, 1, 'another municipality’s page read at the same time is still right');
  });

  it('reads the municipality from the address, and If-None-Match as RFC 9110 does', () => {
    assert.equal(scopeOf('/sv/kommun/1860/plan/x?visa=mal'), '1860');
    assert.equal(scopeOf('/prs/kommun/0117'), '0117');
    assert.equal(scopeOf('/api/open/municipalities/2514/follow-up.csv'), '2514');
    assert.equal(scopeOf('/api/open/plans/abc.json'), null);
    assert.equal(scopeOf('/sv/jamfor?kommun=1860'), null);
    assert.ok(matchesEtag('"a"', '"a"'));
    assert.ok(matchesEtag('"b", W/"a"', '"a"'));
    assert.ok(matchesEtag('*', '"a"'));
    assert.ok(!matchesEtag('"a-gz"', '"a"'));
    assert.ok(!matchesEtag(undefined, '"a"'));
  });
});
