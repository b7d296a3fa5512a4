import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../client.ts';
import { Attachments } from '../../components/reporting/attachments.tsx';
import { Deadline, referenceOf, StateBadge } from '../../components/reporting/bits.tsx';
import { ItemProgrammesCard } from '../../components/item-programmes.tsx';
import { EntryForm } from '../../components/reporting/entry-form.tsx';
import { ReportEvents, ReviewPanel } from '../../components/reporting/review.tsx';
import type { CycleView, TaskDetail, TaskView } from '../../components/reporting/types.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { describeDue, describePeriod, describeRecurrence, describeTarget, lang } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { useOccurrenceText } from '../../components/follow-up/indicators.tsx';

/** Why a report cannot be changed now, in words the reporter understands. */
export function lockedReasonOf(task: TaskView, cycleOpen: boolean, t: (key: string) => string): string {
  if (task.state === 'submitted') return t('reporting.form.lockedSubmitted');
  if (task.state === 'approved') return t('reporting.form.lockedApproved');
  if (!cycleOpen) return t('reporting.form.lockedClosed');
  return t('reporting.form.lockedNoRight');
}

/** One report: the item and what it aims for, the entry form, evidence, the coordinator's review and the history. */
export function ReportScreen() {
  const { taskId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const occurrenceText = useOccurrenceText();
  const { user } = useSession();
  const language = lang(i18n.language);
  const task = useLoad(() => api<TaskDetail>('GET', `/api/tasks/${taskId}`), [taskId, user?.id]);
  const [notice, setNotice] = useState<string>();
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const reference = task.data ? referenceOf(task.data.item) : undefined;
  useTitle(reference ? t('reporting.report.title', { reference }) : undefined);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  if (task.error) return <LoadError error={task.error} />;
  if (!task.data) return <Loading />;
  const report = task.data;
  const schedule = [
    report.schedule.due ? describeDue(report.schedule.due, language) : '',
    report.schedule.recurrence ? describeRecurrence(report.schedule.recurrence, language) : '',
    report.schedule.period ? describePeriod(report.schedule.period, language) : '',
  ]
    .filter(Boolean)
    .join('; ');
  const cycleOpen = report.cycle.state === 'open';
  const editable = report.canWrite;

  const afterChange = async (message?: string) => {
    await task.reload();
    if (message) setNotice(message);
  };

  return (
    <section className="page reporting">
      <p className="breadcrumbs">
        <Link to="/mina-rapporter">{t('reporting.report.back')}</Link>
      </p>
      <div className="report-head">
        <h1>{t('reporting.report.title', { reference })}</h1>
        <StateBadge state={report.state} />
      </div>
      <p className="item-text report-item-text">{report.item.text}</p>
      <dl className="meta report-meta">
        <div>
          <dt>{t('reporting.report.plan')}</dt>
          <dd>
            <Link to={`/planer/${report.cycle.documentId}`}>{report.cycle.documentTitle}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('reporting.report.cycle')}</dt>
          <dd>
            {report.cycle.label} · <Deadline deadline={report.cycle.deadline} settled={!editable} />
          </dd>
        </div>
        <div>
          <dt>{t('reporting.report.unit')}</dt>
          <dd>{report.unit?.name ?? t('reporting.my.coordinatorOwn')}</dd>
        </div>
        {report.occurrence && (
          <div>
            <dt>{t('reporting.report.occurrence')}</dt>
            <dd>{occurrenceText(report.occurrenceSpan)}</dd>
          </div>
        )}
        {report.item.target && (
          <div>
            <dt>{t('reporting.report.target')}</dt>
            <dd>{describeTarget(report.item.target, language)}</dd>
          </div>
        )}
        {schedule && (
          <div>
            <dt>{t('reporting.report.schedule')}</dt>
            <dd>{schedule}</dd>
          </div>
        )}
      </dl>
      {report.itemId && (
        <p>
          <Link to={`/punkter/${report.itemId}/historik`}>{t('reporting.report.timeline')}</Link>
        </p>
      )}
      <p role="status" className="notice" aria-live="polite" tabIndex={-1} ref={noticeRef}>
        {notice}
      </p>
      {report.state === 'returned' && report.returnComment && (
        <div className="alert returned-note" role="note">
          <p>
            <strong>{t('reporting.report.returnedTitle')}</strong>
          </p>
          <p className="comment">{report.returnComment}</p>
          {editable && <p>{t('reporting.report.returnedText')}</p>}
        </div>
      )}
      {report.itemId && <ReportProgrammes report={report} itemId={report.itemId} />}
      <EntryForm
        key={`${report.id}:${editable ? 'w' : 'r'}`}
        task={report}
        editable={editable}
        lockedReason={editable ? undefined : lockedReasonOf(report, cycleOpen, t)}
        save={(body) => api<TaskView>('PUT', `/api/tasks/${report.id}`, body)}
        onSaved={(_saved, submitted) => void afterChange(submitted ? t('reporting.form.submitted') : undefined)}
      />
      <section className="card" aria-labelledby="attachments-title">
        <h2 id="attachments-title">{t('reporting.report.attachmentsTitle')}</h2>
        <Attachments taskId={report.id} attachments={report.attachments} editable={editable} onChange={() => task.reload()} />
      </section>
      <ReviewPanel task={report} onDone={(_saved, message) => void afterChange(message)} />
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('reporting.report.historyTitle')}</h2>
        <ReportEvents events={report.events} />
      </section>
    </section>
  );
}

/**
 * The programmes' numbers for the report's item and period: the occurrence's span for a recurring item, else the
 * cycle's period (read from the plan's cycles, as the task carries only the cycle's label).
 */
function ReportProgrammes({ report, itemId }: { report: TaskDetail; itemId: string }) {
  const span = report.occurrenceSpan;
  const cycles = useLoad(
    () => (span ? Promise.resolve([]) : api<CycleView[]>('GET', `/api/plans/${report.cycle.documentId}/cycles`)),
    [report.cycle.documentId, span?.from, span?.to],
  );
  const period = span ?? cycles.data?.find((c) => c.id === report.cycle.id)?.period;
  return period ? <ItemProgrammesCard itemId={itemId} period={period} /> : null;
}
