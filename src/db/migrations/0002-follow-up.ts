import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

// Calendar dates are ISO text, as in the foundation: no driver turns them into instants in some time zone.
const isoDate = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;

/**
 * The yearly cycle: versions of a document (revision), action plans asked of units, follow-up cycles with
 * one report task per unit and item, goal assessments, evidence, generated reports, background jobs,
 * e-mail and personal links.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('email', 'text').execute();
  await db.schema.alterTable('unit').addColumn('head_name', 'text').execute();
  await db.schema.alterTable('unit').addColumn('head_email', 'text').execute();
  await db.schema.alterTable('item').addColumn('weight', 'double precision').execute();
  // An item of a revision or an action plan remembers the item it came from (diff) or serves (a goal of the plan).
  await db.schema.alterTable('item').addColumn('origin_item_id', 'uuid').execute();
  await db.schema.alterTable('item').addColumn('serves_item_id', 'uuid').execute();

  // Versions: a revision is a new document in the same series; the adopted one it replaces becomes 'superseded'.
  await db.schema.alterTable('document').addColumn('series_id', 'uuid').execute();
  await sql`update document set series_id = id`.execute(db);
  await db.schema
    .alterTable('document')
    .alterColumn('series_id', (c) => c.setNotNull())
    .execute();
  // A new document starts a series of its own; a revision is inserted with its predecessor's series.
  await db.schema
    .alterTable('document')
    .alterColumn('series_id', (c) => c.setDefault(sql`gen_random_uuid()`))
    .execute();
  await db.schema
    .alterTable('document')
    .addColumn('edition', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('document')
    .addColumn('revises_id', 'uuid', (c) => c.references('document.id'))
    .execute();
  // Action plans and compiled activity plans hang under the plan they serve.
  await db.schema
    .alterTable('document')
    .addColumn('parent_document_id', 'uuid', (c) => c.references('document.id'))
    .execute();
  await sql`alter table document drop constraint document_status_check`.execute(db);
  await sql`alter table document add constraint document_status_check check (status in ('draft','proposed','adopted','superseded'))`.execute(
    db,
  );
  await db.schema.createIndex('document_series_idx').on('document').columns(['series_id', 'edition']).execute();
  await db.schema.createIndex('document_parent_idx').on('document').column('parent_document_id').execute();

  await db.schema
    .createTable('action_plan_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('document.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id'))
    .addColumn('action_plan_id', 'uuid', (c) => c.notNull().references('document.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('requested','submitted','returned','accepted')`))
    .addColumn('due', 'text')
    .addColumn('message', 'text')
    .addColumn('return_comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('action_plan_request_unique', ['plan_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('follow_up_cycle')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('document.id'))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull().check(isoDate('period_from')))
    .addColumn('period_to', 'text', (c) => c.notNull().check(isoDate('period_to')))
    .addColumn('deadline', 'text', (c) => c.notNull().check(isoDate('deadline')))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open','closed')`))
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('follow_up_cycle_period', sql`period_from <= period_to`)
    .execute();
  await db.schema.createIndex('follow_up_cycle_document_idx').on('follow_up_cycle').columns(['document_id', 'period_from']).execute();

  // One task per unit, item and occurrence; it is also the unit's report for it. The item's words are kept so
  // that a report stays readable when the plan is later edited or revised.
  await db.schema
    .createTable('report_task')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cycle_id', 'uuid', (c) => c.notNull().references('follow_up_cycle.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (c) => c.references('item.id').onDelete('set null'))
    .addColumn('unit_id', 'uuid', (c) => c.references('unit.id').onDelete('set null'))
    .addColumn('unit_name', 'text')
    .addColumn('occurrence', 'text', (c) => c.check(isoDate('occurrence')))
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_label', 'text', (c) => c.notNull())
    .addColumn('item_number', 'text')
    .addColumn('item_text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open','draft','submitted','returned','approved')`))
    .addColumn('status', 'text', (c) => c.check(sql`status in ('not_started','in_progress','done','delayed','cancelled')`))
    .addColumn('progress', 'integer', (c) => c.check(sql`progress between 0 and 100`))
    .addColumn('narrative', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('target_value', 'double precision')
    .addColumn('return_comment', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create unique index report_task_unique on report_task (cycle_id, item_id, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(occurrence, ''))`.execute(
    db,
  );
  await db.schema.createIndex('report_task_unit_idx').on('report_task').columns(['unit_id', 'cycle_id']).execute();
  await db.schema.createIndex('report_task_item_idx').on('report_task').column('item_id').execute();

  // Every save, submission, return, approval and reopening of a report, as it was: the item's timeline.
  await db.schema
    .createTable('report_event')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('report_task.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_event_task_idx').on('report_event').columns(['task_id', 'id']).execute();

  await db.schema
    .createTable('attachment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('report_task.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('attachment_task_idx').on('attachment').column('task_id').execute();

  await db.schema
    .createTable('goal_assessment')
    .addColumn('cycle_id', 'uuid', (c) => c.notNull().references('follow_up_cycle.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('assessment', 'text', (c) => c.notNull().check(sql`assessment in ('met','partly_met','not_met','not_assessed')`))
    .addColumn('rationale', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('proposed', 'text')
    .addColumn('assessed_by', 'text', (c) => c.notNull())
    .addColumn('assessed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('goal_assessment_pk', ['cycle_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('job')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('municipality_code', 'text')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued','running','done','failed')`))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .addColumn('result', 'jsonb')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('job_state_idx').on('job').columns(['state', 'created_at']).execute();

  await db.schema
    .createTable('report_file')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cycle_id', 'uuid', (c) => c.notNull().references('follow_up_cycle.id').onDelete('cascade'))
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('docx','pdf','xlsx','csv')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('report_file_cycle_idx').on('report_file').columns(['cycle_id', 'created_at']).execute();

  // Personal links: the token is this row's id and expiry signed with the key in app_setting; nothing of it is stored.
  await db.schema
    .createTable('access_link')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('cycle_id', 'uuid', (c) => c.notNull().references('follow_up_cycle.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Settings the program makes for itself, shared by every process on the database (the link-signing key).
  await db.schema
    .createTable('app_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  // Every message the product sends, sent by a worker; `dedupe_key` makes a reminder go out once.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued','sent','failed','not_configured')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    // After a failed attempt, when to try again (back-off from the failure, not from when it was queued).
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('mail_outbox_state_idx').on('mail_outbox').columns(['state', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'mail_outbox',
    'app_setting',
    'access_link',
    'report_file',
    'job',
    'goal_assessment',
    'attachment',
    'report_event',
    'report_task',
    'follow_up_cycle',
    'action_plan_request',
  ])
    await db.schema.dropTable(table).ifExists().execute();
  await sql`update document set status = 'adopted' where status = 'superseded'`.execute(db);
  await sql`alter table document drop constraint document_status_check`.execute(db);
  await sql`alter table document add constraint document_status_check check (status in ('draft','proposed','adopted'))`.execute(db);
  for (const column of ['parent_document_id', 'revises_id', 'edition', 'series_id'])
    await db.schema.alterTable('document').dropColumn(column).execute();
  for (const column of ['serves_item_id', 'origin_item_id', 'weight']) await db.schema.alterTable('item').dropColumn(column).execute();
  await db.schema.alterTable('unit').dropColumn('head_email').execute();
  await db.schema.alterTable('unit').dropColumn('head_name').execute();
  await db.schema.alterTable('app_user').dropColumn('email').execute();
}
