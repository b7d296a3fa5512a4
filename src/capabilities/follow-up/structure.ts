import type { Tree } from '../plans/model.ts';

/** How a plan divides into the parts its follow-up is summed up by. No I/O. */
export interface PartItem {
  id: string;
  kind: 'vision' | 'area' | 'goal' | 'activity' | 'note';
  label: string;
  number: string | null;
  text: string;
}

/**
 * The parts of a plan: its areas (Kalix's målområden, Laholm's fokusområden), or where one overarching goal
 * holds the rest, that goal's sub-goals (Laxå's delmål). A plan of bare activities (Österåker) is one part,
 * returned as an empty list.
 */
export function partsOf<T extends PartItem>(roots: Tree<T>[]): Tree<T>[] {
  const parts = roots.filter((t) => t.item.kind !== 'note' && t.item.kind !== 'vision');
  const only = parts[0];
  if (parts.length === 1 && only && only.children.some((c) => c.item.kind === 'goal' || c.item.kind === 'area'))
    return only.children.filter((c) => c.item.kind !== 'note');
  if (parts.every((p) => p.item.kind === 'activity')) return [];
  return parts;
}

/** "Delmål 1.2", or the label alone. */
export function referenceOf(item: { label: string; number: string | null }): string {
  return item.number ? `${item.label} ${item.number}` : item.label;
}

/** Every item below a tree node, depth first. */
export function descendantsOf<T>(tree: Tree<T>): T[] {
  const out: T[] = [];
  const walk = (t: Tree<T>) => {
    for (const child of t.children) {
      out.push(child.item);
      walk(child);
    }
  };
  walk(tree);
  return out;
}
