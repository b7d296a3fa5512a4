import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../accounts/policies.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditEntry {
  municipalityCode: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** The actor of writes made by the program itself (seeding, command-line imports). */
export const systemActor: Actor = { userId: '', username: 'system', role: 'admin', municipalityCode: null, unitIds: [] };

/** Written inside the caller's transaction, so a change and its record stand or fall together. */
export async function recordAudit(db: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: actor.userId === '' ? null : actor.userId,
      username: actor.username,
      municipality_code: entry.municipalityCode,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: JSON.stringify(entry.before ?? null),
      after: JSON.stringify(entry.after ?? null),
    })
    .execute();
}

export interface AuditRecord {
  id: number;
  at: string;
  username: string;
  municipalityCode: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export async function listAudit(
  db: Executor,
  filter: { municipalityCode?: string | undefined; entityId?: string | undefined; limit: number; beforeId?: number | undefined },
): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.municipalityCode) query = query.where('municipality_code', '=', filter.municipalityCode);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    username: r.username,
    municipalityCode: r.municipality_code,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
  }));
}
