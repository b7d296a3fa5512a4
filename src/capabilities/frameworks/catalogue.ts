import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** The frameworks a plan item can link to: EU's basic principles, the government's strategic areas, ECCAR. */
const Text = Type.Object({ sv: Type.String(), en: Type.String() });
const FrameworkItem = Type.Object({ id: Type.String(), number: Type.Integer(), short: Text, text: Text });
const Framework = Type.Object({ id: Type.String(), title: Text, source: Text, items: Type.Array(FrameworkItem) });
const Catalogue = Type.Object({ frameworks: Type.Array(Framework) });

export type Framework = Static<typeof Framework>;
export type FrameworkItem = Static<typeof FrameworkItem>;

let cached: Framework[] | undefined;

export function frameworks(): Framework[] {
  if (!cached) {
    const raw: unknown = JSON.parse(readFileSync(new URL('../../../data/frameworks.json', import.meta.url), 'utf8'));
    if (!Value.Check(Catalogue, raw)) {
      const first = [...Value.Errors(Catalogue, raw)][0];
      throw new Error(`data/frameworks.json is malformed at ${first?.path}: ${first?.message}`);
    }
    cached = raw.frameworks;
  }
  return cached;
}

/** Every id an item may link to: whole frameworks ("eccar") and their items ("eccar-3"). */
export function frameworkItemIds(): ReadonlySet<string> {
  return new Set(frameworks().flatMap((f) => [f.id, ...f.items.map((i) => i.id)]));
}

export interface LinkedItem {
  itemId: string;
  label: string;
  number: string | null;
  text: string;
  frameworks: string[];
}

export interface Coverage {
  frameworks: (Omit<Framework, 'items'> & {
    linkedItems: LinkedItem[];
    items: (FrameworkItem & { linkedItems: LinkedItem[] })[];
    uncovered: string[];
  })[];
  documentLinks: string[];
}

/**
 * Which plan items link to which framework items, and which framework items no plan item covers.
 * An item linked to a whole framework ("eccar") is listed at the framework, not at every point of it.
 */
export function coverage(catalogue: Framework[], items: LinkedItem[], documentLinks: string[]): Coverage {
  return {
    documentLinks,
    frameworks: catalogue.map((framework) => {
      const points = framework.items.map((point) => ({ ...point, linkedItems: items.filter((i) => i.frameworks.includes(point.id)) }));
      return {
        ...framework,
        linkedItems: items.filter((i) => i.frameworks.includes(framework.id)),
        items: points,
        uncovered: points.filter((p) => p.linkedItems.length === 0).map((p) => p.id),
      };
    }),
  };
}
