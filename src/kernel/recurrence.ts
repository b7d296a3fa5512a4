import rrule from 'rrule';

// rrule ships CommonJS with an ESM build Node cannot resolve by name; the default import is the portable way in.
const { RRule, rrulestr } = rrule;

export const CONTINUOUS = 'CONTINUOUS';
export type Language = 'sv' | 'en';

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

const monthNames: Record<Language, string[]> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

function parts(rule: string): Map<string, string> {
  return new Map(rule.split(';').map((p) => p.split('=') as [string, string]));
}

/** The rule in the words a plan uses: "kvartalsvis", "varje år den 6 juni", "kontinuerligt". */
export function describeRecurrence(rule: string, language: Language = 'sv'): string {
  if (rule === CONTINUOUS) return language === 'sv' ? 'kontinuerligt' : 'continuously';
  const p = parts(rule.replace(/^RRULE:/, ''));
  const freq = p.get('FREQ');
  const interval = Number(p.get('INTERVAL') ?? '1');
  const month = p.has('BYMONTH') ? Number(p.get('BYMONTH')) : null;
  const day = p.has('BYMONTHDAY') ? Number(p.get('BYMONTHDAY')) : null;
  const sv = language === 'sv';
  if (freq === 'YEARLY') {
    const base = interval === 1 ? (sv ? 'årligen' : 'yearly') : sv ? `vart ${interval}:e år` : `every ${interval} years`;
    if (month !== null && day !== null) {
      const name = monthNames[language][month - 1] ?? String(month);
      if (interval === 1) return sv ? `varje år den ${day} ${name}` : `every year on ${day} ${name}`;
      return sv ? `${base} den ${day} ${name}` : `${base} on ${day} ${name}`;
    }
    return base;
  }
  if (freq === 'MONTHLY') {
    if (interval === 1) return sv ? 'månadsvis' : 'monthly';
    if (interval === 3) return sv ? 'kvartalsvis' : 'quarterly';
    if (interval === 6) return sv ? 'varje halvår' : 'every half-year';
    if (interval === 12) return sv ? 'årligen' : 'yearly';
    return sv ? `var ${interval}:e månad` : `every ${interval} months`;
  }
  if (freq === 'WEEKLY')
    return interval === 1 ? (sv ? 'varje vecka' : 'weekly') : sv ? `var ${interval}:e vecka` : `every ${interval} weeks`;
  if (freq === 'DAILY') return interval === 1 ? (sv ? 'dagligen' : 'daily') : sv ? `var ${interval}:e dag` : `every ${interval} days`;
  return rule;
}

/** A one-off deadline in words: "senast 2016", "senast 6 juni 2016". */
export function describeDue(due: string, language: Language = 'sv'): string {
  const [year, month, day] = due.split('-');
  const prefix = language === 'sv' ? 'senast' : 'by';
  if (!month || !day) return `${prefix} ${year}`;
  const name = monthNames[language][Number(month) - 1];
  return `${prefix} ${Number(day)} ${name} ${year}`;
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
