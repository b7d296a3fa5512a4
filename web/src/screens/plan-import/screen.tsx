import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Municipality, type Unit } from '../../client.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { canEditPlan, useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import type { ImportPreview } from '../../../../src/capabilities/plan-import/preview.ts';
import { ReviewStep } from './review.tsx';
import { UploadStep } from './upload.tsx';
import '../../styles/plan-import.css';

/** Issue 8: a coordinator uploads the plan the municipality already has and reviews what the importer made of it. */
export function PlanImportScreen() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { user, loaded } = useSession();
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code]);
  const units = useLoad(() => api<Unit[]>('GET', `/api/municipalities/${code}/units`), [code, user?.id]);
  const [preview, setPreview] = useState<ImportPreview>();
  useTitle(municipality.data ? `${t('planImport.crumb')} – ${municipality.data.name}` : undefined);

  const error = municipality.error ?? units.error;
  if (error) return <LoadError error={error} />;
  if (!loaded || !municipality.data || !units.data) return <Loading />;
  const crumbs = (
    <p className="breadcrumbs">
      <Link to="/">{t('layout.municipalities')}</Link> / <Link to={`/kommuner/${code}`}>{municipality.data.name}</Link> /{' '}
      {t('planImport.crumb')}
    </p>
  );
  if (!canEditPlan(user, code))
    return (
      <section className="page">
        {crumbs}
        <h1>{t('planImport.title')}</h1>
        <p className="alert error" role="alert">
          {t('planImport.notAllowed')}
        </p>
      </section>
    );
  return (
    <section className={`page plan-import${preview ? ' plan-import-wide' : ''}`}>
      {crumbs}
      <h1>{t('planImport.title')}</h1>
      {preview ? (
        <ReviewStep
          key={`${preview.fileName}:${preview.sourceText.length}`}
          code={code}
          preview={preview}
          units={units.data}
          onStartOver={() => setPreview(undefined)}
        />
      ) : (
        <>
          <p className="lead">{t('planImport.intro')}</p>
          <p className="notice-plain">
            <strong>{t('planImport.nothingSaved')}</strong>
          </p>
          <UploadStep code={code} onRead={setPreview} />
        </>
      )}
    </section>
  );
}
