import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coverage, frameworkItemIds, frameworks } from './catalogue.ts';

describe('framework catalogue', () => {
  it('holds the EU 11 basic principles, 7 strategic areas and ECCAR 10 points, each in Swedish and English', () => {
    const counts = Object.fromEntries(frameworks().map((f) => [f.id, f.items.length]));
    assert.deepEqual(counts, { 'eu-cbp': 11, 'se-strategy': 7, eccar: 10 });
    for (const f of frameworks()) for (const i of f.items) assert.ok(i.text.sv.length > 10 && i.text.en.length > 10, i.id);
  });

  it('knows whole frameworks and their points as link targets', () => {
    const ids = frameworkItemIds();
    assert.ok(ids.has('eccar') && ids.has('eu-cbp-11') && ids.has('se-strategy-7'));
    assert.ok(!ids.has('eu-cbp-12'));
  });
});

describe('coverage', () => {
  it('lists the items linked to each point and the points no item covers', () => {
    const result = coverage(
      frameworks(),
      [
        { itemId: 'x', label: 'Delmål', number: '3', text: 'Motverka rasism', frameworks: ['eccar', 'eu-cbp-2'] },
        { itemId: 'y', label: 'Aktivitet', number: '1', text: 'Workshops', frameworks: ['eu-cbp-2', 'eccar-8'] },
      ],
      ['eu-cbp'],
    );
    const eu = result.frameworks.find((f) => f.id === 'eu-cbp');
    assert.deepEqual(
      eu?.items.find((i) => i.id === 'eu-cbp-2')?.linkedItems.map((l) => l.itemId),
      ['x', 'y'],
    );
    assert.equal(eu?.uncovered.length, 10);
    const eccar = result.frameworks.find((f) => f.id === 'eccar');
    assert.deepEqual(
      eccar?.linkedItems.map((l) => l.itemId),
      ['x'],
    );
    assert.equal(eccar?.uncovered.length, 9);
    assert.deepEqual(result.documentLinks, ['eu-cbp']);
  });
});
