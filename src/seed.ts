import { readFileSync, readdirSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from './db/schema.ts';
import { countUsers, createUser } from './capabilities/accounts/accounts.ts';
import { generatePassword, hashPassword } from './capabilities/accounts/passwords.ts';
import type { Role } from './capabilities/accounts/policies.ts';
import { systemActor } from './capabilities/audit/audit.ts';
import { importOutline } from './capabilities/plans/service.ts';
import { validateOutline } from './capabilities/plans/validate-outline.ts';

const dataDir = new URL('../data/', import.meta.url);

/** All 290 municipalities (SCB codes); idempotent. */
export async function seedMunicipalities(db: Kysely<Database>): Promise<number> {
  const lines = readFileSync(new URL('kommuner.csv', dataDir), 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((line) => {
    const [code, name, county] = line.split(',').map((s) => s.trim());
    if (!code || !name || !county) throw new Error(`data/kommuner.csv: malformed line "${line}"`);
    return { code, name, county };
  });
  // Every start comes here: reading the codes is cheaper than offering 290 rows that are all there already.
  const present = new Set((await db.selectFrom('municipality').select('code').execute()).map((r) => r.code));
  if (rows.every((r) => present.has(r.code))) return rows.length;
  await db
    .insertInto('municipality')
    .values(rows)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  return rows.length;
}

export function demoPlanFiles(): string[] {
  return readdirSync(new URL('plans/', dataDir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => new URL(`plans/${f}`, dataDir).pathname);
}

/** Whether the database holds no document at all: demo plans are loaded only then, so a renamed plan never comes back twice. */
export async function hasNoDocuments(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('document').select('id').limit(1).executeTakeFirst()) === undefined;
}

/** Imports the five transcribed plans, skipping any whose title the municipality already has. */
export async function seedPlans(db: Kysely<Database>): Promise<string[]> {
  const imported: string[] = [];
  for (const file of demoPlanFiles()) {
    const result = validateOutline(JSON.parse(readFileSync(file, 'utf8')));
    if ('problems' in result) throw new Error(`${file}: ${result.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
    const { outline } = result;
    const exists = await db
      .selectFrom('document')
      .select('id')
      .where('municipality_code', '=', outline.municipality.code)
      .where('title', '=', outline.title)
      .executeTakeFirst();
    if (exists) continue;
    await importOutline(db, systemActor, outline);
    imported.push(`${outline.municipality.name}: ${outline.title}`);
  }
  return imported;
}

/** On an empty database: the administrator, with ADMIN_PASSWORD or a generated password returned once. */
export async function ensureAdmin(
  db: Kysely<Database>,
  password: string | undefined,
): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await countUsers(db)) > 0) return { created: false };
  const chosen = password ?? generatePassword();
  await createUser(db, systemActor, { username: 'admin', password: chosen, displayName: 'Administratör', role: 'admin' });
  return password ? { created: true } : { created: true, generatedPassword: chosen };
}

export const demoMunicipalities = [
  { slug: 'laxa', code: '1860' },
  { slug: 'ljusnarsberg', code: '1864' },
  { slug: 'laholm', code: '1381' },
  { slug: 'osteraker', code: '0117' },
  { slug: 'kalix', code: '2514' },
];
export const DEMO_PASSWORD = 'demo';

const demoRoles: { suffix: string; role: Role; title: string }[] = [
  { suffix: 'samordnare', role: 'coordinator', title: 'Integrationssamordnare' },
  { suffix: 'rapportor', role: 'reporter', title: 'Rapportör' },
  { suffix: 'lasare', role: 'reader', title: 'Läsare' },
];

/** One account per role per demo municipality, password "demo". Only with --demo / DEMO=1. */
export async function seedDemoUsers(db: Kysely<Database>): Promise<string[]> {
  // Every demo start comes here: when all the accounts exist, one query says so (and no password is hashed).
  const usernames = demoMunicipalities.flatMap((m) => demoRoles.map((r) => `${m.slug}.${r.suffix}`));
  const existing = await db.selectFrom('app_user').select('username').where('username', 'in', usernames).execute();
  if (existing.length === usernames.length) return [];
  const created: string[] = [];
  // scrypt is slow on purpose (about half a second): hashed once, and only when an account is actually created.
  let hash: Promise<string> | undefined;
  for (const m of demoMunicipalities) {
    const name = (await db.selectFrom('municipality').select('name').where('code', '=', m.code).executeTakeFirstOrThrow()).name;
    // The reporter answers for the unit with the most items in the municipality's plans (or its first unit).
    const busiest = await db
      .selectFrom('unit')
      .leftJoin('item_responsibility', 'item_responsibility.unit_id', 'unit.id')
      .select(['unit.id', sql<number>`count(item_responsibility.item_id)::int`.as('n')])
      .where('unit.municipality_code', '=', m.code)
      .where('unit.kind', '<>', 'partner')
      .groupBy('unit.id')
      .orderBy('n', 'desc')
      .orderBy('unit.name')
      .executeTakeFirst();
    for (const r of demoRoles) {
      const username = `${m.slug}.${r.suffix}`;
      if (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()) continue;
      if (r.role === 'reporter' && !busiest) continue;
      await createUser(
        db,
        systemActor,
        {
          username,
          password: DEMO_PASSWORD,
          displayName: `${r.title}, ${name}`,
          role: r.role,
          municipalityCode: m.code,
          unitIds: r.role === 'reporter' && busiest ? [busiest.id] : [],
        },
        { passwordHash: await (hash ??= hashPassword(DEMO_PASSWORD)) },
      );
      created.push(username);
    }
  }
  return created;
}
