import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, uploadFile } from '../../client.ts';
import { FormActions, TextField } from '../fields.tsx';
import { errorText, parseNumber, PERIOD, problemsOf, usePeriodText, type IndicatorDetail } from './shared.tsx';

type Message = { kind: 'ok' | 'error'; text: string } | undefined;

function Feedback({ message }: { message: Message }) {
  // One live region that is always there, so the result is announced however it arrives.
  return (
    <div role="status" aria-live="polite" className="ind-feedback">
      {message && <p className={`alert ${message.kind === 'ok' ? 'ok' : 'error'}`}>{message.text}</p>}
    </div>
  );
}

/** What a write did, in words: "1 nytt värde", "1 rättat värde", "1 oförändrat". */
function useResultText() {
  const { t } = useTranslation();
  return (r: { added: number; corrected: number; unchanged: number }) =>
    [
      r.added > 0 ? t('indicators.result.added', { count: r.added }) : '',
      r.corrected > 0 ? t('indicators.result.corrected', { count: r.corrected }) : '',
      r.unchanged > 0 ? t('indicators.result.unchanged', { count: r.unchanged }) : '',
    ]
      .filter(Boolean)
      .join(', ') || t('indicators.result.nothing');
}

/** Enter one value by hand; a new value for a period that has one corrects it (the old is kept). */
export function ValueForm({ detail, onSaved }: { detail: IndicatorDetail; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const periodText = usePeriodText();
  const resultText = useResultText();
  const [period, setPeriod] = useState('');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const p = period.trim();
    const number = parseNumber(value);
    const found: Record<string, string> = {};
    if (!PERIOD.test(p)) found.period = t('indicators.value.badPeriod');
    if (number === null || Number.isNaN(number)) found.value = t('indicators.value.badValue');
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setMessage({ kind: 'error', text: t('indicators.form.fix') });
      return;
    }
    setBusy(true);
    try {
      const result = await api<{ added: number; corrected: number; unchanged: number }>('POST', `/api/indicators/${detail.id}/values`, {
        values: [{ period: p, value: number, sourceNote: note.trim() || null }],
      });
      await onSaved();
      setMessage({
        kind: 'ok',
        text: `${t(result.corrected > 0 ? 'indicators.value.corrected' : 'indicators.value.saved', { period: periodText(p) })} (${resultText(result)})`,
      });
      setValue('');
      setNote('');
    } catch (e) {
      setProblems(problemsOf(e));
      setMessage({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form card ind-form" onSubmit={(e) => void submit(e)} aria-labelledby="ind-value-heading" noValidate>
      <h3 id="ind-value-heading">{t('indicators.value.title')}</h3>
      <p className="muted">{t('indicators.value.intro')}</p>
      <div className="field-row">
        <TextField
          id="ind-value-period"
          label={t('indicators.value.period')}
          hint={t('indicators.value.periodHint')}
          value={period}
          onChange={setPeriod}
          problem={problems.period}
          size={10}
        />
        <TextField
          id="ind-value-value"
          label={t('indicators.value.value', { unit: detail.unit })}
          value={value}
          onChange={setValue}
          problem={problems.value}
          size={10}
        />
      </div>
      <TextField
        id="ind-value-note"
        label={t('indicators.value.note')}
        hint={t('indicators.value.noteHint')}
        value={note}
        onChange={setNote}
        problem={problems.sourceNote}
      />
      <FormActions busy={busy} label={t('indicators.value.submit')} busyLabel={t('indicators.form.saving')} />
      <Feedback message={message} />
    </form>
  );
}

/** Import a tidy CSV (Year, [Kommun], Value) or an SCB PX file: the whole file or nothing. */
export function ImportForm({ detail, onSaved }: { detail: IndicatorDetail; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const resultText = useResultText();
  const fileRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<Message>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setProblem(t('indicators.import.noFile'));
      setMessage({ kind: 'error', text: t('indicators.import.noFile') });
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await uploadFile<{ rows: number; added: number; corrected: number; unchanged: number }>(
        `/api/indicators/${detail.id}/import`,
        file,
      );
      await onSaved();
      setMessage({ kind: 'ok', text: t('indicators.import.done', { name: file.name, rows: result.rows, result: resultText(result) }) });
      if (fileRef.current) fileRef.current.value = '';
    } catch (e) {
      setProblem(errorText(e));
      setMessage({ kind: 'error', text: t('indicators.import.failed') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form card ind-form" onSubmit={(e) => void submit(e)} aria-labelledby="ind-import-heading" noValidate>
      <h3 id="ind-import-heading">{t('indicators.import.title')}</h3>
      <div className="field">
        <label htmlFor="ind-import-file">{t('indicators.import.file')}</label>
        <input
          id="ind-import-file"
          type="file"
          ref={fileRef}
          accept=".csv,.px,text/csv"
          aria-describedby={`ind-import-hint${problem ? ' ind-import-error' : ''}`}
          aria-invalid={problem ? true : undefined}
        />
        <span className="hint" id="ind-import-hint">
          {t('indicators.import.hint')}
        </span>
        {problem && (
          <span className="field-error ind-preline" id="ind-import-error">
            {problem}
          </span>
        )}
      </div>
      <FormActions busy={busy} label={t('indicators.import.submit')} busyLabel={t('indicators.import.busy')} />
      <Feedback message={message} />
    </form>
  );
}

/** "Hämta från Kolada/SCB": fetch the official figures now, with a busy state and the server's words on failure. */
export function SyncButton({ detail, onSaved }: { detail: IndicatorDetail; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const resultText = useResultText();
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);
  const source = detail.sourceKind === 'kolada' ? 'Kolada' : 'SCB';
  const sync = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      const result = await api<{ fetched: number; added: number; corrected: number; unchanged: number }>(
        'POST',
        `/api/indicators/${detail.id}/sync`,
      );
      await onSaved();
      setMessage({ kind: 'ok', text: t('indicators.sync.done', { source, fetched: result.fetched, result: resultText(result) }) });
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card ind-form">
      <h3>{t('indicators.sync.title', { source })}</h3>
      <p className="muted">{t('indicators.sync.intro', { source, ref: detail.sourceRef ?? '' })}</p>
      <button type="button" className="button" onClick={() => void sync()} aria-disabled={busy || undefined} disabled={busy}>
        {busy ? t('indicators.sync.busy', { source }) : t('indicators.sync.button', { source })}
      </button>
      <Feedback message={message} />
    </div>
  );
}
