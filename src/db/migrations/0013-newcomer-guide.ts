import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The newcomer guide ("Ny i kommunen"): who does what for a newcomer among the agencies, region and municipality,
 * and where to get help — Kalix's plan (2016, annex 2 "Roller i samhället") is the model. Organisational contact
 * details only: a guide entry is public, so it never names a private person.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guide_entry')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('responsibilities', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('help', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text')
    .addColumn('example', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('guide_entry_municipality_idx').on('guide_entry').columns(['municipality_code', 'position']).execute();
  // A removed entry takes its translations (migration 0011's table) with it, as a removed plan or item does.
  await sql`create trigger guide_entry_translations_forget after delete on guide_entry
    for each row execute function content_translation_forget('guide')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guide_entry').execute();
}
