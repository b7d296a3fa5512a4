import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutlineNode } from '../../src/capabilities/plans/outline.ts';
import {
  addChild,
  blankNode,
  canMerge,
  dropUnit,
  findNode,
  flatten,
  fromOutline,
  indent,
  isUncertain,
  mergeWithNext,
  moveDown,
  moveUp,
  outdent,
  pathOf,
  problems,
  remove,
  renameUnit,
  segments,
  sentenceBreaks,
  split,
  toOutline,
  unitNames,
  updateFields,
  type Tree,
} from '../../web/src/screens/plan-import/tree-edit.ts';

function node(kind: OutlineNode['kind'], text: string, children: OutlineNode[] = [], extra: Partial<OutlineNode> = {}): OutlineNode {
  return {
    kind,
    label: kind === 'goal' ? 'Delmål' : 'Aktivitet',
    text,
    responsible: [],
    due: null,
    recurrence: null,
    frameworks: [],
    children,
    ...extra,
  };
}

/** Delmål 1 with activities a, b, c; Delmål 2 with activity d. Evidence on every node, by path. */
function sample(): Tree {
  const outline = [
    node('goal', 'Delmål ett', [node('activity', 'a', [], { responsible: ['KS'] }), node('activity', 'b'), node('activity', 'c')]),
    node('goal', 'Delmål två', [node('activity', 'd', [], { responsible: ['Socialtjänsten', 'KS'] })]),
  ];
  const paths = ['0', '0.0', '0.1', '0.2', '1', '1.0'];
  return fromOutline(
    outline,
    paths.map((path, i) => ({
      path,
      spans: [{ start: i * 10, end: i * 10 + 5 }],
      confidence: path === '0.1' ? 0.4 : 0.9,
      reason: `r${path}`,
    })),
  );
}

const texts = (tree: Tree) => flatten(tree).map(({ node, depth }) => `${'-'.repeat(depth)}${node.fields.text}`);
const keyOf = (tree: Tree, text: string) => flatten(tree).find(({ node }) => node.fields.text === text)!.node.key;

describe('the review tree', () => {
  it('attaches evidence by path and leaves it out of the outline it gives back', () => {
    const tree = sample();
    assert.equal(findNode(tree, keyOf(tree, 'b'))!.evidence?.reason, 'r0.1');
    assert.equal(findNode(tree, keyOf(tree, 'd'))!.evidence?.spans[0]?.start, 50);
    assert.ok(isUncertain(findNode(tree, keyOf(tree, 'b'))!));
    const out = toOutline(tree);
    assert.deepEqual(Object.keys(out[0]!).sort(), [
      'children',
      'due',
      'frameworks',
      'kind',
      'label',
      'number',
      'recurrence',
      'responsible',
      'text',
    ]);
    assert.equal(out[1]!.children[0]!.responsible.join(), 'Socialtjänsten,KS');
  });

  it('indents under the previous sibling and outdents after the parent, evidence following the node', () => {
    let tree = sample();
    const b = keyOf(tree, 'b');
    tree = indent(tree, b);
    assert.deepEqual(texts(tree), ['Delmål ett', '-a', '--b', '-c', 'Delmål två', '-d']);
    assert.deepEqual(pathOf(tree, b), [0, 0, 0]);
    assert.equal(findNode(tree, b)!.evidence?.reason, 'r0.1');
    tree = outdent(tree, b);
    tree = outdent(tree, b);
    assert.deepEqual(texts(tree), ['Delmål ett', '-a', '-c', 'b', 'Delmål två', '-d']);
    assert.equal(indent(tree, keyOf(tree, 'Delmål ett')), tree, 'the first of its siblings cannot indent');
    assert.equal(outdent(tree, keyOf(tree, 'Delmål ett')), tree, 'a root node cannot outdent');
  });

  it('moves within its siblings and stops at the ends', () => {
    let tree = sample();
    tree = moveDown(tree, keyOf(tree, 'a'));
    assert.deepEqual(texts(tree).slice(1, 4), ['-b', '-a', '-c']);
    tree = moveUp(tree, keyOf(tree, 'b'));
    assert.equal(moveUp(tree, keyOf(tree, 'b')), tree);
    assert.equal(moveDown(tree, keyOf(tree, 'Delmål två')), tree);
  });

  it('merges with the next sibling: texts joined, children concatenated, units united, evidence of both', () => {
    let tree = sample();
    const first = keyOf(tree, 'Delmål ett');
    assert.equal(canMerge(tree, keyOf(tree, 'Delmål två')), false);
    tree = mergeWithNext(tree, first);
    assert.deepEqual(texts(tree), ['Delmål ett Delmål två', '-a', '-b', '-c', '-d']);
    const merged = findNode(tree, first)!;
    assert.equal(merged.evidence?.spans.length, 2);
    tree = mergeWithNext(tree, keyOf(tree, 'c'));
    assert.deepEqual(findNode(tree, keyOf(tree, 'c d'))!.fields.responsible, ['Socialtjänsten', 'KS']);
  });

  it('splits at an offset, the children following the second part', () => {
    let tree = sample();
    const goal = keyOf(tree, 'Delmål ett');
    const result = split(tree, goal, 'Delmål'.length);
    tree = result.tree;
    assert.deepEqual(texts(tree), ['Delmål', 'ett', '-a', '-b', '-c', 'Delmål två', '-d']);
    assert.equal(findNode(tree, result.newKey!)!.evidence?.reason, 'r0');
    assert.equal(split(tree, goal, 0).newKey, null, 'nothing to split off');
    assert.deepEqual(sentenceBreaks('Ett. Två! Tre'), [4, 9]);
  });

  it('removes with children, adds children, and counts edits as reviewed', () => {
    let tree = sample();
    tree = remove(tree, keyOf(tree, 'Delmål ett'));
    assert.deepEqual(texts(tree), ['Delmål två', '-d']);
    tree = addChild(tree, keyOf(tree, 'd'), blankNode({ kind: 'note', label: 'Notering', text: 'n' }));
    assert.deepEqual(texts(tree), ['Delmål två', '-d', '--n']);
    const b = sample();
    const edited = updateFields(b, keyOf(b, 'b'), { text: 'B' });
    assert.equal(isUncertain(findNode(edited, keyOf(edited, 'B'))!), false);
  });

  it('maps and drops unit names everywhere', () => {
    let tree = sample();
    assert.deepEqual(unitNames(tree), ['KS', 'Socialtjänsten']);
    tree = renameUnit(tree, 'Socialtjänsten', 'KS');
    assert.deepEqual(findNode(tree, keyOf(tree, 'd'))!.fields.responsible, ['KS']);
    tree = dropUnit(tree, 'KS');
    assert.deepEqual(unitNames(tree), []);
  });

  it('finds what the server would refuse', () => {
    let tree = sample();
    tree = updateFields(tree, keyOf(tree, 'a'), { due: 'snart', label: ' ' });
    assert.deepEqual(
      problems(tree).map((p) => p.field),
      ['label', 'due'],
    );
  });

  it('cuts the source into highlighted runs', () => {
    const tree = sample();
    const runs = segments(30, tree);
    assert.deepEqual(
      runs.map((r) => [r.start, r.end, r.keys.length]),
      [
        [0, 5, 1],
        [5, 10, 0],
        [10, 15, 1],
        [15, 20, 0],
        [20, 25, 1],
        [25, 30, 0],
      ],
    );
  });
});
