import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../client.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import {
  ExampleBadge,
  formatDate,
  problemsOf,
  sek,
  StatusBadge,
  type ApplicationView,
  type CallApplications,
  type CallView,
} from './shared.tsx';

/** One call: what anyone needs to apply; for the municipality's people, the applications ranked within the budget. */
export function CallScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const call = useLoad(() => api<CallView>('GET', `/api/fund/calls/${id}`), [id, user?.id]);
  const staff =
    user !== null && user.role !== 'applicant' && (user.role === 'admin' || user.municipalityCode === call.data?.municipalityCode);
  const ranked = useLoad(
    () => (staff ? api<CallApplications>('GET', `/api/fund/calls/${id}/applications`) : Promise.resolve(null)),
    [id, staff],
  );
  const [message, setMessage] = useState('');
  useTitle(call.data?.title);
  const error = call.error ?? ranked.error;
  if (error) return <LoadError error={error} />;
  if (!call.data || ranked.data === undefined) return <Loading />;
  const c = call.data;
  const apply = async () => {
    try {
      const created = await api<ApplicationView>('POST', `/api/fund/calls/${c.id}/applications`, {
        title: t('fund.application.untitled'),
        purpose: '',
        targetGroup: '',
        startDate: null,
        endDate: null,
        activities: [],
        budgetLines: [],
        coFinancing: [],
      });
      await navigate(`/fonden/ansokningar/${created.id}`);
    } catch (e) {
      setMessage(problemsOf(e).message);
    }
  };
  return (
    <section className="page">
      <p className="breadcrumbs">
        <Link to={`/kommuner/${c.municipalityCode}/fonden`}>{c.fundName}</Link> / {c.title}
      </p>
      <h1>
        {c.title}
        <ExampleBadge example={c.example} />
      </h1>
      <p role="status" aria-live="polite" className="notice">
        {message}
      </p>
      {c.description && <p>{c.description}</p>}
      <dl className="meta">
        <dt>{t('fund.call.phase')}</dt>
        <dd>{t(`fund.phase.${c.phase}`)}</dd>
        <dt>{t('fund.call.budget')}</dt>
        <dd>{t('fund.call.budgetLeft', { budget: sek(c.budgetSek), left: sek(Math.max(0, c.balance.leftSek)) })}</dd>
        <dt>{t('fund.call.deadline')}</dt>
        <dd>{t('fund.call.deadlineText', { date: formatDate(c.deadline) })}</dd>
        <dt>{t('fund.call.period')}</dt>
        <dd>
          {formatDate(c.periodFrom)} – {formatDate(c.periodTo)}
        </dd>
        <dt>{t('fund.call.eligible')}</dt>
        <dd>{c.eligibleKinds.map((k) => t(`fund.kinds.${k}`)).join(', ')}</dd>
        <dt>{t('fund.call.priority')}</dt>
        <dd>{t(`fund.priority.${c.priorityRule}`)}</dd>
      </dl>
      <h2>{t('fund.call.criteria')}</h2>
      <ul>
        {c.criteria.map((k) => (
          <li key={k.key}>
            <strong>{k.name}</strong> ({t('fund.call.weightValue', { weight: k.weight })}){k.description ? ` – ${k.description}` : ''}
          </li>
        ))}
      </ul>
      {c.phase === 'open' && user?.role === 'applicant' && (
        <button type="button" className="button" onClick={() => void apply()}>
          {t('fund.call.apply')}
        </button>
      )}
      {c.phase === 'open' && user === null && (
        <p>
          <Link to={`/kommuner/${c.municipalityCode}/fonden/registrera`}>{t('fund.register.link')}</Link>
        </p>
      )}
      {ranked.data && (
        <>
          <h2>{t('fund.ranking.title')}</h2>
          <p>{t('fund.ranking.intro', { left: sek(Math.max(0, c.balance.leftSek)) })}</p>
          {ranked.data.applications.length === 0 ? (
            <p>{t('fund.ranking.none')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="fund-ranking-caption" tabIndex={0}>
              <table className="table compact">
                <caption id="fund-ranking-caption">{t('fund.ranking.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fund.ranking.rank')}</th>
                    <th scope="col">{t('fund.grants.project')}</th>
                    <th scope="col">{t('fund.grants.organisation')}</th>
                    <th scope="col">{t('fund.ranking.requested')}</th>
                    <th scope="col">{t('fund.ranking.score')}</th>
                    <th scope="col">{t('fund.ranking.budget')}</th>
                    <th scope="col">{t('fund.ranking.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ranked.data.applications.map((a) => (
                    <tr key={a.id}>
                      <td className="num">{a.rank ?? '–'}</td>
                      <th scope="row">
                        <Link to={`/fonden/ansokningar/${a.id}`}>{a.title}</Link>
                        <ExampleBadge example={a.example} />
                      </th>
                      <td>
                        {a.organisation}
                        {a.prioritised && <span className="muted"> ({t('fund.ranking.prioritised')})</span>}
                      </td>
                      <td className="num">{sek(a.requestedSek)}</td>
                      <td className="num">
                        {a.score === null ? t('fund.ranking.unscored') : a.score.toLocaleString()} ({a.assessments})
                      </td>
                      <td>
                        {a.withinBudget === null
                          ? a.grantedSek !== null
                            ? sek(a.grantedSek)
                            : '–'
                          : a.withinBudget
                            ? t('fund.ranking.within')
                            : t('fund.ranking.outside')}
                      </td>
                      <td>
                        <StatusBadge status={a.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
