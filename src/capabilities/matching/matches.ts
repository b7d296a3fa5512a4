import type { Kysely } from 'kysely';
import type { CheckInOutcome, Database, MatchEndReason, MatchingSide, MatchStatus } from '../../db/schema.ts';
import { AppError, invalid, notFound, staleVersion, type FieldProblem } from '../../kernel/errors.ts';
import type { Actor } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { isUuid } from '../plans/service.ts';
import { canChangeMatch, checkInSchedule, confirmProblems, isDate, scorePair, type Profile } from './rules.ts';
import { fail, matchViews, requirePeopleAccess, today, type MatchView } from './service.ts';

/**
 * A match between a volunteer and a newcomer: proposed (with the score and reasons of the moment), confirmed by the
 * coordinator — both sides told, by mail where there is an address and by hand otherwise — checked in on after
 * 1, 3 and 6 months, and ended with a reason. Every write: one transaction, version-checked, audited without
 * personal data.
 */
type Db = Kysely<Database>;

const wrongState = (status: MatchStatus, wanted: string) =>
  new AppError('conflict', `Matchningen är ${statusWords[status]} och kan inte ${wanted}. Ladda om sidan.`);

const statusWords: Record<MatchStatus, string> = { proposed: 'föreslagen', active: 'aktiv', ended: 'avslutad', declined: 'avböjd' };

async function loadMatch(trx: Executor, actor: Actor, id: string, now: Date) {
  const row = isUuid(id)
    ? await trx.selectFrom('matching_match').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    : undefined;
  if (!row) throw notFound('Matchningen');
  let access;
  try {
    access = await requirePeopleAccess(trx, actor, row.programme_id);
  } catch {
    // Whoever may not see the programme's people is not told that the match exists.
    throw notFound('Matchningen');
  }
  const view = (await matchViews(trx, { id }, now))[0] as MatchView;
  return { row, access, view };
}

async function reload(trx: Executor, id: string, now: Date): Promise<MatchView> {
  return (await matchViews(trx, { id }, now))[0] as MatchView;
}

function profileOf(r: {
  languages: string[];
  interests: string[];
  area: string;
  household: Profile['household'];
  children: number;
  availability: string[];
}): Profile {
  return {
    languages: r.languages,
    interests: r.interests,
    area: r.area,
    household: r.household,
    children: r.children,
    availability: r.availability,
  };
}

/** Saves a suggestion (or any pair the coordinator chooses) as a proposal, with its score and reasons now. */
export async function proposeMatch(
  db: Db,
  actor: Actor,
  programmeId: string,
  input: { volunteerId: string; newcomerId: string },
  options: { now?: Date; example?: boolean; on?: string } = {},
): Promise<MatchView> {
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const access = await requirePeopleAccess(trx, actor, programmeId);
    const people = await trx
      .selectFrom('matching_person')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .where('id', 'in', [input.volunteerId, input.newcomerId].filter(isUuid).concat(['00000000-0000-0000-0000-000000000000']))
      .where('erased_at', 'is', null)
      .execute();
    const volunteer = people.find((p) => p.id === input.volunteerId && p.side === 'volunteer');
    const newcomer = people.find((p) => p.id === input.newcomerId && p.side === 'newcomer');
    const problems: FieldProblem[] = [];
    if (!volunteer) problems.push({ path: '/volunteerId', message: 'Välj en volontär i programmet.' });
    if (!newcomer) problems.push({ path: '/newcomerId', message: 'Välj en nyanländ i programmet.' });
    if (!volunteer || !newcomer) fail(problems);
    const open = await trx
      .selectFrom('matching_match')
      .select('id')
      .where('volunteer_id', '=', volunteer.id)
      .where('newcomer_id', '=', newcomer.id)
      .where('status', 'in', ['proposed', 'active'])
      .executeTakeFirst();
    if (open) throw new AppError('conflict', 'Paret är redan föreslaget eller matchat.');
    const { score, reasons } = scorePair(access.kind, profileOf(volunteer), profileOf(newcomer));
    const row = await trx
      .insertInto('matching_match')
      .values({
        programme_id: programmeId,
        volunteer_id: volunteer.id,
        newcomer_id: newcomer.id,
        score,
        reasons: JSON.stringify(reasons),
        status: 'proposed',
        proposed_on: options.on ?? today(now),
        example: options.example ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: access.municipalityCode,
      action: 'matching.match.propose',
      entityType: 'matching_match',
      entityId: row.id,
      before: null,
      after: { programmeId, volunteerId: volunteer.id, newcomerId: newcomer.id, score },
    });
    return reload(trx, row.id, now);
  });
}

interface Mail {
  subject: string;
  body: string;
}

/** The message to each side: that a match is made and the coordinator will be in touch; nothing of the other side. */
export function confirmationMail(
  programme: { name: string; kind: 'buddy' | 'friend_family' },
  side: MatchingSide,
  firstName: string,
): Mail {
  const what =
    side === 'newcomer'
      ? programme.kind === 'friend_family'
        ? 'en vänfamilj'
        : 'en fadder'
      : programme.kind === 'friend_family'
        ? 'en familj att vara vänfamilj till'
        : 'någon att vara fadder för';
  return {
    subject: `${programme.name}: du har fått ${what}`,
    body: [
      `Hej ${firstName}!`,
      '',
      `Genom ${programme.name} har du nu fått ${what}. Samordnaren hör av sig inom kort för att bestämma en första träff.`,
      '',
      'Samordnaren hör också av sig efter en, tre och sex månader för att höra hur det går.',
      'Vill du inte vara med längre, eller vill du att dina uppgifter tas bort, svara på det här brevet eller kontakta samordnaren.',
    ].join('\n'),
  };
}

/**
 * Confirms a proposal: both sides must still be waiting; they become matched, the check-ins are scheduled, each
 * side with an e-mail address gets a message through the outbox (and counts as informed), and the other proposals
 * of either person are declined — a person has one match at a time.
 */
export async function confirmMatch(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; confirmedOn?: string | undefined },
  now = new Date(),
): Promise<MatchView> {
  return db.transaction().execute(async (trx) => {
    const { row, access, view } = await loadMatch(trx, actor, id, now);
    if (row.version !== input.version) throw staleVersion('Matchningen', view);
    if (!canChangeMatch(row.status, 'active')) throw wrongState(row.status, 'bekräftas');
    const confirmedOn = input.confirmedOn ?? today(now);
    if (!isDate(confirmedOn)) throw invalid('/confirmedOn', `"${confirmedOn}" är inget datum (ÅÅÅÅ-MM-DD).`);
    const people = await trx
      .selectFrom('matching_person')
      .selectAll()
      .where('id', 'in', [row.volunteer_id, row.newcomer_id])
      .forUpdate()
      .execute();
    const volunteer = people.find((p) => p.id === row.volunteer_id);
    const newcomer = people.find((p) => p.id === row.newcomer_id);
    if (!volunteer || !newcomer) throw notFound('Personen');
    const problems = confirmProblems(
      { status: volunteer.status, erased: volunteer.erased_at !== null },
      { status: newcomer.status, erased: newcomer.erased_at !== null },
    );
    if (problems.length > 0) fail(problems);
    const programme = await trx
      .selectFrom('matching_programme')
      .select(['name', 'kind'])
      .where('id', '=', row.programme_id)
      .executeTakeFirstOrThrow();
    const informed: { informed_volunteer_at?: Date; informed_newcomer_at?: Date } = {};
    for (const [side, person] of [
      ['volunteer', volunteer],
      ['newcomer', newcomer],
    ] as const) {
      if (!person.email) continue;
      const mail = confirmationMail(programme, side, person.name.split(' ')[0] ?? person.name);
      await trx
        .insertInto('mail_outbox')
        .values({
          municipality_code: access.municipalityCode,
          kind: 'matching.confirmed',
          // The person's id leads the key, so erasure finds and removes the message with its address.
          dedupe_key: `matching:${person.id}:${row.id}:confirmed`,
          to_address: person.email,
          subject: mail.subject,
          body: mail.body,
          state: 'queued',
          created_at: now,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute();
      informed[side === 'volunteer' ? 'informed_volunteer_at' : 'informed_newcomer_at'] = now;
    }
    await trx
      .updateTable('matching_match')
      .set({ status: 'active', confirmed_on: confirmedOn, ...informed, version: row.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('matching_check_in')
      .values(checkInSchedule(confirmedOn).map((c) => ({ match_id: id, month: c.month, due_on: c.dueOn })))
      .execute();
    await trx
      .updateTable('matching_person')
      .set((eb) => ({ status: 'matched', last_active_on: confirmedOn, version: eb('version', '+', 1), updated_at: now }))
      .where('id', 'in', [volunteer.id, newcomer.id])
      .execute();
    const declined = await trx
      .updateTable('matching_match')
      .set((eb) => ({ status: 'declined', version: eb('version', '+', 1), updated_at: now }))
      .where('status', '=', 'proposed')
      .where('id', '<>', id)
      .where((eb) => eb.or([eb('volunteer_id', '=', volunteer.id), eb('newcomer_id', '=', newcomer.id)]))
      .returning('id')
      .execute();
    await recordAudit(trx, actor, {
      municipalityCode: access.municipalityCode,
      action: 'matching.match.confirm',
      entityType: 'matching_match',
      entityId: id,
      before: { status: row.status },
      after: {
        status: 'active',
        confirmedOn,
        mailedVolunteer: informed.informed_volunteer_at !== undefined,
        mailedNewcomer: informed.informed_newcomer_at !== undefined,
        declinedProposals: declined.map((d) => d.id),
      },
    });
    return reload(trx, id, now);
  });
}

export async function declineMatch(db: Db, actor: Actor, id: string, input: { version: number }, now = new Date()): Promise<MatchView> {
  return db.transaction().execute(async (trx) => {
    const { row, access, view } = await loadMatch(trx, actor, id, now);
    if (row.version !== input.version) throw staleVersion('Matchningen', view);
    if (!canChangeMatch(row.status, 'declined')) throw wrongState(row.status, 'avböjas');
    await trx
      .updateTable('matching_match')
      .set({ status: 'declined', version: row.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      municipalityCode: access.municipalityCode,
      action: 'matching.match.decline',
      entityType: 'matching_match',
      entityId: id,
      before: { status: row.status },
      after: { status: 'declined' },
    });
    return reload(trx, id, now);
  });
}

/** Where a side has no e-mail address, the coordinator tells them in person or by phone and marks it here. */
export async function markInformed(
  db: Db,
  actor: Actor,
  id: string,
  input: { side: MatchingSide; version: number },
  now = new Date(),
): Promise<MatchView> {
  return db.transaction().execute(async (trx) => {
    const { row, access, view } = await loadMatch(trx, actor, id, now);
    if (row.version !== input.version) throw staleVersion('Matchningen', view);
    if (row.status !== 'active') throw wrongState(row.status, 'markeras som meddelad');
    const column = input.side === 'volunteer' ? 'informed_volunteer_at' : 'informed_newcomer_at';
    if (row[column] !== null) throw new AppError('conflict', 'Den sidan är redan meddelad.');
    await trx
      .updateTable('matching_match')
      .set({ [column]: now, version: row.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      municipalityCode: access.municipalityCode,
      action: 'matching.match.informed',
      entityType: 'matching_match',
      entityId: id,
      before: null,
      after: { side: input.side },
    });
    return reload(trx, id, now);
  });
}

/**
 * Ends an active match with a reason. Both people are paused (not suggested again until the coordinator sets them
 * waiting) and their retention time starts from the end date.
 */
export async function endMatch(
  db: Db,
  actor: Actor,
  id: string,
  input: { reason: MatchEndReason; note?: string | null | undefined; endedOn?: string | undefined; version: number },
  now = new Date(),
): Promise<MatchView> {
  return db.transaction().execute(async (trx) => {
    const { row, access, view } = await loadMatch(trx, actor, id, now);
    if (row.version !== input.version) throw staleVersion('Matchningen', view);
    if (!canChangeMatch(row.status, 'ended')) throw wrongState(row.status, 'avslutas');
    const endedOn = input.endedOn ?? today(now);
    if (!isDate(endedOn)) throw invalid('/endedOn', `"${endedOn}" är inget datum (ÅÅÅÅ-MM-DD).`);
    if (row.confirmed_on !== null && endedOn < row.confirmed_on) throw invalid('/endedOn', 'Slutdatum ligger före bekräftelsen.');
    if (input.reason === 'other' && !input.note?.trim())
      throw invalid('/note', 'Skriv kort varför matchningen avslutas när orsaken är "annat".');
    await trx
      .updateTable('matching_match')
      .set({
        status: 'ended',
        ended_on: endedOn,
        end_reason: input.reason,
        end_note: input.note?.trim() || null,
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('matching_person')
      .set((eb) => ({ status: 'paused', last_active_on: endedOn, version: eb('version', '+', 1), updated_at: now }))
      .where('id', 'in', [row.volunteer_id, row.newcomer_id])
      .where('status', '=', 'matched')
      .where('erased_at', 'is', null)
      .execute();
    await recordAudit(trx, actor, {
      municipalityCode: access.municipalityCode,
      action: 'matching.match.end',
      entityType: 'matching_match',
      entityId: id,
      before: { status: row.status },
      // The free-text note may name people: only whether there was one.
      after: { status: 'ended', endedOn, reason: input.reason, note: Boolean(input.note?.trim()) },
    });
    return reload(trx, id, now);
  });
}

export async function recordCheckIn(
  db: Db,
  actor: Actor,
  id: string,
  input: { doneOn?: string | undefined; outcome: CheckInOutcome; note?: string | null | undefined; version: number },
  now = new Date(),
): Promise<MatchView> {
  return db.transaction().execute(async (trx) => {
    const checkIn = isUuid(id)
      ? await trx.selectFrom('matching_check_in').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
      : undefined;
    if (!checkIn) throw notFound('Uppföljningen');
    const { row, access, view } = await loadMatch(trx, actor, checkIn.match_id, now);
    const current = view.checkIns.find((c) => c.id === id);
    if (checkIn.version !== input.version) throw staleVersion('Uppföljningen', current);
    if (row.status !== 'active' && checkIn.done_on === null) throw wrongState(row.status, 'följas upp');
    const doneOn = input.doneOn ?? today(now);
    if (!isDate(doneOn)) throw invalid('/doneOn', `"${doneOn}" är inget datum (ÅÅÅÅ-MM-DD).`);
    if (row.confirmed_on !== null && doneOn < row.confirmed_on) throw invalid('/doneOn', 'Uppföljningen ligger före bekräftelsen.');
    await trx
      .updateTable('matching_check_in')
      .set({ done_on: doneOn, outcome: input.outcome, note: input.note?.trim() || null, version: checkIn.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      municipalityCode: access.municipalityCode,
      action: 'matching.check_in.record',
      entityType: 'matching_check_in',
      entityId: id,
      before: { doneOn: checkIn.done_on, outcome: checkIn.outcome },
      after: { matchId: row.id, month: checkIn.month, doneOn, outcome: input.outcome, note: Boolean(input.note?.trim()) },
    });
    return reload(trx, row.id, now);
  });
}
