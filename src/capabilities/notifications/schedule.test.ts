import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  daysBetween,
  dueNotifications,
  ESCALATE_AFTER_DAYS,
  swedishDate,
  type ScheduleInput,
  type ScheduleRecipients,
  type ScheduleTask,
} from './schedule.ts';

const recipients: ScheduleRecipients = {
  reporters: [
    { userId: 'anna', name: 'Anna', email: 'anna@laxa.se', unitId: 'soc' },
    { userId: 'bo', name: 'Bo', email: null, unitId: 'soc' },
    { userId: 'anna', name: 'Anna', email: 'anna@laxa.se', unitId: 'kultur' },
    { userId: 'cai', name: 'Cai', email: 'cai@laxa.se', unitId: 'skola' },
  ],
  coordinators: [{ userId: 'sam', name: 'Sam', email: 'sam@laxa.se' }],
  heads: [
    { unitId: 'soc', name: 'Chef Soc', email: 'chef.soc@laxa.se' },
    { unitId: 'kultur', name: null, email: null },
    { unitId: 'skola', name: 'Chef Skola', email: null },
  ],
};

const task = (
  id: string,
  unitId: string | null,
  state: ScheduleTask['state'] = 'open',
  escalatedAt: string | null = null,
): ScheduleTask => ({
  id,
  unitId,
  state,
  escalatedAt,
});

const input = (today: string, extra: Partial<ScheduleInput> = {}): ScheduleInput => ({
  cycle: { id: 'c1', deadline: '2017-01-15', state: 'open', openedAt: '2016-12-01' },
  tasks: [
    task('t1', 'soc'),
    task('t2', 'soc', 'draft'),
    task('t3', 'kultur', 'returned'),
    task('t4', null),
    task('t5', 'skola', 'submitted'),
  ],
  recipients,
  today,
  reminderDaysBefore: 7,
  ...extra,
});

const keys = (i: ScheduleInput) => dueNotifications(i).due.map((d) => d.dedupeKey);

describe('calendar days', () => {
  it('add across months, years and daylight-saving changes', () => {
    assert.equal(addDays('2017-01-15', -7), '2017-01-08');
    assert.equal(addDays('2016-12-30', 3), '2017-01-02');
    assert.equal(addDays('2017-03-25', 2), '2017-03-27');
    assert.equal(addDays('2016-02-28', 1), '2016-02-29');
    assert.equal(daysBetween('2017-01-08', '2017-01-15'), 7);
    assert.equal(daysBetween('2017-01-16', '2017-01-15'), -1);
  });

  it('take today from the Swedish clock', () => {
    assert.equal(swedishDate(new Date('2017-01-14T23:30:00Z')), '2017-01-15');
    assert.equal(swedishDate(new Date('2017-07-14T21:59:00Z')), '2017-07-14');
    assert.equal(swedishDate(new Date('2017-07-14T22:00:00Z')), '2017-07-15');
  });
});

describe('what is due', () => {
  it('nothing before the reminder window', () => {
    const result = dueNotifications(input('2017-01-07'));
    assert.deepEqual(result.due, []);
  });

  it('reminds everyone with outstanding entries once each, from deadline minus N days', () => {
    const result = dueNotifications(input('2017-01-08'));
    assert.deepEqual(
      result.due.map((d) => d.dedupeKey),
      ['reminder:c1:anna', 'reminder:c1:sam'],
    );
    const anna = result.due.find((d) => d.dedupeKey === 'reminder:c1:anna');
    assert.ok(anna && anna.kind === 'reminder');
    // One message for both her units; the submitted entry of another unit is not hers and not outstanding.
    assert.deepEqual(anna.taskIds, ['t1', 't2', 't3']);
    assert.equal(anna.role, 'reporter');
    const sam = result.due.find((d) => d.dedupeKey === 'reminder:c1:sam');
    assert.ok(sam && sam.kind === 'reminder');
    assert.equal(sam.role, 'coordinator');
    assert.deepEqual(sam.taskIds, ['t4']);
  });

  it('still reminds on the deadline day itself, and not yet overdue', () => {
    assert.deepEqual(keys(input('2017-01-15')), ['reminder:c1:anna', 'reminder:c1:sam']);
  });

  it('with reminderDaysBefore 0 reminds on the deadline day only', () => {
    assert.deepEqual(keys(input('2017-01-14', { reminderDaysBefore: 0 })), []);
    assert.deepEqual(keys(input('2017-01-15', { reminderDaysBefore: 0 })), ['reminder:c1:anna', 'reminder:c1:sam']);
  });

  it('sends no reminder on the day the cycle opened', () => {
    const opened = (today: string) => input(today, { cycle: { id: 'c1', deadline: '2017-01-15', state: 'open', openedAt: '2017-01-12' } });
    assert.deepEqual(keys(opened('2017-01-12')), []);
    assert.deepEqual(keys(opened('2017-01-13')), ['reminder:c1:anna', 'reminder:c1:sam']);
  });

  it('is overdue from the day after the deadline', () => {
    assert.deepEqual(keys(input('2017-01-16')), ['overdue:c1:anna', 'overdue:c1:sam']);
  });

  it(`escalates ${ESCALATE_AFTER_DAYS} days after the deadline to heads with an e-mail, never for the coordinators' entries`, () => {
    assert.deepEqual(keys(input(addDays('2017-01-15', ESCALATE_AFTER_DAYS - 1))), ['overdue:c1:anna', 'overdue:c1:sam']);
    const result = dueNotifications(input('2017-01-18'));
    assert.deepEqual(
      result.due.map((d) => d.dedupeKey),
      ['overdue:c1:anna', 'overdue:c1:sam', 'escalation:c1:soc'],
    );
    const escalation = result.due.at(-1);
    assert.ok(escalation?.kind === 'escalation');
    assert.equal(escalation.email, 'chef.soc@laxa.se');
    assert.deepEqual(escalation.taskIds, ['t1', 't2']);
  });

  it('does not escalate a unit again once all its outstanding entries are escalated', () => {
    const tasks = [task('t1', 'soc', 'open', '2017-01-18T06:00:00Z'), task('t2', 'soc', 'draft', '2017-01-18T06:00:00Z')];
    assert.deepEqual(keys(input('2017-01-19', { tasks })), ['overdue:c1:anna']);
    assert.deepEqual(keys(input('2017-01-19', { tasks: [...tasks, task('t9', 'soc', 'returned')] })), [
      'overdue:c1:anna',
      'escalation:c1:soc',
    ]);
  });

  it('has nothing to say when every entry is submitted or approved', () => {
    const tasks = [task('t1', 'soc', 'submitted'), task('t2', null, 'approved')];
    assert.deepEqual(dueNotifications(input('2017-01-20', { tasks })), { due: [], unreachable: [] });
  });

  it('says nothing for a closed cycle', () => {
    const closed = input('2017-01-20', { cycle: { id: 'c1', deadline: '2017-01-15', state: 'closed', openedAt: '2016-12-01' } });
    assert.deepEqual(dueNotifications(closed), { due: [], unreachable: [] });
  });

  it('reports who cannot be reached: users without e-mail, units without reporters or a head to tell', () => {
    const tasks = [task('t1', 'soc'), task('t3', 'kultur'), task('t5', 'skola'), task('t6', 'ingen')];
    const { unreachable, due } = dueNotifications(input('2017-01-20', { tasks }));
    assert.deepEqual(unreachable, [
      { kind: 'user', userId: 'bo', name: 'Bo', reason: 'no_email' },
      { kind: 'unit', unitId: 'ingen', reason: 'no_reporter' },
      { kind: 'head', unitId: 'kultur', reason: 'no_head' },
      { kind: 'head', unitId: 'skola', reason: 'no_head_email' },
      { kind: 'head', unitId: 'ingen', reason: 'no_head' },
    ]);
    assert.ok(!due.some((d) => d.kind !== 'escalation' && d.userId === 'bo'));
    assert.deepEqual(
      due.filter((d) => d.kind === 'escalation').map((d) => d.dedupeKey),
      ['escalation:c1:soc'],
    );
  });

  it("reports the coordinators' entries as unreachable when the municipality has no coordinator", () => {
    const { unreachable, due } = dueNotifications(
      input('2017-01-10', { tasks: [task('t4', null)], recipients: { ...recipients, coordinators: [] } }),
    );
    assert.deepEqual(due, []);
    assert.deepEqual(unreachable, [{ kind: 'unit', unitId: null, reason: 'no_reporter' }]);
  });
});
