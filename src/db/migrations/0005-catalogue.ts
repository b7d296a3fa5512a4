import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The activity catalogue: organisers (a municipal unit, or an association the coordinator registered), their
 * activities with a one-off or recurring schedule in Stockholm wall time, cancelled occurrences, and the plan
 * items an activity serves. Independent of 0004, so it applies whether or not that migration exists.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organiser')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('unit','association')`))
    // A unit organiser is the unit itself: its reporters submit for it.
    .addColumn('unit_id', 'uuid', (c) => c.references('unit.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('org_number', 'text')
    // For the coordinator; not published (an activity's own contact is what the public sees).
    .addColumn('contact', 'text')
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('organiser_unit_kind', sql`(kind = 'unit') = (unit_id is not null)`)
    .addUniqueConstraint('organiser_name_unique', ['municipality_code', 'name'])
    .execute();
  await sql`create unique index organiser_unit_unique on organiser (unit_id) where unit_id is not null`.execute(db);

  await db.schema
    .createTable('activity')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('organiser_id', 'uuid', (c) => c.notNull().references('organiser.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    // Sanitised HTML (p, br, strong, em, ul, ol, li, a).
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // Other languages: {"en": {"title": "…", "description": "…"}, "ar": {…}}.
    .addColumn('translations', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('target_group', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('age_min', 'integer', (c) => c.check(sql`age_min >= 0`))
    .addColumn('age_max', 'integer', (c) => c.check(sql`age_max >= 0`))
    .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('place_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('accessibility', 'text', (c) => c.notNull().defaultTo(''))
    // Wall time in Europe/Stockholm: an activity at 18:00 stays at 18:00 across the change to summer time.
    .addColumn('start_date', 'text', (c) => c.notNull().check(sql`start_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('start_time', 'text', (c) => c.notNull().check(sql`start_time ~ '^[0-9]{2}:[0-9]{2}$'`))
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes > 0`))
    .addColumn('rrule', 'text')
    .addColumn('until', 'text', (c) => c.check(sql`until ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('cost', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('registration', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft','pending','published','rejected')`))
    .addColumn('moderation_note', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('activity_municipality_idx').on('activity').columns(['municipality_code', 'status']).execute();

  await db.schema
    .createTable('activity_exception')
    .addColumn('activity_id', 'uuid', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull().check(sql`date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('activity_exception_pk', ['activity_id', 'date'])
    .execute();

  await db.schema
    .createTable('activity_item')
    .addColumn('activity_id', 'uuid', (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('item.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('activity_item_pk', ['activity_id', 'item_id'])
    .execute();
  await db.schema.createIndex('activity_item_item_idx').on('activity_item').column('item_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['activity_item', 'activity_exception', 'activity', 'organiser'])
    await db.schema.dropTable(table).ifExists().execute();
}
