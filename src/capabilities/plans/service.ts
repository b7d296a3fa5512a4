import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, forbidden, notFound, staleVersion } from '../../kernel/errors.ts';
import { canEditPlan, canReadDocument, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { frameworkItemIds } from '../frameworks/catalogue.ts';
import { listUnits } from '../organisation/organisation.ts';
import { checkOutline, checkPeriod, checkRecurrence, flattenOutline, guessUnitKind } from './model.ts';
import type { PlanOutline } from './outline.ts';
import * as q from './queries.ts';
import { loadItemViews, loadOutlineItems, toDocumentView, toOutline, type DocumentView, type ItemView } from './views.ts';

/** Steering documents: read, import and export as plan-outline/1, create and edit their metadata. */

type Db = Kysely<Database>;

async function municipalityName(db: Executor, code: string): Promise<string> {
  const row = await db.selectFrom('municipality').select('name').where('code', '=', code).executeTakeFirst();
  if (!row) throw notFound(`Kommunen ${code}`);
  return row.name;
}

/** Loads a document the caller may read; others' drafts answer as if they did not exist. */
export async function getDocument(db: Executor, caller: Caller, id: string): Promise<DocumentView> {
  const row = isUuid(id) ? await q.findDocumentWithMunicipality(db, id) : undefined;
  if (!row || !canReadDocument(caller, { municipalityCode: row.municipality_code, status: row.status as DocumentView['status'] }))
    throw notFound('Styrdokumentet');
  return toDocumentView(row, row.municipality_name);
}

export async function listDocuments(db: Executor, caller: Caller, municipalityCode: string) {
  await municipalityName(db, municipalityCode);
  const rows = await q.listDocumentsOf(db, municipalityCode);
  return inFamilies(rows.filter((r) => canReadDocument(caller, { municipalityCode, status: r.status as DocumentView['status'] }))).map(
    (r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      status: r.status,
      adopted: r.adopted,
      valid: { from: r.valid_from, to: r.valid_to },
      itemCount: r.item_count ?? 0,
      version: r.version,
      parentDocumentId: r.parent_document_id,
      edition: r.edition,
      revisesId: r.revises_id,
    }),
  );
}

/**
 * A plan, its other editions (newest first) and then the action and activity plans under it read together;
 * families keep the order of their first document.
 */
function inFamilies<T extends { id: string; series_id: string; parent_document_id: string | null; edition: number }>(rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const firstOfSeries = new Map<string, number>();
  rows.forEach((r, i) => firstOfSeries.set(r.series_id, firstOfSeries.get(r.series_id) ?? i));
  const rootOf = (row: T): { root: T; depth: number } => {
    let root = row;
    let depth = 0;
    // A parent the caller may not see leaves its child a family of its own; the depth bound guards against a cycle.
    while (root.parent_document_id !== null && byId.has(root.parent_document_id) && depth < rows.length) {
      root = byId.get(root.parent_document_id) as T;
      depth++;
    }
    return { root, depth };
  };
  const key = (row: T) => {
    const { root, depth } = rootOf(row);
    return [firstOfSeries.get(root.series_id) ?? 0, depth, firstOfSeries.get(row.series_id) ?? 0, -row.edition];
  };
  const keys = new Map(rows.map((r) => [r.id, key(r)]));
  return [...rows].sort((a, b) => {
    const ka = keys.get(a.id) as number[];
    const kb = keys.get(b.id) as number[];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
    return 0;
  });
}

export async function getItems(db: Executor, caller: Caller, documentId: string): Promise<{ document: DocumentView; items: ItemView[] }> {
  const document = await getDocument(db, caller, documentId);
  return { document, items: await loadItemViews(db, documentId) };
}

export async function exportOutline(db: Executor, caller: Caller, documentId: string): Promise<PlanOutline> {
  const document = await getDocument(db, caller, documentId);
  const [items, units] = await Promise.all([loadOutlineItems(db, documentId), q.listUnitNamesOf(db, document.municipality.code)]);
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

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
