import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { recordAudit, type Executor } from '../audit/audit.ts';
import type { Role } from '../accounts/policies.ts';

/**
 * Personal links: `<access_link.id>.<expiry unix seconds>.<HMAC-SHA256, base64url>`. The token is signed rather
 * than stored, so a leaked database row (or backup) yields no usable link; the row exists so that a link can be
 * spent (used_at), cut short (expires_at) or die with its user or cycle.
 */
export const LINK_SECRET_KEY = 'link_secret';

/** Domain separation: the same key must never sign anything that could be confused with a link. */
const PURPOSE = 'delaktig/access-link/1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECONDS = /^[0-9]{1,12}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

function signature(secret: Buffer, id: string, expires: number): string {
  return createHmac('sha256', secret).update(`${PURPOSE}\n${id}\n${expires}`).digest('base64url');
}

/** Pure: the token for a link id valid until `expires` (unix seconds). */
export function signLinkToken(secret: Buffer, id: string, expires: number): string {
  return `${id}.${expires}.${signature(secret, id, expires)}`;
}

export type TokenCheck = { ok: true; id: string; expires: number } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Pure: whether the token is one we signed and is still within its time. The signature is checked before the
 * expiry so that an expired token tells nothing about a forged one.
 */
export function verifyLinkToken(secret: Buffer, token: string, nowSeconds: number): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'invalid' };
  const [id, expiresText, given] = parts as [string, string, string];
  // Strict shapes first: a uuid that PostgreSQL would reject must never reach a query, and comparing the
  // canonical base64url text (not decoded bytes) leaves no second spelling of a valid signature.
  if (!UUID.test(id) || !SECONDS.test(expiresText) || !SIGNATURE.test(given)) return { ok: false, reason: 'invalid' };
  const expires = Number(expiresText);
  const expected = Buffer.from(signature(secret, id, expires));
  if (!timingSafeEqual(expected, Buffer.from(given))) return { ok: false, reason: 'invalid' };
  if (expires <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, id, expires };
}

/**
 * The signing key, made on first use. Insert-or-nothing then read, so that processes starting together agree on
 * one key instead of each signing with its own. Removing the row invalidates every link ever sent.
 */
export async function linkSecret(db: Executor): Promise<Buffer> {
  const existing = await db.selectFrom('app_setting').select('value').where('key', '=', LINK_SECRET_KEY).executeTakeFirst();
  if (existing) return Buffer.from(existing.value, 'base64url');
  await db
    .insertInto('app_setting')
    .values({ key: LINK_SECRET_KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', LINK_SECRET_KEY).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export async function issueLink(db: Executor, options: { userId: string; cycleId: string; validDays: number; now: Date }): Promise<string> {
  const expires = unixSeconds(options.now) + options.validDays * 86_400;
  const secret = await linkSecret(db);
  const { id } = await db
    .insertInto('access_link')
    .values({
      user_id: options.userId,
      cycle_id: options.cycleId,
      expires_at: new Date(expires * 1000),
      created_at: options.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return signLinkToken(secret, id, expires);
}

export type LinkResolution =
  | { ok: true; linkId: string; userId: string; cycleId: string }
  | { ok: false; reason: 'invalid' | 'expired' | 'used' };

export async function resolveLink(db: Executor, token: string, now: Date): Promise<LinkResolution> {
  const check = verifyLinkToken(await linkSecret(db), token, unixSeconds(now));
  if (!check.ok) return check;
  const row = await db
    .selectFrom('access_link')
    .innerJoin('app_user', 'app_user.id', 'access_link.user_id')
    .select([
      'access_link.id',
      'access_link.user_id',
      'access_link.cycle_id',
      'access_link.expires_at',
      'access_link.used_at',
      'app_user.disabled',
    ])
    .where('access_link.id', '=', check.id)
    .executeTakeFirst();
  // A disabled account is answered like a link that never existed: the holder learns nothing about the account.
  if (!row || row.disabled) return { ok: false, reason: 'invalid' };
  if (row.used_at !== null) return { ok: false, reason: 'used' };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, linkId: row.id, userId: row.user_id, cycleId: row.cycle_id };
}

/**
 * Spends a link when its holder submits, in the caller's transaction, with an audit record. Returns false when
 * the link was already spent: of two submissions racing on one link exactly one wins, and the caller must
 * refuse the other.
 */
export async function markLinkUsed(db: Executor, linkId: string, now: Date): Promise<boolean> {
  const spent = await db
    .updateTable('access_link')
    .set({ used_at: now })
    .where('id', '=', linkId)
    .where('used_at', 'is', null)
    .returning(['user_id', 'cycle_id'])
    .executeTakeFirst();
  if (!spent) return false;
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'role', 'municipality_code'])
    .where('id', '=', spent.user_id)
    .executeTakeFirstOrThrow();
  await recordAudit(
    db,
    { userId: user.id, username: user.username, role: user.role as Role, municipalityCode: user.municipality_code, unitIds: [] },
    {
      municipalityCode: user.municipality_code,
      action: 'access_link.use',
      entityType: 'access_link',
      entityId: linkId,
      before: null,
      after: { cycleId: spent.cycle_id, usedAt: now.toISOString() },
    },
  );
  return true;
}
