import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { forbidden, notFound } from '../../kernel/errors.ts';
import type { Actor, Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { enqueueJob, findJob, toJobView, type JobView } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { isUuid } from '../plans/service.ts';
import type { ReportFormat } from '../reports/model.ts';
import { renderReport } from '../reports/render.ts';
import { canManageCycles, canReadCycles } from './policies.ts';
import * as q from './queries.ts';
import { buildReportModel } from './report-data.ts';

/** The report to the board: made in a background job, kept with its cycle, downloadable. */
export const REPORT_JOB = 'follow-up-report';

export interface ReportFileView {
  id: string;
  cycleId: string;
  format: ReportFormat;
  fileName: string;
  mediaType: string;
  size: number;
  createdBy: string;
  createdAt: string;
}

export async function requestReport(db: Kysely<Database>, actor: Actor, cycleId: string, format: ReportFormat): Promise<JobView> {
  return db.transaction().execute(async (trx) => {
    const cycle = isUuid(cycleId) ? await q.findCycle(trx, cycleId) : undefined;
    if (!cycle || !canReadCycles(actor, cycle.municipality_code)) throw notFound('Uppföljningen');
    if (!canManageCycles(actor, cycle.municipality_code)) throw forbidden('Bara samordnaren tar fram rapporten.');
    const job = await enqueueJob(trx, {
      kind: REPORT_JOB,
      payload: { cycleId, format, username: actor.username },
      municipalityCode: cycle.municipality_code,
      createdBy: actor.username,
    });
    await recordAudit(trx, actor, {
      municipalityCode: cycle.municipality_code,
      action: 'report.request',
      entityType: 'job',
      entityId: job.id,
      before: null,
      after: { cycleId, format },
    });
    return job;
  });
}

export async function getJob(db: Executor, caller: Caller, id: string): Promise<JobView> {
  const row = isUuid(id) ? await findJob(db, id) : undefined;
  if (!row || (row.municipality_code !== null ? !canReadCycles(caller, row.municipality_code) : caller?.role !== 'admin'))
    throw notFound('Jobbet');
  return toJobView(row);
}

/** Renders the report and keeps the file with the cycle; used by the job and by the command line. */
export async function makeReportFile(
  db: Kysely<Database>,
  cycleId: string,
  format: ReportFormat,
  username: string,
  progress: (fraction: number) => Promise<void> | void = () => undefined,
): Promise<ReportFileView & { bytes: Uint8Array }> {
  const model = await buildReportModel(db, cycleId);
  await progress(0.1);
  const pending: Promise<void>[] = [];
  const file = await renderReport(model, format, (fraction) => {
    const p = progress(0.1 + fraction * 0.8);
    if (p) pending.push(p);
  });
  await Promise.all(pending);
  const row = await db
    .insertInto('report_file')
    .values({
      cycle_id: cycleId,
      format,
      file_name: file.fileName,
      media_type: file.mediaType,
      size: file.bytes.length,
      content: file.bytes,
      created_by: username,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    cycleId,
    format,
    fileName: file.fileName,
    mediaType: file.mediaType,
    size: file.bytes.length,
    createdBy: username,
    createdAt: new Date(row.created_at).toISOString(),
    bytes: file.bytes,
  };
}

export function reportJobHandler(db: Kysely<Database>): JobHandler {
  return async (payload, progress) => {
    const { cycleId, format, username } = payload as { cycleId: string; format: ReportFormat; username: string };
    await progress(0, 'Hämtar rapporterna');
    const file = await makeReportFile(db, cycleId, format, username, (f) => progress(f, f >= 0.9 ? 'Sparar filen' : 'Skriver rapporten'));
    const { bytes, ...view } = file;
    void bytes;
    return { result: view, message: `${file.fileName} är klar.` };
  };
}

export async function listReportFiles(db: Executor, caller: Caller, cycleId: string): Promise<ReportFileView[]> {
  const cycle = isUuid(cycleId) ? await q.findCycle(db, cycleId) : undefined;
  if (!cycle || !canReadCycles(caller, cycle.municipality_code)) throw notFound('Uppföljningen');
  const rows = await db
    .selectFrom('report_file')
    .select(['id', 'cycle_id', 'format', 'file_name', 'media_type', 'size', 'created_by', 'created_at'])
    .where('cycle_id', '=', cycleId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    cycleId: r.cycle_id,
    format: r.format,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: r.size,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function readReportFile(
  db: Executor,
  caller: Caller,
  id: string,
): Promise<{ fileName: string; mediaType: string; bytes: Uint8Array }> {
  const row = isUuid(id)
    ? await db
        .selectFrom('report_file')
        .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_file.cycle_id')
        .select(['report_file.file_name', 'report_file.media_type', 'report_file.content', 'follow_up_cycle.municipality_code'])
        .where('report_file.id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row || !canReadCycles(caller, row.municipality_code)) throw notFound('Rapportfilen');
  return { fileName: row.file_name, mediaType: row.media_type, bytes: row.content };
}
