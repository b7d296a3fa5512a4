/**
 * Which reminders, overdue notices and escalations are due today. Pure: the service loads the facts, this decides,
 * and the outbox's unique dedupe key makes "due" safe to answer again and again — each message goes out once.
 */
import { addDays } from '../follow-up/periods.ts';
import { outstandingStates } from '../follow-up/workflow.ts';
import type { ReportState } from '../follow-up/words.ts';

export { addDays, outstandingStates };

/** Days after the deadline that a unit's outstanding entries go to the unit's head. */
export const ESCALATE_AFTER_DAYS = 3;

export const isOutstanding = (state: ReportState): boolean => outstandingStates.includes(state);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date it is in Sweden at `now`: a deadline is a Swedish calendar day, not a UTC one. */
export function swedishDate(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export interface ScheduleCycle {
  id: string;
  deadline: string;
  state: 'open' | 'closed';
  /** ISO date the cycle opened. */
  openedAt: string;
}

export interface ScheduleTask {
  id: string;
  /** null: the municipality's coordinators report it. */
  unitId: string | null;
  state: ReportState;
  escalatedAt: Date | string | null;
}

export interface Person {
  userId: string;
  name: string;
  email: string | null;
}

export interface UnitHead {
  unitId: string;
  name: string | null;
  email: string | null;
}

export interface ScheduleRecipients {
  /** One row per reporter and unit she answers for. */
  reporters: (Person & { unitId: string })[];
  coordinators: Person[];
  heads: UnitHead[];
}

export interface ScheduleInput {
  cycle: ScheduleCycle;
  tasks: ScheduleTask[];
  recipients: ScheduleRecipients;
  today: string;
  reminderDaysBefore: number;
}

export interface Addressee extends Person {
  role: 'reporter' | 'coordinator';
  /** The outstanding tasks this person reports. */
  taskIds: string[];
}

export type DueNotification =
  | (Addressee & { kind: 'reminder' | 'overdue'; dedupeKey: string; email: string })
  | { kind: 'escalation'; dedupeKey: string; unitId: string; name: string | null; email: string; taskIds: string[] };

/** Who cannot be told, for the coordinator's board. `unitId` null stands for the coordinators' own entries. */
export type Unreachable =
  | { kind: 'user'; userId: string; name: string; reason: 'no_email' }
  | { kind: 'unit'; unitId: string | null; reason: 'no_reporter' }
  | { kind: 'head'; unitId: string; reason: 'no_head' | 'no_head_email' };

export interface ScheduleResult {
  due: DueNotification[];
  unreachable: Unreachable[];
}

function groupByUnit(tasks: ScheduleTask[]): Map<string | null, ScheduleTask[]> {
  const byUnit = new Map<string | null, ScheduleTask[]>();
  for (const task of tasks) {
    if (!isOutstanding(task.state)) continue;
    byUnit.set(task.unitId, [...(byUnit.get(task.unitId) ?? []), task]);
  }
  return byUnit;
}

/**
 * Everyone with outstanding tasks, once each with all their tasks (a reporter of two units gets one message),
 * and the units nobody reports for.
 */
export function addressees(tasks: ScheduleTask[], recipients: ScheduleRecipients): { people: Addressee[]; unreported: (string | null)[] } {
  const people = new Map<string, Addressee>();
  const unreported: (string | null)[] = [];
  for (const [unitId, unitTasks] of groupByUnit(tasks)) {
    const reporters = unitId === null ? recipients.coordinators : recipients.reporters.filter((r) => r.unitId === unitId);
    if (reporters.length === 0) unreported.push(unitId);
    for (const r of reporters) {
      const person = people.get(r.userId) ?? {
        userId: r.userId,
        name: r.name,
        email: r.email,
        role: unitId === null ? ('coordinator' as const) : ('reporter' as const),
        taskIds: [],
      };
      person.taskIds.push(...unitTasks.map((t) => t.id));
      people.set(r.userId, person);
    }
  }
  return { people: [...people.values()], unreported };
}

/** Users who cannot be reached, and units no one reports for or whose head cannot be told. */
function unreachableOf(input: ScheduleInput, people: Addressee[], unreported: (string | null)[]): Unreachable[] {
  const list: Unreachable[] = people
    .filter((p) => !p.email)
    .map((p) => ({ kind: 'user' as const, userId: p.userId, name: p.name, reason: 'no_email' as const }));
  list.push(...unreported.map((unitId) => ({ kind: 'unit' as const, unitId, reason: 'no_reporter' as const })));
  for (const unitId of groupByUnit(input.tasks).keys()) {
    if (unitId === null) continue;
    const head = input.recipients.heads.find((h) => h.unitId === unitId);
    if (!head?.email) list.push({ kind: 'head', unitId, reason: head?.name ? 'no_head_email' : 'no_head' });
  }
  return list;
}

export function dueNotifications(input: ScheduleInput): ScheduleResult {
  const { cycle, today } = input;
  if (cycle.state !== 'open') return { due: [], unreachable: [] };
  const { people, unreported } = addressees(input.tasks, input.recipients);
  const due: DueNotification[] = [];

  // The opening message has just said the same, so no reminder goes out on the day the cycle opened.
  const remindFrom = [addDays(cycle.deadline, -input.reminderDaysBefore), addDays(cycle.openedAt, 1)].sort()[1] as string;
  const kind = today > cycle.deadline ? 'overdue' : today >= remindFrom ? 'reminder' : null;
  if (kind) {
    for (const person of people) {
      if (person.email) due.push({ ...person, email: person.email, kind, dedupeKey: `${kind}:${cycle.id}:${person.userId}` });
    }
  }

  if (today >= addDays(cycle.deadline, ESCALATE_AFTER_DAYS)) {
    for (const [unitId, tasks] of groupByUnit(input.tasks)) {
      // The coordinators' own entries have no head above them: the board is where they show.
      if (unitId === null) continue;
      if (tasks.every((t) => t.escalatedAt !== null)) continue;
      const head = input.recipients.heads.find((h) => h.unitId === unitId);
      if (!head?.email) continue;
      due.push({
        kind: 'escalation',
        dedupeKey: `escalation:${cycle.id}:${unitId}`,
        unitId,
        name: head.name,
        email: head.email,
        taskIds: tasks.map((t) => t.id),
      });
    }
  }
  return { due, unreachable: unreachableOf(input, people, unreported) };
}
