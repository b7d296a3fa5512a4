import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePx, normalizePeriod, parsePx, pxToSourceValues } from './px.ts';
import { fixture, fixtureBytes } from './test-support.ts';
import { SourceError } from './types.ts';

describe('parsePx', () => {
  it('decodes a CHARSET="ANSI" file as Windows-1252 and reads its cube (CRLF, multi-line values)', () => {
    const bytes = fixtureBytes('px/foreign-born-ansi.px');
    assert.ok(bytes.includes(0xe5), 'the fixture holds å as the single byte 0xE5');
    const px = parsePx(new Uint8Array(bytes));
    assert.equal(px.title, 'Folkmängden efter region, födelseregion, kön och år');
    assert.equal(px.contents, 'Folkmängden');
    assert.equal(px.units, 'antal');
    assert.deepEqual(px.timeDimensions, ['år']);
    assert.deepEqual(px.dimensions, [
      { name: 'region', values: ['1860 Laxå', '1864 Ljusnarsberg'], codes: ['1860', '1864'] },
      { name: 'födelseregion', values: ['född i Sverige', 'utrikes född'], codes: ['09', '11'] },
      { name: 'kön', values: ['män', 'kvinnor'], codes: ['1', '2'] },
      { name: 'år', values: ['2023'], codes: ['2023'] },
    ]);
    assert.equal(px.rows.length, 8);
    assert.deepEqual(px.rows[3], {
      coordinates: { region: '1860 Laxå', födelseregion: 'utrikes född', kön: 'kvinnor', år: '2023' },
      value: 499,
    });
    assert.equal(px.keywords.MATRIX?.[0], 'BE0101E2');
  });

  it('maps the cube to SourceValues with gender and birth region', () => {
    const values = pxToSourceValues(parsePx(fixtureBytes('px/foreign-born-ansi.px')), { seriesKey: 'BE0101E2' });
    assert.equal(values.length, 8);
    assert.deepEqual(values[1]?.disaggregation, { födelseregion: '09', gender: 'K' });
    assert.deepEqual(values[2], {
      source: 'px',
      seriesKey: 'BE0101E2',
      municipalityCode: '1860',
      period: '2023',
      disaggregation: { födelseregion: '11', gender: 'M' },
      value: 504,
    });
    const foreignBornWomenLjusnarsberg = values.find(
      (v) => v.municipalityCode === '1864' && v.disaggregation.födelseregion === '11' && v.disaggregation.gender === 'K',
    );
    assert.equal(foreignBornWomenLjusnarsberg?.value, 402);
  });

  it('handles inline DATA, missing-value markers, quarters, Riket and county rows (UTF-8, LF)', () => {
    const px = parsePx(fixture('px/synthetic-quarters-utf8.px'));
    assert.equal(px.rows.length, 12);
    assert.deepEqual(
      px.rows.slice(0, 4).map((r) => [r.value, r.symbol]),
      [
        [12.5, undefined],
        [null, '..'],
        [3.1, undefined],
        [null, '-'],
      ],
    );
    const values = pxToSourceValues(px, { seriesKey: 'SYNT01' });
    // Riket (4 cells) and Upplands Väsby (4); the county's 4 cells are skipped.
    assert.equal(values.length, 8);
    assert.deepEqual(
      values.slice(0, 4).map((v) => [v.municipalityCode, v.period, v.disaggregation, v.value, v.note]),
      [
        ['0000', '2016Q1', {}, 12.5, undefined],
        ['0000', '2016Q2', {}, null, 'Värde saknas i källan ("..")'],
        ['0000', '2016Q1', { gender: 'K' }, 3.1, undefined],
        ['0000', '2016Q2', { gender: 'K' }, null, 'Källan anger "-" (noll eller inget att redovisa)'],
      ],
    );
    assert.deepEqual(values[4], {
      source: 'px',
      seriesKey: 'SYNT01',
      municipalityCode: '0114',
      period: '2016Q1',
      disaggregation: {},
      value: 4,
    });
  });

  it('reads the same file given as UTF-8 text or as bytes, and with DATA on its own line', () => {
    const text = new TextDecoder('windows-1252').decode(fixtureBytes('px/foreign-born-ansi.px'));
    assert.deepEqual(parsePx(text).rows, parsePx(fixtureBytes('px/foreign-born-ansi.px')).rows);
    assert.equal(decodePx(new TextEncoder().encode('\uFEFFTITLE="Åå";')), 'TITLE="Åå";');
  });

  it('collects the problems of a broken file into one Swedish format error', () => {
    assert.throws(
      () => parsePx(fixture('px/bad.px')),
      (e: unknown) => {
        assert.ok(e instanceof SourceError);
        assert.equal(e.kind, 'format');
        assert.match(e.message, /^PX-filen kunde inte läsas:/);
        assert.match(e.message, /VALUES saknas för variabeln "år"/);
        assert.match(e.message, /CODES\("region"\) har 1 koder men VALUES har 2/);
        return true;
      },
    );
    const wrongCount = 'STUB="region";\r\nVALUES("region")="1860 Laxå","1864 Ljusnarsberg";\r\nDATA=\r\n1 2 3;';
    assert.throws(() => parsePx(wrongCount), /Rad 3: DATA har 3 celler men variablerna ger 2 \(2\)/);
    assert.throws(() => parsePx('STUB="region";\nVALUES("region")="1860";\nDATA=\nabc;'), /Rad 4: cellen "abc"/);
    assert.throws(() => parsePx('STUB="r";\nVALUES("r")="1860";\nKEYS("r")=CODES;\nDATA=\n"1860" 1;'), /KEYS stöds inte/);
  });

  it('says which dimension it could not find', () => {
    const px = parsePx('HEADING="kön";\nVALUES("kön")="män","kvinnor";\nDATA=1 2;');
    assert.throws(() => pxToSourceValues(px, { seriesKey: 'x' }), /hittar ingen regionvariabel[\s\S]*hittar ingen tidsvariabel/);
    assert.throws(
      () => pxToSourceValues(px, { seriesKey: 'x', regionDimension: 'kommun', timeDimension: 'år' }),
      /variabeln "kommun" finns inte/,
    );
  });
});

describe('normalizePeriod', () => {
  it('turns PX and PxWeb period codes into SourceValue periods', () => {
    assert.equal(normalizePeriod('2016'), '2016');
    assert.equal(normalizePeriod('2016K2'), '2016Q2');
    assert.equal(normalizePeriod('2016Q2'), '2016Q2');
    assert.equal(normalizePeriod('2016M03'), '2016-03');
    assert.equal(normalizePeriod('2016-03'), '2016-03');
    assert.equal(normalizePeriod('2016H1'), '2016H1');
    assert.equal(normalizePeriod('2016M13'), undefined);
    assert.equal(normalizePeriod('tjugohundra'), undefined);
  });
});
