import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../accounts/policies.ts';
import {
  addMonths,
  canChangeMatch,
  canCreateProgramme,
  canManageProgramme,
  canReadPeople,
  canSetPersonStatus,
  checkInSchedule,
  checkInState,
  checkPerson,
  cleanList,
  confirmProblems,
  countsPerYear,
  dueForErasure,
  scorePair,
  suggestMatches,
  waitedInYear,
  type Profile,
} from './rules.ts';

const profile = (over: Partial<Profile> = {}): Profile => ({
  languages: [],
  interests: [],
  area: '',
  household: 'single',
  children: 0,
  availability: [],
  ...over,
});

const actor = (role: Actor['role'], municipalityCode: string | null, userId = 'u1'): Actor => ({
  userId,
  username: userId,
  role,
  municipalityCode,
  unitIds: [],
});

describe('who sees a programme’s people', () => {
  const programme = { municipalityCode: '1860', coordinatorIds: ['u1'] };
  it('only the municipality’s coordinators assigned to the programme read people', () => {
    assert.equal(canReadPeople(actor('coordinator', '1860', 'u1'), programme), true);
    assert.equal(canReadPeople(actor('coordinator', '1860', 'u2'), programme), false, 'not assigned');
    assert.equal(canReadPeople(actor('coordinator', '2514', 'u1'), programme), false, 'another municipality');
    assert.equal(canReadPeople(actor('reporter', '1860', 'u1'), programme), false);
    assert.equal(canReadPeople(actor('reader', '1860', 'u1'), programme), false);
    assert.equal(canReadPeople(actor('admin', null, 'u1'), programme), false, 'administrators manage without reading');
    assert.equal(canReadPeople(null, programme), false);
  });
  it('administrators and assigned coordinators manage; the municipality’s coordinators create', () => {
    assert.equal(canManageProgramme(actor('admin', null), programme), true);
    assert.equal(canManageProgramme(actor('coordinator', '1860', 'u2'), programme), false);
    assert.equal(canCreateProgramme(actor('coordinator', '1860'), '1860'), true);
    assert.equal(canCreateProgramme(actor('coordinator', '1860'), '2514'), false);
    assert.equal(canCreateProgramme(actor('reporter', '1860'), '1860'), false);
    assert.equal(canCreateProgramme(null, '1860'), false);
  });
});

describe('scorePair', () => {
  it('gives a shared language the most weight and names it', () => {
    const { score, reasons } = scorePair(
      'buddy',
      profile({ languages: ['svenska', 'Arabiska'], household: 'couple' }),
      profile({ languages: ['arabiska'] }),
    );
    assert.equal(score, 35);
    assert.deepEqual(reasons, [{ code: 'language', params: { languages: 'arabiska' } }]);
  });

  it('adds interests, area, children in a friend family and a common time, up to 100', () => {
    const volunteer = profile({
      languages: ['svenska', 'dari'],
      interests: ['fotboll', 'matlagning', 'skidor', 'musik'],
      area: 'Hasselbacken',
      household: 'family',
      children: 2,
      availability: ['weekend', 'weekday_evening'],
    });
    const newcomer = profile({
      languages: ['Dari'],
      interests: ['Fotboll', 'musik', 'Matlagning'],
      area: 'hasselbacken ',
      household: 'family',
      children: 3,
      availability: ['weekend'],
    });
    const { score, reasons } = scorePair('friend_family', volunteer, newcomer);
    assert.equal(score, 100);
    assert.deepEqual(
      reasons.map((r) => r.code),
      ['language', 'interests', 'area', 'children', 'availability'],
    );
    assert.equal(reasons[1]?.params.interests, 'Fotboll, musik, Matlagning');
    assert.equal(reasons[2]?.params.area, 'hasselbacken');
  });

  it('weighs children less in a buddy pair and counts a like household without children', () => {
    const withKids = scorePair('buddy', profile({ household: 'family', children: 1 }), profile({ household: 'family', children: 2 }));
    assert.equal(withKids.score, 8);
    const singles = scorePair('buddy', profile(), profile());
    assert.deepEqual(singles, { score: 8, reasons: [{ code: 'household', params: { household: 'single' } }] });
  });

  it('scores nothing for nothing in common, and blank areas are not "the same area"', () => {
    const r = scorePair('buddy', profile({ languages: ['finska'], household: 'couple' }), profile({ languages: ['tigrinja'] }));
    assert.deepEqual(r, { score: 0, reasons: [] });
  });
});

describe('suggestMatches', () => {
  const v = (id: string, over: Partial<Profile>) => ({ id, ...profile(over) });
  it('proposes the best volunteers above the threshold per newcomer, leaving out pairs already tried', () => {
    const volunteers = [
      v('v1', { languages: ['arabiska'], area: 'Centrum' }),
      v('v2', { languages: ['arabiska'] }),
      v('v3', { languages: ['somaliska'] }),
    ];
    const newcomers = [v('n1', { languages: ['arabiska'], area: 'Centrum' })];
    const all = suggestMatches('buddy', volunteers, newcomers, []);
    assert.deepEqual(
      all.map((s) => [s.volunteerId, s.score]),
      [
        ['v1', 58],
        ['v2', 43],
      ],
    );
    const without = suggestMatches('buddy', volunteers, newcomers, [{ volunteerId: 'v1', newcomerId: 'n1' }]);
    assert.deepEqual(
      without.map((s) => s.volunteerId),
      ['v2'],
    );
    assert.equal(suggestMatches('buddy', volunteers, newcomers, [], { perNewcomer: 1 }).length, 1);
  });
});

describe('check-in schedule', () => {
  it('falls 1, 3 and 6 calendar months after confirmation, the 31st clamped to the month’s end', () => {
    assert.deepEqual(checkInSchedule('2016-08-31'), [
      { month: 1, dueOn: '2016-09-30' },
      { month: 3, dueOn: '2016-11-30' },
      { month: 6, dueOn: '2017-02-28' },
    ]);
    assert.equal(addMonths('2015-11-15', 3), '2016-02-15');
    assert.equal(addMonths('2016-01-31', 1), '2016-02-29');
  });
  it('is done, overdue, due within two weeks, upcoming, or missed once the match has ended', () => {
    assert.equal(checkInState({ dueOn: '2016-03-01', doneOn: '2016-03-05' }, '2016-06-01'), 'done');
    assert.equal(checkInState({ dueOn: '2016-03-01', doneOn: null }, '2016-03-02'), 'overdue');
    assert.equal(checkInState({ dueOn: '2016-03-01', doneOn: null }, '2016-03-01'), 'due');
    assert.equal(checkInState({ dueOn: '2016-03-15', doneOn: null }, '2016-03-01'), 'due');
    assert.equal(checkInState({ dueOn: '2016-03-16', doneOn: null }, '2016-03-01'), 'upcoming');
    assert.equal(checkInState({ dueOn: '2016-03-01', doneOn: null }, '2016-06-01', false), 'missed', 'the match ended first');
  });
});

describe('status transitions', () => {
  it('a match goes proposed → active → ended, or proposed → declined, never back', () => {
    assert.equal(canChangeMatch('proposed', 'active'), true);
    assert.equal(canChangeMatch('proposed', 'declined'), true);
    assert.equal(canChangeMatch('active', 'ended'), true);
    assert.equal(canChangeMatch('proposed', 'ended'), false);
    assert.equal(canChangeMatch('ended', 'active'), false);
    assert.equal(canChangeMatch('declined', 'active'), false);
  });
  it('matched is set and left only through a match', () => {
    assert.equal(canSetPersonStatus('waiting', 'paused'), true);
    assert.equal(canSetPersonStatus('left', 'waiting'), true);
    assert.equal(canSetPersonStatus('waiting', 'matched'), false);
    assert.equal(canSetPersonStatus('matched', 'left'), false);
    assert.equal(canSetPersonStatus('matched', 'matched'), true);
  });
  it('a match is confirmed only between two waiting people', () => {
    assert.deepEqual(confirmProblems({ status: 'waiting', erased: false }, { status: 'waiting', erased: false }), []);
    assert.deepEqual(
      confirmProblems({ status: 'matched', erased: false }, { status: 'waiting', erased: true }).map((p) => p.path),
      ['/volunteerId', '/newcomerId'],
    );
  });
});

describe('person fields', () => {
  const base = {
    side: 'newcomer' as const,
    name: 'Exempel Person',
    email: null,
    phone: null,
    languages: ['arabiska'],
    interests: [],
    area: '',
    household: 'single' as const,
    children: 0,
    availability: [],
    wishes: '',
  };
  it('names each field that is wrong', () => {
    assert.deepEqual(checkPerson(base), []);
    const problems = checkPerson({ ...base, name: ' ', email: 'nej', languages: [' '], children: 2, availability: ['night'] });
    assert.deepEqual(
      problems.map((p) => p.path),
      ['/name', '/email', '/languages', '/children', '/availability/0'],
    );
  });
  it('cleans lists of blanks and repeats', () => {
    assert.deepEqual(cleanList([' Arabiska', 'arabiska', '', 'Dari ']), ['Arabiska', 'Dari']);
  });
});

describe('retention', () => {
  it('is due after the retention months from last activity, never during an active match or twice', () => {
    const people = [
      { id: 'a', status: 'waiting' as const, lastActiveOn: '2016-01-15', erased: false },
      { id: 'b', status: 'paused' as const, lastActiveOn: '2016-01-16', erased: false },
      { id: 'c', status: 'matched' as const, lastActiveOn: '2010-01-01', erased: false },
      { id: 'd', status: 'left' as const, lastActiveOn: '2010-01-01', erased: true },
    ];
    assert.deepEqual(dueForErasure(people, 24, '2018-01-15'), ['a']);
    assert.deepEqual(dueForErasure(people, 24, '2018-01-16'), ['a', 'b']);
  });
});

describe('counts per year', () => {
  it('counts matches active in, and ended in, each year; people who waited some day of the year', () => {
    const matches = [
      { status: 'ended' as const, confirmedOn: '2015-10-01', endedOn: '2016-04-01' },
      { status: 'active' as const, confirmedOn: '2016-05-01', endedOn: null },
      { status: 'proposed' as const, confirmedOn: null, endedOn: null },
      { status: 'declined' as const, confirmedOn: null, endedOn: null },
    ];
    const people = [
      {
        side: 'newcomer' as const,
        registeredOn: '2015-09-01',
        leftOn: null,
        matches: [{ confirmedOn: '2015-10-01', endedOn: '2016-04-01' }],
      },
      { side: 'volunteer' as const, registeredOn: '2016-05-01', leftOn: null, matches: [{ confirmedOn: '2016-05-01', endedOn: null }] },
      { side: 'newcomer' as const, registeredOn: '2016-02-01', leftOn: '2016-12-01', matches: [] },
    ];
    assert.deepEqual(countsPerYear(matches, people, 2017), [
      { year: 2015, active: 1, ended: 0, waiting: 1 },
      { year: 2016, active: 2, ended: 1, waiting: 1 },
      { year: 2017, active: 1, ended: 0, waiting: 0 },
    ]);
  });
  it('a person matched the day of registering never waited; one matched later waited until then', () => {
    const p = {
      side: 'volunteer' as const,
      registeredOn: '2016-03-01',
      leftOn: null,
      matches: [{ confirmedOn: '2016-03-01', endedOn: null }],
    };
    assert.equal(waitedInYear(p, 2016), false);
    const later = { ...p, matches: [{ confirmedOn: '2017-02-01', endedOn: '2017-12-31' }] };
    assert.equal(waitedInYear(later, 2016), true);
    assert.equal(waitedInYear(later, 2017), true);
    assert.equal(waitedInYear(later, 2018), false, 'an ended match does not make the person wait again');
    assert.equal(waitedInYear({ ...p, matches: [], leftOn: '2016-12-31' }, 2017), false);
  });
});
