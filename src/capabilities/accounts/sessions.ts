import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/audit.ts';
import { endSessionsOf, loadUserView, type UserView } from './accounts.ts';
import { canManageUsers, type Actor } from './policies.ts';

/**
 * Ending sessions: one's own everywhere (a lost laptop, a shared computer), an administrator's for any account,
 * and disabling an account, which ends its sessions in the same transaction.
 */

/** Ends every session of the signed-in person, this one included. Returns how many ended. */
export async function endOwnSessions(db: Kysely<Database>, actor: Actor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const count = await endSessionsOf(trx, actor.userId);
    await recordAudit(trx, actor, {
      municipalityCode: actor.municipalityCode,
      action: 'session.end-all',
      entityType: 'user',
      entityId: actor.userId,
      before: null,
      after: { sessionsEnded: count },
    });
    return count;
  });
}

/** An administrator ends every session of an account; its holder must sign in again. */
export async function endAccountSessions(db: Kysely<Database>, actor: Actor, userId: string): Promise<number> {
  if (!canManageUsers(actor)) throw forbidden('Bara administratörer kan avsluta andras sessioner.');
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('app_user').select(['id', 'municipality_code']).where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('Kontot');
    const count = await endSessionsOf(trx, userId);
    await recordAudit(trx, actor, {
      municipalityCode: user.municipality_code,
      action: 'session.end-all',
      entityType: 'user',
      entityId: userId,
      before: null,
      after: { sessionsEnded: count },
    });
    return count;
  });
}

/** Disables or enables an account; disabling ends its sessions at once, not at their next request. */
export async function setAccountDisabled(db: Kysely<Database>, actor: Actor, userId: string, disabled: boolean): Promise<UserView> {
  if (!canManageUsers(actor)) throw forbidden('Bara administratörer kan stänga av konton.');
  // The acting administrator stays enabled, so disabling can never leave the instance without one.
  if (disabled && userId === actor.userId) throw invalid('/disabled', 'Du kan inte stänga av ditt eget konto.');
  return db.transaction().execute(async (trx) => {
    const before = await loadUserView(trx, userId);
    if (!before) throw notFound('Kontot');
    if (before.disabled === disabled) return before;
    // An erased account has no name, password or sign-on link left; opening it again would only confuse the list.
    const erased = await trx.selectFrom('app_user').select('erased_at').where('id', '=', userId).executeTakeFirstOrThrow();
    if (!disabled && erased.erased_at !== null) throw new AppError('conflict', 'Kontot är raderat och kan inte öppnas igen.');
    await trx.updateTable('app_user').set({ disabled }).where('id', '=', userId).execute();
    const ended = disabled ? await endSessionsOf(trx, userId) : 0;
    const after = (await loadUserView(trx, userId)) as UserView;
    await recordAudit(trx, actor, {
      municipalityCode: before.municipalityCode,
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: userId,
      before: { disabled: before.disabled },
      after: { disabled, sessionsEnded: ended },
    });
    return after;
  });
}
