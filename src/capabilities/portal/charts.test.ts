import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isProvisional, lineChart, periodEnd, sparkline, type LineChartInput } from './charts.ts';
import { formatNumber } from './languages.ts';

const plain = (v: number) => String(v);
const series = (...values: [string, number | null][]) => [{ key: 'x', points: values.map(([period, value]) => ({ period, value })) }];

describe('the line chart of an indicator page', () => {
  it('scales time and value into the plot: earliest at the left, the highest tick at the top', () => {
    const chart = lineChart({ series: series(['2015', 10], ['2016', 20], ['2018', 40]), format: plain });
    const { plot } = chart;
    const [a, b, c] = chart.lines[0]!.markers;
    assert.ok(a && b && c);
    assert.ok(a.x > plot.left && c.x < plot.right, 'points keep clear of the axes');
    // 2016 is a third of the way from 2015 to 2018: uneven gaps stay uneven.
    assert.ok(Math.abs((b.x - a.x) / (c.x - a.x) - 1 / 3) < 0.01);
    assert.deepEqual(
      chart.yTicks.map((t) => t.value),
      [0, 10, 20, 30, 40],
    );
    assert.equal(chart.yTicks[0]?.y, plot.bottom);
    assert.equal(chart.yTicks.at(-1)?.y, plot.top);
    assert.equal(c.y, plot.top, 'the highest value meets the highest tick');
    assert.equal(chart.lines[0]?.segments.length, 1);
    assert.equal(chart.empty, false);
  });

  it('gives ticks a reader can add up, labelled by the caller’s formatter', () => {
    const chart = lineChart({ series: series(['2020', 0.3], ['2021', 1.7]), format: (v) => formatNumber('sv', v) });
    assert.deepEqual(
      chart.yTicks.map((t) => t.label),
      ['0', '0,5', '1', '1,5', '2'],
    );
  });

  it('draws nothing but the frame for an empty series, and says so', () => {
    const chart = lineChart({ series: series(), format: plain });
    assert.equal(chart.empty, true);
    assert.deepEqual(chart.lines[0]?.segments, []);
    assert.deepEqual(chart.xTicks, []);
    assert.ok(chart.yTicks.length >= 2 && chart.yTicks.every((t) => Number.isFinite(t.y)), 'no NaN in the SVG');
  });

  it('puts a single value in the middle of the time axis, as a point without a line', () => {
    const chart = lineChart({ series: series(['2023', 18.25]), format: plain });
    const [point] = chart.lines[0]!.markers;
    assert.ok(point);
    assert.equal(point.x, (chart.plot.left + chart.plot.right) / 2);
    assert.deepEqual(chart.lines[0]?.segments, [], 'one point is no line');
    assert.ok(Number.isFinite(point.y));
  });

  it('breaks the line where a value is missing instead of inventing one', () => {
    const chart = lineChart({ series: series(['2014', 5], ['2015', 6], ['2016', null], ['2017', 7], ['2018', 8]), format: plain });
    assert.equal(chart.lines[0]?.segments.length, 2);
    assert.equal(chart.lines[0]?.markers.length, 4);
    assert.equal(chart.xTicks.length, 5, 'the missing year keeps its place on the axis');
  });

  it('takes negative values below a zero line', () => {
    const chart = lineChart({ series: series(['2019', -12], ['2020', 4], ['2021', -3]), format: plain });
    const values = chart.yTicks.map((t) => t.value);
    assert.ok(values[0]! <= -12 && values.at(-1)! >= 4 && values.includes(0));
    const zero = chart.yTicks.find((t) => t.value === 0)!;
    const [low, high] = chart.lines[0]!.markers;
    assert.ok(low!.y > zero.y && high!.y < zero.y, 'below zero is lower on the page');
  });

  it('places a target level and a target range, and reaches the target period on the time axis', () => {
    const level = lineChart({
      series: series(['2015', 28.9], ['2016', 39]),
      targets: [{ value: 50, min: null, max: null, period: '2018' }],
      format: plain,
    });
    assert.equal(level.targets.length, 1);
    assert.equal(level.targets[0]?.y1, level.targets[0]?.y2);
    assert.deepEqual(
      level.xTicks.map((t) => t.period),
      ['2015', '2016', '2018'],
    );
    assert.equal(level.targets[0]?.x, level.xTicks.at(-1)?.x);
    assert.ok(level.yTicks.at(-1)!.value >= 50, 'the axis reaches the target');
    const band = lineChart({
      series: series(['2016H1', 9]),
      targets: [{ value: null, min: 12, max: 15, period: '2016' }],
      format: plain,
    });
    assert.ok(band.targets[0]!.y1 < band.targets[0]!.y2, 'the band runs from the upper to the lower end');
    const none = lineChart({ series: series(['2016', 9]), targets: [{ value: null, min: null, max: null, period: null }], format: plain });
    assert.deepEqual(none.targets, []);
  });

  it('is the same picture whatever the reading direction: only the labels follow the language', () => {
    const input = (lang: 'sv' | 'ar'): LineChartInput => ({
      series: [...series(['2013', 12.8], ['2023', 18.25]), { key: '1864', points: [{ period: '2023', value: 17.65 }] }],
      targets: [{ value: 20, min: null, max: null, period: '2024' }],
      format: (v) => formatNumber(lang, v, { numberingSystem: lang === 'ar' ? 'arab' : 'latn' }),
    });
    const swedish = lineChart(input('sv'));
    const arabic = lineChart(input('ar'));
    const geometry = (c: ReturnType<typeof lineChart>) => ({ ...c, yTicks: c.yTicks.map(({ value, y }) => ({ value, y })) });
    assert.deepEqual(geometry(arabic), geometry(swedish));
    assert.notEqual(arabic.yTicks[1]?.label, swedish.yTicks[1]?.label, 'the numbers are written in the language');
    const first = swedish.lines[0]!.markers[0]!;
    const last = swedish.lines[0]!.markers[1]!;
    assert.ok(first.x < last.x, 'time runs left to right');
  });

  it('spaces the period labels so they never overlap', () => {
    const months = Array.from(
      { length: 24 },
      (_, i) => [`${2015 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, i] as [string, number],
    );
    const chart = lineChart({ series: series(...months), format: plain });
    const labelled = chart.xTicks.filter((t) => t.labelled);
    assert.ok(labelled.length < months.length && labelled.length > 2);
    for (let i = 1; i < labelled.length; i++) assert.ok(labelled[i]!.x - labelled[i - 1]!.x >= 7 * 12 * 0.55);
  });
});

describe('the sparkline beside a list entry', () => {
  it('fills its box from lowest to highest, in time order', () => {
    const shape = sparkline(
      [
        { period: '2017', value: 30 },
        { period: '2015', value: 10 },
        { period: '2016', value: null },
      ],
      100,
      20,
    );
    assert.deepEqual(shape, { line: '3,17 97,3', last: { x: 97, y: 3 } });
  });

  it('is nothing without a value, a centred point with one, a level line when flat', () => {
    assert.equal(sparkline([]), null);
    assert.equal(sparkline([{ period: '2020', value: null }]), null);
    assert.deepEqual(sparkline([{ period: '2023', value: -4 }], 96, 24), { line: '48,12', last: { x: 48, y: 12 } });
    assert.equal(
      sparkline(
        [
          { period: '2020', value: 5 },
          { period: '2021', value: 5 },
        ],
        96,
        24,
      )?.line,
      '3,12 93,12',
    );
  });
});

describe('provisional values', () => {
  it('ends each kind of period on the first day after it', () => {
    assert.equal(periodEnd('2016').toISOString().slice(0, 10), '2017-01-01');
    assert.equal(periodEnd('2016H1').toISOString().slice(0, 10), '2016-07-01');
    assert.equal(periodEnd('2016Q4').toISOString().slice(0, 10), '2017-01-01');
    assert.equal(periodEnd('2016-03').toISOString().slice(0, 10), '2016-04-01');
  });

  it('counts a period not yet over, or a value its source calls preliminary, as provisional', () => {
    const today = new Date('2026-12-03T12:00:00Z');
    assert.equal(isProvisional({ period: '2026', sourceNote: null }, today), true);
    assert.equal(isProvisional({ period: '2026H2', sourceNote: null }, today), true);
    assert.equal(isProvisional({ period: '2026H1', sourceNote: null }, today), false);
    assert.equal(isProvisional({ period: '2025', sourceNote: 'Status i Kolada: Preliminärt' }, today), true);
    assert.equal(isProvisional({ period: '2023', sourceNote: 'Källa: SCB' }, today), false);
  });
});
