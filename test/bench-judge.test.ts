import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judge, renderMarkdown, type EndpointRun, type NationalResults, type ScaleRun } from '../bench/national/results.ts';

function load(
  connections: number,
  p50: number,
  p99: number,
  rps: number,
  ceilingRps: number | null,
  errors = 0,
): EndpointRun['runs'][number] {
  return {
    connections,
    requests: rps * 10,
    rps,
    p50,
    p90: p99,
    p99,
    max: p99,
    errors,
    unexpected: 0,
    ceilingRps,
    ratio: ceilingRps ? rps / ceilingRps : null,
  };
}

function scale(
  store: 'pglite' | 'postgres',
  municipalities: number,
  o: { outlineP50?: number; outlineP99?: number; cachedRatio?: number; saveP99?: number; saveErrors?: number } = {},
): ScaleRun {
  const outline: EndpointRun = {
    name: 'Plan outline',
    kind: 'uncached',
    path: '/api/plans/{id}/outline',
    responseBytes: 1000,
    runs: [load(10, o.outlineP50 ?? 4, o.outlineP99 ?? 20, 2000, 10000)],
  };
  const catalogue: EndpointRun = { ...outline, name: 'Catalogue search', runs: [load(10, 3, 15, 2500, 10000)] };
  const cached: EndpointRun = {
    name: 'Public plan page',
    kind: 'cached',
    path: '/sv/kommun/0114/plan/{id}',
    responseBytes: 10000,
    runs: [load(1, 1, 2, 900, 3000), load(10, 1, 2, 10000 * (o.cachedRatio ?? 0.6), 10000)],
  };
  const save: EndpointRun = {
    name: 'Save a follow-up entry',
    kind: 'write',
    path: '/api/tasks/{id}',
    responseBytes: null,
    runs: [load(50, 40, o.saveP99 ?? 80, 700, null, o.saveErrors ?? 0)],
  };
  return {
    store,
    municipalities,
    dataset: { location: 'x', bytes: 1, generatedMs: null, planItems: 300 },
    endpoints: [outline, catalogue, cached, save],
    queries: [{ name: 'outline', status: 200, queries: 4, seqScans: [] }],
    report: {
      runs: [
        { docxMs: 700, pdfMs: 900, docxBytes: 1, pdfBytes: 1 },
        { docxMs: 500, pdfMs: 600, docxBytes: 1, pdfBytes: 1 },
      ],
      peakRssMb: 200,
      baselineRssMb: 90,
      store,
    },
    assets: [],
  };
}

function results(runs: ScaleRun[]): NationalResults {
  return {
    startedAt: '2026-12-03T18:00:00Z',
    finishedAt: '2026-12-03T18:30:00Z',
    machine: {
      cpu: 'cpu',
      cores: 2,
      memoryGb: 24,
      os: 'Linux',
      node: 'v20',
      postgres: 'PostgreSQL 15',
      loadAverageAtStart: 0,
      loadAverageAtEnd: 0,
    },
    settings: { durationSeconds: 10, connections: [1, 10, 50], seed: 42, stores: ['pglite', 'postgres'], scales: [1, 290] },
    runs,
    import: [],
    coldStart: { runsMs: [2000, 2100, 2200], medianMs: 2100, seedMs: 9000 },
  };
}

test('a run that meets every target passes, and the Markdown names each target', () => {
  const r = results([scale('pglite', 1), scale('pglite', 290), scale('postgres', 1), scale('postgres', 290)]);
  const targets = judge(r);
  assert.ok(targets.length >= 8, `judged ${targets.length} targets`);
  assert.deepEqual(
    targets.filter((t) => !t.met),
    [],
  );
  const { markdown, missed } = renderMarkdown(r);
  assert.deepEqual(missed, []);
  assert.match(markdown, /Plan outline: p99 < 50 ms at 10 connections \| PostgreSQL, 290 municipalities \| p99 20\.0 ms \| yes/);
  assert.match(markdown, /Cold start of npm start to first request: < 3 s/);
});

test('each target is missed when its figure is over the line', () => {
  const r = results([
    scale('postgres', 1, { outlineP50: 4 }),
    scale('postgres', 290, { outlineP50: 7, outlineP99: 55, cachedRatio: 0.4, saveP99: 120, saveErrors: 1 }),
  ]);
  r.coldStart = { runsMs: [3100], medianMs: 3100, seedMs: 1 };
  const missed = judge(r)
    .filter((t) => !t.met)
    .map((t) => t.target);
  assert.ok(missed.includes('Plan outline: p99 < 50 ms at 10 connections'));
  assert.ok(missed.includes('Plan outline: p50 grows ≤ 1.5× from 1 to 290 municipalities'));
  assert.ok(missed.includes('Public plan page: ≥ 50 % of the node:http ceiling'));
  assert.ok(missed.includes('Save a follow-up entry: p99 < 100 ms at 50 connections, no errors'));
  assert.ok(missed.includes('Cold start of npm start to first request: < 3 s'));
  assert.ok(!missed.includes('Catalogue search: p99 < 50 ms at 10 connections'));
});

test('server latency targets are judged on PostgreSQL only; a cached read is judged on every store', () => {
  const targets = judge(results([scale('pglite', 290, { outlineP99: 80, cachedRatio: 0.3 })]));
  assert.ok(!targets.some((t) => t.target.startsWith('Plan outline')));
  assert.ok(targets.some((t) => t.target.startsWith('Public plan page') && !t.met));
});

test('growth within one millisecond is not counted as growth (latencies are whole milliseconds)', () => {
  const targets = judge(results([scale('postgres', 1, { outlineP50: 1 }), scale('postgres', 290, { outlineP50: 2 })]));
  assert.equal(targets.find((t) => t.target.startsWith('Plan outline: p50 grows'))?.met, true);
});

test('a read whose query count grows with the data, or that scans a national table, misses its target', () => {
  const small = scale('postgres', 1);
  const big = scale('postgres', 290);
  big.queries = [{ name: 'outline', status: 200, queries: 5, seqScans: [] }];
  let target = judge(results([small, big])).find((t) => t.target.startsWith('outline: as many SQL queries'));
  assert.equal(target?.met, false);
  assert.equal(target?.measured, '4 → 5 queries; 0 scans; answers 200, 200');
  big.queries = [{ name: 'outline', status: 200, queries: 4, seqScans: [{ table: 'item', rows: 90_000, sql: 'select …' }] }];
  target = judge(results([small, big])).find((t) => t.target.startsWith('outline: as many SQL queries'));
  assert.equal(target?.met, false);
  big.queries = [{ name: 'outline', status: 200, queries: 4, seqScans: [] }];
  target = judge(results([small, big])).find((t) => t.target.startsWith('outline: as many SQL queries'));
  assert.equal(target?.met, true);
});
