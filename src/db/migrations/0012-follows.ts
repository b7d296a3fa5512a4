import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Residents following a plan or one of its items by e-mail (decision in docs/personal-data.md, "Follows"). Only
 * hashes of the confirmation and unsubscribe tokens are kept, so a copy of the table opens no link. A row is deleted
 * when its holder unsubscribes: there is no "inactive" state to keep an address in.
 * The outbox gets headers of its own, for List-Unsubscribe (RFC 8058) on the follow mails.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('document','item')`))
    // No foreign key: the kinds live in different tables; the triggers below remove follows of a removed target.
    .addColumn('target_id', 'uuid', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().check(sql`length(email) between 3 and 254`))
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('sv','en','ar','ti','so','prs')`))
    // Null once confirmed: the confirmation link is spent.
    .addColumn('confirm_token_hash', 'text', (c) => c.unique())
    .addColumn('unsubscribe_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('last_notified_at', 'timestamptz')
    .execute();
  // One row per address and target, whatever the case the address was typed in: asking twice changes nothing.
  await sql`create unique index follow_target_email_unique on follow (target_kind, target_id, lower(email))`.execute(db);
  await db.schema.createIndex('follow_municipality_idx').on('follow').column('municipality_code').execute();

  await sql`
    create function follow_forget() returns trigger language plpgsql as $$
    begin
      delete from follow where target_kind = tg_argv[0] and target_id = old.id;
      return old;
    end $$`.execute(db);
  for (const table of ['document', 'item'])
    await sql`create trigger ${sql.raw(`${table}_follows_forget`)} after delete on ${sql.table(table)}
      for each row execute function follow_forget(${sql.lit(table)})`.execute(db);

  await db.schema.alterTable('mail_outbox').addColumn('headers', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('headers').execute();
  for (const table of ['document', 'item'])
    await sql`drop trigger if exists ${sql.raw(`${table}_follows_forget`)} on ${sql.table(table)}`.execute(db);
  await db.schema.dropTable('follow').ifExists().execute();
  await sql`drop function if exists follow_forget()`.execute(db);
}
