import { isUuid } from '../plans/service.ts';
import type { Executor } from '../audit/audit.ts';
import { swedishDate } from '../notifications/schedule.ts';
import { countsPerYear, matchesBetween, waitedBetween, type CountedMatch, type CountedPerson } from './rules.ts';

/**
 * The counts a plan follows, made only from dates (registered, left, confirmed, ended) so that erasing a person
 * changes none of them: per programme, per plan item within a period, and per year for the computed indicators.
 */
/** Computed indicator sources (`source_kind = 'computed'`): the yearly counts of all the municipality's programmes. */
export const MATCHING_SOURCES = { active: 'matching:active', ended: 'matching:ended', waiting: 'matching:waiting' } as const;
export type MatchingMeasure = keyof typeof MATCHING_SOURCES;

/** Matches and people as dated facts: what every count is made from, unchanged by erasure. */
export async function countingFacts(db: Executor, programmeIds: string[]) {
  if (programmeIds.length === 0) return { matches: new Map<string, CountedMatch[]>(), people: new Map<string, CountedPerson[]>() };
  const [matches, people] = await Promise.all([
    db
      .selectFrom('matching_match')
      .select(['programme_id', 'status', 'confirmed_on', 'ended_on', 'volunteer_id', 'newcomer_id'])
      .where('programme_id', 'in', programmeIds)
      .execute(),
    db
      .selectFrom('matching_person')
      .select(['id', 'programme_id', 'side', 'registered_on', 'left_on'])
      .where('programme_id', 'in', programmeIds)
      .execute(),
  ]);
  const intervals = new Map<string, { confirmedOn: string; endedOn: string | null }[]>();
  for (const m of matches)
    if (m.confirmed_on !== null && (m.status === 'active' || m.status === 'ended'))
      for (const id of [m.volunteer_id, m.newcomer_id])
        intervals.set(id, [...(intervals.get(id) ?? []), { confirmedOn: m.confirmed_on, endedOn: m.ended_on }]);
  const byMatch = new Map<string, CountedMatch[]>();
  for (const m of matches)
    byMatch.set(m.programme_id, [
      ...(byMatch.get(m.programme_id) ?? []),
      { status: m.status, confirmedOn: m.confirmed_on, endedOn: m.ended_on },
    ]);
  const byPerson = new Map<string, CountedPerson[]>();
  for (const p of people)
    byPerson.set(p.programme_id, [
      ...(byPerson.get(p.programme_id) ?? []),
      { side: p.side, registeredOn: p.registered_on, leftOn: p.left_on, matches: intervals.get(p.id) ?? [] },
    ]);
  return { matches: byMatch, people: byPerson };
}

// --- Counts for the plan ----------------------------------------------------------------------------------------

export interface ItemMatching {
  programmeId: string;
  name: string;
  active: number;
  ended: number;
  waiting: number;
}

/**
 * The programmes serving a plan item with their counts: within the period when one is given (matches active in it,
 * ended in it, people who waited in it), else as they stand now. Counts only, so anyone who may read the item may
 * read them.
 */
export async function matchingOfItem(db: Executor, itemId: string, from?: string, to?: string): Promise<ItemMatching[]> {
  if (!isUuid(itemId)) return [];
  const programmes = await db
    .selectFrom('matching_programme_item')
    .innerJoin('matching_programme', 'matching_programme.id', 'matching_programme_item.programme_id')
    .select(['matching_programme.id', 'matching_programme.name'])
    .where('matching_programme_item.item_id', '=', itemId)
    .orderBy('matching_programme.name')
    .execute();
  if (programmes.length === 0) return [];
  const ids = programmes.map((p) => p.id);
  const facts = await countingFacts(db, ids);
  const waitingNow = await db
    .selectFrom('matching_person')
    .select('programme_id')
    .where('programme_id', 'in', ids)
    .where('status', '=', 'waiting')
    .where('erased_at', 'is', null)
    .execute();
  return programmes.map((p) => {
    const matches = facts.matches.get(p.id) ?? [];
    if (!from && !to)
      return {
        programmeId: p.id,
        name: p.name,
        active: matches.filter((m) => m.status === 'active').length,
        ended: matches.filter((m) => m.status === 'ended').length,
        waiting: waitingNow.filter((w) => w.programme_id === p.id).length,
      };
    const start = from ?? '0000-01-01';
    const end = to ?? '9999-12-31';
    return {
      programmeId: p.id,
      name: p.name,
      ...matchesBetween(matches, start, end),
      waiting: (facts.people.get(p.id) ?? []).filter((person) => waitedBetween(person, start, end)).length,
    };
  });
}

/** A municipality's counts per year, all programmes together: the computed indicators `matching:*`. */
export async function matchingCounts(
  db: Executor,
  code: string,
  measure: MatchingMeasure,
  now = new Date(),
): Promise<{ year: number; count: number; example: boolean }[]> {
  const programmes = await db.selectFrom('matching_programme').select(['id', 'example']).where('municipality_code', '=', code).execute();
  if (programmes.length === 0) return [];
  const facts = await countingFacts(
    db,
    programmes.map((p) => p.id),
  );
  const matches = [...facts.matches.values()].flat();
  const people = [...facts.people.values()].flat();
  const example = programmes.every((p) => p.example);
  return countsPerYear(matches, people, Number(swedishDate(now).slice(0, 4))).map((y) => ({ year: y.year, count: y[measure], example }));
}
