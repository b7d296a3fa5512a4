import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartPng } from './chart-png.ts';
import { assessmentBars, barChart, lineChartSvg, palette, statusBars, statusColours } from './charts.ts';
import type { IndicatorSeries } from './model.ts';

const statusCounts = { done: 12, in_progress: 8, not_started: 3, delayed: 2, cancelled: 1, not_reported: 4 };

describe('barChart', () => {
  it('writes every label and every count with its share', () => {
    const chart = barChart(statusBars(statusCounts));
    for (const label of ['Genomförd', 'Pågår', 'Ej påbörjad', 'Försenad', 'Avbruten', 'Ej rapporterad']) {
      assert.ok(chart.svg.includes(`>${label}</text>`), label);
    }
    assert.ok(chart.svg.includes('>12 (40\u00a0%)</text>'));
    assert.ok(chart.svg.includes('>4 (13\u00a0%)</text>'));
    assert.match(chart.description, /Genomförd: 12 \(40\u00a0%\)/);
    assert.ok(chart.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  });

  it('gives the longest bar the full width and the others their proportion', () => {
    const chart = barChart([
      { label: 'A', value: 10, colour: '#000000' },
      { label: 'B', value: 5, colour: '#000000' },
    ]);
    const widths = [...chart.svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="16"/g)].map((m) => Number(m[1]));
    assert.equal(widths.length, 2);
    assert.ok(Math.abs(widths[0]! / widths[1]! - 2) < 0.01, String(widths));
  });

  it('copes with zero counts, and with nothing counted at all', () => {
    const some = barChart(statusBars({ ...statusCounts, delayed: 0 }));
    assert.ok(some.svg.includes('>Försenad</text>'));
    assert.ok(some.svg.includes('>0 (0\u00a0%)</text>'));
    const none = barChart(assessmentBars({ met: 0, partly_met: 0, not_met: 0, not_assessed: 0 }));
    assert.ok(!none.svg.includes('NaN') && !none.svg.includes('Infinity'));
    assert.equal([...none.svg.matchAll(/>0<\/text>/g)].length, 4);
    assert.ok(none.svg.includes('>Delvis uppfyllt</text>'));
  });

  it('escapes labels as XML', () => {
    const chart = barChart([{ label: 'Barn & unga <18', value: 1, colour: '#000000' }]);
    assert.ok(chart.svg.includes('Barn &amp; unga &lt;18'));
  });

  it('colours statuses as traffic lights: greens for progress, yellow, red, greys for no news', () => {
    assert.equal(statusColours.done, palette.darkGreen);
    assert.equal(statusColours.in_progress, palette.lightGreen);
    assert.equal(statusColours.not_started, palette.yellow);
    assert.equal(statusColours.delayed, palette.red);
    assert.equal(statusColours.cancelled, palette.darkGrey);
    assert.equal(statusColours.not_reported, palette.lightGrey);
    assert.equal(new Set(Object.values(statusColours)).size, 6);
  });
});

describe('chartPng', () => {
  it('rasterises a chart at twice its size with the embedded font', async () => {
    const chart = barChart(statusBars(statusCounts));
    const png = await chartPng(chart);
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    assert.equal(png.readUInt32BE(16), chart.width * 2);
    assert.equal(png.readUInt32BE(20), chart.height * 2);
  });

  it('draws the text: without a font resvg leaves it out silently', async () => {
    const bars = statusBars(statusCounts);
    const withText = await chartPng(barChart(bars));
    const withoutText = await chartPng({ ...barChart(bars), svg: barChart(bars).svg.replace(/<text[^>]*>[^<]*<\/text>/g, '') });
    assert.ok(withText.length > withoutText.length * 1.2, `${withText.length} vs ${withoutText.length}`);
  });
});

const share: IndicatorSeries = {
  title: 'Andel i arbete eller studier',
  unit: '%',
  reference: 'Delmål 1.1',
  points: [
    { period: '2013', value: 31.2 },
    { period: '2014', value: 33.5 },
    { period: '2015', value: null },
    { period: '2016', value: 38.4 },
  ],
  baseline: { period: '2013', value: 31.2 },
  target: { value: 50, min: null, max: null, period: '2018' },
  status: 'Måttliga framsteg – behöver öka takten',
  source: 'Källa: SCB',
};

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const circles = (svg: string) =>
  [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
const polylines = (svg: string) => [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1]!.split(' ').length);

describe('lineChartSvg', () => {
  it('writes the periods, the values with a decimal comma, the unit and the target, with a title and a description', () => {
    const chart = lineChartSvg(share);
    const words = texts(chart.svg);
    for (const label of [
      '2013',
      '2014',
      '2015',
      '2016',
      '2018',
      '33,5',
      '38,4',
      '31,2',
      'Procent',
      'Mål 2018: 50\u00a0%',
      'Utgångsvärde',
      'Mål',
    ])
      assert.ok(words.includes(label), label);
    assert.ok(chart.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"') && chart.svg.includes('role="img"'));
    assert.match(chart.svg, /<title id="([\w-]+)">Andel i arbete eller studier \(Delmål 1\.1\)<\/title><desc id="[\w-]+">/);
    assert.match(
      chart.description,
      /2014: 33,5\u00a0%; 2015: uppgift saknas; 2016: 38,4\u00a0%\. Utgångsvärde 2013: 31,2\u00a0%\. Mål 2018: 50\u00a0%\./,
    );
    assert.ok(!chart.svg.includes('NaN') && !chart.svg.includes('Infinity'));
  });

  it('starts the value axis at 0 with round ticks, but not for values far from 0', () => {
    assert.ok(['0', '20', '40', '60'].every((t) => texts(lineChartSvg(share).svg).includes(t)));
    const population = lineChartSvg({
      ...share,
      unit: 'invånare',
      points: [
        { period: '2014', value: 24120 },
        { period: '2015', value: 25630 },
      ],
      baseline: null,
      target: { value: null, min: null, max: null, period: null },
    });
    const ticks = texts(population.svg);
    assert.ok(!ticks.includes('0') && ticks.includes('24\u00a0000') && ticks.includes('26\u00a0000'), ticks.join(' | '));
    assert.ok(ticks.includes('Invånare'));
  });

  it('draws a target value as a dashed line and a range as a band with dashed edges', () => {
    const line = lineChartSvg(share);
    assert.equal([...line.svg.matchAll(/<line [^>]*stroke-dasharray="6 4"/g)].length, 2, 'the line and its legend');
    const range = lineChartSvg({ ...share, target: { value: null, min: 45, max: 55, period: '2018' } });
    assert.ok(texts(range.svg).includes('Mål 2018: 45–55\u00a0%'));
    assert.ok(texts(range.svg).includes('Målintervall'));
    const band = /<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="#(?!FFFFFF)[0-9A-F]{6}"\/>/.exec(range.svg);
    assert.ok(band, 'a tinted band');
    const edges = [
      ...range.svg.matchAll(
        /<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="[\d.]+" stroke="#1A7F5A" stroke-width="1" stroke-dasharray="4 3"/g,
      ),
    ];
    assert.equal(edges.length, 2);
    assert.ok(Math.abs(Number(edges[1]![1]) - Number(band[1])) < 0.2, 'the upper edge bounds the band');
    const floor = lineChartSvg({ ...share, target: { value: null, min: 45, max: null, period: null } });
    assert.ok(texts(floor.svg).includes('Mål: minst 45\u00a0%'));
  });

  it('leaves a gap for a missing value and marks the baseline with its own shape', () => {
    const chart = lineChartSvg(share);
    // 2013–2014 is one line; 2016 stands alone after the missing 2015.
    assert.deepEqual(polylines(chart.svg), [2]);
    assert.equal(circles(chart.svg).length, 3, '2014, 2016 and the legend; 2013 is the baseline');
    assert.ok(chart.svg.includes('width="8" height="8" fill="#FFFFFF"'), 'a hollow square for the baseline');
    const fromPlan = lineChartSvg({ ...share, baseline: { period: '2012', value: 28 } });
    assert.ok(texts(fromPlan.svg).includes('2012') && texts(fromPlan.svg).includes('28'));
    assert.deepEqual(polylines(fromPlan.svg), [2], 'a baseline from the plan is not joined to the line');
  });

  it('places periods in time: halves, quarters and months', () => {
    const chart = lineChartSvg({
      ...share,
      points: [
        { period: '2016', value: 1 },
        { period: '2016-04', value: 2 },
        { period: '2016H2', value: 3 },
        { period: '2017', value: 4 },
      ],
      baseline: null,
      target: { value: null, min: null, max: null, period: null },
    });
    const xs = circles(chart.svg)
      .slice(0, 4)
      .map((c) => c.x);
    const quarter = (xs[3]! - xs[0]!) / 4;
    assert.ok(Math.abs(xs[1]! - xs[0]! - quarter) < 0.2 && Math.abs(xs[2]! - xs[0]! - 2 * quarter) < 0.2, xs.join(' '));
    const q3 = lineChartSvg({
      ...share,
      points: [
        { period: '2016Q3', value: 1 },
        { period: '2016H2', value: 2 },
        { period: '2017', value: 3 },
      ],
    });
    const [a, b] = circles(q3.svg);
    assert.equal(a!.x, b!.x, '2016Q3 and 2016H2 are the same point in time');
  });

  it('draws a single point in the middle, and says so when there is nothing to draw', () => {
    const one = lineChartSvg({
      ...share,
      points: [{ period: '2016', value: 38.4 }],
      baseline: null,
      target: { value: null, min: null, max: null, period: null },
    });
    assert.equal(polylines(one.svg).length, 0);
    const axis = /<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="\2" stroke="#333333"/.exec(one.svg)!;
    assert.ok(Math.abs(circles(one.svg)[0]!.x - (Number(axis[1]) + Number(axis[3])) / 2) < 0.1, 'in the middle of the time axis');
    assert.ok(texts(one.svg).includes('38,4') && texts(one.svg).includes('2016'));
    assert.ok(!one.svg.includes('NaN'));

    const none = lineChartSvg({
      ...share,
      points: [
        { period: '2015', value: null },
        { period: '2016', value: null },
      ],
      baseline: null,
    });
    assert.ok(texts(none.svg).includes('Inga värden att visa'));
    assert.equal(circles(none.svg).length, 0);
    assert.equal(polylines(none.svg).length, 0);
    assert.ok(texts(none.svg).includes('Mål 2018: 50\u00a0%'), 'the target is still shown');
    assert.ok(!none.svg.includes('NaN') && !none.svg.includes('Infinity'));
    assert.match(none.description, /2015: uppgift saknas; 2016: uppgift saknas/);

    const empty = lineChartSvg({ ...share, points: [], baseline: null, target: { value: null, min: null, max: null, period: null } });
    assert.ok(texts(empty.svg).includes('Inga värden att visa') && !empty.svg.includes('NaN'));
  });

  it('rasterises with the embedded font', async () => {
    const chart = lineChartSvg(share);
    const png = await chartPng(chart);
    assert.equal(png.readUInt32BE(16), chart.width * 2);
    assert.equal(png.readUInt32BE(20), chart.height * 2);
  });
});
