import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, staleVersion } from '../../kernel/errors.ts';
import type { Actor, Caller } from '../accounts/policies.ts';
import { recordAudit, systemActor, type Executor } from '../audit/audit.ts';
import { dueForErasure } from './rules.ts';
import { loadPerson } from './people.ts';
import { matchViews, today, toPerson, type PersonView } from './service.ts';

/**
 * The person's rights and the retention time: a register extract of everything held about a person, erasure on
 * request, and a scheduled job erasing whoever has been inactive past the programme's retention months. Erasure
 * blanks every personal field but keeps the row's dates and its matches, so the counts stay
 * (docs/decisions/0020-matching-personal-data.md). The audit log records ids and the fact, never the data.
 */
type Db = Kysely<Database>;

export interface RegisterExtract {
  extractedAt: string;
  controller: { municipalityCode: string; programme: string; purpose: string; legalBasis: string; retentionMonths: number };
  person: PersonView;
  consent: { givenAt: string | null; version: number | null; text: string | null; currentVersion: number };
  matches: {
    id: string;
    role: 'volunteer' | 'newcomer';
    /** The other side's first name only: their data is theirs. */
    otherFirstName: string | null;
    status: string;
    proposedOn: string;
    confirmedOn: string | null;
    endedOn: string | null;
    endReason: string | null;
    endNote: string | null;
    reasons: unknown;
    checkIns: { month: number; dueOn: string; doneOn: string | null; outcome: string | null; note: string | null }[];
  }[];
  messages: { subject: string; to: string; state: string; createdAt: string }[];
}

export async function registerExtract(db: Executor, caller: Caller, id: string, now = new Date()): Promise<RegisterExtract> {
  const { person, access } = await loadPerson(db, caller, id);
  const programme = await db.selectFrom('matching_programme').selectAll().where('id', '=', person.programme_id).executeTakeFirstOrThrow();
  const matches = (await matchViews(db, { programmeId: person.programme_id }, now)).filter(
    (m) => m.volunteer.id === id || m.newcomer.id === id,
  );
  const messages = await db
    .selectFrom('mail_outbox')
    .select(['subject', 'to_address', 'state', 'created_at'])
    .where('dedupe_key', 'like', `matching:${id}:%`)
    .orderBy('created_at')
    .execute();
  return {
    extractedAt: now.toISOString(),
    controller: {
      municipalityCode: access.municipalityCode,
      programme: programme.name,
      purpose: 'Att matcha nyanlända med volontärer (fadder eller vänfamilj) och följa upp matchningen.',
      legalBasis: 'Samtycke (dataskyddsförordningen artikel 6.1 a); samtycket kan återkallas när som helst.',
      retentionMonths: programme.retention_months,
    },
    person: toPerson(person),
    consent: {
      givenAt: person.consent_at === null ? null : new Date(person.consent_at).toISOString(),
      version: person.consent_version,
      // The text agreed to is the current one only if the version is unchanged; older wordings are not kept.
      text: person.consent_version === programme.consent_version ? programme.consent_text : null,
      currentVersion: programme.consent_version,
    },
    matches: matches.map((m) => {
      const role = m.volunteer.id === id ? 'volunteer' : 'newcomer';
      const other = role === 'volunteer' ? m.newcomer : m.volunteer;
      return {
        id: m.id,
        role,
        otherFirstName: other.name?.split(' ')[0] ?? null,
        status: m.status,
        proposedOn: m.proposedOn,
        confirmedOn: m.confirmedOn,
        endedOn: m.endedOn,
        endReason: m.endReason,
        endNote: m.endNote,
        reasons: m.reasons,
        checkIns: m.checkIns.map((c) => ({ month: c.month, dueOn: c.dueOn, doneOn: c.doneOn, outcome: c.outcome, note: c.note })),
      };
    }),
    messages: messages.map((m) => ({
      subject: m.subject,
      to: m.to_address,
      state: m.state,
      createdAt: new Date(m.created_at).toISOString(),
    })),
  };
}

/**
 * Blanks one person inside the caller's transaction: personal fields, the reasons and notes of their matches (which
 * repeat languages, areas and free text), open proposals, and queued or sent messages with their address.
 * Registration, leaving and match dates stay: they are the counts.
 */
async function blank(trx: Executor, person: { id: string; status: string; left_on: string | null }, now: Date): Promise<void> {
  await trx
    .updateTable('matching_person')
    .set((eb) => ({
      name: '',
      email: null,
      phone: null,
      languages: '[]',
      interests: '[]',
      area: '',
      household: 'single',
      children: 0,
      availability: '[]',
      wishes: '',
      consent_at: null,
      consent_version: null,
      status: 'left',
      left_on: person.left_on ?? today(now),
      erased_at: now,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', person.id)
    .execute();
  await trx
    .updateTable('matching_match')
    .set((eb) => ({ status: 'declined', version: eb('version', '+', 1), updated_at: now }))
    .where('status', '=', 'proposed')
    .where((eb) => eb.or([eb('volunteer_id', '=', person.id), eb('newcomer_id', '=', person.id)]))
    .execute();
  const matchIds = (
    await trx
      .selectFrom('matching_match')
      .select('id')
      .where((eb) => eb.or([eb('volunteer_id', '=', person.id), eb('newcomer_id', '=', person.id)]))
      .execute()
  ).map((m) => m.id);
  if (matchIds.length > 0) {
    await trx
      .updateTable('matching_match')
      .set((eb) => ({ reasons: '[]', end_note: null, version: eb('version', '+', 1), updated_at: now }))
      .where('id', 'in', matchIds)
      .execute();
    await trx.updateTable('matching_check_in').set({ note: null, updated_at: now }).where('match_id', 'in', matchIds).execute();
  }
  await trx.deleteFrom('mail_outbox').where('dedupe_key', 'like', `matching:${person.id}:%`).execute();
}

/** Erasure on request: refused while the person is in an active match (end it first, with its reason). */
export async function erasePerson(db: Db, actor: Actor, id: string, input: { version: number }, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { person, access } = await loadPerson(trx, actor, id);
    await trx.selectFrom('matching_person').select('id').where('id', '=', id).forUpdate().execute();
    if (person.version !== input.version) throw staleVersion('Personen', toPerson(person));
    if (person.status === 'matched')
      throw new AppError('conflict', 'Personen har en aktiv matchning. Avsluta matchningen först (orsak "personliga skäl"), radera sedan.');
    await blank(trx, person, now);
    await recordAudit(trx, actor, {
      municipalityCode: access.municipalityCode,
      action: 'matching.person.erase',
      entityType: 'matching_person',
      entityId: id,
      before: null,
      after: { erased: true, reason: 'request' },
    });
  });
}

/** Erases everyone past their programme's retention time; returns how many. Idempotent: the erased are skipped. */
export async function purgeExpired(db: Db, now = new Date()): Promise<number> {
  const day = today(now);
  const programmes = await db.selectFrom('matching_programme').select(['id', 'municipality_code', 'retention_months']).execute();
  let erased = 0;
  for (const p of programmes) {
    const people = await db
      .selectFrom('matching_person')
      .select(['id', 'status', 'last_active_on', 'erased_at'])
      .where('programme_id', '=', p.id)
      .where('erased_at', 'is', null)
      .execute();
    const due = dueForErasure(
      people.map((r) => ({ id: r.id, status: r.status, lastActiveOn: r.last_active_on, erased: r.erased_at !== null })),
      p.retention_months,
      day,
    );
    for (const id of due) {
      // One transaction per person, re-checked under lock: a coordinator may have matched them meanwhile.
      const done = await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('matching_person')
          .select(['id', 'status', 'last_active_on', 'left_on', 'erased_at'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (
          !row ||
          dueForErasure(
            [{ id, status: row.status, lastActiveOn: row.last_active_on, erased: row.erased_at !== null }],
            p.retention_months,
            day,
          ).length === 0
        )
          return false;
        await blank(trx, row, now);
        await recordAudit(trx, systemActor, {
          municipalityCode: p.municipality_code,
          action: 'matching.person.erase',
          entityType: 'matching_person',
          entityId: id,
          before: null,
          after: { erased: true, reason: 'retention', retentionMonths: p.retention_months },
        });
        return true;
      });
      if (done) erased++;
    }
  }
  return erased;
}
