import type { Kysely, Selectable } from 'kysely';
import type { Database, GuideEntryTable } from '../../db/schema.ts';
import { forbidden, invalid, notFound, staleVersion } from '../../kernel/errors.ts';
import { canEditPlan, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { fail, requireMunicipality } from '../internships/service.ts';
import { isUuid } from '../plans/service.ts';
import { checkGuideEntry, moveTo, normaliseGuideEntry, ordered, type GuideEntryInput } from './rules.ts';

/** The newcomer guide: public to read; the municipality's coordinators (and administrators) keep it. */
type Db = Kysely<Database>;

export interface GuideEntryView {
  id: string;
  municipalityCode: string;
  position: number;
  actor: string;
  responsibilities: string;
  help: string;
  url: string | null;
  example: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export type GuideEntryPatch = Partial<GuideEntryInput> & { version: number; position?: number | undefined };

function view(row: Selectable<GuideEntryTable>): GuideEntryView {
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    position: row.position,
    actor: row.actor,
    responsibilities: row.responsibilities,
    help: row.help,
    url: row.url,
    example: row.example,
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

async function entriesOf(db: Executor, code: string, lock = false) {
  let query = db.selectFrom('guide_entry').selectAll().where('municipality_code', '=', code);
  if (lock) query = query.forUpdate();
  return ordered(await query.execute());
}

/** Anyone may read a guide: it holds organisations' public contact details only. */
export async function listGuide(db: Executor, caller: Caller, code: string): Promise<{ entries: GuideEntryView[]; canEdit: boolean }> {
  await requireMunicipality(db, code);
  return { entries: (await entriesOf(db, code)).map(view), canEdit: canEditPlan(caller, code) };
}

function checked(input: GuideEntryInput): GuideEntryInput {
  const problems = checkGuideEntry(input);
  if (problems.length > 0) fail(problems);
  return normaliseGuideEntry(input);
}

/** Writes positions 0…n-1 in the given order, touching only rows whose position changes. */
async function renumber(trx: Executor, rows: { id: string; position: number }[], order: string[]): Promise<void> {
  for (const [position, id] of order.entries()) {
    if (rows.find((r) => r.id === id)?.position === position) continue;
    await trx.updateTable('guide_entry').set({ position }).where('id', '=', id).execute();
  }
}

export async function createGuideEntry(
  db: Db,
  actor: Actor,
  code: string,
  input: GuideEntryInput & { position?: number | undefined },
  example = false,
): Promise<GuideEntryView> {
  if (!canEditPlan(actor, code)) throw forbidden('Kommunens samordnare håller sidan Ny i kommunen aktuell.');
  const entry = checked(input);
  return db.transaction().execute(async (trx) => {
    await requireMunicipality(trx, code);
    // Locked so two additions at the same time do not take the same place.
    const rows = await entriesOf(trx, code, true);
    const row = await trx
      .insertInto('guide_entry')
      .values({ municipality_code: code, position: rows.length, ...entry, example, updated_by: actor.username })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.position !== undefined && input.position < rows.length) {
      const order = moveTo([...rows.map((r) => r.id), row.id], row.id, input.position);
      await renumber(trx, [...rows, row], order);
    }
    const saved = await trx.selectFrom('guide_entry').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: 'guide.create',
      entityType: 'guide_entry',
      entityId: row.id,
      before: null,
      after: view(saved),
    });
    return view(saved);
  });
}

async function lockEntry(trx: Executor, actor: Actor, id: string, version: number, what: string) {
  const found = isUuid(id)
    ? await trx.selectFrom('guide_entry').select('municipality_code').where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!found) throw notFound('Uppgiften');
  if (!canEditPlan(actor, found.municipality_code)) throw forbidden(`Kommunens samordnare ${what} uppgifter på sidan Ny i kommunen.`);
  // The whole guide is locked: a move renumbers its neighbours.
  const rows = await entriesOf(trx, found.municipality_code, true);
  const row = rows.find((r) => r.id === id);
  if (!row) throw notFound('Uppgiften');
  if (row.version !== version) throw staleVersion('Uppgiften', view(row));
  return { row, rows };
}

/** Edits an entry's text, moves it (`position`, 0-based), or both; one version step and one audit record. */
export async function updateGuideEntry(db: Db, actor: Actor, id: string, patch: GuideEntryPatch): Promise<GuideEntryView> {
  return db.transaction().execute(async (trx) => {
    const { row, rows } = await lockEntry(trx, actor, id, patch.version, 'ändrar');
    const entry = checked({
      actor: patch.actor ?? row.actor,
      responsibilities: patch.responsibilities ?? row.responsibilities,
      help: patch.help ?? row.help,
      url: patch.url !== undefined ? patch.url : row.url,
    });
    if (patch.position !== undefined && (!Number.isInteger(patch.position) || patch.position < 0))
      throw invalid('/position', 'Platsen är ett heltal, 0 eller mer.');
    if (patch.position !== undefined) {
      const order = moveTo(
        rows.map((r) => r.id),
        id,
        patch.position,
      );
      await renumber(trx, rows, order);
    }
    const saved = await trx
      .updateTable('guide_entry')
      .set({ ...entry, version: row.version + 1, updated_by: actor.username, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .returningAll()
      .executeTakeFirstOrThrow();
    const textChanged = (['actor', 'responsibilities', 'help', 'url'] as const).some((k) => row[k] !== saved[k]);
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: textChanged || patch.position === undefined ? 'guide.update' : 'guide.move',
      entityType: 'guide_entry',
      entityId: id,
      before: view(row),
      after: view(saved),
    });
    return view(saved);
  });
}

/** Removes an entry and closes the gap; the audit keeps the whole entry. */
export async function deleteGuideEntry(db: Db, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row, rows } = await lockEntry(trx, actor, id, version, 'tar bort');
    await trx.deleteFrom('guide_entry').where('id', '=', id).execute();
    const rest = rows.filter((r) => r.id !== id);
    await renumber(
      trx,
      rest,
      rest.map((r) => r.id),
    );
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'guide.delete',
      entityType: 'guide_entry',
      entityId: id,
      before: view(row),
      after: null,
    });
  });
}
