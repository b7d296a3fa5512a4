import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cohortShares, checkCohort } from './cohorts.ts';
import { periodTime, progressStatus, targetOf } from './progress.ts';
import { parseTarget, targetYearIn } from './target-text.ts';

describe('progress towards a target (Open SDG / Statistics Canada)', () => {
  const p = (period: string, value: number) => ({ period, value });
  test('periods as points in time', () => {
    assert.equal(periodTime('2016'), 2016);
    assert.equal(periodTime('2016H2'), 2016.5);
    assert.equal(periodTime('2016Q3'), 2016.5);
    assert.equal(periodTime('2016-04'), 2016.25);
  });
  test('achieved when the latest value passes the target in the desired direction', () => {
    assert.equal(progressStatus(p('2015', 30), p('2017', 52), 'higher', { value: 50, period: '2018' }).status, 'achieved');
    assert.equal(progressStatus(p('2015', 30), p('2017', 8), 'lower', { value: 10, period: '2018' }).status, 'achieved');
  });
  test('the ratio of observed to required growth sets the category', () => {
    // Required: 30 → 50 over 3 years ≈ 18.6 %/year.
    const on = progressStatus(p('2015', 30), p('2017', 42), 'higher', { value: 50, period: '2018' });
    assert.equal(on.status, 'substantial');
    const moderate = progressStatus(p('2015', 30), p('2017', 38), 'higher', { value: 50, period: '2018' });
    assert.equal(moderate.status, 'moderate');
    const limited = progressStatus(p('2015', 30), p('2017', 32), 'higher', { value: 50, period: '2018' });
    assert.equal(limited.status, 'limited');
    const worse = progressStatus(p('2015', 30), p('2017', 28), 'higher', { value: 50, period: '2018' });
    assert.equal(worse.status, 'deterioration');
    if (on.status !== null) assert.ok(on.projected !== null && on.projected > 45);
  });
  test('lower is better: falling unemployment is progress', () => {
    assert.equal(progressStatus(p('2014', 140), p('2016', 110), 'lower', { value: 100, period: '2018' }).status, 'substantial');
    assert.equal(progressStatus(p('2014', 140), p('2016', 150), 'lower', { value: 100, period: '2018' }).status, 'deterioration');
  });
  test('without a target the observed growth rate is compared with fixed rates', () => {
    assert.equal(progressStatus(p('2013', 12.8), p('2023', 18.25), 'higher', null).status, 'substantial');
    assert.equal(progressStatus(p('2013', 12.8), p('2023', 13.3), 'higher', null).status, 'limited');
    assert.equal(progressStatus(p('2013', 12.8), p('2023', 12.0), 'higher', null).status, 'deterioration');
  });
  test('what cannot be computed says why', () => {
    assert.deepEqual(progressStatus(p('2013', 12.8), p('2023', 18.25), 'neutral', null), { status: null, reason: 'neutral' });
    assert.deepEqual(progressStatus(null, p('2017', 1), 'higher', null), { status: null, reason: 'no-baseline' });
    assert.deepEqual(progressStatus(p('2017', 1), null, 'higher', null), { status: null, reason: 'no-current' });
    assert.deepEqual(progressStatus(p('2017', 1), p('2017', 2), 'higher', null), { status: null, reason: 'same-period' });
    assert.deepEqual(progressStatus(p('2015', 0), p('2017', 2), 'higher', null), { status: null, reason: 'not-positive' });
  });
  test('a range target is reached at its near end', () => {
    const link = { targetValue: null, targetMin: 12, targetMax: 15, targetPeriod: '2016' };
    assert.deepEqual(targetOf(link, 'higher'), { value: 12, period: '2016' });
    assert.deepEqual(targetOf(link, 'lower'), { value: 15, period: '2016' });
    assert.equal(targetOf({ ...link, targetPeriod: null }, 'higher'), null);
  });
});

describe('targets read from a plan’s words', () => {
  test('percentages, fractions, ranges, floors', () => {
    assert.deepEqual(
      parseTarget('50 % av alla kommunplacerade flyktingar ska vara självförsörjande inom 2 år efter avslutad etablering år 2018'),
      {
        value: 50,
        unit: '%',
        by: '2018',
        text: '50 % av alla kommunplacerade flyktingar ska vara självförsörjande inom 2 år efter avslutad etablering år 2018',
      },
    );
    const half = parseTarget(
      'hälften av alla kommunplacerade flyktingar väljer att bo kvar i Laxå minst ett år efter att deras etableringsersättning upphör under perioden 2015-2018',
    );
    assert.equal(half?.value, 50);
    assert.equal(half?.by, '2018');
    const internships = parseTarget(
      'Dialog inleds med näringslivet med målet att åstadkomma i storleksordningen 12-15 praktikplatser per år.',
    );
    assert.deepEqual([internships?.min, internships?.max, internships?.unit, internships?.per], [12, 15, 'praktikplatser', 'year']);
    const floor = parseTarget('Samverkan ska ske minst en gång per halvår');
    assert.deepEqual([floor?.min, floor?.unit, floor?.per], [1, 'gånger', 'half-year']);
    assert.equal(parseTarget('12,5 procent senast 2020')?.value, 12.5);
  });
  test('years are never taken for a range or a count; plain text has no target', () => {
    assert.equal(parseTarget('Under perioden 2015–2018 ska samverkan utvecklas'), null);
    assert.equal(parseTarget('Genomföra Medborgarceremoni för nya svenska medborgare varje år'), null);
    assert.equal(targetYearIn('under perioden 2015-2018'), '2018');
    assert.equal(targetYearIn('senast under 2016'), '2016');
    assert.equal(targetYearIn('inget år här'), null);
  });
});

describe('cohorts', () => {
  const cohorts = [
    { year: 2016, size: 38, selfSufficient12: 9, selfSufficient24: 15, resident12: 22 },
    { year: 2015, size: 41, selfSufficient12: 8, selfSufficient24: 14, resident12: 25 },
    { year: 2017, size: 4, selfSufficient12: 1, selfSufficient24: null, resident12: 3 },
  ];
  test('shares per cohort year, in year order', () => {
    const shares = cohortShares(cohorts, 'self_sufficient_24', false);
    assert.deepEqual(
      shares.map((s) => [s.period, s.value]),
      [
        ['2015', 34.1],
        ['2016', 39.5],
        ['2017', null],
      ],
    );
  });
  test('on public pages counts under five are suppressed, and so are shares that would reveal them', () => {
    const shares = cohortShares(cohorts, 'resident_12', true);
    assert.equal(shares[2]?.suppressed, true);
    assert.equal(shares[2]?.value, null);
    assert.equal(shares[2]?.count, null);
    assert.equal(shares[0]?.suppressed, false);
    const nearlyAll = cohortShares(
      [{ year: 2018, size: 20, selfSufficient12: 17, selfSufficient24: null, resident12: null }],
      'self_sufficient_12',
      true,
    );
    assert.equal(nearlyAll[0]?.suppressed, true, 'three not self-sufficient would be revealed');
  });
  test('a cohort cannot count more than it holds', () => {
    assert.deepEqual(
      checkCohort({ year: 2016, size: 10, selfSufficient12: 11, selfSufficient24: null, resident12: -1 }).map((p) => p.path),
      ['/selfSufficient12', '/resident12'],
    );
  });
});
