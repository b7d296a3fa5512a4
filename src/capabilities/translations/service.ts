import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, forbidden, notFound, staleVersion, type FieldProblem } from '../../kernel/errors.ts';
import { canEditPlan, canReadDocument, type Actor, type Caller, type DocumentRef } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { canReadActivity } from '../catalogue/rules.ts';
import { isUuid } from '../plans/service.ts';
import type { Lang } from '../portal/languages.ts';
import {
  checkTranslation,
  isTranslationLang,
  kindFields,
  kindProblem,
  langProblem,
  type TranslatableKind,
  type TranslationInput,
  type TranslationLang,
} from './rules.ts';

export type { TranslatableKind } from './rules.ts';

/** The translated texts of one entity in one language; a field is absent when only the Swedish exists. */
export interface TranslatedFields {
  title?: string;
  description?: string;
}

/**
 * The translations of many entities of one kind into one language, for a public page: one query whatever the
 * count. The caller has already decided which entities the reader may see; Swedish is the original, so 'sv' (and
 * a language nobody translates into) gives an empty map without asking the database.
 *
 * Activities still carry the catalogue's older JSON translations (migration 0005): where no row exists here, the
 * JSON's entry is used, so what an organiser entered through the catalogue API shows too.
 */
export async function loadTranslations(
  db: Executor,
  kind: TranslatableKind,
  ids: string[],
  lang: Lang,
): Promise<Map<string, TranslatedFields>> {
  const result = new Map<string, TranslatedFields>();
  const unique = [...new Set(ids)];
  if (lang === 'sv' || !isTranslationLang(lang) || unique.length === 0) return result;
  const rows =
    kind === 'activity'
      ? (
          await sql<{ entity_id: string; title: string; description: string | null }>`
            select entity_id, title, description from content_translation
            where kind = 'activity' and lang = ${lang} and entity_id in (${sql.join(unique)})
            union all
            select a.id::text, a.translations -> ${lang} ->> 'title', a.translations -> ${lang} ->> 'description'
            from activity a
            where a.id in (${sql.join(uuidsOr(unique))})
              and coalesce(btrim(a.translations -> ${lang} ->> 'title'), '') <> ''
              and not exists (select 1 from content_translation t
                              where t.kind = 'activity' and t.entity_id = a.id::text and t.lang = ${lang})`.execute(db)
        ).rows
      : await db
          .selectFrom('content_translation')
          .select(['entity_id', 'title', 'description'])
          .where('kind', '=', kind)
          .where('lang', '=', lang)
          .where('entity_id', 'in', unique)
          .execute();
  for (const r of rows) {
    const fields: TranslatedFields = { title: r.title };
    if (r.description !== null && r.description.trim() !== '') fields.description = r.description;
    result.set(r.entity_id, fields);
  }
  return result;
}

/** `in ()` is not SQL: a list without a single uuid asks for the nil uuid, which no row has. */
function uuidsOr(ids: string[]): string[] {
  const uuids = ids.filter(isUuid);
  return uuids.length > 0 ? uuids : ['00000000-0000-0000-0000-000000000000'];
}

export interface TranslationView {
  lang: TranslationLang;
  title: string;
  description: string | null;
  /** null for an activity's translation still kept only in the catalogue's JSON: saving it creates the row. */
  version: number | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface EntityTranslations {
  kind: TranslatableKind;
  entityId: string;
  municipalityCode: string;
  /** The Swedish original, to translate from. */
  original: { title: string; description: string | null };
  /** Whether the kind has a description, and whether it is HTML. */
  fields: { description: boolean; html: boolean };
  canEdit: boolean;
  /** One per language that has a translation, in the order of the public language chooser. */
  translations: TranslationView[];
}

interface Entity {
  municipalityCode: string;
  title: string;
  description: string | null;
  /** Translations an activity still has in the catalogue's JSON. */
  legacy: Record<string, { title: string; description: string }>;
  readable: (caller: Caller) => boolean;
}

/** The entity a translation belongs to, and who may read it: the same rule as reading the entity itself. */
async function loadEntity(db: Executor, kind: TranslatableKind, id: string): Promise<Entity | undefined> {
  if (!isUuid(id)) return undefined;
  if (kind === 'document') {
    const d = await db.selectFrom('document').select(['municipality_code', 'status', 'title']).where('id', '=', id).executeTakeFirst();
    if (!d) return undefined;
    const ref: DocumentRef = { municipalityCode: d.municipality_code, status: d.status as DocumentRef['status'] };
    return {
      municipalityCode: d.municipality_code,
      title: d.title,
      description: null,
      legacy: {},
      readable: (c) => canReadDocument(c, ref),
    };
  }
  if (kind === 'item') {
    const i = await db
      .selectFrom('item')
      .innerJoin('document', 'document.id', 'item.document_id')
      .select(['document.municipality_code', 'document.status', 'item.text'])
      .where('item.id', '=', id)
      .executeTakeFirst();
    if (!i) return undefined;
    // An item is as public as its plan: a draft's items stay within the municipality.
    const ref: DocumentRef = { municipalityCode: i.municipality_code, status: i.status as DocumentRef['status'] };
    return {
      municipalityCode: i.municipality_code,
      title: i.text,
      description: null,
      legacy: {},
      readable: (c) => canReadDocument(c, ref),
    };
  }
  if (kind === 'activity') {
    const a = await db
      .selectFrom('activity')
      .innerJoin('organiser', 'organiser.id', 'activity.organiser_id')
      .select([
        'activity.municipality_code',
        'activity.status',
        'activity.title',
        'activity.description',
        'activity.translations',
        'organiser.unit_id',
      ])
      .where('activity.id', '=', id)
      .executeTakeFirst();
    if (!a) return undefined;
    const ref = { municipalityCode: a.municipality_code, organiserUnitId: a.unit_id, status: a.status };
    return {
      municipalityCode: a.municipality_code,
      title: a.title,
      description: a.description,
      legacy: a.translations,
      readable: (c) => canReadActivity(c, ref),
    };
  }
  // A guide entry is public as a whole (organisational contacts only); its organisation's name is the title and
  // what it does for a newcomer the description. How to reach it (addresses, numbers) is left as written.
  const g = await db
    .selectFrom('guide_entry')
    .select(['municipality_code', 'actor', 'responsibilities'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!g) return undefined;
  return { municipalityCode: g.municipality_code, title: g.actor, description: g.responsibilities, legacy: {}, readable: () => true };
}

function refuse(problem: FieldProblem | null): void {
  if (problem) throw new AppError('validation', problem.message, { details: [problem] });
}

async function readableEntity(db: Executor, caller: Caller, kind: string, id: string, lang?: string) {
  refuse(kindProblem(kind));
  if (lang !== undefined) refuse(langProblem(lang));
  const k = kind as TranslatableKind;
  const entity = await loadEntity(db, k, id);
  // Not readable is not there: a draft's items do not exist to outsiders.
  if (!entity || !entity.readable(caller)) throw notFound(kindFields[k].noun);
  return { kind: k, entity };
}

const order = (lang: string) => ['en', 'ar', 'ti', 'so', 'prs'].indexOf(lang);

async function viewsOf(db: Executor, kind: TranslatableKind, id: string, entity: Entity): Promise<TranslationView[]> {
  const rows = await db
    .selectFrom('content_translation')
    .select(['lang', 'title', 'description', 'version', 'updated_by', 'updated_at'])
    .where('kind', '=', kind)
    .where('entity_id', '=', id)
    .execute();
  const views: TranslationView[] = rows.map((r) => ({
    lang: r.lang,
    title: r.title,
    description: r.description,
    version: r.version,
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
  for (const [lang, t] of Object.entries(entity.legacy)) {
    if (!isTranslationLang(lang) || views.some((v) => v.lang === lang) || t.title.trim() === '') continue;
    views.push({ lang, title: t.title, description: t.description || null, version: null, updatedBy: null, updatedAt: null });
  }
  return views.sort((a, b) => order(a.lang) - order(b.lang));
}

/** Every translation of one entity, for staff: what the public sees in each language. */
export async function listTranslations(db: Executor, caller: Caller, kind: string, id: string): Promise<EntityTranslations> {
  const { kind: k, entity } = await readableEntity(db, caller, kind, id);
  return {
    kind: k,
    entityId: id,
    municipalityCode: entity.municipalityCode,
    original: { title: entity.title, description: entity.description },
    fields: { description: kindFields[k].description, html: kindFields[k].html },
    canEdit: canEditPlan(caller, entity.municipalityCode),
    translations: await viewsOf(db, k, id, entity),
  };
}

export interface SaveInput extends TranslationInput {
  /** The version the translation was based on; absent when adding one. */
  version?: number | undefined;
}

/**
 * Translating is part of editing the entity's public text: coordinators of its municipality and administrators,
 * the same as who edits a plan and moderates the catalogue. Reporters translate nothing: a reporter's edit of an
 * activity goes through moderation, and a translation would slip past it.
 */
function requireEditor(caller: Actor, entity: Entity): void {
  if (!canEditPlan(caller, entity.municipalityCode)) throw forbidden('Bara kommunens samordnare kan ändra översättningar.');
}

/** Adds or changes one language's translation: one transaction, checked against the version it was based on. */
export async function saveTranslation(
  db: Kysely<Database>,
  actor: Actor,
  kind: string,
  id: string,
  lang: string,
  input: SaveInput,
): Promise<EntityTranslations> {
  return db.transaction().execute(async (trx) => {
    const { kind: k, entity } = await readableEntity(trx, actor, kind, id, lang);
    const l = lang as TranslationLang;
    requireEditor(actor, entity);
    const { value, problems } = checkTranslation(k, input);
    if (problems.length > 0) throw new AppError('validation', problems.map((p) => p.message).join(' '), { details: problems });
    const before = await trx
      .selectFrom('content_translation')
      .selectAll()
      .where('kind', '=', k)
      .where('entity_id', '=', id)
      .where('lang', '=', l)
      .forUpdate()
      .executeTakeFirst();
    const what = `Översättningen till ${lang}`;
    const current = async () => (await viewsOf(trx, k, id, entity)).find((v) => v.lang === l) ?? null;
    if (before === undefined) {
      // Adding: a version sent means it was based on a translation someone has since removed.
      if (input.version !== undefined) throw staleVersion(what, await current());
      const inserted = await trx
        .insertInto('content_translation')
        .values({ municipality_code: entity.municipalityCode, kind: k, entity_id: id, lang: l, ...value, updated_by: actor.username })
        .onConflict((oc) => oc.columns(['kind', 'entity_id', 'lang']).doNothing())
        .returning('id')
        .executeTakeFirst();
      // Two people adding the same language at once: the second is told, not silently overwritten.
      if (!inserted) throw staleVersion(what, await current());
    } else {
      if (input.version !== before.version) throw staleVersion(what, await current());
      await trx
        .updateTable('content_translation')
        .set({ ...value, version: before.version + 1, updated_by: actor.username, updated_at: new Date() })
        .where('id', '=', before.id)
        .where('version', '=', before.version)
        .execute();
    }
    if (k === 'activity') await mirrorToCatalogue(trx, id, l, value);
    await recordAudit(trx, actor, {
      municipalityCode: entity.municipalityCode,
      action: 'translation.save',
      entityType: k,
      entityId: id,
      before: before ? { lang: l, title: before.title, description: before.description } : null,
      after: { lang: l, ...value },
    });
    return listTranslationsIn(trx, actor, k, id, entity);
  });
}

/** Removes one language's translation; the public pages then show the Swedish text, marked as not translated. */
export async function deleteTranslation(
  db: Kysely<Database>,
  actor: Actor,
  kind: string,
  id: string,
  lang: string,
  version: number,
): Promise<EntityTranslations> {
  return db.transaction().execute(async (trx) => {
    const { kind: k, entity } = await readableEntity(trx, actor, kind, id, lang);
    const l = lang as TranslationLang;
    requireEditor(actor, entity);
    const before = await trx
      .selectFrom('content_translation')
      .selectAll()
      .where('kind', '=', k)
      .where('entity_id', '=', id)
      .where('lang', '=', l)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound(`Översättningen till ${lang}`);
    if (before.version !== version)
      throw staleVersion(
        `Översättningen till ${lang}`,
        (await viewsOf(trx, k, id, entity)).find((v) => v.lang === l),
      );
    await trx.deleteFrom('content_translation').where('id', '=', before.id).execute();
    if (k === 'activity') await mirrorToCatalogue(trx, id, l, null);
    await recordAudit(trx, actor, {
      municipalityCode: entity.municipalityCode,
      action: 'translation.delete',
      entityType: k,
      entityId: id,
      before: { lang: l, title: before.title, description: before.description },
      after: null,
    });
    return listTranslationsIn(trx, actor, k, id, entity);
  });
}

async function listTranslationsIn(db: Executor, caller: Caller, kind: TranslatableKind, id: string, entity: Entity) {
  const fresh = (await loadEntity(db, kind, id)) ?? entity;
  return {
    kind,
    entityId: id,
    municipalityCode: entity.municipalityCode,
    original: { title: fresh.title, description: fresh.description },
    fields: { description: kindFields[kind].description, html: kindFields[kind].html },
    canEdit: canEditPlan(caller, entity.municipalityCode),
    translations: await viewsOf(db, kind, id, fresh),
  };
}

/**
 * The catalogue's own search and iCalendar feed still read the activity's JSON translations: they are kept the
 * same here, in the same transaction. The activity's version is left alone, so an open activity form is not
 * made stale by a translation (the form no longer sends translations).
 */
async function mirrorToCatalogue(
  db: Executor,
  id: string,
  lang: TranslationLang,
  value: { title: string; description: string | null } | null,
) {
  const change =
    value === null
      ? sql`translations - ${lang}`
      : sql`jsonb_set(translations, array[${lang}]::text[], ${JSON.stringify({ title: value.title, description: value.description ?? '' })}::jsonb)`;
  await sql`update activity set translations = ${change} where id = ${id}`.execute(db);
}
