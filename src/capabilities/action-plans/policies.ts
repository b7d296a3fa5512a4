import { canEditPlan, type Caller } from '../accounts/policies.ts';
import type { RequestState } from './rules.ts';

/**
 * Who may do what with an action plan. Pure, like accounts/policies.ts, whose rules these build on: the
 * coordinator keeps the pen for the whole plan; a unit's reporters hold it for their own action plan only.
 */
export interface ActionPlanRef {
  municipalityCode: string;
  /** The unit the action plan was asked of. */
  unitId: string;
  state: RequestState;
}

const isEditableState = (state: RequestState) => state === 'requested' || state === 'returned';

/** The unit's reporters and the municipality's plan editors, while the request is open (requested or returned). */
export function canEditActionPlan(caller: Caller, ref: ActionPlanRef): boolean {
  if (!isEditableState(ref.state)) return false;
  return canActForUnit(caller, ref);
}

/** Whoever may edit it may hand it in: a coordinator can submit on behalf of a unit that works on paper. */
export const canSubmitActionPlan = canEditActionPlan;

/** Accepting, returning and compiling are the coordinator's: the plan's owner decides what goes into it. */
export function canDecideActionPlan(caller: Caller, municipalityCode: string): boolean {
  return canEditPlan(caller, municipalityCode);
}

/** A reporter of the unit or a plan editor, whatever the state (e.g. to see a returned plan's comment). */
export function canActForUnit(caller: Caller, ref: Pick<ActionPlanRef, 'municipalityCode' | 'unitId'>): boolean {
  if (canEditPlan(caller, ref.municipalityCode)) return true;
  return (
    caller !== null && caller.role === 'reporter' && caller.municipalityCode === ref.municipalityCode && caller.unitIds.includes(ref.unitId)
  );
}
