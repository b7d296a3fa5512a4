import { sql } from 'kysely';
import type { Executor } from '../audit/audit.ts';

/** All SQL of the plans capability. Methods are named after the question they answer and return plain rows. */

export function findDocument(db: Executor, id: string) {
  return db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A document with its municipality's name: every read of a plan starts here, in one round trip instead of two. */
export function findDocumentWithMunicipality(db: Executor, id: string) {
  return db
    .selectFrom('document')
    .innerJoin('municipality', 'municipality.code', 'document.municipality_code')
    .selectAll('document')
    .select('municipality.name as municipality_name')
    .where('document.id', '=', id)
    .executeTakeFirst();
}

/** Serialises structural changes to one plan: moves and deletions renumber siblings. */
export function lockDocument(db: Executor, id: string) {
  return db.selectFrom('document').select(['id', 'municipality_code', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listDocumentsOf(db: Executor, municipalityCode: string) {
  return db
    .selectFrom('document')
    .selectAll('document')
    .select((eb) =>
      eb
        .selectFrom('item')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('item.document_id', '=', 'document.id')
        .as('item_count'),
    )
    .where('municipality_code', '=', municipalityCode)
    .orderBy('valid_from', 'desc')
    .orderBy('title')
    .execute();
}

export function listItemsOf(db: Executor, documentId: string) {
  return db.selectFrom('item').selectAll().where('document_id', '=', documentId).orderBy('parent_id').orderBy('position').execute();
}

/** What an item view shows, and nothing else: a plan of 300 items is read on every outline and plan page. */
export const itemViewColumns = [
  'id',
  'document_id',
  'parent_id',
  'position',
  'kind',
  'label',
  'number',
  'text',
  'due',
  'recurrence',
  'period_from',
  'period_to',
  'target',
  'version',
  'updated_at',
] as const;

export function listItemViewRowsOf(db: Executor, documentId: string) {
  return db
    .selectFrom('item')
    .select(itemViewColumns)
    .where('document_id', '=', documentId)
    .orderBy('parent_id')
    .orderBy('position')
    .execute();
}

/**
 * A plan's items for plan-outline/1 with, per item, its responsible units (in their order) and its framework links
 * (sorted), as arrays: one statement. Each item's arrays are looked up in the link tables' primary keys.
 */
export function listOutlineRowsOf(db: Executor, documentId: string) {
  return db
    .selectFrom('item')
    .select([
      'id',
      'parent_id',
      'position',
      'kind',
      'label',
      'number',
      'text',
      'due',
      'recurrence',
      'period_from',
      'period_to',
      'target',
      'version',
    ])
    .select(
      sql<
        { name: string; role: 'lead' | 'contributor' }[]
      >`(select coalesce(json_agg(json_build_object('name', unit.name, 'role', r.role) order by r.position), '[]')
        from item_responsibility r join unit on unit.id = r.unit_id where r.item_id = item.id)`.as('responsible'),
    )
    .select(
      sql<string[]>`array(select f.framework_item_id from item_framework f where f.item_id = item.id order by f.framework_item_id)`.as(
        'frameworks',
      ),
    )
    .where('document_id', '=', documentId)
    .orderBy('parent_id')
    .orderBy('position')
    .execute();
}

/** The units of a municipality as the outline names them. */
export function listUnitNamesOf(db: Executor, municipalityCode: string) {
  return db
    .selectFrom('unit')
    .select(['name', 'kind', 'abbreviation'])
    .where('municipality_code', '=', municipalityCode)
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export function listPositionsOf(db: Executor, documentId: string) {
  return db.selectFrom('item').select(['id', 'parent_id', 'position']).where('document_id', '=', documentId).execute();
}

export function findItemWithDocument(db: Executor, id: string) {
  return db
    .selectFrom('item')
    .innerJoin('document', 'document.id', 'item.document_id')
    .selectAll('item')
    .select(['document.municipality_code', 'document.status as document_status'])
    .where('item.id', '=', id)
    .executeTakeFirst();
}

/** The items of a plan as one array for `= any(…)` (see listFrameworkLinksOfDocument). */
const itemsOfDocument = (db: Executor, documentId: string) =>
  sql<string>`any(array(${db.selectFrom('item').select('id').where('document_id', '=', documentId)}))`;

/** A plan's responsible units; the items given as one array, as for the framework links below. */
export function listResponsibilityOfDocument(db: Executor, documentId: string) {
  return db
    .selectFrom('item_responsibility as r')
    .innerJoin('unit', 'unit.id', 'r.unit_id')
    .select(['r.item_id', 'r.unit_id', 'r.role', 'r.position', 'unit.name', 'unit.abbreviation', 'unit.kind'])
    .where('r.item_id', '=', itemsOfDocument(db, documentId))
    .orderBy('r.item_id')
    .orderBy('r.position')
    .execute();
}

export function listResponsibilityOfItem(db: Executor, itemId: string) {
  return db
    .selectFrom('item_responsibility as r')
    .innerJoin('unit', 'unit.id', 'r.unit_id')
    .select(['r.item_id', 'r.unit_id', 'r.role', 'r.position', 'unit.name', 'unit.abbreviation', 'unit.kind'])
    .where('r.item_id', '=', itemId)
    .orderBy('r.position')
    .execute();
}

/**
 * The framework links of a plan's items. The items are given to the link table as one array (`= any(array(…))`):
 * joined instead, the planner hashes the whole national link table (every municipality's links) for one plan's
 * three dozen, where the array lets it look each item up in the primary key.
 */
export function listFrameworkLinksOfDocument(db: Executor, documentId: string) {
  return db
    .selectFrom('item_framework as f')
    .select(['f.item_id', 'f.framework_item_id'])
    .where('f.item_id', '=', itemsOfDocument(db, documentId))
    .orderBy('f.framework_item_id')
    .execute();
}

export function listFrameworkLinksOfItem(db: Executor, itemId: string) {
  return db
    .selectFrom('item_framework')
    .select(['item_id', 'framework_item_id'])
    .where('item_id', '=', itemId)
    .orderBy('framework_item_id')
    .execute();
}

export async function countSiblings(db: Executor, documentId: string, parentId: string | null): Promise<number> {
  const row = await db
    .selectFrom('item')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('document_id', '=', documentId)
    .where((eb) => (parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', parentId)))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function shiftSiblingsFrom(db: Executor, documentId: string, parentId: string | null, position: number): Promise<void> {
  await db
    .updateTable('item')
    .set({ position: sql`position + 1` })
    .where('document_id', '=', documentId)
    .where((eb) => (parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', parentId)))
    .where('position', '>=', position)
    .execute();
}

export async function setPosition(db: Executor, id: string, parentId: string | null, position: number): Promise<void> {
  await db.updateTable('item').set({ parent_id: parentId, position }).where('id', '=', id).execute();
}
