import type { Kysely } from 'kysely';
import type { Database, RoleMappingJson } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound } from '../../kernel/errors.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { issuerProblem, ssoRoles } from './oidc-rules.ts';
import { canManageUsers, type Actor } from './policies.ts';

/**
 * A municipality's identity providers, kept by administrators. The client secret is write-only: it goes into the
 * database and to the provider's token endpoint, and nowhere else — no view, no audit record.
 */
export interface IdentityProviderView {
  id: string;
  municipalityCode: string;
  displayName: string;
  issuer: string;
  clientId: string;
  scopes: string;
  roleClaim: string | null;
  roleMapping: RoleMappingJson[];
  allowCreate: boolean;
  enabled: boolean;
  version: number;
}

/** What the login screen may know about a provider. */
export interface PublicIdentityProvider {
  id: string;
  municipalityCode: string;
  displayName: string;
  startUrl: string;
}

export interface IdentityProviderInput {
  municipalityCode: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes?: string | undefined;
  roleClaim?: string | null | undefined;
  roleMapping?: RoleMappingJson[] | undefined;
  allowCreate?: boolean | undefined;
  enabled?: boolean | undefined;
}

export type IdentityProviderPatch = Partial<IdentityProviderInput> & { version: number };

type Row = Awaited<ReturnType<typeof loadRow>>;

const loadRow = (db: Executor, id: string) => db.selectFrom('identity_provider').selectAll().where('id', '=', id).executeTakeFirst();

export function providerView(row: NonNullable<Row>): IdentityProviderView {
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    displayName: row.display_name,
    issuer: row.issuer,
    clientId: row.client_id,
    scopes: row.scopes,
    roleClaim: row.role_claim,
    roleMapping: row.role_mapping,
    allowCreate: row.allow_create,
    enabled: row.enabled,
    version: row.version,
  };
}

export async function listIdentityProviders(db: Executor, actor: Actor): Promise<IdentityProviderView[]> {
  if (!canManageUsers(actor)) throw forbidden('Bara administratörer ser inloggningstjänsterna.');
  const rows = await db.selectFrom('identity_provider').selectAll().orderBy('municipality_code').orderBy('display_name').execute();
  return rows.map(providerView);
}

export async function listPublicIdentityProviders(db: Executor): Promise<PublicIdentityProvider[]> {
  const rows = await db
    .selectFrom('identity_provider')
    .select(['id', 'municipality_code', 'display_name'])
    .where('enabled', '=', true)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    municipalityCode: r.municipality_code,
    displayName: r.display_name,
    startUrl: `/api/auth/oidc/${r.id}/start`,
  }));
}

/** The checks JSON Schema cannot make, each naming its field. */
function checkInput(input: Partial<IdentityProviderInput>): void {
  if (input.displayName !== undefined && input.displayName.trim() === '') throw invalid('/displayName', 'Skriv vad knappen ska heta.');
  if (input.issuer !== undefined) {
    const problem = issuerProblem(input.issuer.trim());
    if (problem) throw invalid('/issuer', problem);
  }
  if (input.clientId !== undefined && input.clientId.trim() === '') throw invalid('/clientId', 'Klient-id saknas.');
  if (input.clientSecret !== undefined && input.clientSecret === '') throw invalid('/clientSecret', 'Klienthemligheten saknas.');
  if (input.scopes !== undefined && !input.scopes.split(/\s+/).includes('openid'))
    throw invalid('/scopes', 'Omfånget måste innehålla "openid".');
  for (const [i, entry] of (input.roleMapping ?? []).entries()) {
    if (!ssoRoles.includes(entry.role)) throw invalid(`/roleMapping/${i}/role`, 'Rollen måste vara samordnare, rapportör eller läsare.');
    if (entry.value.trim() === '') throw invalid(`/roleMapping/${i}/value`, 'Skriv värdet i anspråket som ger rollen.');
  }
  if (input.roleMapping && input.roleMapping.length > 0 && input.roleClaim === null)
    throw invalid('/roleClaim', 'Ange vilket anspråk (claim) som bär rollerna, eller ta bort rollmappningen.');
}

async function checkMunicipality(db: Executor, code: string): Promise<void> {
  if (!(await db.selectFrom('municipality').select('code').where('code', '=', code).executeTakeFirst()))
    throw invalid('/municipalityCode', `Kommunkoden ${code} finns inte.`);
}

export async function createIdentityProvider(
  db: Kysely<Database>,
  actor: Actor,
  input: IdentityProviderInput,
): Promise<IdentityProviderView> {
  if (!canManageUsers(actor)) throw forbidden('Bara administratörer kan lägga till inloggningstjänster.');
  checkInput(input);
  return db.transaction().execute(async (trx) => {
    await checkMunicipality(trx, input.municipalityCode);
    const row = await trx
      .insertInto('identity_provider')
      .values({
        municipality_code: input.municipalityCode,
        display_name: input.displayName.trim(),
        issuer: input.issuer.trim(),
        client_id: input.clientId.trim(),
        client_secret: input.clientSecret,
        scopes: input.scopes?.trim() || 'openid email profile',
        role_claim: input.roleClaim?.trim() || null,
        role_mapping: JSON.stringify(input.roleMapping ?? []),
        allow_create: input.allowCreate ?? false,
        enabled: input.enabled ?? true,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = providerView(row);
    await recordAudit(trx, actor, {
      municipalityCode: view.municipalityCode,
      action: 'identity-provider.create',
      entityType: 'identity_provider',
      entityId: view.id,
      before: null,
      after: view,
    });
    return view;
  });
}

export async function updateIdentityProvider(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  patch: IdentityProviderPatch,
): Promise<IdentityProviderView> {
  if (!canManageUsers(actor)) throw forbidden('Bara administratörer kan ändra inloggningstjänster.');
  checkInput(patch);
  return db.transaction().execute(async (trx) => {
    const current = await loadRow(trx, id);
    if (!current) throw notFound('Inloggningstjänsten');
    const before = providerView(current);
    if (current.version !== patch.version)
      throw new AppError('conflict', 'Inloggningstjänsten har ändrats av någon annan sedan du öppnade den — ladda om.', {
        current: before,
      });
    if (patch.municipalityCode !== undefined) await checkMunicipality(trx, patch.municipalityCode);
    const roleClaim = patch.roleClaim === undefined ? current.role_claim : patch.roleClaim?.trim() || null;
    const roleMapping = patch.roleMapping ?? current.role_mapping;
    if (roleMapping.length > 0 && roleClaim === null)
      throw invalid('/roleClaim', 'Ange vilket anspråk (claim) som bär rollerna, eller ta bort rollmappningen.');
    const updated = await trx
      .updateTable('identity_provider')
      .set({
        municipality_code: patch.municipalityCode ?? current.municipality_code,
        display_name: patch.displayName?.trim() ?? current.display_name,
        issuer: patch.issuer?.trim() ?? current.issuer,
        client_id: patch.clientId?.trim() ?? current.client_id,
        // Left out means unchanged: the screen never has the secret to send back.
        client_secret: patch.clientSecret ?? current.client_secret,
        scopes: patch.scopes?.trim() ?? current.scopes,
        role_claim: roleClaim,
        role_mapping: JSON.stringify(roleMapping),
        allow_create: patch.allowCreate ?? current.allow_create,
        enabled: patch.enabled ?? current.enabled,
        version: current.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('conflict', 'Inloggningstjänsten har ändrats av någon annan sedan du öppnade den — ladda om.');
    const after = providerView(updated);
    await recordAudit(trx, actor, {
      municipalityCode: after.municipalityCode,
      action: 'identity-provider.update',
      entityType: 'identity_provider',
      entityId: id,
      before,
      // Whether the secret changed is worth knowing; its value never is.
      after: { ...after, ...(patch.clientSecret !== undefined ? { clientSecretChanged: true } : {}) },
    });
    return after;
  });
}

/** Removes a provider; accounts linked through it stay, and their links keep working if it comes back. */
export async function deleteIdentityProvider(db: Kysely<Database>, actor: Actor, id: string, version: number): Promise<void> {
  if (!canManageUsers(actor)) throw forbidden('Bara administratörer kan ta bort inloggningstjänster.');
  await db.transaction().execute(async (trx) => {
    const current = await loadRow(trx, id);
    if (!current) throw notFound('Inloggningstjänsten');
    if (current.version !== version)
      throw new AppError('conflict', 'Inloggningstjänsten har ändrats av någon annan sedan du öppnade den — ladda om.', {
        current: providerView(current),
      });
    await trx.deleteFrom('identity_provider').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      municipalityCode: current.municipality_code,
      action: 'identity-provider.delete',
      entityType: 'identity_provider',
      entityId: id,
      before: providerView(current),
      after: null,
    });
  });
}

/** The whole row, secret included, for the sign-in flow only. */
export const loadProviderForSignIn = loadRow;
