import type { Kysely } from 'kysely';
import type { Database, TrainingAudience, TrainingKind } from '../../db/schema.ts';
import { forbidden, invalid, notFound, staleVersion } from '../../kernel/errors.ts';
import { canEditPlan, canReadDocument, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { itemActivities } from '../catalogue/service.ts';
import { fundProjectsOfItem } from '../fund/service.ts';
import { matchingOfItem } from '../matching/service.ts';
import { referenceOf } from '../follow-up/structure.ts';
import { isUuid } from '../plans/service.ts';
import { checkItems, fail, itemsOf, requireMunicipality, type ItemRefView } from '../internships/service.ts';
import { canReadOffers } from '../internships/rules.ts';
import {
  checkCoverageTarget,
  checkTraining,
  coverage,
  supervisorStatus,
  type Coverage,
  type SupervisorStatus,
  type TrainingFacts,
} from './rules.ts';

/** Trainings and events, the units they reached, and coverage targets ("alla chefer", "alla enheter"). */
type Db = Kysely<Database>;

export interface TrainingView {
  id: string;
  municipalityCode: string;
  kind: TrainingKind;
  title: string;
  date: string;
  organiser: string;
  audience: TrainingAudience;
  participants: number | null;
  units: { id: string; name: string; trained: number }[];
  items: ItemRefView[];
  example: boolean;
  version: number;
}

export interface TrainingInput {
  kind: TrainingKind;
  title: string;
  date: string;
  organiser?: string | undefined;
  audience?: TrainingAudience | undefined;
  participants: number | null;
  units?: { unitId: string; trained?: number | undefined }[] | undefined;
  itemIds?: string[] | undefined;
}

export interface TargetInput {
  title: string;
  kind: TrainingKind;
  measure: 'units' | 'people';
  denominator: number | null;
  byDate: string | null;
}

export interface TargetView extends TargetInput {
  id: string;
  coverage: Coverage;
  example: boolean;
  version: number;
}

const today = () => new Date().toISOString().slice(0, 10);

/** The units a programme counts: the municipality's own, not external partners. */
async function ownUnits(db: Executor, code: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'kind'])
    .where('municipality_code', '=', code)
    .where('kind', '<>', 'partner')
    .execute()
    .then((rows) => rows.sort((a, b) => a.name.localeCompare(b.name, 'sv')));
}

async function trainingViews(db: Executor, caller: Caller, where: { code?: string; id?: string; ids?: string[] }): Promise<TrainingView[]> {
  let query = db.selectFrom('training').selectAll().orderBy('held_on', 'desc').orderBy('id');
  if (where.code) query = query.where('municipality_code', '=', where.code);
  if (where.id) query = query.where('id', '=', where.id);
  if (where.ids) query = query.where('id', 'in', where.ids.length > 0 ? where.ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [units, links] = await Promise.all([
    db
      .selectFrom('training_unit')
      .innerJoin('unit', 'unit.id', 'training_unit.unit_id')
      .select(['training_unit.training_id', 'unit.id', 'unit.name', 'training_unit.trained'])
      .where('training_id', 'in', ids)
      .orderBy('unit.name')
      .execute(),
    db.selectFrom('training_item').select(['training_id as owner', 'item_id']).where('training_id', 'in', ids).execute(),
  ]);
  const items = await itemsOf(db, caller, links);
  return rows.map((r) => ({
    id: r.id,
    municipalityCode: r.municipality_code,
    kind: r.kind,
    title: r.title,
    date: r.held_on,
    organiser: r.organiser,
    audience: r.audience,
    participants: r.participants,
    units: units.filter((u) => u.training_id === r.id).map((u) => ({ id: u.id, name: u.name, trained: u.trained })),
    items: items.get(r.id) ?? [],
    example: r.example,
    version: r.version,
  }));
}

export async function listTrainings(
  db: Executor,
  caller: Caller,
  code: string,
  filter: { kind?: TrainingKind | undefined; year?: number | undefined } = {},
): Promise<{ trainings: TrainingView[]; canEdit: boolean }> {
  await requireMunicipality(db, code);
  const all = await trainingViews(db, caller, { code });
  return {
    trainings: all.filter((t) => (!filter.kind || t.kind === filter.kind) && (!filter.year || t.date.startsWith(String(filter.year)))),
    canEdit: canEditPlan(caller, code),
  };
}

async function loadTraining(db: Executor, caller: Caller, id: string): Promise<TrainingView> {
  const [t] = isUuid(id) ? await trainingViews(db, caller, { id }) : [];
  if (!t) throw notFound('Utbildningen');
  return t;
}

async function setUnitsAndItems(trx: Executor, code: string, id: string, input: Partial<TrainingInput>): Promise<void> {
  if (input.units) {
    const ids = input.units.map((u) => u.unitId);
    if (new Set(ids).size !== ids.length) throw invalid('/units', 'En enhet står två gånger.');
    if (ids.length > 0) {
      const known = ids.every(isUuid)
        ? await trx.selectFrom('unit').select('id').where('id', 'in', ids).where('municipality_code', '=', code).execute()
        : [];
      if (known.length !== ids.length) throw invalid('/units', 'En enhet finns inte i kommunen.');
    }
    await trx.deleteFrom('training_unit').where('training_id', '=', id).execute();
    if (input.units.length > 0)
      await trx
        .insertInto('training_unit')
        .values(input.units.map((u) => ({ training_id: id, unit_id: u.unitId, trained: u.trained ?? 1 })))
        .execute();
  }
  if (input.itemIds) {
    await checkItems(trx, code, input.itemIds);
    await trx.deleteFrom('training_item').where('training_id', '=', id).execute();
    const ids = [...new Set(input.itemIds)];
    if (ids.length > 0)
      await trx
        .insertInto('training_item')
        .values(ids.map((item_id) => ({ training_id: id, item_id })))
        .execute();
  }
}

const checked = (input: TrainingInput) => checkTraining({ ...input, units: (input.units ?? []).map((u) => ({ trained: u.trained ?? 1 })) });

export async function createTraining(db: Db, actor: Actor, code: string, input: TrainingInput, example = false): Promise<TrainingView> {
  if (!canEditPlan(actor, code)) throw forbidden('Samordnaren registrerar utbildningar och evenemang.');
  const problems = checked(input);
  if (problems.length > 0) fail(problems);
  return db.transaction().execute(async (trx) => {
    await requireMunicipality(trx, code);
    const row = await trx
      .insertInto('training')
      .values({
        municipality_code: code,
        kind: input.kind,
        title: input.title.trim(),
        held_on: input.date,
        organiser: input.organiser?.trim() ?? '',
        audience: input.audience ?? 'staff',
        participants: input.participants,
        example,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setUnitsAndItems(trx, code, row.id, input);
    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: 'training.create',
      entityType: 'training',
      entityId: row.id,
      before: null,
      after: input,
    });
    return loadTraining(trx, actor, row.id);
  });
}

export async function updateTraining(
  db: Db,
  actor: Actor,
  id: string,
  input: Partial<TrainingInput> & { version: number },
): Promise<TrainingView> {
  return db.transaction().execute(async (trx) => {
    const row = isUuid(id) ? await trx.selectFrom('training').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
    if (!row) throw notFound('Utbildningen');
    if (!canEditPlan(actor, row.municipality_code)) throw forbidden('Samordnaren ändrar utbildningar och evenemang.');
    const before = await loadTraining(trx, actor, id);
    if (row.version !== input.version) throw staleVersion('Utbildningen', before);
    const merged: TrainingInput = {
      kind: input.kind ?? row.kind,
      title: input.title ?? row.title,
      date: input.date ?? row.held_on,
      participants: input.participants !== undefined ? input.participants : row.participants,
      units: input.units ?? before.units.map((u) => ({ unitId: u.id, trained: u.trained })),
    };
    const problems = checked(merged);
    if (problems.length > 0) fail(problems);
    await setUnitsAndItems(trx, row.municipality_code, id, input);
    await trx
      .updateTable('training')
      .set({
        kind: merged.kind,
        title: merged.title.trim(),
        held_on: merged.date,
        participants: merged.participants,
        ...(input.organiser !== undefined ? { organiser: input.organiser.trim() } : {}),
        ...(input.audience !== undefined ? { audience: input.audience } : {}),
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const { version, ...changes } = input;
    void version;
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'training.update',
      entityType: 'training',
      entityId: id,
      before,
      after: changes,
    });
    return loadTraining(trx, actor, id);
  });
}

/** Removes a training with its units and item links (the database cascades them); the audit keeps the whole training. */
export async function deleteTraining(db: Db, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = isUuid(id) ? await trx.selectFrom('training').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
    if (!row) throw notFound('Utbildningen');
    if (!canEditPlan(actor, row.municipality_code)) throw forbidden('Samordnaren tar bort utbildningar och evenemang.');
    const before = await loadTraining(trx, actor, id);
    if (row.version !== version) throw staleVersion('Utbildningen', before);
    await trx.deleteFrom('training').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'training.delete',
      entityType: 'training',
      entityId: id,
      before,
      after: null,
    });
  });
}

async function facts(db: Executor, code: string): Promise<TrainingFacts[]> {
  const views = await trainingViews(db, null, { code });
  return views.map((t) => ({
    kind: t.kind,
    date: t.date,
    participants: t.participants,
    units: t.units.map((u) => ({ unitId: u.id, trained: u.trained })),
  }));
}

/** Coverage of every target, as of its own date (or today): readable by anyone, it is counts only. */
export async function listTargets(
  db: Executor,
  caller: Caller,
  code: string,
  asOf?: string,
): Promise<{ targets: TargetView[]; canEdit: boolean }> {
  await requireMunicipality(db, code);
  const [rows, units, all] = await Promise.all([
    db
      .selectFrom('coverage_target')
      .selectAll()
      .where('municipality_code', '=', code)
      .execute()
      .then((rows) => rows.sort((a, b) => a.title.localeCompare(b.title, 'sv'))),
    ownUnits(db, code),
    facts(db, code),
  ]);
  const unitIds = units.map((u) => u.id);
  return {
    targets: rows.map((r) => {
      const target = { title: r.title, kind: r.kind, measure: r.measure, denominator: r.denominator, byDate: r.by_date };
      return {
        id: r.id,
        ...target,
        coverage: coverage(target, unitIds, all, asOf ?? r.by_date ?? today()),
        example: r.example,
        version: r.version,
      };
    }),
    canEdit: canEditPlan(caller, code),
  };
}

export async function saveTarget(
  db: Db,
  actor: Actor,
  code: string,
  id: string | null,
  input: TargetInput & { version?: number | undefined },
  example = false,
): Promise<TargetView> {
  if (!canEditPlan(actor, code)) throw forbidden('Samordnaren sätter täckningsmål.');
  const problems = checkCoverageTarget(input);
  if (problems.length > 0) fail(problems);
  return db.transaction().execute(async (trx) => {
    await requireMunicipality(trx, code);
    const values = {
      title: input.title.trim(),
      kind: input.kind,
      measure: input.measure,
      denominator: input.denominator,
      by_date: input.byDate,
    };
    let targetId: string;
    let before: unknown = null;
    if (id === null) {
      targetId = (
        await trx
          .insertInto('coverage_target')
          .values({ ...values, municipality_code: code, example })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      const row = isUuid(id)
        ? await trx.selectFrom('coverage_target').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
        : undefined;
      if (!row || row.municipality_code !== code) throw notFound('Målet');
      before = row;
      if (row.version !== input.version)
        throw staleVersion('Målet', (await listTargets(trx, actor, code)).targets.find((t) => t.id === id) ?? null);
      await trx
        .updateTable('coverage_target')
        .set({ ...values, version: row.version + 1, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      targetId = id;
    }
    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: id === null ? 'training.target.create' : 'training.target.update',
      entityType: 'coverage_target',
      entityId: targetId,
      before,
      after: input,
    });
    return (await listTargets(trx, actor, code)).targets.find((t) => t.id === targetId) as TargetView;
  });
}

export interface SupervisorsView {
  asOf: string;
  units: (SupervisorStatus & { name: string })[];
  lacking: number;
}

/** Units × trained supervisor as of a date: which units lack one (Laxå: all units by 2016). */
export async function supervisors(db: Executor, code: string, asOf?: string): Promise<SupervisorsView> {
  await requireMunicipality(db, code);
  const date = asOf ?? today();
  const units = await ownUnits(db, code);
  const status = supervisorStatus(
    units.map((u) => u.id),
    await facts(db, code),
    date,
  );
  const rows = status.map((s, i) => ({ ...s, name: units[i]?.name ?? '' }));
  return { asOf: date, units: rows, lacking: rows.filter((r) => !r.hasTrained).length };
}

export interface ItemProgrammes {
  item: ItemRefView;
  municipalityCode: string;
  period: { from: string | null; to: string | null };
  trainings: TrainingView[];
  /** Offers serving the item, without the supervisor's name unless the caller may read offers. */
  offers: { id: string; unit: string | null; employer: string | null; tasks: string; places: number; status: string; placements: number }[];
  placements: number;
  /** Published catalogue activities linked to the item and held in the period (this year when no period is given). */
  activities: {
    from: string;
    to: string;
    count: number;
    occurrences: number;
    list: { id: string; title: string; organiser: string; occurrences: number; example: boolean }[];
  };
  /** Integration fund projects serving the item (filled by the fund capability). */
  projects: { id: string; title: string; organisation: string; year: number; grantedSek: number; status: string }[];
  /** Buddy / friend-family matching programmes serving the item (filled by the matching capability). */
  matching: { programmeId: string; name: string; active: number; ended: number; waiting: number }[];
}

/** What the programmes did for one plan item, optionally within a period: what a reporter sees beside her report. */
export async function programmesOfItem(db: Executor, caller: Caller, itemId: string, from?: string, to?: string): Promise<ItemProgrammes> {
  const item = isUuid(itemId)
    ? await db
        .selectFrom('item')
        .innerJoin('document', 'document.id', 'item.document_id')
        .select(['item.id', 'item.document_id', 'item.label', 'item.number', 'item.text', 'document.status', 'document.municipality_code'])
        .where('item.id', '=', itemId)
        .executeTakeFirst()
    : undefined;
  if (!item || !canReadDocument(caller, { municipalityCode: item.municipality_code, status: item.status as 'draft' }))
    throw notFound('Punkten');
  const inPeriod = (date: string) => (!from || date >= from) && (!to || date <= to);
  const trainingIds = (await db.selectFrom('training_item').select('training_id').where('item_id', '=', itemId).execute()).map(
    (r) => r.training_id,
  );
  const trainings = (await trainingViews(db, caller, { ids: trainingIds })).filter((t) => inPeriod(t.date));
  const offers = await db
    .selectFrom('internship_offer_item')
    .innerJoin('internship_offer', 'internship_offer.id', 'internship_offer_item.offer_id')
    .leftJoin('unit', 'unit.id', 'internship_offer.unit_id')
    .select([
      'internship_offer.id',
      'unit.name as unit',
      'internship_offer.employer',
      'internship_offer.tasks',
      'internship_offer.places',
      'internship_offer.status',
    ])
    .where('internship_offer_item.item_id', '=', itemId)
    .orderBy('internship_offer.period_from')
    .execute();
  const placements =
    offers.length > 0
      ? await db
          .selectFrom('internship_placement')
          .select(['offer_id', 'start_date'])
          .where(
            'offer_id',
            'in',
            offers.map((o) => o.id),
          )
          .execute()
      : [];
  const counted = placements.filter((p) => inPeriod(p.start_date));
  const detailed = canReadOffers(caller, item.municipality_code);
  const activities = await itemActivities(db, caller, itemId, { from, to });
  return {
    item: { id: item.id, documentId: item.document_id, reference: referenceOf(item), text: item.text },
    municipalityCode: item.municipality_code,
    period: { from: from ?? null, to: to ?? null },
    trainings,
    offers: offers.map((o) => ({
      id: o.id,
      unit: o.unit,
      employer: detailed ? o.employer : null,
      tasks: o.tasks,
      places: o.places,
      status: o.status,
      placements: counted.filter((p) => p.offer_id === o.id).length,
    })),
    placements: counted.length,
    activities: {
      from: activities.from,
      to: activities.to,
      count: activities.count,
      occurrences: activities.occurrences,
      list: activities.activities,
    },
    projects: await fundProjectsOfItem(db, caller, itemId, from, to),
    matching: await matchingOfItem(db, itemId, from, to),
  };
}

/** Whether anything served the item: the plan shows the programmes only under the items they served. */
export const servedAnything = (p: ItemProgrammes): boolean =>
  p.trainings.length > 0 || p.offers.length > 0 || p.activities.count > 0 || p.projects.length > 0 || p.matching.length > 0;

/**
 * The programmes of every goal and activity of a plan that something served, in one answer for the plan view.
 * Item by item through programmesOfItem, so that what the fund and matching capabilities add there shows here too;
 * a programme that links items through a new table adds it to the list below.
 */
export async function programmesOfPlan(
  db: Executor,
  caller: Caller,
  documentId: string,
  from?: string,
  to?: string,
): Promise<ItemProgrammes[]> {
  const doc = isUuid(documentId)
    ? await db.selectFrom('document').select(['municipality_code', 'status']).where('id', '=', documentId).executeTakeFirst()
    : undefined;
  if (!doc || !canReadDocument(caller, { municipalityCode: doc.municipality_code, status: doc.status as 'draft' }))
    throw notFound('Planen');
  // Only items some programme links to are worth asking about: one query instead of a dozen per item.
  const items = await db
    .selectFrom('item')
    .select('item.id')
    .where('item.document_id', '=', documentId)
    .where('item.kind', 'in', ['goal', 'activity'])
    .where((eb) =>
      eb.or(
        (['training_item', 'internship_offer_item', 'activity_item', 'fund_application_item', 'matching_programme_item'] as const).map(
          (table) => eb.exists(eb.selectFrom(table).select('item_id').whereRef(`${table}.item_id`, '=', 'item.id')),
        ),
      ),
    )
    .orderBy('item.position')
    .execute();
  const out: ItemProgrammes[] = [];
  for (const { id } of items) {
    const served = await programmesOfItem(db, caller, id, from, to);
    if (servedAnything(served)) out.push(served);
  }
  return out;
}
