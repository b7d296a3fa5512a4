import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterQuery, hasFilters, isFree, isoWeekday, matchesText, pageSlice, readFilters } from './catalogue-filters.ts';

describe('the public catalogue search', () => {
  it('reads the form, empty fields meaning no filter', () => {
    const { filters, problems } = readFilters({
      q: ' kaffe ',
      category: 'sport',
      language: 'AR',
      age: '12',
      day: '2',
      free: '1',
      page: '3',
    });
    assert.deepEqual(problems, []);
    assert.equal(filters.q, 'kaffe');
    assert.equal(filters.category, 'sport');
    assert.equal(filters.language, 'ar');
    assert.equal(filters.age, 12);
    assert.equal(filters.day, 2);
    assert.equal(filters.free, true);
    assert.equal(filters.page, 3);
    const empty = readFilters({});
    assert.equal(hasFilters(empty.filters), false);
    assert.equal(filterQuery(empty.filters), '');
  });

  it('names the field of every malformed value instead of failing', () => {
    const { problems } = readFilters({
      category: 'dans',
      language: 'svenska',
      age: '-1',
      day: '8',
      from: '2026-02-30',
      to: 'x',
      page: '0',
    });
    assert.deepEqual(
      problems.map((p) => `${p.field}:${p.kind}`),
      ['category:choice', 'language:choice', 'age:age', 'day:choice', 'from:date', 'to:date', 'page:page'],
    );
    assert.deepEqual(
      readFilters({ from: '2026-03-01', to: '2026-02-01' }).problems.map((p) => p.kind),
      ['order'],
    );
    assert.deepEqual(
      readFilters({ from: '2026-01-01', to: '2027-06-01' }).problems.map((p) => p.kind),
      ['tooLong'],
    );
  });

  it('reproduces the filters in links, the page number last and page 1 left out', () => {
    const { filters } = readFilters({ q: 'fika & prat', free: 'on', page: '2' });
    assert.equal(filterQuery(filters), '?q=fika+%26+prat&free=1&page=2');
    assert.equal(filterQuery(filters, 1), '?q=fika+%26+prat&free=1');
  });

  it('counts days of the week from Monday', () => {
    assert.equal(isoWeekday('2026-12-07'), 1);
    assert.equal(isoWeekday('2026-12-13'), 7);
  });

  it('takes an activity as free only when its cost says so', () => {
    assert.ok(isFree('Gratis'));
    assert.ok(isFree('Gratis, material ingår'));
    assert.ok(isFree('Kostnadsfritt för alla'));
    assert.ok(isFree('0 kr'));
    assert.ok(!isFree('50 kr för maten'));
    assert.ok(!isFree(''));
    assert.ok(!isFree('100 kr, gratis för barn'));
  });

  it('finds every word in the Swedish, the target group, the organiser or the translation', () => {
    const a = {
      title: 'Språkcafé',
      description: '<p>Träna <strong>svenska</strong></p>',
      targetGroup: 'Vuxna',
      organiser: 'Laxå Språkvänner',
      placeName: 'Biblioteket',
      address: 'Storgatan 1',
      translated: { title: 'مقهى اللغة' },
    };
    assert.ok(matchesText(a, 'SVENSKA vuxna'));
    assert.ok(matchesText(a, 'språkvänner biblioteket'));
    assert.ok(matchesText(a, 'مقهى'));
    assert.ok(!matchesText(a, 'svenska fotboll'));
    assert.ok(matchesText(a, '  '));
  });

  it('cuts results into pages and knows a page beyond the last', () => {
    assert.deepEqual(pageSlice(23, 3, 10), { page: 3, pages: 3, start: 20, end: 23, outOfRange: false });
    assert.equal(pageSlice(23, 4, 10).outOfRange, true);
    assert.deepEqual(pageSlice(0, 1, 10), { page: 1, pages: 1, start: 0, end: 0, outOfRange: false });
  });
});
