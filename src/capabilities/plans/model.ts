import type { FieldProblem } from '../../kernel/errors.ts';
import { normaliseRecurrence } from '../../kernel/recurrence.ts';
import type { ItemKind, OutlineNode, PlanOutline, Target } from './outline.ts';

/** An item as the tree rules see it: no database, no request. */
export interface TreeItem {
  id: string;
  parentId: string | null;
  position: number;
}

export interface FlatNode {
  /** Index-based key, unique within one outline: "0", "0.2", "0.2.1". */
  key: string;
  parentKey: string | null;
  position: number;
  depth: number;
  node: OutlineNode;
}

/** Lists an outline's nodes parent-first, in source order, so they can be inserted in one pass. */
export function flattenOutline(nodes: OutlineNode[]): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (list: OutlineNode[], parentKey: string | null, depth: number) => {
    list.forEach((node, position) => {
      const key = parentKey === null ? String(position) : `${parentKey}.${position}`;
      out.push({ key, parentKey, position, depth, node });
      walk(node.children, key, depth + 1);
    });
  };
  walk(nodes, null, 0);
  return out;
}

export interface Tree<T> {
  item: T;
  children: Tree<T>[];
}

/** Builds the nested tree from flat rows; children ordered by position. Orphans are a data error and are reported. */
export function buildTree<T extends TreeItem>(items: T[]): Tree<T>[] {
  const byParent = new Map<string | null, T[]>();
  for (const item of items) {
    const siblings = byParent.get(item.parentId) ?? [];
    siblings.push(item);
    byParent.set(item.parentId, siblings);
  }
  const ids = new Set(items.map((i) => i.id));
  for (const parentId of byParent.keys()) {
    if (parentId !== null && !ids.has(parentId)) throw new Error(`Item tree is broken: parent ${parentId} is missing`);
  }
  const make = (parentId: string | null): Tree<T>[] =>
    (byParent.get(parentId) ?? []).sort((a, b) => a.position - b.position).map((item) => ({ item, children: make(item.id) }));
  return make(null);
}

/** The ids of an item and everything below it. */
export function subtreeIds(items: TreeItem[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const item of items) {
    if (item.parentId === null) continue;
    const list = children.get(item.parentId) ?? [];
    list.push(item.id);
    children.set(item.parentId, list);
  }
  const result = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}

export interface PositionChange {
  id: string;
  parentId: string | null;
  position: number;
}

/**
 * Where every affected item stands after moving `itemId` under `newParentId` at `position` (clamped to the
 * siblings' range). Returns only rows whose parent or position changes; refuses a move into the item's own subtree.
 */
export function planMove(
  items: TreeItem[],
  itemId: string,
  newParentId: string | null,
  position: number,
): { changes: PositionChange[] } | { error: string } {
  const moving = items.find((i) => i.id === itemId);
  if (!moving) return { error: 'Punkten finns inte i planen.' };
  if (newParentId !== null) {
    if (!items.some((i) => i.id === newParentId)) return { error: 'Den nya överordnade punkten finns inte i planen.' };
    if (subtreeIds(items, itemId).has(newParentId)) return { error: 'En punkt kan inte flyttas in under sig själv.' };
  }
  const ordered = (parentId: string | null) =>
    items.filter((i) => i.parentId === parentId && i.id !== itemId).sort((a, b) => a.position - b.position);
  const target = ordered(newParentId);
  const at = Math.max(0, Math.min(position, target.length));
  target.splice(at, 0, { ...moving, parentId: newParentId });
  const next = new Map<string, PositionChange>();
  target.forEach((i, index) => next.set(i.id, { id: i.id, parentId: newParentId, position: index }));
  if (moving.parentId !== newParentId) {
    ordered(moving.parentId).forEach((i, index) => next.set(i.id, { id: i.id, parentId: moving.parentId, position: index }));
  }
  const before = new Map(items.map((i) => [i.id, i]));
  const changes = [...next.values()].filter((c) => {
    const old = before.get(c.id);
    return !old || old.parentId !== c.parentId || old.position !== c.position;
  });
  return { changes };
}

/** Positions of the remaining siblings after items are removed, closing the gap. */
export function closeGaps(siblings: TreeItem[]): PositionChange[] {
  return [...siblings]
    .sort((a, b) => a.position - b.position)
    .map((s, index) => ({ id: s.id, parentId: s.parentId, position: index }))
    .filter((c, index) => siblings.find((s) => s.id === c.id)?.position !== index);
}

/** Rules the schema cannot state: a target has a value or a range, a range is ordered, periods are ordered. */
export function checkTarget(target: Target | null | undefined, path: string): FieldProblem[] {
  if (!target) return [];
  const problems: FieldProblem[] = [];
  const hasValue = target.value !== undefined && target.value !== null;
  const hasMin = target.min !== undefined && target.min !== null;
  const hasMax = target.max !== undefined && target.max !== null;
  if (!hasValue && !hasMin && !hasMax) problems.push({ path, message: 'Ett mål behöver ett värde eller ett intervall (min/max).' });
  if (hasValue && (hasMin || hasMax)) problems.push({ path, message: 'Ange antingen ett värde eller ett intervall, inte båda.' });
  if (hasMin && hasMax && (target.min as number) > (target.max as number))
    problems.push({ path: `${path}/min`, message: 'Intervallets min är större än max.' });
  return problems;
}

export function checkPeriod(period: { from: string | null; to: string | null } | null | undefined, path: string): FieldProblem[] {
  if (!period || !period.from || !period.to) return [];
  return period.from.slice(0, 4) > period.to.slice(0, 4) || (period.from.length === period.to.length && period.from > period.to)
    ? [{ path, message: 'Perioden slutar före den börjar.' }]
    : [];
}

export function checkRecurrence(recurrence: string | null | undefined, path: string): { value: string | null; problems: FieldProblem[] } {
  if (recurrence === null || recurrence === undefined) return { value: null, problems: [] };
  const result = normaliseRecurrence(recurrence);
  return 'error' in result ? { value: null, problems: [{ path, message: result.error }] } : { value: result.rule, problems: [] };
}

const kinds: ItemKind[] = ['vision', 'area', 'goal', 'activity', 'note'];

/** Checks what JSON Schema cannot: recurrences parse, targets are coherent, framework ids and matrix columns exist. */
export function checkOutline(outline: PlanOutline, knownFrameworkIds: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const unitNames = new Set((outline.units ?? []).flatMap((u) => [u.name, ...(u.abbreviation ? [u.abbreviation] : [])]));
  (outline.frameworks ?? []).forEach((id, i) => {
    if (!knownFrameworkIds.has(id)) problems.push({ path: `/frameworks/${i}`, message: `Okänt ramverk "${id}".` });
  });
  (outline.matrixColumns ?? []).forEach((name, i) => {
    if (!unitNames.has(name))
      problems.push({ path: `/matrixColumns/${i}`, message: `Kolumnen "${name}" finns inte bland planens enheter (units).` });
  });
  const walk = (nodes: OutlineNode[], path: string) => {
    nodes.forEach((node, i) => {
      const here = `${path}/${i}`;
      if (!kinds.includes(node.kind)) problems.push({ path: `${here}/kind`, message: `Okänd nivåtyp "${node.kind}".` });
      problems.push(...checkRecurrence(node.recurrence, `${here}/recurrence`).problems);
      problems.push(...checkTarget(node.target, `${here}/target`));
      problems.push(...checkPeriod(node.period, `${here}/period`));
      node.frameworks.forEach((id, j) => {
        if (!knownFrameworkIds.has(id)) problems.push({ path: `${here}/frameworks/${j}`, message: `Okänd ramverkspunkt "${id}".` });
      });
      (node.contributors ?? []).forEach((name, j) => {
        if (!node.responsible.includes(name))
          problems.push({ path: `${here}/contributors/${j}`, message: `"${name}" står inte bland responsible.` });
      });
      walk(node.children, `${here}/children`);
    });
  };
  walk(outline.nodes, '/nodes');
  return problems;
}

/** The unit kind a name most likely has when a plan names a unit the organisation does not know yet. */
export function guessUnitKind(name: string): 'committee' | 'administration' | 'unit' | 'company' | 'partner' {
  const lower = name.toLowerCase();
  // "Kommunstyrelsens kontor" is an office, not the board: the unit words are checked first.
  if (/enhet|kontor|avdelning|grupp/.test(lower)) return 'unit';
  if (/nämnd|styrelse|fullmäktige|^ks$|^kf$/.test(lower)) return 'committee';
  if (/förvaltning/.test(lower)) return 'administration';
  if (/\bab\b|bolag/.test(lower)) return 'company';
  return 'partner';
}
