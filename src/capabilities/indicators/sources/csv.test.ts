import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNumber, parseTidyCsv, tidyToSourceValues } from './csv.ts';
import { fixture } from './test-support.ts';
import { SourceError } from './types.ts';

describe('parseTidyCsv', () => {
  it('reads the Open SDG shape: Year, disaggregation columns, Value; empty cells are totals', () => {
    const csv = parseTidyCsv(fixture('csv/open-sdg.csv'));
    assert.deepEqual(csv.disaggregationColumns, ['Units', 'Sex']);
    assert.deepEqual(csv.rows, [
      { year: '2023', disaggregation: { Units: 'Number' }, value: 1003 },
      { year: '2023', disaggregation: { Units: 'Number', Sex: 'Female' }, value: 499 },
      { year: '2023', disaggregation: { Units: 'Number', Sex: 'Male' }, value: 504 },
      { year: '2023', disaggregation: { Units: 'Percent' }, value: 18.25 },
    ]);
    const values = tidyToSourceValues(csv, { seriesKey: 'utrikes_fodda', municipalityCode: '1860' });
    assert.deepEqual(values[1], {
      source: 'csv',
      seriesKey: 'utrikes_fodda',
      municipalityCode: '1860',
      period: '2023',
      disaggregation: { Units: 'Number', Sex: 'Female' },
      value: 499,
    });
  });

  it('reads a Swedish Excel export: BOM, semicolons, CRLF, decimal comma, quoted separators, ".."', () => {
    const csv = parseTidyCsv(fixture('csv/swedish-semicolon.csv'));
    assert.deepEqual(csv.rows, [
      { year: '2023', municipalityCode: '1860', disaggregation: { Källa: 'RegionFakta; SCB' }, value: 18.25 },
      { year: '2023', municipalityCode: '1864', disaggregation: { Källa: 'RegionFakta; SCB' }, value: 17.65 },
      { year: '2017', municipalityCode: '2514', disaggregation: { Kön: 'kvinnor', Källa: 'RegionFakta; SCB' }, value: 12.78 },
      { year: '2018', municipalityCode: '2514', disaggregation: { Källa: 'RegionFakta; SCB' }, value: 10.76 },
      { year: '2019', municipalityCode: '2514', disaggregation: { Källa: 'RegionFakta; SCB' }, value: null },
    ]);
  });

  it('names the line and column of every problem', () => {
    assert.throws(
      () => parseTidyCsv(fixture('csv/bad.csv')),
      (e: unknown) => {
        assert.ok(e instanceof SourceError);
        assert.equal(e.kind, 'format');
        assert.equal(
          e.message,
          [
            'Filen kunde inte läsas (5 fel). Rätta filen och läs in den igen; inget har sparats.',
            'Rad 2, kolumn 1: (År) "tjugotjugotre" är inte ett år (t.ex. 2023, 2023Q2, 2023-03).',
            'Rad 3, kolumn 2: (Kommun) "18600" är inte en kommunkod med fyra siffror.',
            'Rad 4, kolumn 3: (Värde) "abc" är inte ett tal.',
            'Rad 5: raden har 2 fält men rubrikraden har 3.',
            'Rad 6, kolumn 3: (Värde) "1,234.5" är inte ett tal.',
          ].join('\n'),
        );
        assert.equal(e.problems?.length, 5);
        return true;
      },
    );
  });

  it('lists at most 20 problems and says how many more there are', () => {
    const body = ['Year,Value', ...Array.from({ length: 25 }, (_, i) => `2023,x${i}`)].join('\n');
    assert.throws(
      () => parseTidyCsv(body),
      (e: unknown) => {
        assert.ok(e instanceof SourceError);
        const lines = e.message.split('\n');
        assert.equal(lines.length, 1 + 20 + 1);
        assert.equal(lines.at(-1), '… och 5 fel till.');
        assert.equal(e.problems?.length, 25);
        return true;
      },
    );
  });

  it('requires Year and Value columns', () => {
    assert.throws(
      () => parseTidyCsv('Kommun;Antal\n1860;5\n'),
      /kolumnen Year \(eller År\) saknas[\s\S]*kolumnen Value \(eller Värde\) saknas/,
    );
    assert.throws(() => parseTidyCsv(''), { kind: 'format' });
  });

  it('restores the leading zero Excel drops and accepts "1860 Laxå"', () => {
    const csv = parseTidyCsv('År,Kommun,Värde\n2023,114,"1,5"\n2023,1860 Laxå,2\n');
    assert.deepEqual(
      csv.rows.map((r) => [r.municipalityCode, r.value]),
      [
        ['0114', 1.5],
        ['1860', 2],
      ],
    );
  });

  it('keeps a line break inside a quoted field', () => {
    const csv = parseTidyCsv('Year,Note,Value\n2023,"två\nrader",1\n2024,,2\n');
    assert.equal(csv.rows[0]?.disaggregation.Note, 'två\nrader');
    assert.equal(csv.rows[1]?.year, '2024');
  });
});

describe('parseNumber', () => {
  it('accepts Swedish and English decimals but not ambiguous ones', () => {
    assert.equal(parseNumber('1 234,5'), 1234.5);
    assert.equal(parseNumber('1234.5'), 1234.5);
    assert.equal(parseNumber('\u22123'), -3);
    assert.equal(parseNumber('1,234.5'), undefined);
    assert.equal(parseNumber('12%'), undefined);
  });
});
