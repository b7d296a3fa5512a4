import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { api } from '../../client.ts';
import '../../styles/reporting.css';
import type { OutboxEntry } from '../../components/reporting/types.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { formatDateTime } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';

/** "Utskick": the mail outbox, newest first, for administrators (any municipality) and coordinators (their own). */
export function OutboxScreen() {
  const { t } = useTranslation();
  const { user, loaded } = useSession();
  const [code, setCode] = useState('');
  const [shown, setShown] = useState('');
  const municipality = user?.role === 'coordinator' ? (user.municipalityCode ?? '') : shown;
  const mail = useLoad(
    () =>
      user && (user.role === 'admin' || user.role === 'coordinator')
        ? api<OutboxEntry[]>('GET', `/api/mail${municipality ? `?municipality=${encodeURIComponent(municipality)}` : ''}`)
        : Promise.resolve(undefined),
    [user?.id, municipality],
  );
  useTitle(t('reporting.outbox.title'));
  if (loaded && !user) return <Navigate to={`/logga-in?next=${encodeURIComponent('/admin/utskick')}`} replace />;
  if (user && user.role !== 'admin' && user.role !== 'coordinator')
    return (
      <section className="page">
        <h1>{t('reporting.outbox.title')}</h1>
        <p className="alert error">{t('reporting.outbox.forbidden')}</p>
      </section>
    );
  if (mail.error) return <LoadError error={mail.error} />;
  if (!mail.data) return <Loading />;
  return (
    <section className="page reporting">
      <h1>{t('reporting.outbox.title')}</h1>
      <p className="lead">{t('reporting.outbox.intro')}</p>
      {user?.role === 'admin' && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setShown(code.trim());
          }}
        >
          <label htmlFor="outbox-municipality">
            {t('reporting.outbox.municipality')}
            <input
              id="outbox-municipality"
              inputMode="numeric"
              pattern="[0-9]{4}"
              size={6}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <button type="submit" className="button small">
            {t('reporting.outbox.show')}
          </button>
        </form>
      )}
      {mail.data.length === 0 ? (
        <p className="alert ok">{t('reporting.outbox.empty')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="outbox-caption" tabIndex={0}>
          <table className="table outbox">
            <caption id="outbox-caption" className="visually-hidden">
              {t('reporting.outbox.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('reporting.outbox.when')}</th>
                <th scope="col">{t('reporting.outbox.to')}</th>
                <th scope="col">{t('reporting.outbox.subject')}</th>
                <th scope="col">{t('reporting.outbox.kind')}</th>
                <th scope="col">{t('reporting.outbox.state')}</th>
              </tr>
            </thead>
            <tbody>
              {mail.data.map((m) => (
                <tr key={m.id}>
                  <td>
                    <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
                  </td>
                  <td className="mail-to">{m.to}</td>
                  <td>
                    <details>
                      <summary>{m.subject}</summary>
                      <pre className="mail-body">{m.body}</pre>
                    </details>
                  </td>
                  <td>{t(`reporting.outbox.kinds.${m.kind}`, { defaultValue: m.kind })}</td>
                  <td>
                    <span className={`badge mail-${m.state}`}>{t(`reporting.outbox.states.${m.state}`)}</span>
                    {m.state === 'failed' && m.error && <span className="hint">{m.error}</span>}
                    {m.attempts > 1 && <span className="hint">{t('reporting.outbox.attempts', { count: m.attempts })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
