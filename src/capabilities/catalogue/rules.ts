import rrule from 'rrule';
import sanitizeHtml from 'sanitize-html';
import type { FieldProblem } from '../../kernel/errors.ts';
import { normaliseRecurrence } from '../../kernel/recurrence.ts';
import { canEditPlan, type Caller } from '../accounts/policies.ts';

// rrule ships CommonJS with an ESM build Node cannot resolve by name; the default import is the portable way in.
const { rrulestr, RRule } = rrule;

/**
 * The activity catalogue's rules as plain functions: schedules in Stockholm wall time and their occurrences,
 * sanitising, validation, search, counting for follow-up, and who may do what.
 */

export const categories = ['language', 'homework', 'sport', 'culture', 'crafts', 'meeting', 'society', 'education', 'other'] as const;
export type Category = (typeof categories)[number];

export const ZONE = 'Europe/Stockholm';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface Schedule {
  /** The first (or only) day, YYYY-MM-DD, Stockholm. */
  startDate: string;
  /** Wall time in Stockholm, HH:MM. */
  startTime: string;
  durationMinutes: number;
  /** An RRULE (no DTSTART) or null for a one-off. */
  rrule: string | null;
  /** The last day it may happen, YYYY-MM-DD, or null. */
  until: string | null;
}

export interface Cancellation {
  date: string;
  reason: string;
}

export interface Occurrence {
  /** The local day, YYYY-MM-DD. */
  date: string;
  /** Local wall time "YYYY-MM-DDTHH:MM". */
  startLocal: string;
  start: string;
  end: string;
  cancelled: boolean;
  cancelReason: string | null;
}

// ---- time in Stockholm --------------------------------------------------------------------------------------

const zoneFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * Minutes Stockholm is ahead of UTC at an instant (60 in winter, 120 in summer). Stockholm's clock changes on a whole
 * UTC hour (01:00 UTC), so the offset is one for every instant of a UTC hour: it is remembered per hour, and the zone
 * formatting, which costs tens of microseconds, runs once per hour asked about (a search places hundreds of
 * occurrences, each twice).
 */
export function stockholmOffset(instant: Date): number {
  const hour = Math.floor(instant.getTime() / 3_600_000);
  const known = offsetByHour.get(hour);
  if (known !== undefined) return known;
  const p = Object.fromEntries(zoneFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const offset = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
  // Bounded: 100,000 hours are eleven years of distinct hours.
  if (offsetByHour.size >= 100_000) offsetByHour.clear();
  offsetByHour.set(hour, offset);
  return offset;
}
const offsetByHour = new Map<number, number>();

/** The instant of a Stockholm wall time, given as a Date whose UTC fields hold the wall time. */
export function wallToInstant(wall: Date): Date {
  const guess = new Date(wall.getTime() - stockholmOffset(wall) * 60000);
  return new Date(wall.getTime() - stockholmOffset(guess) * 60000);
}

/** The Stockholm day of an instant, YYYY-MM-DD. */
export function stockholmDay(instant: Date): string {
  return new Date(instant.getTime() + stockholmOffset(instant) * 60000).toISOString().slice(0, 10);
}

const wallOf = (day: string, time = '00:00') => new Date(`${day}T${time}:00Z`);
const pad = (n: number) => String(n).padStart(2, '0');

/** A day plus n days, YYYY-MM-DD. */
export function addDays(day: string, n: number): string {
  const d = wallOf(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// ---- occurrences -------------------------------------------------------------------------------------------

/**
 * The occurrences of a schedule on the days [from, to] (Stockholm, inclusive). Recurrences expand in wall time, so an
 * activity at 18:00 stays at 18:00 when summer time begins or ends; each is then placed at its real instant. With
 * `now`, occurrences that have ended drop off; cancelled ones are kept and marked.
 */
export function expandSchedule(
  schedule: Schedule,
  cancellations: Cancellation[],
  window: { from: string; to: string },
  now: Date | null = null,
): Occurrence[] {
  const cancelled = new Map(cancellations.map((c) => [c.date, c.reason]));
  const walls = schedule.rrule
    ? ruleWalls(schedule.rrule, schedule.startDate, schedule.startTime, window)
    : [wallOf(schedule.startDate, schedule.startTime)];
  const out: Occurrence[] = [];
  for (const wall of walls) {
    const date = wall.toISOString().slice(0, 10);
    if (date < window.from || date > window.to || date < schedule.startDate) continue;
    if (schedule.until && date > schedule.until) continue;
    const start = wallToInstant(wall);
    const end = new Date(start.getTime() + schedule.durationMinutes * 60000);
    if (now && end <= now) continue;
    const reason = cancelled.get(date);
    out.push({
      date,
      startLocal: `${date}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
      start: start.toISOString(),
      end: end.toISOString(),
      cancelled: reason !== undefined,
      cancelReason: reason ?? null,
    });
  }
  return out;
}

const DAY_MS = 86_400_000;

/**
 * The wall times a rule gives in a window. Remembered per rule, start and window: rrule takes ~0.1 ms to iterate a
 * weekly rule over a season, a catalogue search expands every matching activity, and the window (today and the
 * months ahead) and the rules of a municipality's activities change rarely. The walls are a pure function of the key;
 * cancellations, the end date and the clock are applied to them afresh by each caller. Bounded like the offsets above.
 */
function ruleWalls(rule: string, startDate: string, startTime: string, window: { from: string; to: string }): readonly Date[] {
  const key = `${rule}\u0000${startDate}\u0000${startTime}\u0000${window.from}\u0000${window.to}`;
  const known = wallsByRule.get(key);
  if (known) return known;
  const from = wallOf(window.from);
  const walls = ruleFrom(rule.replace(/^RRULE:/, ''), wallOf(startDate, startTime), from).between(from, wallOf(window.to, '23:59'), true);
  if (wallsByRule.size >= 10_000) wallsByRule.clear();
  wallsByRule.set(key, walls);
  return walls;
}
const wallsByRule = new Map<string, readonly Date[]>();

/**
 * The rule to expand for a window starting at `from`. rrule iterates from the rule's start, so a weekly activity
 * running since 2020 cost hundreds of iterations per search for the dozen occurrences of the coming months. A daily or
 * weekly rule without COUNT repeats with a fixed period (INTERVAL days or weeks; a week's days and positions are
 * relative to the week, and walls are UTC-based dates without summer time), so starting it a whole number of periods
 * later, still before the window, gives the same occurrences in the window. Other rules start where they start.
 */
function ruleFrom(text: string, first: Date, from: Date) {
  if (/[:\n]/.test(text)) return rrulestr(text, { dtstart: first });
  const options = RRule.parseString(text);
  let dtstart = first;
  if ((options.freq === RRule.WEEKLY || options.freq === RRule.DAILY) && options.count == null && !options.dtstart) {
    const period = (options.interval ?? 1) * (options.freq === RRule.WEEKLY ? 7 : 1) * DAY_MS;
    // One period of margin before the window.
    const periods = Math.floor((from.getTime() - first.getTime()) / period) - 1;
    if (periods > 0) dtstart = new Date(first.getTime() + periods * period);
  }
  return new RRule({ ...options, dtstart });
}

/** Whether a schedule has an occurrence on a day (for cancelling it). */
export function occursOn(schedule: Schedule, day: string): boolean {
  return expandSchedule(schedule, [], { from: day, to: day }).length > 0;
}

// ---- text ----------------------------------------------------------------------------------------------------

const descriptionRules: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
  disallowedTagsMode: 'discard',
};

/** A description as the little HTML the catalogue allows: paragraphs, line breaks, bold, italic, lists, links. */
export function sanitiseDescription(html: string): string {
  return sanitizeHtml(html, descriptionRules).trim();
}

/** Plain text: any markup removed (a title, a place). */
export function plainText(text: string): string {
  return text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a sanitised description, for search and for a calendar's text. */
export function descriptionText(html: string): string {
  return plainText(html.replace(/<\/(p|li)>|<br\s*\/?>/gi, ' '))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

// ---- validation --------------------------------------------------------------------------------------------

export interface ActivityFields {
  title: string;
  category: string;
  ageMin: number | null;
  ageMax: number | null;
  languages: string[];
  translations: Record<string, { title: string; description: string }>;
  schedule: Schedule;
}

/** What JSON Schema cannot say about an activity: real days and times, a sound rule, a sane age range. */
export function checkActivity(a: ActivityFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (plainText(a.title) === '') problems.push({ path: '/title', message: 'Ge aktiviteten en rubrik.' });
  if (!(categories as readonly string[]).includes(a.category))
    problems.push({ path: '/category', message: `Okänd kategori "${a.category}"; välj en av ${categories.join(', ')}.` });
  if (a.ageMin !== null && a.ageMax !== null && a.ageMin > a.ageMax)
    problems.push({ path: '/ageMax', message: 'Den högsta åldern är lägre än den lägsta.' });
  for (const [i, l] of a.languages.entries())
    if (!/^[a-z]{2,3}$/.test(l)) problems.push({ path: `/languages/${i}`, message: `"${l}" är ingen språkkod (till exempel sv, ar, so).` });
  for (const [lang, t] of Object.entries(a.translations)) {
    if (!/^[a-z]{2,3}$/.test(lang)) problems.push({ path: `/translations/${lang}`, message: `"${lang}" är ingen språkkod.` });
    if (lang === 'sv') problems.push({ path: '/translations/sv', message: 'Svenskan är aktivitetens egen text, ingen översättning.' });
    if (plainText(t.title) === '') problems.push({ path: `/translations/${lang}/title`, message: 'Översättningen saknar rubrik.' });
  }
  const s = a.schedule;
  // A month 82 passes the pattern but makes no date: checked by value, so it is refused rather than thrown on.
  const realDay = (d: string) => {
    const wall = DAY.test(d) ? wallOf(d) : null;
    return wall !== null && !Number.isNaN(wall.getTime()) && wall.toISOString().slice(0, 10) === d;
  };
  if (!realDay(s.startDate)) problems.push({ path: '/startDate', message: `"${s.startDate}" är inget datum (ÅÅÅÅ-MM-DD).` });
  if (!TIME.test(s.startTime)) problems.push({ path: '/startTime', message: `"${s.startTime}" är ingen tid (TT:MM).` });
  if (!Number.isInteger(s.durationMinutes) || s.durationMinutes <= 0 || s.durationMinutes > 24 * 60)
    problems.push({ path: '/durationMinutes', message: 'Längden anges i minuter, högst ett dygn.' });
  if (s.until !== null && (!realDay(s.until) || s.until < s.startDate))
    problems.push({ path: '/until', message: 'Slutdatumet är inget datum eller ligger före första tillfället.' });
  if (s.rrule !== null) {
    const checked = normaliseRecurrence(s.rrule);
    if ('error' in checked) problems.push({ path: '/rrule', message: checked.error });
    else if (checked.rule === 'CONTINUOUS') problems.push({ path: '/rrule', message: 'En aktivitet har tider; "kontinuerligt" går inte.' });
    else if (/(^|;)DTSTART/.test(checked.rule)) problems.push({ path: '/rrule', message: 'Första tillfället anges med datum och tid.' });
  }
  if (s.until !== null && s.rrule === null) problems.push({ path: '/until', message: 'Ett slutdatum hör till en återkommande aktivitet.' });
  return problems;
}

/** The rule in canonical form (upper case, no RRULE: prefix), or null. */
export function canonicalRule(rule: string | null | undefined): string | null {
  if (!rule || rule.trim() === '') return null;
  const checked = normaliseRecurrence(rule);
  return 'rule' in checked ? checked.rule : rule;
}

// ---- search ------------------------------------------------------------------------------------------------

export interface Searchable {
  title: string;
  description: string;
  translations: Record<string, { title: string; description: string }>;
  category: string;
  languages: string[];
  placeName: string;
  address: string;
  ageMin: number | null;
  ageMax: number | null;
}

export interface SearchQuery {
  category?: string | undefined;
  /** A language spoken at the activity. */
  language?: string | undefined;
  /** Part of the place's name or address. */
  place?: string | undefined;
  /** The ages sought; the activity's range must overlap. */
  ageFrom?: number | undefined;
  ageTo?: number | undefined;
  /** Free text: every word must occur in the title, description or place. */
  q?: string | undefined;
  /** The reader's language: its translation is searched beside the Swedish. */
  lang?: string | undefined;
}

const fold = (s: string) => s.toLocaleLowerCase('sv-SE').normalize('NFC');

/** Whether an activity answers a search (the date range is applied to its occurrences separately). */
export function matchesSearch(a: Searchable, q: SearchQuery): boolean {
  if (q.category && a.category !== q.category) return false;
  if (q.language && !a.languages.includes(q.language)) return false;
  if (q.place && !fold(`${a.placeName} ${a.address}`).includes(fold(q.place.trim()))) return false;
  if (q.ageFrom !== undefined || q.ageTo !== undefined) {
    const from = q.ageFrom ?? 0;
    const to = q.ageTo ?? Number.POSITIVE_INFINITY;
    const min = a.ageMin ?? 0;
    const max = a.ageMax ?? Number.POSITIVE_INFINITY;
    if (min > to || max < from) return false;
  }
  if (q.q && q.q.trim() !== '') {
    const texts = [a.title, descriptionText(a.description), a.placeName, a.address];
    const translated = q.lang ? a.translations[q.lang] : undefined;
    if (translated) texts.push(translated.title, descriptionText(translated.description));
    const haystack = fold(texts.join(' '));
    if (
      !fold(q.q)
        .split(/\s+/)
        .filter(Boolean)
        .every((word) => haystack.includes(word))
    )
      return false;
  }
  return true;
}

// ---- follow-up -----------------------------------------------------------------------------------------------

export interface YearCount {
  year: number;
  /** Published activities with at least one held (not cancelled) occurrence in the year. */
  activities: number;
  /** Held occurrences in the year. */
  occurrences: number;
}

/** Per plan item and year, how many linked activities were held and how often ("2 aktiviteter årligen"). */
export function countByItemAndYear(list: { itemIds: string[]; occurrences: Occurrence[] }[]): Map<string, YearCount[]> {
  const counts = new Map<string, Map<number, YearCount>>();
  for (const a of list) {
    const held = a.occurrences.filter((o) => !o.cancelled);
    const years = new Map<number, number>();
    for (const o of held) years.set(Number(o.date.slice(0, 4)), (years.get(Number(o.date.slice(0, 4))) ?? 0) + 1);
    for (const itemId of new Set(a.itemIds)) {
      const byYear = counts.get(itemId) ?? new Map<number, YearCount>();
      for (const [year, n] of years) {
        const c = byYear.get(year) ?? { year, activities: 0, occurrences: 0 };
        c.activities += 1;
        c.occurrences += n;
        byYear.set(year, c);
      }
      counts.set(itemId, byYear);
    }
  }
  return new Map([...counts].map(([id, m]) => [id, [...m.values()].sort((a, b) => a.year - b.year)]));
}

// ---- who may do what -----------------------------------------------------------------------------------------

export interface ActivityRef {
  municipalityCode: string;
  /** The unit of the organiser, when the organiser is a municipal unit (or an association with its own account). */
  organiserUnitId: string | null;
  status: 'draft' | 'pending' | 'published' | 'rejected';
}

/** The coordinator (and administrators) register associations and moderate. */
export const canModerate = (caller: Caller, municipalityCode: string) => canEditPlan(caller, municipalityCode);

/** Who may submit activities for an organiser: the coordinator, or a reporter of the organiser's unit. */
export function canActFor(caller: Caller, municipalityCode: string, organiserUnitId: string | null): boolean {
  if (canModerate(caller, municipalityCode)) return true;
  return (
    caller !== null &&
    caller.role === 'reporter' &&
    caller.municipalityCode === municipalityCode &&
    organiserUnitId !== null &&
    caller.unitIds.includes(organiserUnitId)
  );
}

export const canEditActivity = (caller: Caller, a: ActivityRef) => canActFor(caller, a.municipalityCode, a.organiserUnitId);

/** Published activities are public; the rest only for those who may edit them. */
export function canReadActivity(caller: Caller, a: ActivityRef): boolean {
  return a.status === 'published' || canEditActivity(caller, a);
}

/**
 * What an edit does to the status. An organiser's edit of a published activity goes back to the coordinator
 * (pending, hidden until approved); the coordinator's own edit keeps it published. A rejected activity, edited,
 * stays rejected until submitted again.
 */
export function statusAfterEdit(status: ActivityRef['status'], byModerator: boolean): ActivityRef['status'] {
  if (status === 'published' && !byModerator) return 'pending';
  return status;
}
