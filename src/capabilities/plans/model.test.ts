import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildTree,
  checkOutline,
  checkTarget,
  closeGaps,
  flattenOutline,
  guessUnitKind,
  planMove,
  subtreeIds,
  type TreeItem,
} from './model.ts';
import type { OutlineNode, PlanOutline } from './outline.ts';

const node = (text: string, children: OutlineNode[] = [], extra: Partial<OutlineNode> = {}): OutlineNode => ({
  kind: 'goal',
  label: 'Delmål',
  text,
  responsible: [],
  due: null,
  recurrence: null,
  frameworks: [],
  children,
  ...extra,
});

// a ─┬─ a1 ── a1x
//    └─ a2
// b
const items: TreeItem[] = [
  { id: 'a', parentId: null, position: 0 },
  { id: 'b', parentId: null, position: 1 },
  { id: 'a1', parentId: 'a', position: 0 },
  { id: 'a2', parentId: 'a', position: 1 },
  { id: 'a1x', parentId: 'a1', position: 0 },
];

describe('flattenOutline', () => {
  it('lists parents before children, in source order, with positions among siblings', () => {
    const flat = flattenOutline([node('A', [node('A1'), node('A2', [node('A2a')])]), node('B')]);
    assert.deepEqual(
      flat.map((f) => [f.key, f.parentKey, f.position, f.depth, f.node.text]),
      [
        ['0', null, 0, 0, 'A'],
        ['0.0', '0', 0, 1, 'A1'],
        ['0.1', '0', 1, 1, 'A2'],
        ['0.1.0', '0.1', 0, 2, 'A2a'],
        ['1', null, 1, 0, 'B'],
      ],
    );
  });
});

describe('buildTree', () => {
  it('nests children under parents ordered by position', () => {
    const tree = buildTree([...items].reverse());
    assert.deepEqual(
      tree.map((t) => t.item.id),
      ['a', 'b'],
    );
    assert.deepEqual(
      tree[0]?.children.map((t) => t.item.id),
      ['a1', 'a2'],
    );
    assert.deepEqual(
      tree[0]?.children[0]?.children.map((t) => t.item.id),
      ['a1x'],
    );
  });
  it('refuses a tree whose parent is missing', () => {
    assert.throws(() => buildTree([{ id: 'x', parentId: 'ghost', position: 0 }]), /parent ghost is missing/);
  });
});

describe('subtreeIds', () => {
  it('holds the item and all its descendants', () => {
    assert.deepEqual([...subtreeIds(items, 'a')].sort(), ['a', 'a1', 'a1x', 'a2']);
    assert.deepEqual([...subtreeIds(items, 'b')], ['b']);
  });
});

describe('planMove', () => {
  const apply = (changes: { id: string; parentId: string | null; position: number }[]) => {
    const next = items.map((i) => ({ ...i, ...changes.find((c) => c.id === i.id) }));
    return (parent: string | null) =>
      next
        .filter((i) => i.parentId === parent)
        .sort((x, y) => x.position - y.position)
        .map((i) => i.id);
  };

  it('re-orders among siblings', () => {
    const result = planMove(items, 'a2', 'a', 0);
    assert.ok('changes' in result);
    assert.deepEqual(apply(result.changes)('a'), ['a2', 'a1']);
  });

  it('moves to another parent and closes the gap it leaves', () => {
    const result = planMove(items, 'a1', null, 1);
    assert.ok('changes' in result);
    const under = apply(result.changes);
    assert.deepEqual(under(null), ['a', 'a1', 'b']);
    assert.deepEqual(under('a'), ['a2']);
  });

  it('clamps a position past the end to the last place', () => {
    const result = planMove(items, 'a', null, 99);
    assert.ok('changes' in result);
    assert.deepEqual(apply(result.changes)(null), ['b', 'a']);
  });

  it('refuses to move an item into its own subtree', () => {
    assert.deepEqual(planMove(items, 'a', 'a1x', 0), { error: 'En punkt kan inte flyttas in under sig själv.' });
    assert.ok('error' in planMove(items, 'a', 'a', 0));
  });

  it('returns no changes for a move to where the item already stands', () => {
    const result = planMove(items, 'a1', 'a', 0);
    assert.deepEqual(result, { changes: [] });
  });
});

describe('closeGaps', () => {
  it('renumbers the remaining siblings from zero', () => {
    const changes = closeGaps([
      { id: 'x', parentId: null, position: 0 },
      { id: 'z', parentId: null, position: 2 },
    ]);
    assert.deepEqual(changes, [{ id: 'z', parentId: null, position: 1 }]);
  });
});

describe('checkTarget', () => {
  it('accepts a value or an ordered range', () => {
    assert.deepEqual(checkTarget({ value: 50, unit: '%', by: '2018' }, '/target'), []);
    assert.deepEqual(checkTarget({ min: 12, max: 15, unit: 'praktikplatser', per: 'year' }, '/target'), []);
  });
  it('names the problem of an empty, double or reversed target', () => {
    assert.equal(checkTarget({ unit: '%' }, '/target')[0]?.path, '/target');
    assert.equal(checkTarget({ value: 1, min: 1, unit: '%' }, '/target').length, 1);
    assert.equal(checkTarget({ min: 15, max: 12, unit: 'st' }, '/target')[0]?.path, '/target/min');
  });
});

describe('checkOutline', () => {
  const outline = (nodes: OutlineNode[], extra: Partial<PlanOutline> = {}): PlanOutline => ({
    format: 'plan-outline/1',
    municipality: { code: '1860', name: 'Laxå' },
    title: 'T',
    kind: 'plan',
    adopted: null,
    valid: { from: '2015', to: '2018' },
    followUp: [],
    levels: [],
    nodes,
    ...extra,
  });
  const known = new Set(['eccar', 'eccar-1', 'eu-cbp-3']);

  it('accepts a coherent outline', () => {
    assert.deepEqual(checkOutline(outline([node('A', [], { recurrence: 'FREQ=YEARLY', frameworks: ['eccar'] })]), known), []);
  });

  it('names the JSON path of each problem', () => {
    const problems = checkOutline(
      outline([node('A', [node('B', [], { recurrence: 'every so often', frameworks: ['eu-cbp-99'] })])], { matrixColumns: ['XYZ'] }),
      known,
    );
    assert.deepEqual(problems.map((p) => p.path).sort(), [
      '/matrixColumns/0',
      '/nodes/0/children/0/frameworks/0',
      '/nodes/0/children/0/recurrence',
    ]);
  });
});

describe('guessUnitKind', () => {
  it('reads the kind from Swedish unit names', () => {
    assert.equal(guessUnitKind('Socialförvaltningen'), 'administration');
    assert.equal(guessUnitKind('Näringslivs- och utvecklingsenheten'), 'unit');
    assert.equal(guessUnitKind('Kommunstyrelsens kontor'), 'unit');
    assert.equal(guessUnitKind('Socialnämnden'), 'committee');
    assert.equal(guessUnitKind('AB Laxåhem'), 'company');
    assert.equal(guessUnitKind('Arbetsförmedlingen'), 'partner');
  });
});
