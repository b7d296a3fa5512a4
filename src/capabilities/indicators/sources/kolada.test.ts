import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryCache } from './http.ts';
import { KOLADA_CREDIT, createKoladaClient, unitFromTitle } from './kolada.ts';
import { closedPort, fixture, recordingSleep, startFixtureServer, type FixtureServer, type Reply } from './test-support.ts';
import { SourceError } from './types.ts';

const json = (path: string): Reply => ({ body: fixture(path) });

describe('Kolada client against a local server', () => {
  let server: FixtureServer;
  let baseUrl: string;
  const counters = new Map<string, number>();
  const nth = (key: string) => {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n;
  };

  before(async () => {
    const exchange = JSON.parse(fixture('kolada/exchange-429-then-200.json')) as {
      responses: { status: number; headers: Record<string, string>; body?: unknown; bodyFile?: string }[];
    };
    server = await startFixtureServer((path) => {
      const url = new URL(path, 'http://x');
      const p = decodeURIComponent(url.pathname);
      if (p === '/v3/kpi/N01951') return json('kolada/kpi-N01951.json');
      if (p === '/v3/kpi/N99999') return json('kolada/kpi-unknown.json');
      if (p === '/v3/kpi' && url.searchParams.get('title') === 'utrikes födda') return json('kolada/kpi-search-utrikes.json');
      if (p === '/v3/data/kpi/N01951/municipality/2514/year/2017,2018,2020') {
        return json(url.searchParams.get('page') === '2' ? 'kolada/data-N01951-kalix-page2.json' : 'kolada/data-N01951-kalix-page1.json');
      }
      if (p === '/v3/data/kpi/N01951/municipality/1860,1864/year/2023') {
        // Replays the recorded 429 → 200 exchange, once per test that asks for it.
        const scenario = url.searchParams.get('scenario');
        if (scenario === 'rate') {
          const r = exchange.responses[Math.min(nth('rate'), exchange.responses.length) - 1]!;
          return { status: r.status, headers: r.headers, body: r.bodyFile ? fixture(`kolada/${r.bodyFile}`) : JSON.stringify(r.body) };
        }
        if (scenario === 'fail')
          return nth('fail') === 1
            ? { status: 500, body: '{"detail":"Internal Server Error"}' }
            : json('kolada/data-N01951-laxa-ljusnarsberg-2023.json');
        return json('kolada/data-N01951-laxa-ljusnarsberg-2023.json');
      }
      if (p === '/v3/data/kpi/N00973/municipality/1864/year/2023') return json('kolada/data-N00973-suppressed.json');
      if (p === '/v3/data/kpi/N01951/municipality/0000/year/2023') return json('kolada/malformed-truncated.body');
      if (p === '/v3/data/kpi/N01951/municipality/1860/year/1999') return { hang: true };
      return undefined;
    });
    baseUrl = `${server.origin}/v3`;
  });
  after(() => server.close());

  const client = (extra: Parameters<typeof createKoladaClient>[0] = {}) =>
    createKoladaClient({ baseUrl, requestsPerSecond: 1000, sleep: recordingSleep().sleep, ...extra });

  it('reads a KPI and infers its unit from the title', async () => {
    const kpi = await client().getKpi('N01951');
    assert.deepEqual(kpi, {
      id: 'N01951',
      title: 'Invånare totalt, antal',
      description: 'Antal invånare totalt den 31/12. Källa: SCB.',
      unit: 'antal',
      hasGender: true,
      municipalityType: 'K',
      operatingArea: 'Befolkning',
    });
    assert.equal(KOLADA_CREDIT, 'Källa: Kolada');
  });

  it('says in Swedish when a KPI does not exist', async () => {
    await assert.rejects(client().getKpi('N99999'), (e: unknown) => {
      assert.ok(e instanceof SourceError);
      assert.equal(e.kind, 'not_found');
      assert.equal(e.message, 'Nyckeltalet N99999 finns inte i Kolada. Kontrollera id:t eller sök på namnet.');
      return true;
    });
    await assert.rejects(client().getKpi('../etc'), { kind: 'not_found' });
  });

  it('searches KPIs by title (URL-encoded)', async () => {
    const found = await client().searchKpis('utrikes födda');
    assert.deepEqual(
      found.map((k) => [k.id, k.unit]),
      [
        ['N02926', '%'],
        ['N02268', '%'],
      ],
    );
    assert.ok(server.requests.includes('/v3/kpi?title=utrikes%20f%C3%B6dda&per_page=5000'));
  });

  it('follows next_page through every page, rebased onto the configured server', async () => {
    const before = server.requests.length;
    const values = await client({ perPage: 2 }).getValues({ kpiIds: ['N01951'], municipalityCodes: ['2514'], years: [2017, 2018, 2020] });
    assert.deepEqual(server.requests.slice(before), [
      '/v3/data/kpi/N01951/municipality/2514/year/2017,2018,2020?per_page=2',
      '/v3/data/kpi/N01951/municipality/2514/year/2017,2018,2020?page=2&per_page=2',
    ]);
    const totals = values.filter((v) => Object.keys(v.disaggregation).length === 0).map((v) => [v.period, v.value]);
    assert.deepEqual(totals, [
      ['2017', 16169],
      ['2018', 16058],
      ['2020', 15812],
    ]);
    assert.deepEqual(values[0], {
      source: 'kolada',
      seriesKey: 'N01951',
      municipalityCode: '2514',
      period: '2017',
      disaggregation: { gender: 'K' },
      value: 7842,
    });
    assert.equal(values.length, 9);
  });

  it('keeps a suppressed value as null with Kolada’s status', async () => {
    const [v] = await client().getValues({ kpiIds: ['N00973'], municipalityCodes: ['1864'], years: [2023] });
    assert.deepEqual(v, {
      source: 'kolada',
      seriesKey: 'N00973',
      municipalityCode: '1864',
      period: '2023',
      disaggregation: {},
      value: null,
      note: 'Status i Kolada: Saknas',
    });
  });

  it('waits out a 429 for as long as Retry-After says, then succeeds', async () => {
    const { sleep, waits } = recordingSleep();
    // The scenario switch rides on the base URL so the client's own path building is what is exercised.
    const rateClient = createKoladaClient({
      baseUrl,
      sleep,
      requestsPerSecond: 1000,
      fetch: (u, init) => fetch(`${u}&scenario=rate`, init),
    });
    const values = await rateClient.getValues({ kpiIds: ['N01951'], municipalityCodes: ['1860', '1864'], years: [2023] });
    assert.deepEqual(waits, [1000]);
    assert.equal(values.find((v) => v.municipalityCode === '1860' && !v.disaggregation.gender)?.value, 5497);
  });

  it('retries after a 500 with back-off and succeeds', async () => {
    const { sleep, waits } = recordingSleep();
    const c = createKoladaClient({ baseUrl, sleep, requestsPerSecond: 1000, fetch: (u, init) => fetch(`${u}&scenario=fail`, init) });
    const values = await c.getValues({ kpiIds: ['N01951'], municipalityCodes: ['1860', '1864'], years: [2023] });
    assert.equal(values.length, 6);
    assert.equal(waits.length, 1);
    assert.ok(waits[0]! >= 250 && waits[0]! <= 500, `back-off ${waits[0]} ms`);
  });

  it('serves a second identical call from the cache without a request', async () => {
    const cache = new MemoryCache();
    const c = client({ cache });
    const first = await c.getValues({ kpiIds: ['N01951'], municipalityCodes: ['1860', '1864'], years: [2023] });
    const count = server.requests.length;
    const second = await c.getValues({ kpiIds: ['N01951'], municipalityCodes: ['1860', '1864'], years: [2023] });
    assert.equal(server.requests.length, count);
    assert.deepEqual(second, first);
  });

  it('reports a malformed body as a format error and does not cache it', async () => {
    const cache = new MemoryCache();
    await assert.rejects(client({ cache }).getValues({ kpiIds: ['N01951'], municipalityCodes: ['0000'], years: [2023] }), (e: unknown) => {
      assert.ok(e instanceof SourceError);
      assert.equal(e.kind, 'format');
      assert.match(e.message, /^Svaret från Kolada gick inte att läsa \(inte giltig JSON\)/);
      return true;
    });
    assert.equal(cache.size, 0);
  });

  it('reports a closed port as offline, in Swedish, after its retries', async () => {
    const port = await closedPort();
    const { sleep, waits } = recordingSleep();
    const c = createKoladaClient({ baseUrl: `http://127.0.0.1:${port}/v3`, sleep, maxAttempts: 3, requestsPerSecond: 1000 });
    await assert.rejects(c.getKpi('N01951'), (e: unknown) => {
      assert.ok(e instanceof SourceError);
      assert.equal(e.kind, 'offline');
      assert.equal(e.message, 'Kolada kunde inte nås (ingen anslutning). Försök igen senare; tidigare hämtade värden finns kvar.');
      return true;
    });
    assert.equal(waits.length, 2);
  });

  it('gives up on a server that never answers', async () => {
    const c = createKoladaClient({ baseUrl, timeoutMs: 150, maxAttempts: 1, requestsPerSecond: 1000 });
    await assert.rejects(c.getValues({ kpiIds: ['N01951'], municipalityCodes: ['1860'], years: [1999] }), {
      kind: 'offline',
      message: 'Kolada svarade inte i tid. Försök igen senare; tidigare hämtade värden finns kvar.',
    });
  });

  it('refuses ids that are not Kolada ids before asking', async () => {
    await assert.rejects(client().getValues({ kpiIds: ['N01951'], municipalityCodes: ['18600'] }), { kind: 'not_found' });
  });
});

describe('unitFromTitle', () => {
  it('reads the unit Kolada puts in its titles', () => {
    assert.equal(unitFromTitle('Invånare totalt, antal'), 'antal');
    assert.equal(unitFromTitle('Utrikes födda, andel (%)'), '%');
    assert.equal(unitFromTitle('Kostnad ekonomiskt bistånd, kr/inv'), 'kr/inv');
    assert.equal(unitFromTitle('Anställda utrikes födda, balanstal (1,0 = paritet mot befolkningen)'), 'kvot');
    assert.equal(unitFromTitle('Något helt annat'), undefined);
  });
});
