import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, DocumentRow, NewItem } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../kernel/errors.ts';
import { canEditPlan, canReadDocument, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import * as q from '../plans/queries.ts';
import { getDocument, isUuid } from '../plans/service.ts';
import { loadItemViews, toDocumentView, type DocumentView, type ItemView } from '../plans/views.ts';
import { diffPlans, type DiffItem, type NewerSide } from './diff.ts';
import type { DiffView, EditionView } from './views.ts';

/** Editions of a steering document: start a revision, compare it with what was adopted, adopt it. */

type Db = Kysely<Database>;

const readable = (caller: Caller, row: Pick<DocumentRow, 'municipality_code' | 'status'>) =>
  canReadDocument(caller, { municipalityCode: row.municipality_code, status: row.status as DocumentView['status'] });

async function loadReadable(db: Executor, caller: Caller, id: string): Promise<DocumentRow> {
  const row = isUuid(id) ? await q.findDocument(db, id) : undefined;
  if (!row || !readable(caller, row)) throw notFound('Styrdokumentet');
  return row;
}

async function editionsOf(db: Executor, seriesId: string) {
  return db
    .selectFrom('document')
    .selectAll('document')
    .select((eb) =>
      eb.selectFrom('item').select(eb.fn.countAll<number>().as('n')).whereRef('item.document_id', '=', 'document.id').as('item_count'),
    )
    .where('series_id', '=', seriesId)
    .orderBy('edition')
    .execute();
}

function toEditionView(row: DocumentRow & { item_count?: number | string | null }): EditionView {
  return {
    id: row.id,
    edition: row.edition,
    title: row.title,
    status: row.status as DocumentView['status'],
    adopted: row.adopted,
    revisesId: row.revises_id,
    parentDocumentId: row.parent_document_id,
    itemCount: Number(row.item_count ?? 0),
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Every edition in the document's series the caller may read, oldest first. */
export async function listVersions(db: Executor, caller: Caller, id: string): Promise<EditionView[]> {
  const row = await loadReadable(db, caller, id);
  return (await editionsOf(db, row.series_id)).filter((r) => readable(caller, r)).map(toEditionView);
}

const isOpen = (status: string) => status === 'draft' || status === 'proposed';

/**
 * A new draft edition of an adopted document: the same series, the next edition number, every item with its
 * responsibility and framework links copied, each copy remembering its original (origin_item_id) for the diff.
 */
export async function startRevision(db: Db, actor: Actor, id: string, input: { version: number }): Promise<DocumentView> {
  const newId = await db.transaction().execute(async (trx) => {
    const source = isUuid(id) ? await q.lockDocument(trx, id) : undefined;
    if (!source || !readable(actor, source)) throw notFound('Styrdokumentet');
    if (!canEditPlan(actor, source.municipality_code)) throw forbidden('Bara kommunens samordnare kan starta en revidering.');
    const row = (await q.findDocument(trx, source.id)) as DocumentRow;
    if (row.version !== input.version) throw staleVersion('Styrdokumentet', await getDocument(trx, actor, id));
    if (row.status !== 'adopted') throw invalid('/', 'Bara ett antaget dokument kan revideras; ändra utkastet direkt i stället.');
    // The series is locked through its adopted edition (above), so two coordinators cannot both open a revision.
    const editions = await editionsOf(trx, row.series_id);
    const open = editions.find((e) => isOpen(e.status));
    if (open)
      throw new AppError(
        'conflict',
        `Det finns redan en påbörjad revidering (utgåva ${open.edition}) av det här dokumentet. Fortsätt i den.`,
        {
          current: await getDocument(trx, actor, open.id),
        },
      );

    const created = await trx
      .insertInto('document')
      .values({
        municipality_code: row.municipality_code,
        title: row.title,
        kind: row.kind,
        status: 'draft',
        adopted: JSON.stringify(null),
        decided: JSON.stringify(null),
        document_date: row.document_date,
        valid_from: row.valid_from,
        valid_to: row.valid_to,
        revision: JSON.stringify(row.revision),
        follow_up: JSON.stringify(row.follow_up),
        levels: JSON.stringify(row.levels),
        matrix_columns: JSON.stringify(row.matrix_columns),
        frameworks: JSON.stringify(row.frameworks),
        source: JSON.stringify(row.source),
        series_id: row.series_id,
        edition: Math.max(...editions.map((e) => e.edition)) + 1,
        revises_id: row.id,
        parent_document_id: row.parent_document_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const items = await q.listItemsOf(trx, row.id);
    const idOf = new Map(items.map((i) => [i.id, randomUUID()]));
    const byId = new Map(items.map((i) => [i.id, i]));
    // Parents before children, so every chunk references only rows already written.
    const depth = (i: (typeof items)[number]): number =>
      i.parent_id === null ? 0 : 1 + depth(byId.get(i.parent_id) as (typeof items)[number]);
    const ordered = [...items].sort((a, b) => depth(a) - depth(b));
    const copies: NewItem[] = ordered.map((i) => ({
      id: idOf.get(i.id) as string,
      document_id: created.id,
      parent_id: i.parent_id === null ? null : (idOf.get(i.parent_id) as string),
      position: i.position,
      kind: i.kind,
      label: i.label,
      number: i.number,
      text: i.text,
      due: i.due,
      recurrence: i.recurrence,
      period_from: i.period_from,
      period_to: i.period_to,
      target: JSON.stringify(i.target),
      weight: i.weight,
      origin_item_id: i.id,
      serves_item_id: i.serves_item_id,
    }));
    for (let i = 0; i < copies.length; i += 500)
      await trx
        .insertInto('item')
        .values(copies.slice(i, i + 500))
        .execute();
    const [responsibility, links] = await Promise.all([
      q.listResponsibilityOfDocument(trx, row.id),
      q.listFrameworkLinksOfDocument(trx, row.id),
    ]);
    if (responsibility.length > 0)
      await trx
        .insertInto('item_responsibility')
        .values(
          responsibility.map((r) => ({ item_id: idOf.get(r.item_id) as string, unit_id: r.unit_id, role: r.role, position: r.position })),
        )
        .execute();
    if (links.length > 0)
      await trx
        .insertInto('item_framework')
        .values(links.map((l) => ({ item_id: idOf.get(l.item_id) as string, framework_item_id: l.framework_item_id })))
        .execute();

    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'document.revise',
      entityType: 'document',
      entityId: created.id,
      before: null,
      after: { revises: row.id, seriesId: row.series_id, items: copies.length },
    });
    return created.id;
  });
  return getDocument(db, actor, newId);
}

/** The content of an edition as the diff compares it; status and adoption belong to the edition, not its content. */
function metaOf(d: DocumentView): Record<string, unknown> {
  return {
    title: d.title,
    kind: d.kind,
    documentDate: d.documentDate,
    valid: d.valid,
    revision: d.revision,
    followUp: d.followUp,
    levels: d.levels,
    matrixColumns: d.matrixColumns,
    frameworks: d.frameworks,
  };
}

const toDiffItem = (i: ItemView): DiffItem => ({
  id: i.id,
  parentId: i.parentId,
  position: i.position,
  kind: i.kind,
  label: i.label,
  number: i.number,
  text: i.text,
  due: i.due,
  recurrence: i.recurrence,
  target: i.target,
  period: i.period,
  responsible: i.responsible.map((r) => ({ unitId: r.unitId, name: r.name, role: r.role })),
  frameworks: i.frameworks,
});

/**
 * Compares an edition with another of its series (by default the one it revises). The newer edition's items are
 * traced back through the editions between the two, so any two editions compare, not only neighbours.
 */
export async function diffEditions(db: Executor, caller: Caller, id: string, againstId?: string): Promise<DiffView> {
  const row = await loadReadable(db, caller, id);
  const otherId = againstId ?? row.revises_id;
  if (!otherId)
    throw invalid('/against', 'Dokumentet är den första utgåvan och reviderar inget annat; ange vilken utgåva du vill jämföra med.');
  const other = await loadReadable(db, caller, otherId);
  if (other.series_id !== row.series_id) throw invalid('/against', 'Bara utgåvor av samma dokument kan jämföras.');
  const [older, newer] = other.edition <= row.edition ? [other, row] : [row, other];

  const editions = await editionsOf(db, row.series_id);
  const between = editions.filter((e) => e.edition >= older.edition && e.edition <= newer.edition).map((e) => e.id);
  const lineage = await db.selectFrom('item').select(['id', 'document_id', 'origin_item_id']).where('document_id', 'in', between).execute();
  const originOf = new Map(lineage.map((l) => [l.id, l.origin_item_id]));
  const documentOf = new Map(lineage.map((l) => [l.id, l.document_id]));
  const traceToOlder = (itemId: string): string | null => {
    let current: string | null | undefined = originOf.get(itemId);
    // Editions form a chain, so the walk ends within as many steps as there are editions between the two.
    for (let step = 0; current && step <= between.length; step++) {
      if (documentOf.get(current) === older.id) return current;
      current = originOf.get(current);
    }
    return null;
  };

  const municipality = await db
    .selectFrom('municipality')
    .select('name')
    .where('code', '=', row.municipality_code)
    .executeTakeFirstOrThrow();
  const [olderItems, newerItems] = await Promise.all([loadItemViews(db, older.id), loadItemViews(db, newer.id)]);
  const newerSide: NewerSide = {
    meta: metaOf(toDocumentView(newer, municipality.name)),
    items: newerItems.map((i) => ({ ...toDiffItem(i), originId: traceToOlder(i.id) })),
  };
  const diff = diffPlans({ meta: metaOf(toDocumentView(older, municipality.name)), items: olderItems.map(toDiffItem) }, newerSide);
  const count = (docId: string) => editions.find((e) => e.id === docId)?.item_count ?? 0;
  return {
    before: toEditionView({ ...older, item_count: count(older.id) }),
    after: toEditionView({ ...newer, item_count: count(newer.id) }),
    ...diff,
  };
}

/** Adopts an edition; the edition adopted before it in the series becomes superseded, still public and readable. */
export async function adoptEdition(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; adopted: { body: string; date: string; paragraph: string; dnr?: string | null | undefined } },
): Promise<DocumentView> {
  await db.transaction().execute(async (trx) => {
    const locked = isUuid(id) ? await q.lockDocument(trx, id) : undefined;
    if (!locked || !readable(actor, locked)) throw notFound('Styrdokumentet');
    if (!canEditPlan(actor, locked.municipality_code)) throw forbidden('Bara kommunens samordnare kan registrera ett antagande.');
    const before = await getDocument(trx, actor, id);
    if (before.version !== input.version) throw staleVersion('Styrdokumentet', before);
    if (!isOpen(before.status)) throw invalid('/', 'Den här utgåvan är redan antagen eller ersatt.');
    const adopted = {
      body: input.adopted.body.trim(),
      date: input.adopted.date,
      paragraph: input.adopted.paragraph.trim(),
      dnr: input.adopted.dnr?.trim() || null,
    };
    if (adopted.body === '') throw invalid('/adopted/body', 'Ange vilket organ som antog dokumentet, t.ex. KS eller KF.');
    if (adopted.paragraph === '') throw invalid('/adopted/paragraph', 'Ange beslutets paragraf (§).');
    const seriesId = (await q.findDocument(trx, id))?.series_id as string;
    const superseded = await trx
      .updateTable('document')
      .set((eb) => ({ status: 'superseded', version: eb('version', '+', 1), updated_at: new Date() }))
      .where('series_id', '=', seriesId)
      .where('id', '<>', id)
      .where('status', '=', 'adopted')
      .returning(['id', 'edition'])
      .execute();
    await trx
      .updateTable('document')
      .set((eb) => ({ status: 'adopted', adopted: JSON.stringify(adopted), version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .execute();
    const after = await getDocument(trx, actor, id);
    await recordAudit(trx, actor, {
      municipalityCode: locked.municipality_code,
      action: 'document.adopt',
      entityType: 'document',
      entityId: id,
      before,
      after: { ...after, superseded: superseded.map((s) => s.id) },
    });
    for (const s of superseded)
      await recordAudit(trx, actor, {
        municipalityCode: locked.municipality_code,
        action: 'document.supersede',
        entityType: 'document',
        entityId: s.id,
        before: { status: 'adopted' },
        after: { status: 'superseded', supersededBy: id },
      });
  });
  return getDocument(db, actor, id);
}
