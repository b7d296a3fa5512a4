import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

const DATE = (column: string) => sql.raw(`${column} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`);

/**
 * The integration fund: a municipality's funds, their yearly calls (budget, deadline, criteria, who may apply),
 * the organisations that apply (with their applicant accounts), applications with budget lines, plan items and
 * attachments, assessments, decisions, payments and final reports. Adds the role 'applicant' to app_user.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The column check of 0001 is auto-named app_user_role_check in PostgreSQL and PGlite alike.
  await sql`alter table app_user drop constraint if exists app_user_role_check`.execute(db);
  await sql`alter table app_user add constraint app_user_role_check
    check (role in ('admin','coordinator','reporter','reader','applicant'))`.execute(db);

  await db.schema
    .createTable('fund')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('fund_name_unique', ['municipality_code', 'name'])
    .execute();

  await db.schema
    .createTable('fund_call')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('fund_id', 'uuid', (c) => c.notNull().references('fund.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 1990 and 2100`))
    // Whole kronor: money is never a float.
    .addColumn('budget_sek', 'integer', (c) => c.notNull().check(sql`budget_sek >= 0`))
    .addColumn('opens_on', 'text', (c) => c.notNull().check(DATE('opens_on')))
    // The last day, to its end in Stockholm time.
    .addColumn('deadline', 'text', (c) => c.notNull().check(DATE('deadline')))
    .addColumn('period_from', 'text', (c) => c.notNull().check(DATE('period_from')))
    .addColumn('period_to', 'text', (c) => c.notNull().check(DATE('period_to')))
    .addColumn('eligible_kinds', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // [{key, name, description, weight}]: assessed 0–5 each.
    .addColumn('criteria', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('priority_rule', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`priority_rule in ('none','municipal_units_first')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft','open','closed','decided')`),
    )
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('fund_call_fund_idx').on('fund_call').columns(['fund_id', 'year']).execute();

  await db.schema
    .createTable('fund_organisation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('org_number', 'text', (c) => c.notNull().check(sql`org_number ~ '^[0-9]{6}-[0-9]{4}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('association','faith_community','organisation','company','municipal_unit')`),
    )
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('fund_organisation_number_unique', ['municipality_code', 'org_number'])
    .execute();

  // An applicant account acts for exactly one organisation.
  await db.schema
    .createTable('fund_organisation_user')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('fund_organisation.id').onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('fund_application')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('call_id', 'uuid', (c) => c.notNull().references('fund_call.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('fund_organisation.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('target_group', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', 'text', (c) => c.check(DATE('start_date')))
    .addColumn('end_date', 'text', (c) => c.check(DATE('end_date')))
    // Lines kept with the application and always read and saved with it: [{description, date}], [{description, amountSek}], [{source, amountSek}].
    .addColumn('activities', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('budget_lines', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('co_financing', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // Costs less co-financing, computed on every save.
    .addColumn('requested_sek', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft','submitted','withdrawn','granted','rejected','completed')`),
    )
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('fund_application_call_idx').on('fund_application').columns(['call_id', 'status']).execute();
  await db.schema.createIndex('fund_application_organisation_idx').on('fund_application').column('organisation_id').execute();

  await db.schema
    .createTable('fund_application_item')
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('fund_application.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('item.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('fund_application_item_pk', ['application_id', 'item_id'])
    .execute();
  await db.schema.createIndex('fund_application_item_item_idx').on('fund_application_item').column('item_id').execute();

  await db.schema
    .createTable('fund_attachment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('fund_application.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('fund_assessment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('fund_application.id').onDelete('cascade'))
    .addColumn('assessor_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('assessor_name', 'text', (c) => c.notNull())
    // {criterionKey: 0–5}
    .addColumn('scores', 'jsonb', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('fund_assessment_once', ['application_id', 'assessor_name'])
    .execute();

  await db.schema
    .createTable('fund_decision')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().unique().references('fund_application.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('granted','rejected')`))
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull().check(DATE('decided_on')))
    .addColumn('minutes_paragraph', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('granted_sek', 'integer', (c) => c.notNull().check(sql`granted_sek >= 0`))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    // Set only when the grant went beyond what was left of the budget, knowingly.
    .addColumn('override_reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('fund_decision_rejected_zero', sql`outcome = 'granted' or granted_sek = 0`)
    .execute();

  await db.schema
    .createTable('fund_payment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('fund_application.id').onDelete('cascade'))
    .addColumn('paid_on', 'text', (c) => c.notNull().check(DATE('paid_on')))
    .addColumn('amount_sek', 'integer', (c) => c.notNull().check(sql`amount_sek > 0`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('fund_final_report')
    .addColumn('application_id', 'uuid', (c) => c.primaryKey().references('fund_application.id').onDelete('cascade'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('participants', 'integer', (c) => c.check(sql`participants >= 0`))
    .addColumn('spent_sek', 'integer', (c) => c.notNull().check(sql`spent_sek >= 0`))
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'fund_final_report',
    'fund_payment',
    'fund_decision',
    'fund_assessment',
    'fund_attachment',
    'fund_application_item',
    'fund_application',
    'fund_organisation_user',
    'fund_organisation',
    'fund_call',
    'fund',
  ])
    await db.schema.dropTable(table).ifExists().execute();
  await sql`delete from app_user where role = 'applicant'`.execute(db);
  await sql`alter table app_user drop constraint if exists app_user_role_check`.execute(db);
  await sql`alter table app_user add constraint app_user_role_check check (role in ('admin','coordinator','reporter','reader'))`.execute(
    db,
  );
}
