import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Municipality } from '../client.ts';
import { LoadError, Loading } from '../components/status.tsx';
import { useLoad, useTitle } from '../use-load.ts';

export function MunicipalitiesScreen() {
  const { t } = useTranslation();
  const { data, error } = useLoad(() => api<Municipality[]>('GET', '/api/municipalities'), []);
  const [query, setQuery] = useState('');
  useTitle(t('municipalities.title'));
  const filtered = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('sv');
    return (data ?? []).filter(
      (m) => !q || m.name.toLocaleLowerCase('sv').includes(q) || m.county.toLocaleLowerCase('sv').includes(q) || m.code.includes(q),
    );
  }, [data, query]);
  if (error) return <LoadError error={error} />;
  if (!data) return <Loading />;
  const withPlans = data.filter((m) => m.documentCount > 0);
  return (
    <section className="page">
      <h1>{t('municipalities.title')}</h1>
      <p className="lead">{t('municipalities.intro')}</p>
      <p>
        <a href="/portal">{t('portal.open')}</a>
      </p>
      <h2>{t('municipalities.withPlans')}</h2>
      <ul className="cards">
        {withPlans.map((m) => (
          <li key={m.code} className="card">
            <h3>
              <Link to={`/kommuner/${m.code}`}>{m.name}</Link>
            </h3>
            <p className="muted">
              {m.county} · {m.code}
            </p>
            <p>{t('municipalities.documents', { count: m.documentCount })}</p>
          </li>
        ))}
      </ul>
      <h2 id="all-heading">{t('municipalities.all', { count: data.length })}</h2>
      <div className="field inline">
        <label htmlFor="municipality-filter">{t('municipalities.filter')}</label>
        <input id="municipality-filter" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <p role="status" className="muted">
        {t('municipalities.shown', { count: filtered.length })}
      </p>
      <table className="table" aria-labelledby="all-heading">
        <thead>
          <tr>
            <th scope="col">{t('municipalities.name')}</th>
            <th scope="col">{t('municipalities.county')}</th>
            <th scope="col">{t('municipalities.code')}</th>
            <th scope="col">{t('municipalities.documentCount')}</th>
          </tr>
        </thead>
        <tbody>
          {filtered.map((m) => (
            <tr key={m.code}>
              <td>
                <Link to={`/kommuner/${m.code}`}>{m.name}</Link>
              </td>
              <td>{m.county}</td>
              <td>{m.code}</td>
              <td>{m.documentCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
