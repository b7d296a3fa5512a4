import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../client.ts';
import { formatDateTime } from '../../format.ts';
import { useLoad } from '../../use-load.ts';
import type { JobView, ReportFileView } from './types.ts';
import '../../styles/follow-up.css';

const formats = ['docx', 'pdf', 'xlsx', 'csv'] as const;
type Format = (typeof formats)[number];

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * "Ta fram rapport": asks the server for the report in a background job, follows the job every half second
 * with a progress bar, and offers the file when it is done; below, the files kept with the cycle.
 */
export function ReportPanel({ cycleId, canMake }: { cycleId: string; canMake: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const files = useLoad(() => api<ReportFileView[]>('GET', `/api/cycles/${cycleId}/reports`), [cycleId]);
  const [job, setJob] = useState<JobView>();
  const [error, setError] = useState<string>();
  const reloadFiles = useRef(files.reload);
  reloadFiles.current = files.reload;

  const active = job !== undefined && (job.state === 'queued' || job.state === 'running');
  useEffect(() => {
    if (!job || !(job.state === 'queued' || job.state === 'running')) return;
    const timer = window.setTimeout(() => {
      api<JobView>('GET', `/api/jobs/${job.id}`).then(
        (next) => {
          setJob(next);
          if (next.state === 'done') void reloadFiles.current();
        },
        (e: unknown) => setError((e as Error).message),
      );
    }, 500);
    return () => window.clearTimeout(timer);
  }, [job]);

  const make = async (format: Format) => {
    setError(undefined);
    try {
      setJob(await api<JobView>('POST', `/api/cycles/${cycleId}/reports`, { format }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const result = job?.state === 'done' ? (job.result as ReportFileView | null) : null;
  return (
    <section className="fu-section">
      <h2 id={`${id}-title`}>{t('followUp.report.title')}</h2>
      {canMake && (
        <>
          <p className="muted">{t('followUp.report.intro')}</p>
          <div className="fu-report-buttons">
            {formats.map((f) => (
              <button
                key={f}
                type="button"
                className="button secondary"
                disabled={active}
                aria-label={t('followUp.report.make', { format: t(`followUp.report.${f}`) })}
                onClick={() => void make(f)}
              >
                {t(`followUp.report.${f}`)}
              </button>
            ))}
          </div>
          <div className="fu-job" aria-live="polite">
            {job && job.state !== 'failed' && (
              <p>
                <label htmlFor={`${id}-progress`}>{t('followUp.report.progress')}</label>{' '}
                <progress id={`${id}-progress`} max={100} value={job.progress}>
                  {job.progress} %
                </progress>{' '}
                <span>{job.state === 'queued' ? t('followUp.report.queued') : (job.message ?? `${job.progress} %`)}</span>
              </p>
            )}
            {result && (
              <p className="alert ok">
                {t('followUp.report.done')}{' '}
                <a href={`/api/report-files/${result.id}`} download={result.fileName}>
                  {t('followUp.report.download', { name: result.fileName })}
                </a>
              </p>
            )}
            {job?.state === 'failed' && <p className="alert error">{t('followUp.report.failed', { message: job.message ?? '' })}</p>}
          </div>
          {error && (
            <p className="alert error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
      <h3 id={`${id}-files`}>{t('followUp.report.files')}</h3>
      {files.error ? (
        <p className="alert error">{files.error.message}</p>
      ) : !files.data ? null : files.data.length === 0 ? (
        <p className="muted">{t('followUp.report.noFiles')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-files`} tabIndex={0}>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{t('followUp.report.file')}</th>
                <th scope="col">{t('followUp.report.format')}</th>
                <th scope="col">{t('followUp.report.size')}</th>
                <th scope="col">{t('followUp.report.created')}</th>
                <th scope="col">{t('followUp.report.createdBy')}</th>
              </tr>
            </thead>
            <tbody>
              {files.data.map((f) => (
                <tr key={f.id}>
                  <td>
                    <a href={`/api/report-files/${f.id}`} download={f.fileName}>
                      {f.fileName}
                    </a>
                  </td>
                  <td>{f.format.toUpperCase()}</td>
                  <td className="num">{sizeText(f.size)}</td>
                  <td>{formatDateTime(f.createdAt)}</td>
                  <td>{f.createdBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
