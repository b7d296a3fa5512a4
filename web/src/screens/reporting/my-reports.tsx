import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { api } from '../../client.ts';
import { Deadline, referenceOf, StateBadge, useFollowUpWords } from '../../components/reporting/bits.tsx';
import { outstanding } from '../../components/reporting/nav.tsx';
import type { MyTasks, TaskView } from '../../components/reporting/types.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { useOccurrenceText } from '../../components/follow-up/indicators.tsx';

/** "Mina rapporter": the signed-in user's tasks in open cycles, grouped by cycle, returned ones first. */
export function MyReportsScreen() {
  const { t } = useTranslation();
  const { user, loaded } = useSession();
  const mine = useLoad(() => (user ? api<MyTasks>('GET', '/api/my/tasks') : Promise.resolve(undefined)), [user?.id]);
  useTitle(t('reporting.my.title'));
  if (loaded && !user) return <Navigate to={`/logga-in?next=${encodeURIComponent('/mina-rapporter')}`} replace />;
  if (mine.error) return <LoadError error={mine.error} />;
  if (!mine.data) return <Loading />;
  const { cycles, tasks } = mine.data;
  const rank = (task: TaskView) => (task.state === 'returned' ? 0 : outstanding(task.state) ? 1 : 2);
  return (
    <section className="page reporting">
      <h1>{t('reporting.my.title')}</h1>
      <p className="lead">{t('reporting.my.intro')}</p>
      {tasks.length === 0 && <p className="alert ok">{t('reporting.my.none')}</p>}
      {cycles.map((cycle) => {
        const own = tasks
          .filter((task) => task.cycleId === cycle.id)
          .sort((a, b) => rank(a) - rank(b) || referenceOf(a.item).localeCompare(referenceOf(b.item), 'sv', { numeric: true }));
        if (own.length === 0) return null;
        const left = own.filter((task) => outstanding(task.state)).length;
        return (
          <section key={cycle.id} className="cycle-group" aria-labelledby={`cycle-${cycle.id}`}>
            <h2 id={`cycle-${cycle.id}`}>{t('reporting.my.cycleHeading', { plan: cycle.documentTitle, label: cycle.label })}</h2>
            <p className="cycle-facts">
              <Deadline deadline={cycle.deadline} settled={left === 0} />
              <span className="muted"> · {t('reporting.my.summary', { outstanding: left, total: own.length })}</span>
            </p>
            <ul className="task-list">
              {own.map((task) => (
                <TaskCard key={task.id} task={task} />
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

function TaskCard({ task }: { task: TaskView }) {
  const { t } = useTranslation();
  const occurrenceText = useOccurrenceText();
  const words = useFollowUpWords();
  const reference = referenceOf(task.item);
  const titleId = `task-${task.id}`;
  return (
    <li className={`card task-card state-${task.state}`}>
      <div className="task-head">
        <h3 id={titleId}>{reference}</h3>
        <StateBadge state={task.state} />
      </div>
      <p className="item-text task-text">{task.item.text}</p>
      <dl className="facts">
        <div>
          <dt>{t('reporting.my.unit')}</dt>
          <dd>{task.unit?.name ?? t('reporting.my.coordinatorOwn')}</dd>
        </div>
        {task.occurrence && (
          <div>
            <dt>{t('reporting.my.occurrence')}</dt>
            <dd>{occurrenceText(task.occurrenceSpan)}</dd>
          </div>
        )}
        {task.status && (
          <div>
            <dt>{t('reporting.timeline.status')}</dt>
            <dd>
              {words.status(task.status)}
              {task.progress !== null && task.status !== 'done' ? ` (${task.progress} %)` : ''}
            </dd>
          </div>
        )}
      </dl>
      {task.state === 'returned' && task.returnComment && (
        <div className="returned-note">
          <p>
            <strong>{t('reporting.my.returnedTitle')}</strong>
          </p>
          <p className="comment">{task.returnComment}</p>
        </div>
      )}
      <Link className={outstanding(task.state) ? 'button' : 'button secondary'} to={`/rapporter/${task.id}`}>
        {outstanding(task.state) ? t('reporting.my.open') : t('reporting.my.view')}
        <span className="visually-hidden">
          {' '}
          {t('reporting.my.for', { what: `${reference}${task.occurrenceSpan ? `, ${occurrenceText(task.occurrenceSpan)}` : ''}` })}
        </span>
      </Link>
    </li>
  );
}
