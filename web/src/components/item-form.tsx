import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ItemKind, type ItemView, type OutlineNode, type Target } from '../client.ts';
import { describeRecurrence, lang } from '../format.ts';
import { useFocusOnMount } from '../use-focus.ts';
import { FormActions, problemAt, SelectField, TextField } from './fields.tsx';

export interface ItemDraft {
  kind: ItemKind;
  label: string;
  number: string;
  text: string;
  due: string;
  recurrence: string;
  customRule: string;
  periodFrom: string;
  periodTo: string;
  targetKind: 'none' | 'value' | 'range';
  targetValue: string;
  targetMin: string;
  targetMax: string;
  targetUnit: string;
  targetPer: string;
  targetBy: string;
}

const commonRules = [
  '',
  'CONTINUOUS',
  'FREQ=YEARLY',
  'FREQ=MONTHLY;INTERVAL=6',
  'FREQ=MONTHLY;INTERVAL=3',
  'FREQ=MONTHLY',
  'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6',
];
const kinds: ItemKind[] = ['vision', 'area', 'goal', 'activity', 'note'];

export function draftOf(node: Partial<OutlineNode> & { kind: ItemKind; label: string }): ItemDraft {
  const t = node.target;
  const rule = node.recurrence ?? '';
  return {
    kind: node.kind,
    label: node.label,
    number: node.number ?? '',
    text: node.text ?? '',
    due: node.due ?? '',
    recurrence: commonRules.includes(rule) ? rule : 'custom',
    customRule: commonRules.includes(rule) ? '' : rule,
    periodFrom: node.period?.from ?? '',
    periodTo: node.period?.to ?? '',
    targetKind: !t ? 'none' : t.value !== undefined && t.value !== null ? 'value' : 'range',
    targetValue: t?.value?.toString() ?? '',
    targetMin: t?.min?.toString() ?? '',
    targetMax: t?.max?.toString() ?? '',
    targetUnit: t?.unit ?? '',
    targetPer: t?.per ?? '',
    targetBy: t?.by ?? '',
  };
}

const numberOrNull = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/** The API body of a draft: only the fields an item has, in their API shape. */
export function bodyOf(d: ItemDraft): Record<string, unknown> {
  const target: Target | null =
    d.targetKind === 'none'
      ? null
      : {
          unit: d.targetUnit.trim(),
          ...(d.targetKind === 'value'
            ? { value: numberOrNull(d.targetValue) }
            : { min: numberOrNull(d.targetMin), max: numberOrNull(d.targetMax) }),
          per: (d.targetPer || null) as Target['per'],
          by: d.targetBy.trim() || null,
        };
  return {
    kind: d.kind,
    label: d.label.trim(),
    number: d.number.trim() || null,
    text: d.text.trim(),
    due: d.due.trim() || null,
    recurrence: d.recurrence === 'custom' ? d.customRule.trim() || null : d.recurrence || null,
    period: d.periodFrom.trim() || d.periodTo.trim() ? { from: d.periodFrom.trim() || null, to: d.periodTo.trim() || null } : null,
    target,
  };
}

interface Props {
  initial: ItemDraft;
  title: string;
  contentOnly?: boolean;
  onSubmit: (draft: ItemDraft) => Promise<void>;
  onCancel: () => void;
}

/** The item editor. Field problems from the server (400) appear at their fields; a lost update (409) shows the saved text beside yours. */
export function ItemForm({ initial, title, contentOnly = false, onSubmit, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const focusRef = useFocusOnMount<HTMLHeadingElement>();
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<ItemView>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ItemDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const problem = (path: string) => problemAt(problems, path);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems({});
    setError(undefined);
    try {
      await onSubmit(draft);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict(e.current as ItemView);
        setError(t('conflict.item'));
      } else if (e instanceof ApiError && e.details.length > 0) {
        setProblems(e.problems);
        setError(t('form.invalid'));
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const field = draftField(id, draft, set, problem);

  return (
    <form className="item-form card" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} tabIndex={-1} ref={focusRef}>
        {title}
      </h3>
      {error && (
        <div className="alert error" role="alert">
          <p>{error}</p>
          {conflict && (
            <div className="conflict">
              <div>
                <h4>{t('conflict.saved')}</h4>
                <p className="saved-text">{conflict.text}</p>
              </div>
              <div>
                <h4>{t('conflict.yours')}</h4>
                <p>{draft.text}</p>
              </div>
              <button
                type="button"
                className="button small"
                onClick={() => {
                  setConflict(undefined);
                  setError(undefined);
                  onCancel();
                }}
              >
                {t('conflict.reload')}
              </button>
            </div>
          )}
        </div>
      )}
      {!contentOnly && (
        <div className="field-row">
          <SelectField
            id={`${id}-kind`}
            label={t('item.kind')}
            value={draft.kind}
            onChange={(kind) => set({ kind })}
            options={kinds.map((k) => ({ value: k, label: t(`itemKinds.${k}`) }))}
          />
          {field('label', '/label', t('item.label'), { hint: t('item.labelHint') })}
          {field('number', '/number', t('item.number'), { size: 6 })}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('item.text')}</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          value={draft.text}
          onChange={(e) => set({ text: e.target.value })}
          required
          aria-invalid={problem('/text') ? true : undefined}
          aria-describedby={problem('/text') ? `${id}-text-error` : undefined}
        />
        {problem('/text') && (
          <span className="field-error" id={`${id}-text-error`}>
            {problem('/text')}
          </span>
        )}
      </div>
      {draft.kind !== 'note' && (
        <>
          <div className="field-row">
            {field('due', '/due', t('item.due'), { hint: t('item.dueHint'), size: 12 })}
            <div className="field">
              <label htmlFor={`${id}-recurrence`}>{t('item.recurrence')}</label>
              <select id={`${id}-recurrence`} value={draft.recurrence} onChange={(e) => set({ recurrence: e.target.value })}>
                {commonRules.map((r) => (
                  <option key={r} value={r}>
                    {r === '' ? t('item.noRecurrence') : describeRecurrence(r, lang(i18n.language))}
                  </option>
                ))}
                <option value="custom">{t('item.customRule')}</option>
              </select>
              {problem('/recurrence') && draft.recurrence !== 'custom' && <span className="field-error">{problem('/recurrence')}</span>}
            </div>
            {draft.recurrence === 'custom' && field('customRule', '/recurrence', t('item.rrule'), { hint: 'FREQ=YEARLY;INTERVAL=2' })}
          </div>
          <fieldset className="field-row">
            <legend>{t('item.period')}</legend>
            {field('periodFrom', '/period', t('item.from'), { size: 12 })}
            {field('periodTo', '/period', t('item.to'), { size: 12 })}
          </fieldset>
          <TargetFieldset id={id} draft={draft} set={set} problem={problem} />
        </>
      )}
      <FormActions onCancel={onCancel} busy={busy} />
    </form>
  );
}

type SetDraft = (patch: Partial<ItemDraft>) => void;
type ProblemOf = (path: string) => string | undefined;

/** A text field bound to one field of a draft, with the server's problem for its path. */
export function draftField(id: string, draft: ItemDraft, set: SetDraft, problem: ProblemOf) {
  return (name: keyof ItemDraft, path: string, label: string, extra: { hint?: string; size?: number } = {}) => (
    <TextField
      key={name}
      id={`${id}-${name}`}
      label={label}
      value={draft[name]}
      onChange={(value) => set({ [name]: value } as Partial<ItemDraft>)}
      problem={problem(path)}
      hint={extra.hint}
      size={extra.size}
    />
  );
}

/** The measurable target: a value or a range, its unit, per what and by when. Shared by every item editor. */
export function TargetFieldset({ id, draft, set, problem }: { id: string; draft: ItemDraft; set: SetDraft; problem: ProblemOf }) {
  const { t } = useTranslation();
  const field = draftField(id, draft, set, problem);
  return (
    <fieldset>
      <legend>{t('item.target')}</legend>
      <div className="field">
        <label htmlFor={`${id}-tk`}>{t('item.targetKind')}</label>
        <select id={`${id}-tk`} value={draft.targetKind} onChange={(e) => set({ targetKind: e.target.value as ItemDraft['targetKind'] })}>
          <option value="none">{t('item.noTarget')}</option>
          <option value="value">{t('item.targetValue')}</option>
          <option value="range">{t('item.targetRange')}</option>
        </select>
      </div>
      {draft.targetKind !== 'none' && (
        <div className="field-row">
          {draft.targetKind === 'value'
            ? field('targetValue', '/target/value', t('item.value'), { size: 8 })
            : [
                field('targetMin', '/target/min', t('item.min'), { size: 6 }),
                field('targetMax', '/target/max', t('item.max'), { size: 6 }),
              ]}
          {field('targetUnit', '/target/unit', t('item.unit'), { hint: t('item.unitHint') })}
          <div className="field">
            <label htmlFor={`${id}-per`}>{t('item.per')}</label>
            <select id={`${id}-per`} value={draft.targetPer} onChange={(e) => set({ targetPer: e.target.value })}>
              <option value="">–</option>
              {['year', 'half-year', 'quarter', 'month'].map((p) => (
                <option key={p} value={p}>
                  {t(`per.${p}`)}
                </option>
              ))}
            </select>
          </div>
          {field('targetBy', '/target/by', t('item.by'), { size: 12 })}
        </div>
      )}
      {problem('/target') && <span className="field-error">{problem('/target')}</span>}
    </fieldset>
  );
}
