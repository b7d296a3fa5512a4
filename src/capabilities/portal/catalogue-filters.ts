import { addDays, categories, descriptionText, type Category } from '../catalogue/rules.ts';

/**
 * The public catalogue page's search as plain functions: reading the GET form's fields, the filters the catalogue's
 * own search has no field for (day of the week, free of charge, the target group in free text) and pagination.
 * The page applies the catalogue's `matchesSearch` for category, language, place and age, so a filter means the same
 * on the page as in the API; what is here only narrows further.
 */

export const PAGE_SIZE = 10;

export interface CatalogueFilters {
  q: string;
  category: Category | '';
  /** A language spoken at the activity (ISO 639 code). */
  language: string;
  place: string;
  age: number | null;
  /** ISO day of the week, 1 = Monday … 7 = Sunday; null for any day. */
  day: number | null;
  free: boolean;
  /** YYYY-MM-DD or '' for the catalogue's default window. */
  from: string;
  to: string;
  page: number;
}

export type FilterField = 'q' | 'category' | 'language' | 'place' | 'age' | 'day' | 'from' | 'to' | 'page';

/** What is wrong with a field, as a key the page says in the reader's language. */
export type FilterProblemKind = 'date' | 'order' | 'tooLong' | 'age' | 'choice' | 'page';

export interface FilterProblem {
  field: FilterField;
  kind: FilterProblemKind;
}

/** The longest window the catalogue's search accepts (service.searchActivities). */
const MAX_WINDOW_DAYS = 400;

function one(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return (v ?? '').trim();
}

function realDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The form's fields from a query string; anything malformed is a problem named by field, never a crash. */
export function readFilters(query: Record<string, string | string[] | undefined>): {
  filters: CatalogueFilters;
  problems: FilterProblem[];
} {
  const problems: FilterProblem[] = [];
  const q = one(query.q).slice(0, 200);
  const place = one(query.place).slice(0, 100);
  const categoryRaw = one(query.category);
  let category: Category | '' = '';
  if (categoryRaw !== '') {
    if ((categories as readonly string[]).includes(categoryRaw)) category = categoryRaw as Category;
    else problems.push({ field: 'category', kind: 'choice' });
  }
  const languageRaw = one(query.language).toLowerCase();
  let language = '';
  if (languageRaw !== '') {
    if (/^[a-z]{2,3}$/.test(languageRaw)) language = languageRaw;
    else problems.push({ field: 'language', kind: 'choice' });
  }
  const ageRaw = one(query.age);
  let age: number | null = null;
  if (ageRaw !== '') {
    if (/^\d{1,3}$/.test(ageRaw) && Number(ageRaw) <= 120) age = Number(ageRaw);
    else problems.push({ field: 'age', kind: 'age' });
  }
  const dayRaw = one(query.day);
  let day: number | null = null;
  if (dayRaw !== '') {
    if (/^[1-7]$/.test(dayRaw)) day = Number(dayRaw);
    else problems.push({ field: 'day', kind: 'choice' });
  }
  const freeRaw = one(query.free);
  const free = freeRaw === '1' || freeRaw === 'on' || freeRaw === 'true';
  const from = one(query.from);
  const to = one(query.to);
  if (from !== '' && !realDay(from)) problems.push({ field: 'from', kind: 'date' });
  if (to !== '' && !realDay(to)) problems.push({ field: 'to', kind: 'date' });
  if (realDay(from) && realDay(to)) {
    if (to < from) problems.push({ field: 'to', kind: 'order' });
    else if (addDays(from, MAX_WINDOW_DAYS) < to) problems.push({ field: 'to', kind: 'tooLong' });
  }
  const pageRaw = one(query.page);
  let page = 1;
  if (pageRaw !== '') {
    if (/^\d{1,4}$/.test(pageRaw) && Number(pageRaw) >= 1) page = Number(pageRaw);
    else problems.push({ field: 'page', kind: 'page' });
  }
  return { filters: { q, category, language, place, age, day, free, from, to, page }, problems };
}

/** The query string that reproduces the filters (empty ones left out), for pagination links and the language chooser. */
export function filterQuery(filters: CatalogueFilters, page = filters.page): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.category) params.set('category', filters.category);
  if (filters.language) params.set('language', filters.language);
  if (filters.place) params.set('place', filters.place);
  if (filters.age !== null) params.set('age', String(filters.age));
  if (filters.day !== null) params.set('day', String(filters.day));
  if (filters.free) params.set('free', '1');
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether any filter narrows the catalogue (the page then offers to clear them). */
export function hasFilters(filters: CatalogueFilters): boolean {
  return filterQuery({ ...filters, page: 1 }) !== '';
}

/** ISO day of the week of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * Whether the organiser's cost text says the activity is free. Cost is free text in the catalogue ("Gratis",
 * "Gratis, material ingår", "50 kr för maten"); only a text that starts by saying so counts, and an empty one does
 * not (nothing said is not a promise).
 */
export function isFree(cost: string): boolean {
  return /^\s*(gratis|kostnadsfri(tt)?|avgiftsfri(tt)?|ingen (kostnad|avgift)|0\s*(kr|kronor|sek)\b|free\b)/i.test(cost);
}

const fold = (s: string) => s.toLocaleLowerCase('sv-SE').normalize('NFC');

export interface TextSearchable {
  title: string;
  description: string;
  targetGroup: string;
  organiser: string;
  placeName: string;
  address: string;
  /** The reader's translation, when there is one: searched beside the Swedish. */
  translated?: { title?: string | undefined; description?: string | undefined } | undefined;
}

/** Free text: every word must occur somewhere in the activity's words, Swedish or the reader's translation. */
export function matchesText(a: TextSearchable, q: string): boolean {
  const words = fold(q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(
    [
      a.title,
      descriptionText(a.description),
      a.targetGroup,
      a.organiser,
      a.placeName,
      a.address,
      a.translated?.title ?? '',
      descriptionText(a.translated?.description ?? ''),
    ].join(' '),
  );
  return words.every((word) => haystack.includes(word));
}

export interface PageSlice {
  page: number;
  pages: number;
  /** 0-based, end exclusive. */
  start: number;
  end: number;
  /** A page number beyond the last (with results to show) is an address that does not exist. */
  outOfRange: boolean;
}

export function pageSlice(total: number, page: number, size = PAGE_SIZE): PageSlice {
  const pages = Math.max(1, Math.ceil(total / size));
  const outOfRange = page > pages;
  const current = Math.min(page, pages);
  const start = (current - 1) * size;
  return { page: current, pages, start, end: Math.min(total, start + size), outOfRange };
}
