import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, ItemUpdate } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, staleVersion, type FieldProblem } from '../../kernel/errors.ts';
import { canEditItemContent, canEditPlan, canReadDocument, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { frameworkItemIds } from '../frameworks/catalogue.ts';
import { listUnits } from '../organisation/organisation.ts';
import {
  checkOutline,
  checkPeriod,
  checkRecurrence,
  checkTarget,
  closeGaps,
  flattenOutline,
  guessUnitKind,
  planMove,
  subtreeIds,
} from './model.ts';
import type { ItemKind, Period, PlanOutline, Target } from './outline.ts';
import * as q from './queries.ts';
import { loadItemView, loadItemViews, toDocumentView, toOutline, type DocumentView, type ItemView } from './views.ts';

type Db = Kysely<Database>;

async function municipalityName(db: Executor, code: string): Promise<string> {
  const row = await db.selectFrom('municipality').select('name').where('code', '=', code).executeTakeFirst();
  if (!row) throw notFound(`Kommunen ${code}`);
  return row.name;
}

/** Loads a document the caller may read; others' drafts answer as if they did not exist. */
export async function getDocument(db: Executor, caller: Caller, id: string): Promise<DocumentView> {
  const row = isUuid(id) ? await q.findDocument(db, id) : undefined;
  if (!row || !canReadDocument(caller, { municipalityCode: row.municipality_code, status: row.status as DocumentView['status'] }))
    throw notFound('Styrdokumentet');
  return toDocumentView(row, await municipalityName(db, row.municipality_code));
}

export async function listDocuments(db: Executor, caller: Caller, municipalityCode: string) {
  await municipalityName(db, municipalityCode);
  const rows = await q.listDocumentsOf(db, municipalityCode);
  return rows
    .filter((r) => canReadDocument(caller, { municipalityCode, status: r.status as DocumentView['status'] }))
    .map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      status: r.status,
      adopted: r.adopted,
      valid: { from: r.valid_from, to: r.valid_to },
      itemCount: r.item_count ?? 0,
      version: r.version,
    }));
}

export async function getItems(db: Executor, caller: Caller, documentId: string): Promise<{ document: DocumentView; items: ItemView[] }> {
  const document = await getDocument(db, caller, documentId);
  return { document, items: await loadItemViews(db, documentId) };
}

export async function exportOutline(db: Executor, caller: Caller, documentId: string): Promise<PlanOutline> {
  const { document, items } = await getItems(db, caller, documentId);
  const units = await listUnits(db, document.municipality.code);
  return toOutline(document, items, units);
}

export interface ImportResult {
  documentId: string;
  itemCount: number;
  createdUnits: string[];
}

/**
 * Saves a validated plan-outline/1 as a new document, creating the units it names that the municipality
 * lacks. One transaction: a plan is either wholly saved or not at all.
 */
export async function importOutline(db: Db, actor: Actor, outline: PlanOutline, municipalityCode?: string): Promise<ImportResult> {
  const code = municipalityCode ?? outline.municipality.code;
  if (!canEditPlan(actor, code)) throw forbidden('Du kan bara importera planer till din egen kommun.');
  const problems = checkOutline(outline, frameworkItemIds());
  if (problems.length > 0) throw new AppError('validation', 'Planen innehåller fel.', { details: problems });
  return db.transaction().execute(async (trx) => {
    await municipalityName(trx, code);
    const existing = await listUnits(trx, code);
    const unitByName = new Map<string, string>();
    for (const u of existing) {
      unitByName.set(u.name, u.id);
      if (u.abbreviation && !unitByName.has(u.abbreviation)) unitByName.set(u.abbreviation, u.id);
    }
    const createdUnits: string[] = [];
    const ensureUnit = async (name: string, kind: string, abbreviation: string | null) => {
      if (unitByName.has(name)) return;
      const row = await trx
        .insertInto('unit')
        .values({ municipality_code: code, name, kind, abbreviation })
        .returning('id')
        .executeTakeFirstOrThrow();
      unitByName.set(name, row.id);
      if (abbreviation && !unitByName.has(abbreviation)) unitByName.set(abbreviation, row.id);
      createdUnits.push(name);
    };
    for (const u of outline.units ?? []) await ensureUnit(u.name, u.kind, u.abbreviation ?? null);
    const flat = flattenOutline(outline.nodes);
    for (const { node } of flat) for (const name of node.responsible) await ensureUnit(name, guessUnitKind(name), null);

    const document = await trx
      .insertInto('document')
      .values({
        municipality_code: code,
        title: outline.title,
        kind: outline.kind,
        status: outline.status ?? (outline.adopted?.date ? 'adopted' : 'draft'),
        adopted: JSON.stringify(outline.adopted),
        decided: JSON.stringify(outline.decided ?? null),
        document_date: outline.documentDate ?? null,
        valid_from: outline.valid.from,
        valid_to: outline.valid.to,
        revision: JSON.stringify(outline.revision ?? null),
        follow_up: JSON.stringify(outline.followUp),
        levels: JSON.stringify(outline.levels),
        matrix_columns: JSON.stringify(outline.matrixColumns ?? []),
        frameworks: JSON.stringify(outline.frameworks ?? []),
        source: JSON.stringify(outline.source ?? null),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const idOf = new Map(flat.map((f) => [f.key, randomUUID()]));
    const rows = flat.map((f) => ({
      id: idOf.get(f.key) as string,
      document_id: document.id,
      parent_id: f.parentKey === null ? null : (idOf.get(f.parentKey) as string),
      position: f.position,
      kind: f.node.kind,
      label: f.node.label,
      number: f.node.number ?? null,
      text: f.node.text,
      due: f.node.due,
      recurrence: checkRecurrence(f.node.recurrence, '').value,
      period_from: f.node.period?.from ?? null,
      period_to: f.node.period?.to ?? null,
      target: JSON.stringify(f.node.target ?? null),
    }));
    // Parents precede children in `flat`, so chunked inserts never reference a row not yet written.
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('item')
        .values(rows.slice(i, i + 500))
        .execute();

    const responsibility = flat.flatMap((f) => {
      const contributors = new Set(f.node.contributors ?? []);
      return [...new Set(f.node.responsible)].map((name, position) => ({
        item_id: idOf.get(f.key) as string,
        unit_id: unitByName.get(name) as string,
        role: contributors.has(name) ? 'contributor' : 'lead',
        position,
      }));
    });
    if (responsibility.length > 0) await trx.insertInto('item_responsibility').values(responsibility).execute();
    const links = flat.flatMap((f) =>
      [...new Set(f.node.frameworks)].map((id) => ({ item_id: idOf.get(f.key) as string, framework_item_id: id })),
    );
    if (links.length > 0) await trx.insertInto('item_framework').values(links).execute();

    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: 'document.import',
      entityType: 'document',
      entityId: document.id,
      before: null,
      after: { title: outline.title, items: rows.length, createdUnits },
    });
    return { documentId: document.id, itemCount: rows.length, createdUnits };
  });
}

export interface DocumentPatch {
  version: number;
  title?: string;
  kind?: DocumentView['kind'];
  status?: DocumentView['status'];
  adopted?: DocumentView['adopted'];
  decided?: DocumentView['decided'];
  documentDate?: string | null;
  valid?: DocumentView['valid'];
  revision?: DocumentView['revision'];
  followUp?: DocumentView['followUp'];
  levels?: string[];
  matrixColumns?: string[];
}

export async function updateDocument(db: Db, actor: Actor, id: string, patch: DocumentPatch): Promise<DocumentView> {
  return db.transaction().execute(async (trx) => {
    const before = await getDocument(trx, actor, id);
    if (!canEditPlan(actor, before.municipality.code)) throw forbidden();
    if (before.version !== patch.version) throw staleVersion('Styrdokumentet', before);
    const problems = checkPeriod(patch.valid, '/valid');
    if (problems.length > 0) throw new AppError('validation', problems[0]?.message ?? '', { details: problems });
    const json = (v: unknown) => JSON.stringify(v ?? null);
    const updated = await trx
      .updateTable('document')
      .set((eb) => ({
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.adopted !== undefined ? { adopted: json(patch.adopted) } : {}),
        ...(patch.decided !== undefined ? { decided: json(patch.decided) } : {}),
        ...(patch.documentDate !== undefined ? { document_date: patch.documentDate } : {}),
        ...(patch.valid !== undefined ? { valid_from: patch.valid.from, valid_to: patch.valid.to } : {}),
        ...(patch.revision !== undefined ? { revision: json(patch.revision) } : {}),
        ...(patch.followUp !== undefined ? { follow_up: JSON.stringify(patch.followUp) } : {}),
        ...(patch.levels !== undefined ? { levels: JSON.stringify(patch.levels) } : {}),
        ...(patch.matrixColumns !== undefined ? { matrix_columns: JSON.stringify(patch.matrixColumns) } : {}),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw staleVersion('Styrdokumentet', await getDocument(trx, actor, id));
    const after = toDocumentView(updated, before.municipality.name);
    await recordAudit(trx, actor, {
      municipalityCode: after.municipality.code,
      action: 'document.update',
      entityType: 'document',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function createDocument(
  db: Db,
  actor: Actor,
  municipalityCode: string,
  input: { title: string; kind: DocumentView['kind']; levels?: string[] | undefined },
): Promise<DocumentView> {
  if (!canEditPlan(actor, municipalityCode)) throw forbidden('Du kan bara skapa styrdokument i din egen kommun.');
  const result = await importOutline(
    db,
    actor,
    {
      format: 'plan-outline/1',
      municipality: { code: municipalityCode, name: '' },
      title: input.title.trim(),
      kind: input.kind,
      status: 'draft',
      adopted: null,
      valid: { from: null, to: null },
      followUp: [],
      levels: input.levels ?? [],
      nodes: [],
    },
    municipalityCode,
  );
  return getDocument(db, actor, result.documentId);
}

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
  return row;
}

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
  return db.transaction().execute(async (trx) => {
    const row = await loadEditableItem(trx, actor, id, 'content');
    const before = (await loadItemView(trx, id)) as ItemView;
    if (row.version !== patch.version) throw staleVersion('Punkten', before);
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
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'item.update',
      entityType: 'item',
      entityId: id,
      before,
      after,
    });
    return after;
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
  return db.transaction().execute(async (trx) => {
    const row = await loadEditableItem(trx, actor, id, 'structure');
    await q.lockDocument(trx, row.document_id);
    const before = (await loadItemView(trx, id)) as ItemView;
    if (row.version !== input.version) throw staleVersion('Punkten', before);
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
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'item.move',
      entityType: 'item',
      entityId: id,
      before: { parentId: before.parentId, position: before.position },
      after: { parentId: after.parentId, position: after.position },
    });
    return after;
  });
}

export async function deleteItem(db: Db, actor: Actor, id: string, version: number): Promise<{ deleted: number }> {
  return db.transaction().execute(async (trx) => {
    const row = await loadEditableItem(trx, actor, id, 'structure');
    await q.lockDocument(trx, row.document_id);
    const before = (await loadItemView(trx, id)) as ItemView;
    if (row.version !== version) throw staleVersion('Punkten', before);
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
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'item.delete',
      entityType: 'item',
      entityId: id,
      before: snapshot,
      after: null,
    });
    return { deleted: removed.size };
  });
}

export async function setResponsibility(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; assignments: { unitId: string; role: 'lead' | 'contributor' }[] },
): Promise<ItemView> {
  return db.transaction().execute(async (trx) => {
    const row = await loadEditableItem(trx, actor, id, 'structure');
    const before = (await loadItemView(trx, id)) as ItemView;
    if (row.version !== input.version) throw staleVersion('Punkten', before);
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
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'item.responsibility',
      entityType: 'item',
      entityId: id,
      before: before.responsible,
      after: after.responsible,
    });
    return after;
  });
}

export async function setFrameworkLinks(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; frameworks: string[] },
): Promise<ItemView> {
  return db.transaction().execute(async (trx) => {
    const row = await loadEditableItem(trx, actor, id, 'structure');
    const before = (await loadItemView(trx, id)) as ItemView;
    if (row.version !== input.version) throw staleVersion('Punkten', before);
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
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'item.frameworks',
      entityType: 'item',
      entityId: id,
      before: before.frameworks,
      after: after.frameworks,
    });
    return after;
  });
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
