import type { ItemKind } from '../plans/outline.ts';

/**
 * The words Swedish steering documents use for their own levels and sections. Shared by every plan written in
 * Swedish public administration; no municipality's own wording.
 */

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const words = (pattern: string) => new RegExp(`${B}(?:${pattern})`, 'iu');

/** Level words, most specific first: a heading or a list label containing one names the level of what follows. */
const levelWords: { re: RegExp; kind: ItemKind; singular: (found: string) => string }[] = [
  { re: words('vision(?:en)?'), kind: 'vision', singular: () => 'Vision' },
  { re: words('delmål(?:en)?'), kind: 'goal', singular: () => 'Delmål' },
  { re: words('övergripande mål(?:en)?|huvudmål(?:en)?|inriktningsmål(?:en)?|effektmål(?:en)?'), kind: 'goal', singular: capitalise },
  { re: words('(?:övergripande )?kännetecken'), kind: 'goal', singular: capitalise },
  { re: words('hit vill vi|det här vill vi uppnå|så här vill vi ha det'), kind: 'goal', singular: capitalise },
  { re: words('målsättning(?:ar|en)?|mål(?:en)?' + E), kind: 'goal', singular: () => 'Mål' },
  { re: words('delaktivitet(?:er|en|erna)?'), kind: 'activity', singular: () => 'Delaktivitet' },
  {
    re: words('aktivitet(?:er|en|erna)?|åtgärd(?:er|en|erna)?|insats(?:er|en|erna)?|handling(?:ar)?' + E),
    kind: 'activity',
    singular: singularActivity,
  },
  { re: words('\\p{L}*område(?:n|t|na)?' + E), kind: 'area', singular: singularArea },
];

function capitalise(found: string): string {
  const t = found.trim();
  return t.charAt(0).toUpperCase() + t.slice(1).toLowerCase();
}

function singularActivity(found: string): string {
  const f = found.toLowerCase();
  if (f.startsWith('åtgärd')) return 'Åtgärd';
  if (f.startsWith('insats')) return 'Insats';
  if (f.startsWith('handling')) return 'Handling';
  return 'Aktivitet';
}

function singularArea(found: string): string {
  return capitalise(found.replace(/(?:n|t|na)$/iu, '').replace(/områd$/iu, 'område'));
}

export interface LevelWord {
  kind: ItemKind;
  /** The level's own name in the singular, as the plan would label one item: "Delmål", "Åtgärd", "Hit vill vi". */
  label: string;
}

/** The level a heading or list label names, if it names one. */
export function levelWordIn(text: string): LevelWord | null {
  for (const { re, kind, singular } of levelWords) {
    const m = re.exec(text);
    if (m) return { kind, label: singular(m[0]) };
  }
  return null;
}

/** Sections that describe rather than intend: their lists are part of the description. */
const background = words(
  'bakgrund|inledning|förord|sammanfattning|syfte|nuläge\\p{L}*|omvärld\\p{L}*|definition\\p{L}*|begrepp\\p{L}*|ordlista|målgrupp\\p{L}*|' +
    'ansvar' +
    E +
    '|ansvarsfördelning|uppföljning|rapportering|utvärdering|revidering|avgränsning\\p{L}*|underlag\\p{L}*|' +
    'genomförande|kartläggning|statistik|fakta|värdegrund\\p{L}*|styrdokument|lagstiftning|referenser|källor|innehåll',
);

export function isBackgroundHeading(text: string): boolean {
  return background.test(text);
}

const appendix = /^(?:bilag(?:a|or)|appendix|annex)(?![\p{L}])/iu;

export function isAppendixHeading(text: string): boolean {
  return appendix.test(text.trim());
}

/** Statements of intent carry a modal verb or state what is to be done. */
const intent = words('ska|skall|bör|måste|kommer att|ska kunna|behöver');

export function soundsIntended(text: string): boolean {
  return intent.test(text);
}
