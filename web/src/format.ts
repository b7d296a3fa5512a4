import type { Language } from '../../src/kernel/words.ts';
import { locale } from './i18n.ts';

// How schedules and targets are said lives in one module the server shares (src/kernel/words.ts).
export { describeDue, describePeriod, describeRecurrence, describeTarget } from '../../src/kernel/words.ts';

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export function lang(code: string): Language {
  return code === 'en' ? 'en' : 'sv';
}
