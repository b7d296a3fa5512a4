import type { OutlineNode } from '../../../../src/capabilities/plans/outline.ts';
import type { NodeEvidence, SourceSpan } from '../../../../src/capabilities/plan-import/preview.ts';

/**
 * The review screen's tree, as pure functions over immutable values: every operation returns a new tree, so
 * undo is keeping the previous one. A node's evidence (where it stands in the source, how sure the importer
 * is) and its key travel with the node when it moves; both stay out of the outline that is saved, because
 * plan-outline/1 nodes allow no other fields.
 */

export type NodeFields = Omit<OutlineNode, 'children'>;

export interface Evidence {
  spans: SourceSpan[];
  confidence: number;
  reason: string;
}

export interface EditNode {
  key: string;
  fields: NodeFields;
  evidence: Evidence | null;
  /** The coordinator has looked at the node: it no longer counts as uncertain. */
  reviewed: boolean;
  children: EditNode[];
}

export type Tree = EditNode[];

export const UNCERTAIN_BELOW = 0.7;

let counter = 0;
/** Keys only need to be unique within one page load. */
export function newKey(): string {
  counter += 1;
  return `n${counter}`;
}

export function fromOutline(nodes: OutlineNode[], evidence: NodeEvidence[] = []): Tree {
  const byPath = new Map(evidence.map((e) => [e.path, e]));
  const build = (list: OutlineNode[], prefix: string): Tree =>
    list.map((node, index) => {
      const path = prefix === '' ? String(index) : `${prefix}.${index}`;
      const { children, ...fields } = node;
      const found = byPath.get(path);
      return {
        key: newKey(),
        fields: { ...fields, responsible: [...(fields.responsible ?? [])], frameworks: [...(fields.frameworks ?? [])] },
        evidence: found ? { spans: found.spans, confidence: found.confidence, reason: found.reason } : null,
        reviewed: false,
        children: build(children ?? [], path),
      };
    });
  return build(nodes, '');
}

/** The nodes as plan-outline/1 wants them: no keys, no evidence, no empty optional fields it would refuse. */
export function toOutline(tree: Tree): OutlineNode[] {
  return tree.map((n) => {
    const f = n.fields;
    const out: OutlineNode = {
      kind: f.kind,
      label: f.label.trim(),
      number: f.number?.trim() || null,
      text: f.text.trim(),
      responsible: f.responsible.map((r) => r.trim()).filter((r) => r !== ''),
      due: f.due?.trim() || null,
      recurrence: f.recurrence?.trim() || null,
      frameworks: f.frameworks,
      children: toOutline(n.children),
    };
    if (f.contributors && f.contributors.length > 0) out.contributors = f.contributors;
    if (f.period && (f.period.from || f.period.to)) out.period = { from: f.period.from || null, to: f.period.to || null };
    if (f.target) out.target = f.target;
    return out;
  });
}

/** Index path from the root ("0.3.1" as [0, 3, 1]), or null when the key is not in the tree. */
export function pathOf(tree: Tree, key: string): number[] | null {
  for (let i = 0; i < tree.length; i++) {
    const node = tree[i]!;
    if (node.key === key) return [i];
    const below = pathOf(node.children, key);
    if (below) return [i, ...below];
  }
  return null;
}

export function nodeAt(tree: Tree, path: number[]): EditNode | null {
  let list = tree;
  let node: EditNode | null = null;
  for (const index of path) {
    node = list[index] ?? null;
    if (!node) return null;
    list = node.children;
  }
  return node;
}

export function findNode(tree: Tree, key: string): EditNode | null {
  const path = pathOf(tree, key);
  return path ? nodeAt(tree, path) : null;
}

export interface FlatNode {
  node: EditNode;
  depth: number;
  path: number[];
}

/** Depth-first, in source order: the order the source pane and the keyboard walk in. */
export function flatten(tree: Tree, depth = 0, prefix: number[] = []): FlatNode[] {
  return tree.flatMap((node, i) => {
    const path = [...prefix, i];
    return [{ node, depth, path }, ...flatten(node.children, depth + 1, path)];
  });
}

export function isUncertain(node: EditNode): boolean {
  return !node.reviewed && node.evidence !== null && node.evidence.confidence < UNCERTAIN_BELOW;
}

/** Replaces the sibling list that holds `path`'s last index; `parentPath` [] is the root. */
function withSiblings(tree: Tree, parentPath: number[], change: (siblings: Tree) => Tree): Tree {
  if (parentPath.length === 0) return change(tree);
  const [head, ...rest] = parentPath as [number, ...number[]];
  return tree.map((node, i) => (i === head ? { ...node, children: withSiblings(node.children, rest, change) } : node));
}

function located(tree: Tree, key: string): { parent: number[]; index: number } | null {
  const path = pathOf(tree, key);
  if (!path) return null;
  return { parent: path.slice(0, -1), index: path[path.length - 1]! };
}

export function updateNode(tree: Tree, key: string, change: (node: EditNode) => EditNode): Tree {
  return tree.map((node) => (node.key === key ? change(node) : { ...node, children: updateNode(node.children, key, change) }));
}

/** Editing a node's fields counts as having reviewed it. */
export function updateFields(tree: Tree, key: string, patch: Partial<NodeFields>): Tree {
  return updateNode(tree, key, (n) => ({ ...n, fields: { ...n.fields, ...patch }, reviewed: true }));
}

export function moveUp(tree: Tree, key: string): Tree {
  const at = located(tree, key);
  if (!at || at.index === 0) return tree;
  return withSiblings(tree, at.parent, (s) => {
    const copy = [...s];
    [copy[at.index - 1], copy[at.index]] = [copy[at.index]!, copy[at.index - 1]!];
    return copy;
  });
}

export function moveDown(tree: Tree, key: string): Tree {
  const at = located(tree, key);
  if (!at) return tree;
  const siblings = at.parent.length === 0 ? tree : nodeAt(tree, at.parent)!.children;
  if (at.index >= siblings.length - 1) return tree;
  return withSiblings(tree, at.parent, (s) => {
    const copy = [...s];
    [copy[at.index], copy[at.index + 1]] = [copy[at.index + 1]!, copy[at.index]!];
    return copy;
  });
}

/** The node becomes the last child of its previous sibling. */
export function indent(tree: Tree, key: string): Tree {
  const at = located(tree, key);
  if (!at || at.index === 0) return tree;
  return withSiblings(tree, at.parent, (s) => {
    const previous = s[at.index - 1]!;
    const node = s[at.index]!;
    const copy = [...s];
    copy.splice(at.index - 1, 2, { ...previous, children: [...previous.children, node] });
    return copy;
  });
}

/** The node becomes the next sibling of its parent; its own children go with it. */
export function outdent(tree: Tree, key: string): Tree {
  const at = located(tree, key);
  if (!at || at.parent.length === 0) return tree;
  const grandparent = at.parent.slice(0, -1);
  const parentIndex = at.parent[at.parent.length - 1]!;
  return withSiblings(tree, grandparent, (s) => {
    const parent = s[parentIndex]!;
    const node = parent.children[at.index]!;
    const copy = [...s];
    copy.splice(parentIndex, 1, { ...parent, children: parent.children.filter((_, i) => i !== at.index) }, node);
    return copy;
  });
}

export function canMerge(tree: Tree, key: string): boolean {
  const at = located(tree, key);
  if (!at) return false;
  const siblings = at.parent.length === 0 ? tree : nodeAt(tree, at.parent)!.children;
  return at.index < siblings.length - 1;
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

/**
 * Joins the node with its next sibling: texts joined (paragraphs for notes), children concatenated,
 * responsible units united, empty fields filled from the second; evidence covers both, as sure as the less sure.
 */
export function mergeWithNext(tree: Tree, key: string): Tree {
  const at = located(tree, key);
  if (!at || !canMerge(tree, key)) return tree;
  return withSiblings(tree, at.parent, (s) => {
    const a = s[at.index]!;
    const b = s[at.index + 1]!;
    const separator = a.fields.kind === 'note' ? '\n\n' : ' ';
    const text = [a.fields.text.trim(), b.fields.text.trim()].filter((t) => t !== '').join(separator);
    const fields: NodeFields = {
      ...a.fields,
      text,
      number: a.fields.number ?? b.fields.number ?? null,
      responsible: unique([...a.fields.responsible, ...b.fields.responsible]),
      frameworks: unique([...a.fields.frameworks, ...b.fields.frameworks]),
      due: a.fields.due ?? b.fields.due,
      recurrence: a.fields.recurrence ?? b.fields.recurrence,
      period: a.fields.period ?? b.fields.period ?? null,
      target: a.fields.target ?? b.fields.target ?? null,
    };
    if (a.fields.contributors || b.fields.contributors)
      fields.contributors = unique([...(a.fields.contributors ?? []), ...(b.fields.contributors ?? [])]);
    const evidence: Evidence | null =
      a.evidence || b.evidence
        ? {
            spans: [...(a.evidence?.spans ?? []), ...(b.evidence?.spans ?? [])].sort((x, y) => x.start - y.start),
            confidence: Math.min(a.evidence?.confidence ?? 1, b.evidence?.confidence ?? 1),
            reason: [a.evidence?.reason, b.evidence?.reason].filter(Boolean).join('; '),
          }
        : null;
    const merged: EditNode = { key: a.key, fields, evidence, reviewed: true, children: [...a.children, ...b.children] };
    const copy = [...s];
    copy.splice(at.index, 2, merged);
    return copy;
  });
}

/**
 * Splits the node's text at `offset`: the first part stays, the rest becomes the next sibling with the same kind,
 * level word and units. The children follow the second part, since in the source they come after it.
 * Both keep the evidence, since each stands inside the same place in the source. Returns the new node's key too.
 */
export function split(tree: Tree, key: string, offset: number): { tree: Tree; newKey: string | null } {
  const at = located(tree, key);
  const node = findNode(tree, key);
  if (!at || !node) return { tree, newKey: null };
  const first = node.fields.text.slice(0, offset).trim();
  const second = node.fields.text.slice(offset).trim();
  if (first === '' || second === '') return { tree, newKey: null };
  const key2 = newKey();
  const next: EditNode = {
    key: key2,
    fields: {
      ...node.fields,
      text: second,
      number: null,
      responsible: [...node.fields.responsible],
      frameworks: [...node.fields.frameworks],
    },
    evidence: node.evidence,
    reviewed: true,
    children: node.children,
  };
  const head: EditNode = { ...node, fields: { ...node.fields, text: first }, reviewed: true, children: [] };
  return {
    tree: withSiblings(tree, at.parent, (s) => {
      const copy = [...s];
      copy.splice(at.index, 1, head, next);
      return copy;
    }),
    newKey: key2,
  };
}

/** Where a text could be split between sentences: offsets just after ". ", "! ", "? " or a line break. */
export function sentenceBreaks(text: string): number[] {
  const breaks: number[] = [];
  const pattern = /[.!?:;](?=\s+\S)|\n/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const offset = m.index + m[0].length;
    if (offset < text.trim().length) breaks.push(offset);
  }
  return breaks;
}

/** Removes the node with its children. */
export function remove(tree: Tree, key: string): Tree {
  return tree.filter((n) => n.key !== key).map((n) => ({ ...n, children: remove(n.children, key) }));
}

export function blankNode(fields: Partial<NodeFields> & Pick<NodeFields, 'kind' | 'label'>): EditNode {
  return {
    key: newKey(),
    fields: { number: null, text: '', responsible: [], due: null, recurrence: null, frameworks: [], ...fields },
    evidence: null,
    reviewed: true,
    children: [],
  };
}

export function addChild(tree: Tree, parentKey: string, child: EditNode): Tree {
  return updateNode(tree, parentKey, (n) => ({ ...n, children: [...n.children, child] }));
}

export function addAfter(tree: Tree, key: string, sibling: EditNode): Tree {
  const at = located(tree, key);
  if (!at) return [...tree, sibling];
  return withSiblings(tree, at.parent, (s) => {
    const copy = [...s];
    copy.splice(at.index + 1, 0, sibling);
    return copy;
  });
}

function mapAll(tree: Tree, change: (fields: NodeFields) => NodeFields): Tree {
  return tree.map((n) => ({ ...n, fields: change(n.fields), children: mapAll(n.children, change) }));
}

/** Every unit name named as responsible or contributor anywhere, in first-seen order. */
export function unitNames(tree: Tree): string[] {
  return unique(flatten(tree).flatMap(({ node }) => [...node.fields.responsible, ...(node.fields.contributors ?? [])]));
}

/** How many nodes name the unit. */
export function unitUses(tree: Tree, name: string): number {
  return flatten(tree).filter(({ node }) => node.fields.responsible.includes(name) || node.fields.contributors?.includes(name)).length;
}

/** Replaces a unit name in every node (a proposed unit mapped to one the municipality has); no duplicates result. */
export function renameUnit(tree: Tree, from: string, to: string): Tree {
  const swap = (list: string[]) => unique(list.map((n) => (n === from ? to : n)));
  return mapAll(tree, (f) => {
    const touched = f.responsible.includes(from) || f.contributors?.includes(from);
    if (!touched) return f;
    return { ...f, responsible: swap(f.responsible), ...(f.contributors ? { contributors: swap(f.contributors) } : {}) };
  });
}

export function dropUnit(tree: Tree, name: string): Tree {
  return mapAll(tree, (f) => {
    const touched = f.responsible.includes(name) || f.contributors?.includes(name);
    if (!touched) return f;
    return {
      ...f,
      responsible: f.responsible.filter((n) => n !== name),
      ...(f.contributors ? { contributors: f.contributors.filter((n) => n !== name) } : {}),
    };
  });
}

export type Problem = { key: string; field: 'label' | 'due' | 'period' | 'recurrence' | 'target' | 'text' };

const YEAR_OR_DATE = /^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$/;
const RULE = /^(CONTINUOUS|(RRULE:)?FREQ=[A-Z]+(;[A-Z]+=[A-Z0-9,+-]+)*)$/;

/** What the server would refuse, found before sending so the coordinator is taken to the node. */
export function problems(tree: Tree): Problem[] {
  return flatten(tree).flatMap(({ node }): Problem[] => {
    const f = node.fields;
    const found: Problem[] = [];
    if (f.label.trim() === '' || f.label.length > 120) found.push({ key: node.key, field: 'label' });
    if (f.text.length > 20000) found.push({ key: node.key, field: 'text' });
    if (f.due && !YEAR_OR_DATE.test(f.due.trim())) found.push({ key: node.key, field: 'due' });
    if (f.period && [f.period.from, f.period.to].some((v) => v && !YEAR_OR_DATE.test(v.trim())))
      found.push({ key: node.key, field: 'period' });
    if (f.recurrence && !RULE.test(f.recurrence.trim())) found.push({ key: node.key, field: 'recurrence' });
    if (f.target && (f.target.unit.trim() === '' || (f.target.by && !YEAR_OR_DATE.test(f.target.by))))
      found.push({ key: node.key, field: 'target' });
    return found;
  });
}

/** Source offsets split into runs, each with the keys of the nodes whose spans cover it (for the highlights). */
export interface Segment {
  start: number;
  end: number;
  keys: string[];
}

export function segments(textLength: number, tree: Tree): Segment[] {
  const covers: { start: number; end: number; key: string }[] = [];
  for (const { node } of flatten(tree))
    for (const span of node.evidence?.spans ?? []) {
      const start = Math.max(0, Math.min(span.start, textLength));
      const end = Math.max(start, Math.min(span.end, textLength));
      if (end > start) covers.push({ start, end, key: node.key });
    }
  const cuts = [...new Set([0, textLength, ...covers.flatMap((c) => [c.start, c.end])])].sort((a, b) => a - b);
  const result: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const keys = covers.filter((c) => c.start <= start && c.end >= end).map((c) => c.key);
    const last = result[result.length - 1];
    if (last && last.keys.join() === keys.join()) last.end = end;
    else result.push({ start, end, keys });
  }
  return result;
}
