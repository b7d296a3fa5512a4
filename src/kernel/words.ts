/**
 * Schedules in the words a plan uses ("kvartalsvis", "senast 2016"). No dependencies: the web app imports
 * this module too, so server and browser say the same thing.
 */
export const CONTINUOUS = 'CONTINUOUS';
export type Language = 'sv' | 'en';

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

/** The locale numbers and dates are written in: sv-SE, or en-GB for English. */
export const localeOf = (language: Language): string => (language === 'en' ? 'en-GB' : 'sv-SE');

export interface TargetWords {
  value?: number | null;
  min?: number | null;
  max?: number | null;
  unit: string;
  per?: 'year' | 'half-year' | 'quarter' | 'month' | null;
  by?: string | null;
}

const perWords: Record<Language, Record<NonNullable<TargetWords['per']>, string>> = {
  sv: { year: 'per år', 'half-year': 'per halvår', quarter: 'per kvartal', month: 'per månad' },
  en: { year: 'a year', 'half-year': 'a half-year', quarter: 'a quarter', month: 'a month' },
};

const given = (n: number | null | undefined): n is number => n !== undefined && n !== null;

/** A target in words: "50 % senast 2018", "12–15 praktikplatser per år", "minst 1 föreläsningar senast 2015". */
export function describeTarget(target: TargetWords, language: Language = 'sv'): string {
  const num = (n: number) => new Intl.NumberFormat(localeOf(language)).format(n);
  const sv = language === 'sv';
  const amount = given(target.value)
    ? num(target.value)
    : given(target.min) && given(target.max)
      ? `${num(target.min)}–${num(target.max)}`
      : given(target.min)
        ? `${sv ? 'minst' : 'at least'} ${num(target.min)}`
        : given(target.max)
          ? `${sv ? 'högst' : 'at most'} ${num(target.max)}`
          : '';
  const per = target.per ? perWords[language][target.per] : '';
  const by = target.by ? describeDue(target.by, language) : '';
  return [amount, target.unit, per, by].filter(Boolean).join(' ');
}

/** A period in words: "2015–2018", "från 2017-03-01 och tills vidare". */
export function describePeriod(period: { from: string | null; to: string | null } | null | undefined, language: Language = 'sv'): string {
  if (!period || (!period.from && !period.to)) return '';
  if (period.from && period.to) return `${period.from}–${period.to}`;
  if (period.from) return language === 'sv' ? `från ${period.from} och tills vidare` : `from ${period.from} until further notice`;
  return language === 'sv' ? `till ${period.to}` : `until ${period.to}`;
}

// JavaScript's \b knows only ASCII letters, so "år" would have no word boundary: these bounds know every letter.
const wordAt = (pattern: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'iu');
const svMonths = monthNames.sv.map((m) => m.toLowerCase());

const rhythms: [RegExp, string][] = [
  [wordAt('kvartalsvis\\p{L}*|(?:varje|per|en gång per|en gång i) kvartal(?:et)?|quarterly'), 'FREQ=MONTHLY;INTERVAL=3'],
  [
    wordAt(
      'halvårsvis\\p{L}*|(?:varje|per|i|en gång per|minst en gång per|en gång i) halvår(?:et)?|två gånger (?:per|om|i|varje) år(?:et)?|every half-year|twice a year',
    ),
    'FREQ=MONTHLY;INTERVAL=6',
  ],
  [wordAt('månadsvis\\p{L}*|(?:varje|per|en gång per|en gång i) månad(?:en)?|monthly'), 'FREQ=MONTHLY'],
  [wordAt('veckovis\\p{L}*|(?:varje|per|en gång per|en gång i) vecka(?:n)?|weekly'), 'FREQ=WEEKLY'],
  [wordAt('dagligen|varje dag|daily'), 'FREQ=DAILY'],
  [
    wordAt(
      'årlig(?:en|a|t)?|årsvis|(?:varje|per|en gång per|en gång om|en gång i|minst en gång per) år(?:et)?|år(?:et)? runt|yearly|annually',
    ),
    'FREQ=YEARLY',
  ],
  [wordAt('kontinuerlig(?:t|a)?|löpande|fortlöpande|ständigt|continuously'), CONTINUOUS],
];

/**
 * The rhythm a plan's words state, as an RRULE or CONTINUOUS: "kvartalsvis", "två gånger per år", "varje år den 6
 * juni", "vart 2:e år", "kontinuerligt" — anywhere in the text; null when it states none. The inverse of
 * describeRecurrence.
 */
export function recurrenceInWords(text: string): string | null {
  const every = wordAt('vart?\\s+(\\d+):?e\\s+(år|månad|vecka|dag)').exec(text);
  if (every) {
    const freq = { år: 'YEARLY', månad: 'MONTHLY', vecka: 'WEEKLY', dag: 'DAILY' }[(every[2] as string).toLowerCase() as 'år'];
    return `FREQ=${freq};INTERVAL=${Number(every[1])}`;
  }
  const found = rhythms.find(([re]) => re.test(text));
  if (!found) return null;
  const [, rule] = found;
  if (rule === 'FREQ=YEARLY') {
    // "den 6 juni" names the day, unless the date carries a year and is a deadline ("6 juni 2016").
    const day = wordAt(`(?:den )?(\\d{1,2}) (${svMonths.join('|')})`).exec(text);
    if (day && !wordAt(`\\d{1,2} (?:${svMonths.join('|')}) (?:19|20)\\d{2}`).test(text))
      return `FREQ=YEARLY;BYMONTH=${svMonths.indexOf((day[2] as string).toLowerCase()) + 1};BYMONTHDAY=${Number(day[1])}`;
  }
  return rule;
}
