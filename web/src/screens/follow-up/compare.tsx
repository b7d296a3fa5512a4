import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type DocumentView } from '../../client.ts';
import { BarChartWithTable } from '../../components/follow-up/charts.tsx';
import { StatusWord } from '../../components/follow-up/indicators.tsx';
import type { Comparison, CycleFacts, Movement } from '../../components/follow-up/types.ts';
import { PlanHeader } from '../../components/plan-header.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import '../../styles/follow-up.css';

const movements: Movement[] = ['improved', 'stalled', 'regressed', 'finished', 'new', 'dropped', 'unreported'];

function Facts({ facts }: { facts: CycleFacts | null }) {
  const { t } = useTranslation();
  if (facts === null) return <span className="muted">{t('followUp.compare.notInCycle')}</span>;
  return (
    <>
      <StatusWord status={facts.status} />
      {facts.progress !== null && <span> · {facts.progress} %</span>}
      {facts.targetValue !== null && <span> · {facts.targetValue}</span>}
    </>
  );
}

export function CompareScreen() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const a = search.get('a') ?? '';
  const b = search.get('b') ?? '';
  const { t } = useTranslation();
  const { user } = useSession();
  const doc = useLoad(() => api<DocumentView>('GET', `/api/plans/${id}`), [id, user?.id]);
  const comparison = useLoad(
    () =>
      a && b ? api<Comparison>('GET', `/api/cycles/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`) : Promise.resolve(null),
    [a, b, user?.id],
  );
  useTitle(doc.data ? `${t('followUp.compare.title')} – ${doc.data.title}` : undefined);
  const error = doc.error ?? comparison.error;
  if (error) return <LoadError error={error} />;
  if (!doc.data || comparison.data === undefined) return <Loading />;
  const data = comparison.data;
  return (
    <section className="page">
      <PlanHeader document={doc.data} />
      <p className="breadcrumbs">
        <Link to={`/planer/${id}/uppfoljning`}>{t('followUp.board.back')}</Link>
      </p>
      {data === null ? (
        <>
          <h2>{t('followUp.compare.title')}</h2>
          <p>{t('followUp.compare.pick')}</p>
        </>
      ) : (
        <>
          <h2>{t('followUp.compare.heading', { a: data.a.label, b: data.b.label })}</h2>
          <p className="muted">
            A: <Link to={`/planer/${id}/uppfoljning/${data.a.id}`}>{data.a.label}</Link> ({data.a.period.from} – {data.a.period.to}) · B:{' '}
            <Link to={`/planer/${id}/uppfoljning/${data.b.id}`}>{data.b.label}</Link> ({data.b.period.from} – {data.b.period.to})
          </p>
          <section className="fu-section">
            <h3 id="fu-movement">{t('followUp.compare.chart')}</h3>
            <BarChartWithTable
              title={t('followUp.compare.chart')}
              labelHeader={t('followUp.compare.movementCol')}
              valueHeader={t('followUp.compare.countCol')}
              bars={movements.map((m) => ({ key: m, label: t(`followUp.compare.movements.${m}`), value: data.counts[m] }))}
              total={{ label: t('followUp.board.total'), value: data.rows.length }}
            />
          </section>
          <section className="fu-section">
            <h3 id="fu-compare-items">{t('followUp.compare.items')}</h3>
            {data.rows.length === 0 ? (
              <p>{t('followUp.compare.none')}</p>
            ) : (
              <div className="table-scroll" role="region" aria-labelledby="fu-compare-items" tabIndex={0}>
                <table className="table compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('followUp.compare.item')}</th>
                      <th scope="col">{t('followUp.compare.text')}</th>
                      <th scope="col">{t('followUp.compare.inA', { label: data.a.label })}</th>
                      <th scope="col">{t('followUp.compare.inA', { label: data.b.label })}</th>
                      <th scope="col">{t('followUp.compare.movement')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.rows.map((r) => (
                      <tr key={r.itemId}>
                        <th scope="row">{r.reference}</th>
                        <td>{r.text}</td>
                        <td>
                          <Facts facts={r.a} />
                        </td>
                        <td>
                          <Facts facts={r.b} />
                        </td>
                        <td className={`fu-movement-${r.movement}`}>{t(`followUp.compare.movements.${r.movement}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </section>
  );
}
