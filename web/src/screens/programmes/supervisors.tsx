import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Municipality } from '../../client.ts';
import { TextField } from '../../components/fields.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { formatDate, ProgrammeNav, type SupervisorsView } from './shared.tsx';

/** Handledare: each unit and whether it has a trained supervisor as of a date (Laxå: all units by 2016). */
export function SupervisorsScreen() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const [asOf, setAsOf] = useState(new Date().toISOString().slice(0, 10));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code]);
  const view = useLoad(
    () => api<SupervisorsView>('GET', `/api/municipalities/${code}/supervisors${valid ? `?asOf=${asOf}` : ''}`),
    [code, valid ? asOf : ''],
  );
  useTitle(municipality.data ? t('programmes.supervisors.title', { name: municipality.data.name }) : undefined);
  const error = municipality.error ?? view.error;
  if (error) return <LoadError error={error} />;
  if (!municipality.data || !view.data) return <Loading />;
  const v = view.data;
  return (
    <section className="page">
      <ProgrammeNav code={code} name={municipality.data.name} current="handledare" />
      <h1>{t('programmes.supervisors.title', { name: municipality.data.name })}</h1>
      <p className="lead">{t('programmes.supervisors.intro')}</p>
      <TextField
        id="pg-asof"
        label={t('programmes.supervisors.asOf')}
        hint={t('programmes.dateHint')}
        value={asOf}
        onChange={setAsOf}
        size={12}
      />
      <p role="status" aria-live="polite" className={v.lacking > 0 ? 'pg-lacking' : ''}>
        {v.lacking === 0
          ? t('programmes.supervisors.allHave', { date: formatDate(v.asOf) })
          : t('programmes.supervisors.lacking', { count: v.lacking, of: v.units.length, date: formatDate(v.asOf) })}
      </p>
      <div className="table-scroll" role="region" aria-labelledby="pg-sup-caption" tabIndex={0}>
        <table className="table compact">
          <caption id="pg-sup-caption">{t('programmes.supervisors.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('programmes.supervisors.unit')}</th>
              <th scope="col">{t('programmes.supervisors.trained')}</th>
              <th scope="col">{t('programmes.supervisors.last')}</th>
              <th scope="col">{t('programmes.supervisors.status')}</th>
            </tr>
          </thead>
          <tbody>
            {v.units.map((u) => (
              <tr key={u.unitId}>
                <th scope="row">{u.name}</th>
                <td className="num">{u.trained}</td>
                <td>{formatDate(u.lastTraining)}</td>
                <td className={u.hasTrained ? '' : 'pg-lacking'}>
                  {u.hasTrained ? t('programmes.supervisors.has') : t('programmes.supervisors.lacks')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
