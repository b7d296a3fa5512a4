import { useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { YearCount } from '../../../src/capabilities/catalogue/rules.ts';
import type { ItemProgrammes } from '../../../src/capabilities/trainings/service.ts';
import { api } from '../client.ts';
import { locale } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';
import './item-programmes.css';

export type { ItemProgrammes };

const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(locale(), { year: 'numeric', month: 'short', day: 'numeric' });
const kronor = (sek: number) =>
  new Intl.NumberFormat(locale(), { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }).format(sek);

/** Whether anything served the item; nothing at all is shown when not. */
export function servedAnything(p: ItemProgrammes | undefined, years?: YearCount[]): boolean {
  if (years && years.length > 0) return true;
  if (!p) return false;
  return p.trainings.length > 0 || p.offers.length > 0 || p.activities.count > 0 || p.projects.length > 0 || p.matching.length > 0;
}

/**
 * What the programmes did for a plan item: trainings, internship offers and placements, catalogue activities,
 * fund projects and matching, each section only when it has something. `compact` is the plan tree's form (labelled
 * lines under the item); otherwise each section has a heading of `level`.
 */
export function ItemProgrammesView({
  data,
  activityYears,
  compact = false,
  level = 3,
}: {
  data: ItemProgrammes | undefined;
  /** Activities held per year (GET /api/plans/:id/activities), for the plan view; without them the period of `data` counts. */
  activityYears?: YearCount[] | undefined;
  compact?: boolean;
  level?: 3 | 4;
}) {
  const { t } = useTranslation();
  if (!servedAnything(data, activityYears)) return null;
  const sections: { key: string; label: string; body: ReactNode }[] = [];
  const code = data?.municipalityCode;

  if (data && data.trainings.length > 0)
    sections.push({
      key: 'trainings',
      label: t('programmes.itemProgrammes.trainings'),
      body: (
        <ul>
          {data.trainings.map((tr) => (
            <li key={tr.id}>
              <strong>{tr.title}</strong>, {day(tr.date)}:{' '}
              {[
                t('programmes.itemProgrammes.unitsReached', { count: tr.units.length }),
                tr.participants !== null ? t('programmes.itemProgrammes.participants', { count: tr.participants }) : '',
              ]
                .filter(Boolean)
                .join(', ')}
            </li>
          ))}
        </ul>
      ),
    });

  if (data && data.offers.length > 0)
    sections.push({
      key: 'offers',
      label: `${t('programmes.itemProgrammes.offers')} (${t('programmes.itemProgrammes.placementsTotal', { count: data.placements })})`,
      body: (
        <ul>
          {data.offers.map((o) => (
            <li key={o.id}>
              <strong>{o.unit ?? o.employer ?? o.tasks}</strong>
              {o.unit || o.employer ? `, ${o.tasks}` : ''}: {t('programmes.itemProgrammes.places', { count: o.places })},{' '}
              {t('programmes.itemProgrammes.placementsTotal', { count: o.placements })}
            </li>
          ))}
        </ul>
      ),
    });

  const catalogueLink = code ? <Link to={`/kommuner/${code}/aktiviteter`}>{t('programmes.itemProgrammes.activitiesLink')}</Link> : null;
  if (activityYears && activityYears.length > 0)
    sections.push({
      key: 'activities',
      label: t('programmes.itemProgrammes.activities'),
      body: (
        <p>
          {activityYears.map((y) => t('programmes.itemProgrammes.activityYear', { year: y.year, count: y.activities })).join(' · ')}
          {catalogueLink && <> · {catalogueLink}</>}
        </p>
      ),
    });
  else if (data && data.activities.count > 0)
    sections.push({
      key: 'activities',
      label: t('programmes.itemProgrammes.activities'),
      body: (
        <>
          <p>
            {t('programmes.itemProgrammes.activitiesCount', { count: data.activities.count, occurrences: data.activities.occurrences })}
            {catalogueLink && <> · {catalogueLink}</>}
          </p>
          <ul>
            {data.activities.list.map((a) => (
              <li key={a.id}>
                <Link to={`/aktiviteter/${a.id}`}>{a.title}</Link> ({a.organiser}):{' '}
                {t('programmes.itemProgrammes.occurrences', { count: a.occurrences })}
              </li>
            ))}
          </ul>
        </>
      ),
    });

  if (data && data.projects.length > 0)
    sections.push({
      key: 'projects',
      label: t('programmes.itemProgrammes.projects'),
      body: (
        <ul>
          {data.projects.map((p) => (
            <li key={p.id}>
              <strong>{p.title}</strong>, {p.organisation} ({p.year}):{' '}
              {t('programmes.itemProgrammes.granted', { amount: kronor(p.grantedSek) })}
            </li>
          ))}
        </ul>
      ),
    });

  if (data && data.matching.length > 0)
    sections.push({
      key: 'matching',
      label: t('programmes.itemProgrammes.matching'),
      body: (
        <ul>
          {data.matching.map((m) => (
            <li key={m.programmeId}>
              <strong>{m.name}</strong>:{' '}
              {t('programmes.itemProgrammes.matchingCounts', { active: m.active, ended: m.ended, waiting: m.waiting })}
            </li>
          ))}
        </ul>
      ),
    });

  if (compact)
    return (
      <dl className="item-programmes compact">
        {sections.map((s) => (
          <div key={s.key}>
            <dt>{s.label}</dt>
            <dd>{s.body}</dd>
          </div>
        ))}
      </dl>
    );
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div className="item-programmes">
      {sections.map((s) => (
        <section key={s.key}>
          <Heading>{s.label}</Heading>
          {s.body}
        </section>
      ))}
    </div>
  );
}

/** The programmes of every item of a plan, in one request (GET /api/plans/:id/programmes), by item id. */
export function usePlanProgrammes(planId: string, userId: string | undefined): Map<string, ItemProgrammes> {
  const all = useLoad(() => api<ItemProgrammes[]>('GET', `/api/plans/${planId}/programmes`), [planId, userId]);
  return useMemo(() => new Map((all.data ?? []).map((p) => [p.item.id, p])), [all.data]);
}

/**
 * Beside a report: what the programmes counted for the item in the report's period, so the reporter need not
 * retype it. Nothing at all when nothing served the item (or the numbers cannot be had: the report stands without them).
 */
export function ItemProgrammesCard({ itemId, period }: { itemId: string; period: { from: string; to: string } }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const id = useId();
  const query = new URLSearchParams(period).toString();
  const served = useLoad(() => api<ItemProgrammes>('GET', `/api/items/${itemId}/programmes?${query}`), [itemId, query, user?.id]);
  if (!served.data || !servedAnything(served.data)) return null;
  return (
    <section className="card item-programmes-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('programmes.itemProgrammes.title')}</h2>
      <p className="hint">{t('programmes.itemProgrammes.hint')}</p>
      <p className="small muted">{t('programmes.itemProgrammes.period', { from: day(period.from), to: day(period.to) })}</p>
      <ItemProgrammesView data={served.data} />
    </section>
  );
}
