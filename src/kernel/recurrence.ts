import rrule from 'rrule';

// rrule ships CommonJS with an ESM build Node cannot resolve by name; the default import is the portable way in.
const { RRule, rrulestr } = rrule;

import { CONTINUOUS } from './words.ts';

export { CONTINUOUS, describeDue, describeRecurrence, type Language } from './words.ts';

/** Checks an RRULE or CONTINUOUS; returns the rule in canonical form (no `RRULE:` prefix), or an error text. */
export function normaliseRecurrence(input: string): { rule: string } | { error: string } {
  const trimmed = input
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
  if (trimmed === CONTINUOUS) return { rule: CONTINUOUS };
  if (!/^FREQ=/.test(trimmed)) return { error: 'En återkommande regel börjar med FREQ= (till exempel FREQ=YEARLY) eller är CONTINUOUS.' };
  try {
    const options = RRule.parseString(trimmed);
    if (options.freq === undefined || options.freq === null) return { error: 'Regeln saknar FREQ.' };
    if (options.freq > RRule.DAILY) return { error: 'Planer upprepas högst dagligen; HOURLY, MINUTELY och SECONDLY stöds inte.' };
    rrulestr(trimmed);
    return { rule: trimmed };
  } catch (error) {
    return { error: `Ogiltig regel: ${(error as Error).message}` };
  }
}

/**
 * The dates on which a recurring item is due within [from, to). Anchored at the start of `anchorYear`
 * (the plan's first year) so that "every half-year" falls in January and July, as follow-up expects.
 */
export function expandOccurrences(rule: string, from: Date, to: Date, anchorYear: number): Date[] {
  if (rule === CONTINUOUS) return [];
  const parsed = rrulestr(rule.replace(/^RRULE:/, ''), { dtstart: new Date(Date.UTC(anchorYear, 0, 1)) });
  return parsed.between(from, to, true).filter((d) => d < to);
}

/** The last occurrence before `date`, or null. */
export function occurrenceBefore(rule: string, date: Date, anchorYear: number): Date | null {
  if (rule === CONTINUOUS) return null;
  return rrulestr(rule.replace(/^RRULE:/, ''), { dtstart: new Date(Date.UTC(anchorYear, 0, 1)) }).before(date, false);
}

/** Whether a rule names its days ("every year on 6 June") rather than only a rhythm ("yearly", "quarterly"). */
export function namesItsDays(rule: string): boolean {
  return /(^|;)(BYMONTHDAY|BYDAY|BYYEARDAY|BYWEEKNO|BYSETPOS)=/.test(rule.replace(/^RRULE:/, ''));
}
