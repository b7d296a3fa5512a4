import { FormActions } from '../fields.tsx';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../client.ts';
import { formatDateTime } from '../../format.ts';
import { AssessmentBadge, useFollowUpWords } from './indicators.tsx';
import type { Assessment, GoalView, RollupProposal } from './types.ts';
import '../../styles/follow-up.css';

const choices: Assessment[] = ['met', 'partly_met', 'not_met', 'not_assessed'];

/** The proposal's basis in words: "4 av 5 underliggande punkter genomförda · 1 försenade …". */
export function useBasisWords(): (proposal: RollupProposal) => string {
  const { t } = useTranslation();
  return ({ basis, score }) => {
    if (basis.reported === 0 && basis.targetsMet + basis.targetsMissed === 0) return t('followUp.goals.basisNothing');
    const parts: string[] = [];
    if (basis.children > 0) parts.push(t('followUp.goals.basisChildren', { done: basis.done, children: basis.children }));
    if (basis.children > 0) parts.push(t('followUp.goals.basisReported', { count: basis.reported }));
    if (basis.delayed > 0) parts.push(t('followUp.goals.basisDelayed', { count: basis.delayed }));
    if (basis.cancelled > 0) parts.push(t('followUp.goals.basisCancelled', { count: basis.cancelled }));
    if (basis.targetsMet + basis.targetsMissed > 0)
      parts.push(t('followUp.goals.basisTargets', { met: basis.targetsMet, missed: basis.targetsMissed }));
    if (score !== null) parts.push(t('followUp.goals.basisScore', { score: Math.round(score * 100) }));
    return parts.join(' · ');
  };
}

/** One goal: what its reports propose, the coordinator's assessment, and (for her) the form to set it. */
export function GoalCard(props: {
  cycleId: string;
  goal: GoalView;
  editable: boolean;
  onSaved: (message: string) => Promise<void> | void;
}) {
  const { cycleId, goal, editable, onSaved } = props;
  const { t } = useTranslation();
  const words = useFollowUpWords();
  const basisWords = useBasisWords();
  const id = useId();
  const [value, setValue] = useState<Assessment>(goal.assessment?.value ?? goal.proposal.proposal);
  const [rationale, setRationale] = useState(goal.assessment?.rationale ?? '');
  const [version, setVersion] = useState<number | null>(goal.assessment?.version ?? null);
  const [conflict, setConflict] = useState<{ saved: GoalView | null }>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const savedVersion = goal.assessment?.version ?? null;
  useEffect(() => setVersion(savedVersion), [savedVersion]);

  const submit = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await api<GoalView>('PUT', `/api/cycles/${cycleId}/assessments/${goal.itemId}`, { assessment: value, rationale, version });
      setConflict(undefined);
      await onSaved(t('followUp.goals.saved', { goal: goal.reference }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const saved = (e.current as GoalView | null | undefined) ?? null;
        setConflict({ saved });
        setVersion(saved?.assessment?.version ?? null);
      } else setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="fu-goal" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{goal.reference}</h3>
      <p>{goal.text}</p>
      <dl className="facts">
        <div>
          <dt>{t('followUp.goals.proposal')}</dt>
          <dd>
            <AssessmentBadge assessment={goal.proposal.proposal} />
          </dd>
        </div>
        <div>
          <dt>{t('followUp.goals.basis')}</dt>
          <dd>{basisWords(goal.proposal)}</dd>
        </div>
        <div>
          <dt>{t('followUp.goals.current')}</dt>
          <dd>
            {goal.assessment ? (
              <>
                <AssessmentBadge assessment={goal.assessment.value} />{' '}
                <span className="muted small">
                  {t('followUp.goals.by', { by: goal.assessment.assessedBy, at: formatDateTime(goal.assessment.assessedAt) })}
                </span>
                {goal.assessment.rationale && <span className="fu-rationale"> – {goal.assessment.rationale}</span>}
              </>
            ) : (
              <span className="muted">{t('followUp.goals.notYet')}</span>
            )}
          </dd>
        </div>
      </dl>
      {editable && (
        <form
          className="form"
          aria-label={t('followUp.goals.formLabel', { goal: goal.reference })}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <fieldset>
            <legend>{t('followUp.goals.assessment')}</legend>
            {choices.map((c) => (
              <label key={c} className="check">
                <input type="radio" name={`${id}-assessment`} value={c} checked={value === c} onChange={() => setValue(c)} />{' '}
                {words.assessment[c]}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-rationale`}>{t('followUp.goals.rationale')}</label>
            <textarea id={`${id}-rationale`} value={rationale} onChange={(e) => setRationale(e.target.value)} rows={3} maxLength={10000} />
          </div>
          {conflict && (
            <div className="alert error" role="alert">
              {conflict.saved?.assessment ? (
                <>
                  <p>{t('followUp.goals.conflict')}</p>
                  <p>
                    <AssessmentBadge assessment={conflict.saved.assessment.value} /> {conflict.saved.assessment.rationale}{' '}
                    <span className="small">
                      (
                      {t('followUp.goals.by', {
                        by: conflict.saved.assessment.assessedBy,
                        at: formatDateTime(conflict.saved.assessment.assessedAt),
                      })}
                      )
                    </span>
                  </p>
                  <button
                    type="button"
                    className="button small secondary"
                    onClick={() => {
                      const saved = conflict.saved?.assessment;
                      if (saved) {
                        setValue(saved.value);
                        setRationale(saved.rationale);
                      }
                      setConflict(undefined);
                    }}
                  >
                    {t('followUp.goals.useSaved')}
                  </button>
                </>
              ) : (
                <p>{t('followUp.goals.conflictNone')}</p>
              )}
            </div>
          )}
          {problem && (
            <p className="alert error" role="alert">
              {problem}
            </p>
          )}
          <FormActions busy={busy} label={t('followUp.goals.save')} />
        </form>
      )}
    </article>
  );
}
