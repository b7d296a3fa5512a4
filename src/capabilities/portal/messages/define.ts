import type { Lang } from '../languages.ts';

/**
 * A page's words in every language. Swedish is the source; the type makes every other language carry exactly the
 * same keys, so a missing translation fails `npm run check` instead of showing a key to a reader.
 * `{name}` in a text is filled by `fill`.
 */
export function defineMessages<const M extends Record<string, string>>(
  messages: { sv: M } & { [L in Exclude<Lang, 'sv'>]: { [K in keyof M]: string } },
): (lang: Lang) => { [K in keyof M]: string } {
  return (lang) => messages[lang];
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
