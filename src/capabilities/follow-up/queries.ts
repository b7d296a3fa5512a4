import { sql, type Updateable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { ReportTaskTable } from '../../db/schema.ts';
import type { AuditRow, Executor } from '../audit/audit.ts';
import { reportedIndicatorLinks } from '../indicators/follow-up.ts';

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

/**
 * A report as a change needs it: the cycle's state, the item's target and schedule, the indicators computed from
 * follow-up that ask for its value (as in indicators/follow-up.ts reportedIndicatorsOf) and its attachments, in one
 * statement, since a save is many reporters' most frequent write and each statement is a round trip.
 * `lock` takes the row lock (FOR UPDATE OF report_task returns the row as it is once the lock is held) for changes
 * that do more in their transaction than write the row; a save does not lock and writes with writeTask's version
 * check instead.
 */
export function findTaskForChange(db: Executor, id: string, options: { lock: boolean }) {
  const query = db
    .selectFrom('report_task')
    .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
    .leftJoin('item', 'item.id', 'report_task.item_id')
    .selectAll('report_task')
    .select([
      'follow_up_cycle.municipality_code',
      'follow_up_cycle.state as cycle_state',
      'follow_up_cycle.document_id',
      'item.target as item_target',
      'item.recurrence as item_recurrence',
    ])
    .select((eb) => [
      jsonArrayFrom(reportedIndicatorLinks(db).where('indicator_link.item_id', '=', eb.ref('report_task.item_id'))).as(
        'reported_indicators',
      ),
      jsonArrayFrom(
        eb
          .selectFrom('attachment')
          .select([
            'attachment.id',
            'attachment.task_id',
            'attachment.file_name',
            'attachment.media_type',
            'attachment.size',
            'attachment.uploaded_by',
            'attachment.uploaded_at',
          ])
          .whereRef('attachment.task_id', '=', 'report_task.id')
          .orderBy('attachment.uploaded_at'),
      ).as('attachments'),
    ])
    .where('report_task.id', '=', id);
  return (options.lock ? query.forUpdate('report_task') : query).executeTakeFirst();
}

export type TaskColumns = Partial<
  Pick<
    Updateable<ReportTaskTable>,
    | 'status'
    | 'progress'
    | 'narrative'
    | 'target_value'
    | 'return_comment'
    | 'state'
    | 'updated_by'
    | 'updated_at'
    | 'submitted_by'
    | 'submitted_at'
    | 'approved_by'
    | 'approved_at'
  >
>;

/**
 * Writes a change of a report with its report event and its audit record in one statement, which is one
 * transaction: only if the report is still at `version` and its cycle still open; otherwise nothing is written
 * and the answer is undefined. Every change of a report moves its version, so the row written is exactly the row
 * the change was checked against, and of two saves based on one version exactly one is written (the second waits
 * for the first's row lock, then finds the version moved).
 */
export function writeTask(
  db: Executor,
  change: {
    id: string;
    version: number;
    columns: TaskColumns;
    event: { username: string; action: string; snapshot: unknown };
    audit: AuditRow;
  },
) {
  const { event, audit } = change;
  // Parameters in a SELECT list have no type of their own: each is cast to its column's type.
  const text = (value: string | null) => sql<string>`${value}::text`;
  return db
    .with('updated', (qb) =>
      qb
        .updateTable('report_task')
        .set({ ...change.columns, version: change.version + 1 })
        .where('id', '=', change.id)
        .where('version', '=', change.version)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('follow_up_cycle')
              .select('follow_up_cycle.id')
              .whereRef('follow_up_cycle.id', '=', 'report_task.cycle_id')
              .where('follow_up_cycle.state', '=', 'open'),
          ),
        )
        .returningAll(),
    )
    .with('event', (qb) =>
      qb
        .insertInto('report_event')
        .columns(['task_id', 'username', 'action', 'snapshot'])
        .expression((eb) =>
          eb
            .selectFrom('updated')
            .select([
              'updated.id',
              text(event.username).as('username'),
              text(event.action).as('action'),
              sql<string>`${JSON.stringify(event.snapshot)}::jsonb`.as('snapshot'),
            ]),
        ),
    )
    .with('audit', (qb) =>
      qb
        .insertInto('audit_log')
        .columns(['user_id', 'username', 'municipality_code', 'action', 'entity_type', 'entity_id', 'before', 'after', 'address'])
        .expression((eb) =>
          eb
            .selectFrom('updated')
            .select([
              sql<string | null>`${audit.user_id}::uuid`.as('user_id'),
              text(audit.username).as('username'),
              text(audit.municipality_code).as('municipality_code'),
              text(audit.action).as('action'),
              text(audit.entity_type).as('entity_type'),
              text(audit.entity_id).as('entity_id'),
              sql<string>`${audit.before}::jsonb`.as('before'),
              sql<string>`${audit.after}::jsonb`.as('after'),
              text(audit.address).as('address'),
            ]),
        ),
    )
    .selectFrom('updated')
    .selectAll()
    .executeTakeFirst();
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
