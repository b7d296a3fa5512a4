import { recurrenceInWords } from '../../kernel/words.ts';
import { parseTarget } from '../indicators/target-text.ts';
import type { Period, Target } from '../plans/outline.ts';

/**
 * Reads an item's schedule, target, responsibility and framework links out of its own words. Only the ways
 * Swedish plans state these things; nothing keyed to one municipality's wording.
 */

// JavaScript's \b knows only ASCII letters, so "år" would have no word boundary: these bounds know every letter.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const word = (pattern: string, flags = 'iu') => new RegExp(`${B}(?:${pattern})${E}`, flags);

const YEAR = '(?:19|20)\\d{2}';
const DASH = '\\s*[-–—]\\s*';
const months: Record<string, number> = {
  januari: 1,
  februari: 2,
  mars: 3,
  april: 4,
  maj: 5,
  juni: 6,
  juli: 7,
  augusti: 8,
  september: 9,
  oktober: 10,
  november: 11,
  december: 12,
};
const MONTH = `(${Object.keys(months).join('|')})`;
const pad = (n: number) => String(n).padStart(2, '0');

/** "1 augusti 2014" → "2014-08-01". */
function writtenDate(day: string, month: string, year: string): string {
  return `${year}-${pad(months[month.toLowerCase()] as number)}-${pad(Number(day))}`;
}

/** A period the item runs in: "under perioden 2015-2017", "2015–2018", "1 augusti 2014 till 31 juli 2016". */
export function periodIn(text: string): Period | null {
  const dates = word(`(\\d{1,2}) ${MONTH} (${YEAR})\\s*(?:till|[-–—])\\s*(\\d{1,2}) ${MONTH} (${YEAR})`).exec(text);
  if (dates) {
    const [, d1, m1, y1, d2, m2, y2] = dates as unknown as string[];
    return { from: writtenDate(d1 as string, m1 as string, y1 as string), to: writtenDate(d2 as string, m2 as string, y2 as string) };
  }
  const range = word(`(${YEAR})${DASH}(${YEAR})`).exec(text);
  if (range && Number(range[2]) > Number(range[1])) return { from: range[1] as string, to: range[2] as string };
  return null;
}

/** A one-off deadline: an ISO date, or a lone year that is not part of a period ("senast under 2016", "år 2015"). */
export function dueIn(text: string): string | null {
  const iso = word(`(${YEAR}-\\d{2}-\\d{2})`).exec(text);
  if (iso) return iso[1] as string;
  const withoutPeriods = text
    .replace(word(`\\d{1,2} ${MONTH} ${YEAR}`, 'giu'), ' ')
    .replace(word(`${YEAR}${DASH}${YEAR}`, 'giu'), ' ')
    .replace(word(`(?:sedan|från|fr\\.o\\.m\\.?|efter)\\s+(?:år\\s+)?${YEAR}`, 'giu'), ' ');
  const year = word(`(${YEAR})`).exec(withoutPeriods);
  return year ? (year[1] as string) : null;
}

/** The item's rhythm as an RRULE, or CONTINUOUS: "kvartalsvis", "två gånger per år", "varje år den 6 juni". */
export const recurrenceIn = recurrenceInWords;

/** A measurable target, only where the words state a quantity. */
export function targetIn(text: string): Target | null {
  return parseTarget(text);
}

const SELF = word('kommunen|vi|man|vår kommun|den egna kommunen');

function tidyUnit(name: string): string | null {
  const cleaned = name
    .replace(/^(?:och|samt|även|också|i första hand)\s+/iu, '')
    .replace(/[\s,.;:]+$/u, '')
    .trim();
  if (cleaned === '' || cleaned.split(/\s+/).length > 6 || (SELF.test(cleaned) && cleaned.split(/\s+/).length <= 2)) return null;
  return cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
}

/** Splits "A och B", "A, B och C" — but not "Näringslivs- och utvecklingsenheten", where "och" joins a word. */
export function splitUnits(phrase: string): string[] {
  return phrase
    .split(/,\s*|(?<!-)\s+(?:och|samt)\s+|\s+tillsammans med\s+/u)
    .map((p) => tidyUnit(p))
    .filter((p): p is string => p !== null);
}

/** Who is responsible, as the item says it: "X ansvarar för", "X och Y ansvarar tillsammans", "Ansvar: X". */
export function responsibleIn(text: string): { responsible: string[]; contributors: string[] } {
  const responsible: string[] = [];
  const contributors: string[] = [];
  for (const sentence of text.split(/(?<=[.!?])\s+/u)) {
    const label = /^(?:ansvar(?:ig|iga)?|huvudansvar(?:ig)?)\s*:\s*(.+)$/iu.exec(sentence.trim());
    if (label) {
      responsible.push(...splitUnits((label[1] as string).replace(/\.$/, '')));
      continue;
    }
    const owns = /^(.*?)\s+(?:ansvarar|har ansvar(?:et)?|är ansvarig(?:a)?|ansvarig(?:a)? är)\b(.*)$/iu.exec(sentence.trim());
    if (owns) {
      // The subject is what stands before the verb: the sentence's start, or after the last clause break.
      const subject = (owns[1] as string).split(/[;:]|\.\s/u).pop() ?? '';
      const lead = splitUnits(subject);
      responsible.push(...lead);
      const partner = /^\s*(?:tillsammans\s+)?med\s+(.+?)\s+för\b/iu.exec(owns[2] as string);
      if (partner) {
        const more = splitUnits(partner[1] as string);
        responsible.push(...more);
        contributors.push(...more);
      }
      continue;
    }
    // "Kommunen och Region Halland arbetar tillsammans": a named partner beside the municipality itself.
    const together = new RegExp(`^(?:${SELF.source})\\s+och\\s+((?:\\p{Lu}[\\p{L}-]*\\s?){1,4}?)\\s+\\p{L}+\\s+tillsammans`, 'iu').exec(
      sentence.trim(),
    );
    if (together) responsible.push(...splitUnits(together[1] as string));
    const cooperation = /\bsamarbete med\s+((?:\p{Lu}[\p{L}-]*\s?){1,4})/u.exec(sentence);
    if (cooperation) responsible.push(...splitUnits(cooperation[1] as string));
  }
  return { responsible: [...new Set(responsible)], contributors: [...new Set(contributors)] };
}

const frameworkWords: [RegExp, string][] = [
  [word('ECCAR|tiopunktsprogram\\p{L}*|European Coalition of Cities Against Racism'), 'eccar'],
  [word('(?:EU:s )?(?:elva|11) grundprinciper\\p{L}*|Common Basic Principles'), 'eu-cbp'],
  [word('Egenmakt mot utanförskap|regeringens strategi för integration'), 'se-strategy'],
];

/** The frameworks an item's words name. */
export function frameworksIn(text: string): string[] {
  return frameworkWords.filter(([re]) => re.test(text)).map(([, id]) => id);
}
