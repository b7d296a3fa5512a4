import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AuditRecord } from '../client.ts';
import { LoadError, Loading } from '../components/status.tsx';
import { formatDateTime } from '../format.ts';
import { useSession } from '../session.tsx';
import { useLoad, useTitle } from '../use-load.ts';

export function AuditScreen() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [municipality, setMunicipality] = useState('');
  const log = useLoad(
    () => api<AuditRecord[]>('GET', `/api/audit?limit=200${/^[0-9]{4}$/.test(municipality) ? `&municipality=${municipality}` : ''}`),
    [municipality, user?.id],
  );
  useTitle(t('audit.title'));
  if (log.error) return <LoadError error={log.error} />;
  return (
    <section className="page">
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <div className="field inline">
        <label htmlFor="audit-municipality">{t('audit.municipality')}</label>
        <input
          id="audit-municipality"
          inputMode="numeric"
          size={6}
          value={municipality}
          onChange={(e) => setMunicipality(e.target.value.trim())}
        />
      </div>
      {!log.data ? (
        <Loading />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.municipality')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.change')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.at)}</td>
                <td>{r.username}</td>
                <td>{r.municipalityCode ?? '–'}</td>
                <td>
                  {t(`audit.actions.${r.action}`, { defaultValue: r.action })}
                  <br />
                  <span className="muted small">
                    {r.entityType} {r.entityId.slice(0, 8)}
                  </span>
                </td>
                <td>
                  <details>
                    <summary>{t('audit.show')}</summary>
                    <div className="diff">
                      <div>
                        <h3>{t('audit.before')}</h3>
                        <pre>{JSON.stringify(r.before, null, 2)}</pre>
                      </div>
                      <div>
                        <h3>{t('audit.after')}</h3>
                        <pre>{JSON.stringify(r.after, null, 2)}</pre>
                      </div>
                    </div>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
