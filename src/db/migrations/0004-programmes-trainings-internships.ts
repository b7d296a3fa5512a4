import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Programmes the plans run: internship offers and the placements made on them (counted, never named),
 * trainings and events with the units they reached, and coverage targets ("all units", "all managers").
 */
const isoDate = (column: string) => sql.raw(`${column} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`);

export async function up(db: Kysely<any>): Promise<void> {
  const common = (t: any) =>
    t
      .addColumn('example', 'boolean', (c: any) => c.notNull().defaultTo(false))
      .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'timestamptz', (c: any) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c: any) => c.notNull().defaultTo(sql`now()`));

  await common(
    db.schema
      .createTable('internship_offer')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
      // A municipal unit, or an external employer by name: one of the two.
      .addColumn('unit_id', 'uuid', (c) => c.references('unit.id').onDelete('set null'))
      .addColumn('employer', 'text')
      .addColumn('tasks', 'text', (c) => c.notNull())
      .addColumn('language_requirements', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('supervisor_name', 'text')
      .addColumn('supervisor_trained', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('period_from', 'text', (c) => c.notNull().check(isoDate('period_from')))
      .addColumn('period_to', 'text', (c) => c.check(isoDate('period_to')))
      .addColumn('places', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`places >= 1`),
      )
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sql`status in ('open','filled','closed')`),
      ),
  ).execute();
  await db.schema.createIndex('internship_offer_municipality_idx').on('internship_offer').column('municipality_code').execute();

  // A placement is counted, not a person: no name, no personal identity number, no free text.
  await common(
    db.schema
      .createTable('internship_placement')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('offer_id', 'uuid', (c) => c.notNull().references('internship_offer.id').onDelete('cascade'))
      .addColumn('start_date', 'text', (c) => c.notNull().check(isoDate('start_date')))
      .addColumn('end_date', 'text', (c) => c.check(isoDate('end_date')))
      .addColumn('outcome', 'text', (c) =>
        c
          .notNull()
          .defaultTo('ongoing')
          .check(sql`outcome in ('ongoing','completed','employment','studies','ended_early')`),
      ),
  ).execute();
  await db.schema.createIndex('internship_placement_offer_idx').on('internship_placement').column('offer_id').execute();

  await common(
    db.schema
      .createTable('training')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('supervisor_training','leadership_training','workshop','theme_day','citizenship_ceremony','other')`),
      )
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('held_on', 'text', (c) => c.notNull().check(isoDate('held_on')))
      .addColumn('organiser', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('audience', 'text', (c) =>
        c
          .notNull()
          .defaultTo('staff')
          .check(sql`audience in ('managers','supervisors','staff','pupils','public')`),
      )
      .addColumn('participants', 'integer', (c) => c.check(sql`participants >= 0`)),
  ).execute();
  await db.schema.createIndex('training_municipality_idx').on('training').column('municipality_code').execute();

  // The units a training reached; for supervisor training, how many of the unit's supervisors it trained.
  await db.schema
    .createTable('training_unit')
    .addColumn('training_id', 'uuid', (c) => c.notNull().references('training.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id').onDelete('cascade'))
    .addColumn('trained', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`trained >= 0`),
    )
    .addPrimaryKeyConstraint('training_unit_pk', ['training_id', 'unit_id'])
    .execute();

  await common(
    db.schema
      .createTable('coverage_target')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      // units: share of the municipality's units reached; people: participants out of a given number.
      .addColumn('measure', 'text', (c) => c.notNull().check(sql`measure in ('units','people')`))
      .addColumn('denominator', 'integer', (c) => c.check(sql`denominator >= 1`))
      .addColumn('by_date', 'text', (c) => c.check(isoDate('by_date'))),
  ).execute();

  // Which plan items a programme serves.
  for (const [table, column, parent] of [
    ['internship_offer_item', 'offer_id', 'internship_offer'],
    ['training_item', 'training_id', 'training'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn(column, 'uuid', (c) => c.notNull().references(`${parent}.id`).onDelete('cascade'))
      .addColumn('item_id', 'uuid', (c) => c.notNull().references('item.id').onDelete('cascade'))
      .addPrimaryKeyConstraint(`${table}_pk`, [column, 'item_id'])
      .execute();
    await db.schema.createIndex(`${table}_item_idx`).on(table).column('item_id').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'training_item',
    'internship_offer_item',
    'coverage_target',
    'training_unit',
    'training',
    'internship_placement',
    'internship_offer',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
