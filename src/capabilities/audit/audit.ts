import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
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

export interface AuditRow {
  user_id: string | null;
  username: string;
  municipality_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string;
  after: string;
  address: string | null;
}

/** The audit_log row of an entry; also for writes that insert it in the same statement as the change. */
export function auditRow(actor: Actor, entry: AuditEntry): AuditRow {
  return {
    user_id: actor.userId === '' ? null : actor.userId,
    username: actor.username,
    municipality_code: entry.municipalityCode,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: JSON.stringify(entry.before ?? null),
    after: JSON.stringify(entry.after ?? null),
    address: actor.address ?? null,
  };
}

/** Written inside the caller's transaction, so a change and its record stand or fall together. */
export async function recordAudit(db: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(actor, entry)).execute();
}

export interface AuditRecord {
  id: number;
  at: string;
  username: string;
  address: string | null;
  municipalityCode: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  municipalityCode?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  username?: string | undefined;
  action?: string | undefined;
  /** Inclusive dates (YYYY-MM-DD), in Swedish time. */
  from?: string | undefined;
  to?: string | undefined;
  /** Words anywhere in the values before or after the change. */
  text?: string | undefined;
}

function filtered<O>(
  query: SelectQueryBuilder<Database, 'audit_log', O>,
  filter: AuditFilter,
): SelectQueryBuilder<Database, 'audit_log', O> {
  let q = query;
  if (filter.municipalityCode) q = q.where('municipality_code', '=', filter.municipalityCode);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.username) q = q.where('username', '=', filter.username);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.from) q = q.where('at', '>=', sql<Date>`(${filter.from}::date)::timestamp at time zone 'Europe/Stockholm'`);
  if (filter.to) q = q.where('at', '<', sql<Date>`(${filter.to}::date + 1)::timestamp at time zone 'Europe/Stockholm'`);
  if (filter.text) {
    // Matched as plain text: % and _ in the words are meant literally.
    const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb(sql`"before"::text`, 'ilike', pattern), eb(sql`"after"::text`, 'ilike', pattern), eb('entity_id', 'ilike', pattern)]),
    );
  }
  return q;
}

const toRecord = (r: {
  id: number;
  at: Date;
  username: string;
  address: string | null;
  municipality_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}): AuditRecord => ({
  id: Number(r.id),
  at: new Date(r.at).toISOString(),
  username: r.username,
  address: r.address,
  municipalityCode: r.municipality_code,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  before: r.before,
  after: r.after,
});

export async function listAudit(
  db: Executor,
  filter: AuditFilter & { limit: number; beforeId?: number | undefined },
): Promise<AuditRecord[]> {
  let query = filtered(db.selectFrom('audit_log').selectAll(), filter).orderBy('id', 'desc').limit(filter.limit);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  return (await query.execute()).map(toRecord);
}

/** Every matching entry, oldest first, a page at a time (an export of years of changes never sits in memory whole). */
export async function* auditEntries(db: Executor, filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditRecord> {
  let afterId = 0;
  for (;;) {
    const page = await filtered(db.selectFrom('audit_log').selectAll(), filter)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const row of page) yield toRecord(row);
    if (page.length < pageSize) return;
    afterId = Number(page[page.length - 1]?.id);
  }
}

/** The distinct kinds of things and actions in the log, for the search form's choices. */
export async function auditVocabulary(db: Executor): Promise<{ entityTypes: string[]; actions: string[] }> {
  const [types, actions] = await Promise.all([
    db.selectFrom('audit_log').select('entity_type').distinct().orderBy('entity_type').execute(),
    db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
  ]);
  return { entityTypes: types.map((t) => t.entity_type), actions: actions.map((a) => a.action) };
}
