import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The audit log says from where a change came (the client's address), and the database itself refuses to
 * change or remove an entry: the product has no route that could, and a mistake in code that tried would fail
 * loudly instead of rewriting history. (Emptying the whole database for a restore is TRUNCATE, which this allows.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('address', 'text').execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'The audit log is append-only: entries cannot be changed or removed.' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
  await sql`drop function audit_log_append_only()`.execute(db);
  await db.schema.dropIndex('audit_log_at_idx').execute();
  await db.schema.alterTable('audit_log').dropColumn('address').execute();
}
