import type { Caller } from '../accounts/policies.ts';
import { canEditPlan, isMember } from '../accounts/policies.ts';
import type { Party } from './workflow.ts';

/**
 * Who may do what in a follow-up cycle. Reports are the municipality's working material until approved
 * and published: only its own people read them; a reporter sees and writes her units' tasks only.
 */
export interface TaskRef {
  municipalityCode: string;
  /** null: the coordinators' own task. */
  unitId: string | null;
}

export const canManageCycles = canEditPlan;

export function canReadCycles(caller: Caller, municipalityCode: string): boolean {
  return isMember(caller, municipalityCode);
}

/** Whether the caller sees every task of a cycle, or only those of her units. */
export function seesAllTasks(caller: Caller, municipalityCode: string): boolean {
  return canReadCycles(caller, municipalityCode) && caller?.role !== 'reporter';
}

export function canReadTask(caller: Caller, task: TaskRef): boolean {
  if (!canReadCycles(caller, task.municipalityCode)) return false;
  if (seesAllTasks(caller, task.municipalityCode)) return true;
  return task.unitId !== null && (caller?.unitIds.includes(task.unitId) ?? false);
}

/** The party the caller acts as on a task, or null when she may not write it. */
export function partyFor(caller: Caller, task: TaskRef): Party | null {
  if (canEditPlan(caller, task.municipalityCode)) return 'coordinator';
  if (
    caller?.role === 'reporter' &&
    caller.municipalityCode === task.municipalityCode &&
    task.unitId !== null &&
    caller.unitIds.includes(task.unitId)
  )
    return 'reporter';
  return null;
}
