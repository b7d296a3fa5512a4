import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePeriod, describeRecurrence, describeTarget, recurrenceInWords } from './words.ts';

describe('describeTarget', () => {
  it('says a value with its unit and deadline', () => {
    assert.equal(describeTarget({ value: 50, unit: '%', by: '2018' }), '50 % senast 2018');
    assert.equal(describeTarget({ value: 50, unit: '%', by: '2018' }, 'en'), '50 % by 2018');
  });
  it('says a range per period, as Österåker writes its internships', () => {
    assert.equal(describeTarget({ min: 12, max: 15, unit: 'praktikplatser', per: 'year' }), '12–15 praktikplatser per år');
    assert.equal(describeTarget({ min: 12, max: 15, unit: 'internships', per: 'year' }, 'en'), '12–15 internships a year');
  });
  it('says an open range as at least or at most', () => {
    assert.equal(describeTarget({ min: 1, unit: 'föreläsningar', by: '2015' }), 'minst 1 föreläsningar senast 2015');
    assert.equal(describeTarget({ max: 3, unit: 'veckor' }, 'en'), 'at most 3 veckor');
  });
  it('writes numbers in the language’s own way', () => {
    assert.equal(describeTarget({ value: 25000, unit: 'invånare' }), '25\u00a0000 invånare');
    assert.equal(describeTarget({ value: 12.5, unit: '%' }), '12,5 %');
    assert.equal(describeTarget({ value: 25000, unit: 'residents' }, 'en'), '25,000 residents');
  });
});

describe('describePeriod', () => {
  it('says a closed period, an open one and none', () => {
    assert.equal(describePeriod({ from: '2015', to: '2018' }), '2015–2018');
    assert.equal(describePeriod({ from: '2017-03-01', to: null }), 'från 2017-03-01 och tills vidare');
    assert.equal(describePeriod({ from: '2017-03-01', to: null }, 'en'), 'from 2017-03-01 until further notice');
    assert.equal(describePeriod({ from: null, to: '2016' }), 'till 2016');
    assert.equal(describePeriod(null), '');
  });
});

describe('recurrence in words', () => {
  it('reads the rhythm a text states, and is the inverse of describeRecurrence', () => {
    assert.equal(recurrenceInWords('Genomföra träffar kvartalsvis med SFI'), 'FREQ=MONTHLY;INTERVAL=3');
    assert.equal(recurrenceInWords('vart 2:e år'), 'FREQ=YEARLY;INTERVAL=2');
    assert.equal(recurrenceInWords('Medborgarceremoni varje år den 6 juni'), 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6');
    assert.equal(recurrenceInWords('årligen, senast 6 juni 2016'), 'FREQ=YEARLY');
    assert.equal(recurrenceInWords('inom två år efter etableringen'), null);
    for (const rule of ['FREQ=YEARLY', 'FREQ=MONTHLY;INTERVAL=6', 'FREQ=MONTHLY;INTERVAL=3', 'FREQ=MONTHLY', 'FREQ=WEEKLY', 'CONTINUOUS'])
      for (const language of ['sv', 'en'] as const)
        assert.equal(recurrenceInWords(describeRecurrence(rule, language)), rule, `${rule} ${language}`);
  });
});
