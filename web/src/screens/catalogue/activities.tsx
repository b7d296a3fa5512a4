import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type Municipality } from '../../client.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { locale } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import {
  addDays,
  categories,
  dateText,
  ExampleBadge,
  languageCodes,
  languageName,
  textsOf,
  timeText,
  today,
  type ActivityView,
  type Occurrence,
  type SearchResult,
} from './shared.tsx';
import '../../styles/catalogue.css';

const filterKeys = ['from', 'to', 'category', 'language', 'place', 'age', 'q'] as const;
type Filters = Record<(typeof filterKeys)[number], string>;

/** The public catalogue of a municipality: search, a list or a month calendar, and the iCalendar feed of the search. */
export function ActivitiesScreen() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const applied: Filters = Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const query = new URLSearchParams(Object.entries(applied).filter(([, v]) => v !== '')).toString();
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code]);
  const result = useLoad(
    () => api<SearchResult>('GET', `/api/municipalities/${code}/activities${query ? `?${query}` : ''}`),
    [code, query, user?.id],
  );
  const [view, setView] = useState<'list' | 'calendar'>(params.get('view') === 'calendar' ? 'calendar' : 'list');
  useTitle(municipality.data ? t('catalogue.title', { name: municipality.data.name }) : undefined);
  const error = municipality.error ?? result.error;
  if (error) return <LoadError error={error} />;
  if (!municipality.data) return <Loading />;
  const member =
    user !== null && (user.role === 'admin' || (user.municipalityCode === code && user.role !== 'reader' && user.role !== 'applicant'));
  const icsQuery = new URLSearchParams(query);
  if (i18n.language !== 'sv') icsQuery.set('lang', i18n.language);
  const icsUrl = `/api/municipalities/${code}/activities.ics${icsQuery.size > 0 ? `?${icsQuery.toString()}` : ''}`;
  return (
    <section className="page">
      <p className="breadcrumbs">
        <Link to="/">{t('layout.municipalities')}</Link> / <Link to={`/kommuner/${code}`}>{municipality.data.name}</Link> /{' '}
        {t('catalogue.crumb')}
      </p>
      <h1>{t('catalogue.title', { name: municipality.data.name })}</h1>
      <p className="lead">{t('catalogue.intro')}</p>
      {member && (
        <p>
          <Link className="button secondary" to={`/kommuner/${code}/aktiviteter/mina`}>
            {t('catalogue.mine.link')}
          </Link>
        </p>
      )}
      <SearchForm
        key={query}
        applied={applied}
        onSearch={(f) => {
          const next = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== ''));
          if (view === 'calendar') next.set('view', 'calendar');
          setParams(next);
        }}
      />
      <div className="cat-views" role="group" aria-label={t('catalogue.view.label')}>
        <button type="button" className="button secondary" aria-pressed={view === 'list'} onClick={() => setView('list')}>
          {t('catalogue.view.list')}
        </button>
        <button type="button" className="button secondary" aria-pressed={view === 'calendar'} onClick={() => setView('calendar')}>
          {t('catalogue.view.calendar')}
        </button>
        <a href={icsUrl} className="cat-ics" aria-describedby="cat-ics-hint">
          {t('catalogue.ics')}
        </a>
      </div>
      <p className="muted small" id="cat-ics-hint">
        {t('catalogue.icsHint')}
      </p>
      {!result.data ? (
        <Loading />
      ) : (
        <>
          <p role="status">
            {result.data.activities.length === 0
              ? t('catalogue.search.none')
              : t('catalogue.search.found', { count: result.data.activities.length })}
          </p>
          {view === 'list' ? (
            <ActivityList activities={result.data.activities} />
          ) : (
            <MonthCalendar activities={result.data.activities} from={result.data.from} to={result.data.to} />
          )}
        </>
      )}
    </section>
  );
}

function SearchForm({ applied, onSearch }: { applied: Filters; onSearch: (f: Filters) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<Filters>(applied);
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(f);
  };
  const clear = () => {
    const empty = Object.fromEntries(filterKeys.map((k) => [k, ''])) as Filters;
    setF(empty);
    onSearch(empty);
  };
  return (
    <form onSubmit={submit} role="search" aria-label={t('catalogue.search.legend')}>
      <fieldset className="cat-search">
        <legend>{t('catalogue.search.legend')}</legend>
        <div className="field">
          <label htmlFor="cat-from">{t('catalogue.search.from')}</label>
          <input id="cat-from" type="date" value={f.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="cat-to">{t('catalogue.search.to')}</label>
          <input id="cat-to" type="date" value={f.to} onChange={set('to')} />
        </div>
        <div className="field">
          <label htmlFor="cat-category">{t('catalogue.search.category')}</label>
          <select id="cat-category" value={f.category} onChange={set('category')}>
            <option value="">{t('catalogue.search.anyCategory')}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {t(`catalogue.categories.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cat-language">{t('catalogue.search.language')}</label>
          <select id="cat-language" value={f.language} onChange={set('language')}>
            <option value="">{t('catalogue.search.anyLanguage')}</option>
            {languageCodes.map((l) => (
              <option key={l} value={l} lang={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cat-place">{t('catalogue.search.place')}</label>
          <input id="cat-place" value={f.place} onChange={set('place')} aria-describedby="cat-place-hint" />
          <span className="hint" id="cat-place-hint">
            {t('catalogue.search.placeHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor="cat-age">{t('catalogue.search.age')}</label>
          <input id="cat-age" type="number" min={0} max={120} inputMode="numeric" value={f.age} onChange={set('age')} />
        </div>
        <div className="field">
          <label htmlFor="cat-q">{t('catalogue.search.q')}</label>
          <input id="cat-q" type="search" value={f.q} onChange={set('q')} />
        </div>
        <div className="cat-actions">
          <button type="submit" className="button">
            {t('catalogue.search.submit')}
          </button>
          <button type="button" className="button secondary" onClick={clear}>
            {t('catalogue.search.clear')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

export function OccurrenceText({ o }: { o: Occurrence }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={o.cancelled ? 'cat-cancelled' : undefined}>
        {dateText(o.start)} {timeText(o.start)}–{timeText(o.end)}
      </span>
      {o.cancelled && (
        <>
          {' '}
          <span className="cat-cancel-word">{t('catalogue.cancelled')}</span>
          {o.cancelReason ? ` (${o.cancelReason})` : ''}
        </>
      )}
    </>
  );
}

function ActivityList({ activities }: { activities: ActivityView[] }) {
  const { t, i18n } = useTranslation();
  if (activities.length === 0) return null;
  return (
    <ul className="cards">
      {activities.map((a) => {
        const text = textsOf(a, i18n.language);
        const next = a.occurrences.slice(0, 3);
        return (
          <li key={a.id} className="card">
            <h2 className="h3" lang={text.lang}>
              <Link to={`/aktiviteter/${a.id}`}>{text.title}</Link> <ExampleBadge show={a.example} />
            </h2>
            <p className="muted small">
              {t(`catalogue.categories.${a.category}`, { defaultValue: a.category })} · {a.organiser.name}
            </p>
            <dl className="meta compact">
              <dt>{t('catalogue.when')}</dt>
              <dd>
                <ul className="cat-inline">
                  {next.map((o) => (
                    <li key={o.date}>
                      <OccurrenceText o={o} />
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>{t('catalogue.place')}</dt>
              <dd>{[a.place.name, a.place.address].filter(Boolean).join(', ')}</dd>
              <dt>{t('catalogue.languages')}</dt>
              <dd>{a.languages.map(languageName).join(', ')}</dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}

const monthKey = (day: string) => day.slice(0, 7);

/** A month as a table: weeks in rows, Monday first; each day lists its occurrences, a cancelled one struck through. */
function MonthCalendar({ activities, from, to }: { activities: ActivityView[]; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const months = useMemo(() => {
    const list: string[] = [];
    for (let m = monthKey(from); m <= monthKey(to); ) {
      list.push(m);
      const [y, mm] = m.split('-').map(Number) as [number, number];
      m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
    }
    return list;
  }, [from, to]);
  const [index, setIndex] = useState(0);
  const month = months[Math.min(index, months.length - 1)] ?? monthKey(today());
  const byDay = new Map<string, { a: ActivityView; o: Occurrence }[]>();
  for (const a of activities)
    for (const o of a.occurrences) if (o.date.startsWith(month)) byDay.set(o.date, [...(byDay.get(o.date) ?? []), { a, o }]);
  for (const list of byDay.values()) list.sort((x, y) => x.o.start.localeCompare(y.o.start));
  const first = `${month}-01`;
  const offset = (new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7;
  const start = addDays(first, -offset);
  const weeks: string[][] = [];
  for (let w = 0; w < 6; w++) {
    const week = Array.from({ length: 7 }, (_, d) => addDays(start, w * 7 + d));
    if (w > 0 && !week.some((d) => d.startsWith(month))) break;
    weeks.push(week);
  }
  const weekday = new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' });
  const weekdayLong = new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' });
  const monthName = new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${first}T12:00:00Z`),
  );
  return (
    <div>
      <div className="cat-month-nav">
        <button type="button" className="button secondary small" disabled={index <= 0} onClick={() => setIndex(index - 1)}>
          ← {t('catalogue.calendar.previous')}
        </button>
        <button type="button" className="button secondary small" disabled={index >= months.length - 1} onClick={() => setIndex(index + 1)}>
          {t('catalogue.calendar.next')} →
        </button>
      </div>
      <table className="cat-month">
        <caption aria-live="polite">{t('catalogue.calendar.caption', { month: monthName })}</caption>
        <thead>
          <tr>
            {weeks[0]?.map((d) => (
              <th key={d} scope="col">
                <abbr title={weekdayLong.format(new Date(`${d}T12:00:00Z`))}>{weekday.format(new Date(`${d}T12:00:00Z`))}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((d) => {
                const inMonth = d.startsWith(month);
                const items = inMonth ? (byDay.get(d) ?? []) : [];
                return (
                  <td key={d} className={inMonth ? undefined : 'cat-outside'}>
                    {inMonth && (
                      <>
                        <span className="muted">{Number(d.slice(8))}</span>
                        {items.length > 0 && (
                          <ul>
                            {items.map(({ a, o }) => (
                              <li key={`${a.id}-${o.date}`}>
                                <Link to={`/aktiviteter/${a.id}`} className={o.cancelled ? 'cat-cancelled' : undefined}>
                                  {timeText(o.start)} {textsOf(a, i18n.language).title}
                                </Link>
                                {o.cancelled && <span className="cat-cancel-word"> {t('catalogue.cancelled')}</span>}
                              </li>
                            ))}
                          </ul>
                        )}
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {byDay.size === 0 && <p>{t('catalogue.calendar.nothing')}</p>}
    </div>
  );
}
