import { buildTree, type Tree, type TreeItem } from '../plans/model.ts';

/** The pure rules of action plans: the request's states, what may be asked of whom, and how accepted plans compile. */

export type RequestState = 'requested' | 'submitted' | 'returned' | 'accepted';
export type RequestAction = 'submit' | 'accept' | 'return';

const transitions: Record<RequestAction, { from: RequestState[]; to: RequestState }> = {
  submit: { from: ['requested', 'returned'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted' },
  return: { from: ['submitted'], to: 'returned' },
};

const stateWords: Record<RequestState, string> = {
  requested: 'begärd',
  submitted: 'inskickad',
  returned: 'återskickad',
  accepted: 'godkänd',
};

/** The state after `action`, or why the action does not apply now. */
export function nextState(state: RequestState, action: RequestAction, activityCount: number): { state: RequestState } | { error: string } {
  const rule = transitions[action];
  if (!rule.from.includes(state)) {
    const verb = action === 'submit' ? 'skickas in' : action === 'accept' ? 'godkännas' : 'skickas tillbaka';
    return { error: `Handlingsplanen är ${stateWords[state]} och kan inte ${verb} nu.` };
  }
  // An empty plan says nothing the coordinator could accept; asking for one activity catches a slip of the finger.
  if (action === 'submit' && activityCount === 0) return { error: 'Lägg till minst en aktivitet innan du skickar in handlingsplanen.' };
  return { state: rule.to };
}

export function isOpen(state: RequestState): boolean {
  return state === 'requested' || state === 'returned';
}

/** Action plans serve a steering document that is decided or on its way to be: not another action or activity plan. */
export function whyNotRequestable(plan: { kind: string; status: string }): string | null {
  if (plan.kind === 'action-plan' || plan.kind === 'activity-plan')
    return 'Handlingsplaner begärs under en plan, inte under en annan handlingsplan eller aktivitetsplan.';
  if (plan.status !== 'adopted' && plan.status !== 'proposed')
    return 'Planen behöver vara antagen eller föreslagen innan handlingsplaner kan begäras.';
  return null;
}

/** Committees, administrations, units and companies answer for their part; external partners are not asked. */
export function isRequestableUnitKind(kind: string): boolean {
  return kind === 'committee' || kind === 'administration' || kind === 'unit' || kind === 'company';
}

export const actionPlanTitle = (unitName: string, planTitle: string) => `Handlingsplan ${unitName} – ${planTitle}`;
export const activityPlanTitle = (planTitle: string) => `Aktivitetsplan – ${planTitle}`;
export const ACTION_PLAN_LEVELS = ['Åtgärd'];

export interface GoalItem extends TreeItem {
  kind: string;
}

/** The plan's goals in reading order (depth first, by position), wherever they sit in its tree. */
export function goalsInOrder<T extends GoalItem>(items: T[]): T[] {
  const out: T[] = [];
  const walk = (trees: Tree<T>[]) => {
    for (const tree of trees) {
      if (tree.item.kind === 'goal') out.push(tree.item);
      walk(tree.children);
    }
  };
  walk(buildTree(items));
  return out;
}

export interface ServingItem {
  id: string;
  servesItemId: string | null;
  position: number;
}

/**
 * The activities grouped under the goals they serve, in the goals' order; every goal appears, with or
 * without activities, so that a unit sees where it has nothing yet. Activities serving no known goal are kept apart.
 */
export function groupByGoal<G extends { id: string }, A extends ServingItem>(
  goals: G[],
  activities: A[],
): { groups: { goal: G; activities: A[] }[]; unassigned: A[] } {
  const byGoal = new Map<string, A[]>(goals.map((g) => [g.id, []]));
  const unassigned: A[] = [];
  for (const activity of [...activities].sort((a, b) => a.position - b.position)) {
    const bucket = activity.servesItemId === null ? undefined : byGoal.get(activity.servesItemId);
    if (bucket) bucket.push(activity);
    else unassigned.push(activity);
  }
  return { groups: goals.map((goal) => ({ goal, activities: byGoal.get(goal.id) ?? [] })), unassigned };
}

export interface AcceptedPlan<A extends ServingItem> {
  /** Orders the units' contributions under a goal: the order the units were listed in. */
  unitOrder: number;
  activities: A[];
}

export interface CompiledNode<G, A> {
  goal: G;
  activities: A[];
}

/**
 * The activity plan's outline: each of the plan's goals, and under it every accepted activity that serves it,
 * unit by unit in the given order and within a unit in the unit's own order.
 */
export function compileActivityPlan<G extends { id: string }, A extends ServingItem>(
  goals: G[],
  accepted: AcceptedPlan<A>[],
): CompiledNode<G, A>[] {
  const ordered = [...accepted].sort((a, b) => a.unitOrder - b.unitOrder);
  return goals.map((goal) => ({
    goal,
    activities: ordered.flatMap((plan) =>
      plan.activities.filter((a) => a.servesItemId === goal.id).sort((a, b) => a.position - b.position),
    ),
  }));
}
