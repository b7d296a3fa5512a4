import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Indexes for one instance serving every municipality (issue 9). The query check (bench/queries.ts) explains every
 * statement of the main reads on the national data set (290 municipalities) and reports sequential scans over the
 * national tables. Most of those it found were joins the planner chose to hash over a whole national link table
 * although an index on the link existed; they were fixed in the queries (an `= any(array(…))` of the plan's items).
 *
 * What remained was a foreign key no index leads with: a municipality's follow-up cycles (a reporter's task list reads
 * its municipality's open cycles on every visit), scanned over every municipality's cycles. PostgreSQL does not
 * index a foreign key by itself. A cycle's reports need nothing new: report_task_unique leads with the cycle, and
 * a second index on report_task would cost every saved report (an indexed column changes, so no HOT update).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('follow_up_cycle_municipality_idx').on('follow_up_cycle').columns(['municipality_code', 'state']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists follow_up_cycle_municipality_idx`.execute(db);
}
