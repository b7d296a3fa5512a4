import { sql, type Kysely } from 'kysely';
import type { ActivityStatus, ActivityTranslations, Database } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, staleVersion, type FieldProblem } from '../../kernel/errors.ts';
import { canReadDocument, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { isUuid } from '../plans/service.ts';
import {
  addDays,
  canActFor,
  canEditActivity,
  canModerate,
  canReadActivity,
  canonicalRule,
  checkActivity,
  countByItemAndYear,
  expandSchedule,
  matchesSearch,
  occursOn,
  plainText,
  sanitiseDescription,
  statusAfterEdit,
  stockholmDay,
  type Occurrence,
  type Schedule,
  type SearchQuery,
  type YearCount,
} from './rules.ts';

/** The activity catalogue: organisers, activities, moderation, cancelled occurrences, links to plan items. */
type Db = Kysely<Database>;

export interface OrganiserView {
  id: string;
  kind: 'unit' | 'association';
  unitId: string | null;
  name: string;
  /** For the coordinator only. */
  orgNumber: string | null;
  contact: string | null;
  example: boolean;
  version: number;
}

export interface ActivityView {
  id: string;
  municipalityCode: string;
  organiser: { id: string; name: string; kind: 'unit' | 'association'; unitId: string | null };
  title: string;
  description: string;
  translations: ActivityTranslations;
  category: string;
  targetGroup: string;
  ageMin: number | null;
  ageMax: number | null;
  languages: string[];
  place: { name: string; address: string; accessibility: string };
  schedule: Schedule;
  cost: string;
  registration: string;
  contact: string;
  status: ActivityStatus;
  /** The coordinator's reason for a rejection, for those who may edit the activity. */
  moderationNote: string | null;
  publishedAt: string | null;
  example: boolean;
  version: number;
  items: { id: string; documentId: string; reference: string; text: string }[];
  cancellations: { date: string; reason: string }[];
  /** Occurrences in the requested window (past ones dropped). */
  occurrences: Occurrence[];
  canEdit: boolean;
}

export interface SearchResult {
  from: string;
  to: string;
  activities: ActivityView[];
}

export interface ActivityInput {
  organiserId?: string | undefined;
  unitId?: string | undefined;
  title: string;
  description?: string | undefined;
  translations?: ActivityTranslations | undefined;
  category: string;
  targetGroup?: string | undefined;
  ageMin?: number | null | undefined;
  ageMax?: number | null | undefined;
  languages?: string[] | undefined;
  placeName?: string | undefined;
  address?: string | undefined;
  accessibility?: string | undefined;
  startDate: string;
  startTime: string;
  durationMinutes: number;
  rrule?: string | null | undefined;
  until?: string | null | undefined;
  cost?: string | undefined;
  registration?: string | undefined;
  contact?: string | undefined;
  itemIds?: string[] | undefined;
  submit?: boolean | undefined;
}

export type ActivityPatch = Partial<Omit<ActivityInput, 'organiserId' | 'unitId' | 'submit'>> & { version: number };

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function fail(problems: FieldProblem[]): never {
  throw new AppError('validation', problems.map((p) => p.message).join(' '), { details: problems });
}

/** The default window: today and the coming 90 days (Stockholm). */
export function defaultWindow(now: Date, from?: string, to?: string): { from: string; to: string } {
  const start = from ?? stockholmDay(now);
  return { from: start, to: to ?? addDays(start, 90) };
}

async function requireMunicipality(db: Executor, code: string): Promise<string> {
  const row = await db.selectFrom('municipality').select('name').where('code', '=', code).executeTakeFirst();
  if (!row) throw notFound(`Kommunen ${code}`);
  return row.name;
}

interface CancellationJson {
  date: string;
  reason: string;
}
interface LinkedItemJson {
  id: string;
  document_id: string;
  label: string;
  number: string | null;
  text: string;
  parent_label: string | null;
  parent_number: string | null;
  status: string;
  municipality_code: string;
}

/**
 * An activity with its organiser, cancelled dates and linked plan items, in one statement: on this machine each
 * round trip to PostgreSQL costs the server more than the rows it brings (docs/performance.md), and a search asked
 * for the cancellations and links of its activities in two more.
 */
function activityQuery(db: Executor) {
  return db
    .selectFrom('activity')
    .innerJoin('organiser', 'organiser.id', 'activity.organiser_id')
    .selectAll('activity')
    .select(['organiser.name as organiser_name', 'organiser.kind as organiser_kind', 'organiser.unit_id as organiser_unit_id'])
    .select(
      sql<CancellationJson[]>`(select coalesce(json_agg(json_build_object('date', e.date, 'reason', e.reason) order by e.date), '[]')
        from activity_exception e where e.activity_id = activity.id)`.as('cancellations'),
    )
    .select(
      sql<LinkedItemJson[]>`(select coalesce(json_agg(json_build_object('id', item.id, 'document_id', item.document_id,
          'label', item.label, 'number', item.number, 'text', item.text, 'parent_label', parent.label,
          'parent_number', parent.number, 'status', document.status, 'municipality_code', document.municipality_code)
          order by item.position), '[]')
        from activity_item ai join item on item.id = ai.item_id join document on document.id = item.document_id
        left join item parent on parent.id = item.parent_id
        where ai.activity_id = activity.id)`.as('linked_items'),
    );
}
type ActivityRow = Awaited<ReturnType<ReturnType<typeof activityQuery>['executeTakeFirstOrThrow']>>;

const scheduleOf = (r: ActivityRow): Schedule => ({
  startDate: r.start_date,
  startTime: r.start_time,
  durationMinutes: r.duration_minutes,
  rrule: r.rrule,
  until: r.until,
});
const refOf = (r: ActivityRow) => ({ municipalityCode: r.municipality_code, organiserUnitId: r.organiser_unit_id, status: r.status });

/** The activity's own columns, as its audit records them (the joined cancellations and links are recorded apart). */
function activityColumns(row: ActivityRow) {
  const { cancellations, linked_items, ...columns } = row;
  return columns;
}

/** The cancelled dates and the plan items the caller may see, by activity, from the rows' own columns. */
function extras(caller: Caller, rows: readonly ActivityRow[]) {
  const cancellations = new Map<string, { date: string; reason: string }[]>();
  const items = new Map<string, ActivityView['items']>();
  for (const r of rows) {
    cancellations.set(
      r.id,
      r.cancellations.map((c) => ({ date: c.date, reason: c.reason })),
    );
    const visible: ActivityView['items'] = [];
    for (const l of r.linked_items) {
      if (!canReadDocument(caller, { municipalityCode: l.municipality_code, status: l.status as 'draft' })) continue;
      const own = l.number ? `${l.label} ${l.number}` : l.label;
      const parent = l.parent_label ? (l.parent_number ? `${l.parent_label} ${l.parent_number}` : l.parent_label) : null;
      visible.push({ id: l.id, documentId: l.document_id, reference: parent ? `${parent}, ${own}` : own, text: l.text });
    }
    items.set(r.id, visible);
  }
  return { cancellations, items };
}

function view(
  r: ActivityRow,
  caller: Caller,
  more: Awaited<ReturnType<typeof extras>>,
  window: { from: string; to: string } | null,
  now: Date | null,
): ActivityView {
  const canEdit = canEditActivity(caller, refOf(r));
  const cancellations = more.cancellations.get(r.id) ?? [];
  return {
    id: r.id,
    municipalityCode: r.municipality_code,
    organiser: { id: r.organiser_id, name: r.organiser_name, kind: r.organiser_kind, unitId: r.organiser_unit_id },
    title: r.title,
    description: r.description,
    translations: r.translations,
    category: r.category,
    targetGroup: r.target_group,
    ageMin: r.age_min,
    ageMax: r.age_max,
    languages: r.languages,
    place: { name: r.place_name, address: r.address, accessibility: r.accessibility },
    schedule: scheduleOf(r),
    cost: r.cost,
    registration: r.registration,
    contact: r.contact,
    status: r.status,
    moderationNote: canEdit ? r.moderation_note : null,
    publishedAt: iso(r.published_at),
    example: r.example,
    version: r.version,
    items: more.items.get(r.id) ?? [],
    cancellations,
    occurrences: window ? expandSchedule(scheduleOf(r), cancellations, window, now) : [],
    canEdit,
  };
}

// ---- reading ------------------------------------------------------------------------------------------------

/** The public search: published activities with an occurrence in the window that answer the query. */
export async function searchActivities(
  db: Db,
  caller: Caller,
  code: string,
  query: SearchQuery & { from?: string | undefined; to?: string | undefined },
  now = new Date(),
): Promise<SearchResult> {
  const window = defaultWindow(now, query.from, query.to);
  if (window.to < window.from) throw invalid('/to', 'Slutdatumet ligger före startdatumet.');
  if (addDays(window.from, 400) < window.to) throw invalid('/to', 'Sök högst ett drygt år i taget.');
  // The exact filters are asked of the database too, so that only their rows (descriptions and translations
  // included) are read and parsed; matchesSearch below stays the rule, and alone decides the text filters.
  let select = activityQuery(db).where('activity.municipality_code', '=', code).where('activity.status', '=', 'published');
  if (query.category) select = select.where('activity.category', '=', query.category);
  if (query.language) select = select.where(sql<boolean>`activity.languages @> jsonb_build_array(${query.language}::text)`);
  if (query.ageTo !== undefined) select = select.where(sql<boolean>`coalesce(activity.age_min, 0) <= ${query.ageTo}`);
  if (query.ageFrom !== undefined)
    select = select.where((eb) => eb.or([eb('activity.age_max', 'is', null), eb('activity.age_max', '>=', query.ageFrom as number)]));
  const rows = await select.orderBy('activity.title').execute();
  // An unknown municipality answers 404; asked only when nothing was found, it costs the common search nothing.
  if (rows.length === 0) await requireMunicipality(db, code);
  const matching = rows.filter((r) =>
    matchesSearch(
      {
        title: r.title,
        description: r.description,
        translations: r.translations,
        category: r.category,
        languages: r.languages,
        placeName: r.place_name,
        address: r.address,
        ageMin: r.age_min,
        ageMax: r.age_max,
      },
      query,
    ),
  );
  const more = extras(caller, matching);
  const activities = matching.map((r) => view(r, caller, more, window, now)).filter((a) => a.occurrences.length > 0);
  activities.sort((a, b) => (a.occurrences[0]?.start ?? '').localeCompare(b.occurrences[0]?.start ?? '') || a.title.localeCompare(b.title));
  return { ...window, activities };
}

async function loadActivity(db: Executor, id: string): Promise<ActivityRow> {
  if (!isUuid(id)) throw notFound('Aktiviteten');
  const row = await activityQuery(db).where('activity.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Aktiviteten');
  return row;
}

export async function getActivity(db: Executor, caller: Caller, id: string, now = new Date()): Promise<ActivityView> {
  const row = await loadActivity(db, id);
  if (!canReadActivity(caller, refOf(row))) throw notFound('Aktiviteten');
  const window = { from: stockholmDay(now), to: addDays(stockholmDay(now), 180) };
  return view(row, caller, extras(caller, [row]), window, now);
}

/** The activities a signed-in organiser or coordinator may work on, in every state, and the organisers she may use. */
export async function managedActivities(
  db: Db,
  actor: Actor,
  code: string,
  now = new Date(),
): Promise<{
  canModerate: boolean;
  organisers: OrganiserView[];
  units: { id: string; name: string }[];
  activities: ActivityView[];
}> {
  await requireMunicipality(db, code);
  const moderator = canModerate(actor, code);
  if (!moderator && !(actor.role === 'reporter' && actor.municipalityCode === code)) throw forbidden();
  const rows = await activityQuery(db).where('activity.municipality_code', '=', code).orderBy('activity.updated_at', 'desc').execute();
  const mine = rows.filter((r) => canEditActivity(actor, refOf(r)));
  const more = extras(actor, mine);
  const window = { from: stockholmDay(now), to: addDays(stockholmDay(now), 90) };
  const organiserRows = await db.selectFrom('organiser').selectAll().where('municipality_code', '=', code).orderBy('name').execute();
  const organisers = organiserRows
    .filter((o) => canActFor(actor, code, o.unit_id))
    .map((o) => ({
      id: o.id,
      kind: o.kind,
      unitId: o.unit_id,
      name: o.name,
      orgNumber: moderator ? o.org_number : null,
      contact: moderator ? o.contact : null,
      example: o.example,
      version: o.version,
    }));
  const unitRows = await db.selectFrom('unit').select(['id', 'name']).where('municipality_code', '=', code).orderBy('name').execute();
  const units = unitRows.filter((u) => canActFor(actor, code, u.id) && !organiserRows.some((o) => o.unit_id === u.id));
  return { canModerate: moderator, organisers, units, activities: mine.map((r) => view(r, actor, more, window, now)) };
}

// ---- organisers ------------------------------------------------------------------------------------------------

export interface OrganiserInput {
  name: string;
  orgNumber?: string | null | undefined;
  contact?: string | null | undefined;
}

/** The coordinator registers an association (an association with its own account is a partner unit instead). */
export async function createOrganiser(db: Db, actor: Actor, code: string, input: OrganiserInput): Promise<OrganiserView> {
  if (!canModerate(actor, code)) throw forbidden('Bara samordnaren registrerar föreningar.');
  const name = plainText(input.name);
  if (name === '') throw invalid('/name', 'Ge föreningen ett namn.');
  return db.transaction().execute(async (trx) => {
    await requireMunicipality(trx, code);
    const clash = await trx
      .selectFrom('organiser')
      .select('id')
      .where('municipality_code', '=', code)
      .where('name', '=', name)
      .executeTakeFirst();
    if (clash) throw invalid('/name', `Det finns redan en arrangör som heter ${name}.`);
    const row = await trx
      .insertInto('organiser')
      .values({ municipality_code: code, kind: 'association', name, org_number: input.orgNumber ?? null, contact: input.contact ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: 'organiser.create',
      entityType: 'organiser',
      entityId: row.id,
      before: null,
      after: row,
    });
    return { ...row, unitId: row.unit_id, orgNumber: row.org_number };
  });
}

async function organiserFor(
  trx: Executor,
  actor: Actor,
  code: string,
  input: { organiserId?: string | undefined; unitId?: string | undefined },
) {
  if (input.organiserId) {
    const o = await trx.selectFrom('organiser').selectAll().where('id', '=', input.organiserId).executeTakeFirst();
    if (!o || o.municipality_code !== code) throw invalid('/organiserId', 'Arrangören finns inte i kommunen.');
    if (!canActFor(actor, code, o.unit_id)) throw forbidden('Du kan inte lägga in aktiviteter för den arrangören.');
    return o;
  }
  if (!input.unitId) throw invalid('/organiserId', 'Välj arrangör: en förening eller en enhet.');
  const unit = await trx.selectFrom('unit').select(['id', 'name', 'municipality_code']).where('id', '=', input.unitId).executeTakeFirst();
  if (!unit || unit.municipality_code !== code) throw invalid('/unitId', 'Enheten finns inte i kommunen.');
  if (!canActFor(actor, code, unit.id)) throw forbidden('Du kan lägga in aktiviteter bara för din egen enhet.');
  const existing = await trx.selectFrom('organiser').selectAll().where('unit_id', '=', unit.id).executeTakeFirst();
  if (existing) return existing;
  // A unit becomes an organiser the first time it publishes; its name is the unit's.
  const taken = await trx
    .selectFrom('organiser')
    .select('id')
    .where('municipality_code', '=', code)
    .where('name', '=', unit.name)
    .executeTakeFirst();
  return trx
    .insertInto('organiser')
    .values({ municipality_code: code, kind: 'unit', unit_id: unit.id, name: taken ? `${unit.name} (enhet)` : unit.name })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- writing activities -------------------------------------------------------------------------------------

function cleanTranslations(t: ActivityTranslations | undefined): ActivityTranslations {
  const out: ActivityTranslations = {};
  for (const [lang, v] of Object.entries(t ?? {}))
    out[lang] = { title: plainText(v.title), description: sanitiseDescription(v.description) };
  return out;
}

function checkFields(values: {
  title: string;
  category: string;
  ageMin: number | null;
  ageMax: number | null;
  languages: string[];
  translations: ActivityTranslations;
  schedule: Schedule;
}) {
  const problems = checkActivity(values);
  if (problems.length > 0) fail(problems);
}

async function linkItemsIn(trx: Executor, activityId: string, code: string, itemIds: string[]) {
  const unique = [...new Set(itemIds)];
  if (unique.some((id) => !isUuid(id))) throw invalid('/itemIds', 'En punkt i planen finns inte.');
  if (unique.length > 0) {
    const found = await trx
      .selectFrom('item')
      .innerJoin('document', 'document.id', 'item.document_id')
      .select('item.id')
      .where('item.id', 'in', unique)
      .where('document.municipality_code', '=', code)
      .execute();
    if (found.length !== unique.length) throw invalid('/itemIds', 'En punkt finns inte i kommunens planer.');
  }
  await trx.deleteFrom('activity_item').where('activity_id', '=', activityId).execute();
  if (unique.length > 0)
    await trx
      .insertInto('activity_item')
      .values(unique.map((item_id) => ({ activity_id: activityId, item_id })))
      .execute();
}

export async function createActivity(db: Db, actor: Actor, code: string, input: ActivityInput, now = new Date()): Promise<ActivityView> {
  const values = {
    title: plainText(input.title),
    description: sanitiseDescription(input.description ?? ''),
    translations: cleanTranslations(input.translations),
    category: input.category,
    ageMin: input.ageMin ?? null,
    ageMax: input.ageMax ?? null,
    languages: [...new Set(input.languages ?? [])],
    schedule: {
      startDate: input.startDate,
      startTime: input.startTime,
      durationMinutes: input.durationMinutes,
      rrule: canonicalRule(input.rrule),
      until: input.until ?? null,
    },
  };
  checkFields(values);
  const id = await db.transaction().execute(async (trx) => {
    await requireMunicipality(trx, code);
    const organiser = await organiserFor(trx, actor, code, input);
    const row = await trx
      .insertInto('activity')
      .values({
        municipality_code: code,
        organiser_id: organiser.id,
        title: values.title,
        description: values.description,
        translations: JSON.stringify(values.translations),
        category: values.category,
        target_group: plainText(input.targetGroup ?? ''),
        age_min: values.ageMin,
        age_max: values.ageMax,
        languages: JSON.stringify(values.languages),
        place_name: plainText(input.placeName ?? ''),
        address: plainText(input.address ?? ''),
        accessibility: plainText(input.accessibility ?? ''),
        start_date: values.schedule.startDate,
        start_time: values.schedule.startTime,
        duration_minutes: values.schedule.durationMinutes,
        rrule: values.schedule.rrule,
        until: values.schedule.until,
        cost: plainText(input.cost ?? ''),
        registration: plainText(input.registration ?? ''),
        contact: plainText(input.contact ?? ''),
        status: input.submit ? 'pending' : 'draft',
        created_by: actor.username,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.itemIds) await linkItemsIn(trx, row.id, code, input.itemIds);
    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: 'activity.create',
      entityType: 'activity',
      entityId: row.id,
      before: null,
      after: { ...row, itemIds: input.itemIds ?? [] },
    });
    return row.id;
  });
  return getActivity(db, actor, id, now);
}

/** One write to an activity: loads it in the transaction, checks permission and version, bumps the version, audits. */
async function writeActivity(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  action: string,
  allowed: (row: ActivityRow) => boolean,
  change: (trx: Executor, row: ActivityRow) => Promise<Partial<Record<string, unknown>> | void>,
  now = new Date(),
): Promise<ActivityView> {
  await db.transaction().execute(async (trx) => {
    const row = await loadActivity(trx, id);
    if (!canReadActivity(actor, refOf(row))) throw notFound('Aktiviteten');
    if (!allowed(row)) throw forbidden();
    if (row.version !== version) throw staleVersion('Aktiviteten', await getActivity(trx, actor, id, now));
    // The item links are part of what the activity is for follow-up: the audit shows them before and after.
    const linkedIds = async () =>
      (await trx.selectFrom('activity_item').select('item_id').where('activity_id', '=', id).orderBy('item_id').execute()).map(
        (l) => l.item_id,
      );
    const itemIdsBefore = await linkedIds();
    const update = (await change(trx, row)) ?? {};
    const updated = await trx
      .updateTable('activity')
      .set({ ...update, version: row.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw staleVersion('Aktiviteten', await getActivity(trx, actor, id, now));
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action,
      entityType: 'activity',
      entityId: id,
      before: { ...activityColumns(row), itemIds: itemIdsBefore },
      after: { ...updated, itemIds: await linkedIds() },
    });
  });
  return getActivity(db, actor, id, now);
}

export function updateActivity(db: Db, actor: Actor, id: string, patch: ActivityPatch, now = new Date()): Promise<ActivityView> {
  return writeActivity(
    db,
    actor,
    id,
    patch.version,
    'activity.update',
    (r) => canEditActivity(actor, refOf(r)),
    async (trx, r) => {
      const translations = patch.translations !== undefined ? cleanTranslations(patch.translations) : r.translations;
      const schedule: Schedule = {
        startDate: patch.startDate ?? r.start_date,
        startTime: patch.startTime ?? r.start_time,
        durationMinutes: patch.durationMinutes ?? r.duration_minutes,
        rrule: patch.rrule !== undefined ? canonicalRule(patch.rrule) : r.rrule,
        until: patch.until !== undefined ? patch.until : r.until,
      };
      const values = {
        title: patch.title !== undefined ? plainText(patch.title) : r.title,
        category: patch.category ?? r.category,
        ageMin: patch.ageMin !== undefined ? patch.ageMin : r.age_min,
        ageMax: patch.ageMax !== undefined ? patch.ageMax : r.age_max,
        languages: patch.languages !== undefined ? [...new Set(patch.languages)] : r.languages,
        translations,
        schedule,
      };
      checkFields(values);
      if (patch.itemIds !== undefined) await linkItemsIn(trx, r.id, r.municipality_code, patch.itemIds);
      const text = (v: string | undefined, old: string) => (v !== undefined ? plainText(v) : old);
      const status = statusAfterEdit(r.status, canModerate(actor, r.municipality_code));
      return {
        title: values.title,
        description: patch.description !== undefined ? sanitiseDescription(patch.description) : r.description,
        translations: JSON.stringify(translations),
        category: values.category,
        target_group: text(patch.targetGroup, r.target_group),
        age_min: values.ageMin,
        age_max: values.ageMax,
        languages: JSON.stringify(values.languages),
        place_name: text(patch.placeName, r.place_name),
        address: text(patch.address, r.address),
        accessibility: text(patch.accessibility, r.accessibility),
        start_date: schedule.startDate,
        start_time: schedule.startTime,
        duration_minutes: schedule.durationMinutes,
        rrule: schedule.rrule,
        until: schedule.until,
        cost: text(patch.cost, r.cost),
        registration: text(patch.registration, r.registration),
        contact: text(patch.contact, r.contact),
        status,
      };
    },
    now,
  );
}

/** The organiser sends a draft (or a rejected activity, corrected) to the coordinator. */
export function submitActivity(db: Db, actor: Actor, id: string, version: number, now = new Date()): Promise<ActivityView> {
  return writeActivity(
    db,
    actor,
    id,
    version,
    'activity.submit',
    (r) => canEditActivity(actor, refOf(r)),
    async (_trx, r) => {
      if (r.status === 'pending' || r.status === 'published')
        throw new AppError(
          'conflict',
          r.status === 'pending' ? 'Aktiviteten väntar redan på granskning.' : 'Aktiviteten är redan publicerad.',
        );
      return { status: 'pending' };
    },
    now,
  );
}

/** The coordinator publishes, or rejects with a reason; she may also take a published activity down (reject). */
export function moderateActivity(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; decision: 'publish' | 'reject'; note?: string | null | undefined },
  now = new Date(),
): Promise<ActivityView> {
  return writeActivity(
    db,
    actor,
    id,
    input.version,
    `activity.${input.decision}`,
    (r) => canModerate(actor, r.municipality_code),
    async () => {
      const note = plainText(input.note ?? '');
      if (input.decision === 'reject' && note === '') throw invalid('/note', 'Skriv varför aktiviteten inte publiceras.');
      return input.decision === 'publish'
        ? { status: 'published', moderation_note: note || null, published_at: now }
        : { status: 'rejected', moderation_note: note };
    },
    now,
  );
}

/** Cancels one occurrence (with a reason shown to the public) or restores it. */
export function setOccurrence(
  db: Db,
  actor: Actor,
  id: string,
  date: string,
  input: { version: number; cancelled: boolean; reason?: string | undefined },
  now = new Date(),
): Promise<ActivityView> {
  return writeActivity(
    db,
    actor,
    id,
    input.version,
    input.cancelled ? 'activity.cancel-occurrence' : 'activity.restore-occurrence',
    (r) => canEditActivity(actor, refOf(r)),
    async (trx, r) => {
      if (!occursOn(scheduleOf(r), date)) throw invalid('/date', `Aktiviteten har inget tillfälle ${date}.`);
      await trx.deleteFrom('activity_exception').where('activity_id', '=', id).where('date', '=', date).execute();
      if (input.cancelled)
        await trx
          .insertInto('activity_exception')
          .values({ activity_id: id, date, reason: plainText(input.reason ?? '') })
          .execute();
    },
    now,
  );
}

/** The plan items an activity serves (its numbers then count in their follow-up). */
export function linkActivityItems(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; itemIds: string[] },
  now = new Date(),
): Promise<ActivityView> {
  return writeActivity(
    db,
    actor,
    id,
    input.version,
    'activity.link-items',
    (r) => canEditActivity(actor, refOf(r)),
    async (trx, r) => void (await linkItemsIn(trx, id, r.municipality_code, input.itemIds)),
    now,
  );
}

// ---- follow-up ---------------------------------------------------------------------------------------------

export interface ItemActivities {
  itemId: string;
  from: string;
  to: string;
  /** Published linked activities held in the window (at least one occurrence not cancelled). */
  activities: { id: string; title: string; organiser: string; occurrences: number; example: boolean }[];
  count: number;
  occurrences: number;
  years: YearCount[];
}

async function readableItem(db: Executor, caller: Caller, itemId: string) {
  if (!isUuid(itemId)) throw notFound('Punkten');
  const item = await db
    .selectFrom('item')
    .innerJoin('document', 'document.id', 'item.document_id')
    .select(['item.id', 'document.municipality_code', 'document.status'])
    .where('item.id', '=', itemId)
    .executeTakeFirst();
  if (!item || !canReadDocument(caller, { municipalityCode: item.municipality_code, status: item.status as 'draft' }))
    throw notFound('Punkten');
  return item;
}

async function linkedPublished(db: Executor, itemIds: string[]) {
  if (itemIds.length === 0) return [];
  const rows = await activityQuery(db)
    .innerJoin('activity_item', 'activity_item.activity_id', 'activity.id')
    .select('activity_item.item_id')
    .where('activity_item.item_id', 'in', itemIds)
    .where('activity.status', '=', 'published')
    .execute();
  return rows.map((r) => ({ row: r, itemId: r.item_id, cancellations: r.cancellations }));
}

/** The published activities linked to a plan item, held in [from, to] (default: this year), with counts per year. */
export async function itemActivities(
  db: Executor,
  caller: Caller,
  itemId: string,
  range: { from?: string | undefined; to?: string | undefined },
  now = new Date(),
): Promise<ItemActivities> {
  await readableItem(db, caller, itemId);
  const year = stockholmDay(now).slice(0, 4);
  const window = { from: range.from ?? `${year}-01-01`, to: range.to ?? `${year}-12-31` };
  if (window.to < window.from) throw invalid('/to', 'Slutdatumet ligger före startdatumet.');
  const linked = await linkedPublished(db, [itemId]);
  const expanded = linked.map((l) => ({ l, occurrences: expandSchedule(scheduleOf(l.row), l.cancellations, window) }));
  const held = expanded
    .map(({ l, occurrences }) => ({ l, held: occurrences.filter((o) => !o.cancelled) }))
    .filter((x) => x.held.length > 0);
  const years = countByItemAndYear(expanded.map((e) => ({ itemIds: [itemId], occurrences: e.occurrences }))).get(itemId) ?? [];
  return {
    itemId,
    ...window,
    activities: held.map(({ l, held }) => ({
      id: l.row.id,
      title: l.row.title,
      organiser: l.row.organiser_name,
      occurrences: held.length,
      example: l.row.example,
    })),
    count: held.length,
    occurrences: held.reduce((s, x) => s + x.held.length, 0),
    years,
  };
}

/** For a plan's items: linked published activities held per year, from the first to this year. */
export async function planActivityCounts(
  db: Db,
  caller: Caller,
  documentId: string,
  now = new Date(),
): Promise<{ itemId: string; years: YearCount[] }[]> {
  if (!isUuid(documentId)) throw notFound('Planen');
  const doc = await db.selectFrom('document').select(['municipality_code', 'status']).where('id', '=', documentId).executeTakeFirst();
  if (!doc || !canReadDocument(caller, { municipalityCode: doc.municipality_code, status: doc.status as 'draft' }))
    throw notFound('Planen');
  const items = await db.selectFrom('item').select('id').where('document_id', '=', documentId).execute();
  const linked = await linkedPublished(
    db,
    items.map((i) => i.id),
  );
  const to = `${stockholmDay(now).slice(0, 4)}-12-31`;
  const counts = countByItemAndYear(
    linked.map((l) => ({
      itemIds: [l.itemId],
      occurrences: expandSchedule(scheduleOf(l.row), l.cancellations, { from: l.row.start_date, to }),
    })),
  );
  return [...counts].map(([itemId, years]) => ({ itemId, years }));
}
