import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffPlans, isEmptyDiff, type DiffItem, type DiffSide, type NewerSide } from './diff.ts';

const item = (id: string, parentId: string | null, position: number, extra: Partial<DiffItem> = {}): DiffItem => ({
  id,
  parentId,
  position,
  kind: parentId === null ? 'area' : 'goal',
  label: parentId === null ? 'Målområde' : 'Delmål',
  number: null,
  text: `Text ${id}`,
  due: null,
  recurrence: null,
  target: null,
  period: null,
  responsible: [],
  frameworks: [],
  ...extra,
});

const older: DiffSide = {
  meta: { title: 'Integrationsplan', valid: { from: '2016', to: '2018' }, levels: ['Målområde', 'Delmål'] },
  items: [
    item('A', null, 0),
    item('A1', 'A', 0),
    item('A2', 'A', 1),
    item('A3', 'A', 2),
    item('B', null, 1),
    item('B1', 'B', 0, { responsible: [{ unitId: 'u-ks', name: 'KS', role: 'lead' }] }),
    item('B2', 'B', 1),
  ],
};

/** The newer edition as a copy of the older one: new ids (x-prefixed), each naming its origin. */
const copy = (side: DiffSide): NewerSide => ({
  meta: structuredClone(side.meta),
  items: side.items.map((i) => ({ ...structuredClone(i), id: `x${i.id}`, parentId: i.parentId && `x${i.parentId}`, originId: i.id })),
});

const edit = (side: NewerSide, id: string, change: Partial<DiffItem & { originId: string | null }>) => {
  const found = side.items.find((i) => i.id === id);
  assert.ok(found);
  Object.assign(found, change);
};

describe('diffPlans', () => {
  it('finds nothing when nothing changed, whatever the ids', () => {
    const diff = diffPlans(older, copy(older));
    assert.ok(isEmptyDiff(diff));
    assert.equal(diff.unchanged, older.items.length);
  });

  it('treats the same values written differently as equal: key order, absent vs null, responsibility order', () => {
    const base: DiffSide = {
      meta: { valid: { from: '2016', to: null } },
      items: [
        item('T', null, 0, {
          target: { value: 50, unit: '%', by: '2018' },
          responsible: [
            { unitId: 'u1', name: 'KS', role: 'lead' },
            { unitId: 'u2', name: 'UTB', role: 'contributor' },
          ],
          frameworks: ['eu-cbp-1', 'eu-cbp-3'],
        }),
      ],
    };
    const newer = copy(base);
    newer.meta = { valid: { to: null, from: '2016' } };
    edit(newer, 'xT', {
      target: { by: '2018', unit: '%', value: 50, per: null },
      responsible: [
        { unitId: 'u2', name: 'UTB', role: 'contributor' },
        { unitId: 'u1', name: 'KS', role: 'lead' },
      ],
      frameworks: ['eu-cbp-3', 'eu-cbp-1'],
    });
    assert.ok(isEmptyDiff(diffPlans(base, newer)));
  });

  it('names every changed field with its value before and after', () => {
    const newer = copy(older);
    edit(newer, 'xB1', {
      text: 'Ny text',
      due: '2019',
      target: { value: 12, unit: 'praktikplatser', per: 'year' },
      responsible: [{ unitId: 'u-ks', name: 'KS', role: 'contributor' }],
      frameworks: ['eu-cbp-1'],
    });
    const diff = diffPlans(older, newer);
    assert.equal(diff.changed.length, 1);
    const change = diff.changed[0];
    assert.equal(change?.before.id, 'B1');
    assert.equal(change?.after.id, 'xB1');
    assert.deepEqual(
      change?.fields.map((f) => f.field),
      ['text', 'due', 'target', 'responsibility', 'frameworks'],
    );
    assert.deepEqual(
      change?.fields.find((f) => f.field === 'due'),
      { field: 'due', before: null, after: '2019' },
    );
    assert.deepEqual(change?.fields.find((f) => f.field === 'responsibility')?.before, [{ unitId: 'u-ks', name: 'KS', role: 'lead' }]);
    assert.equal(diff.moved.length, 0);
    assert.equal(diff.unchanged, older.items.length - 1);
  });

  it('reports document metadata changes but not keys that stayed the same', () => {
    const newer = copy(older);
    newer.meta.title = 'Integrationsplan 2020–2023';
    newer.meta.levels = ['Målområde', 'Delmål', 'Aktivitet'];
    const diff = diffPlans(older, newer);
    assert.deepEqual(diff.document, [
      { field: 'title', before: 'Integrationsplan', after: 'Integrationsplan 2020–2023' },
      { field: 'levels', before: ['Målområde', 'Delmål'], after: ['Målområde', 'Delmål', 'Aktivitet'] },
    ]);
  });

  it('reports added and removed items, marking those inside an added or removed parent', () => {
    const newer = copy(older);
    newer.items = newer.items.filter((i) => i.id !== 'xB' && i.id !== 'xB1' && i.id !== 'xB2');
    newer.items.push({ ...item('C', null, 1), originId: null }, { ...item('C1', 'C', 0), originId: null });
    const diff = diffPlans(older, newer);
    assert.deepEqual(
      diff.added.map((a) => [a.item.id, a.parent?.id ?? null, a.parentAdded]),
      [
        ['C', null, false],
        ['C1', 'C', true],
      ],
    );
    assert.deepEqual(
      diff.removed.map((r) => [r.item.id, r.parent?.id ?? null, r.parentRemoved]),
      [
        ['B', null, false],
        ['B1', 'B', true],
        ['B2', 'B', true],
      ],
    );
    assert.equal(diff.changed.length, 0);
    assert.equal(diff.moved.length, 0);
  });

  it('rescues the child of a removed item as moved, not removed', () => {
    const newer = copy(older);
    newer.items = newer.items.filter((i) => i.id !== 'xB' && i.id !== 'xB2');
    edit(newer, 'xB1', { parentId: 'xA', position: 3 });
    const diff = diffPlans(older, newer);
    assert.deepEqual(
      diff.removed.map((r) => [r.item.id, r.parentRemoved]),
      [
        ['B', false],
        ['B2', true],
      ],
    );
    assert.equal(diff.moved.length, 1);
    assert.equal(diff.moved[0]?.before.id, 'B1');
    assert.equal(diff.moved[0]?.reason, 'parent');
    assert.equal(diff.moved[0]?.from.parent?.id, 'B');
    assert.equal(diff.moved[0]?.to.parent?.id, 'xA');
  });

  it('reports an item both moved and changed in both lists', () => {
    const newer = copy(older);
    edit(newer, 'xA2', { parentId: 'xB', position: 2, text: 'Flyttad och ändrad' });
    edit(newer, 'xA3', { position: 1 });
    const diff = diffPlans(older, newer);
    assert.deepEqual(
      diff.changed.map((c) => [c.before.id, c.fields.map((f) => f.field)]),
      [['A2', ['text']]],
    );
    assert.deepEqual(
      diff.moved.map((m) => [m.before.id, m.reason, m.from.parent?.id, m.to.parent?.id]),
      [['A2', 'parent', 'A', 'xB']],
    );
    // A3 closed the gap A2 left: its position number changed, its order among its siblings did not.
    assert.equal(diff.unchanged, older.items.length - 1);
  });

  it('reports the fewest re-ordered siblings, and no moves for siblings shifted by an insertion', () => {
    const newer = copy(older);
    // A1, A2, A3 → A3, A1, A2: one item moved to the front.
    edit(newer, 'xA3', { position: 0 });
    edit(newer, 'xA1', { position: 1 });
    edit(newer, 'xA2', { position: 2 });
    // An insertion in B shifts B1 and B2 without re-ordering them.
    edit(newer, 'xB1', { position: 1 });
    edit(newer, 'xB2', { position: 2 });
    newer.items.push({ ...item('Bnew', 'xB', 0), originId: null });
    const diff = diffPlans(older, newer);
    assert.deepEqual(
      diff.moved.map((m) => [m.before.id, m.reason, m.from.position, m.to.position]),
      [['A3', 'order', 2, 0]],
    );
    assert.deepEqual(
      diff.added.map((a) => a.item.id),
      ['Bnew'],
    );
  });

  it('counts a second copy of the same origin as added, not as the original', () => {
    const newer = copy(older);
    newer.items.push({ ...item('dup', 'xA', 3), originId: 'A1' });
    const diff = diffPlans(older, newer);
    assert.deepEqual(
      diff.added.map((a) => a.item.id),
      ['dup'],
    );
    assert.equal(diff.changed.length, 0);
  });

  it('treats an item whose origin is not in the older edition as added', () => {
    const newer = copy(older);
    edit(newer, 'xB2', { originId: 'somewhere-else' });
    const diff = diffPlans(older, newer);
    assert.deepEqual(
      diff.added.map((a) => a.item.id),
      ['xB2'],
    );
    assert.deepEqual(
      diff.removed.map((r) => r.item.id),
      ['B2'],
    );
  });
});
