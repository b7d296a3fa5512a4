import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildMatrix } from './matrix.ts';
import type { ItemView } from './views.ts';

const item = (id: string, parentId: string | null, position: number, extra: Partial<ItemView> = {}): ItemView => ({
  id,
  documentId: 'd',
  parentId,
  position,
  kind: 'goal',
  label: 'Delmål',
  number: null,
  text: id,
  due: null,
  recurrence: null,
  period: null,
  target: null,
  frameworks: [],
  responsible: [],
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

const units = [
  { id: 'u-fok', name: 'Fritids- och kulturnämnden', abbreviation: 'FoK', kind: 'committee' },
  { id: 'u-ks', name: 'Kommunstyrelsen', abbreviation: 'KS', kind: 'committee' },
  { id: 'u-af', name: 'Arbetsförmedlingen', abbreviation: null, kind: 'partner' },
];

describe('buildMatrix', () => {
  it("puts the plan's own columns first, matched by name or abbreviation, even when no cell is marked", () => {
    const matrix = buildMatrix([item('a', null, 0)], units, ['KS', 'Fritids- och kulturnämnden']);
    assert.deepEqual(
      matrix.columns.map((c) => c.unitId),
      ['u-ks', 'u-fok'],
    );
    assert.deepEqual(matrix.rows[0]?.cells, {});
  });

  it('adds a column for any other responsible unit and marks lead and contributor', () => {
    const matrix = buildMatrix(
      [
        item('a', null, 0, {
          responsible: [
            { unitId: 'u-af', name: 'Arbetsförmedlingen', abbreviation: null, role: 'contributor' },
            { unitId: 'u-ks', name: 'Kommunstyrelsen', abbreviation: 'KS', role: 'lead' },
          ],
        }),
      ],
      units,
      ['KS'],
    );
    assert.deepEqual(
      matrix.columns.map((c) => c.unitId),
      ['u-ks', 'u-af'],
    );
    assert.deepEqual(matrix.rows[0]?.cells, { 'u-af': 'contributor', 'u-ks': 'lead' });
  });

  it('lists items in tree order with their depth and leaves notes out', () => {
    const matrix = buildMatrix(
      [item('b', null, 1), item('a', null, 0), item('a2', 'a', 1), item('a1', 'a', 0), item('n', null, 2, { kind: 'note' })],
      units,
      [],
    );
    assert.deepEqual(
      matrix.rows.map((r) => [r.itemId, r.depth]),
      [
        ['a', 0],
        ['a1', 1],
        ['a2', 1],
        ['b', 0],
      ],
    );
  });
});
