import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Translations of what a municipality wrote (a plan's title, an item's text, a catalogue activity, a newcomer guide
 * entry) into the languages of the public pages. One row per entity and language (decision 0030): Swedish is the
 * entity's own text and never a row here, so the check on `lang` leaves it out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('content_translation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('document','item','activity','guide')`))
    // Text, not uuid: the kinds live in different tables, so no foreign key can hold; the triggers below clean up.
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('en','ar','ti','so','prs')`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(btrim(title)) > 0`))
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Its index (kind, entity_id, lang) also serves the lookups by (kind, entity_id): no second index needed.
    .addUniqueConstraint('content_translation_unique', ['kind', 'entity_id', 'lang'])
    .execute();
  await db.schema.createIndex('content_translation_municipality_idx').on('content_translation').column('municipality_code').execute();

  // A removed plan, item or activity takes its translations with it (a plan's items go by cascade, each firing).
  await sql`
    create function content_translation_forget() returns trigger language plpgsql as $$
    begin
      delete from content_translation where kind = tg_argv[0] and entity_id = old.id::text;
      return old;
    end $$`.execute(db);
  for (const [table, kind] of [
    ['document', 'document'],
    ['item', 'item'],
    ['activity', 'activity'],
  ] as const)
    await sql`create trigger ${sql.raw(`${table}_translations_forget`)} after delete on ${sql.table(table)}
      for each row execute function content_translation_forget(${sql.lit(kind)})`.execute(db);

  // The catalogue kept translations as JSON on the activity (migration 0005): those in our languages move here, so
  // the public pages show what organisers already entered.
  await sql`
    insert into content_translation (municipality_code, kind, entity_id, lang, title, description, updated_by)
    select a.municipality_code, 'activity', a.id::text, t.key, btrim(t.value->>'title'),
           nullif(btrim(coalesce(t.value->>'description', '')), ''), 'system'
    from activity a, jsonb_each(a.translations) t
    where t.key in ('en','ar','ti','so','prs') and length(btrim(coalesce(t.value->>'title', ''))) > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['document', 'item', 'activity'])
    await sql`drop trigger if exists ${sql.raw(`${table}_translations_forget`)} on ${sql.table(table)}`.execute(db);
  await db.schema.dropTable('content_translation').ifExists().execute();
  await sql`drop function if exists content_translation_forget()`.execute(db);
}
