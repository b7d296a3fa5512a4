import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Indicators: definitions per municipality, links to plan items with baseline and target, values per
 * municipality and period with their source (corrections keep history), and refugee cohorts in aggregate.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('higher','lower','neutral')`))
    .addColumn('source_kind', 'text', (c) => c.notNull().check(sql`source_kind in ('manual','kolada','scb','computed')`))
    // Kolada: the KPI id (N02926); SCB: table:content (TAB4823:utrikes_fodda_andel); computed: what from (cohort:self_sufficient_24).
    .addColumn('source_ref', 'text')
    .addColumn('decimals', 'integer', (c) => c.notNull().defaultTo(1))
    // Municipalities to compare with (similar ones) and whether to show the national figure (0000).
    .addColumn('compare_with', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('indicator_title_unique', ['municipality_code', 'title'])
    .execute();

  await db.schema
    .createTable('indicator_link')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('indicator_id', 'uuid', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('item.id').onDelete('cascade'))
    .addColumn('baseline_value', 'double precision')
    .addColumn('baseline_period', 'text')
    .addColumn('target_value', 'double precision')
    .addColumn('target_min', 'double precision')
    .addColumn('target_max', 'double precision')
    .addColumn('target_period', 'text')
    .addColumn('status_override', 'text', (c) =>
      c.check(sql`status_override in ('achieved','substantial','moderate','limited','deterioration')`),
    )
    .addColumn('status_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('indicator_link_unique', ['indicator_id', 'item_id'])
    .execute();
  await db.schema.createIndex('indicator_link_item_idx').on('indicator_link').column('item_id').execute();

  // A value is never overwritten: a correction supersedes the row it corrects, so the history stays.
  await db.schema
    .createTable('indicator_value')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('indicator_id', 'uuid', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period ~ '^[0-9]{4}(H[12]|Q[1-4]|-[0-9]{2})?$'`))
    .addColumn('disaggregation', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('disaggregation_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value', 'double precision')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('manual','kolada','scb','csv','px','report','cohort','plan')`))
    .addColumn('source_note', 'text')
    .addColumn('fetched_at', 'timestamptz')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('superseded_at', 'timestamptz')
    .addColumn('superseded_by', 'integer')
    .execute();
  await sql`create unique index indicator_value_current on indicator_value (indicator_id, municipality_code, period, disaggregation_key) where superseded_at is null`.execute(
    db,
  );
  await db.schema
    .createIndex('indicator_value_series_idx')
    .on('indicator_value')
    .columns(['indicator_id', 'municipality_code', 'period'])
    .execute();

  await db.schema
    .createTable('cohort')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    // The year the cohort's establishment period ended.
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('self_sufficient_12', 'integer', (c) => c.check(sql`self_sufficient_12 >= 0`))
    .addColumn('self_sufficient_24', 'integer', (c) => c.check(sql`self_sufficient_24 >= 0`))
    .addColumn('resident_12', 'integer', (c) => c.check(sql`resident_12 >= 0`))
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('cohort_unique', ['municipality_code', 'year'])
    .addCheckConstraint(
      'cohort_counts',
      sql`coalesce(self_sufficient_12, 0) <= size and coalesce(self_sufficient_24, 0) <= size and coalesce(resident_12, 0) <= size`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['cohort', 'indicator_value', 'indicator_link', 'indicator']) await db.schema.dropTable(table).ifExists().execute();
}
