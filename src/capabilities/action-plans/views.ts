import type { DocumentView, ItemView } from '../plans/views.ts';
import type { RequestState } from './rules.ts';

/** The API's shapes of action plans; the web app imports them (types only) as it does the plans' views. */

export interface RequestView {
  id: string;
  planId: string;
  unit: { id: string; name: string; abbreviation: string | null; kind: string };
  actionPlanId: string;
  state: RequestState;
  due: string | null;
  message: string | null;
  returnComment: string | null;
  activityCount: number;
  version: number;
  updatedAt: string;
}

export interface ActivityView extends ItemView {
  /** The goal of the parent plan this activity serves. */
  servesItemId: string | null;
}

export interface GoalView {
  id: string;
  label: string;
  number: string | null;
  text: string;
  /** The goal's parent item as it reads ("Målområde 2 Arbete"), to place the goal in the plan. */
  context: string | null;
}

export interface ActionPlanDetail {
  request: RequestView;
  plan: { id: string; title: string; status: DocumentView['status']; municipality: { code: string; name: string } };
  actionPlan: { id: string; title: string; status: DocumentView['status']; version: number };
  goals: GoalView[];
  groups: { goalId: string; activities: ActivityView[] }[];
  /** Activities whose goal is no longer in the plan (it was removed after they were written). */
  unassigned: ActivityView[];
  may: { edit: boolean; submit: boolean; decide: boolean };
}
