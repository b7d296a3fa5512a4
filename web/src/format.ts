import { describeDue, describeRecurrence, type Language } from '../../src/kernel/words.ts';
import type { Target } from './client.ts';
import { locale } from './i18n.ts';

export { describeDue, describeRecurrence };

const num = (n: number) => new Intl.NumberFormat(locale()).format(n);

/** "50 % senast 2018", "12–15 praktikplatser per år". */
export function describeTarget(target: Target, language: Language): string {
  const amount =
    target.value !== undefined && target.value !== null
      ? num(target.value)
      : target.min !== undefined && target.min !== null && target.max !== undefined && target.max !== null
        ? `${num(target.min)}–${num(target.max)}`
        : target.min !== undefined && target.min !== null
          ? `${language === 'sv' ? 'minst' : 'at least'} ${num(target.min)}`
          : `${language === 'sv' ? 'högst' : 'at most'} ${num(target.max ?? 0)}`;
  const per = target.per
    ? {
        year: language === 'sv' ? 'per år' : 'a year',
        'half-year': language === 'sv' ? 'per halvår' : 'a half-year',
        quarter: language === 'sv' ? 'per kvartal' : 'a quarter',
        month: language === 'sv' ? 'per månad' : 'a month',
      }[target.per]
    : '';
  const by = target.by ? describeDue(target.by, language) : '';
  return [amount, target.unit, per, by].filter(Boolean).join(' ');
}

/** "2015–2018", "från 2017-03-01 och tills vidare". */
export function describePeriod(period: { from: string | null; to: string | null } | null | undefined, language: Language): string {
  if (!period || (!period.from && !period.to)) return '';
  if (period.from && period.to) return `${period.from}–${period.to}`;
  if (period.from) return language === 'sv' ? `från ${period.from} och tills vidare` : `from ${period.from} until further notice`;
  return language === 'sv' ? `till ${period.to}` : `until ${period.to}`;
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export function lang(code: string): Language {
  return code === 'en' ? 'en' : 'sv';
}
