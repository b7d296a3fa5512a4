import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../client.ts';
import { formatDate, StateBadge, useFollowUpWords } from '../../components/reporting/bits.tsx';
import type { TimelineEntry } from '../../components/reporting/types.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { formatDateTime } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { useOccurrenceText } from '../../components/follow-up/indicators.tsx';

interface Timeline {
  item: { id: string; reference: string; text: string };
  entries: TimelineEntry[];
}

const periodOf = (p: { from: string; to: string }) => `${formatDate(p.from)} – ${formatDate(p.to)}`;

/** An item's follow-up over time: every cycle with its assessment and reports, and a compact table of status per cycle. */
export function TimelineScreen() {
  const { itemId = '' } = useParams();
  const { t } = useTranslation();
  const occurrenceText = useOccurrenceText();
  const { user } = useSession();
  const words = useFollowUpWords();
  const timeline = useLoad(() => api<Timeline>('GET', `/api/items/${itemId}/timeline`), [itemId, user?.id]);
  useTitle(timeline.data ? t('reporting.timeline.title', { reference: timeline.data.item.reference }) : undefined);
  if (timeline.error) return <LoadError error={timeline.error} />;
  if (!timeline.data) return <Loading />;
  const { item, entries } = timeline.data;
  const number = (n: number | null) => (n === null ? '–' : new Intl.NumberFormat(words.language === 'en' ? 'en-GB' : 'sv-SE').format(n));
  return (
    <section className="page reporting">
      <p className="breadcrumbs">
        <Link to="/mina-rapporter">{t('reporting.nav.myReports')}</Link>
      </p>
      <h1>{t('reporting.timeline.title', { reference: item.reference })}</h1>
      <p className="item-text">{item.text}</p>
      <p className="muted">{t('reporting.timeline.intro')}</p>
      {entries.length === 0 ? (
        <p className="alert ok">{t('reporting.timeline.empty')}</p>
      ) : (
        <>
          <h2 id="status-table">{t('reporting.timeline.tableTitle')}</h2>
          <div className="table-scroll" role="region" aria-labelledby="status-table" tabIndex={0}>
            <table className="table compact timeline-table">
              <thead>
                <tr>
                  <th scope="col">{t('reporting.timeline.cycle')}</th>
                  <th scope="col">{t('reporting.timeline.unit')}</th>
                  <th scope="col">{t('reporting.timeline.state')}</th>
                  <th scope="col">{t('reporting.timeline.status')}</th>
                  <th scope="col">{t('reporting.timeline.progress')}</th>
                  <th scope="col">{t('reporting.timeline.value')}</th>
                  <th scope="col">{t('reporting.timeline.assessment')}</th>
                </tr>
              </thead>
              {entries.map((entry) => (
                <tbody key={entry.cycle.id}>
                  {entry.reports.map((r, i) => (
                    <tr key={r.taskId}>
                      {i === 0 && (
                        <th scope="rowgroup" rowSpan={entry.reports.length}>
                          {entry.cycle.label}
                          {entry.cycle.example && <span className="badge example">{t('reporting.timeline.example')}</span>}
                        </th>
                      )}
                      <td>
                        {r.unitName ?? t('reporting.my.coordinatorOwn')}
                        {r.occurrenceSpan ? ` (${occurrenceText(r.occurrenceSpan)})` : ''}
                      </td>
                      <td>{words.state(r.state)}</td>
                      <td>{words.status(r.status) || '–'}</td>
                      <td>{r.progress === null ? '–' : `${r.progress} %`}</td>
                      <td>{number(r.targetValue)}</td>
                      {i === 0 && (
                        <td rowSpan={entry.reports.length}>{entry.assessment ? words.assessment(entry.assessment.value) : '–'}</td>
                      )}
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
          <h2>{t('reporting.timeline.listTitle')}</h2>
          <ol className="timeline">
            {[...entries].reverse().map((entry) => (
              <li key={entry.cycle.id} className="timeline-entry">
                <h3>
                  {entry.cycle.label} {entry.cycle.example && <span className="badge example">{t('reporting.timeline.example')}</span>}
                </h3>
                <p className="muted">
                  {periodOf(entry.cycle.period)} ·{' '}
                  {entry.cycle.state === 'open' ? t('reporting.timeline.open') : t('reporting.timeline.closed')}
                </p>
                {entry.assessment && (
                  <p className="assessment">
                    <strong>{t('reporting.timeline.assessment')}:</strong> {words.assessment(entry.assessment.value)}
                    {entry.assessment.rationale && (
                      <>
                        {' – '}
                        <span>{entry.assessment.rationale}</span>
                      </>
                    )}
                  </p>
                )}
                {entry.reports.length === 0 && <p>{t('reporting.timeline.noReports')}</p>}
                <ul className="timeline-reports">
                  {entry.reports.map((r) => (
                    <li key={r.taskId} className="card">
                      <div className="task-head">
                        <h4>
                          {r.unitName ?? t('reporting.my.coordinatorOwn')}
                          {r.occurrenceSpan ? ` – ${occurrenceText(r.occurrenceSpan)}` : ''}
                        </h4>
                        <StateBadge state={r.state} />
                      </div>
                      <dl className="facts">
                        <div>
                          <dt>{t('reporting.timeline.status')}</dt>
                          <dd>{words.status(r.status) || '–'}</dd>
                        </div>
                        {r.progress !== null && (
                          <div>
                            <dt>{t('reporting.timeline.progress')}</dt>
                            <dd>{r.progress} %</dd>
                          </div>
                        )}
                        {r.targetValue !== null && (
                          <div>
                            <dt>{t('reporting.timeline.value')}</dt>
                            <dd>{number(r.targetValue)}</dd>
                          </div>
                        )}
                      </dl>
                      {r.narrative && <p className="narrative">{r.narrative}</p>}
                      {r.updatedBy && (
                        <p className="muted small">{t('reporting.timeline.by', { who: r.updatedBy, when: formatDateTime(r.updatedAt) })}</p>
                      )}
                      <Link to={`/rapporter/${r.taskId}`}>
                        {t('reporting.timeline.openReport')}
                        <span className="visually-hidden">
                          {' '}
                          {t('reporting.my.for', {
                            what: `${entry.cycle.label}, ${r.unitName ?? t('reporting.my.coordinatorOwn')}${r.occurrenceSpan ? `, ${occurrenceText(r.occurrenceSpan)}` : ''}`,
                          })}
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
