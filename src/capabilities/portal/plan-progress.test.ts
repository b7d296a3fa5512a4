import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTree } from '../plans/model.ts';
import {
  itemsLeadingTo,
  parseView,
  planProgress,
  publicCycles,
  shownItems,
  viewQuery,
  type CycleInfo,
  type TaskInfo,
} from './plan-progress.ts';

const cycle = (id: string, from: string, to: string, state: 'open' | 'closed' = 'closed'): CycleInfo => ({
  id,
  label: from.slice(0, 4),
  from,
  to,
  state,
  example: false,
});
const c2015 = cycle('c2015', '2015-01-01', '2015-12-31');
const c2016 = cycle('c2016', '2016-01-01', '2016-12-31');
const c2017 = cycle('c2017', '2017-01-01', '2017-12-31', 'open');

const task = (over: Partial<TaskInfo> & Pick<TaskInfo, 'cycleId' | 'itemId'>): TaskInfo => ({
  unitName: null,
  occurrence: null,
  state: 'approved',
  status: 'in_progress',
  progress: 50,
  narrative: '',
  targetValue: null,
  ...over,
});

describe('public plan progress', () => {
  it('never counts a report that is not approved, whatever its status says', () => {
    const tasks = [
      task({ cycleId: 'c2015', itemId: 'a', status: 'in_progress', progress: 40, narrative: 'Godkänd text' }),
      task({ cycleId: 'c2016', itemId: 'a', state: 'submitted', status: 'done', progress: 100, narrative: 'Inskickad text' }),
      task({ cycleId: 'c2016', itemId: 'b', state: 'draft', status: 'delayed', narrative: 'Utkast' }),
      task({ cycleId: 'c2016', itemId: 'c', state: 'returned', status: 'done' }),
      task({ cycleId: 'c2015', itemId: 'a', unitName: 'Skolan', state: 'submitted', status: 'done', narrative: 'Inskickad 2015' }),
    ];
    const p = planProgress({ cycles: [c2016, c2015], tasks, assessments: [], targets: new Map() });
    assert.ok(p);
    assert.deepEqual(
      p.cycles.map((c) => c.id),
      ['c2015'],
      'a cycle with no approved report is not shown',
    );
    const a = p.items.get('a');
    assert.equal(a?.latest?.status, 'in_progress');
    assert.equal(a?.latest?.progress, 40);
    assert.deepEqual(
      a?.latest?.reports.map((r) => r.narrative),
      ['Godkänd text'],
    );
    assert.equal(p.items.get('b')?.status ?? null, null, 'b had a task only in a cycle that is not shown');
    const all = JSON.stringify([...p.items.values()].map((i) => ({ ...i, history: [...i.history.values()] })));
    assert.doesNotMatch(all, /Inskickad text|Utkast|Inskickad 2015|Skolan/);
  });

  it('takes each item from its latest approved report and combines several units in one cycle', () => {
    const tasks = [
      task({ cycleId: 'c2015', itemId: 'a', status: 'delayed', progress: 10 }),
      task({ cycleId: 'c2016', itemId: 'a', unitName: 'Skolan', status: 'done', progress: 100 }),
      task({ cycleId: 'c2016', itemId: 'a', unitName: 'Socialtjänsten', status: 'in_progress', progress: 60 }),
      task({ cycleId: 'c2017', itemId: 'a', state: 'open', status: null, progress: null }),
      task({ cycleId: 'c2017', itemId: 'b', status: 'done', progress: 100 }),
      task({ cycleId: 'c2017', itemId: 'x', state: 'submitted', status: 'done' }),
    ];
    const p = planProgress({ cycles: [c2015, c2016, c2017], tasks, assessments: [], targets: new Map() });
    assert.ok(p);
    const a = p.items.get('a');
    assert.equal(a?.latest?.cycle.id, 'c2016', 'the open cycle has nothing approved on a: 2016 stands');
    assert.equal(a?.status, 'in_progress', 'the least advanced of the units');
    assert.equal(a?.latest?.progress, 80);
    assert.equal(a?.latest?.light, 'green');
    assert.deepEqual([...(a?.history.keys() ?? [])], ['c2015', 'c2016']);
    assert.equal(p.items.get('x')?.status, 'not_reported');
    assert.equal(p.summary.byStatus.in_progress, 1);
    assert.equal(p.summary.byStatus.done, 1);
    assert.equal(p.summary.byStatus.not_reported, 1);
    assert.equal(p.summary.total, 3);
    assert.ok(p.summary.progress !== null && p.summary.progress > 0.8 && p.summary.progress < 1);
  });

  it('shows the state as of an earlier cycle, and refuses a cycle it does not show', () => {
    const tasks = [
      task({ cycleId: 'c2015', itemId: 'a', status: 'delayed', progress: 10 }),
      task({ cycleId: 'c2016', itemId: 'a', status: 'done', progress: 100 }),
    ];
    const then = planProgress({ cycles: [c2015, c2016], tasks, assessments: [], targets: new Map(), asOfId: 'c2015' });
    assert.equal(then?.items.get('a')?.status, 'delayed');
    assert.equal(then?.items.get('a')?.latest?.light, 'red');
    assert.equal(then?.asOf?.id, 'c2015');
    assert.equal(planProgress({ cycles: [c2015, c2016], tasks, assessments: [], targets: new Map(), asOfId: 'c2017' }), null);
    assert.equal(publicCycles([c2015, c2016, c2017], tasks, 'c2017'), null, 'a cycle with nothing approved cannot be chosen');
  });

  it('keeps the latest assessment of a goal with its light, and counts it in the plan light', () => {
    const tasks = [task({ cycleId: 'c2015', itemId: 'g' }), task({ cycleId: 'c2016', itemId: 'g' })];
    const p = planProgress({
      cycles: [c2015, c2016],
      tasks,
      assessments: [
        { cycleId: 'c2016', itemId: 'g', value: 'not_met', rationale: 'Nej' },
        { cycleId: 'c2015', itemId: 'g', value: 'met', rationale: 'Ja' },
      ],
      targets: new Map(),
    });
    assert.equal(p?.items.get('g')?.assessment?.value, 'not_met');
    assert.equal(p?.items.get('g')?.assessment?.light, 'red');
    assert.equal(p?.summary.light, 'red');
  });

  it('follows revised items back to the editions they were copied from', () => {
    const map = itemsLeadingTo(
      [
        { id: 'old1', originItemId: null },
        { id: 'mid1', originItemId: 'old1' },
        { id: 'new1', originItemId: 'mid1' },
        { id: 'new2', originItemId: null },
        { id: 'loop', originItemId: 'loop' },
      ],
      ['new1', 'new2', 'loop'],
    );
    assert.equal(map.get('old1'), 'new1');
    assert.equal(map.get('mid1'), 'new1');
    assert.equal(map.get('new2'), 'new2');
    assert.equal(map.get('loop'), 'loop');
  });
});

describe('view options in the address', () => {
  it('reads and writes the same view, without defaults', () => {
    const id = '0b6c2a4e-8d1f-4c3a-9e2b-5f7a1d3c9e00';
    const view = parseView({ visa: 'mal', status: 'delayed', cykel: id });
    assert.deepEqual(view, { view: 'mal', status: 'delayed', cycleId: id });
    assert.equal(viewQuery(view as never), `?visa=mal&status=delayed&cykel=${id}`);
    assert.equal(viewQuery(parseView({ visa: '', status: '', cykel: '' }) as never), '');
    assert.deepEqual(parseView({ visa: 'allt' }), { key: 'visa', value: 'allt' });
    assert.deepEqual(parseView({ status: 'approved' }), { key: 'status', value: 'approved' });
    assert.deepEqual(parseView({ cykel: "1' or 1=1" }), { key: 'cykel', value: "1' or 1=1" });
  });

  it('shows goals only, or the items of one status under their headings', () => {
    const items = [
      { id: 'area', parentId: null, position: 0, kind: 'area' as const },
      { id: 'note', parentId: 'area', position: 0, kind: 'note' as const },
      { id: 'goal', parentId: 'area', position: 1, kind: 'goal' as const },
      { id: 'act1', parentId: 'goal', position: 0, kind: 'activity' as const },
      { id: 'act2', parentId: 'goal', position: 1, kind: 'activity' as const },
      { id: 'area2', parentId: null, position: 1, kind: 'area' as const },
    ];
    const tree = buildTree(items);
    const statuses: Record<string, 'delayed' | 'done'> = { act1: 'delayed', act2: 'done', goal: 'done' };
    const statusOf = (id: string) => statuses[id] ?? null;
    assert.deepEqual([...shownItems(tree, { view: 'mal', status: null, cycleId: null }, statusOf)].sort(), ['area', 'area2', 'goal']);
    assert.deepEqual([...shownItems(tree, { view: 'alla', status: 'delayed', cycleId: null }, statusOf)].sort(), ['act1', 'area', 'goal']);
    assert.deepEqual([...shownItems(tree, { view: 'mal', status: 'delayed', cycleId: null }, statusOf)].sort(), []);
    assert.equal(shownItems(tree, { view: 'alla', status: null, cycleId: null }, statusOf).size, 6);
  });
});
