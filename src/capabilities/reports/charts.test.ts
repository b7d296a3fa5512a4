import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartPng } from './chart-png.ts';
import { assessmentBars, barChart, palette, statusBars, statusColours } from './charts.ts';

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
