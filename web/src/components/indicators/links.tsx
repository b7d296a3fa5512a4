import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, type DocumentSummary, type Outline, type OutlineNode } from '../../client.ts';
import { useFocusOnMount } from '../../use-focus.ts';
import { FormActions, TextField } from '../fields.tsx';
import {
  errorText,
  formatValue,
  parseNumber,
  PERIOD,
  problemsOf,
  StatusBadge,
  usePeriodText,
  useStatusWords,
  type IndicatorDetail,
  type LinkView,
  type ProgressStatus,
} from './shared.tsx';

const statuses: ProgressStatus[] = ['achieved', 'substantial', 'moderate', 'limited', 'deterioration'];

/** The target as words: "50 % till 2018", "12–15 praktikplatser till 2016", or a dash. */
export function useTargetText(unit: string, decimals: number) {
  const { t } = useTranslation();
  const periodText = usePeriodText();
  return (target: LinkView['target']) => {
    const fmt = (v: number) => formatValue(v, '', decimals);
    const what =
      target.value !== null
        ? formatValue(target.value, unit, decimals)
        : target.min !== null && target.max !== null
          ? `${fmt(target.min)}–${fmt(target.max)} ${unit}`
          : target.min !== null
            ? t('indicators.link.atLeast', { value: formatValue(target.min, unit, decimals) })
            : target.max !== null
              ? t('indicators.link.atMost', { value: formatValue(target.max, unit, decimals) })
              : null;
    if (what === null) return t('indicators.link.noTarget');
    return target.period ? t('indicators.link.targetBy', { what, period: periodText(target.period) }) : what;
  };
}

interface TargetDraft {
  baselineValue: string;
  baselinePeriod: string;
  kind: 'value' | 'range';
  targetValue: string;
  targetMin: string;
  targetMax: string;
  targetPeriod: string;
}

const numberText = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v).replace('.', ','));

function draftOf(link: LinkView | null): TargetDraft {
  return {
    baselineValue: numberText(link?.baseline?.value),
    baselinePeriod: link?.baseline?.period ?? '',
    kind: link && link.target.value === null && (link.target.min !== null || link.target.max !== null) ? 'range' : 'value',
    targetValue: numberText(link?.target.value),
    targetMin: numberText(link?.target.min),
    targetMax: numberText(link?.target.max),
    targetPeriod: link?.target.period ?? '',
  };
}

/** Checks the draft as the server would and turns it into the body's fields; problems by field name. */
function useTargetBody() {
  const { t } = useTranslation();
  return (draft: TargetDraft, withBaseline: boolean) => {
    const problems: Record<string, string> = {};
    const number = (key: keyof TargetDraft) => {
      const n = parseNumber(draft[key]);
      if (Number.isNaN(n)) problems[key] = t('indicators.value.badValue');
      return Number.isNaN(n) ? null : n;
    };
    const period = (key: 'baselinePeriod' | 'targetPeriod') => {
      const p = draft[key].trim();
      if (p && !PERIOD.test(p)) problems[key] = t('indicators.value.badPeriod');
      return p || null;
    };
    const body: Record<string, number | string | null> = {};
    if (withBaseline) {
      body.baselineValue = number('baselineValue');
      body.baselinePeriod = period('baselinePeriod');
      if (body.baselineValue !== null && !body.baselinePeriod) problems.baselinePeriod = t('indicators.link.baselinePeriodNeeded');
    }
    if (draft.kind === 'value') {
      body.targetValue = number('targetValue');
      body.targetMin = null;
      body.targetMax = null;
    } else {
      body.targetValue = null;
      body.targetMin = number('targetMin');
      body.targetMax = number('targetMax');
      if (body.targetMin !== null && body.targetMax !== null && body.targetMin > body.targetMax)
        problems.targetMax = t('indicators.link.rangeOrder');
    }
    body.targetPeriod = period('targetPeriod');
    return { body, problems };
  };
}

function TargetFields({
  prefix,
  draft,
  setDraft,
  problems,
  unit,
}: {
  prefix: string;
  draft: TargetDraft;
  setDraft: (d: TargetDraft) => void;
  problems: Record<string, string>;
  unit: string;
}) {
  const { t } = useTranslation();
  const set = (key: keyof TargetDraft) => (value: string) => setDraft({ ...draft, [key]: value });
  return (
    <>
      <fieldset className="ind-fieldset">
        <legend>{t('indicators.link.baseline')}</legend>
        <div className="field-row">
          <TextField
            id={`${prefix}-baseline-value`}
            label={t('indicators.link.baselineValue', { unit })}
            value={draft.baselineValue}
            onChange={set('baselineValue')}
            problem={problems.baselineValue}
            size={10}
          />
          <TextField
            id={`${prefix}-baseline-period`}
            label={t('indicators.link.baselinePeriod')}
            hint={t('indicators.value.periodHint')}
            value={draft.baselinePeriod}
            onChange={set('baselinePeriod')}
            problem={problems.baselinePeriod}
            size={10}
          />
        </div>
        <p className="hint">{t('indicators.link.baselineHint')}</p>
      </fieldset>
      <fieldset className="ind-fieldset">
        <legend>{t('indicators.link.target')}</legend>
        <div className="ind-radios" role="radiogroup" aria-label={t('indicators.link.targetKind')}>
          {(['value', 'range'] as const).map((kind) => (
            <label key={kind} className="check">
              <input
                type="radio"
                name={`${prefix}-target-kind`}
                value={kind}
                checked={draft.kind === kind}
                onChange={() => setDraft({ ...draft, kind })}
              />{' '}
              {t(`indicators.link.kind.${kind}`)}
            </label>
          ))}
        </div>
        <div className="field-row">
          {draft.kind === 'value' ? (
            <TextField
              id={`${prefix}-target-value`}
              label={t('indicators.link.targetValue', { unit })}
              value={draft.targetValue}
              onChange={set('targetValue')}
              problem={problems.targetValue}
              size={10}
            />
          ) : (
            <>
              <TextField
                id={`${prefix}-target-min`}
                label={t('indicators.link.targetMin', { unit })}
                value={draft.targetMin}
                onChange={set('targetMin')}
                problem={problems.targetMin}
                size={10}
              />
              <TextField
                id={`${prefix}-target-max`}
                label={t('indicators.link.targetMax', { unit })}
                value={draft.targetMax}
                onChange={set('targetMax')}
                problem={problems.targetMax}
                size={10}
              />
            </>
          )}
          <TextField
            id={`${prefix}-target-period`}
            label={t('indicators.link.targetPeriod')}
            hint={t('indicators.value.periodHint')}
            value={draft.targetPeriod}
            onChange={set('targetPeriod')}
            problem={problems.targetPeriod}
            size={10}
          />
        </div>
      </fieldset>
    </>
  );
}

/** The plan items the indicator follows, each with baseline, target and status; the coordinator edits them. */
export function LinkList({ detail, onChanged }: { detail: IndicatorDetail; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  if (detail.links.length === 0) return <p>{t('indicators.link.none')}</p>;
  return (
    <ul className="ind-links">
      {detail.links.map((link) => (
        <LinkCard key={link.id} link={link} detail={detail} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function clip(text: string, length = 220): string {
  const first = text.split('\n')[0] ?? text;
  return first.length > length ? `${first.slice(0, length - 1).trimEnd()}…` : first;
}

function LinkCard({ link, detail, onChanged }: { link: LinkView; detail: IndicatorDetail; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const periodText = usePeriodText();
  const targetText = useTargetText(detail.unit, detail.decimals);
  const words = useStatusWords();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [message, setMessage] = useState<string>();
  const headingId = `ind-link-${link.id}`;
  const remove = async () => {
    try {
      await api('DELETE', `/api/indicator-links/${link.id}?version=${link.version}`);
      await onChanged();
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 409 ? t('indicators.link.conflictDelete') : errorText(e));
      setMode('view');
      await onChanged();
    }
  };
  return (
    <li className="card ind-link">
      <p className="ind-link-plan">
        <Link to={`/planer/${link.item.documentId}`}>{link.item.documentTitle}</Link>
      </p>
      <h3 id={headingId}>{link.item.reference}</h3>
      <p className="ind-link-text">{clip(link.item.text)}</p>
      <dl className="facts ind-link-facts">
        <div>
          <dt>{t('indicators.link.baseline')}</dt>
          <dd>
            {link.baseline
              ? `${formatValue(link.baseline.value, detail.unit, detail.decimals)} (${periodText(link.baseline.period)})`
              : '–'}
          </dd>
        </div>
        <div>
          <dt>{t('indicators.link.target')}</dt>
          <dd>{targetText(link.target)}</dd>
        </div>
        <div>
          <dt>{t('indicators.status')}</dt>
          <dd>
            <StatusBadge status={link.status} progress={link.progress} manual={link.override !== null} />
            {link.override && <span className="ind-override"> {t('indicators.link.reasonShown', { reason: link.override.reason })}</span>}
            {link.override && link.progress.status && (
              <span className="muted ind-override">
                {' '}
                {t('indicators.link.computedWas', { status: words.status(link.progress.status) })}
              </span>
            )}
          </dd>
        </div>
      </dl>
      {detail.canEdit && mode === 'view' && (
        <div className="toolbar" role="group" aria-label={t('indicators.link.actionsFor', { ref: link.item.reference })}>
          <button type="button" onClick={() => setMode('edit')} aria-label={t('indicators.link.editFor', { ref: link.item.reference })}>
            {t('indicators.link.edit')}
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => setMode('delete')}
            aria-label={t('indicators.link.removeFor', { ref: link.item.reference })}
          >
            {t('indicators.link.remove')}
          </button>
        </div>
      )}
      {message && (
        <p className="alert error" role="alert">
          {message}
        </p>
      )}
      {mode === 'edit' && (
        <LinkEditForm
          link={link}
          detail={detail}
          onCancel={() => setMode('view')}
          onSaved={async () => {
            await onChanged();
            setMode('view');
            setMessage(undefined);
          }}
        />
      )}
      {mode === 'delete' && (
        <ConfirmRemove reference={link.item.reference} onConfirm={() => void remove()} onCancel={() => setMode('view')} />
      )}
    </li>
  );
}

function ConfirmRemove({ reference, onConfirm, onCancel }: { reference: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLParagraphElement>();
  return (
    <div className="confirm ind-confirm" role="group" aria-label={t('indicators.link.removeTitle', { ref: reference })}>
      <p tabIndex={-1} ref={ref}>
        {t('indicators.link.removeQuestion', { ref: reference })}
      </p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onConfirm}>
          {t('indicators.link.removeConfirm')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

function LinkEditForm({
  link,
  detail,
  onCancel,
  onSaved,
}: {
  link: LinkView;
  detail: IndicatorDetail;
  onCancel: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const words = useStatusWords();
  const targetText = useTargetText(detail.unit, detail.decimals);
  const toBody = useTargetBody();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [base, setBase] = useState(link);
  const [draft, setDraft] = useState(() => draftOf(link));
  const [override, setOverride] = useState<ProgressStatus | ''>(link.override?.status ?? '');
  const [reason, setReason] = useState(link.override?.reason ?? '');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<LinkView | null>();
  const [busy, setBusy] = useState(false);
  const prefix = `ind-edit-${link.id.slice(0, 8)}`;
  const initial = draftOf(base);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The baseline is sent only when changed: an unstated baseline follows the series' first value.
    const baselineChanged = draft.baselineValue !== initial.baselineValue || draft.baselinePeriod !== initial.baselinePeriod;
    const { body, problems: found } = toBody(draft, baselineChanged);
    if (override && !reason.trim()) found.statusReason = t('indicators.link.reasonNeeded');
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setError(t('indicators.form.fix'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api<LinkView>('PATCH', `/api/indicator-links/${link.id}`, {
        version: base.version,
        ...body,
        statusOverride: override || null,
        statusReason: override ? reason.trim() : null,
      });
      await onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict((e.current as LinkView | null | undefined) ?? null);
        setError(e.message);
      } else {
        setProblems(problemsOf(e));
        setError(errorText(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="item-form ind-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-heading`} noValidate>
      <h4 id={`${prefix}-heading`} tabIndex={-1} ref={headingRef}>
        {t('indicators.link.editTitle', { ref: link.item.reference })}
      </h4>
      <TargetFields prefix={prefix} draft={draft} setDraft={setDraft} problems={problems} unit={detail.unit} />
      <fieldset className="ind-fieldset">
        <legend>{t('indicators.link.manualStatus')}</legend>
        <div className="field">
          <label htmlFor={`${prefix}-override`}>{t('indicators.link.override')}</label>
          <select id={`${prefix}-override`} value={override} onChange={(e) => setOverride(e.target.value as ProgressStatus | '')}>
            <option value="">{t('indicators.link.noOverride')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {words.status(s)}
              </option>
            ))}
          </select>
        </div>
        {override && (
          <div className="field">
            <label htmlFor={`${prefix}-reason`}>{t('indicators.link.reason')}</label>
            <textarea
              id={`${prefix}-reason`}
              value={reason}
              rows={3}
              required
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={problems.statusReason ? true : undefined}
              aria-describedby={problems.statusReason ? `${prefix}-reason-error` : undefined}
            />
            {problems.statusReason && (
              <span className="field-error" id={`${prefix}-reason-error`}>
                {problems.statusReason}
              </span>
            )}
          </div>
        )}
      </fieldset>
      {error && (
        <div className="alert error" role="alert">
          <p>{error}</p>
          {conflict && (
            <>
              <p>
                {t('indicators.link.saved', {
                  target: targetText(conflict.target),
                  status: conflict.status ? words.status(conflict.status) : words.reason(conflict.progress),
                  version: conflict.version,
                })}
              </p>
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  setBase(conflict);
                  setDraft(draftOf(conflict));
                  setOverride(conflict.override?.status ?? '');
                  setReason(conflict.override?.reason ?? '');
                  setConflict(undefined);
                  setError(undefined);
                }}
              >
                {t('indicators.form.useSaved')}
              </button>
            </>
          )}
        </div>
      )}
      <FormActions busy={busy} label={t('indicators.link.save')} busyLabel={t('indicators.form.saving')} onCancel={onCancel} />
    </form>
  );
}

interface Choice {
  id: string;
  label: string;
}

function choicesOf(nodes: OutlineNode[], depth = 0, into: Choice[] = []): Choice[] {
  for (const n of nodes) {
    if (n.kind !== 'note') {
      const head = `${n.label}${n.number ? ` ${n.number}` : ''}`;
      const text = n.text.split('\n')[0] ?? '';
      into.push({ id: n.id, label: `${'– '.repeat(depth)}${head}: ${text.length > 70 ? `${text.slice(0, 69)}…` : text}` });
    }
    choicesOf(n.children, depth + 1, into);
  }
  return into;
}

/** Link the indicator to an item of one of the municipality's plans, with a baseline and a target. */
export function NewLinkForm({
  detail,
  onSaved,
  onCancel,
}: {
  detail: IndicatorDetail;
  onSaved: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const toBody = useTargetBody();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [plans, setPlans] = useState<DocumentSummary[]>();
  const [planId, setPlanId] = useState('');
  const [choices, setChoices] = useState<Choice[]>();
  const [itemId, setItemId] = useState('');
  const [draft, setDraft] = useState(() => draftOf(null));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const code = detail.municipality.code;

  useEffect(() => {
    let live = true;
    api<DocumentSummary[]>('GET', `/api/municipalities/${code}/documents`).then(
      (docs) => {
        if (!live) return;
        setPlans(docs);
        if (docs[0]) setPlanId(docs[0].id);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [code]);
  useEffect(() => {
    if (!planId) return;
    let live = true;
    setChoices(undefined);
    setItemId('');
    api<Outline>('GET', `/api/plans/${planId}/outline`).then(
      (outline) => live && setChoices(choicesOf(outline.nodes)),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [planId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, problems: found } = toBody(draft, true);
    if (!itemId) found.itemId = t('indicators.link.chooseItem');
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setError(t('indicators.form.fix'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      // Without a target of its own, the link takes the one the plan states (the server reads it from the item).
      if (body.targetValue === null && body.targetMin === null && body.targetMax === null) {
        delete body.targetValue;
        delete body.targetMin;
        delete body.targetMax;
        if (body.targetPeriod === null) delete body.targetPeriod;
      }
      await api<LinkView>('POST', `/api/indicators/${detail.id}/links`, { itemId, ...body });
      await onSaved();
    } catch (e) {
      setProblems(problemsOf(e));
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card ind-form" onSubmit={(e) => void submit(e)} aria-labelledby="ind-new-link-heading" noValidate>
      <h3 id="ind-new-link-heading" tabIndex={-1} ref={headingRef}>
        {t('indicators.link.newTitle')}
      </h3>
      <div className="field">
        <label htmlFor="ind-new-link-plan">{t('indicators.link.plan')}</label>
        <select id="ind-new-link-plan" value={planId} onChange={(e) => setPlanId(e.target.value)} disabled={!plans}>
          {(plans ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="ind-new-link-item">{t('indicators.link.item')}</label>
        <select
          id="ind-new-link-item"
          value={itemId}
          onChange={(e) => setItemId(e.target.value)}
          disabled={!choices}
          aria-invalid={problems.itemId ? true : undefined}
          aria-describedby={problems.itemId ? 'ind-new-link-item-error' : undefined}
          className="ind-item-select"
        >
          <option value="">{choices ? t('indicators.link.chooseItemOption') : t('common.loading')}</option>
          {(choices ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        {problems.itemId && (
          <span className="field-error" id="ind-new-link-item-error">
            {problems.itemId}
          </span>
        )}
      </div>
      <TargetFields prefix="ind-new-link" draft={draft} setDraft={setDraft} problems={problems} unit={detail.unit} />
      <p className="hint">{t('indicators.link.targetFromPlan')}</p>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <FormActions busy={busy} label={t('indicators.link.create')} busyLabel={t('indicators.form.saving')} onCancel={onCancel} />
    </form>
  );
}
