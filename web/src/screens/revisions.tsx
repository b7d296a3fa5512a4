import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate, useParams } from 'react-router';
import type { EditionView } from '../../../src/capabilities/revisions/views.ts';
import { api, ApiError, type DocumentView } from '../client.ts';
import { adoptionText } from '../components/doc-meta.tsx';
import { PlanHeader } from '../components/plan-header.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { canEditPlan, useSession } from '../session.tsx';
import { useLoad, useTitle } from '../use-load.ts';
import { ActionPlanLink } from './action-plans.tsx';

/** A document's editions: the versions list, and in the plan header the way to start, compare and adopt a revision. */

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t([`status.${status}`, `revisions.status.${status}`])}</span>;
}

export function VersionsTab({ document }: { document: DocumentView }) {
  const { t } = useTranslation();
  return <NavLink to={`/planer/${document.id}/versioner`}>{t('revisions.tab')}</NavLink>;
}

/** Below the plan header: the edition, a running revision, "Starta revidering" and the diff of a revision. */
export function RevisionActions({ document }: { document: DocumentView }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const versions = useLoad(
    () => api<EditionView[]>('GET', `/api/plans/${document.id}/versions`),
    [document.id, document.version, user?.id],
  );
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const editions = versions.data ?? [];
  const self = editions.find((e) => e.id === document.id);
  const open = editions.find((e) => (e.status === 'draft' || e.status === 'proposed') && e.id !== document.id);
  const coordinator = canEditPlan(user, document.municipality.code);

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await api<DocumentView>('POST', `/api/plans/${document.id}/revisions`, { version: document.version });
      void navigate(`/planer/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && (e.current as DocumentView | undefined)?.id)
        void navigate(`/planer/${(e.current as DocumentView).id}`);
      else setError(t('revisions.startFailed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  if (!self) return null;
  const showStart = coordinator && document.status === 'adopted' && !open;
  if (editions.length < 2 && !showStart && document.kind !== 'action-plan') return null;
  return (
    <div className="plan-tools">
      {editions.length > 1 && <span className="muted">{t('revisions.editionN', { n: self.edition })}</span>}
      {self.revisesId && (
        <Link className="button secondary small" to={`/planer/${document.id}/andringar`}>
          {t('revisions.diffLink')}
        </Link>
      )}
      {open && coordinator && <Link to={`/planer/${open.id}`}>{t('revisions.openRevision', { n: open.edition })}</Link>}
      {showStart && (
        <button type="button" className="button small" disabled={busy} onClick={() => void start()}>
          {t('revisions.start')}
        </button>
      )}
      <ActionPlanLink document={document} parentId={self.parentDocumentId} />
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function VersionsScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const doc = useLoad(() => api<DocumentView>('GET', `/api/plans/${id}`), [id, user?.id]);
  const versions = useLoad(() => api<EditionView[]>('GET', `/api/plans/${id}/versions`), [id, user?.id]);
  useTitle(doc.data ? `${t('revisions.versionsTitle')} – ${doc.data.title}` : undefined);
  const error = doc.error ?? versions.error;
  if (error) return <LoadError error={error} />;
  if (!doc.data || !versions.data) return <Loading />;
  return (
    <section className="page">
      <PlanHeader document={doc.data} />
      <h2>{t('revisions.versionsTitle')}</h2>
      <p className="muted">{t('revisions.versionsIntro')}</p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('revisions.edition')}</th>
              <th scope="col">{t('revisions.statusColumn')}</th>
              <th scope="col">{t('revisions.adopted')}</th>
              <th scope="col">{t('revisions.items')}</th>
              <th scope="col">{t('revisions.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {[...versions.data].reverse().map((v) => (
              <tr key={v.id}>
                <th scope="row">
                  {v.id === id ? (
                    <>
                      {t('revisions.editionN', { n: v.edition })} <span className="muted">{t('revisions.this')}</span>
                    </>
                  ) : (
                    <Link to={`/planer/${v.id}`}>{t('revisions.editionN', { n: v.edition })}</Link>
                  )}
                </th>
                <td>
                  <StatusBadge status={v.status} />
                </td>
                <td>{adoptionText(v.adopted) || '–'}</td>
                <td>{v.itemCount}</td>
                <td>
                  {v.revisesId ? (
                    <Link
                      to={`/planer/${v.id}/andringar`}
                      aria-label={`${t('revisions.diffLink')}: ${t('revisions.editionN', { n: v.edition })}`}
                    >
                      {t('revisions.diffLink')}
                    </Link>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
