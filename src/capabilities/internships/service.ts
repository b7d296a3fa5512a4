import type { Kysely } from 'kysely';
import type { Database, PlacementOutcome } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, staleVersion, type FieldProblem } from '../../kernel/errors.ts';
import { canReadDocument, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { referenceOf } from '../follow-up/structure.ts';
import { isUuid } from '../plans/service.ts';
import { canEditOffer, canReadOffers, checkOffer, checkPlacement, placementsPerYear, targetStatus, type TargetStatus } from './rules.ts';

/** Internship offers, the placements made on them (counted, never named) and the yearly count against the target. */
type Db = Kysely<Database>;

/** An indicator computed from the placements: `source_kind = 'computed'`, `source_ref` this. */
export const INTERNSHIP_PLACEMENTS = 'internships:placements';

export type OfferStatus = 'open' | 'filled' | 'closed';

export interface ItemRefView {
  id: string;
  documentId: string;
  reference: string;
  text: string;
}

export interface PlacementView {
  id: string;
  offerId: string;
  startDate: string;
  endDate: string | null;
  outcome: PlacementOutcome;
  example: boolean;
  version: number;
}

export interface OfferView {
  id: string;
  municipalityCode: string;
  unit: { id: string; name: string } | null;
  employer: string | null;
  tasks: string;
  languageRequirements: string;
  supervisorName: string | null;
  supervisorTrained: boolean;
  periodFrom: string;
  periodTo: string | null;
  places: number;
  status: OfferStatus;
  items: ItemRefView[];
  placements: PlacementView[];
  example: boolean;
  version: number;
  canEdit: boolean;
}

export interface OfferInput {
  unitId: string | null;
  employer: string | null;
  tasks: string;
  languageRequirements?: string | undefined;
  supervisorName?: string | null | undefined;
  supervisorTrained?: boolean | undefined;
  periodFrom: string;
  periodTo: string | null;
  places: number;
  status?: OfferStatus | undefined;
  itemIds?: string[] | undefined;
}

export interface PlacementInput {
  startDate: string;
  endDate: string | null;
  outcome?: PlacementOutcome | undefined;
}

export function fail(problems: FieldProblem[]): never {
  throw new AppError('validation', problems.map((p) => p.message).join(' '), { details: problems });
}

export async function requireMunicipality(db: Executor, code: string): Promise<string> {
  const row = await db.selectFrom('municipality').select('name').where('code', '=', code).executeTakeFirst();
  if (!row) throw notFound(`Kommunen ${code}`);
  return row.name;
}

/** The plan items (of the municipality's own documents) a programme serves; any other id is a field problem. */
export async function checkItems(db: Executor, code: string, itemIds: string[], path = '/itemIds'): Promise<void> {
  if (itemIds.length === 0) return;
  const ids = [...new Set(itemIds)];
  if (ids.some((id) => !isUuid(id))) throw invalid(path, 'En punkt finns inte i kommunens planer.');
  const rows = await db
    .selectFrom('item')
    .innerJoin('document', 'document.id', 'item.document_id')
    .select('item.id')
    .where('item.id', 'in', ids)
    .where('document.municipality_code', '=', code)
    .execute();
  if (rows.length !== ids.length) throw invalid(path, 'En punkt finns inte i kommunens planer.');
}

/** Plan items by owner (offer or training id), readable ones only. */
export async function itemsOf(
  db: Executor,
  caller: Caller,
  links: { owner: string; item_id: string }[],
): Promise<Map<string, ItemRefView[]>> {
  const map = new Map<string, ItemRefView[]>();
  const ids = [...new Set(links.map((l) => l.item_id))];
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('item')
    .innerJoin('document', 'document.id', 'item.document_id')
    .select(['item.id', 'item.document_id', 'item.label', 'item.number', 'item.text', 'document.status', 'document.municipality_code'])
    .where('item.id', 'in', ids)
    .execute();
  const byId = new Map(
    rows
      .filter((r) => canReadDocument(caller, { municipalityCode: r.municipality_code, status: r.status as 'draft' }))
      .map((r) => [r.id, { id: r.id, documentId: r.document_id, reference: referenceOf(r), text: r.text }]),
  );
  for (const l of links) {
    const item = byId.get(l.item_id);
    if (item) map.set(l.owner, [...(map.get(l.owner) ?? []), item]);
  }
  return map;
}

const toPlacement = (r: {
  id: string;
  offer_id: string;
  start_date: string;
  end_date: string | null;
  outcome: PlacementOutcome;
  example: boolean;
  version: number;
}): PlacementView => ({
  id: r.id,
  offerId: r.offer_id,
  startDate: r.start_date,
  endDate: r.end_date,
  outcome: r.outcome,
  example: r.example,
  version: r.version,
});

async function offerViews(db: Executor, caller: Caller, where: { code?: string; id?: string }): Promise<OfferView[]> {
  let query = db
    .selectFrom('internship_offer')
    .leftJoin('unit', 'unit.id', 'internship_offer.unit_id')
    .selectAll('internship_offer')
    .select('unit.name as unit_name')
    .orderBy('internship_offer.period_from', 'desc')
    .orderBy('internship_offer.id');
  if (where.code) query = query.where('internship_offer.municipality_code', '=', where.code);
  if (where.id) query = query.where('internship_offer.id', '=', where.id);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [placements, links] = await Promise.all([
    db.selectFrom('internship_placement').selectAll().where('offer_id', 'in', ids).orderBy('start_date').orderBy('id').execute(),
    db.selectFrom('internship_offer_item').select(['offer_id as owner', 'item_id']).where('offer_id', 'in', ids).execute(),
  ]);
  const items = await itemsOf(db, caller, links);
  return rows.map((r) => ({
    id: r.id,
    municipalityCode: r.municipality_code,
    unit: r.unit_id && r.unit_name ? { id: r.unit_id, name: r.unit_name } : null,
    employer: r.employer,
    tasks: r.tasks,
    languageRequirements: r.language_requirements,
    supervisorName: r.supervisor_name,
    supervisorTrained: r.supervisor_trained,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    places: r.places,
    status: r.status,
    items: items.get(r.id) ?? [],
    placements: placements.filter((p) => p.offer_id === r.id).map(toPlacement),
    example: r.example,
    version: r.version,
    canEdit: canEditOffer(caller, { municipalityCode: r.municipality_code, unitId: r.unit_id }),
  }));
}

export interface OfferFilter {
  status?: OfferStatus | undefined;
  unitId?: string | undefined;
  year?: number | undefined;
}

export async function listOffers(db: Executor, caller: Caller, code: string, filter: OfferFilter = {}): Promise<OfferView[]> {
  await requireMunicipality(db, code);
  if (!canReadOffers(caller, code))
    throw forbidden('Praktikerbjudandena visas för kommunens samordnare och rapportörer; antalet per år är öppet för alla.');
  const all = await offerViews(db, caller, { code });
  return all.filter(
    (o) =>
      (!filter.status || o.status === filter.status) &&
      (!filter.unitId || o.unit?.id === filter.unitId) &&
      (!filter.year ||
        (Number(o.periodFrom.slice(0, 4)) <= filter.year && (o.periodTo === null || Number(o.periodTo.slice(0, 4)) >= filter.year))),
  );
}

async function loadOffer(db: Executor, caller: Caller, id: string): Promise<OfferView> {
  const [offer] = isUuid(id) ? await offerViews(db, caller, { id }) : [];
  if (!offer || !canReadOffers(caller, offer.municipalityCode)) throw notFound('Praktikerbjudandet');
  return offer;
}

async function checkUnit(db: Executor, code: string, unitId: string | null): Promise<void> {
  if (unitId === null) return;
  const unit = isUuid(unitId)
    ? await db.selectFrom('unit').select('kind').where('id', '=', unitId).where('municipality_code', '=', code).executeTakeFirst()
    : undefined;
  if (!unit) throw invalid('/unitId', 'Enheten finns inte i kommunen.');
}

const offerColumns = (input: Partial<OfferInput>) => ({
  ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
  ...(input.employer !== undefined ? { employer: input.employer?.trim() || null } : {}),
  ...(input.tasks !== undefined ? { tasks: input.tasks.trim() } : {}),
  ...(input.languageRequirements !== undefined ? { language_requirements: input.languageRequirements.trim() } : {}),
  ...(input.supervisorName !== undefined ? { supervisor_name: input.supervisorName?.trim() || null } : {}),
  ...(input.supervisorTrained !== undefined ? { supervisor_trained: input.supervisorTrained } : {}),
  ...(input.periodFrom !== undefined ? { period_from: input.periodFrom } : {}),
  ...(input.periodTo !== undefined ? { period_to: input.periodTo } : {}),
  ...(input.places !== undefined ? { places: input.places } : {}),
  ...(input.status !== undefined ? { status: input.status } : {}),
});

async function setItems(trx: Executor, offerId: string, itemIds: string[]): Promise<void> {
  await trx.deleteFrom('internship_offer_item').where('offer_id', '=', offerId).execute();
  const ids = [...new Set(itemIds)];
  if (ids.length > 0)
    await trx
      .insertInto('internship_offer_item')
      .values(ids.map((item_id) => ({ offer_id: offerId, item_id })))
      .execute();
}

export async function createOffer(db: Db, actor: Actor, code: string, input: OfferInput, example = false): Promise<OfferView> {
  if (!canEditOffer(actor, { municipalityCode: code, unitId: input.unitId }))
    throw forbidden('Samordnaren registrerar praktikplatser; en rapportör bara för sin egen enhet.');
  const problems = checkOffer(input);
  if (problems.length > 0) fail(problems);
  return db.transaction().execute(async (trx) => {
    await requireMunicipality(trx, code);
    await checkUnit(trx, code, input.unitId);
    await checkItems(trx, code, input.itemIds ?? []);
    const row = await trx
      .insertInto('internship_offer')
      .values({
        municipality_code: code,
        tasks: input.tasks.trim(),
        period_from: input.periodFrom,
        example,
        ...offerColumns(input),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setItems(trx, row.id, input.itemIds ?? []);
    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: 'internship.offer.create',
      entityType: 'internship_offer',
      entityId: row.id,
      before: null,
      after: input,
    });
    return loadOffer(trx, actor, row.id);
  });
}

export async function updateOffer(db: Db, actor: Actor, id: string, input: Partial<OfferInput> & { version: number }): Promise<OfferView> {
  return db.transaction().execute(async (trx) => {
    const row = isUuid(id)
      ? await trx.selectFrom('internship_offer').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
      : undefined;
    if (!row || !canReadOffers(actor, row.municipality_code)) throw notFound('Praktikerbjudandet');
    const before = await loadOffer(trx, actor, id);
    if (!canEditOffer(actor, { municipalityCode: row.municipality_code, unitId: row.unit_id }))
      throw forbidden('En rapportör ändrar bara sin egen enhets praktikplatser.');
    if (input.unitId !== undefined && !canEditOffer(actor, { municipalityCode: row.municipality_code, unitId: input.unitId }))
      throw forbidden('En rapportör flyttar inte praktikplatser till en annan enhet.');
    if (row.version !== input.version) throw staleVersion('Praktikerbjudandet', before);
    const merged = {
      unitId: input.unitId !== undefined ? input.unitId : row.unit_id,
      employer: input.employer !== undefined ? input.employer : row.employer,
      tasks: input.tasks ?? row.tasks,
      periodFrom: input.periodFrom ?? row.period_from,
      periodTo: input.periodTo !== undefined ? input.periodTo : row.period_to,
      places: input.places ?? row.places,
    };
    const problems = checkOffer(merged);
    if (problems.length > 0) fail(problems);
    await checkUnit(trx, row.municipality_code, merged.unitId);
    if (input.itemIds) {
      await checkItems(trx, row.municipality_code, input.itemIds);
      await setItems(trx, id, input.itemIds);
    }
    await trx
      .updateTable('internship_offer')
      .set({ ...offerColumns(input), version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const { version, ...changes } = input;
    void version;
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'internship.offer.update',
      entityType: 'internship_offer',
      entityId: id,
      before,
      after: changes,
    });
    return loadOffer(trx, actor, id);
  });
}

export async function addPlacement(db: Db, actor: Actor, offerId: string, input: PlacementInput, example = false): Promise<OfferView> {
  return db.transaction().execute(async (trx) => {
    const offer = isUuid(offerId)
      ? await trx.selectFrom('internship_offer').selectAll().where('id', '=', offerId).forUpdate().executeTakeFirst()
      : undefined;
    if (!offer || !canReadOffers(actor, offer.municipality_code)) throw notFound('Praktikerbjudandet');
    if (!canEditOffer(actor, { municipalityCode: offer.municipality_code, unitId: offer.unit_id }))
      throw forbidden('En rapportör registrerar placeringar bara på sin egen enhets praktikplatser.');
    const problems = checkPlacement(input, { periodFrom: offer.period_from, periodTo: offer.period_to });
    if (problems.length > 0) fail(problems);
    const row = await trx
      .insertInto('internship_placement')
      .values({ offer_id: offerId, start_date: input.startDate, end_date: input.endDate, outcome: input.outcome ?? 'ongoing', example })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: offer.municipality_code,
      action: 'internship.placement.create',
      entityType: 'internship_placement',
      entityId: row.id,
      before: null,
      after: { offerId, ...input },
    });
    return loadOffer(trx, actor, offerId);
  });
}

export async function updatePlacement(
  db: Db,
  actor: Actor,
  id: string,
  input: Partial<PlacementInput> & { version: number },
): Promise<OfferView> {
  return db.transaction().execute(async (trx) => {
    const row = isUuid(id)
      ? await trx
          .selectFrom('internship_placement')
          .innerJoin('internship_offer', 'internship_offer.id', 'internship_placement.offer_id')
          .selectAll('internship_placement')
          .select([
            'internship_offer.municipality_code',
            'internship_offer.unit_id',
            'internship_offer.period_from',
            'internship_offer.period_to',
          ])
          .where('internship_placement.id', '=', id)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!row || !canReadOffers(actor, row.municipality_code)) throw notFound('Placeringen');
    if (!canEditOffer(actor, { municipalityCode: row.municipality_code, unitId: row.unit_id })) throw forbidden();
    if (row.version !== input.version) throw staleVersion('Placeringen', toPlacement(row));
    const merged = {
      startDate: input.startDate ?? row.start_date,
      endDate: input.endDate !== undefined ? input.endDate : row.end_date,
    };
    const problems = checkPlacement(merged, { periodFrom: row.period_from, periodTo: row.period_to });
    if (problems.length > 0) fail(problems);
    await trx
      .updateTable('internship_placement')
      .set({
        start_date: merged.startDate,
        end_date: merged.endDate,
        ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'internship.placement.update',
      entityType: 'internship_placement',
      entityId: id,
      before: toPlacement(row),
      after: input,
    });
    return loadOffer(trx, actor, row.offer_id);
  });
}

/** Removes an offer with its placements and item links (the database cascades them); the audit keeps the whole offer. */
export async function deleteOffer(db: Db, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = isUuid(id)
      ? await trx.selectFrom('internship_offer').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
      : undefined;
    if (!row || !canReadOffers(actor, row.municipality_code)) throw notFound('Praktikerbjudandet');
    const before = await loadOffer(trx, actor, id);
    if (!canEditOffer(actor, { municipalityCode: row.municipality_code, unitId: row.unit_id }))
      throw forbidden('En rapportör tar bara bort sin egen enhets praktikplatser.');
    if (row.version !== version) throw staleVersion('Praktikerbjudandet', before);
    await trx.deleteFrom('internship_offer').where('id', '=', id).where('version', '=', version).execute();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'internship.offer.delete',
      entityType: 'internship_offer',
      entityId: id,
      before,
      after: null,
    });
  });
}

/** Removes one placement (a mistaken registration); the offer it belonged to comes back without it. */
export async function deletePlacement(db: Db, actor: Actor, id: string, version: number): Promise<OfferView> {
  return db.transaction().execute(async (trx) => {
    const row = isUuid(id)
      ? await trx
          .selectFrom('internship_placement')
          .innerJoin('internship_offer', 'internship_offer.id', 'internship_placement.offer_id')
          .selectAll('internship_placement')
          .select(['internship_offer.municipality_code', 'internship_offer.unit_id'])
          .where('internship_placement.id', '=', id)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!row || !canReadOffers(actor, row.municipality_code)) throw notFound('Placeringen');
    if (!canEditOffer(actor, { municipalityCode: row.municipality_code, unitId: row.unit_id }))
      throw forbidden('En rapportör tar bara bort placeringar på sin egen enhets praktikplatser.');
    if (row.version !== version) throw staleVersion('Placeringen', toPlacement(row));
    await trx.deleteFrom('internship_placement').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'internship.placement.delete',
      entityType: 'internship_placement',
      entityId: id,
      before: toPlacement(row),
      after: null,
    });
    return loadOffer(trx, actor, row.offer_id);
  });
}

/** A municipality's placements, by the year they started: what the computed indicator and the summary count. */
export async function placementCounts(db: Executor, code: string): Promise<{ year: number; count: number; example: boolean }[]> {
  const rows = await db
    .selectFrom('internship_placement')
    .innerJoin('internship_offer', 'internship_offer.id', 'internship_placement.offer_id')
    .select(['internship_placement.start_date', 'internship_placement.example'])
    .where('internship_offer.municipality_code', '=', code)
    .execute();
  const examples = new Set(rows.filter((r) => r.example).map((r) => Number(r.start_date.slice(0, 4))));
  return placementsPerYear(rows.map((r) => ({ startDate: r.start_date }))).map((y) => ({ ...y, example: examples.has(y.year) }));
}

export interface InternshipSummary {
  municipality: { code: string; name: string };
  /** The yearly target the plan states for the offers' items (Österåker: 12–15), if any. */
  target: { min: number; max: number; item: ItemRefView } | null;
  years: { year: number; count: number; status: TargetStatus | null; example: boolean }[];
  offers: { open: number; filled: number; closed: number; places: number };
  canEdit: boolean;
  canReadOffers: boolean;
}

/** The yearly count against the target, for anyone: counts only, no offer's details. */
export async function internshipSummary(db: Executor, caller: Caller, code: string): Promise<InternshipSummary> {
  const name = await requireMunicipality(db, code);
  const offers = await db.selectFrom('internship_offer').select(['id', 'status', 'places']).where('municipality_code', '=', code).execute();
  const links =
    offers.length > 0
      ? await db
          .selectFrom('internship_offer_item')
          .innerJoin('item', 'item.id', 'internship_offer_item.item_id')
          .select(['internship_offer_item.item_id', 'item.target'])
          .where(
            'offer_id',
            'in',
            offers.map((o) => o.id),
          )
          .orderBy('item.id')
          .execute()
      : [];
  let target: InternshipSummary['target'] = null;
  for (const l of links) {
    const t = l.target;
    const min = t?.min ?? t?.value ?? null;
    const max = t?.max ?? t?.value ?? null;
    if (t && min !== null && max !== null && (t.per ?? 'year') === 'year') {
      const item = (await itemsOf(db, caller, [{ owner: 'x', item_id: l.item_id }])).get('x')?.[0];
      if (item) {
        target = { min, max, item };
        break;
      }
    }
  }
  const years = (await placementCounts(db, code)).map((y) => ({
    ...y,
    status: target ? targetStatus(y.count, target) : null,
  }));
  const count = (s: OfferStatus) => offers.filter((o) => o.status === s).length;
  return {
    municipality: { code, name },
    target,
    years,
    offers: { open: count('open'), filled: count('filled'), closed: count('closed'), places: offers.reduce((a, o) => a + o.places, 0) },
    canEdit: caller !== null && canEditOffer(caller, { municipalityCode: code, unitId: caller.unitIds[0] ?? null }),
    canReadOffers: canReadOffers(caller, code),
  };
}

/** The goals and activities of the municipality's plans the caller may read, in tree order: what a programme can serve. */
export async function linkableItems(db: Executor, caller: Caller, code: string): Promise<(ItemRefView & { documentTitle: string })[]> {
  await requireMunicipality(db, code);
  const rows = await db
    .selectFrom('item')
    .innerJoin('document', 'document.id', 'item.document_id')
    .select([
      'item.id',
      'item.parent_id',
      'item.kind',
      'item.document_id',
      'item.label',
      'item.number',
      'item.text',
      'item.position',
      'document.title',
      'document.status',
    ])
    .where('document.municipality_code', '=', code)
    .where('document.status', '<>', 'superseded')
    .execute();
  const readable = rows.filter((r) => canReadDocument(caller, { municipalityCode: code, status: r.status as 'draft' }));
  const children = new Map<string | null, typeof readable>();
  for (const r of readable) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  const out: (ItemRefView & { documentTitle: string })[] = [];
  // "Delmål 2, Aktivitet 1": an activity's own number repeats under every goal, so its goal comes first.
  const walk = (parent: string | null, documentId: string, parentReference: string | null) => {
    const kids = (children.get(parent) ?? []).filter((r) => r.document_id === documentId).sort((a, b) => a.position - b.position);
    for (const r of kids) {
      const own = referenceOf(r);
      const reference = parentReference && r.kind === 'activity' ? `${parentReference}, ${own}` : own;
      if (r.kind === 'goal' || r.kind === 'activity')
        out.push({ id: r.id, documentId: r.document_id, documentTitle: r.title, reference, text: r.text });
      walk(r.id, documentId, r.kind === 'goal' ? own : parentReference);
    }
  };
  const documents = [...new Map(readable.map((r) => [r.document_id, r.title])).entries()].sort(
    (a, b) => a[1].localeCompare(b[1], 'sv') || a[0].localeCompare(b[0]),
  );
  for (const [documentId] of documents) walk(null, documentId, null);
  return out;
}
