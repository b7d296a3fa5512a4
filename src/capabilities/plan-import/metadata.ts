import { distance } from 'fastest-levenshtein';
import type { Adoption, DocumentKind, FollowUpRule, Period } from '../plans/outline.ts';
import { periodIn } from './attributes.ts';

/**
 * The document's own facts: title, kind, who adopted it when, its diary number, validity, follow-up and
 * revision rules. Read from the opening lines (and any metadata table) and from the sentences that state them.
 */

export interface Municipality {
  code: string;
  name: string;
}

export interface DocumentFacts {
  municipality: Municipality | null;
  title: string;
  kind: DocumentKind;
  status: 'adopted' | 'proposed' | 'draft';
  adopted: Adoption | null;
  decided: Adoption | null;
  documentDate: string | null;
  valid: Period;
  followUp: FollowUpRule[];
  revision: { everyYears: number | null; text: string } | null;
}

const months: Record<string, string> = {
  januari: '01',
  februari: '02',
  mars: '03',
  april: '04',
  maj: '05',
  juni: '06',
  juli: '07',
  augusti: '08',
  september: '09',
  oktober: '10',
  november: '11',
  december: '12',
};
const WRITTEN = new RegExp(`(\\d{1,2})\\s+(${Object.keys(months).join('|')})\\s+((?:19|20)\\d{2})`, 'iu');
const ISO = /((?:19|20)\d{2})-(\d{2})-(\d{2})/u;

/** The first date in a text, ISO or written out ("28 februari 2017"), as an ISO date. */
export function dateIn(text: string): string | null {
  const iso = ISO.exec(text);
  const written = WRITTEN.exec(text);
  if (iso && (!written || iso.index <= written.index)) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  if (written) return `${written[3]}-${months[(written[2] as string).toLowerCase()]}-${(written[1] as string).padStart(2, '0')}`;
  return null;
}

const bodies: [RegExp, string][] = [
  [/kommunfullmäktige|\bKF\b/iu, 'KF'],
  [/kommunstyrelsen|\bKS\b/iu, 'KS'],
];

/** "kommunfullmäktige" → KF, "kommunstyrelsen" → KS, a nämnd by its name. */
export function bodyIn(text: string): string | null {
  let best: { at: number; body: string } | null = null;
  for (const [re, body] of bodies) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, body };
  }
  if (best) return best.body;
  const board = /(\p{L}+nämnd(?:en)?)/iu.exec(text);
  return board ? (board[1] as string).replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : null;
}

const paragraphIn = (text: string) => {
  // "§ 41" is the usual order; "183 §" the other, and only where no sign stands before a number.
  const m = /§\s*(\d+[a-z]?)/iu.exec(text) ?? /\(?(\d+[a-z]?)\s*§/iu.exec(text);
  return m ? `§${m[1]}` : null;
};

const dnrIn = (text: string) => {
  const m = /\bdnr\b[:.]?\s*((?:[\p{Lu}]{1,5}\s)?[\d][\d/.\-:]*\d)/iu.exec(text);
  return m ? (m[1] as string).trim() : null;
};

const kinds: [RegExp, DocumentKind][] = [
  [/åtgärdsplan/iu, 'action-plan'],
  [/handlingsplan|aktivitetsplan/iu, 'activity-plan'],
  [/program\b/iu, 'program'],
  [/strategi/iu, 'strategy'],
  [/policy/iu, 'policy'],
  [/plan\b/iu, 'plan'],
];

function kindOf(title: string): DocumentKind {
  return kinds.find(([re]) => re.test(title))?.[1] ?? 'plan';
}

const TITLE_WORD = /integrationsplan|åtgärdsplan|handlingsplan|aktivitetsplan|program|strategi|policy|plan\b/iu;

function titleCase(line: string): string {
  if (line !== line.toUpperCase()) return line;
  const lower = line.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** The title: the first opening line naming a kind of document, completed by an all-caps line after it. */
export function titleIn(opening: string[], municipality: Municipality | null): string {
  const at = opening.findIndex((l) => TITLE_WORD.test(l) && l.length <= 160 && !/^(?:styrdokument|dokumenttyp)/iu.test(l));
  if (at < 0) return municipality ? `Plan för integration, ${municipality.name} kommun` : 'Importerad plan';
  let title = titleCase((opening[at] as string).replace(/,\s*version.*$/iu, '').trim());
  const next = opening[at + 1];
  if (next && next === next.toUpperCase() && /\p{Lu}{3,}/u.test(next) && next.length <= 60) {
    const words = next.toLowerCase().replace(/(^|\s)(\p{L})/gu, (_, s: string, c: string) => s + c.toUpperCase());
    title = `${title} ${words.replace(/\bKommun\b/u, 'kommun')}`;
  }
  return title;
}

/** A name misspelt by one letter ("Österaåkers kommun") still names its municipality; short names must be exact. */
function nearName(phrase: string, known: Municipality[]): Municipality | undefined {
  const bare = phrase.endsWith('s') ? phrase.slice(0, -1) : phrase;
  if (bare.length < 6) return undefined;
  return known.find((m) => Math.abs(m.name.length - bare.length) <= 1 && distance(m.name.toLowerCase(), bare) <= 1);
}

/** The municipality the document is about: the name said most often before "kommun". */
export function municipalityIn(text: string, known: Municipality[]): Municipality | null {
  const byName = new Map(known.map((m) => [m.name.toLowerCase(), m]));
  const counts = new Map<Municipality, number>();
  // One pass over the text: the up to three words before each "kommun", tried as a name with and without genitive s.
  // Found with indexOf rather than one regular expression, which backtracks over every word of a long document.
  const lower = text.toLowerCase();
  for (let at = lower.indexOf('kommun'); at >= 0; at = lower.indexOf('kommun', at + 6)) {
    if (at > 0 && /\p{L}/u.test(lower[at - 1] as string)) continue;
    const words = lower
      .slice(Math.max(0, at - 60), at)
      .split(/[^\p{L}-]+/u)
      .slice(0, -1)
      .slice(-3);
    if (words.length === 0) continue;
    for (let take = 1; take <= words.length; take++) {
      const phrase = words.slice(-take).join(' ').toLowerCase();
      const m = byName.get(phrase) ?? (phrase.endsWith('s') ? byName.get(phrase.slice(0, -1)) : undefined) ?? nearName(phrase, known);
      if (m) {
        counts.set(m, (counts.get(m) ?? 0) + 1);
        break;
      }
    }
  }
  let best: Municipality | null = null;
  for (const [m, n] of counts) if (!best || n > (counts.get(best) ?? 0)) best = m;
  return best;
}

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);

/** Follow-up rules: sentences about following up or reporting that say how often and to whom. */
export function followUpIn(text: string): FollowUpRule[] {
  const rules: FollowUpRule[] = [];
  for (const s of sentences(text)) {
    if (!/uppfölj|följ\p{L}* upp|rapport|redovis/iu.test(s)) continue;
    const every: FollowUpRule['every'] | null = /kvartal/iu.test(s)
      ? 'quarter'
      : /halvår|två gånger (?:per|om|i) år/iu.test(s)
        ? 'half-year'
        : /månad/iu.test(s)
          ? 'month'
          : /årlig|varje år|per år|en gång om året/iu.test(s)
            ? 'year'
            : null;
    if (!every || rules.some((r) => r.every === every)) continue;
    rules.push({ every, reportTo: bodyIn(s), text: s.slice(0, 2000) });
  }
  // "Ansvaret för … uppföljning ligger på kommunstyrelsen": the body a rule without one reports to.
  const owner = sentences(text).find((s) => /uppföljning/iu.test(s) && /ligger på|ansvarar|ansvar/iu.test(s) && bodyIn(s));
  for (const r of rules) if (!r.reportTo && owner) r.reportTo = bodyIn(owner);
  return rules;
}

const ordinals: Record<string, number> = { andra: 2, annat: 2, tredje: 3, fjärde: 4, femte: 5, sjätte: 6 };

export function revisionIn(text: string): DocumentFacts['revision'] {
  const s = sentences(text).find((x) => /revider|revision/iu.test(x) && /år|mandatperiod/iu.test(x));
  if (!s) return null;
  const m = /var(?:t|je)?\s+(\p{L}+|\d+)(?::e)?\s+år/iu.exec(s) ?? /vartannat år/iu.exec(s);
  let everyYears: number | null = null;
  if (m && m[0].toLowerCase().startsWith('vartannat')) everyYears = 2;
  else if (m) everyYears = /^\d+$/u.test(m[1] as string) ? Number(m[1]) : (ordinals[(m[1] as string).toLowerCase()] ?? null);
  else if (/mandatperiod/iu.test(s)) everyYears = 4;
  return { everyYears, text: s.slice(0, 2000) };
}

/** Reads the document's facts from its opening lines (before the body) and its whole text. */
export function documentFacts(opening: string[], fullText: string, known: Municipality[], given: Municipality | null): DocumentFacts {
  const municipality = given ?? municipalityIn(fullText, known);
  const head = opening.join('\n');
  const adoptedAt = opening.findIndex((l) => /antagen|antaget|fastställd|beslutad av/iu.test(l));
  let adopted: Adoption | null = null;
  if (adoptedAt >= 0) {
    // The decision may run over the next lines ("Antagen av kommunfullmäktige den 28 februari 2017" / "§ 20").
    const window = opening.slice(adoptedAt, adoptedAt + 3).join(' ');
    const date = dateIn(window);
    if (date) adopted = { body: bodyIn(window), date, paragraph: paragraphIn(window), dnr: dnrIn(head) };
  }
  const proposal = /^till\s+(kommunstyrelsen|kommunfullmäktige|\p{L}+nämnden)/imu.test(head);
  const firstDate = dateIn(opening.filter((l) => !/antagen|fastställd|gäller/iu.test(l)).join('\n'));
  const validLine = opening.find((l) => /gäller|giltig/iu.test(l));
  const validFrom = validLine ? dateIn(validLine) : null;
  const period = periodIn(head);
  const valid: Period = validFrom
    ? { from: validFrom, to: /tills vidare|tillsvidare/iu.test(validLine ?? '') ? null : (period?.to ?? null) }
    : (period ?? { from: adopted?.date?.slice(0, 4) ?? null, to: null });
  const title = titleIn(opening, municipality);
  return {
    municipality,
    title,
    kind: kindOf(title),
    status: adopted ? 'adopted' : proposal ? 'proposed' : 'draft',
    adopted: adopted ?? (dnrIn(head) ? { body: null, date: null, paragraph: null, dnr: dnrIn(head) } : null),
    decided: null,
    documentDate: firstDate && firstDate !== adopted?.date ? firstDate : null,
    valid,
    followUp: followUpIn(fullText),
    revision: revisionIn(fullText),
  };
}
