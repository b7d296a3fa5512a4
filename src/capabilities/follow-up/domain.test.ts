import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cadenceOf, periodContaining, periodLabel, proposeCycle } from './periods.ts';
import { assessmentOfScore, proposeAssessment, summarize, targetMet, type ReportFacts } from './rollup.ts';
import { occurrencesIn, reconcileTasks, tasksForCycle, type ScopeItem } from './scope.ts';
import { checkEntry, movement, nextState } from './workflow.ts';

const year2016 = { from: '2016-01-01', to: '2016-12-31' };
const h1 = { from: '2016-01-01', to: '2016-06-30' };
const h2 = { from: '2016-07-01', to: '2016-12-31' };
const none = { anchorYear: 2015, finishedItemIds: new Set<string>() };

const item = (over: Partial<ScopeItem>): ScopeItem => ({
  id: 'i',
  kind: 'activity',
  due: null,
  recurrence: null,
  period: null,
  unitIds: ['u1'],
  ...over,
});

describe('periods', () => {
  test('the period containing a date, per cadence', () => {
    assert.deepEqual(periodContaining('year', '2016-05-04'), year2016);
    assert.deepEqual(periodContaining('half-year', '2016-07-01'), h2);
    assert.deepEqual(periodContaining('quarter', '2016-02-29'), { from: '2016-01-01', to: '2016-03-31' });
    assert.deepEqual(periodContaining('month', '2016-02-10'), { from: '2016-02-01', to: '2016-02-29' });
  });
  test('labels in Swedish and English', () => {
    assert.equal(periodLabel(year2016), '2016');
    assert.equal(periodLabel(h2), 'Halvår 2 2016');
    assert.equal(periodLabel({ from: '2016-04-01', to: '2016-06-30' }), 'Kvartal 2 2016');
    assert.equal(periodLabel(h1, 'en'), 'First half of 2016');
    assert.equal(periodLabel({ from: '2016-03-01', to: '2016-09-30' }), '2016-03-01 – 2016-09-30');
    assert.equal(cadenceOf({ from: '2016-03-01', to: '2016-09-30' }), null);
  });
  test('the rule proposes the last whole period, then the one after the last cycle', () => {
    const first = proposeCycle(['year'], '2017-01-10', null);
    assert.deepEqual(first.period, year2016);
    assert.equal(first.deadline, '2017-01-31');
    const next = proposeCycle(['half-year'], '2017-01-10', h1);
    assert.deepEqual(next.period, h2);
    assert.equal(next.label, 'Halvår 2 2016');
    // Never a deadline in the past: at least two weeks from today.
    assert.equal(proposeCycle(['year'], '2026-12-02', year2016).deadline, '2026-12-16');
  });
});

describe('scope of a cycle', () => {
  test('a quarterly item has four occurrences in a year, one in a quarter', () => {
    const rule = 'FREQ=MONTHLY;INTERVAL=3';
    assert.equal(occurrencesIn(rule, year2016, 2015).length, 4);
    assert.deepEqual(occurrencesIn(rule, { from: '2016-04-01', to: '2016-06-30' }, 2015), ['2016-04-01']);
  });
  test('"every year on 6 June" once a year; "at least once a half-year" once per half-year', () => {
    assert.deepEqual(occurrencesIn('FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6', year2016, 2015), ['2016-06-06']);
    assert.deepEqual(occurrencesIn('FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6', h2, 2015), []);
    assert.equal(occurrencesIn('FREQ=MONTHLY;INTERVAL=6', h1, 2015).length, 1);
    assert.equal(occurrencesIn('FREQ=MONTHLY;INTERVAL=6', h2, 2015).length, 1);
    assert.equal(occurrencesIn('FREQ=MONTHLY;INTERVAL=6', year2016, 2015).length, 2);
  });
  test('a rhythm without days of its own covers its whole interval: a yearly item is reported in both half-years', () => {
    assert.deepEqual(occurrencesIn('FREQ=YEARLY', h1, 2015), ['2016-01-01']);
    assert.deepEqual(occurrencesIn('FREQ=YEARLY', h2, 2015), ['2016-01-01']);
    assert.deepEqual(occurrencesIn('FREQ=MONTHLY;INTERVAL=3', { from: '2016-02-01', to: '2016-02-29' }, 2015), ['2016-01-01']);
    // Before the rule starts there is nothing to report.
    assert.deepEqual(occurrencesIn('FREQ=YEARLY', { from: '2014-07-01', to: '2014-12-31' }, 2015), []);
    assert.deepEqual(occurrencesIn('FREQ=YEARLY;COUNT=1', { from: '2016-07-01', to: '2016-12-31' }, 2015), []);
  });
  test('a recurrence crossing the period boundary counts only what falls inside, both ends included', () => {
    const period = { from: '2016-06-06', to: '2017-06-06' };
    assert.deepEqual(occurrencesIn('FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6', period, 2015), ['2016-06-06', '2017-06-06']);
    assert.deepEqual(occurrencesIn('FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6;UNTIL=20161231', period, 2015), ['2016-06-06']);
  });
  test('one-off items: due in or before the period and not finished; later ones wait', () => {
    const items = [
      item({ id: 'due2015', due: '2015' }),
      item({ id: 'due2016', due: '2016' }),
      item({ id: 'due2017', due: '2017' }),
      item({ id: 'dueDate', due: '2016-09-01' }),
      item({ id: 'noDue' }),
      item({ id: 'done', due: '2015' }),
    ];
    const ids = tasksForCycle(items, year2016, { anchorYear: 2015, finishedItemIds: new Set(['done']) }).map((t) => t.itemId);
    assert.deepEqual(ids, ['due2015', 'due2016', 'dueDate', 'noDue']);
    const inH1 = tasksForCycle(items, h1, none).map((t) => t.itemId);
    assert.deepEqual(inH1, ['due2015', 'noDue', 'done']);
  });
  test('goals and continuous items always; areas, visions and notes never; items valid outside the period never', () => {
    const items = [
      item({ id: 'goal', kind: 'goal' }),
      item({ id: 'cont', recurrence: 'CONTINUOUS' }),
      item({ id: 'area', kind: 'area' }),
      item({ id: 'note', kind: 'note' }),
      item({ id: 'old', period: { from: '2013', to: '2015' } }),
      item({ id: 'current', period: { from: '2015', to: '2018' } }),
    ];
    assert.deepEqual(
      tasksForCycle(items, year2016, none).map((t) => t.itemId),
      ['goal', 'cont', 'current'],
    );
  });
  test('one task per responsible unit; items with none go to the coordinator', () => {
    const tasks = tasksForCycle([item({ id: 'a', unitIds: ['u1', 'u2'] }), item({ id: 'b', unitIds: [] })], year2016, none);
    assert.deepEqual(
      tasks.map((t) => [t.itemId, t.unitId]),
      [
        ['a', 'u1'],
        ['a', 'u2'],
        ['b', null],
      ],
    );
    const quarterly = tasksForCycle([item({ recurrence: 'FREQ=MONTHLY;INTERVAL=3', unitIds: ['u1', 'u2'] })], year2016, none);
    assert.equal(quarterly.length, 8);
  });
  test('reconciling an open cycle: added items get tasks; a removed unit loses only untouched tasks', () => {
    const planned = [
      { itemId: 'a', unitId: 'u1', occurrence: null },
      { itemId: 'new', unitId: 'u1', occurrence: null },
    ];
    const existing = [
      { id: 't1', itemId: 'a', unitId: 'u1', occurrence: null, touched: true },
      { id: 't2', itemId: 'a', unitId: 'gone', occurrence: null, touched: false },
      { id: 't3', itemId: 'b', unitId: 'gone', occurrence: null, touched: true },
    ];
    assert.deepEqual(reconcileTasks(existing, planned), {
      add: [{ itemId: 'new', unitId: 'u1', occurrence: null }],
      remove: ['t2'],
      keep: ['t3'],
    });
  });
});

const report = (over: Partial<ReportFacts>): ReportFacts => ({
  itemId: 'x',
  state: 'submitted',
  status: 'done',
  progress: null,
  targetValue: null,
  ...over,
});

describe('roll-up and assessment', () => {
  test('targets: value, range, ceiling', () => {
    assert.equal(targetMet({ value: 50, unit: '%' }, 38), false);
    assert.equal(targetMet({ value: 50, unit: '%' }, 50), true);
    assert.equal(targetMet({ min: 12, max: 15, unit: 'platser' }, 9), false);
    assert.equal(targetMet({ min: 12, max: 15, unit: 'platser' }, 13), true);
    assert.equal(targetMet({ min: 12, max: 15, unit: 'platser' }, 16), false);
    assert.equal(targetMet({ max: 5, unit: 'st' }, 3), true);
    assert.equal(targetMet({ unit: 'st', text: 'fler' }, 3), null);
    assert.equal(targetMet(null, 3), null);
  });
  test('all children done proposes met; nothing reported proposes not assessed', () => {
    const children = ['a', 'b'].map((id) => ({ itemId: id, weight: null, target: null, reports: [report({ itemId: id })] }));
    assert.equal(proposeAssessment(children, null).proposal, 'met');
    const silent = [{ itemId: 'a', weight: null, target: null, reports: [report({ state: 'open', status: null })] }];
    assert.deepEqual(proposeAssessment(silent, null).proposal, 'not_assessed');
    assert.equal(proposeAssessment([], null).proposal, 'not_assessed');
  });
  test('weights move the proposal', () => {
    const children = [
      { itemId: 'a', weight: 3, target: null, reports: [report({ status: 'done' })] },
      { itemId: 'b', weight: 1, target: null, reports: [report({ status: 'not_started' })] },
    ];
    const weighted = proposeAssessment(children, null);
    assert.equal(weighted.score, 0.75);
    assert.equal(weighted.proposal, 'partly_met');
    children[0]!.weight = 1;
    assert.equal(proposeAssessment(children, null).score, 0.5);
  });
  test('cancelled children leave the sum; a missed own target keeps a goal from met', () => {
    const children = [
      { itemId: 'a', weight: null, target: null, reports: [report({ status: 'done' })] },
      { itemId: 'b', weight: null, target: null, reports: [report({ status: 'cancelled', narrative: 'x' } as Partial<ReportFacts>)] },
    ];
    const result = proposeAssessment(children, null);
    assert.equal(result.score, 1);
    assert.equal(result.basis.cancelled, 1);
    const own = { target: { value: 50, unit: '%' }, reports: [report({ targetValue: 38 })] };
    assert.equal(proposeAssessment(children, own).proposal, 'partly_met');
    assert.equal(proposeAssessment([], own).proposal, 'not_met');
    assert.equal(proposeAssessment([], { ...own, reports: [report({ targetValue: 55 })] }).proposal, 'met');
  });
  test('a child target missed halves its score', () => {
    const children = [{ itemId: 'a', weight: null, target: { min: 12, max: 15, unit: 'platser' }, reports: [report({ targetValue: 9 })] }];
    const result = proposeAssessment(children, null);
    assert.equal(result.score, 0.5);
    assert.equal(result.basis.targetsMissed, 1);
  });
  test('thresholds', () => {
    assert.equal(assessmentOfScore(0.85), 'met');
    assert.equal(assessmentOfScore(0.84), 'partly_met');
    assert.equal(assessmentOfScore(0.4), 'partly_met');
    assert.equal(assessmentOfScore(0.39), 'not_met');
  });
  test('traffic lights of a group', () => {
    assert.equal(summarize([]).light, 'grey');
    assert.equal(summarize([report({}), report({})]).light, 'green');
    assert.equal(summarize([report({}), report({}), report({}), report({}), report({ status: 'delayed' })]).light, 'yellow');
    assert.equal(summarize([report({}), report({ status: 'delayed' })]).light, 'red');
    assert.equal(summarize([report({})], ['not_met']).light, 'red');
    const counts = summarize([
      report({}),
      report({ state: 'open', status: null }),
      report({ state: 'approved', status: 'in_progress', progress: 40 }),
    ]);
    assert.equal(counts.byStatus.not_reported, 1);
    assert.equal(counts.submitted, 2);
    assert.equal(counts.approved, 1);
    assert.equal(counts.progress, 0.7);
    assert.equal(counts.light, 'yellow');
  });
});

describe('report workflow', () => {
  test('reporters save and submit; coordinators return, approve and reopen', () => {
    assert.deepEqual(nextState('open', 'save', 'reporter'), { state: 'draft' });
    assert.deepEqual(nextState('draft', 'submit', 'reporter'), { state: 'submitted' });
    assert.deepEqual(nextState('submitted', 'return', 'coordinator'), { state: 'returned' });
    assert.deepEqual(nextState('returned', 'submit', 'reporter'), { state: 'submitted' });
    assert.deepEqual(nextState('submitted', 'approve', 'coordinator'), { state: 'approved' });
    assert.deepEqual(nextState('approved', 'reopen', 'coordinator'), { state: 'returned' });
  });
  test('a submitted report is locked; reporters cannot judge their own', () => {
    assert.ok('error' in nextState('submitted', 'save', 'reporter'));
    assert.ok('error' in nextState('approved', 'submit', 'coordinator'));
    assert.ok('error' in nextState('submitted', 'approve', 'reporter'));
    assert.ok('error' in nextState('draft', 'approve', 'coordinator'));
  });
  test('what a report must hold', () => {
    const base = { status: null, progress: null, narrative: '', targetValue: null };
    assert.deepEqual(checkEntry(base, 'save', false), []);
    assert.deepEqual(
      checkEntry(base, 'submit', false).map((p) => p.path),
      ['/status'],
    );
    assert.deepEqual(
      checkEntry({ ...base, status: 'delayed' }, 'submit', false).map((p) => p.path),
      ['/narrative'],
    );
    assert.deepEqual(
      checkEntry({ ...base, progress: 120, targetValue: 3 }, 'save', false).map((p) => p.path),
      ['/progress', '/targetValue'],
    );
    assert.deepEqual(
      checkEntry({ ...base, comment: ' ' }, 'return', false).map((p) => p.path),
      ['/comment'],
    );
  });
  test('movement between cycles', () => {
    const f = (status: ReportFacts['status'], progress: number | null = null) => ({ status, progress, targetValue: null });
    assert.equal(movement(f('not_started'), f('in_progress')), 'improved');
    assert.equal(movement(f('in_progress', 40), f('in_progress', 40)), 'stalled');
    assert.equal(movement(f('in_progress', 40), f('in_progress', 60)), 'improved');
    assert.equal(movement(f('in_progress'), f('delayed')), 'regressed');
    assert.equal(movement(f('done'), f('done')), 'finished');
    assert.equal(movement(null, f('done')), 'new');
    assert.equal(movement(f('done'), null), 'finished', 'a one-off done earlier leaves the scope: finished, not dropped');
    assert.equal(movement(f('in_progress'), null), 'dropped');
    assert.equal(movement(f(null), f('in_progress', 40)), 'improved', 'first reported now');
    assert.equal(movement(f(null), f('not_started')), 'stalled');
    assert.equal(movement(f('in_progress'), f(null)), 'unreported');
  });
});

describe('who may do what in follow-up', async () => {
  const { canReadTask, partyFor, seesAllTasks } = await import('./policies.ts');
  const actor = (role: 'admin' | 'coordinator' | 'reporter' | 'reader', municipalityCode: string | null, unitIds: string[] = []) => ({
    userId: 'u',
    username: 'u',
    role,
    municipalityCode,
    unitIds,
  });
  const task = { municipalityCode: '1860', unitId: 'unit-a' };
  test('the table', () => {
    assert.equal(partyFor(actor('coordinator', '1860'), task), 'coordinator');
    assert.equal(partyFor(actor('admin', null), task), 'coordinator');
    assert.equal(partyFor(actor('reporter', '1860', ['unit-a']), task), 'reporter');
    assert.equal(partyFor(actor('reporter', '1860', ['unit-b']), task), null);
    assert.equal(partyFor(actor('reporter', '1860', ['unit-a']), { ...task, unitId: null }), null);
    assert.equal(partyFor(actor('coordinator', '2514'), task), null);
    assert.equal(partyFor(actor('reader', '1860'), task), null);
    assert.equal(partyFor(null, task), null);
    assert.equal(canReadTask(actor('reader', '1860'), task), true);
    assert.equal(canReadTask(actor('reporter', '1860', ['unit-b']), task), false);
    assert.equal(canReadTask(null, task), false);
    assert.equal(seesAllTasks(actor('reporter', '1860', ['unit-a']), '1860'), false);
    assert.equal(seesAllTasks(actor('reader', '1860'), '1860'), true);
  });
});
