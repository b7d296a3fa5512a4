import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, uploadFile, type FieldProblem } from '../../client.ts';
import type { ImportPreview } from '../../../../src/capabilities/plan-import/preview.ts';

export const ACCEPTED = '.docx,.pdf,.txt';
const MAX_BYTES = 20 * 1024 * 1024;

const upload = (url: string, file: File, onProgress: (percent: number) => void, onSent: () => void) =>
  uploadFile<ImportPreview>(url, file, { onProgress, onSent });

type Phase = { step: 'idle' } | { step: 'sending'; name: string; percent: number } | { step: 'reading'; name: string };

export function UploadStep({ code, onRead }: { code: string; onRead: (preview: ImportPreview) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [problem, setProblem] = useState<{ message: string; details: FieldProblem[] }>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setProblem(undefined);
    const refuse = (message: string) => {
      setProblem({ message, details: [] });
      input.current?.focus();
    };
    if (!file) return refuse(t('planImport.upload.choose'));
    if (!/\.(docx|pdf|txt)$/i.test(file.name)) return refuse(t('planImport.upload.wrongType', { name: file.name }));
    if (file.size > MAX_BYTES) return refuse(t('planImport.upload.tooLarge', { size: (file.size / 1024 / 1024).toFixed(1) }));
    setPhase({ step: 'sending', name: file.name, percent: 0 });
    try {
      const preview = await upload(
        `/api/municipalities/${code}/plan-imports`,
        file,
        (percent) => setPhase({ step: 'sending', name: file.name, percent }),
        () => setPhase({ step: 'reading', name: file.name }),
      );
      onRead(preview);
    } catch (e) {
      setPhase({ step: 'idle' });
      if (e instanceof ApiError)
        setProblem({
          message: e.status === 403 ? t('planImport.upload.forbidden') : e.message || t('planImport.upload.failed'),
          details: e.details,
        });
      else setProblem({ message: t('planImport.upload.network'), details: [] });
      input.current?.focus();
    }
  };

  const busy = phase.step !== 'idle';
  return (
    <form className="card import-upload" onSubmit={(e) => void submit(e)} aria-labelledby="import-upload-heading" aria-busy={busy}>
      <h2 id="import-upload-heading">{t('planImport.upload.heading')}</h2>
      <div className="field">
        <label htmlFor="import-file">{t('planImport.upload.file')}</label>
        <input
          id="import-file"
          ref={input}
          type="file"
          accept={ACCEPTED}
          disabled={busy}
          aria-describedby="import-file-hint"
          aria-invalid={problem ? true : undefined}
          onChange={() => setProblem(undefined)}
        />
        <span className="hint" id="import-file-hint">
          {t('planImport.upload.fileHint')}
        </span>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('planImport.upload.submit')}
        </button>
      </div>
      <div role="status" className="import-progress">
        {phase.step === 'sending' && (
          <>
            <label htmlFor="import-progress-bar">{t('planImport.upload.progress', { name: phase.name })}</label>{' '}
            <progress id="import-progress-bar" max={100} value={phase.percent}>
              {phase.percent} %
            </progress>{' '}
            <span aria-hidden="true">{phase.percent} %</span>
          </>
        )}
        {phase.step === 'reading' && (
          <>
            <label htmlFor="import-progress-bar">{t('planImport.upload.reading')}</label> <progress id="import-progress-bar" />
          </>
        )}
      </div>
      <div role="alert">
        {problem && (
          <div className="alert error">
            <p>{problem.message}</p>
            {problem.details.length > 0 && (
              <ul>
                {problem.details.map((d) => (
                  <li key={`${d.path}:${d.message}`}>{d.message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
