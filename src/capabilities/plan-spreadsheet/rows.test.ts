import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ItemView } from '../plans/views.ts';
import {
  columns,
  itemsToRows,
  parseRecurrence,
  readRows,
  recurrenceCell,
  type ChangeSet,
  type PlanContext,
  type SheetRow,
} from './rows.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [A, B, C, D, E] = [1, 2, 3, 4, 5].map(uuid) as [string, string, string, string, string];
const units = [
  { id: uuid(101), name: 'Kommunstyrelsen', abbreviation: 'KS' },
  { id: uuid(102), name: 'Socialförvaltningen', abbreviation: 'SOC' },
];

function item(id: string, parentId: string | null, position: number, extra: Partial<ItemView> = {}): ItemView {
  return {
    id,
    documentId: uuid(900),
    parentId,
    position,
    kind: 'activity',
    label: 'Aktivitet',
    number: null,
    text: `Text ${id.slice(-1)}`,
    due: null,
    recurrence: null,
    period: null,
    target: null,
    frameworks: [],
    responsible: [],
    version: 1,
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
}

/** A: goal with children B and C; D top-level after A; E under C. */
const plan = (): ItemView[] => [
  item(A, null, 0, {
    kind: 'goal',
    label: 'Delmål',
    number: '1',
    text: 'Fler i arbete',
    target: { value: 50, unit: '%', by: '2018', text: 'hälften i arbete' },
    frameworks: ['eu-cbp-3'],
  }),
  item(B, A, 0, {
    recurrence: 'FREQ=MONTHLY;INTERVAL=3',
    responsible: [
      { unitId: uuid(101), name: 'Kommunstyrelsen', abbreviation: 'KS', role: 'lead' },
      { unitId: uuid(102), name: 'Socialförvaltningen', abbreviation: 'SOC', role: 'contributor' },
    ],
    version: 3,
  }),
  item(C, A, 1, { due: '2016-06-06' }),
  item(D, null, 1, { kind: 'note', label: 'Bakgrund', text: 'Första stycket.\n\n- en punkt' }),
  item(E, C, 0),
];
const context = (items = plan()): PlanContext => ({ items, units, frameworkIds: new Set(['eu-cbp-3', 'eccar-8', 'eccar']) });

const header = columns.map((c) => c.header);
const toTable = (rows: SheetRow[]) => [header, ...rows.map((r) => columns.map((c) => r[c.key]))];
const exported = () => itemsToRows(plan());
const edit = (rows: SheetRow[], id: string, patch: Partial<SheetRow>) => rows.map((r) => (r.id === id ? { ...r, ...patch } : r));
const blank = (patch: Partial<SheetRow>): SheetRow => ({ ...(Object.fromEntries(columns.map((c) => [c.key, ''])) as SheetRow), ...patch });

function changes(table: string[][], ctx = context()): ChangeSet {
  const result = readRows(table, ctx);
  assert.ok('changes' in result, `expected no problems, got ${JSON.stringify('problems' in result ? result.problems : [])}`);
  return result.changes;
}
function problems(table: string[][], ctx = context()) {
  const result = readRows(table, ctx);
  assert.ok('problems' in result, 'expected problems');
  return result.problems;
}

describe('items → rows', () => {
  it('lists items depth first with parent ids, 1-based order and Swedish words', () => {
    const rows = exported();
    assert.deepEqual(
      rows.map((r) => r.id),
      [A, B, C, E, D],
    );
    const b = rows[1] as SheetRow;
    assert.equal(b.parent, A);
    assert.equal(b.position, '1');
    assert.equal(b.kind, 'aktivitet');
    assert.equal(b.responsible, 'Kommunstyrelsen');
    assert.equal(b.contributors, 'Socialförvaltningen');
    assert.equal(b.recurrence, 'kvartalsvis');
    assert.equal(b.version, '3');
    const a = rows[0] as SheetRow;
    assert.equal(a.kind, 'mål');
    assert.equal(a.targetValue, '50');
    assert.equal(a.targetUnit, '%');
    assert.equal(a.targetBy, '2018');
    assert.equal(a.frameworks, 'eu-cbp-3');
    assert.equal(a.parent, '');
  });

  it('fills the read-only status column from the map', () => {
    const rows = itemsToRows(plan(), new Map([[B, 'Pågår (2017)']]));
    assert.equal(rows.find((r) => r.id === B)?.status, 'Pågår (2017)');
  });

  it('writes decimals with a comma', () => {
    const rows = itemsToRows([item(A, null, 0, { target: { value: 2.5, unit: 'st' } })]);
    assert.equal(rows[0]?.targetValue, '2,5');
  });
});

describe('recurrence words', () => {
  for (const [words, rule] of [
    ['årligen', 'FREQ=YEARLY'],
    ['Kvartalsvis', 'FREQ=MONTHLY;INTERVAL=3'],
    ['kontinuerligt', 'CONTINUOUS'],
    ['två gånger per år', 'FREQ=MONTHLY;INTERVAL=6'],
    ['varje halvår', 'FREQ=MONTHLY;INTERVAL=6'],
    ['månadsvis', 'FREQ=MONTHLY'],
    ['varje år den 6 juni', 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6'],
    ['vart 2:e år', 'FREQ=YEARLY;INTERVAL=2'],
    ['FREQ=WEEKLY', 'FREQ=WEEKLY'],
    ['RRULE:FREQ=YEARLY;BYMONTH=3', 'FREQ=YEARLY;BYMONTH=3'],
    ['', null],
  ] as const)
    it(`reads "${words}"`, () => assert.deepEqual(parseRecurrence(words), { rule }));

  it('refuses unknown words with examples', () => {
    const result = parseRecurrence('ibland');
    assert.ok('error' in result);
    assert.match(result.error, /årligen/);
  });

  it('refuses a broken RRULE', () => assert.ok('error' in parseRecurrence('FREQ=HOURLY')));

  it('writes words that read back as the same rule, else the RRULE', () => {
    assert.equal(recurrenceCell('FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6'), 'varje år den 6 juni');
    assert.equal(recurrenceCell('CONTINUOUS'), 'kontinuerligt');
    assert.equal(recurrenceCell('FREQ=MONTHLY;INTERVAL=12'), 'FREQ=MONTHLY;INTERVAL=12');
    assert.equal(recurrenceCell('FREQ=YEARLY;BYDAY=MO'), 'FREQ=YEARLY;BYDAY=MO');
    assert.equal(recurrenceCell(null), '');
  });
});

describe('rows → change set', () => {
  it('finds nothing to do in the file as exported', () => {
    const c = changes(toTable(exported()));
    assert.deepEqual(c.summary, { updated: 0, created: 0, deleted: 0, moved: 0, unchanged: 5 });
    assert.equal(c.placements.length, 0);
  });

  it('reads headers in any case and ignores columns it does not know', () => {
    const table = toTable(exported()).map((r, i) => [...(i === 0 ? r.map((h) => h.toUpperCase()) : r), i === 0 ? 'min anteckning' : 'x']);
    assert.equal(changes(table).summary.unchanged, 5);
  });

  it('updates only the fields that changed', () => {
    const c = changes(toTable(edit(exported(), C, { text: 'Ny text', due: '2017' })));
    assert.equal(c.summary.updated, 1);
    assert.deepEqual(c.updates[0]?.content, { text: 'Ny text', due: '2017' });
    assert.equal(c.updates[0]?.version, 1);
    assert.equal(c.updates[0]?.row, 4);
  });

  it('leaves a field alone when its column is removed', () => {
    const table = toTable(edit(exported(), B, { text: 'Ändrad' })).map((r) => r.filter((_, i) => header[i] !== 'ansvarig'));
    const c = changes(table);
    assert.deepEqual(c.updates[0]?.content, { text: 'Ändrad' });
    assert.equal(c.updates[0]?.responsibility, undefined);
  });

  it('reads Windows line ends in a text as unchanged', () => {
    assert.equal(changes(toTable(edit(exported(), D, { text: 'Första stycket.\r\n\r\n- en punkt' }))).summary.updated, 0);
  });

  it('changes responsibility by unit name or abbreviation, in any case', () => {
    const c = changes(toTable(edit(exported(), C, { responsible: 'soc', contributors: 'ks' })));
    assert.deepEqual(c.updates[0]?.responsibility, [
      { unitId: uuid(102), role: 'lead' },
      { unitId: uuid(101), role: 'contributor' },
    ]);
  });

  it('names an unknown unit', () => {
    const p = problems(toTable(edit(exported(), C, { responsible: 'KS; Fritidsgården' })));
    assert.deepEqual(p, [{ row: 4, column: 'ansvarig', message: p[0]?.message }]);
    assert.match(p[0]?.message ?? '', /”Fritidsgården” finns inte/);
  });

  it('refuses a unit both responsible and contributing', () => {
    const p = problems(toTable(edit(exported(), C, { responsible: 'KS', contributors: 'Kommunstyrelsen' })));
    assert.equal(p[0]?.column, 'medverkande');
  });

  it('changes frameworks, refusing unknown ones', () => {
    assert.deepEqual(changes(toTable(edit(exported(), C, { frameworks: 'eccar-8, eu-cbp-3' }))).updates[0]?.frameworks, [
      'eccar-8',
      'eu-cbp-3',
    ]);
    assert.equal(problems(toTable(edit(exported(), C, { frameworks: 'eccar-99' })))[0]?.column, 'ramverk');
  });

  it('reads the target from its columns, with decimal comma, and checks it', () => {
    const c = changes(toTable(edit(exported(), A, { targetValue: '', targetMin: '12,5', targetMax: '15', targetPer: 'per år' })));
    assert.deepEqual(c.updates[0]?.content.target, { unit: '%', min: 12.5, max: 15, per: 'year', by: '2018', text: 'hälften i arbete' });
    assert.equal(problems(toTable(edit(exported(), A, { targetMin: '20', targetMax: '10', targetValue: '' })))[0]?.column, 'mål min');
    assert.equal(problems(toTable(edit(exported(), A, { targetUnit: '' })))[0]?.column, 'målenhet');
    assert.equal(problems(toTable(edit(exported(), A, { targetValue: 'femtio' })))[0]?.column, 'målvärde');
    assert.equal(problems(toTable(edit(exported(), A, { targetPer: 'dygn' })))[0]?.column, 'mål per');
  });

  it('clears a target when all its columns are emptied', () => {
    const c = changes(toTable(edit(exported(), A, { targetText: '', targetValue: '', targetUnit: '', targetBy: '' })));
    assert.equal(c.updates[0]?.content.target, null);
  });

  it('reads years, ISO dates and Excel midnight dates; refuses the rest', () => {
    assert.equal(changes(toTable(edit(exported(), C, { due: '2016-6-6 00:00:00' }))).summary.updated, 0);
    for (const bad of ['31/12', '2016-02-30', 'snart']) {
      const p = problems(toTable(edit(exported(), C, { due: bad })));
      assert.deepEqual([p[0]?.row, p[0]?.column], [4, 'klart senast'], bad);
    }
  });

  it('checks periods', () => {
    const p = problems(toTable(edit(exported(), C, { periodFrom: '2018', periodTo: '2015' })));
    assert.equal(p[0]?.column, 'period till');
    assert.deepEqual(changes(toTable(edit(exported(), C, { periodFrom: '2015', periodTo: '' }))).updates[0]?.content.period, {
      from: '2015',
      to: null,
    });
  });

  it('refuses an unknown kind, an empty text and an empty label', () => {
    const p = problems(toTable(edit(exported(), C, { kind: 'uppdrag', text: '', label: ' ' })));
    assert.deepEqual(
      p.map((x) => x.column),
      ['typ', 'nivånamn', 'text'],
    );
  });

  it('accepts kinds in English too', () => {
    assert.deepEqual(changes(toTable(edit(exported(), C, { kind: 'Goal' }))).updates[0]?.content, { kind: 'goal' });
  });

  it('refuses a stale version on that row', () => {
    const p = problems(toTable(edit(exported(), B, { version: '2' })));
    assert.deepEqual([p[0]?.row, p[0]?.column], [3, 'version']);
    assert.match(p[0]?.message ?? '', /ändrats av någon annan/);
    assert.equal(problems(toTable(edit(exported(), B, { version: '' })))[0]?.column, 'version');
  });

  it('refuses an id from elsewhere, a duplicate id and a made-up id', () => {
    assert.match(
      problems(toTable([...exported(), blank({ id: uuid(77), kind: 'mål', label: 'x', text: 'y' })]))[0]?.message ?? '',
      /finns inte i den här planen/,
    );
    const rows = exported();
    assert.match(problems(toTable([...rows, rows[1] as SheetRow]))[0]?.message ?? '', /redan på rad 3/);
    assert.equal(problems(toTable([...rows, blank({ id: 'abc', kind: 'mål', label: 'x', text: 'y' })]))[0]?.column, 'id');
  });

  it('says once that the file belongs to another plan', () => {
    const other = exported().map((r, i) => ({ ...r, id: uuid(500 + i), parent: '' }));
    const p = problems(toTable(other));
    assert.equal(p.length, 1);
    assert.match(p[0]?.message ?? '', /annan plan/);
  });

  it('requires the id and version columns', () => {
    const p = problems([['text'], ['x']]);
    assert.deepEqual(
      p.map((x) => [x.row, x.column]),
      [
        [1, 'id'],
        [1, 'version'],
      ],
    );
  });

  it('refuses a column twice', () => {
    assert.equal(problems([[...header, 'text'], ...toTable(exported()).slice(1)])[0]?.column, 'text');
  });

  it('skips empty rows', () => {
    const table = toTable(exported());
    table.splice(
      2,
      0,
      header.map(() => ' '),
    );
    assert.equal(changes(table).summary.unchanged, 5);
  });

  describe('new rows', () => {
    it('creates a row without id last under its parent', () => {
      const c = changes(
        toTable([...exported(), blank({ parent: A, kind: 'aktivitet', label: 'Aktivitet', text: 'Ny', responsible: 'KS' })]),
      );
      assert.equal(c.summary.created, 1);
      assert.equal(c.creations[0]?.key, 'rad-7');
      assert.deepEqual(c.creations[0]?.responsibility, [{ unitId: uuid(101), role: 'lead' }]);
      assert.deepEqual(c.placements, [{ ref: { key: 'rad-7' }, parent: { id: A }, position: 2 }]);
      assert.equal(c.summary.unchanged, 5);
    });

    it('places a new row at its given order, ahead of the sibling it ties with when it stands above it', () => {
      const rows = exported();
      rows.splice(1, 0, blank({ parent: A, position: '1', kind: 'aktivitet', label: 'Aktivitet', text: 'Först' }));
      const c = changes(toTable(rows));
      const at = (ref: object) => c.placements.find((p) => JSON.stringify(p.ref) === JSON.stringify(ref))?.position;
      assert.equal(at({ key: 'rad-3' }), 0);
      assert.equal(at({ id: B }), 1);
      assert.equal(at({ id: C }), 2);
      // Shifted by the new row, not moved by hand: their versions stay.
      assert.deepEqual(c.moved, []);
    });

    it('hangs new rows under new rows by their ny- key, parents first', () => {
      const c = changes(
        toTable([
          ...exported(),
          blank({ id: 'ny-2', parent: 'NY-1', kind: 'aktivitet', label: 'Aktivitet', text: 'Barn' }),
          blank({ id: 'ny-1', kind: 'område', label: 'Område', text: 'Förälder' }),
        ]),
      );
      assert.equal(c.summary.created, 2);
      assert.deepEqual(
        c.placements.map((p) => p.ref),
        [{ key: 'ny-1' }, { key: 'ny-2' }],
      );
      assert.deepEqual(c.placements[1]?.parent, { key: 'ny-1' });
      assert.equal(c.placements[0]?.position, 2);
    });

    it('needs kind, label and text', () => {
      const p = problems(toTable([...exported(), blank({ text: 'Bara text' })]));
      assert.deepEqual(
        p.map((x) => [x.row, x.column]),
        [
          [7, 'typ'],
          [7, 'nivånamn'],
        ],
      );
    });

    it('refuses a parent key no row has, and a repeated key', () => {
      assert.equal(
        problems(toTable([...exported(), blank({ parent: 'ny-9', kind: 'mål', label: 'M', text: 't' })]))[0]?.column,
        'överordnad',
      );
      const twice = [blank({ id: 'ny-1', kind: 'mål', label: 'M', text: 't' }), blank({ id: 'ny-1', kind: 'mål', label: 'M', text: 'u' })];
      assert.match(problems(toTable([...exported(), ...twice]))[0]?.message ?? '', /redan på rad 7/);
    });

    it('ignores a new row marked for removal', () => {
      assert.equal(changes(toTable([...exported(), blank({ text: 'glöm', delete: 'x' })])).summary.created, 0);
    });
  });

  describe('moves', () => {
    it('moves an item to another parent and counts it moved', () => {
      const c = changes(toTable(edit(exported(), E, { parent: '', position: '' })));
      assert.deepEqual(c.moved, [E]);
      assert.deepEqual(c.placements, [{ ref: { id: E }, parent: null, position: 2 }]);
      assert.equal(c.summary.moved, 1);
      assert.equal(c.summary.unchanged, 4);
    });

    it('swaps two siblings by their order', () => {
      const c = changes(toTable(edit(edit(exported(), B, { position: '2' }), C, { position: '1' })));
      assert.deepEqual(c.moved.sort(), [B, C].sort());
      assert.deepEqual(
        c.placements.map((p) => [p.ref, p.position]),
        [
          [{ id: B }, 1],
          [{ id: C }, 0],
        ].sort((x, y) => (x[1] as number) - (y[1] as number)),
      );
    });

    it('refuses an item under itself or its own child', () => {
      const p = problems(toTable(edit(exported(), A, { parent: E })));
      assert.equal(p[0]?.column, 'överordnad');
      assert.match(p[0]?.message ?? '', /under sig själv/);
    });

    it('refuses a bad order', () => {
      assert.equal(problems(toTable(edit(exported(), B, { position: '0' })))[0]?.column, 'ordning');
      assert.equal(problems(toTable(edit(exported(), B, { position: '1,5' })))[0]?.column, 'ordning');
    });

    it('keeps items missing from the file, in their place', () => {
      const rows = exported().filter((r) => r.id !== B);
      const c = changes(toTable(edit(rows, C, { text: 'Ändrad' })));
      assert.deepEqual(c.summary, { updated: 1, created: 0, deleted: 0, moved: 0, unchanged: 3 });
      assert.deepEqual(c.placements, []);
    });
  });

  describe('deletions', () => {
    it('removes a marked leaf and closes the gap', () => {
      const c = changes(toTable(edit(exported(), B, { delete: 'x' })));
      assert.deepEqual(c.deletions, [{ id: B, row: 3, version: 3 }]);
      assert.deepEqual(c.placements, [{ ref: { id: C }, parent: { id: A }, position: 0 }]);
      assert.deepEqual(c.moved, []);
      assert.deepEqual(c.summary, { updated: 0, created: 0, deleted: 1, moved: 0, unchanged: 4 });
    });

    it('accepts ja, X and "ta bort"; refuses words it does not know', () => {
      for (const mark of ['ja', 'X', 'ta bort']) assert.equal(changes(toTable(edit(exported(), B, { delete: mark }))).summary.deleted, 1);
      assert.equal(problems(toTable(edit(exported(), B, { delete: 'kanske' })))[0]?.column, 'ta bort');
    });

    it('refuses a marked item whose children are not marked, naming how many', () => {
      const p = problems(toTable(edit(exported(), A, { delete: 'x' })));
      assert.deepEqual([p[0]?.row, p[0]?.column], [2, 'ta bort']);
      assert.match(p[0]?.message ?? '', /2 underpunkter/);
    });

    it('counts children missing from the file too', () => {
      const rows = exported().filter((r) => r.id !== E);
      assert.match(problems(toTable(edit(rows, C, { delete: 'x' })))[0]?.message ?? '', /en underpunkt/);
    });

    it('removes a whole subtree when every row is marked', () => {
      const rows = [A, B, C, E].reduce((r, id) => edit(r, id, { delete: 'x' }), exported());
      const c = changes(toTable(rows));
      assert.equal(c.summary.deleted, 4);
      assert.deepEqual(c.placements, [{ ref: { id: D }, parent: null, position: 0 }]);
    });

    it('keeps a child that is moved away from a removed parent', () => {
      const c = changes(toTable(edit(edit(exported(), C, { delete: 'x' }), E, { parent: A })));
      assert.deepEqual(c.moved, [E]);
      assert.equal(c.summary.deleted, 1);
    });

    it('refuses a row placed under a removed item, on that row', () => {
      const p = problems(toTable(edit(edit(edit(exported(), B, { delete: 'x' }), D, { parent: B }), C, {})));
      assert.deepEqual([p[0]?.row, p[0]?.column], [6, 'överordnad']);
    });

    it('checks the version of a marked row', () => {
      assert.equal(problems(toTable(edit(exported(), B, { delete: 'x', version: '1' })))[0]?.column, 'version');
    });
  });

  it('lists every problem of the file at once, by row then column', () => {
    const rows = edit(edit(exported(), B, { due: 'igår' }), E, { responsible: 'Okänd enhet', kind: 'x' });
    const p = problems(toTable(rows));
    assert.deepEqual(
      p.map((x) => [x.row, x.column]),
      [
        [3, 'klart senast'],
        [5, 'typ'],
        [5, 'ansvarig'],
      ],
    );
  });
});
