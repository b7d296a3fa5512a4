/**
 * The languages of the public pages. Staff work in Swedish and English; residents and newcomers also read Arabic,
 * Tigrinya, Somali and Dari (the languages the five plans' municipalities receive most people in).
 * The code is what the URL carries (`/ar/…`) and what the page's `lang` attribute says: `prs` is Dari's ISO 639-3 code,
 * which screen readers and axe know; its numbers and dates are formatted as Afghan Persian (`fa-AF`), in the Gregorian calendar the plans are dated in. Numbers use
 * Western digits in every language, so a figure reads the same as in the Swedish report and the official statistics.
 */
export const LANGUAGES = ['sv', 'en', 'ar', 'ti', 'so', 'prs'] as const;
export type Lang = (typeof LANGUAGES)[number];

export interface LanguageInfo {
  code: Lang;
  /** The language's name in itself, as the chooser shows it. */
  nativeName: string;
  dir: 'ltr' | 'rtl';
  /** The locale Intl formats numbers and dates in. */
  locale: string;
}

export const languageInfo: Record<Lang, LanguageInfo> = {
  sv: { code: 'sv', nativeName: 'Svenska', dir: 'ltr', locale: 'sv-SE' },
  en: { code: 'en', nativeName: 'English', dir: 'ltr', locale: 'en-GB' },
  ar: { code: 'ar', nativeName: 'العربية', dir: 'rtl', locale: 'ar-u-nu-latn' },
  ti: { code: 'ti', nativeName: 'ትግርኛ', dir: 'ltr', locale: 'ti' },
  so: { code: 'so', nativeName: 'Soomaali', dir: 'ltr', locale: 'so' },
  prs: { code: 'prs', nativeName: 'دری', dir: 'rtl', locale: 'fa-AF-u-ca-gregory-nu-latn' },
};

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language a visitor without one in the URL gets: the one they chose before (cookie), else the first of the
 * browser's languages we have (`fa` counts as Dari, the Persian we offer), else Swedish.
 */
export function chooseLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(cookie)) return cookie;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((w) => w.tag !== '' && w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    const primary = tag.split('-')[0] ?? '';
    if (primary === 'fa') return 'prs';
    if (isLang(primary)) return primary;
  }
  return 'sv';
}

/** The same page in another language: the language prefix swapped, the query kept. */
export function pathInLanguage(path: string, lang: Lang): string {
  const match = /^\/([a-z]{2,3})(\/.*)?$/.exec(path.split('?')[0] ?? '');
  const query = path.includes('?') ? path.slice(path.indexOf('?')) : '';
  if (!match || !isLang(match[1])) return `/${lang}${query}`;
  return `/${lang}${match[2] ?? ''}${query}`;
}

export function formatNumber(lang: Lang, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(languageInfo[lang].locale, options).format(value);
}

/** Dates as written in the visitor's language; a date without time is a calendar day, never shifted by a time zone. */
export function formatDate(lang: Lang, isoDate: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
  const date = typeof isoDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? new Date(`${isoDate}T12:00:00Z`) : new Date(isoDate);
  return new Intl.DateTimeFormat(languageInfo[lang].locale, { timeZone: 'Europe/Stockholm', ...options }).format(date);
}
