import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import * as client from 'openid-client';
import type { Database } from '../../db/schema.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { loadUserView, startSession, tokenHash, type SessionPolicy, type UserView } from './accounts.ts';
import { loadProviderForSignIn } from './oidc-providers.ts';
import {
  decideExisting,
  decideNew,
  isLoopback,
  roleFromClaims,
  safeReturnPath,
  usernameFromClaims,
  verifiedEmail,
  type SsoRefusal,
} from './oidc-rules.ts';
import type { Actor } from './policies.ts';

/**
 * Sign-in with OpenID Connect: the authorization code flow with PKCE, through openid-client (a certified relying
 * party). State, nonce and the PKCE verifier stay on the server in `oidc_login_attempt`, used once and for ten
 * minutes at most; the browser holds only a random token naming its attempt, in a short-lived cookie.
 */

/** A sign-in through a provider that was refused; the login screen says why in words. */
export class SsoError extends Error {
  readonly reason: SsoRefusal;
  constructor(reason: SsoRefusal, cause?: unknown) {
    super(`single sign-on refused: ${reason}`, { cause });
    this.name = 'SsoError';
    this.reason = reason;
  }
}

export const ATTEMPT_COOKIE = 'delaktig_oidc';
export const ATTEMPT_MINUTES = 10;

export interface SsoSettings {
  /** Where people reach the app (PUBLIC_URL); the callback address registered at every provider starts with it. */
  publicUrl: string;
  policy: SessionPolicy;
}

export const redirectUriOf = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}/api/auth/oidc/callback`;

type ProviderRow = NonNullable<Awaited<ReturnType<typeof loadProviderForSignIn>>>;

// Discovery once per provider and version (a changed setting makes a new entry); a failure is not kept.
const configurations = new Map<string, Promise<client.Configuration>>();

function clientConfiguration(provider: ProviderRow): Promise<client.Configuration> {
  const key = `${provider.id}:${provider.version}`;
  let pending = configurations.get(key);
  if (!pending) {
    const issuer = new URL(provider.issuer);
    // Plain HTTP only to a provider on this machine (the tests' own); issuerProblem refuses anything else on save.
    const insecure = issuer.protocol === 'http:' && isLoopback(issuer.hostname);
    pending = client.discovery(
      issuer,
      provider.client_id,
      { client_secret: provider.client_secret },
      client.ClientSecretBasic(provider.client_secret),
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    pending.catch(() => configurations.delete(key));
    for (const old of configurations.keys()) if (old.startsWith(`${provider.id}:`)) configurations.delete(old);
    configurations.set(key, pending);
  }
  return pending;
}

/** Starts a sign-in: the attempt is stored, and the browser is sent to the provider with its token in a cookie. */
export async function beginSignIn(
  db: Kysely<Database>,
  settings: SsoSettings,
  providerId: string,
  returnTo: unknown,
): Promise<{ attemptToken: string; authorizationUrl: string }> {
  const provider = await loadProviderForSignIn(db, providerId);
  if (!provider || !provider.enabled) throw new SsoError('provider_disabled');
  const configuration = await clientConfiguration(provider).catch((error: unknown) => {
    throw new SsoError('unavailable', error);
  });
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const authorizationUrl = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUriOf(settings.publicUrl),
    scope: provider.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const attemptToken = randomBytes(32).toString('base64url');
  await db.deleteFrom('oidc_login_attempt').where('expires_at', '<', new Date()).execute();
  await db
    .insertInto('oidc_login_attempt')
    .values({
      id: tokenHash(attemptToken),
      provider_id: provider.id,
      state,
      nonce,
      code_verifier: codeVerifier,
      return_to: safeReturnPath(returnTo),
      expires_at: new Date(Date.now() + ATTEMPT_MINUTES * 60_000),
    })
    .execute();
  return { attemptToken, authorizationUrl: authorizationUrl.href };
}

export interface SignedIn {
  token: string;
  expiresAt: Date;
  returnTo: string;
  user: UserView;
}

/**
 * Finishes a sign-in from the provider's answer (the callback's query string): the attempt is taken once, the code
 * exchanged with the PKCE verifier, the ID token checked (signature, issuer, audience, nonce — by openid-client),
 * the person found or created by the linking rules, and a session started.
 */
export async function completeSignIn(
  db: Kysely<Database>,
  settings: SsoSettings,
  attemptToken: string | undefined,
  query: string,
  address: string,
): Promise<SignedIn> {
  if (!attemptToken) throw new SsoError('expired');
  // Taken and removed in one statement: a replayed answer finds nothing, even at the same instant.
  const attempt = await db.deleteFrom('oidc_login_attempt').where('id', '=', tokenHash(attemptToken)).returningAll().executeTakeFirst();
  if (!attempt || new Date(attempt.expires_at).getTime() < Date.now()) throw new SsoError('expired');
  const params = new URLSearchParams(query);
  if (params.get('state') !== attempt.state) throw new SsoError('state');
  if (params.has('error')) throw new SsoError(params.get('error') === 'access_denied' ? 'denied' : 'provider');
  const provider = await loadProviderForSignIn(db, attempt.provider_id);
  if (!provider || !provider.enabled) throw new SsoError('provider_disabled');
  const configuration = await clientConfiguration(provider).catch((error: unknown) => {
    throw new SsoError('unavailable', error);
  });
  const currentUrl = new URL(redirectUriOf(settings.publicUrl));
  currentUrl.search = params.toString();
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: attempt.code_verifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('no ID token');
    claims = { ...idToken };
    // Providers put the profile and groups in the ID token or only at the userinfo endpoint (oidc-provider does
    // the latter for the code flow): read both, the ID token's subject binding them.
    if (configuration.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      claims = { ...info, ...idToken, ...pick(info, ['email', 'email_verified']) };
    }
  } catch (error) {
    throw new SsoError('provider', error);
  }
  const signedIn = await signInAs(db, settings.policy, provider, claims, address);
  return { ...signedIn, returnTo: attempt.return_to };
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

async function signInAs(
  db: Kysely<Database>,
  policy: SessionPolicy,
  provider: ProviderRow,
  claims: Record<string, unknown>,
  address: string,
): Promise<Omit<SignedIn, 'returnTo'>> {
  const issuer = String(claims.iss);
  const subject = String(claims.sub);
  const claimed = roleFromClaims(claims, provider.role_claim, provider.role_mapping);
  return db.transaction().execute(async (trx) => {
    let userId: string | undefined;
    let linkedBy: 'subject' | 'email' | 'created';
    const link = await trx
      .selectFrom('user_identity')
      .select('user_id')
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
    if (link) {
      userId = link.user_id;
      linkedBy = 'subject';
    } else {
      const email = verifiedEmail(claims);
      const matches = email
        ? await trx
            .selectFrom('app_user')
            .select('id')
            .where(sql<string>`lower(email)`, '=', email)
            .where('municipality_code', '=', provider.municipality_code)
            .execute()
        : [];
      if (matches.length > 1) throw new SsoError('ambiguous');
      userId = matches[0]?.id;
      linkedBy = 'email';
    }

    let user: UserView;
    if (userId) {
      const account = (await loadUserView(trx, userId)) as UserView;
      const decision = decideExisting(account, provider.municipality_code, claimed);
      if (!decision.ok) throw new SsoError(decision.reason);
      if (linkedBy === 'email')
        await trx.insertInto('user_identity').values({ issuer, subject, user_id: account.id, provider_id: provider.id }).execute();
      else
        await trx
          .updateTable('user_identity')
          .set({ last_sign_in_at: new Date(), provider_id: provider.id })
          .where('issuer', '=', issuer)
          .where('subject', '=', subject)
          .execute();
      if (decision.role !== account.role) {
        await trx.updateTable('app_user').set({ role: decision.role }).where('id', '=', account.id).execute();
        await recordAudit(trx, actorOf(account, address), {
          municipalityCode: account.municipalityCode,
          action: 'user.role-from-claim',
          entityType: 'user',
          entityId: account.id,
          before: { role: account.role },
          after: { role: decision.role, provider: provider.id },
        });
      }
      user = (await loadUserView(trx, account.id)) as UserView;
    } else {
      const decision = decideNew(provider.allow_create, claimed);
      if (!decision.ok) throw new SsoError(decision.reason);
      linkedBy = 'created';
      user = await createLinkedAccount(trx, provider, claims, decision.role, issuer, subject, address);
    }

    const { token, expiresAt } = await startSession(trx, user.id, policy);
    await recordAudit(trx, actorOf(user, address), {
      municipalityCode: user.municipalityCode,
      action: 'auth.sign-in',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: { method: 'oidc', provider: provider.id, linkedBy },
    });
    return { token, expiresAt, user };
  });
}

const actorOf = (user: UserView, address: string): Actor => ({
  userId: user.id,
  username: user.username,
  role: user.role,
  municipalityCode: user.municipalityCode,
  unitIds: user.unitIds,
  address,
});

/** A new account made at first sign-in ("just in time"). It has no password: it signs in only through its provider. */
async function createLinkedAccount(
  trx: Executor,
  provider: ProviderRow,
  claims: Record<string, unknown>,
  role: UserView['role'],
  issuer: string,
  subject: string,
  address: string,
): Promise<UserView> {
  const base = usernameFromClaims(claims);
  let username = base;
  for (let n = 2; await trx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst(); n++)
    username = `${base}.${n}`;
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : username;
  const row = await trx
    .insertInto('app_user')
    .values({
      username,
      display_name: name,
      email: verifiedEmail(claims),
      // Not a hash any password matches: verifyPassword refuses what is not scrypt.
      password_hash: '!sso',
      role,
      municipality_code: provider.municipality_code,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('user_identity').values({ issuer, subject, user_id: row.id, provider_id: provider.id }).execute();
  const view = (await loadUserView(trx, row.id)) as UserView;
  await recordAudit(trx, actorOf(view, address), {
    municipalityCode: view.municipalityCode,
    action: 'user.create',
    entityType: 'user',
    entityId: view.id,
    before: null,
    after: { ...view, createdBy: 'oidc', provider: provider.id },
  });
  return view;
}
