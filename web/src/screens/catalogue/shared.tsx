import { useTranslation } from 'react-i18next';
import type { ActivityView } from '../../../../src/capabilities/catalogue/service.ts';
import { locale } from '../../i18n.ts';

export type { ActivityView, ItemActivities, OrganiserView, SearchResult } from '../../../../src/capabilities/catalogue/service.ts';
export type { Occurrence, YearCount } from '../../../../src/capabilities/catalogue/rules.ts';

/** The same list as the server's (src/capabilities/catalogue/rules.ts), kept here so the bundle needs no server code. */
export const categories = ['language', 'homework', 'sport', 'culture', 'crafts', 'meeting', 'society', 'education', 'other'] as const;
/** Languages offered in the search and the form; an activity may name others through the API. */
export const languageCodes = ['sv', 'en', 'ar', 'so', 'ti', 'fa', 'prs', 'uk', 'ku', 'tr', 'bs', 'pl', 'ru', 'es', 'fr', 'de'];

export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([locale()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const ZONE = 'Europe/Stockholm';

export function dateText(iso: string, withWeekday = true): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: ZONE,
    ...(withWeekday ? { weekday: 'short' } : {}),
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(iso));
}

export function timeText(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** The title and description in the reader's language when the activity has them, else the Swedish. */
export function textsOf(a: ActivityView, language: string): { title: string; description: string; lang: string } {
  const t = language !== 'sv' ? a.translations[language] : undefined;
  return t?.title
    ? { title: t.title, description: t.description || a.description, lang: language }
    : { title: a.title, description: a.description, lang: 'sv' };
}

export function ExampleBadge({ show }: { show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <span className="badge cat-example" title={t('catalogue.exampleLong')}>
      {t('catalogue.example')}
    </span>
  );
}

export function useAgesText(): (a: { ageMin: number | null; ageMax: number | null }) => string | null {
  const { t } = useTranslation();
  return ({ ageMin, ageMax }) => {
    if (ageMin !== null && ageMax !== null) return t('catalogue.agesRange', { min: ageMin, max: ageMax });
    if (ageMin !== null) return t('catalogue.agesFrom', { min: ageMin });
    if (ageMax !== null) return t('catalogue.agesTo', { max: ageMax });
    return null;
  };
}

/** Stockholm's day of today, YYYY-MM-DD. */
export function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
