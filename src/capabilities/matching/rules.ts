import type { FieldProblem } from '../../kernel/errors.ts';
import type { MatchEndReason, MatchingHousehold, MatchingKind, MatchingPersonStatus, MatchingSide, MatchStatus } from '../../db/schema.ts';
import type { Caller } from '../accounts/policies.ts';

/**
 * Matching as plain rules: who sees whom, how well a volunteer and a newcomer fit (a 0–100 score with its reasons),
 * when the 1-, 3- and 6-month check-ins fall due, which status changes are allowed, when a person's data is due for
 * erasure, and the yearly counts the plan follows. No clock or database here: today is passed in.
 */

export const AVAILABILITY = ['weekday_daytime', 'weekday_evening', 'weekend'] as const;
export type Availability = (typeof AVAILABILITY)[number];
export const END_REASONS: MatchEndReason[] = ['completed', 'moved', 'no_contact', 'not_working', 'personal', 'other'];
export const CHECK_IN_MONTHS = [1, 3, 6] as const;
/** Below this a pair is not suggested: one shared interest alone does not make a match. */
export const SUGGESTION_THRESHOLD = 30;
export const SUGGESTIONS_PER_NEWCOMER = 3;

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const isDate = (s: string) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

// --- Who sees what ----------------------------------------------------------------------------------------------

export interface ProgrammeAccess {
  municipalityCode: string;
  /** The users assigned to the programme as its coordinators. */
  coordinatorIds: string[];
}

/** Programmes are set up by the municipality's coordinators and by administrators. */
export function canCreateProgramme(caller: Caller, municipalityCode: string): boolean {
  if (caller === null) return false;
  if (caller.role === 'admin') return true;
  return caller.role === 'coordinator' && caller.municipalityCode === municipalityCode;
}

/**
 * The people of a programme are seen only by the municipality's coordinators assigned to it: not by reporters or
 * readers, not by another coordinator of the same municipality, not by administrators, who manage without reading.
 */
export function canReadPeople(caller: Caller, programme: ProgrammeAccess): boolean {
  return (
    caller !== null &&
    caller.role === 'coordinator' &&
    caller.municipalityCode === programme.municipalityCode &&
    programme.coordinatorIds.includes(caller.userId)
  );
}

/** Settings and the assignment of coordinators: an assigned coordinator, or an administrator. */
export function canManageProgramme(caller: Caller, programme: ProgrammeAccess): boolean {
  return caller?.role === 'admin' || canReadPeople(caller, programme);
}

// --- Score ------------------------------------------------------------------------------------------------------

export interface Profile {
  languages: string[];
  interests: string[];
  area: string;
  household: MatchingHousehold;
  children: number;
  availability: string[];
}

export type ReasonCode = 'language' | 'interests' | 'area' | 'children' | 'household' | 'availability';
export interface Reason {
  code: ReasonCode;
  params: Record<string, string | number>;
}

const norm = (s: string) => s.trim().toLocaleLowerCase('sv');

/** The values both lists hold, compared without case, in the first list's spelling and order. */
export function shared(a: string[], b: string[]): string[] {
  const other = new Set(b.map(norm).filter((s) => s !== ''));
  const seen = new Set<string>();
  return a.filter((s) => {
    const n = norm(s);
    if (n === '' || !other.has(n) || seen.has(n)) return false;
    seen.add(n);
    return true;
  });
}

export const WEIGHTS = { language: 35, interests: [0, 10, 18, 25], area: 15, children: 15, household: 8, availability: 10 } as const;

/**
 * How well a volunteer and a newcomer fit, 0–100, with the reasons that earned the points, strongest first.
 * A shared language weighs most (the first meetings need one); then shared interests, the same area, a household
 * that fits (a friend family with children for a family with children) and a common time of the week.
 */
export function scorePair(kind: MatchingKind, volunteer: Profile, newcomer: Profile): { score: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let score = 0;
  const languages = shared(newcomer.languages, volunteer.languages);
  if (languages.length > 0) {
    score += WEIGHTS.language;
    reasons.push({ code: 'language', params: { languages: languages.join(', ') } });
  }
  const interests = shared(newcomer.interests, volunteer.interests);
  if (interests.length > 0) {
    score += WEIGHTS.interests[Math.min(3, interests.length)] ?? 0;
    reasons.push({ code: 'interests', params: { interests: interests.join(', '), count: interests.length } });
  }
  if (norm(volunteer.area) !== '' && norm(volunteer.area) === norm(newcomer.area)) {
    score += WEIGHTS.area;
    reasons.push({ code: 'area', params: { area: newcomer.area.trim() } });
  }
  if (volunteer.children > 0 && newcomer.children > 0) {
    // Children who can play together matter most in a friend family; in a buddy pair they still help.
    score += kind === 'friend_family' ? WEIGHTS.children : WEIGHTS.household;
    reasons.push({ code: 'children', params: {} });
  } else if (volunteer.household === newcomer.household && volunteer.children === 0 && newcomer.children === 0) {
    score += WEIGHTS.household;
    reasons.push({ code: 'household', params: { household: newcomer.household } });
  }
  const times = shared(newcomer.availability, volunteer.availability);
  if (times.length > 0) {
    score += WEIGHTS.availability;
    reasons.push({ code: 'availability', params: { times: times.join(',') } });
  }
  return { score: Math.min(100, score), reasons };
}

export interface Candidate extends Profile {
  id: string;
}

export interface Suggestion {
  volunteerId: string;
  newcomerId: string;
  score: number;
  reasons: Reason[];
}

/**
 * For each waiting newcomer the best waiting volunteers at or above the threshold, best first; pairs already
 * proposed, active or declined are left out, so a refusal is not suggested again.
 */
export function suggestMatches(
  kind: MatchingKind,
  volunteers: Candidate[],
  newcomers: Candidate[],
  excludedPairs: { volunteerId: string; newcomerId: string }[],
  options: { threshold?: number; perNewcomer?: number } = {},
): Suggestion[] {
  const threshold = options.threshold ?? SUGGESTION_THRESHOLD;
  const per = options.perNewcomer ?? SUGGESTIONS_PER_NEWCOMER;
  const excluded = new Set(excludedPairs.map((p) => `${p.volunteerId}|${p.newcomerId}`));
  const out: Suggestion[] = [];
  for (const n of newcomers) {
    const ranked = volunteers
      .filter((v) => !excluded.has(`${v.id}|${n.id}`))
      .map((v) => ({ volunteerId: v.id, newcomerId: n.id, ...scorePair(kind, v, n) }))
      .filter((s) => s.score >= threshold)
      .sort((a, b) => b.score - a.score || a.volunteerId.localeCompare(b.volunteerId));
    out.push(...ranked.slice(0, per));
  }
  return out.sort((a, b) => b.score - a.score || a.newcomerId.localeCompare(b.newcomerId));
}

// --- Dates ------------------------------------------------------------------------------------------------------

/** A date some calendar months later; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Check-ins fall due 1, 3 and 6 months after the match was confirmed. */
export function checkInSchedule(confirmedOn: string): { month: 1 | 3 | 6; dueOn: string }[] {
  return CHECK_IN_MONTHS.map((month) => ({ month, dueOn: addMonths(confirmedOn, month) }));
}

/** `missed`: not done, and the match is no longer active, so it never will be. */
export type CheckInState = 'done' | 'overdue' | 'due' | 'upcoming' | 'missed';
/** How many days ahead a check-in shows as due, so the coordinator can book it. */
export const DUE_WINDOW_DAYS = 14;

export function checkInState(checkIn: { dueOn: string; doneOn: string | null }, today: string, matchActive = true): CheckInState {
  if (checkIn.doneOn !== null) return 'done';
  if (!matchActive) return 'missed';
  if (checkIn.dueOn < today) return 'overdue';
  const window = new Date(Date.parse(`${today}T00:00:00Z`) + DUE_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  return checkIn.dueOn <= window ? 'due' : 'upcoming';
}

// --- Status transitions -----------------------------------------------------------------------------------------

const matchTransitions: Record<MatchStatus, MatchStatus[]> = {
  proposed: ['active', 'declined'],
  active: ['ended'],
  ended: [],
  declined: [],
};

export function canChangeMatch(from: MatchStatus, to: MatchStatus): boolean {
  return matchTransitions[from].includes(to);
}

/**
 * A person's status as the coordinator may set it by hand: `matched` comes only from confirming a match and is left
 * only by ending it; whoever has left may come back as waiting.
 */
export function canSetPersonStatus(from: MatchingPersonStatus, to: MatchingPersonStatus): boolean {
  if (from === to) return true;
  if (from === 'matched' || to === 'matched') return false;
  return true;
}

/** Both sides of a confirmation must be waiting: not matched elsewhere, paused, gone or erased. */
export function confirmProblems(
  volunteer: { status: MatchingPersonStatus; erased: boolean },
  newcomer: { status: MatchingPersonStatus; erased: boolean },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (volunteer.erased || volunteer.status !== 'waiting')
    problems.push({ path: '/volunteerId', message: 'Volontären väntar inte längre på en matchning (matchad, pausad eller avslutad).' });
  if (newcomer.erased || newcomer.status !== 'waiting')
    problems.push({ path: '/newcomerId', message: 'Den nyanlända väntar inte längre på en matchning (matchad, pausad eller avslutad).' });
  return problems;
}

// --- Person fields ----------------------------------------------------------------------------------------------

export interface PersonFields {
  side: MatchingSide;
  name: string;
  email: string | null;
  phone: string | null;
  languages: string[];
  interests: string[];
  area: string;
  household: MatchingHousehold;
  children: number;
  availability: string[];
  wishes: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkPerson(p: PersonFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (p.name.trim() === '') problems.push({ path: '/name', message: 'Skriv namnet.' });
  if (p.email !== null && p.email.trim() !== '' && !EMAIL.test(p.email.trim()))
    problems.push({ path: '/email', message: `"${p.email}" är ingen e-postadress.` });
  if (p.phone !== null && p.phone.trim() !== '' && !/^[+0-9 ()-]{5,20}$/.test(p.phone.trim()))
    problems.push({ path: '/phone', message: 'Telefonnumret får bara innehålla siffror, mellanslag, + och -.' });
  if (p.languages.filter((l) => l.trim() !== '').length === 0)
    problems.push({ path: '/languages', message: 'Ange minst ett språk personen talar.' });
  if (p.household !== 'family' && p.children > 0) problems.push({ path: '/children', message: 'Barn anges för hushållet "familj".' });
  for (const [i, a] of p.availability.entries())
    if (!(AVAILABILITY as readonly string[]).includes(a))
      problems.push({ path: `/availability/${i}`, message: `Okänd tid "${a}": välj vardag dagtid, vardag kväll eller helg.` });
  return problems;
}

/** Lists as the form sends them: trimmed, empty entries and repeats dropped. */
export function cleanList(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const s = raw.trim();
    if (s === '' || seen.has(norm(s))) continue;
    seen.add(norm(s));
    out.push(s);
  }
  return out;
}

// --- Retention --------------------------------------------------------------------------------------------------

export interface RetentionSubject {
  id: string;
  status: MatchingPersonStatus;
  lastActiveOn: string;
  erased: boolean;
}

/**
 * Whose data is due for erasure: not yet erased, not in an active match, and last active (registered, changed, a
 * match ended) at least the programme's retention months before today.
 */
export function dueForErasure(people: RetentionSubject[], retentionMonths: number, today: string): string[] {
  return people.filter((p) => !p.erased && p.status !== 'matched' && addMonths(p.lastActiveOn, retentionMonths) <= today).map((p) => p.id);
}

// --- Counts -----------------------------------------------------------------------------------------------------

export interface CountedMatch {
  status: MatchStatus;
  confirmedOn: string | null;
  endedOn: string | null;
}

export interface CountedPerson {
  side: MatchingSide;
  registeredOn: string;
  leftOn: string | null;
  /** The person's confirmed matches as [confirmed, ended] intervals (ended null while active). */
  matches: { confirmedOn: string; endedOn: string | null }[];
}

export interface YearCounts {
  year: number;
  /** Matches active at some time in the year. */
  active: number;
  /** Matches ended in the year. */
  ended: number;
  /** People who waited for their first match at some time in the year. */
  waiting: number;
}

/**
 * Whether a person waited for a first match on some day of the year: registered, not gone, and not yet matched.
 * Someone whose match has ended is not counted again: the figure follows how many wait to be matched at all.
 */
export function waitedInYear(person: CountedPerson, year: number): boolean {
  return waitedBetween(person, `${year}-01-01`, `${year}-12-31`);
}

/** The same for any period (a follow-up cycle's dates). */
export function waitedBetween(person: CountedPerson, start: string, end: string): boolean {
  const from = person.registeredOn > start ? person.registeredOn : start;
  const until = person.leftOn !== null && person.leftOn < end ? person.leftOn : end;
  if (from > until) return false;
  const first = person.matches.map((m) => m.confirmedOn).sort()[0];
  return first === undefined || first > from;
}

/** Confirmed matches active on some day of a period, and those that ended in it. */
export function matchesBetween(matches: CountedMatch[], start: string, end: string): { active: number; ended: number } {
  const confirmed = matches.filter((m) => (m.status === 'active' || m.status === 'ended') && m.confirmedOn !== null);
  return {
    active: confirmed.filter((m) => (m.confirmedOn as string) <= end && (m.endedOn === null || m.endedOn >= start)).length,
    ended: confirmed.filter((m) => m.endedOn !== null && m.endedOn >= start && m.endedOn <= end).length,
  };
}

/**
 * Active, ended and waiting per year, every year from the first registration or match to `lastYear`. Only
 * dates are counted, and they stay when a person is erased, so forgetting someone changes no year's figures.
 */
export function countsPerYear(matches: CountedMatch[], people: CountedPerson[], lastYear: number): YearCounts[] {
  const years = [
    ...matches.flatMap((m) => [m.confirmedOn, m.endedOn]).filter((d): d is string => d !== null),
    ...people.map((p) => p.registeredOn),
  ].map((d) => Number(d.slice(0, 4)));
  if (years.length === 0) return [];
  const first = Math.min(...years);
  const out: YearCounts[] = [];
  for (let year = first; year <= Math.max(lastYear, first); year++) {
    out.push({
      year,
      ...matchesBetween(matches, `${year}-01-01`, `${year}-12-31`),
      waiting: people.filter((p) => waitedInYear(p, year)).length,
    });
  }
  return out;
}
