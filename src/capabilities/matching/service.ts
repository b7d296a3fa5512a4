import type { Kysely } from 'kysely';
import type {
  Database,
  MatchEndReason,
  MatchingKind,
  MatchingPersonStatus,
  MatchingSide,
  MatchStatus,
  CheckInOutcome,
} from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, staleVersion, type FieldProblem } from '../../kernel/errors.ts';
import type { Actor, Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { checkItems, itemsOf, requireMunicipality, type ItemRefView } from '../internships/service.ts';
import { countingFacts } from './counts.ts';
import { swedishDate } from '../notifications/schedule.ts';
import { isUuid } from '../plans/service.ts';
import {
  canCreateProgramme,
  canManageProgramme,
  canReadPeople,
  checkInState,
  countsPerYear,
  suggestMatches,
  type CheckInState,
  type PersonFields,
  type ProgrammeAccess,
  type Reason,
  type YearCounts,
} from './rules.ts';

/**
 * Buddy and friend-family programmes: their settings and counts (for anyone) and the workspace with people,
 * suggestions, matches and check-ins (for the programme's assigned coordinators). People are in people.ts, matches and
 * check-ins in matches.ts, counts in counts.ts, register extracts, erasure and retention in privacy.ts.
 */
type Db = Kysely<Database>;

export { MATCHING_SOURCES, matchingCounts, matchingOfItem, type ItemMatching, type MatchingMeasure } from './counts.ts';

export const today = (now: Date = new Date()) => swedishDate(now);

export function fail(problems: FieldProblem[]): never {
  throw new AppError('validation', problems.map((p) => p.message).join(' '), { details: problems });
}

// --- Views ------------------------------------------------------------------------------------------------------

export interface Counts {
  active: number;
  ended: number;
  waiting: number;
}

export interface ProgrammeView {
  id: string;
  municipalityCode: string;
  name: string;
  kind: MatchingKind;
  description: string;
  retentionMonths: number;
  consentText: string;
  consentVersion: number;
  registrationOpen: boolean;
  items: ItemRefView[];
  /** Now: active and ended matches, people waiting. Counts only: public. */
  counts: Counts;
  years: YearCounts[];
  /** Only to those who manage the programme. */
  coordinators: { id: string; name: string }[] | null;
  canManage: boolean;
  canReadPeople: boolean;
  example: boolean;
  version: number;
}

export interface PersonView extends PersonFields {
  id: string;
  programmeId: string;
  consentAt: string | null;
  consentVersion: number | null;
  registeredBy: 'self' | 'coordinator';
  status: MatchingPersonStatus;
  registeredOn: string;
  lastActiveOn: string;
  example: boolean;
  version: number;
}

export interface PartyView {
  id: string;
  /** null once the person is erased. */
  name: string | null;
  hasEmail: boolean;
}

export interface CheckInView {
  id: string;
  matchId: string;
  month: 1 | 3 | 6;
  dueOn: string;
  doneOn: string | null;
  outcome: CheckInOutcome | null;
  note: string | null;
  state: CheckInState;
  version: number;
}

export interface MatchView {
  id: string;
  programmeId: string;
  volunteer: PartyView;
  newcomer: PartyView;
  score: number;
  reasons: Reason[];
  status: MatchStatus;
  proposedOn: string;
  confirmedOn: string | null;
  informedVolunteerAt: string | null;
  informedNewcomerAt: string | null;
  endedOn: string | null;
  endReason: MatchEndReason | null;
  endNote: string | null;
  checkIns: CheckInView[];
  example: boolean;
  version: number;
}

export interface SuggestionView {
  volunteer: PartyView;
  newcomer: PartyView;
  score: number;
  reasons: Reason[];
}

export interface Workspace {
  programme: ProgrammeView;
  today: string;
  people: PersonView[];
  suggestions: SuggestionView[];
  matches: MatchView[];
  /** Check-ins of active matches not yet done, due or overdue first. */
  checkIns: (CheckInView & { volunteer: PartyView; newcomer: PartyView })[];
}

export type PersonRow = Awaited<ReturnType<typeof personRows>>[number];

export function personRows(db: Executor, where: { programmeId?: string; id?: string }) {
  let q = db.selectFrom('matching_person').selectAll().orderBy('registered_on').orderBy('id');
  if (where.programmeId) q = q.where('programme_id', '=', where.programmeId);
  if (where.id) q = q.where('id', '=', where.id);
  return q.execute();
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const toPerson = (r: PersonRow): PersonView => ({
  id: r.id,
  programmeId: r.programme_id,
  side: r.side,
  name: r.name,
  email: r.email,
  phone: r.phone,
  languages: r.languages,
  interests: r.interests,
  area: r.area,
  household: r.household,
  children: r.children,
  availability: r.availability,
  wishes: r.wishes,
  consentAt: iso(r.consent_at),
  consentVersion: r.consent_version,
  registeredBy: r.registered_by,
  status: r.status,
  registeredOn: r.registered_on,
  lastActiveOn: r.last_active_on,
  example: r.example,
  version: r.version,
});

export async function programmeAccess(
  db: Executor,
  id: string,
): Promise<ProgrammeAccess & { id: string; kind: MatchingKind; name: string }> {
  const row = isUuid(id)
    ? await db.selectFrom('matching_programme').select(['id', 'municipality_code', 'kind', 'name']).where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw notFound('Programmet');
  const coordinators = await db.selectFrom('matching_programme_coordinator').select('user_id').where('programme_id', '=', id).execute();
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    kind: row.kind,
    name: row.name,
    coordinatorIds: coordinators.map((c) => c.user_id),
  };
}

/** The programme's people and matches for whoever may read them; everyone else is told it is not there. */
export async function requirePeopleAccess(db: Executor, caller: Caller, programmeId: string) {
  const access = await programmeAccess(db, programmeId);
  if (!canReadPeople(caller, access))
    throw caller === null
      ? new AppError('unauthenticated', 'Logga in först.')
      : forbidden('Deltagarna visas bara för programmets samordnare.');
  return access;
}

async function programmeViews(db: Executor, caller: Caller, where: { code?: string; id?: string }, now: Date): Promise<ProgrammeView[]> {
  let q = db.selectFrom('matching_programme').selectAll().orderBy('name').orderBy('id');
  if (where.code) q = q.where('municipality_code', '=', where.code);
  if (where.id) q = q.where('id', '=', where.id);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [coordinators, links, current, facts] = await Promise.all([
    db
      .selectFrom('matching_programme_coordinator')
      .innerJoin('app_user', 'app_user.id', 'matching_programme_coordinator.user_id')
      .select(['matching_programme_coordinator.programme_id', 'app_user.id', 'app_user.display_name'])
      .where('programme_id', 'in', ids)
      .orderBy('app_user.display_name')
      .execute(),
    db.selectFrom('matching_programme_item').select(['programme_id as owner', 'item_id']).where('programme_id', 'in', ids).execute(),
    db
      .selectFrom('matching_person')
      .select(['programme_id', 'status'])
      .where('programme_id', 'in', ids)
      .where('erased_at', 'is', null)
      .execute(),
    countingFacts(db, ids),
  ]);
  const items = await itemsOf(db, caller, links);
  const year = Number(today(now).slice(0, 4));
  return rows.map((r) => {
    const access = {
      municipalityCode: r.municipality_code,
      coordinatorIds: coordinators.filter((c) => c.programme_id === r.id).map((c) => c.id),
    };
    const manage = canManageProgramme(caller, access);
    const matches = facts.matches.get(r.id) ?? [];
    return {
      id: r.id,
      municipalityCode: r.municipality_code,
      name: r.name,
      kind: r.kind,
      description: r.description,
      retentionMonths: r.retention_months,
      consentText: r.consent_text,
      consentVersion: r.consent_version,
      registrationOpen: r.registration_open,
      items: items.get(r.id) ?? [],
      counts: {
        active: matches.filter((m) => m.status === 'active').length,
        ended: matches.filter((m) => m.status === 'ended').length,
        waiting: current.filter((p) => p.programme_id === r.id && p.status === 'waiting').length,
      },
      years: countsPerYear(matches, facts.people.get(r.id) ?? [], year),
      coordinators: manage ? coordinators.filter((c) => c.programme_id === r.id).map((c) => ({ id: c.id, name: c.display_name })) : null,
      canManage: manage,
      canReadPeople: canReadPeople(caller, access),
      example: r.example,
      version: r.version,
    };
  });
}

// --- Programmes -------------------------------------------------------------------------------------------------

export interface ProgrammeInput {
  name: string;
  kind: MatchingKind;
  description?: string | undefined;
  retentionMonths?: number | undefined;
  consentText: string;
  registrationOpen?: boolean | undefined;
  itemIds?: string[] | undefined;
  coordinatorIds?: string[] | undefined;
}

export async function listProgrammes(db: Executor, caller: Caller, code: string, now = new Date()): Promise<ProgrammeView[]> {
  await requireMunicipality(db, code);
  return programmeViews(db, caller, { code }, now);
}

export async function getProgramme(db: Executor, caller: Caller, id: string, now = new Date()): Promise<ProgrammeView> {
  const [view] = isUuid(id) ? await programmeViews(db, caller, { id }, now) : [];
  if (!view) throw notFound('Programmet');
  return view;
}

function checkProgramme(input: Partial<ProgrammeInput>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.name !== undefined && input.name.trim() === '') problems.push({ path: '/name', message: 'Ge programmet ett namn.' });
  if (input.consentText !== undefined && input.consentText.trim().length < 20)
    problems.push({ path: '/consentText', message: 'Skriv samtyckestexten: vad som sparas, varför, hur länge och vem som ser det.' });
  return problems;
}

/** Coordinators of the programme's own municipality only. */
async function checkCoordinators(db: Executor, code: string, userIds: string[]): Promise<string[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return ids;
  if (ids.some((id) => !isUuid(id))) throw invalid('/coordinatorIds', 'En samordnare finns inte i kommunen.');
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', 'in', ids)
    .where('role', '=', 'coordinator')
    .where('municipality_code', '=', code)
    .execute();
  if (rows.length !== ids.length) throw invalid('/coordinatorIds', 'Bara kommunens samordnare kan ansvara för programmet.');
  return ids;
}

async function setLinks(trx: Executor, id: string, input: { itemIds?: string[] | undefined; coordinatorIds?: string[] | undefined }) {
  if (input.itemIds) {
    await trx.deleteFrom('matching_programme_item').where('programme_id', '=', id).execute();
    const ids = [...new Set(input.itemIds)];
    if (ids.length > 0)
      await trx
        .insertInto('matching_programme_item')
        .values(ids.map((item_id) => ({ programme_id: id, item_id })))
        .execute();
  }
  if (input.coordinatorIds) {
    await trx.deleteFrom('matching_programme_coordinator').where('programme_id', '=', id).execute();
    if (input.coordinatorIds.length > 0)
      await trx
        .insertInto('matching_programme_coordinator')
        .values(input.coordinatorIds.map((user_id) => ({ programme_id: id, user_id })))
        .execute();
  }
}

export async function createProgramme(db: Db, actor: Actor, code: string, input: ProgrammeInput, example = false): Promise<ProgrammeView> {
  if (!canCreateProgramme(actor, code)) throw forbidden('Kommunens samordnare och administratörer lägger upp program.');
  const problems = checkProgramme(input);
  if (problems.length > 0) fail(problems);
  return db.transaction().execute(async (trx) => {
    await requireMunicipality(trx, code);
    await checkItems(trx, code, input.itemIds ?? []);
    // Whoever creates a programme as coordinator answers for it; an administrator names the coordinators.
    const assigned = [...(actor.role === 'coordinator' ? [actor.userId] : []), ...(input.coordinatorIds ?? [])];
    const coordinatorIds = await checkCoordinators(trx, code, assigned);
    const clash = await trx
      .selectFrom('matching_programme')
      .select('id')
      .where('municipality_code', '=', code)
      .where('name', '=', input.name.trim())
      .executeTakeFirst();
    if (clash) throw invalid('/name', `Kommunen har redan ett program som heter "${input.name.trim()}".`);
    const row = await trx
      .insertInto('matching_programme')
      .values({
        municipality_code: code,
        name: input.name.trim(),
        kind: input.kind,
        description: (input.description ?? '').trim(),
        retention_months: input.retentionMonths ?? 24,
        consent_text: input.consentText.trim(),
        registration_open: input.registrationOpen ?? false,
        example,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setLinks(trx, row.id, { itemIds: input.itemIds ?? [], coordinatorIds });
    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: 'matching.programme.create',
      entityType: 'matching_programme',
      entityId: row.id,
      before: null,
      after: { ...input, coordinatorIds },
    });
    return getProgramme(trx, actor, row.id);
  });
}

export async function updateProgramme(
  db: Db,
  actor: Actor,
  id: string,
  input: Partial<ProgrammeInput> & { version: number },
): Promise<ProgrammeView> {
  return db.transaction().execute(async (trx) => {
    const access = await programmeAccess(trx, id);
    if (!canManageProgramme(actor, access)) throw forbidden('Bara programmets samordnare och administratörer ändrar programmet.');
    const row = await trx.selectFrom('matching_programme').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const before = await getProgramme(trx, actor, id);
    if (row.version !== input.version) throw staleVersion('Programmet', before);
    const problems = checkProgramme(input);
    if (problems.length > 0) fail(problems);
    if (input.itemIds) await checkItems(trx, row.municipality_code, input.itemIds);
    const coordinatorIds = input.coordinatorIds ? await checkCoordinators(trx, row.municipality_code, input.coordinatorIds) : undefined;
    if (coordinatorIds && coordinatorIds.length === 0)
      throw invalid('/coordinatorIds', 'Programmet behöver minst en samordnare: annars ser ingen deltagarna.');
    if (input.name !== undefined && input.name.trim() !== row.name) {
      const clash = await trx
        .selectFrom('matching_programme')
        .select('id')
        .where('municipality_code', '=', row.municipality_code)
        .where('name', '=', input.name.trim())
        .executeTakeFirst();
      if (clash) throw invalid('/name', `Kommunen har redan ett program som heter "${input.name.trim()}".`);
    }
    const consentChanged = input.consentText !== undefined && input.consentText.trim() !== row.consent_text;
    await trx
      .updateTable('matching_programme')
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.description !== undefined ? { description: input.description.trim() } : {}),
        ...(input.retentionMonths !== undefined ? { retention_months: input.retentionMonths } : {}),
        // New wording, new version: each person's consent keeps the version they agreed to.
        ...(consentChanged ? { consent_text: (input.consentText as string).trim(), consent_version: row.consent_version + 1 } : {}),
        ...(input.registrationOpen !== undefined ? { registration_open: input.registrationOpen } : {}),
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await setLinks(trx, id, { itemIds: input.itemIds, coordinatorIds });
    const { version, ...changes } = input;
    void version;
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'matching.programme.update',
      entityType: 'matching_programme',
      entityId: id,
      before: { ...before, years: undefined },
      after: changes,
    });
    return getProgramme(trx, actor, id);
  });
}

// --- Workspace --------------------------------------------------------------------------------------------------

export const party = (
  p: { id: string; name: string; email: string | null; erased_at: Date | string | null } | undefined,
  id: string,
): PartyView => (p && p.erased_at === null ? { id, name: p.name, hasEmail: (p.email ?? '') !== '' } : { id, name: null, hasEmail: false });

export async function matchViews(db: Executor, where: { programmeId?: string; id?: string }, now: Date): Promise<MatchView[]> {
  let q = db.selectFrom('matching_match').selectAll().orderBy('proposed_on', 'desc').orderBy('id');
  if (where.programmeId) q = q.where('programme_id', '=', where.programmeId);
  if (where.id) q = q.where('id', '=', where.id);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const personIds = [...new Set(rows.flatMap((r) => [r.volunteer_id, r.newcomer_id]))];
  const [people, checkIns] = await Promise.all([
    db.selectFrom('matching_person').select(['id', 'name', 'email', 'erased_at']).where('id', 'in', personIds).execute(),
    db
      .selectFrom('matching_check_in')
      .selectAll()
      .where(
        'match_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('month')
      .execute(),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const day = today(now);
  return rows.map((r) => ({
    id: r.id,
    programmeId: r.programme_id,
    volunteer: party(byId.get(r.volunteer_id), r.volunteer_id),
    newcomer: party(byId.get(r.newcomer_id), r.newcomer_id),
    score: r.score,
    reasons: r.reasons as Reason[],
    status: r.status,
    proposedOn: r.proposed_on,
    confirmedOn: r.confirmed_on,
    informedVolunteerAt: iso(r.informed_volunteer_at),
    informedNewcomerAt: iso(r.informed_newcomer_at),
    endedOn: r.ended_on,
    endReason: r.end_reason,
    endNote: r.end_note,
    checkIns: checkIns
      .filter((c) => c.match_id === r.id)
      .map((c) => ({
        id: c.id,
        matchId: c.match_id,
        month: c.month,
        dueOn: c.due_on,
        doneOn: c.done_on,
        outcome: c.outcome,
        note: c.note,
        state: checkInState({ dueOn: c.due_on, doneOn: c.done_on }, day, r.status === 'active'),
        version: c.version,
      })),
    example: r.example,
    version: r.version,
  }));
}

const stateOrder: Record<CheckInState, number> = { overdue: 0, due: 1, upcoming: 2, done: 3, missed: 4 };

export async function workspace(db: Executor, caller: Caller, programmeId: string, now = new Date()): Promise<Workspace> {
  const access = await requirePeopleAccess(db, caller, programmeId);
  const [programme, rows, matches] = await Promise.all([
    getProgramme(db, caller, programmeId, now),
    personRows(db, { programmeId }),
    matchViews(db, { programmeId }, now),
  ]);
  const people = rows.filter((r) => r.erased_at === null).map(toPerson);
  const waiting = (side: MatchingSide) => people.filter((p) => p.side === side && p.status === 'waiting');
  const tried = matches.filter((m) => m.status !== 'ended').map((m) => ({ volunteerId: m.volunteer.id, newcomerId: m.newcomer.id }));
  const byId = new Map(people.map((p) => [p.id, p]));
  const partyOf = (id: string): PartyView => {
    const p = byId.get(id);
    return { id, name: p?.name ?? null, hasEmail: (p?.email ?? '') !== '' };
  };
  const suggestions = suggestMatches(access.kind, waiting('volunteer'), waiting('newcomer'), tried).map((s) => ({
    volunteer: partyOf(s.volunteerId),
    newcomer: partyOf(s.newcomerId),
    score: s.score,
    reasons: s.reasons,
  }));
  const checkIns = matches
    .filter((m) => m.status === 'active')
    .flatMap((m) => m.checkIns.filter((c) => c.state !== 'done').map((c) => ({ ...c, volunteer: m.volunteer, newcomer: m.newcomer })))
    .sort((a, b) => stateOrder[a.state] - stateOrder[b.state] || a.dueOn.localeCompare(b.dueOn));
  return { programme, today: today(now), people, suggestions, matches, checkIns };
}
