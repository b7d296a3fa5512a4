import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, uploadFile } from '../../client.ts';
import type { AttachmentView } from './types.ts';

export const ACCEPTED_FILES = '.pdf,.docx,.odt,.png,.jpg,.jpeg,.gif,.webp';

const upload = (url: string, file: File, onProgress: (percent: number) => void) => uploadFile<AttachmentView>(url, file, { onProgress });

/** A report's evidence: the list with downloads, and while the report is editable a file input and remove buttons. */
export function Attachments(props: {
  taskId: string;
  attachments: AttachmentView[];
  editable: boolean;
  onChange: () => Promise<void> | void;
}) {
  const { taskId, attachments, editable, onChange } = props;
  const { t } = useTranslation();
  const [progress, setProgress] = useState<{ name: string; percent: number }>();
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const id = `files-${taskId.slice(0, 8)}`;

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setProblem(undefined);
    setNotice(undefined);
    setProgress({ name: file.name, percent: 0 });
    try {
      const added = await upload(`/api/tasks/${taskId}/attachments`, file, (percent) => setProgress({ name: file.name, percent }));
      await onChange();
      setNotice(t('reporting.files.uploaded', { name: added.fileName }));
    } catch (e) {
      setProblem((e as Error).message || t('reporting.files.failed'));
    } finally {
      setProgress(undefined);
      if (input.current) input.current.value = '';
    }
  };

  const remove = async (a: AttachmentView) => {
    setProblem(undefined);
    try {
      await api('DELETE', `/api/attachments/${a.id}`);
      await onChange();
      setNotice(t('reporting.files.removed', { name: a.fileName }));
      input.current?.focus();
    } catch (e) {
      setProblem((e as Error).message);
    }
  };

  return (
    <div className="attachments">
      {attachments.length === 0 ? (
        <p className="muted">{t('reporting.files.none')}</p>
      ) : (
        <ul className="attachment-list">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/api/attachments/${a.id}`} download={a.fileName} aria-label={t('reporting.files.download', { name: a.fileName })}>
                {a.fileName}
              </a>{' '}
              <span className="muted">({t('reporting.files.size', { size: Math.max(1, Math.round(a.size / 1024)) })})</span>
              {editable && (
                <button
                  type="button"
                  className="link-button small"
                  aria-label={t('reporting.files.removeLabel', { name: a.fileName })}
                  onClick={() => void remove(a)}
                >
                  {t('reporting.files.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="field">
          <label htmlFor={id}>{t('reporting.files.label')}</label>
          <input
            id={id}
            ref={input}
            type="file"
            accept={ACCEPTED_FILES}
            disabled={progress !== undefined}
            onChange={(e) => void choose(e.target.files?.[0])}
            aria-invalid={problem ? true : undefined}
            aria-describedby={[`${id}-hint`, problem ? `${id}-error` : ''].filter(Boolean).join(' ')}
          />
          <span className="hint" id={`${id}-hint`}>
            {t('reporting.files.hint')}
          </span>
          {problem && (
            <span className="field-error" id={`${id}-error`} role="alert">
              {problem}
            </span>
          )}
        </div>
      )}
      <div role="status" aria-live="polite" className="upload-status">
        {progress ? (
          <>
            <span>{t('reporting.files.uploading', { name: progress.name, percent: progress.percent })}</span>
            <progress max={100} value={progress.percent} aria-label={progress.name} />
          </>
        ) : (
          notice && <span className="notice">{notice}</span>
        )}
      </div>
    </div>
  );
}
