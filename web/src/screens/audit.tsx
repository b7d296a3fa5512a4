import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type AuditRecord } from '../client.ts';
import { SelectField, TextField } from '../components/fields.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { formatDateTime } from '../format.ts';
import { useSession } from '../session.tsx';
import { useLoad, useTitle } from '../use-load.ts';

const PAGE = 100;

interface Search {
  municipality: string;
  entityType: string;
  action: string;
  username: string;
  from: string;
  to: string;
  text: string;
}

const empty: Search = { municipality: '', entityType: '', action: '', username: '', from: '', to: '', text: '' };

/** The search as a query string: the same one lists, pages and exports, so a download holds what the table shows. */
function queryOf(search: Search): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value.trim() !== '') query.set(key, value.trim());
  return query;
}

export function AuditScreen() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [draft, setDraft] = useState<Search>(empty);
  const [search, setSearch] = useState<Search>(empty);
  const [more, setMore] = useState<AuditRecord[]>([]);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [exhausted, setExhausted] = useState(false);
  const vocabulary = useLoad(() => api<{ entityTypes: string[]; actions: string[] }>('GET', '/api/audit/vocabulary'), [user?.id]);
  const log = useLoad(async () => {
    const rows = await api<AuditRecord[]>('GET', `/api/audit?limit=${PAGE}&${queryOf(search).toString()}`);
    setMore([]);
    setMoreError(null);
    setExhausted(rows.length < PAGE);
    return rows;
  }, [search, user?.id]);
  useTitle(t('audit.title'));

  const problems = log.error instanceof ApiError ? log.error.problems : {};
  if (log.error && !(log.error instanceof ApiError && log.error.status === 400)) return <LoadError error={log.error} />;
  const rows = [...(log.data ?? []), ...more];
  const set = (key: keyof Search) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch(draft);
  };
  const loadMore = async () => {
    const last = rows.at(-1);
    if (!last) return;
    try {
      const next = await api<AuditRecord[]>('GET', `/api/audit?limit=${PAGE}&before=${last.id}&${queryOf(search).toString()}`);
      setMore((m) => [...m, ...next]);
      setExhausted(next.length < PAGE);
    } catch (error) {
      setMoreError((error as Error).message);
    }
  };
  const exportUrl = (format: 'csv' | 'json') => `/api/audit/export?format=${format}&${queryOf(search).toString()}`;
  const options = (values: string[] | undefined, label: (v: string) => string) => [
    { value: '', label: t('audit.any') },
    ...(values ?? []).map((value) => ({ value, label: label(value) })),
  ];

  return (
    <section className="page">
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <form className="audit-search" onSubmit={submit} aria-labelledby="audit-search-title">
        <h2 id="audit-search-title">{t('audit.search')}</h2>
        <div className="form-grid">
          <TextField
            id="audit-municipality"
            label={t('audit.municipality')}
            hint={t('audit.municipalityHint')}
            size={6}
            value={draft.municipality}
            onChange={set('municipality')}
            problem={problems['/municipality']}
          />
          <SelectField
            id="audit-entity-type"
            label={t('audit.entityType')}
            value={draft.entityType}
            onChange={set('entityType')}
            options={options(vocabulary.data?.entityTypes, (v) => v)}
          />
          <SelectField
            id="audit-action"
            label={t('audit.actionFilter')}
            value={draft.action}
            onChange={set('action')}
            options={options(vocabulary.data?.actions, (v) => t(`audit.actions.${v}`, { defaultValue: v }))}
          />
          <TextField id="audit-username" label={t('audit.username')} value={draft.username} onChange={set('username')} />
          <div className="field">
            <label htmlFor="audit-from">{t('audit.from')}</label>
            <input id="audit-from" type="date" value={draft.from} onChange={(e) => set('from')(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="audit-to">{t('audit.to')}</label>
            <input id="audit-to" type="date" value={draft.to} onChange={(e) => set('to')(e.target.value)} />
          </div>
          <TextField id="audit-text" label={t('audit.text')} value={draft.text} onChange={set('text')} problem={problems['/text']} />
        </div>
        <div className="toolbar">
          <button type="submit">{t('audit.apply')}</button>
          <button
            type="button"
            onClick={() => {
              setDraft(empty);
              setSearch(empty);
            }}
          >
            {t('audit.clear')}
          </button>
        </div>
      </form>
      {log.error instanceof ApiError && (
        <p className="field-error" role="alert">
          {log.error.message}
        </p>
      )}
      <p>
        {t('audit.export')} <a href={exportUrl('csv')}>{t('audit.csv')}</a> · <a href={exportUrl('json')}>{t('audit.json')}</a>
      </p>
      {!log.data ? (
        !log.error && <Loading />
      ) : rows.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('audit.count', { count: rows.length })}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.address')}</th>
                <th scope="col">{t('audit.municipality')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.change')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.at)}</td>
                  <td>{r.username}</td>
                  <td>{r.address ?? '–'}</td>
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
          {moreError && (
            <p className="field-error" role="alert">
              {moreError}
            </p>
          )}
          {!exhausted && (
            <button type="button" onClick={() => void loadMore()}>
              {t('audit.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
