import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Buddy and friend-family matching (fadderverksamhet, vänfamiljer): programmes, the coordinators assigned to each,
 * the people who registered with consent, the matches between a volunteer and a newcomer and their check-ins.
 * Erasure blanks a person's personal fields and sets `erased_at`; the row, its matches and their dates stay, so the
 * yearly counts do not change when someone is forgotten (docs/decisions/0020-matching-personal-data.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('matching_programme')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('buddy','friend_family')`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // Months after a person's last activity (registration, change, a match ending) before the data is erased.
    .addColumn('retention_months', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(24)
        .check(sql`retention_months between 1 and 120`),
    )
    .addColumn('consent_text', 'text', (c) => c.notNull())
    .addColumn('consent_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('registration_open', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('matching_programme_name_unique', ['municipality_code', 'name'])
    .execute();

  await db.schema
    .createTable('matching_programme_coordinator')
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('matching_programme.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('matching_programme_coordinator_pk', ['programme_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('matching_programme_item')
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('matching_programme.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('item.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('matching_programme_item_pk', ['programme_id', 'item_id'])
    .execute();
  await db.schema.createIndex('matching_programme_item_item_idx').on('matching_programme_item').column('item_id').execute();

  await db.schema
    .createTable('matching_person')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('matching_programme.id').onDelete('cascade'))
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('volunteer','newcomer')`))
    // Personal fields: blanked on erasure.
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('interests', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('area', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('household', 'text', (c) =>
      c
        .notNull()
        .defaultTo('single')
        .check(sql`household in ('single','couple','family')`),
    )
    .addColumn('children', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`children between 0 and 20`),
    )
    .addColumn('availability', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('wishes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('consent_at', 'timestamptz')
    .addColumn('consent_version', 'integer')
    .addColumn('registered_by', 'text', (c) => c.notNull().check(sql`registered_by in ('self','coordinator')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('waiting')
        .check(sql`status in ('waiting','matched','paused','left')`),
    )
    // Registration date kept on erasure: the waiting count of a year is counted from it.
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('last_active_on', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .addColumn('erased_at', 'timestamptz')
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('matching_person_programme_idx').on('matching_person').columns(['programme_id', 'side', 'status']).execute();

  await db.schema
    .createTable('matching_match')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('matching_programme.id').onDelete('cascade'))
    .addColumn('volunteer_id', 'uuid', (c) => c.notNull().references('matching_person.id'))
    .addColumn('newcomer_id', 'uuid', (c) => c.notNull().references('matching_person.id'))
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 0 and 100`))
    // [{code, params}] as the rule gave them when the match was proposed; emptied on erasure of either side.
    .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('proposed','active','ended','declined')`))
    .addColumn('proposed_on', 'text', (c) => c.notNull())
    .addColumn('confirmed_on', 'text')
    .addColumn('informed_volunteer_at', 'timestamptz')
    .addColumn('informed_newcomer_at', 'timestamptz')
    .addColumn('ended_on', 'text')
    .addColumn('end_reason', 'text', (c) => c.check(sql`end_reason in ('completed','moved','no_contact','not_working','personal','other')`))
    .addColumn('end_note', 'text')
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('matching_match_ended', sql`(status = 'ended') = (ended_on is not null)`)
    .execute();
  await db.schema.createIndex('matching_match_programme_idx').on('matching_match').columns(['programme_id', 'status']).execute();
  // One open proposal or match per pair.
  await sql`create unique index matching_match_pair_open on matching_match (volunteer_id, newcomer_id) where status in ('proposed','active')`.execute(
    db,
  );

  await db.schema
    .createTable('matching_check_in')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('match_id', 'uuid', (c) => c.notNull().references('matching_match.id').onDelete('cascade'))
    .addColumn('month', 'integer', (c) => c.notNull().check(sql`month in (1,3,6)`))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('ok','concern','ended')`))
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('matching_check_in_unique', ['match_id', 'month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'matching_check_in',
    'matching_match',
    'matching_person',
    'matching_programme_item',
    'matching_programme_coordinator',
    'matching_programme',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
