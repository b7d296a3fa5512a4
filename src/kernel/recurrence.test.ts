import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDue, describeRecurrence, expandOccurrences, normaliseRecurrence } from './recurrence.ts';

describe('describeRecurrence', () => {
  const cases: [string, string, string][] = [
    ['FREQ=MONTHLY;INTERVAL=3', 'kvartalsvis', 'quarterly'],
    ['FREQ=MONTHLY;INTERVAL=6', 'varje halvår', 'every half-year'],
    ['FREQ=YEARLY', 'årligen', 'yearly'],
    ['FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6', 'varje år den 6 juni', 'every year on 6 June'],
    ['CONTINUOUS', 'kontinuerligt', 'continuously'],
    ['FREQ=MONTHLY', 'månadsvis', 'monthly'],
    ['FREQ=YEARLY;INTERVAL=4', 'vart 4:e år', 'every 4 years'],
    ['FREQ=WEEKLY;INTERVAL=2', 'var 2:e vecka', 'every 2 weeks'],
  ];
  for (const [rule, sv, en] of cases) {
    it(`says ${rule} as "${sv}" and "${en}"`, () => {
      assert.equal(describeRecurrence(rule, 'sv'), sv);
      assert.equal(describeRecurrence(rule, 'en'), en);
    });
  }
});

describe('normaliseRecurrence', () => {
  it('accepts an RRULE with or without prefix and in any case', () => {
    assert.deepEqual(normaliseRecurrence('rrule:freq=monthly;interval=3'), { rule: 'FREQ=MONTHLY;INTERVAL=3' });
    assert.deepEqual(normaliseRecurrence('continuous'), { rule: 'CONTINUOUS' });
  });
  it('refuses text that is not a rule, naming what a rule looks like', () => {
    const result = normaliseRecurrence('kvartalsvis');
    assert.ok('error' in result && result.error.includes('FREQ='));
  });
  it('refuses an unknown frequency and sub-daily rules', () => {
    assert.ok('error' in normaliseRecurrence('FREQ=SOMETIMES'));
    assert.ok('error' in normaliseRecurrence('FREQ=HOURLY'));
  });
});

describe('describeDue', () => {
  it('says a year as "senast 2016" and a date in words', () => {
    assert.equal(describeDue('2016'), 'senast 2016');
    assert.equal(describeDue('2016-06-06'), 'senast 6 juni 2016');
    assert.equal(describeDue('2016', 'en'), 'by 2016');
  });
});

describe('expandOccurrences', () => {
  const year = (y: number) => [new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1))] as const;
  it('gives a quarterly item four occurrences in a year', () => {
    assert.equal(expandOccurrences('FREQ=MONTHLY;INTERVAL=3', ...year(2016), 2015).length, 4);
  });
  it('gives "every year on 6 June" one occurrence, on 6 June', () => {
    const dates = expandOccurrences('FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6', ...year(2017), 2015);
    assert.deepEqual(
      dates.map((d) => d.toISOString().slice(0, 10)),
      ['2017-06-06'],
    );
  });
  it('gives a half-yearly item two occurrences in a year and none for continuous work', () => {
    assert.equal(expandOccurrences('FREQ=MONTHLY;INTERVAL=6', ...year(2016), 2015).length, 2);
    assert.equal(expandOccurrences('CONTINUOUS', ...year(2016), 2015).length, 0);
  });
});
