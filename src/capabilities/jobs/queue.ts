import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.ts';

/**
 * Background jobs kept in PostgreSQL: they survive a restart, and several app processes share the queue
 * (a job is claimed with FOR UPDATE SKIP LOCKED; a claim lapses if its process dies).
 */
export interface JobView {
  id: string;
  kind: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  message: string | null;
  result: unknown;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const CLAIM_MINUTES = 5;
export const MAX_ATTEMPTS = 3;

type JobRow = Awaited<ReturnType<typeof findJob>>;

export function toJobView(row: NonNullable<JobRow>): JobView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    progress: row.progress,
    message: row.message,
    result: row.result,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: row.started_at ? new Date(row.started_at).toISOString() : null,
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

export function findJob(db: Executor, id: string) {
  return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function enqueueJob(
  db: Executor,
  job: { kind: string; payload: unknown; municipalityCode: string | null; createdBy: string },
): Promise<JobView> {
  const row = await db
    .insertInto('job')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      municipality_code: job.municipalityCode,
      state: 'queued',
      created_by: job.createdBy,
      result: JSON.stringify(null),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toJobView(row);
}

/** Takes the oldest waiting job, or one whose claim has lapsed (its process stopped mid-way). */
export async function claimNextJob(db: Kysely<Database>, kinds: string[], now: Date = new Date()) {
  if (kinds.length === 0) return undefined;
  return db.transaction().execute(async (trx) => {
    const next = await trx
      .selectFrom('job')
      .select(['id', 'attempts'])
      .where('kind', 'in', kinds)
      .where((eb) => eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)])]))
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return undefined;
    if (next.attempts >= MAX_ATTEMPTS) {
      await trx
        .updateTable('job')
        .set({ state: 'failed', message: 'Jobbet avbröts för många gånger och har gett upp.', finished_at: now })
        .where('id', '=', next.id)
        .execute();
      return undefined;
    }
    return trx
      .updateTable('job')
      .set({
        state: 'running',
        attempts: next.attempts + 1,
        started_at: now,
        progress: 0,
        locked_until: sql<Date>`${now.toISOString()}::timestamptz + make_interval(mins => ${CLAIM_MINUTES})`,
      })
      .where('id', '=', next.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function reportProgress(db: Executor, id: string, progress: number, message: string | null = null): Promise<void> {
  await db
    .updateTable('job')
    .set({ progress: Math.max(0, Math.min(100, Math.round(progress))), ...(message !== null ? { message } : {}) })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .execute();
}

export async function finishJob(db: Executor, id: string, result: unknown, message: string | null = null): Promise<void> {
  await db
    .updateTable('job')
    .set({ state: 'done', progress: 100, result: JSON.stringify(result), message, finished_at: new Date(), locked_until: null })
    .where('id', '=', id)
    .execute();
}

export async function failJob(db: Executor, id: string, message: string): Promise<void> {
  await db.updateTable('job').set({ state: 'failed', message, finished_at: new Date(), locked_until: null }).where('id', '=', id).execute();
}
