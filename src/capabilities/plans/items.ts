import type { Kysely } from 'kysely';
import type { Database, ItemUpdate } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, staleVersion, type FieldProblem } from '../../kernel/errors.ts';
import { canEditItemContent, canEditPlan, canReadDocument, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { frameworkItemIds } from '../frameworks/catalogue.ts';
import { checkPeriod, checkRecurrence, checkTarget, closeGaps, planMove, subtreeIds } from './model.ts';
import type { ItemKind, Period, Target } from './outline.ts';
import * as q from './queries.ts';
import { isUuid } from './service.ts';
import { loadItemView, loadItemViews, type DocumentView, type ItemView } from './views.ts';

/** Writes to the items of a plan: create, edit, move, remove, responsibility and framework links. */

type Db = Kysely<Database>;

export interface ItemFields {
  kind?: ItemKind;
  label?: string;
  number?: string | null;
  text?: string;
  due?: string | null;
  recurrence?: string | null;
  period?: Period | null;
  target?: Target | null;
}

/** Checks the fields no schema can, and maps them to columns. */
function itemColumns(fields: ItemFields): ItemUpdate {
  const problems: FieldProblem[] = [];
  const recurrence = checkRecurrence(fields.recurrence, '/recurrence');
  problems.push(...recurrence.problems, ...checkTarget(fields.target, '/target'), ...checkPeriod(fields.period, '/period'));
  if (fields.label !== undefined && fields.label.trim() === '')
    problems.push({ path: '/label', message: 'Nivånamnet får inte vara tomt.' });
  if (fields.text !== undefined && fields.text.trim() === '') problems.push({ path: '/text', message: 'Texten får inte vara tom.' });
  if (problems.length > 0) throw new AppError('validation', problems.map((p) => p.message).join(' '), { details: problems });
  return {
    ...(fields.kind !== undefined ? { kind: fields.kind } : {}),
    ...(fields.label !== undefined ? { label: fields.label.trim() } : {}),
    ...(fields.number !== undefined ? { number: fields.number?.trim() || null } : {}),
    ...(fields.text !== undefined ? { text: fields.text.trim() } : {}),
    ...(fields.due !== undefined ? { due: fields.due } : {}),
    ...(fields.recurrence !== undefined ? { recurrence: recurrence.value } : {}),
    ...(fields.period !== undefined ? { period_from: fields.period?.from ?? null, period_to: fields.period?.to ?? null } : {}),
    ...(fields.target !== undefined ? { target: JSON.stringify(fields.target) } : {}),
  };
}

async function loadEditableItem(db: Executor, actor: Caller, id: string, mode: 'content' | 'structure') {
  const row = isUuid(id) ? await q.findItemWithDocument(db, id) : undefined;
  if (!row || !canReadDocument(actor, { municipalityCode: row.municipality_code, status: row.document_status as DocumentView['status'] }))
    throw notFound('Punkten');
  const allowed =
    mode === 'structure'
      ? canEditPlan(actor, row.municipality_code)
      : canEditItemContent(actor, {
          municipalityCode: row.municipality_code,
          unitIds: (await q.listResponsibilityOfItem(db, id)).map((r) => r.unit_id),
        });
  if (!allowed) throw forbidden(actor === null ? 'Logga in för att ändra i planen.' : 'Du har inte behörighet att ändra den här punkten.');
  // A unit's action plan is locked for the unit once submitted: only the coordinator changes it then.
  if (!canEditPlan(actor, row.municipality_code)) {
    const request = await db
      .selectFrom('action_plan_request')
      .select('state')
      .where('action_plan_id', '=', row.document_id)
      .executeTakeFirst();
    if (request && request.state !== 'requested' && request.state !== 'returned')
      throw forbidden('Handlingsplanen är inskickad och låst. Samordnaren kan skicka tillbaka den om den behöver ändras.');
  }
  return row;
}

/**
 * The shape every write to one existing item shares: load it in a transaction, check the caller may touch it,
 * refuse a stale version with the saved item, apply the change, record before and after in the audit log.
 */
async function writeItem<T>(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  mode: 'content' | 'structure',
  action: string,
  change: (trx: Executor, row: EditableRow, before: ItemView) => Promise<{ result: T; audit: { before: unknown; after: unknown } }>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const row = await loadEditableItem(trx, actor, id, mode);
    if (mode === 'structure') await q.lockDocument(trx, row.document_id);
    const before = (await loadItemView(trx, id)) as ItemView;
    if (row.version !== version) throw staleVersion('Punkten', before);
    const { result, audit } = await change(trx, row, before);
    await recordAudit(trx, actor, { municipalityCode: row.municipality_code, action, entityType: 'item', entityId: id, ...audit });
    return result;
  });
}

type EditableRow = Awaited<ReturnType<typeof loadEditableItem>>;

export async function createItem(
  db: Db,
  actor: Actor,
  documentId: string,
  input: ItemFields & { kind: ItemKind; label: string; text: string; parentId: string | null; position?: number | undefined },
): Promise<ItemView> {
  return db.transaction().execute(async (trx) => {
    const document = await q.lockDocument(trx, documentId);
    if (
      !document ||
      !canReadDocument(actor, { municipalityCode: document.municipality_code, status: document.status as DocumentView['status'] })
    )
      throw notFound('Styrdokumentet');
    if (!canEditPlan(actor, document.municipality_code)) throw forbidden();
    if (input.parentId !== null) {
      const parent = isUuid(input.parentId) ? await q.findItemWithDocument(trx, input.parentId) : undefined;
      if (!parent || parent.document_id !== documentId) throw invalid('/parentId', 'Den överordnade punkten finns inte i den här planen.');
    }
    const columns = itemColumns(input);
    const count = await q.countSiblings(trx, documentId, input.parentId);
    const position = Math.max(0, Math.min(input.position ?? count, count));
    await q.shiftSiblingsFrom(trx, documentId, input.parentId, position);
    const row = await trx
      .insertInto('item')
      .values({
        ...columns,
        document_id: documentId,
        parent_id: input.parentId,
        position,
        kind: input.kind,
        label: input.label.trim(),
        text: input.text.trim(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const view = (await loadItemView(trx, row.id)) as ItemView;
    await recordAudit(trx, actor, {
      municipalityCode: document.municipality_code,
      action: 'item.create',
      entityType: 'item',
      entityId: row.id,
      before: null,
      after: view,
    });
    return view;
  });
}

export async function updateItem(db: Db, actor: Actor, id: string, patch: ItemFields & { version: number }): Promise<ItemView> {
  return writeItem(db, actor, id, patch.version, 'content', 'item.update', async (trx, _row, before) => {
    const columns = itemColumns(patch);
    const updated = await trx
      .updateTable('item')
      .set((eb) => ({ ...columns, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw staleVersion('Punkten', await loadItemView(trx, id));
    const after = (await loadItemView(trx, id)) as ItemView;
    return { result: after, audit: { before, after } };
  });
}

/** Bumps an item's version after a change to what hangs on it (responsibility, links, place), refusing stale writers. */
async function bumpVersion(trx: Executor, id: string, version: number): Promise<void> {
  const bumped = await trx
    .updateTable('item')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!bumped) throw staleVersion('Punkten', await loadItemView(trx, id));
}

export async function moveItem(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; parentId: string | null; position: number },
): Promise<ItemView> {
  return writeItem(db, actor, id, input.version, 'structure', 'item.move', async (trx, row, before) => {
    const positions = (await q.listPositionsOf(trx, row.document_id)).map((p) => ({
      id: p.id,
      parentId: p.parent_id,
      position: p.position,
    }));
    const plan = planMove(positions, id, input.parentId, input.position);
    if ('error' in plan) throw invalid('/parentId', plan.error);
    for (const change of plan.changes) await q.setPosition(trx, change.id, change.parentId, change.position);
    await bumpVersion(trx, id, input.version);
    const after = (await loadItemView(trx, id)) as ItemView;
    return {
      result: after,
      audit: {
        before: { parentId: before.parentId, position: before.position },
        after: { parentId: after.parentId, position: after.position },
      },
    };
  });
}

export async function deleteItem(db: Db, actor: Actor, id: string, version: number): Promise<{ deleted: number }> {
  return writeItem(db, actor, id, version, 'structure', 'item.delete', async (trx, row) => {
    const positions = (await q.listPositionsOf(trx, row.document_id)).map((p) => ({
      id: p.id,
      parentId: p.parent_id,
      position: p.position,
    }));
    const removed = subtreeIds(positions, id);
    const snapshot = (await loadItemViews(trx, row.document_id)).filter((i) => removed.has(i.id));
    await trx.deleteFrom('item').where('id', '=', id).execute();
    const siblings = positions.filter((p) => p.parentId === row.parent_id && p.id !== id);
    for (const change of closeGaps(siblings)) await q.setPosition(trx, change.id, change.parentId, change.position);
    return { result: { deleted: removed.size }, audit: { before: snapshot, after: null } };
  });
}

export async function setResponsibility(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; assignments: { unitId: string; role: 'lead' | 'contributor' }[] },
): Promise<ItemView> {
  return writeItem(db, actor, id, input.version, 'structure', 'item.responsibility', async (trx, row, before) => {
    const unitIds = input.assignments.map((a) => a.unitId);
    if (new Set(unitIds).size !== unitIds.length) throw invalid('/assignments', 'Samma enhet står flera gånger.');
    const units =
      unitIds.length === 0
        ? []
        : await trx.selectFrom('unit').select(['id', 'municipality_code']).where('id', 'in', unitIds.filter(isUuid)).execute();
    input.assignments.forEach((a, i) => {
      if (!units.some((u) => u.id === a.unitId && u.municipality_code === row.municipality_code))
        throw invalid(`/assignments/${i}/unitId`, 'Enheten finns inte i kommunens organisation.');
    });
    await trx.deleteFrom('item_responsibility').where('item_id', '=', id).execute();
    // Leads first, as plans name them; the order within each role is the order given.
    const ordered = [...input.assignments.filter((a) => a.role === 'lead'), ...input.assignments.filter((a) => a.role === 'contributor')];
    if (ordered.length > 0)
      await trx
        .insertInto('item_responsibility')
        .values(ordered.map((a, position) => ({ item_id: id, unit_id: a.unitId, role: a.role, position })))
        .execute();
    await bumpVersion(trx, id, input.version);
    const after = (await loadItemView(trx, id)) as ItemView;
    return { result: after, audit: { before: before.responsible, after: after.responsible } };
  });
}

export async function setFrameworkLinks(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; frameworks: string[] },
): Promise<ItemView> {
  return writeItem(db, actor, id, input.version, 'structure', 'item.frameworks', async (trx, _row, before) => {
    const known = frameworkItemIds();
    input.frameworks.forEach((f, i) => {
      if (!known.has(f)) throw invalid(`/frameworks/${i}`, `Okänd ramverkspunkt "${f}".`);
    });
    await trx.deleteFrom('item_framework').where('item_id', '=', id).execute();
    const unique = [...new Set(input.frameworks)];
    if (unique.length > 0)
      await trx
        .insertInto('item_framework')
        .values(unique.map((f) => ({ item_id: id, framework_item_id: f })))
        .execute();
    await bumpVersion(trx, id, input.version);
    const after = (await loadItemView(trx, id)) as ItemView;
    return { result: after, audit: { before: before.frameworks, after: after.frameworks } };
  });
}
