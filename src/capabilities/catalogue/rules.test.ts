import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import rrule from 'rrule';
import type { Actor } from '../accounts/policies.ts';
import {
  addDays,
  canEditActivity,
  canModerate,
  canReadActivity,
  checkActivity,
  countByItemAndYear,
  expandSchedule,
  matchesSearch,
  occursOn,
  plainText,
  sanitiseDescription,
  statusAfterEdit,
  stockholmDay,
  type ActivityFields,
  type Schedule,
  type Searchable,
} from './rules.ts';

const weekly: Schedule = { startDate: '2026-03-03', startTime: '18:00', durationMinutes: 90, rrule: 'FREQ=WEEKLY', until: null };

describe('occurrences', () => {
  it('keeps 18:00 local across the change to and from summer time', () => {
    const spring = expandSchedule(weekly, [], { from: '2026-03-20', to: '2026-04-05' });
    assert.deepEqual(
      spring.map((o) => [o.date, o.startLocal.slice(11), o.start]),
      [
        ['2026-03-24', '18:00', '2026-03-24T17:00:00.000Z'],
        ['2026-03-31', '18:00', '2026-03-31T16:00:00.000Z'],
      ],
    );
    const autumn = expandSchedule(weekly, [], { from: '2026-10-20', to: '2026-10-31' });
    assert.deepEqual(
      autumn.map((o) => o.start),
      ['2026-10-20T16:00:00.000Z', '2026-10-27T17:00:00.000Z'],
    );
    assert.equal(autumn[0]?.end, '2026-10-20T17:30:00.000Z');
  });

  it('a one-off is one occurrence, inside the window only', () => {
    const once: Schedule = { startDate: '2026-06-06', startTime: '13:00', durationMinutes: 120, rrule: null, until: null };
    assert.equal(expandSchedule(once, [], { from: '2026-06-01', to: '2026-06-30' }).length, 1);
    assert.equal(expandSchedule(once, [], { from: '2026-07-01', to: '2026-07-30' }).length, 0);
    assert.equal(expandSchedule(once, [], { from: '2026-06-01', to: '2026-06-30' })[0]?.start, '2026-06-06T11:00:00.000Z');
  });

  it('drops past occurrences, marks cancelled ones, stops at until and never runs before the start', () => {
    const now = new Date('2026-03-17T17:30:00Z'); // 18:30 local, the activity of 17 March still runs
    const list = expandSchedule(weekly, [{ date: '2026-03-24', reason: 'Påsklov' }], { from: '2026-02-01', to: '2026-04-01' }, now);
    assert.deepEqual(
      list.map((o) => [o.date, o.cancelled, o.cancelReason]),
      [
        ['2026-03-17', false, null],
        ['2026-03-24', true, 'Påsklov'],
        ['2026-03-31', false, null],
      ],
    );
    const until = expandSchedule({ ...weekly, until: '2026-03-10' }, [], { from: '2026-01-01', to: '2026-12-31' });
    assert.deepEqual(
      until.map((o) => o.date),
      ['2026-03-03', '2026-03-10'],
    );
  });

  it('expands a rule again for the same window with that call’s cancellations, end date and clock', () => {
    const window = { from: '2026-02-01', to: '2026-04-01' };
    const first = expandSchedule(weekly, [{ date: '2026-03-24', reason: 'Påsklov' }], window);
    const again = expandSchedule(weekly, [], window, new Date('2026-03-17T17:30:00Z'));
    const ended = expandSchedule({ ...weekly, until: '2026-03-03' }, [], window);
    assert.ok(first.some((o) => o.cancelled));
    assert.deepEqual(
      again.map((o) => [o.date, o.cancelled]),
      [
        ['2026-03-17', false],
        ['2026-03-24', false],
        ['2026-03-31', false],
      ],
    );
    assert.deepEqual(
      ended.map((o) => o.date),
      first.filter((o) => o.date <= '2026-03-03').map((o) => o.date),
    );
    assert.deepEqual(expandSchedule(weekly, [], window), expandSchedule({ ...weekly }, [], { ...window }));
  });
  it('yearly on 6 June and by weekday', () => {
    const ceremony: Schedule = { startDate: '2015-06-06', startTime: '11:00', durationMinutes: 60, rrule: 'FREQ=YEARLY', until: null };
    assert.deepEqual(
      expandSchedule(ceremony, [], { from: '2015-01-01', to: '2017-12-31' }).map((o) => o.date),
      ['2015-06-06', '2016-06-06', '2017-06-06'],
    );
    const twice: Schedule = { ...weekly, rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' };
    assert.deepEqual(
      expandSchedule(twice, [], { from: '2026-03-02', to: '2026-03-08' }).map((o) => o.date),
      ['2026-03-03', '2026-03-05'],
    );
    assert.equal(occursOn(twice, '2026-03-05'), true);
    assert.equal(occursOn(twice, '2026-03-06'), false);
  });

  it('expands a long-running weekly or daily rule to the same occurrences as rrule from its first day', () => {
    // The expansion starts such rules a whole number of periods later, near the window (a search would otherwise
    // iterate every week since the activity began): checked against rrule itself, started on the first day.
    const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2018-01-01', n));
    fc.assert(
      fc.property(
        fc.record({
          freq: fc.constantFrom('WEEKLY', 'DAILY'),
          interval: fc.integer({ min: 1, max: 4 }),
          byday: fc.uniqueArray(fc.constantFrom(...days), { maxLength: 3 }),
          start: day,
          time: fc.constantFrom('00:30', '09:00', '18:00', '23:45'),
          from: day,
          length: fc.integer({ min: 0, max: 120 }),
        }),
        ({ freq, interval, byday, start, time, from, length }) => {
          const rule = `FREQ=${freq};INTERVAL=${interval}${byday.length > 0 ? `;BYDAY=${byday.join(',')}` : ''}`;
          const window = { from, to: addDays(from, length) };
          const expected = rrule
            .rrulestr(rule, { dtstart: new Date(`${start}T${time}:00Z`) })
            .between(new Date(`${window.from}T00:00:00Z`), new Date(`${window.to}T23:59:00Z`), true)
            .map((wall) => wall.toISOString().slice(0, 16))
            .filter((local) => local.slice(0, 10) >= start);
          const schedule: Schedule = { startDate: start, startTime: time, durationMinutes: 60, rrule: rule, until: null };
          assert.deepEqual(
            expandSchedule(schedule, [], window).map((o) => o.startLocal),
            expected,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('knows Stockholm days and adds days', () => {
    assert.equal(stockholmDay(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
    assert.equal(addDays('2026-12-30', 3), '2027-01-02');
  });
});

describe('text', () => {
  it('keeps the little HTML allowed and strips scripts, handlers and other tags', () => {
    const clean = sanitiseDescription(
      '<p onclick="x()">Hej <strong>alla</strong><script>alert(1)</script></p><img src=x onerror=alert(1)><ul><li><a href="https://laxa.se" target="_blank">Läs</a></li></ul><a href="javascript:alert(1)">x</a>',
    );
    assert.equal(
      clean,
      '<p>Hej <strong>alla</strong></p><ul><li><a href="https://laxa.se" rel="noopener noreferrer">Läs</a></li></ul><a rel="noopener noreferrer">x</a>',
    );
    assert.equal(plainText('  Språk<b>café</b> <script>alert(1)</script> '), 'Språkcafé');
  });
});

describe('validation', () => {
  const base: ActivityFields = {
    title: 'Språkcafé',
    category: 'language',
    ageMin: null,
    ageMax: null,
    languages: ['sv', 'ar'],
    translations: { en: { title: 'Language café', description: '' } },
    schedule: weekly,
  };
  it('accepts a sound activity', () => assert.deepEqual(checkActivity(base), []));
  it('names each problem by its field', () => {
    const problems = checkActivity({
      ...base,
      title: '<b></b>',
      category: 'x',
      ageMin: 10,
      ageMax: 5,
      languages: ['Arabic'],
      translations: { sv: { title: 'x', description: '' } },
      schedule: { startDate: '2026-02-30', startTime: '25:00', durationMinutes: 0, rrule: 'FREQ=HOURLY', until: '2020-01-01' },
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      [
        '/title',
        '/category',
        '/ageMax',
        '/languages/0',
        '/translations/sv',
        '/startDate',
        '/startTime',
        '/durationMinutes',
        '/until',
        '/rrule',
      ],
    );
    assert.deepEqual(
      checkActivity({ ...base, schedule: { ...weekly, rrule: 'CONTINUOUS' } }).map((p) => p.path),
      ['/rrule'],
    );
    assert.deepEqual(
      checkActivity({ ...base, schedule: { ...weekly, rrule: null, until: '2026-12-01' } }).map((p) => p.path),
      ['/until'],
    );
  });
});

describe('search', () => {
  const cafe: Searchable = {
    title: 'Språkcafé',
    description: '<p>Prata svenska över en fika.</p>',
    translations: { en: { title: 'Language café', description: '<p>Practise Swedish over coffee.</p>' } },
    category: 'language',
    languages: ['sv', 'ar', 'so'],
    placeName: 'Laxå bibliotek',
    address: 'Storgatan 1, Laxå',
    ageMin: 16,
    ageMax: null,
  };
  it('filters by category, language, place and age overlap', () => {
    assert.equal(matchesSearch(cafe, {}), true);
    assert.equal(matchesSearch(cafe, { category: 'language', language: 'ar' }), true);
    assert.equal(matchesSearch(cafe, { category: 'sport' }), false);
    assert.equal(matchesSearch(cafe, { language: 'ti' }), false);
    assert.equal(matchesSearch(cafe, { place: 'BIBLIOTEK' }), true);
    assert.equal(matchesSearch(cafe, { place: 'Hasselfors' }), false);
    assert.equal(matchesSearch(cafe, { ageFrom: 12, ageTo: 15 }), false);
    assert.equal(matchesSearch(cafe, { ageFrom: 15, ageTo: 16 }), true);
    assert.equal(matchesSearch(cafe, { ageFrom: 70 }), true);
  });
  it('finds free text in Swedish, or in the reader’s language', () => {
    assert.equal(matchesSearch(cafe, { q: 'fika svenska' }), true);
    assert.equal(matchesSearch(cafe, { q: 'coffee' }), false);
    assert.equal(matchesSearch(cafe, { q: 'coffee', lang: 'en' }), true);
    assert.equal(matchesSearch(cafe, { q: 'storgatan' }), true);
    assert.equal(matchesSearch(cafe, { q: 'fika fotboll' }), false);
  });
});

describe('counting for follow-up', () => {
  it('counts held activities and occurrences per item and year', () => {
    const occ = (date: string, cancelled = false) => ({ date, startLocal: '', start: '', end: '', cancelled, cancelReason: null });
    const counts = countByItemAndYear([
      { itemIds: ['a'], occurrences: [occ('2015-06-06'), occ('2016-06-06')] },
      { itemIds: ['a', 'b'], occurrences: [occ('2015-09-01'), occ('2015-09-08'), occ('2016-01-05', true)] },
    ]);
    assert.deepEqual(counts.get('a'), [
      { year: 2015, activities: 2, occurrences: 3 },
      { year: 2016, activities: 1, occurrences: 1 },
    ]);
    assert.deepEqual(counts.get('b'), [{ year: 2015, activities: 1, occurrences: 2 }]);
  });
});

describe('who may do what', () => {
  const actor = (role: Actor['role'], municipalityCode: string | null, unitIds: string[] = []): Actor => ({
    userId: 'u',
    username: 'u',
    role,
    municipalityCode,
    unitIds,
  });
  const activity = { municipalityCode: '1860', organiserUnitId: 'unit-1', status: 'pending' as const };
  it('coordinator moderates her municipality; reporter edits her unit’s; the public reads published only', () => {
    assert.equal(canModerate(actor('coordinator', '1860'), '1860'), true);
    assert.equal(canModerate(actor('coordinator', '1864'), '1860'), false);
    assert.equal(canModerate(actor('reporter', '1860', ['unit-1']), '1860'), false);
    assert.equal(canEditActivity(actor('reporter', '1860', ['unit-1']), activity), true);
    assert.equal(canEditActivity(actor('reporter', '1860', ['unit-2']), activity), false);
    assert.equal(canEditActivity(actor('reporter', '1860', ['unit-1']), { ...activity, organiserUnitId: null }), false);
    assert.equal(canEditActivity(actor('admin', null), activity), true);
    assert.equal(canReadActivity(null, activity), false);
    assert.equal(canReadActivity(null, { ...activity, status: 'published' }), true);
    assert.equal(canReadActivity(actor('reader', '1860'), activity), false);
  });
  it('an organiser’s edit of a published activity goes back for moderation; the coordinator’s does not', () => {
    assert.equal(statusAfterEdit('published', false), 'pending');
    assert.equal(statusAfterEdit('published', true), 'published');
    assert.equal(statusAfterEdit('rejected', false), 'rejected');
  });
});
