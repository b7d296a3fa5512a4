import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Config } from '../../kernel/config.ts';
import { invalid, notFound } from '../../kernel/errors.ts';
import type { Actor } from '../accounts/policies.ts';
import { recordAudit, systemActor, type Executor } from '../audit/audit.ts';
import type { ReportStatus } from '../follow-up/words.ts';
import { linkSecret } from '../notifications/links.ts';
import { enqueue } from '../notifications/service.ts';
import { isUuid } from '../plans/service.ts';
import type { Lang } from '../portal/languages.ts';
import { PUBLIC_STATUSES } from '../portal/pages/home.tsx';
import {
  confirmMail,
  emailProblem,
  followCutoffs,
  followsConcerned,
  nameOf,
  publicPath,
  publicStatus,
  statusChange,
  statusChangedMail,
  unsubscribeHeaders,
  type FollowTargetKind,
} from './rules.ts';

/**
 * Follows on the database: asking to follow (double opt-in), confirming, unsubscribing, the mail when an approved
 * report changes an item's public status, and the retention of unconfirmed and silent follows.
 * Addresses never reach the audit log or the logs: the audit records the follow's id and target only.
 */
type Db = Kysely<Database>;

export type FollowConfig = Pick<Config, 'PUBLIC_URL'>;

/** Writes by a resident through the public form (no account), in the audit log. */
export const followActor: Actor = { ...systemActor, username: 'följ via e-post' };

/** Only hashes are stored: a copy of the table (or a backup) opens no confirmation or unsubscribe link. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Domain separation from the personal links, which the same key signs. */
const UNSUBSCRIBE_PURPOSE = 'delaktig/follow-unsubscribe/1';

/**
 * The unsubscribe token is derived from the follow's id with the link secret, so every mail can carry the same
 * working link (mail clients keep the List-Unsubscribe of any old mail) while the table holds only its hash.
 */
export function unsubscribeToken(secret: Buffer, followId: string): string {
  return createHmac('sha256', secret).update(`${UNSUBSCRIBE_PURPOSE}\n${followId}`).digest('base64url');
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const baseUrl = (config: FollowConfig) => config.PUBLIC_URL.replace(/\/$/, '');

export interface FollowTarget {
  kind: FollowTargetKind;
  id: string;
  municipalityCode: string;
  municipalityName: string;
  documentId: string;
  /** The plan's title or the item's number and text, in Swedish as the municipality wrote it. */
  name: string;
  /** The public page, without the language prefix. */
  path: string;
}

/** A plan or item the public may read; anything else (a draft, an unknown id) does not exist here. */
export async function publicTarget(db: Executor, kind: string, id: string): Promise<FollowTarget> {
  const what = kind === 'item' ? 'Punkten' : 'Planen';
  if ((kind !== 'document' && kind !== 'item') || !isUuid(id)) throw notFound(what);
  const row =
    kind === 'document'
      ? await db
          .selectFrom('document')
          .innerJoin('municipality', 'municipality.code', 'document.municipality_code')
          .select(['document.id as document_id', 'document.title', 'document.status', 'municipality.code', 'municipality.name'])
          .where('document.id', '=', id)
          .executeTakeFirst()
          .then((r) => r && { ...r, item_id: null, number: null, text: r.title })
      : await db
          .selectFrom('item')
          .innerJoin('document', 'document.id', 'item.document_id')
          .innerJoin('municipality', 'municipality.code', 'document.municipality_code')
          .select([
            'item.id as item_id',
            'item.number',
            'item.text',
            'document.id as document_id',
            'document.title',
            'document.status',
            'municipality.code',
            'municipality.name',
          ])
          .where('item.id', '=', id)
          .executeTakeFirst();
  if (!row || !(PUBLIC_STATUSES as readonly string[]).includes(row.status)) throw notFound(what);
  return {
    kind,
    id,
    municipalityCode: row.code,
    municipalityName: row.name,
    documentId: row.document_id,
    name: nameOf({ number: row.number, text: row.text }),
    path: publicPath(row.code, row.document_id, row.item_id),
  };
}

export interface FollowRequest {
  lang: Lang;
  kind: string;
  targetId: string;
  email: string;
  now: Date;
}

/**
 * Asks to follow: a new address gets a row and a confirmation mail; an unconfirmed one a fresh link (at most one
 * mail an hour, so the form cannot be used to flood someone); a confirmed one nothing. The caller answers all three
 * the same way, so the form never tells whether an address already follows.
 */
export async function requestFollow(db: Db, config: FollowConfig, input: FollowRequest): Promise<FollowTarget> {
  const email = input.email.trim();
  const problem = emailProblem(email);
  if (problem) throw invalid('/email', problem === 'empty' ? 'Skriv en e-postadress.' : 'E-postadressen har fel form.');
  return db.transaction().execute(async (trx) => {
    const target = await publicTarget(trx, input.kind, input.targetId);
    const existing = await trx
      .selectFrom('follow')
      .select(['id', 'confirmed_at'])
      .where('target_kind', '=', target.kind)
      .where('target_id', '=', target.id)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
    if (existing?.confirmed_at) return target;
    const secret = await linkSecret(trx);
    const confirmToken = randomBytes(32).toString('base64url');
    const link = `${baseUrl(config)}/${input.lang}/folj/bekrafta/${confirmToken}`;
    let followId = existing?.id;
    if (!followId) {
      followId = randomUUID();
      const inserted = await trx
        .insertInto('follow')
        .values({
          id: followId,
          municipality_code: target.municipalityCode,
          target_kind: target.kind,
          target_id: target.id,
          email,
          lang: input.lang,
          confirm_token_hash: null,
          unsubscribe_token_hash: tokenHash(unsubscribeToken(secret, followId)),
          created_at: input.now,
        })
        // Two requests racing for one address: the second leaves the first's row as it is.
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return target;
      await recordAudit(trx, followActor, {
        municipalityCode: target.municipalityCode,
        action: 'follow.request',
        entityType: 'follow',
        entityId: followId,
        before: null,
        after: { targetKind: target.kind, targetId: target.id, lang: input.lang },
      });
    }
    const hour = Math.floor(input.now.getTime() / 3_600_000);
    const queued = await enqueue(trx, {
      municipalityCode: target.municipalityCode,
      kind: 'follow-confirm',
      dedupeKey: `follow-confirm:${followId}:${hour}`,
      to: email,
      mail: confirmMail(input.lang, { municipality: target.municipalityName, name: target.name, link }),
      now: input.now,
    });
    // The link in a mail already queued this hour stays the one that works.
    if (queued)
      await trx
        .updateTable('follow')
        .set({ confirm_token_hash: tokenHash(confirmToken), created_at: input.now, lang: input.lang })
        .where('id', '=', followId)
        .execute();
    return target;
  });
}

export interface TokenFollow {
  followId: string;
  target: FollowTarget;
}

/** The follow a link names, for the page that asks to press the button; null for a spent, old or unknown link. */
export async function followOfToken(db: Executor, which: 'confirm' | 'unsubscribe', token: string, now: Date): Promise<TokenFollow | null> {
  if (!TOKEN.test(token)) return null;
  let query = db.selectFrom('follow').select(['id', 'target_kind', 'target_id']);
  query =
    which === 'confirm'
      ? query
          .where('confirm_token_hash', '=', tokenHash(token))
          .where('confirmed_at', 'is', null)
          .where('created_at', '>=', followCutoffs(now).unconfirmedBefore)
      : query.where('unsubscribe_token_hash', '=', tokenHash(token));
  const row = await query.executeTakeFirst();
  if (!row) return null;
  try {
    return { followId: row.id, target: await publicTarget(db, row.target_kind, row.target_id) };
  } catch {
    // A plan taken back from the public: the link leads nowhere, like an unknown one.
    return null;
  }
}

/** Confirms on POST only (mail scanners fetch GET links); spends the confirmation link. */
export async function confirmFollow(db: Db, token: string, now: Date): Promise<FollowTarget | null> {
  return db.transaction().execute(async (trx) => {
    const found = await followOfToken(trx, 'confirm', token, now);
    if (!found) return null;
    const updated = await trx
      .updateTable('follow')
      .set({ confirmed_at: now, confirm_token_hash: null })
      .where('id', '=', found.followId)
      .where('confirmed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!updated) return null;
    await recordAudit(trx, followActor, {
      municipalityCode: found.target.municipalityCode,
      action: 'follow.confirm',
      entityType: 'follow',
      entityId: found.followId,
      before: null,
      after: { targetKind: found.target.kind, targetId: found.target.id },
    });
    return found.target;
  });
}

/** Deletes the follow, address and all: unsubscribing keeps nothing. */
export async function unsubscribe(db: Db, token: string, now: Date): Promise<FollowTarget | null> {
  return db.transaction().execute(async (trx) => {
    const found = await followOfToken(trx, 'unsubscribe', token, now);
    if (!found) return null;
    const deleted = await trx.deleteFrom('follow').where('id', '=', found.followId).returning('id').executeTakeFirst();
    if (!deleted) return null;
    await recordAudit(trx, followActor, {
      municipalityCode: found.target.municipalityCode,
      action: 'follow.unsubscribe',
      entityType: 'follow',
      entityId: found.followId,
      before: { targetKind: found.target.kind, targetId: found.target.id },
      after: null,
    });
    return found.target;
  });
}

/**
 * Called in the approval's transaction, before the task row says approved: compares the item's public status
 * without and with this report, and queues one mail per address that follows the item, a goal above it or its plan.
 * Example cycles (demonstration data) send nothing. Returns the number of mails queued.
 */
export async function notifyReportApproved(trx: Executor, config: FollowConfig, taskId: string, now: Date): Promise<number> {
  const task = await trx
    .selectFrom('report_task')
    .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
    .select([
      'report_task.id',
      'report_task.item_id',
      'report_task.status',
      'report_task.version',
      'follow_up_cycle.id as cycle_id',
      'follow_up_cycle.period_from',
      'follow_up_cycle.period_to',
      'follow_up_cycle.example',
    ])
    .where('report_task.id', '=', taskId)
    .executeTakeFirst();
  if (!task || task.example || task.item_id === null || task.status === null) return 0;
  let target: FollowTarget;
  try {
    target = await publicTarget(trx, 'item', task.item_id);
  } catch {
    return 0;
  }
  const others = await trx
    .selectFrom('report_task')
    .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
    .select(['follow_up_cycle.id as cycle_id', 'follow_up_cycle.period_from', 'follow_up_cycle.period_to', 'report_task.status'])
    .where('report_task.item_id', '=', task.item_id)
    .where('report_task.state', '=', 'approved')
    .where('report_task.id', '!=', task.id)
    .where('report_task.status', 'is not', null)
    .execute();
  // Example cycles count here: the plan pages show them, so they are what a reader saw before.
  const approved = others.map((r) => ({
    cycleId: r.cycle_id,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    status: r.status as ReportStatus,
  }));
  const own = { cycleId: task.cycle_id, periodFrom: task.period_from, periodTo: task.period_to, status: task.status };
  // A report approved before, reopened and approved again: what it said at its last approval is what was public.
  const lastApproval = await trx
    .selectFrom('report_event')
    .select('snapshot')
    .where('task_id', '=', task.id)
    .where('action', '=', 'approve')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const earlier = (lastApproval?.snapshot as { status?: ReportStatus | null } | undefined)?.status ?? null;
  const before = earlier === null ? approved : [...approved, { ...own, status: earlier }];
  const change = statusChange(publicStatus(before), publicStatus([...approved, own]));
  if (!change) return 0;

  const items = await trx
    .selectFrom('item')
    .select(['id', 'parent_id', 'number', 'text'])
    .where('document_id', '=', target.documentId)
    .execute();
  const byId = new Map(items.map((i) => [i.id, i]));
  const ancestorIds: string[] = [];
  for (let at = byId.get(task.item_id)?.parent_id ?? null; at !== null && !ancestorIds.includes(at); at = byId.get(at)?.parent_id ?? null)
    ancestorIds.push(at);
  const documents = await trx
    .selectFrom('document')
    .select(['id', 'title', 'parent_document_id'])
    .where((eb) =>
      eb.or([
        eb('id', '=', target.documentId),
        eb('id', '=', trx.selectFrom('document').select('parent_document_id').where('id', '=', target.documentId)),
      ]),
    )
    .execute();
  const ownDocument = documents.find((d) => d.id === target.documentId);
  const documentIds = [target.documentId, ...(ownDocument?.parent_document_id ? [ownDocument.parent_document_id] : [])];
  const follows = await trx
    .selectFrom('follow')
    .select(['id', 'email', 'lang', 'target_kind', 'target_id', 'confirmed_at', 'unsubscribe_token_hash'])
    .where('confirmed_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('target_kind', '=', 'item'), eb('target_id', 'in', [task.item_id as string, ...ancestorIds])]),
        eb.and([eb('target_kind', '=', 'document'), eb('target_id', 'in', documentIds)]),
      ]),
    )
    .execute();
  const recipients = followsConcerned(
    { itemId: task.item_id, ancestorIds, documentIds },
    follows.map((f) => ({
      id: f.id,
      email: f.email,
      lang: f.lang,
      targetKind: f.target_kind,
      targetId: f.target_id,
      confirmed: f.confirmed_at !== null,
    })),
  );
  if (recipients.length === 0) return 0;
  const secret = await linkSecret(trx);
  const base = baseUrl(config);
  const followedName = (kind: string, id: string) =>
    kind === 'document' ? (documents.find((d) => d.id === id)?.title ?? target.name) : nameOf(byId.get(id) ?? { text: target.name });
  let queued = 0;
  for (const { follow } of recipients) {
    const token = unsubscribeToken(secret, follow.id);
    const unsubscribeUrl = `${base}/${follow.lang}/folj/avsluta/${token}`;
    const fresh = await enqueue(trx, {
      municipalityCode: target.municipalityCode,
      kind: 'follow-status',
      // The task's version changes at every approval: approving again after a reopen is a new message.
      dedupeKey: `follow-status:${follow.id}:${task.id}:${task.version}`,
      to: follow.email,
      mail: statusChangedMail(follow.lang, {
        municipality: target.municipalityName,
        name: target.name,
        followed: followedName(follow.targetKind, follow.targetId),
        change,
        link: `${base}/${follow.lang}${target.path}`,
        unsubscribeUrl,
      }),
      headers: unsubscribeHeaders(unsubscribeUrl),
      now,
    });
    if (!fresh) continue;
    queued++;
    // A new link secret gives new tokens: the stored hash follows, so the link in this mail works.
    await trx
      .updateTable('follow')
      .set({ last_notified_at: now, unsubscribe_token_hash: tokenHash(token) })
      .where('id', '=', follow.id)
      .execute();
  }
  return queued;
}

/** Unconfirmed requests past their week, and confirmed follows silent for two years (the retention job). */
export async function purgeFollows(db: Executor, now: Date): Promise<number> {
  const cut = followCutoffs(now);
  const deleted = await db
    .deleteFrom('follow')
    .where((eb) =>
      eb.or([
        eb.and([eb('confirmed_at', 'is', null), eb('created_at', '<', cut.unconfirmedBefore)]),
        eb.and([eb('confirmed_at', 'is not', null), eb(eb.fn.coalesce('last_notified_at', 'confirmed_at'), '<', cut.idleBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
