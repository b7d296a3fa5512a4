import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import sv from './locales/sv.json';

export const languages = [
  { code: 'sv', name: 'Svenska' },
  { code: 'en', name: 'English' },
] as const;
export type LanguageCode = (typeof languages)[number]['code'];

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('delaktig.lang');
const initial: LanguageCode = stored === 'en' ? 'en' : 'sv';

void i18next.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'sv',
  interpolation: { escapeValue: false },
});

function applyToDocument(lng: string) {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lng;
  document.documentElement.dir = i18next.dir(lng);
}
applyToDocument(initial);
i18next.on('languageChanged', (lng) => {
  applyToDocument(lng);
  if (typeof localStorage !== 'undefined') localStorage.setItem('delaktig.lang', lng);
});

/** Formats in the UI language: dates and numbers as sv-SE or en-GB. */
export function locale(): string {
  return i18next.language === 'en' ? 'en-GB' : 'sv-SE';
}

export default i18next;
