import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type DocumentView } from '../client.ts';
import { useFocusOnMount } from '../use-focus.ts';
import { FormActions, problemAt, SelectField, TextField } from './fields.tsx';

const kinds = ['policy', 'strategy', 'program', 'plan', 'action-plan', 'activity-plan'];
const statuses = ['draft', 'proposed', 'adopted'] as const;
const periods = ['year', 'half-year', 'quarter', 'month'] as const;

/** The document's metadata: title, kind, status, adoption, validity, revision, follow-up rule and level names. */
export function DocumentForm({
  document,
  onSaved,
  onCancel,
}: {
  document: DocumentView;
  onSaved: (d: DocumentView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const focusRef = useFocusOnMount<HTMLHeadingElement>();
  const [f, setF] = useState({
    title: document.title,
    kind: document.kind,
    status: document.status,
    body: document.adopted?.body ?? '',
    date: document.adopted?.date ?? '',
    paragraph: document.adopted?.paragraph ?? '',
    dnr: document.adopted?.dnr ?? '',
    validFrom: document.valid.from ?? '',
    validTo: document.valid.to ?? '',
    revisionYears: document.revision?.everyYears?.toString() ?? '',
    every: document.followUp[0]?.every ?? '',
    reportTo: document.followUp[0]?.reportTo ?? '',
    levels: document.levels.join(', '),
  });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems({});
    setError(undefined);
    const adopted = [f.body, f.date, f.paragraph, f.dnr].some((v) => v.trim())
      ? { body: orNull(f.body), date: orNull(f.date), paragraph: orNull(f.paragraph), dnr: orNull(f.dnr) }
      : null;
    const followUp = f.every
      ? [
          { ...(document.followUp[0] ?? {}), every: f.every as (typeof periods)[number], reportTo: orNull(f.reportTo) },
          ...document.followUp.slice(1),
        ]
      : [];
    try {
      const saved = await api<DocumentView>('PATCH', `/api/plans/${document.id}`, {
        version: document.version,
        title: f.title.trim(),
        kind: f.kind,
        status: f.status,
        adopted,
        valid: { from: orNull(f.validFrom), to: orNull(f.validTo) },
        revision: f.revisionYears.trim() ? { everyYears: Number(f.revisionYears), text: document.revision?.text ?? null } : null,
        followUp,
        levels: f.levels
          .split(/[,→]/)
          .map((l) => l.trim())
          .filter(Boolean),
      });
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setError(t('conflict.document'));
      else if (e instanceof ApiError && e.details.length > 0) {
        setProblems(e.problems);
        setError(t('form.invalid'));
      } else setError((e as Error).message);
    }
  };

  const input = (name: keyof typeof f, path: string, label: string, hint?: string) => (
    <TextField
      id={`${id}-${name}`}
      label={label}
      value={f[name]}
      onChange={(value) => set({ [name]: value })}
      problem={problemAt(problems, path)}
      hint={hint}
    />
  );

  return (
    <form className="card item-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={focusRef}>
        {t('document.editTitle')}
      </h2>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      {input('title', '/title', t('municipality.documentTitle'))}
      <div className="field-row">
        <SelectField
          id={`${id}-kind`}
          label={t('municipality.documentKind')}
          value={f.kind}
          onChange={(kind) => set({ kind })}
          options={kinds.map((k) => ({ value: k as DocumentView['kind'], label: t(`documentKinds.${k}`) }))}
        />
        <SelectField
          id={`${id}-status`}
          label={t('document.status')}
          value={f.status}
          onChange={(status) => set({ status })}
          options={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
      </div>
      <fieldset className="field-row">
        <legend>{t('document.decision')}</legend>
        {input('body', '/adopted/body', t('document.body'), t('document.bodyHint'))}
        {input('date', '/adopted/date', t('document.date'), 'ÅÅÅÅ-MM-DD')}
        {input('paragraph', '/adopted/paragraph', '§')}
        {input('dnr', '/adopted/dnr', t('document.dnr'))}
      </fieldset>
      <fieldset className="field-row">
        <legend>{t('plan.valid')}</legend>
        {input('validFrom', '/valid/from', t('item.from'), t('item.dueHint'))}
        {input('validTo', '/valid/to', t('item.to'), t('document.untilFurther'))}
      </fieldset>
      <div className="field-row">
        {input('revisionYears', '/revision/everyYears', t('document.revisionYears'))}
        <div className="field">
          <label htmlFor={`${id}-every`}>{t('plan.followUp')}</label>
          <select id={`${id}-every`} value={f.every} onChange={(e) => set({ every: e.target.value })}>
            <option value="">–</option>
            {periods.map((p) => (
              <option key={p} value={p}>
                {t(`every.${p}`)}
              </option>
            ))}
          </select>
        </div>
        {input('reportTo', '/followUp/0/reportTo', t('document.reportTo'))}
      </div>
      {input('levels', '/levels', t('plan.levels'), t('document.levelsHint'))}
      <FormActions onCancel={onCancel} />
    </form>
  );
}
