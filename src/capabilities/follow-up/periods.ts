import type { Language } from '../../kernel/words.ts';

/** Follow-up periods: a year, half-year, quarter or month, as inclusive ISO dates. No I/O. */
export type Cadence = 'year' | 'half-year' | 'quarter' | 'month';

export interface Period {
  from: string;
  to: string;
}

const monthsOf: Record<Cadence, number> = { year: 12, 'half-year': 6, quarter: 3, month: 1 };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

/** The period of the given cadence that contains the date. */
export function periodContaining(cadence: Cadence, date: string): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const length = monthsOf[cadence];
  const first = Math.floor((month - 1) / length) * length + 1;
  const last = first + length - 1;
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay(year, last))}` };
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function nextPeriod(cadence: Cadence, period: Period): Period {
  return periodContaining(cadence, addDays(period.to, 1));
}

export function previousPeriod(cadence: Cadence, period: Period): Period {
  return periodContaining(cadence, addDays(period.from, -1));
}

/** Which cadence a period has, if it is exactly one; hand-made periods have none. */
export function cadenceOf(period: Period): Cadence | null {
  for (const cadence of ['year', 'half-year', 'quarter', 'month'] as const) {
    const p = periodContaining(cadence, period.from);
    if (p.from === period.from && p.to === period.to) return cadence;
  }
  return null;
}

const monthWords: Record<Language, string[]> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "2016", "Halvår 1 2016", "Kvartal 3 2016", "Mars 2016", or "2016-03-01 – 2016-09-30" for other spans. */
export function periodLabel(period: Period, language: Language = 'sv'): string {
  const cadence = cadenceOf(period);
  const year = period.from.slice(0, 4);
  const month = Number(period.from.slice(5, 7));
  const sv = language === 'sv';
  switch (cadence) {
    case 'year':
      return year;
    case 'half-year':
      return sv ? `Halvår ${month === 1 ? 1 : 2} ${year}` : `${month === 1 ? 'First' : 'Second'} half of ${year}`;
    case 'quarter':
      return sv ? `Kvartal ${(month + 2) / 3} ${year}` : `Q${(month + 2) / 3} ${year}`;
    case 'month': {
      const name = monthWords[language][month - 1] ?? '';
      return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${year}`;
    }
    case null:
      return `${period.from} – ${period.to}`;
  }
}

/** "15 januari 2017" */
export function dateInWords(date: string, language: Language = 'sv'): string {
  // Anything that is not a date is said as it was written.
  if (!isIsoDate(date)) return date;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return language === 'sv' ? `${d} ${monthWords.sv[m - 1]} ${y}` : `${d} ${monthWords.en[m - 1]} ${y}`;
}

/** An occurrence's span in words: "6 juni 2016" for a day, else the period ("2016", "Kvartal 2 2016"). */
export function spanLabel(span: Period, language: Language = 'sv'): string {
  return span.from === span.to ? dateInWords(span.from, language) : periodLabel(span, language);
}

export interface CycleProposal {
  cadence: Cadence;
  period: Period;
  deadline: string;
  label: string;
}

/**
 * What the plan's follow-up rule proposes: the period after the last cycle, or else the last whole period
 * before today (a follow-up looks back). The deadline gives units the month after the period, and at
 * least two weeks from today.
 */
export function proposeCycle(cadences: Cadence[], today: string, lastPeriod: Period | null): CycleProposal {
  // The plan's first rule is its report to the board; the coordinator may pick another cadence when opening.
  const cadence = cadences[0] ?? 'year';
  const period = lastPeriod ? nextPeriod(cadence, lastPeriod) : previousPeriod(cadence, periodContaining(cadence, today));
  const monthAfter = periodContaining('month', addDays(period.to, 1)).to;
  const twoWeeks = addDays(today, 14);
  const deadline = monthAfter > twoWeeks ? monthAfter : twoWeeks;
  return { cadence, period, deadline, label: periodLabel(period) };
}
