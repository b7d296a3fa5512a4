import { distance } from 'fastest-levenshtein';
import type { OutlineNode, PlanOutline } from '../plans/outline.ts';

/**
 * Compares an imported outline with a reference transcription of the same plan. Items are the plan's
 * intent (vision, area, goal, activity); notes are background and are scored apart, as information.
 */

export interface ImportScore {
  referenceItems: number;
  importedItems: number;
  matched: number;
  recall: number;
  precision: number;
  /** Share of matched items whose nearest item ancestor is the match of the reference's (or both top level). */
  parents: number;
  /** F1 over (item, unit) pairs of matched items; 1 when neither names any unit. */
  units: number;
  /** Share of matched items with the same due date (both none counts as the same). */
  due: number;
  /** Share of matched items with the same recurrence (both none counts as the same). */
  recurrence: number;
  /** Information only: share of matched items of the same kind, and of reference notes found as notes. */
  kinds: number;
  notes: number;
}

interface FlatItem {
  node: OutlineNode;
  text: string;
  parent: number | null;
}

export const MATCH_THRESHOLD = 0.8;

export function normaliseForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[*”“"'’]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–•.,;:]+|[\s.,;:]+$/g, '')
    .trim();
}

export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

function flatten(nodes: OutlineNode[], wanted: (n: OutlineNode) => boolean): FlatItem[] {
  const out: FlatItem[] = [];
  const walk = (list: OutlineNode[], parent: number | null) => {
    for (const node of list) {
      if (wanted(node)) {
        out.push({ node, text: normaliseForMatch(node.text), parent });
        walk(node.children, out.length - 1);
      } else walk(node.children, parent);
    }
  };
  walk(nodes, null);
  return out;
}

/** One-to-one matching, best pairs first, at or above the threshold. Returns reference index → imported index. */
export function matchItems(reference: string[], imported: string[], threshold = MATCH_THRESHOLD): Map<number, number> {
  const pairs: [number, number, number][] = [];
  reference.forEach((r, i) =>
    imported.forEach((o, j) => {
      // Texts of very different length cannot reach the threshold; skip the distance.
      if (Math.min(r.length, o.length) < threshold * Math.max(r.length, o.length)) return;
      const s = similarity(r, o);
      if (s >= threshold) pairs.push([s, i, j]);
    }),
  );
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const match = new Map<number, number>();
  const taken = new Set<number>();
  for (const [, i, j] of pairs) {
    if (match.has(i) || taken.has(j)) continue;
    match.set(i, j);
    taken.add(j);
  }
  return match;
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
const unitKey = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const rule = (r: string | null) => (r === null ? null : r.replace(/^RRULE:/, ''));

export function scoreImport(reference: PlanOutline, imported: PlanOutline): ImportScore {
  const isItem = (n: OutlineNode) => n.kind !== 'note';
  const ref = flatten(reference.nodes, isItem);
  const out = flatten(imported.nodes, isItem);
  const match = matchItems(
    ref.map((r) => r.text),
    out.map((o) => o.text),
  );

  let parents = 0;
  let due = 0;
  let recurrence = 0;
  let kinds = 0;
  let unitTp = 0;
  let unitRef = 0;
  let unitOut = 0;
  for (const [i, j] of match) {
    const r = ref[i] as FlatItem;
    const o = out[j] as FlatItem;
    if (r.parent === null ? o.parent === null : match.get(r.parent) === o.parent) parents++;
    if ((r.node.due ?? null) === (o.node.due ?? null)) due++;
    if (rule(r.node.recurrence) === rule(o.node.recurrence)) recurrence++;
    if (r.node.kind === o.node.kind) kinds++;
    const refUnits = new Set(r.node.responsible.map(unitKey));
    const outUnits = new Set(o.node.responsible.map(unitKey));
    unitRef += refUnits.size;
    unitOut += outUnits.size;
    for (const u of outUnits) if (refUnits.has(u)) unitTp++;
  }
  const unitPrecision = ratio(unitTp, unitOut);
  const unitRecall = ratio(unitTp, unitRef);
  const units = unitPrecision + unitRecall === 0 ? 0 : (2 * unitPrecision * unitRecall) / (unitPrecision + unitRecall);

  const refNotes = flatten(reference.nodes, (n) => n.kind === 'note').filter((n) => n.text !== '');
  const outNotes = flatten(imported.nodes, (n) => n.kind === 'note');
  const noteText = outNotes.map((n) => n.text).join('\n');
  // A reference note counts as found when its first words stand in some imported note.
  const notesFound = refNotes.filter((n) => noteText.includes(n.text.slice(0, 60))).length;

  return {
    referenceItems: ref.length,
    importedItems: out.length,
    matched: match.size,
    recall: ratio(match.size, ref.length),
    precision: ratio(match.size, out.length),
    parents: ratio(parents, match.size),
    units,
    due: ratio(due, match.size),
    recurrence: ratio(recurrence, match.size),
    kinds: ratio(kinds, match.size),
    notes: ratio(notesFound, refNotes.length),
  };
}

export const scoredFigures = ['recall', 'precision', 'parents', 'units', 'due', 'recurrence'] as const;
