import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../client.ts';
import { formatDateTime } from '../../format.ts';
import { problemAt } from '../fields.tsx';
import type { TaskDetail, TaskView } from './types.ts';

/** The coordinator's side of a report: return it with a comment, approve it, or reopen an approved one. */
export function ReviewPanel({ task, onDone }: { task: TaskDetail; onDone: (task: TaskView, message: string) => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!task.canJudge || (task.state !== 'submitted' && task.state !== 'approved')) return null;
  const id = `review-${task.id.slice(0, 8)}`;

  const act = async (action: 'return' | 'approve' | 'reopen') => {
    setBusy(true);
    try {
      const body = action === 'approve' ? { version: task.version } : { version: task.version, comment };
      const saved = await api<TaskView>('POST', `/api/tasks/${task.id}/${action}`, body);
      setProblems({});
      setError(undefined);
      setComment('');
      onDone(saved, t(`reporting.judge.${action === 'return' ? 'returned' : action === 'approve' ? 'approved' : 'reopened'}`));
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) setProblems(e.problems);
      else setProblems({});
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const commentProblem = problemAt(problems, '/comment');

  return (
    <section className="card review" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('reporting.judge.title')}</h2>
      {error && !commentProblem && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('reporting.judge.comment')}</label>
        <textarea
          id={`${id}-comment`}
          rows={3}
          maxLength={4000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-invalid={commentProblem ? true : undefined}
          aria-describedby={[`${id}-hint`, commentProblem ? `${id}-error` : ''].filter(Boolean).join(' ')}
        />
        <span className="hint" id={`${id}-hint`}>
          {t('reporting.judge.commentHint')}
        </span>
        {commentProblem && (
          <span className="field-error" id={`${id}-error`} role="alert">
            {commentProblem}
          </span>
        )}
      </div>
      <div className="actions">
        {task.state === 'submitted' ? (
          <>
            <button type="button" className="button secondary" disabled={busy} onClick={() => void act('return')}>
              {t('reporting.judge.return')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void act('approve')}>
              {t('reporting.judge.approve')}
            </button>
          </>
        ) : (
          <button type="button" className="button secondary" disabled={busy} onClick={() => void act('reopen')}>
            {t('reporting.judge.reopen')}
          </button>
        )}
      </div>
    </section>
  );
}

/** What happened to the report, newest last: who, when, what, in words. */
export function ReportEvents({ events }: { events: TaskDetail['events'] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="muted">{t('reporting.report.historyEmpty')}</p>;
  return (
    <ol className="report-events">
      {events.map((e, i) => {
        const comment = (e.snapshot as { comment?: string | null } | null)?.comment;
        return (
          <li key={`${e.at}-${i}`}>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> <strong>{e.username}</strong>{' '}
            {t(`reporting.actions.${e.action}`, { defaultValue: e.action })}
            {(e.action === 'return' || e.action === 'reopen') && comment && <q className="event-comment">{comment}</q>}
          </li>
        );
      })}
    </ol>
  );
}
