import type { Executor } from '../audit/audit.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError, invalid, notFound, staleVersion } from '../../kernel/errors.ts';
import type { Actor } from '../accounts/policies.ts';
import type { UnitRow } from '../../db/schema.ts';
import type { UnitKind } from '../plans/outline.ts';

/** A municipality's organisation: its committees, administrations, units, companies and external partners. */
export interface UnitView {
  id: string;
  municipalityCode: string;
  name: string;
  kind: UnitKind;
  abbreviation: string | null;
  /** The unit's head: told when the unit's reports are stale past the deadline. Seen only within the municipality. */
  headName: string | null;
  headEmail: string | null;
  version: number;
}

export const toUnitView = (row: UnitRow): UnitView => ({
  id: row.id,
  municipalityCode: row.municipality_code,
  name: row.name,
  kind: row.kind as UnitKind,
  abbreviation: row.abbreviation,
  headName: row.head_name,
  headEmail: row.head_email,
  version: row.version,
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function headColumns(input: { headName?: string | null | undefined; headEmail?: string | null | undefined }) {
  const email = input.headEmail?.trim() || null;
  if (email !== null && !EMAIL.test(email)) throw invalid('/headEmail', `"${email}" är ingen e-postadress.`);
  return {
    ...(input.headName !== undefined ? { head_name: input.headName?.trim() || null } : {}),
    ...(input.headEmail !== undefined ? { head_email: email } : {}),
  };
}

export function listUnits(db: Executor, municipalityCode: string) {
  return db.selectFrom('unit').selectAll().where('municipality_code', '=', municipalityCode).orderBy('kind').orderBy('name').execute();
}

export function findUnit(db: Executor, id: string) {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

async function assertNameFree(db: Executor, municipalityCode: string, name: string, exceptId?: string) {
  let query = db.selectFrom('unit').select('id').where('municipality_code', '=', municipalityCode).where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw invalid('/name', `Det finns redan en enhet eller partner som heter "${name}".`);
}

export async function createUnit(
  db: Executor,
  actor: Actor,
  municipalityCode: string,
  input: {
    name: string;
    kind: UnitKind;
    abbreviation?: string | null | undefined;
    headName?: string | null | undefined;
    headEmail?: string | null | undefined;
  },
): Promise<UnitView> {
  const name = input.name.trim();
  if (name === '') throw invalid('/name', 'Namnet får inte vara tomt.');
  await assertNameFree(db, municipalityCode, name);
  const row = await db
    .insertInto('unit')
    .values({
      municipality_code: municipalityCode,
      name,
      kind: input.kind,
      abbreviation: input.abbreviation?.trim() || null,
      ...headColumns(input),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const view = toUnitView(row);
  await recordAudit(db, actor, {
    municipalityCode,
    action: 'unit.create',
    entityType: 'unit',
    entityId: row.id,
    before: null,
    after: view,
  });
  return view;
}

export async function updateUnit(
  db: Executor,
  actor: Actor,
  id: string,
  input: {
    version: number;
    name?: string | undefined;
    kind?: UnitKind | undefined;
    abbreviation?: string | null | undefined;
    headName?: string | null | undefined;
    headEmail?: string | null | undefined;
  },
): Promise<UnitView> {
  const current = await findUnit(db, id);
  if (!current) throw notFound('Enheten');
  if (current.version !== input.version) throw staleVersion('Enheten', toUnitView(current));
  const name = input.name?.trim();
  if (name !== undefined) {
    if (name === '') throw invalid('/name', 'Namnet får inte vara tomt.');
    await assertNameFree(db, current.municipality_code, name, id);
  }
  const row = await db
    .updateTable('unit')
    .set((eb) => ({
      ...(name !== undefined ? { name } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.abbreviation !== undefined ? { abbreviation: input.abbreviation?.trim() || null } : {}),
      ...headColumns(input),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .where('version', '=', input.version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', 'Enheten ändrades samtidigt av någon annan.', { current: toUnitView(current) });
  const view = toUnitView(row);
  await recordAudit(db, actor, {
    municipalityCode: row.municipality_code,
    action: 'unit.update',
    entityType: 'unit',
    entityId: id,
    before: toUnitView(current),
    after: view,
  });
  return view;
}
