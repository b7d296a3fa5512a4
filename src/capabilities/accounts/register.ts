import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../kernel/errors.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { redactLinks } from '../notifications/service.ts';
import { endSessionsOf } from './accounts.ts';
import { canExtractAccount, canManageUsers, type Actor, type Caller } from './policies.ts';

/**
 * The account holder's rights (decision 0025): a register extract of what the product holds about an account,
 * disabling, and erasure. Erasure blanks the account's personal fields but keeps its row and id, so the plans,
 * reports, decisions and audit entries that name it still point somewhere; counts and balances do not move.
 * The audit log records ids and facts, never the personal values.
 */
type Db = Kysely<Database>;

export const ERASED_DISPLAY_NAME = 'Raderat konto';

export interface AccountExtract {
  extractedAt: string;
  controller: { municipalityCode: string | null; purpose: string; legalBasis: string; retention: string };
  account: {
    id: string;
    username: string;
    displayName: string;
    email: string | null;
    role: string;
    municipalityCode: string | null;
    disabled: boolean;
    /** From the audit log's latest "user.disable" entry (the retention time runs from it). */
    disabledAt: string | null;
    createdAt: string;
  };
  units: { id: string; name: string }[];
  identities: { issuer: string; subject: string; createdAt: string; lastSignInAt: string }[];
  fundOrganisation: { id: string; name: string; orgNumber: string } | null;
  matchingProgrammes: { id: string; name: string }[];
  /** Times only: the token hash is no data about the person and would only help an attacker. */
  sessions: { createdAt: string; lastSeenAt: string; expiresAt: string }[];
  /** Times only: a link's token is never stored (decision 0011). */
  personalLinks: { cycleId: string; createdAt: string; expiresAt: string; usedAt: string | null }[];
  /** Mail to the account's address; bodies with the personal links cut out. */
  mail: { kind: string; subject: string; body: string; state: string; createdAt: string; sentAt: string | null }[];
  /** What the account did, as the audit log has it: times, actions and which object — not the values changed. */
  activity: { at: string; action: string; entityType: string; entityId: string; municipalityCode: string | null }[];
}

/**
 * When the account was last disabled: the audit log's latest "user.disable" entry. The append-only log is the one
 * record every way of disabling writes (sessions.ts, single sign-on), so the retention time cannot be reset by
 * anything but enabling the account again. Null when no entry says so (then the account is never erased by time).
 */
export async function disabledSince(db: Executor, id: string): Promise<Date | null> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('entity_type', '=', 'user')
    .where('entity_id', '=', id)
    .where('action', '=', 'user.disable')
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

async function loadAccount(db: Executor, id: string) {
  const row = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Kontot');
  return row;
}

export async function accountExtract(db: Executor, caller: Caller, id: string, now = new Date()): Promise<AccountExtract> {
  if (!canExtractAccount(caller, id)) throw forbidden('Registerutdrag för andras konton tas ut av en administratör.');
  const user = await loadAccount(db, id);
  const [units, identities, organisation, programmes, sessions, links, mail, activity] = await Promise.all([
    db
      .selectFrom('user_unit')
      .innerJoin('unit', 'unit.id', 'user_unit.unit_id')
      .select(['unit.id', 'unit.name'])
      .where('user_unit.user_id', '=', id)
      .orderBy('unit.name')
      .execute(),
    db
      .selectFrom('user_identity')
      .select(['issuer', 'subject', 'created_at', 'last_sign_in_at'])
      .where('user_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('fund_organisation_user')
      .innerJoin('fund_organisation', 'fund_organisation.id', 'fund_organisation_user.organisation_id')
      .select(['fund_organisation.id', 'fund_organisation.name', 'fund_organisation.org_number'])
      .where('fund_organisation_user.user_id', '=', id)
      .executeTakeFirst(),
    db
      .selectFrom('matching_programme_coordinator')
      .innerJoin('matching_programme', 'matching_programme.id', 'matching_programme_coordinator.programme_id')
      .select(['matching_programme.id', 'matching_programme.name'])
      .where('matching_programme_coordinator.user_id', '=', id)
      .orderBy('matching_programme.name')
      .execute(),
    db.selectFrom('session').select(['created_at', 'last_seen_at', 'expires_at']).where('user_id', '=', id).orderBy('created_at').execute(),
    db
      .selectFrom('access_link')
      .select(['cycle_id', 'created_at', 'expires_at', 'used_at'])
      .where('user_id', '=', id)
      .orderBy('created_at')
      .execute(),
    user.email === null
      ? Promise.resolve([])
      : db
          .selectFrom('mail_outbox')
          .select(['kind', 'subject', 'body', 'state', 'created_at', 'sent_at'])
          .where(sql<string>`lower(to_address)`, '=', user.email.toLowerCase())
          .orderBy('created_at')
          .execute(),
    db
      .selectFrom('audit_log')
      .select(['at', 'action', 'entity_type', 'entity_id', 'municipality_code'])
      .where('user_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  return {
    extractedAt: now.toISOString(),
    controller: {
      municipalityCode: user.municipality_code,
      purpose: 'Inloggning, behörigheter, rapportförfrågningar och påminnelser, ansökningar ur integrationsfonden.',
      legalBasis: 'Allmänt intresse och myndighetsutövning (dataskyddsförordningen artikel 6.1 e).',
      retention:
        'Kontot finns tills en administratör raderar det; ett avstängt konto raderas automatiskt efter den tid kommunen har bestämt. ' +
        'Loggboken (vem som gjorde vad) är en allmän handling och gallras enligt kommunens dokumenthanteringsplan.',
    },
    account: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      email: user.email,
      role: user.role,
      municipalityCode: user.municipality_code,
      disabled: user.disabled,
      disabledAt: user.disabled ? isoOrNull(await disabledSince(db, id)) : null,
      createdAt: iso(user.created_at),
    },
    units,
    identities: identities.map((i) => ({
      issuer: i.issuer,
      subject: i.subject,
      createdAt: iso(i.created_at),
      lastSignInAt: iso(i.last_sign_in_at),
    })),
    fundOrganisation: organisation ? { id: organisation.id, name: organisation.name, orgNumber: organisation.org_number } : null,
    matchingProgrammes: programmes,
    sessions: sessions.map((s) => ({ createdAt: iso(s.created_at), lastSeenAt: iso(s.last_seen_at), expiresAt: iso(s.expires_at) })),
    personalLinks: links.map((l) => ({
      cycleId: l.cycle_id,
      createdAt: iso(l.created_at),
      expiresAt: iso(l.expires_at),
      usedAt: isoOrNull(l.used_at),
    })),
    mail: mail.map((m) => ({
      kind: m.kind,
      subject: m.subject,
      body: redactLinks(m.body),
      state: m.state,
      createdAt: iso(m.created_at),
      sentAt: isoOrNull(m.sent_at),
    })),
    activity: activity.map((a) => ({
      at: iso(a.at),
      action: a.action,
      entityType: a.entity_type,
      entityId: a.entity_id,
      municipalityCode: a.municipality_code,
    })),
  };
}

/**
 * Locks the enabled administrators, then the account, always in that order: two administrators erasing each
 * other at once must not both succeed (nobody left) nor deadlock.
 */
async function lockForChange(trx: Executor, id: string): Promise<{ activeAdmins: string[] }> {
  const admins = await trx
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled', '=', false)
    .orderBy('id')
    .forUpdate()
    .execute();
  await trx.selectFrom('app_user').select('id').where('id', '=', id).forUpdate().execute();
  return { activeAdmins: admins.map((a) => a.id) };
}

/** Refuses what would lock everyone out, or the caller out of her own account mid-request. */
function guardAgainstLockout(
  actor: Actor,
  target: { id: string; role: string; disabled: boolean },
  activeAdmins: string[],
  what: string,
): void {
  if (actor.userId === target.id) throw new AppError('conflict', `Du kan inte ${what} ditt eget konto. Be en annan administratör.`);
  if (target.role === 'admin' && !target.disabled) {
    const others = activeAdmins.filter((id) => id !== target.id);
    if (others.length === 0)
      throw new AppError(
        'conflict',
        `Det är den sista aktiva administratören: skapa en till administratör innan du ${what} det här kontot.`,
      );
  }
}

export interface ErasureFacts {
  sessionsEnded: number;
  linksDeleted: number;
  messagesDeleted: number;
  draftsDeleted: number;
}

/** A username that says what happened and stays unique: the id's first characters, more if those are taken. */
async function placeholderUsername(trx: Executor, id: string): Promise<string> {
  const short = `raderad-${id.slice(0, 8)}`;
  const taken = await trx.selectFrom('app_user').select('id').where('username', '=', short).where('id', '!=', id).executeTakeFirst();
  return taken ? `raderad-${id}` : short;
}

/**
 * Blanks one account inside the caller's transaction. Submitted fund applications stay (public records once
 * received); drafts go when no other account of the organisation could carry them on.
 */
async function blankAccount(trx: Executor, user: { id: string; username: string; email: string | null }, now: Date): Promise<ErasureFacts> {
  const organisation = await trx
    .selectFrom('fund_organisation_user')
    .select('organisation_id')
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  let draftsDeleted = 0;
  if (organisation) {
    const others = await trx
      .selectFrom('fund_organisation_user')
      .select('user_id')
      .where('organisation_id', '=', organisation.organisation_id)
      .where('user_id', '!=', user.id)
      .executeTakeFirst();
    if (!others) {
      const drafts = await trx
        .deleteFrom('fund_application')
        .where('organisation_id', '=', organisation.organisation_id)
        // Applications name their author by username (as written then), not by id.
        .where('created_by', '=', user.username)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      draftsDeleted = Number(drafts.numDeletedRows);
    }
  }
  const messages =
    user.email === null
      ? 0
      : Number(
          (
            await trx
              .deleteFrom('mail_outbox')
              .where(sql<string>`lower(to_address)`, '=', user.email.toLowerCase())
              .executeTakeFirst()
          ).numDeletedRows,
        );
  const links = await trx.deleteFrom('access_link').where('user_id', '=', user.id).executeTakeFirst();
  const sessionsEnded = await endSessionsOf(trx, user.id);
  await trx.deleteFrom('user_unit').where('user_id', '=', user.id).execute();
  await trx.deleteFrom('user_identity').where('user_id', '=', user.id).execute();
  await trx.deleteFrom('matching_programme_coordinator').where('user_id', '=', user.id).execute();
  await trx.deleteFrom('fund_organisation_user').where('user_id', '=', user.id).execute();
  await trx
    .updateTable('app_user')
    .set({
      username: await placeholderUsername(trx, user.id),
      display_name: ERASED_DISPLAY_NAME,
      email: null,
      // Not a hash of anything: verifyPassword refuses it, so no password can ever sign in.
      password_hash: `erased$${randomBytes(16).toString('base64url')}`,
      disabled: true,
      erased_at: now,
    })
    .where('id', '=', user.id)
    .execute();
  return { sessionsEnded, linksDeleted: Number(links.numDeletedRows), messagesDeleted: messages, draftsDeleted };
}

/** Erasure on request (GDPR art. 17), by an administrator; never the caller's own account or the last administrator. */
export async function eraseAccount(db: Db, actor: Actor, id: string, now = new Date()): Promise<ErasureFacts> {
  if (!canManageUsers(actor)) throw forbidden('Bara administratörer kan radera konton.');
  return db.transaction().execute(async (trx) => {
    const { activeAdmins } = await lockForChange(trx, id);
    const user = await loadAccount(trx, id);
    if (user.erased_at !== null) throw new AppError('conflict', 'Kontot är redan raderat.');
    guardAgainstLockout(actor, user, activeAdmins, 'radera');
    const facts = await blankAccount(trx, user, now);
    await recordAudit(trx, actor, {
      municipalityCode: user.municipality_code,
      action: 'user.erase',
      entityType: 'user',
      entityId: id,
      before: null,
      after: { erased: true, reason: 'request', ...facts },
    });
    return facts;
  });
}

/**
 * Erasure by the retention job (src/capabilities/privacy/retention.ts): re-checked under lock, since an
 * administrator may have opened the account again meanwhile. Returns false when it was no longer due.
 */
export async function eraseDisabledAccount(
  db: Db,
  system: Actor,
  id: string,
  isStillDue: (row: { disabled: boolean; disabledSince: Date | null; erasedAt: Date | null }) => boolean,
  now: Date,
  retentionDays: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('app_user').select('id').where('id', '=', id).forUpdate().execute();
    const user = await trx.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    if (!user || !isStillDue({ disabled: user.disabled, disabledSince: await disabledSince(trx, id), erasedAt: user.erased_at }))
      return false;
    const facts = await blankAccount(trx, user, now);
    await recordAudit(trx, system, {
      municipalityCode: user.municipality_code,
      action: 'user.erase',
      entityType: 'user',
      entityId: id,
      before: null,
      after: { erased: true, reason: 'retention', retentionDays, ...facts },
    });
    return true;
  });
}
