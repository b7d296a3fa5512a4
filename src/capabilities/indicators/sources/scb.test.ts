import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryCache } from './http.ts';
import { FOREIGN_BORN_SERIES, SCB_CREDIT, createScbClient, jsonStatCells, parseJsonStat2 } from './scb.ts';
import { closedPort, fixture, recordingSleep, startFixtureServer, type FixtureServer } from './test-support.ts';
import { SourceError, type SourceValue } from './types.ts';

const BASE_PATH = '/OV0104/v2beta/api/v2';

describe('SCB client against a local server', () => {
  let server: FixtureServer;
  let baseUrl: string;
  let dataBody = fixture('scb/TAB4823-data-1860-1864-2023.json');

  before(async () => {
    server = await startFixtureServer((path) => {
      const url = new URL(path, 'http://x');
      if (url.pathname === `${BASE_PATH}/tables/TAB4823/metadata`) return { body: fixture('scb/TAB4823-metadata.json') };
      if (url.pathname === `${BASE_PATH}/tables/TAB4823/data`) return { body: dataBody };
      if (url.pathname === `${BASE_PATH}/tables/TAB0000/metadata`) return { status: 400, body: fixture('scb/error-400.json') };
      return undefined;
    });
    baseUrl = `${server.origin}${BASE_PATH}`;
  });
  after(() => server.close());

  const pick = (values: SourceValue[], series: string, municipality: string, gender?: string) =>
    values.find((v) => v.seriesKey === series && v.municipalityCode === municipality && v.disaggregation.gender === gender)?.value;

  it('reads foreign-born and population per municipality and sex from json-stat2', async () => {
    const values = await createScbClient({ baseUrl, requestsPerSecond: 1000 }).getForeignBorn({
      municipalityCodes: ['1860', '1864'],
      years: [2023],
    });
    // RegionFakta (Källa: SCB), 2023-12-31: Laxå 499 + 504 foreign-born of 2650 + 2847; Ljusnarsberg 402 + 376 of 2154 + 2253.
    assert.equal(pick(values, FOREIGN_BORN_SERIES.foreignBorn, '1860'), 1003);
    assert.equal(pick(values, FOREIGN_BORN_SERIES.foreignBorn, '1860', 'K'), 499);
    assert.equal(pick(values, FOREIGN_BORN_SERIES.foreignBorn, '1860', 'M'), 504);
    assert.equal(pick(values, FOREIGN_BORN_SERIES.population, '1860'), 5497);
    assert.equal(pick(values, FOREIGN_BORN_SERIES.population, '1860', 'K'), 2650);
    assert.equal(pick(values, FOREIGN_BORN_SERIES.foreignBorn, '1864'), 778);
    assert.equal(pick(values, FOREIGN_BORN_SERIES.population, '1864'), 4407);
    assert.equal(values.length, 12);
    assert.ok(values.every((v) => v.source === 'scb' && v.period === '2023'));
    assert.equal(SCB_CREDIT, 'Källa: SCB');

    const data = server.requests.find((r) => r.includes('/data?'));
    assert.ok(data);
    const q = new URL(data, 'http://x').searchParams;
    assert.equal(q.get('outputFormat'), 'json-stat2');
    assert.equal(q.get('lang'), 'sv');
    assert.equal(q.get('valueCodes[Region]'), '1860,1864');
    assert.equal(q.get('valueCodes[Fodelseregion]'), '09,11');
    assert.equal(q.get('valueCodes[Kon]'), '1,2');
    assert.equal(q.get('valueCodes[Tid]'), '2023');
    // Age may be eliminated according to the metadata, so it is left for SCB to sum.
    assert.equal(q.get('valueCodes[Alder]'), null);
  });

  it('refuses years the table does not hold before asking for data', async () => {
    const before = server.requests.length;
    await assert.rejects(
      createScbClient({ baseUrl, requestsPerSecond: 1000 }).getForeignBorn({ municipalityCodes: ['1860'], years: [2024, 2025] }),
      {
        kind: 'not_found',
        message: 'År 2025 finns inte i SCB:s tabell TAB4823 (2000–2024). Senare år finns i tabellen TAB6645.',
      },
    );
    assert.ok(server.requests.slice(before).every((r) => r.includes('/metadata')));
  });

  it('caches metadata and data: a repeated question makes no request', async () => {
    const cache = new MemoryCache();
    const c = createScbClient({ baseUrl, cache, requestsPerSecond: 1000 });
    await c.getForeignBorn({ municipalityCodes: ['1860', '1864'], years: [2023] });
    const n = server.requests.length;
    await c.getForeignBorn({ municipalityCodes: ['1860', '1864'], years: [2023] });
    assert.equal(server.requests.length, n);
  });

  it('reports a cube whose value count does not match its size as a format error', async () => {
    dataBody = fixture('scb/malformed-value-count.json');
    try {
      await assert.rejects(
        createScbClient({ baseUrl, requestsPerSecond: 1000 }).getForeignBorn({ municipalityCodes: ['1860'], years: [2023] }),
        (e: unknown) => {
          assert.ok(e instanceof SourceError);
          assert.equal(e.kind, 'format');
          assert.match(e.message, /^Svaret från SCB gick inte att läsa \(3 värden men kuben har 8 celler\)/);
          return true;
        },
      );
    } finally {
      dataBody = fixture('scb/TAB4823-data-1860-1864-2023.json');
    }
  });

  it('does not retry a 400 and says what happened', async () => {
    const { sleep, waits } = recordingSleep();
    await assert.rejects(createScbClient({ baseUrl, sleep, requestsPerSecond: 1000 }).getMetadata('TAB0000'), {
      kind: 'http',
      status: 400,
      message: 'SCB svarade med ett fel (HTTP 400). Försök igen senare; tidigare hämtade värden finns kvar.',
    });
    assert.deepEqual(waits, []);
  });

  it('reports a closed port as offline', async () => {
    const port = await closedPort();
    const c = createScbClient({ baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`, sleep: recordingSleep().sleep, maxAttempts: 2 });
    await assert.rejects(c.getForeignBorn({ municipalityCodes: ['1860'], years: [2023] }), {
      kind: 'offline',
      message: 'SCB kunde inte nås (ingen anslutning). Försök igen senare; tidigare hämtade värden finns kvar.',
    });
  });
});

describe('parseJsonStat2', () => {
  it('reads the sparse value form and status, last dimension fastest', () => {
    const ds = parseJsonStat2({
      class: 'dataset',
      version: '2.0',
      id: ['Region', 'Tid'],
      size: [2, 2],
      dimension: {
        Region: { label: 'region', category: { index: ['1860', '00'], label: { '1860': '1860 Laxå', '00': 'Riket' } } },
        Tid: { label: 'år', category: { index: { '2022': 0, '2023': 1 } } },
      },
      value: { '0': 1, '3': 4 },
      status: { '1': '..' },
    });
    assert.deepEqual(jsonStatCells(ds), [
      { coordinates: { Region: '1860', Tid: '2022' }, value: 1 },
      { coordinates: { Region: '1860', Tid: '2023' }, value: null, status: '..' },
      { coordinates: { Region: '00', Tid: '2022' }, value: null },
      { coordinates: { Region: '00', Tid: '2023' }, value: 4 },
    ]);
  });

  it('reads metadata (no values) with elimination flags', () => {
    const ds = parseJsonStat2(JSON.parse(fixture('scb/TAB4823-metadata.json')));
    const age = ds.dimensions.find((d) => d.id === 'Alder');
    assert.equal(age?.codes.length, 101);
    assert.equal(age?.elimination, true);
    assert.equal(ds.value, undefined);
  });

  it('rejects what is not a dataset', () => {
    assert.throws(() => parseJsonStat2({ class: 'collection' }), { kind: 'format' });
    assert.throws(() => parseJsonStat2({ class: 'dataset', id: ['A'], size: [2], dimension: { A: { category: { index: ['x'] } } } }), {
      kind: 'format',
    });
  });
});
