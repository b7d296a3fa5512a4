import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound } from '../../kernel/errors.ts';
import type { Actor, Caller } from '../accounts/policies.ts';
import { recordAudit } from '../audit/audit.ts';
import { isUuid } from '../plans/service.ts';
import { canReadTask, partyFor } from './policies.ts';
import * as q from './queries.ts';
import type { AttachmentView } from './service.ts';
import { outstandingStates } from './workflow.ts';

/**
 * Evidence attached to a report. The type is read from the file's first bytes, never from its name or the
 * browser's word; files are kept in the database (so backups and several app processes see the same) and
 * always served as downloads.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_REPORT = 20;

const allowed: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'bilaga' : cleaned;
}

/** The columns every stored upload has (evidence, fund attachments): a clean name, its checked type, size and hash. */
export function storedFileColumns(file: { fileName: string; bytes: Uint8Array }, mediaType: string, uploadedBy: string) {
  return {
    file_name: cleanFileName(file.fileName),
    media_type: mediaType,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    content: file.bytes,
    uploaded_by: uploadedBy,
  };
}

/** The media type of an accepted file, or why it is refused. */
export async function detectType(bytes: Uint8Array): Promise<{ ext: string; mediaType: string } | { error: string }> {
  if (bytes.length === 0) return { error: 'Filen är tom.' };
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { error: `Filen är för stor: högst ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.` };
  const type = await fileTypeFromBuffer(bytes);
  const mediaType = type ? allowed[type.ext] : undefined;
  if (!type || !mediaType)
    return {
      error: `Filtypen ${type ? `(${type.ext}) ` : ''}tas inte emot. Bifoga PDF, Word (.docx), OpenDocument-text eller bilder (PNG, JPEG, GIF, WebP).`,
    };
  return { ext: type.ext, mediaType };
}

export async function addAttachment(
  db: Kysely<Database>,
  actor: Actor,
  taskId: string,
  file: { fileName: string; bytes: Uint8Array },
): Promise<AttachmentView> {
  const detected = await detectType(file.bytes);
  if ('error' in detected) throw invalid('/file', detected.error);
  return db.transaction().execute(async (trx) => {
    const task = isUuid(taskId) ? await q.findTask(trx, taskId) : undefined;
    if (!task || !canReadTask(actor, { municipalityCode: task.municipality_code, unitId: task.unit_id })) throw notFound('Rapporten');
    if (partyFor(actor, { municipalityCode: task.municipality_code, unitId: task.unit_id }) === null)
      throw forbidden('Du rapporterar bara för dina egna enheter.');
    await q.lockTask(trx, taskId);
    if (task.cycle_state !== 'open' || !outstandingStates.includes(task.state))
      throw new AppError('conflict', 'Rapporten är inskickad och låst; bilagor kan inte ändras nu.');
    const count = await trx
      .selectFrom('attachment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('task_id', '=', taskId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ATTACHMENTS_PER_REPORT)
      throw invalid('/file', `En rapport kan ha högst ${MAX_ATTACHMENTS_PER_REPORT} bilagor.`);
    const row = await trx
      .insertInto('attachment')
      .values({ task_id: taskId, ...storedFileColumns(file, detected.mediaType, actor.username) })
      .returning(['id', 'file_name', 'media_type', 'size', 'uploaded_by', 'uploaded_at', 'sha256'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: task.municipality_code,
      action: 'report.attach',
      entityType: 'attachment',
      entityId: row.id,
      before: null,
      after: { taskId, fileName: row.file_name, mediaType: detected.mediaType, size: file.bytes.length, sha256: row.sha256 },
    });
    return {
      id: row.id,
      fileName: row.file_name,
      mediaType: row.media_type,
      size: row.size,
      uploadedBy: row.uploaded_by,
      uploadedAt: new Date(row.uploaded_at).toISOString(),
    };
  });
}

export async function readAttachment(
  db: Kysely<Database>,
  caller: Caller,
  id: string,
): Promise<{ fileName: string; mediaType: string; bytes: Uint8Array }> {
  const row = isUuid(id)
    ? await db
        .selectFrom('attachment')
        .innerJoin('report_task', 'report_task.id', 'attachment.task_id')
        .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
        .select([
          'attachment.file_name',
          'attachment.media_type',
          'attachment.content',
          'report_task.unit_id',
          'follow_up_cycle.municipality_code',
        ])
        .where('attachment.id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row || !canReadTask(caller, { municipalityCode: row.municipality_code, unitId: row.unit_id })) throw notFound('Bilagan');
  return { fileName: row.file_name, mediaType: row.media_type, bytes: row.content };
}

export async function removeAttachment(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = isUuid(id)
      ? await trx.selectFrom('attachment').select(['id', 'task_id', 'file_name', 'sha256']).where('id', '=', id).executeTakeFirst()
      : undefined;
    const task = row ? await q.findTask(trx, row.task_id) : undefined;
    if (!row || !task || !canReadTask(actor, { municipalityCode: task.municipality_code, unitId: task.unit_id })) throw notFound('Bilagan');
    if (partyFor(actor, { municipalityCode: task.municipality_code, unitId: task.unit_id }) === null) throw forbidden();
    await q.lockTask(trx, task.id);
    if (task.cycle_state !== 'open' || !outstandingStates.includes(task.state))
      throw new AppError('conflict', 'Rapporten är inskickad och låst; bilagor kan inte ändras nu.');
    await trx.deleteFrom('attachment').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      municipalityCode: task.municipality_code,
      action: 'report.detach',
      entityType: 'attachment',
      entityId: id,
      before: { taskId: task.id, fileName: row.file_name, sha256: row.sha256 },
      after: null,
    });
  });
}
