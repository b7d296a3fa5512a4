import type { Target } from '../plans/outline.ts';

/**
 * Reads a measurable target out of a plan's own words: "50 %", "hälften", "12–15 praktikplatser per år",
 * "minst en gång per halvår", "senast 2018". Returns null when the text states no number to reach. No I/O,
 * no municipality's wording: only the ways Swedish states a quantity.
 */
const numberWords: Record<string, number> = {
  en: 1,
  ett: 1,
  två: 2,
  tre: 3,
  fyra: 4,
  fem: 5,
  sex: 6,
  sju: 7,
  åtta: 8,
  nio: 9,
  tio: 10,
  tolv: 12,
  femton: 15,
  tjugo: 20,
};

// JavaScript's \b knows only ASCII letters, so "år" would have no word boundary: these bounds know every letter.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const word = (pattern: string, flags = 'iu') => new RegExp(`${B}(?:${pattern})${E}`, flags);

const fractions: [RegExp, number][] = [
  [word('hälften'), 50],
  [word('tre fjärdedelar'), 75],
  [word('två tredjedelar'), 66.7],
  [word('en tredjedel'), 33.3],
  [word('en fjärdedel'), 25],
];

const perWords: [RegExp, NonNullable<Target['per']>][] = [
  [word('(per|varje|om|i) (år|året)|årligen'), 'year'],
  [word('(per|varje|i) halvår|halvårsvis'), 'half-year'],
  [word('(per|varje|i) kvartal|kvartalsvis'), 'quarter'],
  [word('(per|varje|i) månad|månadsvis'), 'month'],
];

const num = (s: string) => Number(s.replace(/\s/g, '').replace(',', '.'));
const YEAR = /^(19|20)\d{2}$/;

/** The year a target is to be met: "senast 2018", "år 2018", "till 2020", or the end of "2015–2018". */
export function targetYearIn(text: string): string | null {
  const range = word('((?:19|20)\\d{2})\\s*[-–]\\s*((?:19|20)\\d{2})').exec(text);
  const marked = [...text.matchAll(word('(?:senast|år|till|under|inom|före)\\s+(?:år\\s+|utgången av\\s+)?((?:19|20)\\d{2})', 'giu'))].map(
    (m) => m[1] as string,
  );
  if (marked.length > 0) return marked[marked.length - 1] as string;
  if (range) return range[2] as string;
  return null;
}

export function parseTarget(text: string): Target | null {
  const by = targetYearIn(text);
  const per = perWords.find(([re]) => re.test(text))?.[1] ?? null;
  const base = { ...(per ? { per } : {}), ...(by ? { by } : {}), text: text.trim().slice(0, 2000) };

  // "12-15 praktikplatser", "12–15 %": a range, never two years.
  for (const m of text.matchAll(/(\d+(?:[.,]\d+)?)\s*[-–]\s*(\d+(?:[.,]\d+)?)\s*(%|procent|[a-zåäö]+)/gi)) {
    const [, lo, hi, unitWord] = m as unknown as [string, string, string, string];
    if (YEAR.test(lo) && YEAR.test(hi)) continue;
    const unit = /^(%|procent)$/i.test(unitWord) ? '%' : unitWord.toLowerCase();
    return { min: num(lo), max: num(hi), unit, ...base };
  }
  const percent = /(\d+(?:[.,]\d+)?)\s*(%|procent)/i.exec(text);
  if (percent) return { value: num(percent[1] as string), unit: '%', ...base };
  const fraction = fractions.find(([re]) => re.test(text));
  if (fraction) return { value: fraction[1], unit: '%', ...base };
  // "minst en gång per halvår", "minst 4 träffar per år": a floor.
  const atLeast = word('(?:minst|åtminstone|inte färre än)\\s+(\\d+|\\p{L}+)\\s+(\\p{L}+)').exec(text);
  if (atLeast) {
    const word = (atLeast[1] as string).toLowerCase();
    const n = /^\d+$/.test(word) ? Number(word) : numberWords[word];
    if (n !== undefined)
      return { min: n, unit: (atLeast[2] as string).toLowerCase() === 'gång' ? 'gånger' : (atLeast[2] as string).toLowerCase(), ...base };
  }
  // "40 personer", "9 praktikplatser": a count with its unit, when a rhythm or a deadline says it is a goal.
  const count = word('(\\d+)\\s+(\\p{L}{3,})').exec(text);
  if (count && !YEAR.test(count[1] as string) && (per || by))
    return { value: Number(count[1]), unit: (count[2] as string).toLowerCase(), ...base };
  return null;
}
