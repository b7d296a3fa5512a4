import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import sv from './locales/sv.json';

/**
 * Each capability keeps its own texts in locales/<capability>.<lang>.json, merged over the shared files
 * under the capability's name: `t('followUp.status.done')` reads locales/followUp.sv.json's `status.done`.
 */
const capabilityFiles = import.meta.glob<Record<string, unknown>>('./locales/*.*.json', { eager: true, import: 'default' });
function withCapabilities(base: Record<string, unknown>, language: string): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [path, texts] of Object.entries(capabilityFiles)) {
    const match = /\/([\w-]+)\.(\w+)\.json$/.exec(path);
    if (match?.[2] === language && match[1] !== undefined) merged[match[1]] = texts;
  }
  return merged;
}

export const languages = [
  { code: 'sv', name: 'Svenska' },
  { code: 'en', name: 'English' },
] as const;
export type LanguageCode = (typeof languages)[number]['code'];

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('delaktig.lang');
const initial: LanguageCode = stored === 'en' ? 'en' : 'sv';

void i18next.use(initReactI18next).init({
  resources: { sv: { translation: withCapabilities(sv, 'sv') }, en: { translation: withCapabilities(en, 'en') } },
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
