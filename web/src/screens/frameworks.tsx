import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Coverage, type DocumentView } from '../client.ts';
import { PlanHeader } from '../components/plan-header.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { lang } from '../format.ts';
import { useLoad, useTitle } from '../use-load.ts';

export function FrameworksScreen() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const language = lang(i18n.language);
  const other = language === 'sv' ? 'en' : 'sv';
  const [showOther, setShowOther] = useState(false);
  const doc = useLoad(() => api<DocumentView>('GET', `/api/plans/${id}`), [id]);
  const coverage = useLoad(() => api<Coverage>('GET', `/api/plans/${id}/frameworks`), [id]);
  useTitle(doc.data ? `${t('plan.tabFrameworks')} – ${doc.data.title}` : undefined);
  const error = doc.error ?? coverage.error;
  if (error) return <LoadError error={error} />;
  if (!doc.data || !coverage.data) return <Loading />;
  return (
    <section className="page">
      <PlanHeader document={doc.data} />
      <h2>{t('frameworks.title')}</h2>
      <p className="muted">{t('frameworks.intro')}</p>
      <label className="check">
        <input type="checkbox" checked={showOther} onChange={(e) => setShowOther(e.target.checked)} /> {t('frameworks.showOther')}
      </label>
      {coverage.data.frameworks.map((f) => {
        const covered = f.items.length - f.uncovered.length;
        const referenced = coverage.data?.documentLinks.includes(f.id);
        return (
          <section key={f.id} className="framework" aria-labelledby={`fw-${f.id}`}>
            <h3 id={`fw-${f.id}`}>{f.title[language]}</h3>
            {showOther && (
              <p lang={other} className="muted">
                {f.title[other]}
              </p>
            )}
            <p>
              {t('frameworks.covered', { covered, total: f.items.length })}
              {referenced && <> · {t('frameworks.referenced')}</>}
            </p>
            <div className="coverage-bar" aria-hidden="true">
              {f.items.map((i) => (
                <span key={i.id} className={i.linkedItems.length > 0 ? 'on' : 'off'} title={`${i.number}. ${i.short[language]}`}>
                  {i.number}
                </span>
              ))}
            </div>
            {f.linkedItems.length > 0 && (
              <p>
                {t('frameworks.wholeLinks')}{' '}
                {f.linkedItems.map((l, index) => (
                  <span key={l.itemId}>
                    {index > 0 && ', '}
                    <Link to={`/planer/${id}#item-${l.itemId}`}>{`${l.label}${l.number ? ` ${l.number}` : ''}`}</Link>
                  </span>
                ))}
              </p>
            )}
            <table className="table">
              <caption className="visually-hidden">{f.title[language]}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('frameworks.number')}</th>
                  <th scope="col">{t('frameworks.principle')}</th>
                  <th scope="col">{t('frameworks.items')}</th>
                </tr>
              </thead>
              <tbody>
                {f.items.map((i) => (
                  <tr key={i.id} className={i.linkedItems.length === 0 ? 'uncovered' : ''}>
                    <td>{i.number}</td>
                    <td>
                      <strong>{i.short[language]}</strong>
                      <p>{i.text[language]}</p>
                      {showOther && (
                        <p lang={other} className="muted">
                          {i.text[other]}
                        </p>
                      )}
                    </td>
                    <td>
                      {i.linkedItems.length === 0 ? (
                        <span className="badge warn">{t('frameworks.notCovered')}</span>
                      ) : (
                        <ul className="plain">
                          {i.linkedItems.map((l) => (
                            <li key={l.itemId}>
                              <Link to={`/planer/${id}#item-${l.itemId}`}>{`${l.label}${l.number ? ` ${l.number}` : ''}`}</Link>: {l.text}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {f.uncovered.length > 0 && (
              <>
                <h4>{t('frameworks.uncoveredTitle')}</h4>
                <ul>
                  {f.items
                    .filter((i) => f.uncovered.includes(i.id))
                    .map((i) => (
                      <li key={i.id}>
                        {i.number}. {i.short[language]}
                      </li>
                    ))}
                </ul>
              </>
            )}
            <p className="muted small">{f.source[language]}</p>
          </section>
        );
      })}
    </section>
  );
}
