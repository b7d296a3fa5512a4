/**
 * The rules of single sign-on with OpenID Connect as plain functions: which return paths are safe, which role a
 * provider's claims give, which issuers may be reached over plain HTTP, what a sign-in may do with an account.
 * No I/O here; oidc.ts applies them.
 */
import type { RoleMappingJson } from '../../db/schema.ts';
import type { Role } from './policies.ts';

export type SsoRole = RoleMappingJson['role'];
export const ssoRoles: SsoRole[] = ['coordinator', 'reporter', 'reader'];

/** Why a sign-in through a provider was refused; the login screen says each in words. */
export type SsoRefusal =
  | 'expired'
  | 'state'
  | 'denied'
  | 'provider'
  | 'unavailable'
  | 'provider_disabled'
  | 'no_account'
  | 'no_role'
  | 'reporter_needs_units'
  | 'disabled'
  | 'wrong_municipality'
  | 'ambiguous';

/**
 * Where to go after signing in: only a path on this site. Anything that a browser could read as another host
 * (`//evil`, `/\evil`, `https://…`) or that carries control characters becomes the start page.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  try {
    const resolved = new URL(value, 'http://delaktig.invalid');
    if (resolved.host !== 'delaktig.invalid') return '/';
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return '/';
  }
}

/** Plain HTTP only to the machine itself (tests, a provider on the same host); everything else needs HTTPS. */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `"${issuer}" är ingen adress.`;
  }
  if (url.search || url.hash) return 'Utfärdarens adress får inte ha frågedel eller fragment.';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return null;
  return 'Utfärdaren måste nås över https (http bara för localhost och 127.0.0.1).';
}

export const isLoopback = (hostname: string) => hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';

/** The value at a dotted path of the claims (`groups`, or Keycloak's `realm_access.roles`), as a list of strings. */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

const rank: Record<SsoRole, number> = { coordinator: 3, reporter: 2, reader: 1 };

/**
 * The role the claims give, or null when the provider maps none or the person holds none of the mapped values.
 * Several matching values give the strongest role. Administrators are never made by a claim: the mapping cannot
 * name that role.
 */
export function roleFromClaims(claims: Record<string, unknown>, roleClaim: string | null, mapping: RoleMappingJson[]): SsoRole | null {
  if (!roleClaim || mapping.length === 0) return null;
  const held = new Set(claimValues(claims, roleClaim));
  let best: SsoRole | null = null;
  for (const entry of mapping) {
    if (!ssoRoles.includes(entry.role) || !held.has(entry.value)) continue;
    if (best === null || rank[entry.role] > rank[best]) best = entry.role;
  }
  return best;
}

export interface ExistingAccount {
  role: Role;
  municipalityCode: string | null;
  disabled: boolean;
  unitIds: string[];
}

/**
 * What a sign-in through a provider of `municipalityCode` may do with an account found for the person: the role
 * to hold afterwards, or why not. The claims' role wins over the administrator's; without one the account keeps
 * its own. Administrators and fund applicants sign in only with their passwords.
 */
export function decideExisting(
  account: ExistingAccount,
  municipalityCode: string,
  claimed: SsoRole | null,
): { ok: true; role: SsoRole } | { ok: false; reason: SsoRefusal } {
  if (account.municipalityCode !== municipalityCode) return { ok: false, reason: 'wrong_municipality' };
  if (account.disabled) return { ok: false, reason: 'disabled' };
  if (!ssoRoles.includes(account.role as SsoRole)) return { ok: false, reason: 'no_role' };
  const role = claimed ?? (account.role as SsoRole);
  if (role === 'reporter' && account.unitIds.length === 0) return { ok: false, reason: 'reporter_needs_units' };
  return { ok: true, role };
}

/**
 * Whether a person nobody has linked yet may get a new account: only where the provider allows it and the claims
 * give a role. A reporter answers for units, which no claim names, so an administrator creates those accounts.
 */
export function decideNew(allowCreate: boolean, claimed: SsoRole | null): { ok: true; role: SsoRole } | { ok: false; reason: SsoRefusal } {
  if (!allowCreate) return { ok: false, reason: 'no_account' };
  if (claimed === null) return { ok: false, reason: 'no_role' };
  if (claimed === 'reporter') return { ok: false, reason: 'reporter_needs_units' };
  return { ok: true, role: claimed };
}

/** A username for a new account from the claims, in the form local accounts use; the caller makes it unique. */
export function usernameFromClaims(claims: Record<string, unknown>): string {
  const source = [claims.preferred_username, claims.email].find((v): v is string => typeof v === 'string' && v.length > 0) ?? '';
  const base = source
    .split('@')[0]!
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '.')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[._-]+$/, '')
    .slice(0, 50);
  return base.length >= 2 ? base : 'sso.konto';
}

/** The e-mail address a provider vouches for, or null: an unverified address never links an account. */
export function verifiedEmail(claims: Record<string, unknown>): string | null {
  const email = claims.email;
  if (typeof email !== 'string' || claims.email_verified !== true) return null;
  const trimmed = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) ? trimmed : null;
}
