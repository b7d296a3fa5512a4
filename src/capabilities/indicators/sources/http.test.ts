import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryCache, createHttpClient, parseRetryAfter, type FetchLike } from './http.ts';
import { SourceError } from './types.ts';

function fakeClock() {
  let t = 1_000_000;
  const waits: number[] = [];
  return {
    now: () => t,
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
  };
}

const ok = (body: string, headers: Record<string, string> = {}) => new Response(body, { status: 200, headers });

describe('MemoryCache', () => {
  it('forgets an entry when its TTL has passed', async () => {
    let t = 0;
    const cache = new MemoryCache({ now: () => t });
    await cache.set('a', 'body', 10);
    assert.equal(await cache.get('a'), 'body');
    t = 10_001;
    assert.equal(await cache.get('a'), undefined);
  });

  it('drops the oldest entries beyond its bound', async () => {
    const cache = new MemoryCache({ maxEntries: 2 });
    await cache.set('a', '1', 60);
    await cache.set('b', '2', 60);
    await cache.set('c', '3', 60);
    assert.equal(await cache.get('a'), undefined);
    assert.equal(await cache.get('c'), '3');
  });
});

describe('createHttpClient', () => {
  it('spaces requests to at most three a second', async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    const fetch: FetchLike = async () => {
      starts.push(clock.now());
      return ok('{}');
    };
    const http = createHttpClient({ sourceLabel: 'Test', baseUrl: 'http://127.0.0.1:9', fetch, sleep: clock.sleep, now: clock.now });
    for (const p of ['/a', '/b', '/c', '/d']) await http.get(p, (b) => b);
    const gaps = starts.slice(1).map((s, i) => s - (starts[i] as number));
    assert.ok(
      gaps.every((g) => g >= 333),
      `gaps ${gaps.join(', ')}`,
    );
  });

  it('retries network failures with growing, jittered back-off, then reports offline', async () => {
    const clock = fakeClock();
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    };
    const http = createHttpClient({
      sourceLabel: 'Kolada',
      baseUrl: 'http://127.0.0.1:9',
      fetch,
      sleep: clock.sleep,
      now: clock.now,
      random: () => 1,
      requestsPerSecond: 1e9,
      maxAttempts: 4,
    });
    await assert.rejects(
      http.get('/x', (b) => b),
      { kind: 'offline' },
    );
    assert.deepEqual(clock.waits, [500, 1000, 2000]);
  });

  it('honours an HTTP-date Retry-After and gives up at once on one that is too long', async () => {
    assert.equal(parseRetryAfter('3', 0), 3000);
    assert.equal(parseRetryAfter(new Date(5000).toUTCString(), 2000), 3000);
    assert.equal(parseRetryAfter('soon', 0), undefined);
    const clock = fakeClock();
    let calls = 0;
    const fetch: FetchLike = async () => {
      calls++;
      return new Response('', { status: 429, headers: { 'retry-after': '3600' } });
    };
    const http = createHttpClient({ sourceLabel: 'SCB', baseUrl: 'http://127.0.0.1:9', fetch, sleep: clock.sleep, now: clock.now });
    await assert.rejects(
      http.get('/x', (b) => b),
      (e: unknown) => {
        assert.ok(e instanceof SourceError);
        assert.equal(e.kind, 'rate_limited');
        assert.equal(e.status, 429);
        assert.match(e.message, /^SCB tar just nu inte emot fler frågor/);
        return true;
      },
    );
    assert.equal(calls, 1);
  });

  it('does not retry other 4xx answers', async () => {
    let calls = 0;
    const fetch: FetchLike = async () => {
      calls++;
      return new Response('', { status: 404 });
    };
    const http = createHttpClient({ sourceLabel: 'SCB', baseUrl: 'http://127.0.0.1:9', fetch, sleep: async () => {} });
    await assert.rejects(
      http.get('/x', (b) => b),
      { kind: 'not_found', status: 404 },
    );
    assert.equal(calls, 1);
  });

  it('uses absolute URLs as they are and joins paths to the base', () => {
    const http = createHttpClient({ sourceLabel: 'T', baseUrl: 'http://127.0.0.1:9/v3/' });
    assert.equal(http.url('/kpi'), 'http://127.0.0.1:9/v3/kpi');
    assert.equal(http.url('kpi'), 'http://127.0.0.1:9/v3/kpi');
    assert.equal(http.url('http://127.0.0.1:9/other'), 'http://127.0.0.1:9/other');
  });
});
