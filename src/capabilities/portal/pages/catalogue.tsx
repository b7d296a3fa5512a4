import type { ReactNode } from 'react';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http.ts';
import { notFound } from '../../../kernel/errors.ts';
import { categories, descriptionText, matchesSearch, sanitiseDescription, stockholmDay, type Occurrence } from '../../catalogue/rules.ts';
import { getActivity, searchActivities, type ActivityView } from '../../catalogue/service.ts';
import { loadTranslations, type TranslatedFields } from '../../translations/service.ts';
import { localText } from '../../translations/rules.ts';
import {
  filterQuery,
  hasFilters,
  isFree,
  isoWeekday,
  matchesText,
  pageSlice,
  readFilters,
  type CatalogueFilters,
  type FilterField,
  type FilterProblem,
} from '../catalogue-filters.ts';
import { Local, NotTranslated, Section, type LocalText } from '../components.tsx';
import { formatDate, formatNumber, languageInfo, type Lang } from '../languages.ts';
import { href, Page } from '../layout.tsx';
import { catalogueMessages } from '../messages/catalogue.ts';
import { commonMessages } from '../messages/common.ts';
import { fill } from '../messages/define.ts';
import { pageRoute, type PageRequest } from '../render.tsx';
import { municipalityOf } from './home.tsx';

/**
 * The public activity catalogue: a search that is a plain GET form (it works without script and every result page
 * has its own address), the results page by page, and one activity. It reads exactly what the catalogue's public API
 * shows (the service called with no caller): published activities only — a draft, one waiting for moderation, a
 * rejected one or a published one an organiser has since edited are not there — with past occurrences dropped and
 * cancelled ones kept and marked.
 */

type Messages = ReturnType<typeof catalogueMessages>;

/** How many occurrences a result shows, and the activity page. */
const LIST_OCCURRENCES = 3;
const PAGE_OCCURRENCES = 10;

const categoryLabel = (t: Messages, category: string) => t[`cat_${category}` as keyof Messages] ?? category;

/** A language code's name in the reader's language (Intl knows it), else the code itself. */
function languageName(lang: Lang, code: string): string {
  try {
    return new Intl.DisplayNames([languageInfo[lang].locale], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The name of an ISO day of the week in the reader's language (1 January 2024 was a Monday). */
function weekdayName(lang: Lang, isoDay: number): string {
  return new Intl.DateTimeFormat(languageInfo[lang].locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, isoDay)),
  );
}

/** Text the organiser wrote in Swedish (a place, a cost): marked as Swedish on a page in another language. */
function Swedish({ children, pageLang }: { children: ReactNode; pageLang: Lang }) {
  return pageLang === 'sv' ? (
    <>{children}</>
  ) : (
    <span lang="sv" dir="ltr">
      {children}
    </span>
  );
}

/** A title inside a link: the "not translated" note stays outside it, so the link's name is the title alone. */
function LinkedTitle({ value, url, pageLang }: { value: LocalText; url: string; pageLang: Lang }) {
  if (value.lang === pageLang) return <a href={url}>{value.text}</a>;
  return (
    <>
      <a href={url} lang={value.lang} dir="ltr">
        {value.text}
      </a>{' '}
      <NotTranslated lang={pageLang} />
    </>
  );
}

/**
 * An activity's description: the catalogue's limited HTML (paragraphs, lists, emphasis, links), sanitised again here
 * although it was sanitised when saved, so a page never trusts what a database row holds.
 */
function Description({ value, pageLang }: { value: LocalText; pageLang: Lang }) {
  const html = sanitiseDescription(value.text);
  if (html === '') return null;
  const own = value.lang === pageLang;
  return (
    <>
      {!own && (
        <p>
          <NotTranslated lang={pageLang} />
        </p>
      )}
      <div
        className="activity-description"
        lang={own ? undefined : value.lang}
        dir={own ? undefined : 'ltr'}
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </>
  );
}

function excerpt(html: string, max = 220): string {
  const text = descriptionText(html);
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 30)).trimEnd()} …`;
}

function Occurrences({ occurrences, lang, t, id }: { occurrences: Occurrence[]; lang: Lang; t: Messages; id?: string }) {
  const thisYear = stockholmDay(new Date()).slice(0, 4);
  const clock = { hour: '2-digit', minute: '2-digit' } as const;
  return (
    <ul className="occurrences" aria-labelledby={id}>
      {occurrences.map((o) => {
        const day = formatDate(lang, o.start, {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          ...(o.date.slice(0, 4) !== thisYear ? { year: 'numeric' } : {}),
        });
        return (
          <li key={o.date} className={o.cancelled ? 'occurrence occurrence-cancelled' : 'occurrence'}>
            {o.cancelled && <strong className="cancelled-label">{t.cancelled}: </strong>}
            <time dateTime={o.start} className="occurrence-time">
              {day}, {formatDate(lang, o.start, clock)}–{formatDate(lang, o.end, clock)}
            </time>
            {o.cancelled && o.cancelReason && (
              <>
                {' – '}
                <Swedish pageLang={lang}>{o.cancelReason}</Swedish>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function ExampleBadge({ t }: { t: Messages }) {
  return (
    <span className="badge" title={t.exampleNote}>
      {t.example}
    </span>
  );
}

/** The iCalendar feed of the same search, in the API's own words (it knows no day of the week or "free"). */
function feedUrl(publicUrl: string, code: string, filters: CatalogueFilters, lang: Lang): string {
  const params = new URLSearchParams();
  if (filters.category) params.set('category', filters.category);
  if (filters.language) params.set('language', filters.language);
  if (filters.place) params.set('place', filters.place);
  if (filters.age !== null) params.set('age', String(filters.age));
  if (filters.q) params.set('q', filters.q);
  if (lang !== 'sv') params.set('lang', lang);
  const query = params.toString();
  return `${publicUrl}/api/municipalities/${code}/activities.ics${query ? `?${query}` : ''}`;
}

// ---- the search form ------------------------------------------------------------------------------------------

interface FieldProps {
  field: FilterField;
  label: string;
  hint?: string | undefined;
  problems: FilterProblem[];
  t: Messages;
  children: (attributes: { id: string; name: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}

/** A labelled field whose hint and error are tied to it by aria-describedby. */
function Field({ field, label, hint, problems, t, children }: FieldProps) {
  const id = `falt-${field}`;
  const problem = problems.find((p) => p.field === field);
  const describedBy = [hint ? `${id}-tips` : null, problem ? `${id}-fel` : null].filter(Boolean).join(' ');
  return (
    <div className={problem ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-tips`} className="field-hint">
          {hint}
        </span>
      )}
      {problem && (
        <span id={`${id}-fel`} className="field-error">
          {t[`problem_${problem.kind}`]}
        </span>
      )}
      {children({
        id,
        name: field,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(problem ? { 'aria-invalid': true as const } : {}),
      })}
    </div>
  );
}

function SearchForm({
  action,
  filters,
  problems,
  languages,
  lang,
  t,
}: {
  action: string;
  filters: CatalogueFilters;
  problems: FilterProblem[];
  languages: string[];
  lang: Lang;
  t: Messages;
}) {
  const fieldLabel: Record<Exclude<FilterField, 'page'>, string> = {
    q: t.q,
    category: t.category,
    language: t.language,
    place: t.place,
    age: t.age,
    day: t.day,
    from: t.from,
    to: t.to,
  };
  return (
    <form method="get" action={action} className="catalogue-search" role="search" aria-labelledby="sok-rubrik" noValidate>
      <h2 id="sok-rubrik">{t.searchTitle}</h2>
      {problems.length > 0 && (
        <div className="notice error" id="sokfel">
          <h3>{t.problemsTitle}</h3>
          <ul>
            {problems.map((p) => (
              <li key={p.field}>
                <a href={`#falt-${p.field}`}>{p.field === 'page' ? '' : fieldLabel[p.field]}</a>: {t[`problem_${p.kind}`]}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="search-fields">
        <Field field="q" label={t.q} hint={t.qHint} problems={problems} t={t}>
          {(a) => <input type="search" {...a} defaultValue={filters.q} maxLength={200} />}
        </Field>
        <Field field="category" label={t.category} problems={problems} t={t}>
          {(a) => (
            <select {...a} defaultValue={filters.category}>
              <option value="">{t.anyCategory}</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {categoryLabel(t, c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field field="language" label={t.language} problems={problems} t={t}>
          {(a) => (
            <select {...a} defaultValue={filters.language}>
              <option value="">{t.anyLanguage}</option>
              {languages.map((code) => (
                <option key={code} value={code}>
                  {languageName(lang, code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field field="day" label={t.day} problems={problems} t={t}>
          {(a) => (
            <select {...a} defaultValue={filters.day === null ? '' : String(filters.day)}>
              <option value="">{t.anyDay}</option>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <option key={d} value={String(d)}>
                  {weekdayName(lang, d)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field field="place" label={t.place} hint={t.placeHint} problems={problems} t={t}>
          {(a) => <input type="text" {...a} defaultValue={filters.place} maxLength={100} />}
        </Field>
        <Field field="age" label={t.age} hint={t.ageHint} problems={problems} t={t}>
          {(a) => (
            <input
              type="text"
              inputMode="numeric"
              {...a}
              defaultValue={filters.age === null ? '' : String(filters.age)}
              maxLength={3}
              size={4}
            />
          )}
        </Field>
        <Field field="from" label={t.from} hint={t.dateHint} problems={problems} t={t}>
          {(a) => <input type="date" {...a} defaultValue={filters.from} />}
        </Field>
        <Field field="to" label={t.to} problems={problems} t={t}>
          {(a) => <input type="date" {...a} defaultValue={filters.to} />}
        </Field>
      </div>
      <div className="field-check">
        <input type="checkbox" id="falt-free" name="free" value="1" defaultChecked={filters.free} />
        <label htmlFor="falt-free">{t.free}</label>
      </div>
      <p className="search-actions">
        <button type="submit">{t.submit}</button>
        {(hasFilters(filters) || problems.length > 0) && <a href={action}>{t.clear}</a>}
      </p>
    </form>
  );
}

// ---- the list ---------------------------------------------------------------------------------------------------

interface Found {
  activity: ActivityView;
  occurrences: Occurrence[];
  translated: TranslatedFields | undefined;
}

function Pagination({
  base,
  filters,
  current,
  pages,
  t,
  lang,
}: {
  base: string;
  filters: CatalogueFilters;
  current: number;
  pages: number;
  t: Messages;
  lang: Lang;
}) {
  if (pages <= 1) return null;
  const link = (page: number) => `${base}${filterQuery(filters, page)}`;
  return (
    <nav className="pagination" aria-label={t.pagination}>
      <ul>
        {current > 1 && (
          <li>
            <a href={link(current - 1)} rel="prev">
              {t.previous}
            </a>
          </li>
        )}
        {Array.from({ length: pages }, (_, i) => i + 1).map((page) => (
          <li key={page}>
            <a
              href={link(page)}
              aria-current={page === current ? 'page' : undefined}
              aria-label={fill(t.pageN, { page: formatNumber(lang, page) })}
            >
              {formatNumber(lang, page)}
            </a>
          </li>
        ))}
        {current < pages && (
          <li>
            <a href={link(current + 1)} rel="next">
              {t.next}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function ResultCard({ found, code, lang, t }: { found: Found; code: string; lang: Lang; t: Messages }) {
  const { activity: a, translated } = found;
  const title = localText(a.title, translated?.title, lang);
  const summary = localText(excerpt(a.description), translated?.description ? excerpt(translated.description) : undefined, lang);
  const headingId = `aktivitet-${a.id}`;
  const place = [a.place.name, a.place.address].filter(Boolean).join(', ');
  return (
    <li className="activity-card">
      <h3 id={headingId}>
        <LinkedTitle value={title} url={href(lang, `/kommun/${code}/aktiviteter/${a.id}`)} pageLang={lang} />
        {a.example && (
          <>
            {' '}
            <ExampleBadge t={t} />
          </>
        )}
      </h3>
      <p className="activity-meta">
        {categoryLabel(t, a.category)} · {t.organiser}: <Swedish pageLang={lang}>{a.organiser.name}</Swedish>
        {place && (
          <>
            {' · '}
            <Swedish pageLang={lang}>{place}</Swedish>
          </>
        )}
      </p>
      {summary.text && <Local value={summary} pageLang={lang} block />}
      <h4 id={`${headingId}-tider`}>{t.nextOccurrences}</h4>
      <Occurrences occurrences={found.occurrences.slice(0, LIST_OCCURRENCES)} lang={lang} t={t} id={`${headingId}-tider`} />
    </li>
  );
}

async function listPage({ ctx, lang, path, params, query, publicUrl }: PageRequest) {
  const t = catalogueMessages(lang);
  const common = commonMessages(lang);
  const municipality = await municipalityOf(ctx, params.code ?? '');
  const { filters, problems } = readFilters(query);
  // A page number is no field of the form: a malformed one is an address that does not exist.
  if (problems.some((p) => p.field === 'page')) throw notFound('Sidan');
  const datesBad = problems.some((p) => p.field === 'from' || p.field === 'to');
  // One search over the window; the filters below are the catalogue's own rule (matchesSearch) and the page's extras,
  // so the list of languages to choose from is every language spoken in the window, whatever else is chosen.
  const search = await searchActivities(
    ctx.db,
    null,
    municipality.code,
    datesBad ? {} : { from: filters.from || undefined, to: filters.to || undefined },
  );
  const spoken = new Set(search.activities.flatMap((a) => a.languages));
  if (filters.language) spoken.add(filters.language);
  const languages = [...spoken].sort((a, b) => languageName(lang, a).localeCompare(languageName(lang, b), languageInfo[lang].locale));
  const base = href(lang, `/kommun/${municipality.code}/aktiviteter`);
  const title = fill(t.title, { municipality: municipality.name });
  const breadcrumbs = [
    { href: href(lang), label: common.home },
    { href: href(lang, `/kommun/${municipality.code}`), label: municipality.name },
  ];

  let results: ReactNode = null;
  let pageTitle = title;
  if (problems.length === 0) {
    const translations = await loadTranslations(
      ctx.db,
      'activity',
      search.activities.map((a) => a.id),
      lang,
    );
    const found: Found[] = search.activities
      .filter((a) =>
        matchesSearch(
          {
            title: a.title,
            description: a.description,
            translations: {},
            category: a.category,
            languages: a.languages,
            placeName: a.place.name,
            address: a.place.address,
            ageMin: a.ageMin,
            ageMax: a.ageMax,
          },
          {
            category: filters.category || undefined,
            language: filters.language || undefined,
            place: filters.place || undefined,
            ageFrom: filters.age ?? undefined,
            ageTo: filters.age ?? undefined,
          },
        ),
      )
      .filter((a) => !filters.free || isFree(a.cost))
      .map((a) => ({
        activity: a,
        translated: translations.get(a.id),
        occurrences: filters.day === null ? a.occurrences : a.occurrences.filter((o) => isoWeekday(o.date) === filters.day),
      }))
      .filter(
        (f) =>
          f.occurrences.length > 0 &&
          matchesText(
            {
              title: f.activity.title,
              description: f.activity.description,
              targetGroup: f.activity.targetGroup,
              organiser: f.activity.organiser.name,
              placeName: f.activity.place.name,
              address: f.activity.place.address,
              translated: f.translated,
            },
            filters.q,
          ),
      )
      .sort(
        (a, b) =>
          (a.occurrences[0]?.start ?? '').localeCompare(b.occurrences[0]?.start ?? '') ||
          a.activity.title.localeCompare(b.activity.title, 'sv'),
      );
    const slice = pageSlice(found.length, filters.page);
    if (slice.outOfRange) throw notFound('Sidan');
    const shown = found.slice(slice.start, slice.end);
    const count = formatNumber(lang, found.length);
    if (slice.pages > 1)
      pageTitle = `${title} (${fill(t.pageOf, { page: formatNumber(lang, slice.page), pages: formatNumber(lang, slice.pages) })})`;
    results = (
      <section aria-labelledby="resultat-rubrik" className="catalogue-results">
        <h2 id="resultat-rubrik">{found.length === 1 ? t.foundOne : fill(t.foundMany, { count })}</h2>
        <p className="muted">
          {fill(t.window, { from: formatDate(lang, search.from), to: formatDate(lang, search.to) })}{' '}
          {found.length > 0 && fill(t.showing, { start: formatNumber(lang, slice.start + 1), end: formatNumber(lang, slice.end), count })}
        </p>
        {found.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <>
            {lang !== 'sv' && <p className="muted">{t.swedishData}</p>}
            <ol className="activity-list" start={slice.start + 1}>
              {shown.map((f) => (
                <ResultCard key={f.activity.id} found={f} code={municipality.code} lang={lang} t={t} />
              ))}
            </ol>
            <Pagination base={base} filters={filters} current={slice.page} pages={slice.pages} t={t} lang={lang} />
          </>
        )}
      </section>
    );
  }

  const element = (
    <Page
      lang={lang}
      path={path}
      title={pageTitle}
      municipality={municipality}
      section="activities"
      publicUrl={publicUrl}
      breadcrumbs={breadcrumbs}
      description={t.intro}
      shareable
    >
      <h1>{title}</h1>
      <p className="lead">{t.intro}</p>
      <SearchForm action={base} filters={filters} problems={problems} languages={languages} lang={lang} t={t} />
      {results}
      <Section id="kalender" title={t.calendarTitle}>
        <p>
          <a href={feedUrl(publicUrl, municipality.code, filters, lang)} type="text/calendar">
            {t.calendarLink}
          </a>
        </p>
        <p className="muted">{t.calendarHint}</p>
      </Section>
    </Page>
  );
  return problems.length > 0 ? { status: 400, element } : element;
}

// ---- one activity --------------------------------------------------------------------------------------------

function ages(t: Messages, lang: Lang, min: number | null, max: number | null): string {
  const n = (v: number) => formatNumber(lang, v);
  if (min !== null && max !== null) return fill(t.agesRange, { min: n(min), max: n(max) });
  if (min !== null) return fill(t.agesFrom, { min: n(min) });
  if (max !== null) return fill(t.agesTo, { max: n(max) });
  return t.agesAll;
}

async function activityPage({ ctx, lang, path, params, publicUrl }: PageRequest) {
  const t = catalogueMessages(lang);
  const common = commonMessages(lang);
  const municipality = await municipalityOf(ctx, params.code ?? '');
  // The public's view: anything not published is "not found", exactly as GET /api/activities/{id} answers the public.
  const activity = await getActivity(ctx.db, null, params.id ?? '');
  if (activity.municipalityCode !== municipality.code) throw notFound('Aktiviteten');
  const translated = (await loadTranslations(ctx.db, 'activity', [activity.id], lang)).get(activity.id);
  const itemTexts = await loadTranslations(
    ctx.db,
    'item',
    activity.items.map((i) => i.id),
    lang,
  );
  const title = localText(activity.title, translated?.title, lang);
  const description = localText(activity.description, translated?.description, lang);
  const occurrences = activity.occurrences.slice(0, PAGE_OCCURRENCES);
  const listUrl = href(lang, `/kommun/${municipality.code}/aktiviteter`);
  const place = [activity.place.name, activity.place.address].filter(Boolean);
  // Only what the catalogue publishes: the organiser's name (an association's or a unit's name is public) and the
  // contact the organiser wrote for the public on the activity. The organiser's own registered contact and
  // organisation number are the coordinator's (the service never puts them in an activity's view).
  const facts: [string, ReactNode][] = [
    [t.organiser, <Swedish pageLang={lang}>{activity.organiser.name}</Swedish>],
    [t.category, categoryLabel(t, activity.category)],
    ...(activity.targetGroup
      ? ([[t.targetGroup, <Swedish pageLang={lang}>{activity.targetGroup}</Swedish>]] as [string, ReactNode][])
      : []),
    [t.ages, ages(t, lang, activity.ageMin, activity.ageMax)],
    ...(activity.languages.length > 0
      ? ([[t.languages, activity.languages.map((code) => languageName(lang, code)).join(', ')]] as [string, ReactNode][])
      : []),
    ...(place.length > 0
      ? ([
          [
            t.placeLabel,
            <Swedish pageLang={lang}>
              {place.map((line, i) => (
                <span key={i} className="line">
                  {line}
                </span>
              ))}
            </Swedish>,
          ],
        ] as [string, ReactNode][])
      : []),
    [
      t.accessibility,
      activity.place.accessibility ? <Swedish pageLang={lang}>{activity.place.accessibility}</Swedish> : t.accessibilityUnknown,
    ],
    ...(activity.cost ? ([[t.cost, <Swedish pageLang={lang}>{activity.cost}</Swedish>]] as [string, ReactNode][]) : []),
    ...(activity.registration
      ? ([[t.registration, <Swedish pageLang={lang}>{activity.registration}</Swedish>]] as [string, ReactNode][])
      : []),
    ...(activity.contact ? ([[t.contact, <Swedish pageLang={lang}>{activity.contact}</Swedish>]] as [string, ReactNode][]) : []),
  ];
  return (
    <Page
      lang={lang}
      path={path}
      title={title.text}
      municipality={municipality}
      section="activities"
      publicUrl={publicUrl}
      breadcrumbs={[
        { href: href(lang), label: common.home },
        { href: href(lang, `/kommun/${municipality.code}`), label: municipality.name },
        { href: listUrl, label: common.activities },
      ]}
      description={excerpt(description.text, 160)}
      shareable
    >
      <h1>
        <Local value={title} pageLang={lang} />
      </h1>
      {activity.example && (
        <p className="notice">
          <ExampleBadge t={t} /> {t.exampleNote}
        </p>
      )}
      <Description value={description} pageLang={lang} />
      <Section id="om" title={t.aboutTitle}>
        {lang !== 'sv' && <p className="muted">{t.swedishData}</p>}
        <dl className="catalogue-facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section id="tillfallen" title={t.occurrencesTitle}>
        {occurrences.length === 0 ? (
          <p>{t.noOccurrences}</p>
        ) : (
          <>
            <Occurrences occurrences={occurrences} lang={lang} t={t} id="tillfallen-rubrik" />
            {activity.occurrences.length > PAGE_OCCURRENCES && (
              <p className="muted">{fill(t.occurrencesMore, { count: formatNumber(lang, PAGE_OCCURRENCES) })}</p>
            )}
          </>
        )}
      </Section>
      {activity.items.length > 0 && (
        <Section id="planen" title={t.planTitle}>
          <p>{t.planIntro}</p>
          <ul>
            {activity.items.map((item) => {
              const text = localText(item.text, itemTexts.get(item.id)?.title, lang);
              const link = (
                <a href={href(lang, `/kommun/${municipality.code}/plan/${item.documentId}/punkt/${item.id}`)}>
                  <Swedish pageLang={text.lang === lang ? lang : 'sv'}>{item.reference}</Swedish>
                </a>
              );
              // An untranslated item is one Swedish line, reference and text together, so it reads left to right.
              return (
                <li key={item.id}>
                  {text.lang === lang ? (
                    <>
                      {link}: {text.text}
                    </>
                  ) : (
                    <>
                      <span lang="sv" dir="ltr">
                        {link}: {text.text}
                      </span>{' '}
                      <NotTranslated lang={lang} />
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </Section>
      )}
      <Section id="kalender" title={t.calendarTitle}>
        <p>
          <a
            href={`${publicUrl}/api/municipalities/${municipality.code}/activities.ics${lang === 'sv' ? '' : `?lang=${lang}`}`}
            type="text/calendar"
          >
            {t.calendarLink}
          </a>
        </p>
        <p className="muted">{t.calendarActivityHint}</p>
      </Section>
      <p>
        <a href={listUrl}>{fill(t.backToList, { municipality: municipality.name })}</a>
      </p>
    </Page>
  );
}

export function registerCataloguePages(app: FastifyInstance, ctx: AppContext): void {
  pageRoute(app, ctx, '/kommun/:code/aktiviteter', listPage);
  pageRoute(app, ctx, '/kommun/:code/aktiviteter/:id', activityPage);
}
