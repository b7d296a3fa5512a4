import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../client.ts';
import { Deadline, referenceOf, StateBadge } from '../../components/reporting/bits.tsx';
import { EntryForm } from '../../components/reporting/entry-form.tsx';
import { outstanding } from '../../components/reporting/nav.tsx';
import type { LinkView, TaskView } from '../../components/reporting/types.ts';
import { Loading } from '../../components/status.tsx';
import { describeTarget } from '../../format.ts';
import { useFollowUpWords } from '../../components/reporting/bits.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { lockedReasonOf } from './report.tsx';
import { useOccurrenceText } from '../../components/follow-up/indicators.tsx';

interface LinkAnswer {
  task: TaskView;
  remaining: number;
  linkSpent: boolean;
}

/** The page a personal link opens: its holder's reports in one cycle, without signing in; no attachments here. */
export function LinkScreen() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const occurrenceText = useOccurrenceText();
  const words = useFollowUpWords();
  const link = useLoad(() => api<LinkView>('GET', `/api/links/${encodeURIComponent(token)}`), [token]);
  const [tasks, setTasks] = useState<TaskView[]>();
  const [spent, setSpent] = useState(false);
  const thanksRef = useRef<HTMLHeadingElement>(null);
  useTitle(link.data ? t('reporting.link.title', { name: link.data.user.displayName }) : undefined);
  useEffect(() => {
    if (link.data) setTasks(link.data.tasks);
  }, [link.data]);
  useEffect(() => {
    if (spent) thanksRef.current?.focus();
  }, [spent]);

  if (link.error) {
    const message = link.error instanceof ApiError ? link.error.message : link.error.message;
    return (
      <section className="page narrow reporting">
        <div className="alert error" role="alert">
          <h1>{t('reporting.link.problemTitle')}</h1>
          <p>{message}</p>
        </div>
        <p>
          <Link className="button" to="/logga-in?next=%2Fmina-rapporter">
            {t('reporting.link.signIn')}
          </Link>
        </p>
      </section>
    );
  }
  if (!link.data || !tasks) return <Loading />;
  const { user, cycle } = link.data;
  if (spent)
    return (
      <section className="page narrow reporting">
        <div className="alert ok thanks">
          <h1 tabIndex={-1} ref={thanksRef}>
            {t('reporting.link.thanks')}
          </h1>
          <p>{t('reporting.link.thanksText')}</p>
        </div>
        <p>
          <Link to="/logga-in?next=%2Fmina-rapporter">{t('reporting.link.signIn')}</Link>
        </p>
      </section>
    );
  const left = tasks.filter((task) => outstanding(task.state)).length;
  return (
    <section className="page reporting">
      <h1>{t('reporting.link.title', { name: user.displayName })}</h1>
      <p className="lead">{t('reporting.link.intro', { plan: cycle.documentTitle, label: cycle.label })}</p>
      <p className="cycle-facts">
        <Deadline deadline={cycle.deadline} settled={left === 0} />
      </p>
      <p role="status" aria-live="polite" className="remaining">
        {t('reporting.link.remaining', { count: left })}
      </p>
      <p className="muted">{t('reporting.link.noAttachments')}</p>
      <ol className="link-tasks">
        {tasks.map((task) => {
          const editable = outstanding(task.state);
          const titleId = `link-task-${task.id}`;
          return (
            <li key={task.id} className="link-task">
              <section aria-labelledby={titleId}>
                <div className="task-head">
                  <h2 id={titleId}>
                    {referenceOf(task.item)}
                    {task.occurrenceSpan ? ` – ${occurrenceText(task.occurrenceSpan)}` : ''}
                  </h2>
                  <StateBadge state={task.state} />
                </div>
                <p className="item-text">{task.item.text}</p>
                <p className="muted">
                  {task.unit?.name ?? t('reporting.my.coordinatorOwn')}
                  {task.item.target ? ` · ${t('reporting.report.target')}: ${describeTarget(task.item.target, words.language)}` : ''}
                </p>
                {task.state === 'returned' && task.returnComment && (
                  <div className="alert returned-note">
                    <p>
                      <strong>{t('reporting.my.returnedTitle')}</strong>
                    </p>
                    <p className="comment">{task.returnComment}</p>
                  </div>
                )}
                <EntryForm
                  key={`${task.id}:${editable ? 'w' : 'r'}`}
                  task={task}
                  editable={editable}
                  lockedReason={editable ? undefined : lockedReasonOf(task, true, t)}
                  save={async (body) => {
                    const answer = await api<LinkAnswer>('PUT', `/api/links/${encodeURIComponent(token)}/tasks/${task.id}`, body);
                    if (answer.linkSpent) setSpent(true);
                    return answer.task;
                  }}
                  onSaved={(saved) => setTasks((list) => list?.map((x) => (x.id === saved.id ? saved : x)))}
                />
              </section>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
