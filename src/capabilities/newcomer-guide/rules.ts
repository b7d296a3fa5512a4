import type { FieldProblem } from '../../kernel/errors.ts';

/**
 * The newcomer guide as plain rules: what an entry must hold, how its responsibilities read as a list, and the
 * order of a municipality's entries. An entry is public, so its contact details are an organisation's, never a
 * private person's: personal identity numbers and name-shaped e-mail addresses are refused.
 */
export const LIMITS = { actor: 200, responsibilities: 4000, help: 4000, url: 500 } as const;

export interface GuideEntryInput {
  actor: string;
  responsibilities: string;
  help: string;
  url: string | null;
}

// Personal identity numbers (ÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN): a guide never needs one.
const PERSONAL_NUMBER = /\b(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[-+]?\d{4}\b/;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Words that make an address an organisation's own ("integration.mottagning@", "kontakt.center@").
const FUNCTIONAL_WORDS = new Set([
  'info',
  'kontakt',
  'kontaktcenter',
  'center',
  'mottagning',
  'mottagningen',
  'integration',
  'integrationsenheten',
  'kommun',
  'kommunen',
  'registrator',
  'reception',
  'vaxel',
  'växel',
  'service',
  'support',
  'kundtjanst',
  'kundtjänst',
  'sfi',
  'etablering',
  'socialtjanst',
  'socialtjänst',
  'socialtjansten',
  'socialtjänsten',
  'forvaltning',
  'förvaltning',
  'enheten',
  'medborgarkontor',
  'medborgarservice',
]);

/** An address of the form förnamn.efternamn@ with neither word an organisation's: most likely one person's. */
export function looksPersonalEmail(address: string): boolean {
  const local = address.split('@')[0]?.toLowerCase() ?? '';
  const parts = /^([\p{L}]{2,})[._]([\p{L}]{2,})$/u.exec(local);
  if (!parts) return false;
  return !FUNCTIONAL_WORDS.has(parts[1] ?? '') && !FUNCTIONAL_WORDS.has(parts[2] ?? '');
}

export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

export function checkGuideEntry(input: GuideEntryInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const actor = input.actor.trim();
  if (actor === '') problems.push({ path: '/actor', message: 'Skriv vilken aktör (myndighet, region, kommun) det gäller.' });
  else if (actor.length > LIMITS.actor) problems.push({ path: '/actor', message: `Aktörens namn får vara högst ${LIMITS.actor} tecken.` });
  if (input.responsibilities.length > LIMITS.responsibilities)
    problems.push({ path: '/responsibilities', message: `Ansvar får vara högst ${LIMITS.responsibilities} tecken.` });
  if (input.help.length > LIMITS.help) problems.push({ path: '/help', message: `Var får man hjälp får vara högst ${LIMITS.help} tecken.` });
  if (input.responsibilities.trim() === '' && input.help.trim() === '')
    problems.push({ path: '/responsibilities', message: 'Skriv vad aktören gör för nyanlända, eller var man får hjälp.' });
  for (const [field, label] of [
    ['responsibilities', 'Ansvar'],
    ['help', 'Var får man hjälp'],
  ] as const) {
    const text = input[field];
    if (PERSONAL_NUMBER.test(text))
      problems.push({ path: `/${field}`, message: `${label}: sidan är offentlig och får inte innehålla personnummer.` });
    const personal = (text.match(EMAIL) ?? []).find(looksPersonalEmail);
    if (personal)
      problems.push({
        path: `/${field}`,
        message: `${label}: ${personal} ser ut att vara en persons e-postadress. Sidan är offentlig — ange organisationens funktionsadress.`,
      });
  }
  if (input.url !== null && input.url.trim() !== '') {
    if (input.url.length > LIMITS.url) problems.push({ path: '/url', message: `Webbadressen får vara högst ${LIMITS.url} tecken.` });
    else if (!isWebAddress(input.url.trim()))
      problems.push({ path: '/url', message: 'Webbadressen ska börja med https:// (eller http://) och vara en hel adress.' });
  }
  return problems;
}

/** The entry as it is saved: trimmed, an empty web address as none. */
export function normaliseGuideEntry(input: GuideEntryInput): GuideEntryInput {
  const url = input.url?.trim() ?? '';
  return {
    actor: input.actor.trim(),
    responsibilities: input.responsibilities.replace(/\r\n?/g, '\n').trim(),
    help: input.help.replace(/\r\n?/g, '\n').trim(),
    url: url === '' ? null : url,
  };
}

/** Responsibilities as the public page lists them: one a line, bullets and blank lines dropped. */
export function responsibilityLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-•*–]|\d+[.)])\s*/, '').trim())
    .filter((line) => line !== '');
}

/** Entries in the order the guide shows them: by position, ties (which a repair leaves) by name. */
export function ordered<T extends { position: number; actor: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => a.position - b.position || a.actor.localeCompare(b.actor, 'sv'));
}

/**
 * The ids in their new order after moving one to `to` (0-based, clamped to the list); unknown id: unchanged.
 * Positions are then 0…n-1, so gaps left by removals close on the next move.
 */
export function moveTo(ids: readonly string[], id: string, to: number): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  const rest = ids.filter((other) => other !== id);
  const target = Math.max(0, Math.min(rest.length, Math.trunc(to)));
  rest.splice(target, 0, id);
  return rest;
}
