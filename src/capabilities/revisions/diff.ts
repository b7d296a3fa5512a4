/**
 * Every difference between two editions of a steering document, as a pure function over two plain trees.
 * Items are matched by lineage: an item of the newer edition names the item of the older one it came from
 * (`originId`, resolved from item.origin_item_id by the caller). Unmatched newer items are added, unmatched
 * older items removed; matched pairs are compared field by field and place by place.
 */

export interface DiffResponsibility {
  unitId: string;
  name: string;
  role: 'lead' | 'contributor';
}

export interface DiffItem {
  id: string;
  parentId: string | null;
  position: number;
  kind: string;
  label: string;
  number: string | null;
  text: string;
  due: string | null;
  recurrence: string | null;
  target: unknown;
  period: { from: string | null; to: string | null } | null;
  responsible: DiffResponsibility[];
  frameworks: string[];
}

export interface DiffSide {
  /** Document metadata compared field by field (title, validity, levels, …); adoption belongs to the edition, not its content. */
  meta: Record<string, unknown>;
  items: DiffItem[];
}

export interface NewerSide extends DiffSide {
  items: (DiffItem & { originId: string | null })[];
}

export const comparedFields = [
  'kind',
  'label',
  'number',
  'text',
  'due',
  'recurrence',
  'target',
  'period',
  'responsibility',
  'frameworks',
] as const;
export type ComparedField = (typeof comparedFields)[number];

export interface FieldChange<F extends string = string> {
  field: F;
  before: unknown;
  after: unknown;
}

/** Enough of an item to name it in a list of changes. */
export interface ItemRef {
  id: string;
  kind: string;
  label: string;
  number: string | null;
  text: string;
}

export interface Place {
  parent: ItemRef | null;
  position: number;
}

export interface PlanDiff {
  document: FieldChange[];
  /** In the newer edition's reading order; `parentAdded` marks items inside an added item. */
  added: { item: DiffItem; parent: ItemRef | null; parentAdded: boolean }[];
  /** In the older edition's reading order; `parentRemoved` marks items that went with a removed parent. */
  removed: { item: DiffItem; parent: ItemRef | null; parentRemoved: boolean }[];
  changed: { before: ItemRef; after: ItemRef; fields: FieldChange<ComparedField>[] }[];
  /** Items placed under another parent, or re-ordered among the siblings they kept. */
  moved: { before: ItemRef; after: ItemRef; from: Place; to: Place; reason: 'parent' | 'order' }[];
  unchanged: number;
}

const ref = (i: DiffItem): ItemRef => ({ id: i.id, kind: i.kind, label: i.label, number: i.number, text: i.text });

/** JSON with object keys sorted, so { a, b } equals { b, a } and absent equals null. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function fieldValue(item: DiffItem, field: ComparedField): unknown {
  switch (field) {
    case 'responsibility':
      // Who answers, and how, matters; the order in which they are listed does not.
      return [...item.responsible].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
    case 'frameworks':
      return [...item.frameworks].sort();
    case 'period':
      return item.period && (item.period.from || item.period.to) ? item.period : null;
    case 'kind':
    case 'label':
    case 'number':
    case 'text':
    case 'due':
    case 'recurrence':
    case 'target':
      return item[field];
  }
}

function presented(item: DiffItem, field: ComparedField): unknown {
  // Shown in the order the plan lists them (leads first), not the order used for comparing.
  if (field === 'responsibility') return item.responsible;
  return fieldValue(item, field);
}

/** Items in reading order: depth first, siblings by position. */
function readingOrder<T extends DiffItem>(items: T[]): T[] {
  const children = new Map<string | null, T[]>();
  for (const item of items) {
    const list = children.get(item.parentId) ?? [];
    list.push(item);
    children.set(item.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position);
  const out: T[] = [];
  const seen = new Set<string>();
  const walk = (parentId: string | null) => {
    for (const item of children.get(parentId) ?? []) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
      walk(item.id);
    }
  };
  walk(null);
  return out;
}

/** The longest common subsequence of two id lists: the siblings that kept their relative order. */
function keptInOrder(before: string[], after: string[]): Set<string> {
  const n = before.length;
  const m = after.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      (table[i] as number[])[j] =
        before[i] === after[j]
          ? ((table[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((table[i + 1] as number[])[j] as number, (table[i] as number[])[j + 1] as number);
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      kept.add(before[i] as string);
      i++;
      j++;
    } else if (((table[i + 1] as number[])[j] as number) >= ((table[i] as number[])[j + 1] as number)) i++;
    else j++;
  }
  return kept;
}

export function diffPlans(older: DiffSide, newer: NewerSide): PlanDiff {
  const oldById = new Map(older.items.map((i) => [i.id, i]));
  const newById = new Map(newer.items.map((i) => [i.id, i]));
  // Each older item is claimed by at most one newer item: a second claimant counts as added (a copy, not the original).
  const newOf = new Map<string, DiffItem & { originId: string | null }>();
  for (const item of readingOrder(newer.items))
    if (item.originId !== null && oldById.has(item.originId) && !newOf.has(item.originId)) newOf.set(item.originId, item);
  const originOf = (item: DiffItem) => {
    const originId = (item as { originId?: string | null }).originId ?? null;
    return originId !== null && newOf.get(originId)?.id === item.id ? originId : null;
  };

  const document: FieldChange[] = [];
  for (const key of [...new Set([...Object.keys(older.meta), ...Object.keys(newer.meta)])])
    if (!same(older.meta[key], newer.meta[key]))
      document.push({ field: key, before: older.meta[key] ?? null, after: newer.meta[key] ?? null });

  const added: PlanDiff['added'] = [];
  const changed: PlanDiff['changed'] = [];
  const moved: PlanDiff['moved'] = [];
  let unchanged = 0;

  // Siblings that kept their relative order, per parent (in older ids), among items matched on both sides under that parent.
  const keptOrder = new Map<string | null, Set<string>>();
  const keptUnder = (oldParentId: string | null): Set<string> => {
    let kept = keptOrder.get(oldParentId);
    if (kept) return kept;
    const oldSiblings = older.items
      .filter((i) => i.parentId === oldParentId && newOf.has(i.id))
      .sort((a, b) => a.position - b.position)
      .map((i) => i.id)
      .filter((id) => {
        const n = newOf.get(id) as DiffItem;
        return (n.parentId === null ? null : originOf(newById.get(n.parentId) as DiffItem)) === oldParentId;
      });
    const newParentId = oldParentId === null ? null : (newOf.get(oldParentId)?.id ?? undefined);
    const newSiblings =
      newParentId === undefined
        ? []
        : newer.items
            .filter((i) => i.parentId === newParentId && originOf(i) !== null)
            .sort((a, b) => a.position - b.position)
            .map((i) => originOf(i) as string)
            .filter((id) => (oldById.get(id) as DiffItem).parentId === oldParentId);
    kept = keptInOrder(oldSiblings, newSiblings);
    keptOrder.set(oldParentId, kept);
    return kept;
  };

  for (const item of readingOrder(newer.items)) {
    const originId = originOf(item);
    const parent = item.parentId === null ? null : (newById.get(item.parentId) ?? null);
    if (originId === null) {
      added.push({ item, parent: parent && ref(parent), parentAdded: parent !== null && originOf(parent) === null });
      continue;
    }
    const before = oldById.get(originId) as DiffItem;
    const fields = comparedFields
      .filter((field) => !same(fieldValue(before, field), fieldValue(item, field)))
      .map((field) => ({ field, before: presented(before, field), after: presented(item, field) }));
    if (fields.length > 0) changed.push({ before: ref(before), after: ref(item), fields });

    const oldParent = before.parentId === null ? null : (oldById.get(before.parentId) ?? null);
    const parentOrigin = parent === null ? null : originOf(parent);
    const from: Place = { parent: oldParent && ref(oldParent), position: before.position };
    const to: Place = { parent: parent && ref(parent), position: item.position };
    let isMoved = false;
    if (parent === null ? before.parentId !== null : parentOrigin !== before.parentId) {
      moved.push({ before: ref(before), after: ref(item), from, to, reason: 'parent' });
      isMoved = true;
    } else if (!keptUnder(before.parentId).has(originId)) {
      moved.push({ before: ref(before), after: ref(item), from, to, reason: 'order' });
      isMoved = true;
    }
    if (fields.length === 0 && !isMoved) unchanged++;
  }

  const removedIds = new Set(older.items.filter((i) => !newOf.has(i.id)).map((i) => i.id));
  const removed: PlanDiff['removed'] = readingOrder(older.items)
    .filter((i) => removedIds.has(i.id))
    .map((item) => {
      const parent = item.parentId === null ? null : (oldById.get(item.parentId) ?? null);
      return { item, parent: parent && ref(parent), parentRemoved: parent !== null && removedIds.has(parent.id) };
    });

  return { document, added, removed, changed, moved, unchanged };
}

/** Whether two editions say the same thing. */
export function isEmptyDiff(diff: PlanDiff): boolean {
  return diff.document.length + diff.added.length + diff.removed.length + diff.changed.length + diff.moved.length === 0;
}
