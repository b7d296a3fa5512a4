import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, forbidden, invalid } from '../../kernel/errors.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { canListUsers, canManageUsers, type Actor, type Caller, type Role } from './policies.ts';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  /** Where reminders and personal links go; optional. */
  email: string | null;
  role: Role;
  municipalityCode: string | null;
  unitIds: string[];
  /** A disabled account cannot sign in and has no sessions. */
  disabled: boolean;
}

/** Only a hash of the session token is stored, so a leaked database copy holds no usable sessions. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

// A hash to compare against when the user does not exist, so a wrong username costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function login(
  db: Executor,
  username: string,
  password: string,
  policy: SessionPolicy,
): Promise<{ token: string; user: UserView; expiresAt: Date }> {
  const user = await db.selectFrom('app_user').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  decoyHash ??= hashPassword(randomBytes(12).toString('hex'));
  const ok = await verifyPassword(password, user?.password_hash ?? (await decoyHash));
  if (!user || !ok || user.disabled) throw new AppError('unauthenticated', 'Fel användarnamn eller lösenord.');
  const { token, expiresAt } = await startSession(db, user.id, policy);
  const view = await loadUserView(db, user.id);
  return { token, user: view as UserView, expiresAt };
}

/** A new session for an account whose holder has proven who she is (password or identity provider). */
export async function startSession(db: Executor, userId: string, policy: SessionPolicy): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.maxHours * 3600_000);
  await db
    .insertInto('session')
    .values({ id: tokenHash(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function logout(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', tokenHash(token)).execute();
}

/** Ends every session of one account (disabling, erasure, single sign-on's sign-out); returns how many ended. */
export async function endSessionsOf(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** An account's unit ids as one JSON array column, so an account and its units come in one query. */
const unitIdsOf = sql<
  string[]
>`(select coalesce(json_agg(user_unit.unit_id), '[]'::json) from user_unit where user_unit.user_id = app_user.id)`;

/**
 * The actor behind a session token, or null when it is unknown, expired or idle too long. Touches the session.
 * Every authenticated request pays for this, so the session, its account and the account's units are one query.
 */
export async function resolveSession(db: Executor, token: string, policy: SessionPolicy): Promise<Actor | null> {
  const id = tokenHash(token);
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.expires_at',
      'session.last_seen_at',
      'app_user.id as user_id',
      'app_user.username',
      'app_user.role',
      'app_user.municipality_code',
      'app_user.disabled',
      unitIdsOf.as('unit_ids'),
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  const idleLimit = new Date(row.last_seen_at).getTime() + policy.idleMinutes * 60_000;
  if (row.disabled || new Date(row.expires_at).getTime() < now || idleLimit < now) {
    await db.deleteFrom('session').where('id', '=', id).execute();
    return null;
  }
  // Write the touch at most once a minute: most requests then only read.
  if (now - new Date(row.last_seen_at).getTime() > 60_000)
    await db.updateTable('session').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
  return {
    userId: row.user_id,
    username: row.username,
    role: row.role as Role,
    municipalityCode: row.municipality_code,
    unitIds: row.unit_ids,
  };
}

export async function loadUserView(db: Executor, id: string): Promise<UserView | undefined> {
  const user = await db.selectFrom('app_user').selectAll().select(unitIdsOf.as('unit_ids')).where('id', '=', id).executeTakeFirst();
  if (!user) return undefined;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    role: user.role as Role,
    municipalityCode: user.municipality_code,
    unitIds: user.unit_ids,
    disabled: user.disabled,
  };
}

export async function listUsers(db: Executor, caller: Caller, municipalityCode: string | null): Promise<UserView[]> {
  if (!canListUsers(caller, municipalityCode)) throw forbidden();
  let query = db.selectFrom('app_user').selectAll().orderBy('username');
  if (municipalityCode) query = query.where('municipality_code', '=', municipalityCode);
  const users = await query.execute();
  if (users.length === 0) return [];
  // Two queries whatever the number of accounts.
  const units = await db
    .selectFrom('user_unit')
    .select(['user_id', 'unit_id'])
    .where(
      'user_id',
      'in',
      users.map((u) => u.id),
    )
    .execute();
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    role: u.role as Role,
    municipalityCode: u.municipality_code,
    unitIds: units.filter((x) => x.user_id === u.id).map((x) => x.unit_id),
    disabled: u.disabled,
  }));
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  email?: string | null | undefined;
  role: Role;
  municipalityCode?: string | null | undefined;
  unitIds?: string[] | undefined;
}

/** Creates an account. `passwordHash` lets the demo seed reuse one hash instead of paying for scrypt per account. */
export async function createUser(
  db: Kysely<Database>,
  actor: Actor,
  input: NewUser,
  options: { passwordHash?: string } = {},
): Promise<UserView> {
  if (!canManageUsers(actor)) throw forbidden('Bara administratörer kan skapa konton.');
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(username))
    throw invalid('/username', 'Användarnamnet får bara innehålla a–z, 0–9, punkt, bindestreck och understreck (2–63 tecken).');
  if (!options.passwordHash) {
    const problem = passwordProblem(input.password);
    if (problem) throw invalid('/password', problem);
  }
  if (input.role !== 'admin' && !input.municipalityCode)
    throw invalid('/municipalityCode', 'Alla konton utom administratörer hör till en kommun.');
  const municipalityCode = input.role === 'admin' ? null : (input.municipalityCode ?? null);
  const unitIds = input.unitIds ?? [];
  if (input.role === 'reporter' && unitIds.length === 0)
    throw invalid('/unitIds', 'En rapportör behöver minst en enhet att rapportera för.');
  const email = input.email?.trim() || null;
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalid('/email', `"${email}" är ingen e-postadress.`);
  const passwordHash = options.passwordHash ?? (await hashPassword(input.password));
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst())
      throw invalid('/username', `Användarnamnet "${username}" är upptaget.`);
    if (municipalityCode && !(await trx.selectFrom('municipality').select('code').where('code', '=', municipalityCode).executeTakeFirst()))
      throw invalid('/municipalityCode', `Kommunkoden ${municipalityCode} finns inte.`);
    if (unitIds.length > 0) {
      const units = await trx.selectFrom('unit').select(['id', 'municipality_code']).where('id', 'in', unitIds).execute();
      if (units.length !== unitIds.length || units.some((u) => u.municipality_code !== municipalityCode))
        throw invalid('/unitIds', 'Enheterna måste finnas i kontots kommun.');
    }
    const row = await trx
      .insertInto('app_user')
      .values({
        username,
        display_name: input.displayName.trim() || username,
        email,
        password_hash: passwordHash,
        role: input.role,
        municipality_code: municipalityCode,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (unitIds.length > 0)
      await trx
        .insertInto('user_unit')
        .values(unitIds.map((unit_id) => ({ user_id: row.id, unit_id })))
        .execute();
    const view = (await loadUserView(trx, row.id)) as UserView;
    await recordAudit(trx, actor, {
      municipalityCode,
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      before: null,
      after: view,
    });
    return view;
  });
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
