import type { Executor } from '../audit/audit.ts';

/** The SQL of follow-up. Every function takes the executor, so it runs inside the caller's transaction. */

export function findCycle(db: Executor, id: string) {
  return db.selectFrom('follow_up_cycle').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockCycle(db: Executor, id: string) {
  return db.selectFrom('follow_up_cycle').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listCyclesOf(db: Executor, documentIds: string[]) {
  return db
    .selectFrom('follow_up_cycle')
    .selectAll()
    .where('document_id', 'in', documentIds)
    .orderBy('period_from', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export function listTasksOf(db: Executor, cycleIds: string[]) {
  if (cycleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('report_task')
    .selectAll()
    .where('cycle_id', 'in', cycleIds)
    .orderBy('item_number')
    .orderBy('occurrence')
    .orderBy('unit_name')
    .execute();
}

export function findTask(db: Executor, id: string) {
  return db
    .selectFrom('report_task')
    .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
    .selectAll('report_task')
    .select(['follow_up_cycle.municipality_code', 'follow_up_cycle.state as cycle_state', 'follow_up_cycle.document_id'])
    .where('report_task.id', '=', id)
    .executeTakeFirst();
}

export function lockTask(db: Executor, id: string) {
  return db.selectFrom('report_task').select(['id', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listAttachmentsOf(db: Executor, taskIds: string[]) {
  if (taskIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachment')
    .select(['id', 'task_id', 'file_name', 'media_type', 'size', 'uploaded_by', 'uploaded_at'])
    .where('task_id', 'in', taskIds)
    .orderBy('uploaded_at')
    .execute();
}

export function listAssessmentsOf(db: Executor, cycleIds: string[]) {
  if (cycleIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('goal_assessment').selectAll().where('cycle_id', 'in', cycleIds).execute();
}

export function listWeightsOf(db: Executor, documentId: string) {
  return db.selectFrom('item').select(['id', 'weight']).where('document_id', '=', documentId).execute();
}

export function listUnitNames(db: Executor, municipalityCode: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'head_name', 'head_email'])
    .where('municipality_code', '=', municipalityCode)
    .execute();
}

/** Reporters per unit, to show who answers for a task and who has not reported. */
export function listReportersOf(db: Executor, municipalityCode: string) {
  return db
    .selectFrom('app_user')
    .innerJoin('user_unit', 'user_unit.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.display_name', 'app_user.email', 'user_unit.unit_id'])
    .where('app_user.municipality_code', '=', municipalityCode)
    .where('app_user.disabled', '=', false)
    .where('app_user.role', '=', 'reporter')
    .execute();
}

export function listEventsOf(db: Executor, taskIds: string[]) {
  if (taskIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('report_event').selectAll().where('task_id', 'in', taskIds).orderBy('id').execute();
}
