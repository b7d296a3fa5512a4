import { expandOccurrences, namesItsDays, occurrenceBefore } from '../../kernel/recurrence.ts';
import { CONTINUOUS } from '../../kernel/words.ts';
import type { Period } from './periods.ts';

/**
 * Which report tasks a follow-up cycle holds. No I/O: the service loads the plan's items and the outcome of
 * earlier cycles, and writes what this returns.
 */
export interface ScopeItem {
  id: string;
  kind: 'vision' | 'area' | 'goal' | 'activity' | 'note';
  due: string | null;
  recurrence: string | null;
  period: { from: string | null; to: string | null } | null;
  /** Responsible units, lead first. */
  unitIds: string[];
}

export interface PlannedTask {
  itemId: string;
  /** null: no unit answers for the item, so the municipality's coordinators report it. */
  unitId: string | null;
  /** The date of this occurrence of a recurring item; null for other items. */
  occurrence: string | null;
}

export interface ScopeOptions {
  /** Recurrences are anchored at the start of this year (the plan's first year), as in the plan view. */
  anchorYear: number;
  /** One-off items reported done or cancelled in an earlier cycle: they are finished and leave the scope. */
  finishedItemIds: ReadonlySet<string>;
}

/** The last day a due value allows: "2016" means by the end of 2016. */
export function dueBy(due: string): string {
  return due.length === 4 ? `${due}-12-31` : due;
}

function overlaps(itemPeriod: ScopeItem['period'], period: Period): boolean {
  if (!itemPeriod) return true;
  const from = itemPeriod.from ? (itemPeriod.from.length === 4 ? `${itemPeriod.from}-01-01` : itemPeriod.from) : null;
  const to = itemPeriod.to ? dueBy(itemPeriod.to) : null;
  return (from === null || from <= period.to) && (to === null || to >= period.from);
}

/**
 * The occurrences of a rule inside the period, both ends included. A rule that gives only a rhythm
 * ("yearly", "quarterly") has no day of its own: its occurrence stands for the whole interval, so a cycle
 * shorter than the rhythm (a half-year, for a yearly item) reports on the interval it falls in. A rule that
 * names its days ("every year on 6 June") occurs only on those days.
 */
export function occurrencesIn(rule: string, period: Period, anchorYear: number): string[] {
  const from = new Date(`${period.from}T00:00:00Z`);
  const to = new Date(`${period.to}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() + 1);
  const inside = expandOccurrences(rule, from, to, anchorYear).map((d) => d.toISOString().slice(0, 10));
  if (inside.length > 0 || namesItsDays(rule)) return inside;
  const before = occurrenceBefore(rule, from, anchorYear);
  // The interval that began before the period still runs into it if it ends after the period starts.
  if (before !== null && intervalEnd(rule, before) > from) return [before.toISOString().slice(0, 10)];
  return [];
}

/** When the interval that starts at an occurrence ends: one rhythm later. */
function intervalEnd(rule: string, start: Date): Date {
  const parts = new Map(
    rule
      .replace(/^RRULE:/, '')
      .split(';')
      .map((p) => p.split('=') as [string, string]),
  );
  const n = Number(parts.get('INTERVAL') ?? '1');
  const end = new Date(start);
  const freq = parts.get('FREQ');
  if (freq === 'YEARLY') end.setUTCFullYear(end.getUTCFullYear() + n);
  else if (freq === 'MONTHLY') end.setUTCMonth(end.getUTCMonth() + n);
  else if (freq === 'WEEKLY') end.setUTCDate(end.getUTCDate() + 7 * n);
  else end.setUTCDate(end.getUTCDate() + n);
  return end;
}

/**
 * What an occurrence stands for: the day itself for a rule that names its days ("6 juni 2016"), the whole
 * interval for a rhythm ("2016" for a yearly item, "Kvartal 2 2016" for a quarterly one).
 */
export function occurrenceSpan(rule: string | null, occurrence: string): Period {
  if (!rule || rule === CONTINUOUS || namesItsDays(rule)) return { from: occurrence, to: occurrence };
  const end = intervalEnd(rule, new Date(`${occurrence}T00:00:00Z`));
  end.setUTCDate(end.getUTCDate() - 1);
  return { from: occurrence, to: end.toISOString().slice(0, 10) };
}

/** Why an item is or is not in the cycle, in the order the rules are tried. */
export function scopeOf(item: ScopeItem, period: Period, options: ScopeOptions): { occurrences: (string | null)[] } | null {
  if (item.kind !== 'goal' && item.kind !== 'activity') return null;
  if (!overlaps(item.period, period)) return null;
  if (item.kind === 'goal') return { occurrences: [null] };
  if (item.recurrence === CONTINUOUS) return { occurrences: [null] };
  if (item.recurrence) {
    const dates = occurrencesIn(item.recurrence, period, options.anchorYear);
    return dates.length > 0 ? { occurrences: dates } : null;
  }
  if (options.finishedItemIds.has(item.id)) return null;
  // One-off: due in or before the period (a late item stays until reported done), or with no deadline at all.
  if (item.due !== null && dueBy(item.due) > period.to) return null;
  return { occurrences: [null] };
}

export function tasksForCycle(items: ScopeItem[], period: Period, options: ScopeOptions): PlannedTask[] {
  const tasks: PlannedTask[] = [];
  for (const item of items) {
    const scope = scopeOf(item, period, options);
    if (!scope) continue;
    const units = item.unitIds.length > 0 ? item.unitIds : [null];
    for (const occurrence of scope.occurrences) for (const unitId of units) tasks.push({ itemId: item.id, unitId, occurrence });
  }
  return tasks;
}

export const taskKey = (t: PlannedTask) => `${t.itemId}|${t.unitId ?? ''}|${t.occurrence ?? ''}`;

export interface ExistingTask extends PlannedTask {
  id: string;
  /** Whether anyone has written anything in it: such a task is never removed. */
  touched: boolean;
}

/**
 * Bringing an open cycle up to date with its plan (an item added mid-cycle, a unit taken off an item): new
 * tasks are added; tasks no longer planned are removed only when nobody has reported in them, else kept.
 */
export function reconcileTasks(existing: ExistingTask[], planned: PlannedTask[]): { add: PlannedTask[]; remove: string[]; keep: string[] } {
  const plannedKeys = new Set(planned.map(taskKey));
  const existingKeys = new Set(existing.map(taskKey));
  const add = planned.filter((t) => !existingKeys.has(taskKey(t)));
  const stale = existing.filter((t) => !plannedKeys.has(taskKey(t)));
  return { add, remove: stale.filter((t) => !t.touched).map((t) => t.id), keep: stale.filter((t) => t.touched).map((t) => t.id) };
}
