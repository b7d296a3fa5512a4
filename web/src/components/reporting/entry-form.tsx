import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../client.ts';
import { describeTarget } from '../../format.ts';
import { reportStatuses } from '../../../../src/capabilities/follow-up/words.ts';
import { problemAt } from '../fields.tsx';
import { useFollowUpWords } from './bits.tsx';
import type { EntryWrite, ReportStatus, TaskView } from './types.ts';

interface Draft {
  status: ReportStatus | null;
  progress: string;
  narrative: string;
  targetValue: string;
}

const draftOf = (task: TaskView): Draft => ({
  status: task.status,
  progress: task.progress === null ? '' : String(task.progress),
  narrative: task.narrative,
  targetValue: task.targetValue === null ? '' : String(task.targetValue),
});

/** Progress is asked only while work goes on; a done item is 100 % (the server fills it in). */
export const asksProgress = (status: ReportStatus | null) => status === 'in_progress' || status === 'delayed';

function toNumber(text: string): number | null | 'bad' {
  const trimmed = text.trim().replace(',', '.').replace(/\s/g, '');
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : 'bad';
}

/**
 * The entry form of one report: status, progress, narrative and the target's value, with "Spara utkast" and
 * "Skicka in". Used on the report page and on the personal-link page (`save` says where it goes). Field problems
 * from the server appear at their fields; a stale version shows the saved report and keeps what the user wrote.
 */
export function EntryForm(props: {
  task: TaskView;
  editable: boolean;
  lockedReason?: string | undefined;
  save: (body: EntryWrite) => Promise<TaskView>;
  onSaved: (task: TaskView, submitted: boolean) => void;
}) {
  const { task, editable, lockedReason, save, onSaved } = props;
  const { t } = useTranslation();
  const words = useFollowUpWords();
  const id = `entry-${task.id.slice(0, 8)}`;
  const [draft, setDraft] = useState<Draft>(() => draftOf(task));
  const [version, setVersion] = useState(task.version);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [conflict, setConflict] = useState<TaskView>();
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => setVersion(task.version), [task.version]);
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error, conflict]);

  const target = task.item.target;
  // The value is asked for the item's own target, or for the indicators that read it from follow-up.
  const asked = target !== null || task.indicators.length > 0;
  const targetWords = target ? describeTarget(target, words.language) : task.indicators.map((i) => `${i.title} (${i.unit})`).join(', ');
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const send = async (submit: boolean) => {
    const progress = asksProgress(draft.status) ? toNumber(draft.progress) : null;
    const targetValue = asked ? toNumber(draft.targetValue) : null;
    const local: Record<string, string> = {};
    if (progress === 'bad' || (typeof progress === 'number' && (!Number.isInteger(progress) || progress < 0 || progress > 100)))
      local['/progress'] = t('reporting.form.progressHint');
    if (targetValue === 'bad') local['/targetValue'] = t('reporting.form.targetValueHint');
    setNotice(undefined);
    if (Object.keys(local).length > 0) {
      setProblems(local);
      setError(t('reporting.form.checkFields'));
      return;
    }
    setBusy(true);
    try {
      const saved = await save({
        version,
        status: draft.status,
        progress: progress as number | null,
        narrative: draft.narrative,
        targetValue: targetValue as number | null,
        submit,
      });
      setProblems({});
      setError(undefined);
      setConflict(undefined);
      setVersion(saved.version);
      setNotice(submit ? t('reporting.form.submitted') : t('reporting.form.draftSaved'));
      onSaved(saved, submit);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.current && typeof e.current === 'object' && 'version' in e.current) {
        const current = e.current as TaskView;
        setConflict(current);
        setVersion(current.version);
        setProblems({});
        setError(e.message);
      } else if (e instanceof ApiError && e.details.length > 0) {
        setProblems(e.problems);
        setError(`${t('reporting.form.checkFields')} ${e.message}`);
      } else {
        setProblems({});
        setError((e as Error).message);
      }
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void send(submitter?.getAttribute('value') === 'submit');
  };

  const statusProblem = problemAt(problems, '/status');
  const progressProblem = problemAt(problems, '/progress');
  const narrativeProblem = problemAt(problems, '/narrative');
  const valueProblem = problemAt(problems, '/targetValue');
  const described = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

  return (
    <form className="card entry-form" onSubmit={onSubmit} noValidate>
      {!editable && lockedReason && (
        <p className="alert locked" id={`${id}-locked`}>
          {/* A drawn padlock: an emoji would need a colour-emoji font the reader may not have. */}
          <svg className="lock-icon" aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
            <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
            <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
          </svg>{' '}
          {lockedReason}
        </p>
      )}
      {error && (
        <div className="alert error" role="alert" tabIndex={-1} ref={alertRef}>
          {conflict ? (
            <>
              <p>
                <strong>{t('reporting.form.conflictTitle')}</strong>
              </p>
              <p>{t('reporting.form.conflictText')}</p>
              <div className="conflict-saved">
                <h3>{t('reporting.form.conflictSaved')}</h3>
                <dl className="facts">
                  <div>
                    <dt>{t('reporting.form.status')}</dt>
                    <dd>{conflict.status ? words.status(conflict.status) : t('reporting.form.notSet')}</dd>
                  </div>
                  {conflict.progress !== null && (
                    <div>
                      <dt>{t('reporting.timeline.progress')}</dt>
                      <dd>{conflict.progress} %</dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('reporting.timeline.narrative')}</dt>
                    <dd className="saved-text">{conflict.narrative || t('reporting.form.notSet')}</dd>
                  </div>
                </dl>
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => {
                    setDraft(draftOf(conflict));
                    setConflict(undefined);
                    setError(undefined);
                  }}
                >
                  {t('reporting.form.useSaved')}
                </button>
              </div>
            </>
          ) : (
            <p>{error}</p>
          )}
        </div>
      )}
      <fieldset
        className="entry-fields"
        disabled={!editable || busy}
        aria-describedby={!editable && lockedReason ? `${id}-locked` : undefined}
      >
        <legend id={`${id}-legend`}>{t('reporting.form.legend')}</legend>
        <fieldset
          className="status-group"
          aria-describedby={statusProblem ? `${id}-status-error` : undefined}
          aria-invalid={statusProblem ? true : undefined}
        >
          <legend>{t('reporting.form.status')}</legend>
          <div className="radios">
            {reportStatuses.map((s) => (
              <label key={s} className="radio">
                <input type="radio" name={`${id}-status`} value={s} checked={draft.status === s} onChange={() => set('status', s)} />
                <span>{words.status(s)}</span>
              </label>
            ))}
          </div>
          {statusProblem && (
            <p className="field-error" id={`${id}-status-error`}>
              {statusProblem}
            </p>
          )}
        </fieldset>
        {asksProgress(draft.status) && (
          <div className="field">
            <label htmlFor={`${id}-progress`}>{t('reporting.form.progress')}</label>
            <input
              id={`${id}-progress`}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              size={5}
              className="progress-input"
              value={draft.progress}
              onChange={(e) => set('progress', e.target.value)}
              aria-invalid={progressProblem ? true : undefined}
              aria-describedby={described(`${id}-progress-hint`, progressProblem && `${id}-progress-error`)}
            />
            <span className="hint" id={`${id}-progress-hint`}>
              {t('reporting.form.progressHint')}
            </span>
            {progressProblem && (
              <span className="field-error" id={`${id}-progress-error`}>
                {progressProblem}
              </span>
            )}
          </div>
        )}
        {asked && (
          <div className="field">
            <label htmlFor={`${id}-value`}>
              {t(target ? 'reporting.form.targetValue' : 'reporting.form.indicatorValue', { target: targetWords })}
            </label>
            <input
              id={`${id}-value`}
              type="text"
              inputMode="decimal"
              size={10}
              value={draft.targetValue}
              onChange={(e) => set('targetValue', e.target.value)}
              aria-invalid={valueProblem ? true : undefined}
              aria-describedby={described(`${id}-value-hint`, valueProblem && `${id}-value-error`)}
            />
            <span className="hint" id={`${id}-value-hint`}>
              {t('reporting.form.targetValueHint')}
            </span>
            {valueProblem && (
              <span className="field-error" id={`${id}-value-error`}>
                {valueProblem}
              </span>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-narrative`}>{t('reporting.form.narrative')}</label>
          <textarea
            id={`${id}-narrative`}
            rows={6}
            maxLength={10000}
            value={draft.narrative}
            onChange={(e) => set('narrative', e.target.value)}
            aria-invalid={narrativeProblem ? true : undefined}
            aria-describedby={described(`${id}-narrative-hint`, narrativeProblem && `${id}-narrative-error`)}
          />
          <span className="hint" id={`${id}-narrative-hint`}>
            {t('reporting.form.narrativeHint')}
          </span>
          {narrativeProblem && (
            <span className="field-error" id={`${id}-narrative-error`}>
              {narrativeProblem}
            </span>
          )}
        </div>
      </fieldset>
      {editable && (
        <div className="actions">
          <button type="submit" name="action" value="draft" className="button secondary" disabled={busy}>
            {t('reporting.form.saveDraft')}
          </button>
          <button type="submit" name="action" value="submit" className="button" disabled={busy}>
            {t('reporting.form.submit')}
          </button>
        </div>
      )}
      <p role="status" className="notice" aria-live="polite">
        {busy ? t('reporting.form.saving') : notice}
      </p>
    </form>
  );
}
