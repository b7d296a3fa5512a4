import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, uploadFile } from '../client.ts';

interface Summary {
  updated: number;
  created: number;
  deleted: number;
  moved: number;
  unchanged: number;
  dryRun: boolean;
}

interface Problem {
  row?: number;
  column?: string;
  path: string;
  message: string;
}

type Outcome =
  | { kind: 'summary'; summary: Summary }
  | { kind: 'problems'; message: string; problems: Problem[] }
  | { kind: 'error'; message: string };

/**
 * The plan's items as Excel or CSV to edit elsewhere, and the edited file read back: "Kontrollera" checks the
 * whole file without saving, "Importera" saves it (still checked first; nothing is saved if anything is wrong).
 */
export function PlanSpreadsheet({
  planId,
  canImport,
  onImported,
}: {
  planId: string;
  canImport: boolean;
  onImported: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [missingFile, setMissingFile] = useState(false);

  const send = async (dryRun: boolean) => {
    const file = fileRef.current?.files?.[0];
    setMissingFile(!file);
    if (!file) {
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      const summary = await uploadFile<Summary>(`/api/plans/${planId}/items/import${dryRun ? '?dryRun=true' : ''}`, file);
      if (!dryRun) {
        await onImported();
        if (fileRef.current) fileRef.current.value = '';
      }
      setOutcome({ kind: 'summary', summary });
    } catch (e) {
      if (e instanceof ApiError) {
        // A refused file names its problems by row and column.
        const problems = (e.details as unknown as Problem[]).filter((p) => p.row !== undefined);
        setOutcome(problems.length > 0 ? { kind: 'problems', message: e.message, problems } : { kind: 'error', message: e.message });
        return;
      }
      setOutcome({ kind: 'error', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };

  const summaryText = (s: Summary) =>
    t(s.dryRun ? 'planSpreadsheet.checked' : 'planSpreadsheet.imported', {
      counts: t('planSpreadsheet.counts', { ...s }),
    });

  return (
    <details className="card plan-spreadsheet">
      <summary>{t('planSpreadsheet.title')}</summary>
      <p>
        {t('planSpreadsheet.download')}{' '}
        <a href={`/api/plans/${planId}/items.xlsx`} download>
          {t('planSpreadsheet.excel')}
        </a>{' '}
        ·{' '}
        <a href={`/api/plans/${planId}/items.csv`} download>
          {t('planSpreadsheet.csv')}
        </a>
      </p>
      {canImport && (
        <form className="form" onSubmit={submit} aria-labelledby="ps-import-heading" noValidate>
          <h2 id="ps-import-heading">{t('planSpreadsheet.importTitle')}</h2>
          <p className="hint" id="ps-import-rules">
            {t('planSpreadsheet.rules')}
          </p>
          <div className="field">
            <label htmlFor="ps-file">{t('planSpreadsheet.file')}</label>
            <input
              id="ps-file"
              type="file"
              ref={fileRef}
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={`ps-import-rules${missingFile ? ' ps-file-error' : ''}`}
              aria-invalid={missingFile ? true : undefined}
              onChange={() => {
                setMissingFile(false);
                setOutcome(undefined);
              }}
            />
            {missingFile && (
              <span className="field-error" id="ps-file-error">
                {t('planSpreadsheet.noFile')}
              </span>
            )}
          </div>
          <div className="actions">
            <button type="button" className="button secondary" disabled={busy} onClick={() => void send(true)}>
              {t('planSpreadsheet.check')}
            </button>
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('planSpreadsheet.busy') : t('planSpreadsheet.import')}
            </button>
          </div>
        </form>
      )}
      <div role="status" aria-live="polite">
        {outcome?.kind === 'summary' && <p className="alert ok">{summaryText(outcome.summary)}</p>}
      </div>
      {outcome?.kind === 'error' && (
        <p className="alert error" role="alert">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === 'problems' && (
        <div role="alert">
          <p className="alert error">{outcome.message}</p>
          <div className="table-scroll">
            <table className="table compact">
              <caption>{t('planSpreadsheet.problemsCaption', { count: outcome.problems.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('planSpreadsheet.row')}</th>
                  <th scope="col">{t('planSpreadsheet.column')}</th>
                  <th scope="col">{t('planSpreadsheet.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.row}</td>
                    <td>{p.column}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </details>
  );
}
