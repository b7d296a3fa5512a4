import type { Kysely } from 'kysely';
import type { Database, MatchingKind, MatchingPersonStatus } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../kernel/errors.ts';
import type { Actor, Caller } from '../accounts/policies.ts';
import { recordAudit, systemActor, type Executor } from '../audit/audit.ts';
import { isUuid } from '../plans/service.ts';
import { canReadPeople, canSetPersonStatus, checkPerson, cleanList, type PersonFields, type ProgrammeAccess } from './rules.ts';
import {
  fail,
  matchViews,
  personRows,
  programmeAccess,
  requirePeopleAccess,
  today,
  toPerson,
  type MatchView,
  type PartyView,
  type PersonRow,
  type PersonView,
} from './service.ts';

/**
 * The people of a programme: registered by the coordinator with their consent, or by themselves through the public
 * form (consent required, a thank-you in return); read and changed only by the programme's coordinators. The audit
 * log gets the names of the changed fields, never their values.
 */
type Db = Kysely<Database>;

/** Writes from the public registration form, in the audit log. */
export const publicActor: Actor = { ...systemActor, username: 'anmälan via webbformulär' };

// --- People -----------------------------------------------------------------------------------------------------

export type PersonInput = Omit<PersonFields, 'email' | 'phone'> & {
  email?: string | null | undefined;
  phone?: string | null | undefined;
};

const personColumns = (p: Partial<PersonInput>) => ({
  ...(p.name !== undefined ? { name: p.name.trim() } : {}),
  ...(p.email !== undefined ? { email: p.email?.trim() || null } : {}),
  ...(p.phone !== undefined ? { phone: p.phone?.trim() || null } : {}),
  ...(p.languages !== undefined ? { languages: JSON.stringify(cleanList(p.languages)) } : {}),
  ...(p.interests !== undefined ? { interests: JSON.stringify(cleanList(p.interests)) } : {}),
  ...(p.area !== undefined ? { area: p.area.trim() } : {}),
  ...(p.household !== undefined ? { household: p.household } : {}),
  ...(p.children !== undefined ? { children: p.children } : {}),
  ...(p.availability !== undefined ? { availability: JSON.stringify(cleanList(p.availability)) } : {}),
  ...(p.wishes !== undefined ? { wishes: p.wishes.trim() } : {}),
});

const fullPerson = (p: PersonInput): PersonFields => ({ ...p, email: p.email ?? null, phone: p.phone ?? null });

/** Only the names of the fields, never their values: the audit log holds no personal data. */
const changedFields = (input: object) => Object.keys(input).filter((k) => k !== 'version' && k !== 'consent');

async function insertPerson(
  trx: Executor,
  programme: { id: string; consent_version: number },
  input: PersonInput,
  registeredBy: 'self' | 'coordinator',
  now: Date,
  example: boolean,
): Promise<string> {
  const day = today(now);
  const row = await trx
    .insertInto('matching_person')
    .values({
      programme_id: programme.id,
      side: input.side,
      name: input.name.trim(),
      registered_by: registeredBy,
      consent_at: now,
      consent_version: programme.consent_version,
      registered_on: day,
      last_active_on: day,
      example,
      ...personColumns(input),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A coordinator registers a person on their behalf, having asked for their consent to the programme's current text
 * (`consent: true` records that it was given).
 */
export async function createPerson(
  db: Db,
  actor: Actor,
  programmeId: string,
  input: PersonInput & { consent: boolean },
  options: { now?: Date; example?: boolean } = {},
): Promise<PersonView> {
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const access = await requirePeopleAccess(trx, actor, programmeId);
    if (input.consent !== true) throw invalid('/consent', 'Personen måste ha samtyckt innan uppgifterna sparas: bekräfta samtycket.');
    const problems = checkPerson(fullPerson(input));
    if (problems.length > 0) fail(problems);
    const programme = await trx
      .selectFrom('matching_programme')
      .select(['id', 'consent_version'])
      .where('id', '=', programmeId)
      .executeTakeFirstOrThrow();
    const id = await insertPerson(trx, programme, input, 'coordinator', now, options.example ?? false);
    await recordAudit(trx, actor, {
      municipalityCode: access.municipalityCode,
      action: 'matching.person.create',
      entityType: 'matching_person',
      entityId: id,
      before: null,
      after: { programmeId, side: input.side, registeredBy: 'coordinator', fields: changedFields(input) },
    });
    return toPerson((await personRows(trx, { id }))[0] as PersonRow);
  });
}

export interface PublicProgramme {
  id: string;
  municipalityCode: string;
  name: string;
  kind: MatchingKind;
  description: string;
  consentText: string;
  consentVersion: number;
  retentionMonths: number;
  registrationOpen: boolean;
}

async function publicProgrammeRow(db: Executor, code: string, id: string) {
  const row = isUuid(id)
    ? await db.selectFrom('matching_programme').selectAll().where('id', '=', id).where('municipality_code', '=', code).executeTakeFirst()
    : undefined;
  if (!row) throw notFound('Programmet');
  return row;
}

/** What the public registration form shows: the programme and the text a person consents to. */
export async function registrationForm(db: Executor, code: string, id: string): Promise<PublicProgramme> {
  const r = await publicProgrammeRow(db, code, id);
  return {
    id: r.id,
    municipalityCode: r.municipality_code,
    name: r.name,
    kind: r.kind,
    description: r.description,
    consentText: r.consent_text,
    consentVersion: r.consent_version,
    retentionMonths: r.retention_months,
    registrationOpen: r.registration_open,
  };
}

/** A person registers themselves: consent required, and the answer is a thank-you, nothing of anyone's data. */
export async function register(
  db: Db,
  code: string,
  programmeId: string,
  input: PersonInput & { consent: boolean; consentVersion?: number | undefined },
  now = new Date(),
): Promise<{ message: string }> {
  if (input.consent !== true)
    throw invalid('/consent', 'Du behöver samtycka till att uppgifterna sparas för att kunna anmäla dig. Kryssa i rutan för samtycke.');
  const problems = checkPerson(fullPerson(input));
  if (problems.length > 0) fail(problems);
  return db.transaction().execute(async (trx) => {
    const programme = await publicProgrammeRow(trx, code, programmeId);
    if (!programme.registration_open) throw forbidden(`${programme.name} tar inte emot anmälningar just nu.`);
    if (input.consentVersion !== undefined && input.consentVersion !== programme.consent_version)
      throw new AppError('conflict', 'Samtyckestexten har ändrats sedan du öppnade formuläret. Ladda om sidan och läs den nya texten.');
    const id = await insertPerson(trx, programme, input, 'self', now, false);
    await recordAudit(trx, publicActor, {
      municipalityCode: code,
      action: 'matching.person.register',
      entityType: 'matching_person',
      entityId: id,
      before: null,
      after: { programmeId, side: input.side, registeredBy: 'self', consentVersion: programme.consent_version },
    });
    return { message: `Tack för din anmälan till ${programme.name}! Samordnaren hör av sig när det finns en matchning.` };
  });
}

export async function loadPerson(db: Executor, caller: Caller, id: string): Promise<{ person: PersonRow; access: ProgrammeAccess }> {
  const [person] = isUuid(id) ? await personRows(db, { id }) : [];
  if (!person || person.erased_at !== null) throw notFound('Personen');
  const access = await programmeAccess(db, person.programme_id);
  if (!canReadPeople(caller, access)) throw notFound('Personen');
  return { person, access };
}

export interface PersonDetail extends PersonView {
  /** The person's matches, newest first, with the other side (null once erased). */
  matches: (Pick<MatchView, 'id' | 'status' | 'score' | 'proposedOn' | 'confirmedOn' | 'endedOn' | 'endReason'> & { other: PartyView })[];
}

export async function getPerson(db: Executor, caller: Caller, id: string, now = new Date()): Promise<PersonDetail> {
  const { person } = await loadPerson(db, caller, id);
  const matches = (await matchViews(db, { programmeId: person.programme_id }, now)).filter(
    (m) => m.volunteer.id === id || m.newcomer.id === id,
  );
  return {
    ...toPerson(person),
    matches: matches.map((m) => ({
      id: m.id,
      status: m.status,
      score: m.score,
      proposedOn: m.proposedOn,
      confirmedOn: m.confirmedOn,
      endedOn: m.endedOn,
      endReason: m.endReason,
      other: m.volunteer.id === id ? m.newcomer : m.volunteer,
    })),
  };
}

export async function updatePerson(
  db: Db,
  actor: Actor,
  id: string,
  input: Partial<Omit<PersonInput, 'side'>> & { status?: MatchingPersonStatus | undefined; version: number },
  now = new Date(),
): Promise<PersonView> {
  return db.transaction().execute(async (trx) => {
    const { person, access } = await loadPerson(trx, actor, id);
    await trx.selectFrom('matching_person').select('id').where('id', '=', id).forUpdate().execute();
    if (person.version !== input.version) throw staleVersion('Personen', toPerson(person));
    const current = toPerson(person);
    const merged: PersonFields = {
      side: current.side,
      name: input.name ?? current.name,
      email: input.email !== undefined ? input.email : current.email,
      phone: input.phone !== undefined ? input.phone : current.phone,
      languages: input.languages ?? current.languages,
      interests: input.interests ?? current.interests,
      area: input.area ?? current.area,
      household: input.household ?? current.household,
      children: input.children ?? current.children,
      availability: input.availability ?? current.availability,
      wishes: input.wishes ?? current.wishes,
    };
    const problems = checkPerson(merged);
    if (input.status !== undefined && !canSetPersonStatus(person.status, input.status))
      problems.push({
        path: '/status',
        message:
          person.status === 'matched'
            ? 'Personen är matchad: avsluta matchningen först.'
            : 'Status "matchad" sätts genom att bekräfta en matchning.',
      });
    if (problems.length > 0) fail(problems);
    const day = today(now);
    const { version, status, ...fields } = input;
    void version;
    await trx
      .updateTable('matching_person')
      .set({
        ...personColumns(fields),
        ...(status !== undefined ? { status, left_on: status === 'left' ? (person.left_on ?? day) : null } : {}),
        last_active_on: day,
        version: person.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      municipalityCode: access.municipalityCode,
      action: 'matching.person.update',
      entityType: 'matching_person',
      entityId: id,
      before: { status: person.status, version: person.version },
      after: { ...(status !== undefined ? { status } : {}), fields: changedFields(fields) },
    });
    return toPerson((await personRows(trx, { id }))[0] as PersonRow);
  });
}
