import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../accounts/policies.ts';
import { canActForUnit, canDecideActionPlan, canEditActionPlan } from './policies.ts';
import {
  actionPlanTitle,
  activityPlanTitle,
  compileActivityPlan,
  goalsInOrder,
  groupByGoal,
  isRequestableUnitKind,
  nextState,
  whyNotRequestable,
  type RequestAction,
  type RequestState,
} from './rules.ts';

describe('nextState', () => {
  const table: [RequestState, RequestAction, RequestState | 'refused'][] = [
    ['requested', 'submit', 'submitted'],
    ['returned', 'submit', 'submitted'],
    ['submitted', 'submit', 'refused'],
    ['accepted', 'submit', 'refused'],
    ['submitted', 'accept', 'accepted'],
    ['submitted', 'return', 'returned'],
    ['requested', 'accept', 'refused'],
    ['returned', 'accept', 'refused'],
    ['accepted', 'return', 'refused'],
    ['requested', 'return', 'refused'],
  ];
  for (const [from, action, to] of table)
    it(`${action} from ${from} → ${to}`, () => {
      const result = nextState(from, action, 1);
      if (to === 'refused') assert.ok('error' in result && result.error.length > 0);
      else assert.deepEqual(result, { state: to });
    });

  it('refuses submitting an empty action plan, but not accepting or returning one', () => {
    const empty = nextState('requested', 'submit', 0);
    assert.ok('error' in empty);
    assert.match(empty.error, /minst en aktivitet/);
    assert.deepEqual(nextState('submitted', 'return', 0), { state: 'returned' });
  });
});

describe('what may be asked of whom', () => {
  it('asks under an adopted or proposed plan, not a draft nor an action or activity plan', () => {
    assert.equal(whyNotRequestable({ kind: 'plan', status: 'adopted' }), null);
    assert.equal(whyNotRequestable({ kind: 'strategy', status: 'proposed' }), null);
    assert.match(whyNotRequestable({ kind: 'plan', status: 'draft' }) ?? '', /antagen eller föreslagen/);
    assert.match(whyNotRequestable({ kind: 'plan', status: 'superseded' }) ?? '', /antagen eller föreslagen/);
    assert.match(whyNotRequestable({ kind: 'action-plan', status: 'adopted' }) ?? '', /inte under en annan/);
    assert.match(whyNotRequestable({ kind: 'activity-plan', status: 'adopted' }) ?? '', /inte under en annan/);
  });

  it("asks the municipality's own organisation, not external partners", () => {
    assert.deepEqual(['committee', 'administration', 'unit', 'company', 'partner'].map(isRequestableUnitKind), [
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('names the documents after the unit and the plan', () => {
    assert.equal(actionPlanTitle('Socialnämnden', 'Integrationsplan'), 'Handlingsplan Socialnämnden – Integrationsplan');
    assert.equal(activityPlanTitle('Strategi för integration'), 'Aktivitetsplan – Strategi för integration');
  });
});

describe('canEditActionPlan and friends', () => {
  const actor = (role: Actor['role'], municipalityCode: string | null, unitIds: string[] = []): Actor => ({
    userId: 'u',
    username: 'x',
    role,
    municipalityCode,
    unitIds,
  });
  const ref = (state: RequestState) => ({ municipalityCode: '2514', unitId: 'fok', state });

  it('lets the unit’s reporter and the coordinator edit while requested or returned, nobody once submitted or accepted', () => {
    const people = [
      ['admin', actor('admin', null), true],
      ['coordinator', actor('coordinator', '2514'), true],
      ['reporter of the unit', actor('reporter', '2514', ['fok']), true],
      ['reporter of another unit', actor('reporter', '2514', ['utb']), false],
      ['reporter of the unit id elsewhere', actor('reporter', '1860', ['fok']), false],
      ['reader', actor('reader', '2514', ['fok']), false],
      ['coordinator elsewhere', actor('coordinator', '1860'), false],
      ['public', null, false],
    ] as const;
    for (const [who, caller, mayEdit] of people) {
      for (const state of ['requested', 'returned'] as const)
        assert.equal(canEditActionPlan(caller, ref(state)), mayEdit, `${who}, ${state}`);
      for (const state of ['submitted', 'accepted'] as const)
        assert.equal(canEditActionPlan(caller, ref(state)), false, `${who}, ${state}`);
      assert.equal(canActForUnit(caller, ref('submitted')), mayEdit, `${who} acts for the unit`);
    }
  });

  it('leaves accepting and returning to the coordinator', () => {
    assert.equal(canDecideActionPlan(actor('coordinator', '2514'), '2514'), true);
    assert.equal(canDecideActionPlan(actor('reporter', '2514', ['fok']), '2514'), false);
    assert.equal(canDecideActionPlan(actor('coordinator', '1860'), '2514'), false);
    assert.equal(canDecideActionPlan(null, '2514'), false);
  });
});

describe('goals, grouping and compiling', () => {
  const items = [
    { id: 'area1', parentId: null, position: 0, kind: 'area' },
    { id: 'g2', parentId: 'area1', position: 1, kind: 'goal' },
    { id: 'g1', parentId: 'area1', position: 0, kind: 'goal' },
    { id: 'note', parentId: null, position: 1, kind: 'note' },
    { id: 'area2', parentId: null, position: 2, kind: 'area' },
    { id: 'g3', parentId: 'area2', position: 0, kind: 'goal' },
    { id: 'g3a', parentId: 'g3', position: 0, kind: 'goal' },
  ];

  it('lists the goals in reading order at any depth', () => {
    assert.deepEqual(
      goalsInOrder(items).map((g) => g.id),
      ['g1', 'g2', 'g3', 'g3a'],
    );
  });

  const goals = [{ id: 'g1' }, { id: 'g2' }, { id: 'g3' }];
  const activity = (id: string, servesItemId: string | null, position: number) => ({ id, servesItemId, position });

  it('groups activities under every goal, in position order, keeping those whose goal is gone apart', () => {
    const { groups, unassigned } = groupByGoal(goals, [
      activity('b', 'g1', 1),
      activity('a', 'g1', 0),
      activity('c', 'gone', 2),
      activity('d', null, 3),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.goal.id, g.activities.map((a) => a.id)]),
      [
        ['g1', ['a', 'b']],
        ['g2', []],
        ['g3', []],
      ],
    );
    assert.deepEqual(
      unassigned.map((a) => a.id),
      ['c', 'd'],
    );
  });

  it('compiles each goal with the activities serving it, unit by unit in the order given', () => {
    const compiled = compileActivityPlan(goals, [
      { unitOrder: 1, activities: [activity('utb-1', 'g1', 0), activity('utb-2', 'g3', 1)] },
      { unitOrder: 0, activities: [activity('fok-2', 'g1', 1), activity('fok-1', 'g1', 0), activity('fok-x', 'unknown', 2)] },
    ]);
    assert.deepEqual(
      compiled.map((c) => [c.goal.id, c.activities.map((a) => a.id)]),
      [
        ['g1', ['fok-1', 'fok-2', 'utb-1']],
        ['g2', []],
        ['g3', ['utb-2']],
      ],
    );
  });

  it('compiles nothing but the goals when no activity was accepted', () => {
    assert.deepEqual(
      compileActivityPlan(goals, []).map((c) => c.activities.length),
      [0, 0, 0],
    );
  });
});
