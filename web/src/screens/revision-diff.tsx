import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { FieldChange, ItemRef } from '../../../src/capabilities/revisions/diff.ts';
import type { DiffView } from '../../../src/capabilities/revisions/views.ts';
import { api, ApiError, type DocumentView, type Target } from '../client.ts';
import { TextField, problemAt } from '../components/fields.tsx';
import { PlanHeader } from '../components/plan-header.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { describeDue, describePeriod, describeRecurrence, describeTarget, lang } from '../format.ts';
import { canEditPlan, useSession } from '../session.tsx';
import { useLoad, useTitle } from '../use-load.ts';

/** "Ändringar mot antagen version": every difference of a revision to the edition it revises, and its adoption. */

const refName = (r: ItemRef) => `${r.label}${r.number ? ` ${r.number}` : ''}`;

export function RevisionDiffScreen() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const language = lang(i18n.language);
  const doc = useLoad(() => api<DocumentView>('GET', `/api/plans/${id}`), [id, user?.id]);
  const diff = useLoad(() => api<DiffView>('GET', `/api/plans/${id}/diff`), [id, user?.id, doc.data?.version]);
  const [notice, setNotice] = useState<string>();
  useTitle(doc.data ? `${t('revisions.diffTitle')} – ${doc.data.title}` : undefined);

  if (doc.error) return <LoadError error={doc.error} />;
  if (!doc.data) return <Loading />;
  const document_ = doc.data;
  const notRevision = diff.error instanceof ApiError && diff.error.status === 400;
  if (diff.error && !notRevision) return <LoadError error={diff.error} />;

  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '–';
    switch (field) {
      case 'due':
        return describeDue(value as string, language);
      case 'recurrence':
        return describeRecurrence(value as string, language);
      case 'target':
        return describeTarget(value as Target, language);
      case 'period':
      case 'valid':
        return describePeriod(value as { from: string | null; to: string | null }, language) || '–';
      case 'kind':
        return t(`itemKinds.${String(value)}`);
      case 'responsibility':
        return (value as { name: string; role: 'lead' | 'contributor' }[]).map((r) => `${r.name} (${t(`roles.${r.role}`)})`).join(', ');
      case 'levels':
        return (value as string[]).join(' → ');
      case 'followUp':
        return (value as { every: string; reportTo: string | null }[])
          .map((f) => `${t(`every.${f.every}`)}${f.reportTo ? ` ${t('plan.to')} ${f.reportTo}` : ''}`)
          .join('; ');
      case 'revision':
        return (value as { everyYears: number | null }).everyYears
          ? t('plan.everyYears', { count: (value as { everyYears: number }).everyYears })
          : '–';
      default:
        return Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  };
  const fieldName = (field: string) => t(`revisions.fields.${field}`, { defaultValue: field });

  const changeTable = (changes: FieldChange[], caption: string) => (
    <table className="table compact">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('revisions.field')}</th>
          <th scope="col">{t('revisions.before')}</th>
          <th scope="col">{t('revisions.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">{fieldName(c.field)}</th>
            <td>
              <del>{show(c.field, c.before)}</del>
            </td>
            <td>
              <ins>{show(c.field, c.after)}</ins>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  const d = diff.data;
  const nothing = d && d.document.length + d.added.length + d.removed.length + d.changed.length + d.moved.length === 0;
  const adoptable = canEditPlan(user, document_.municipality.code) && (document_.status === 'draft' || document_.status === 'proposed');

  return (
    <section className="page">
      <PlanHeader document={document_} />
      <h2>{t('revisions.diffTitle')}</h2>
      {notRevision && <p>{t('revisions.notRevision')}</p>}
      {!d && !notRevision && <Loading />}
      {d && (
        <>
          <p className="muted">
            {t('revisions.compared', { after: d.after.edition, before: d.before.edition })}{' '}
            <Link to={`/planer/${d.before.id}`}>{t('revisions.editionN', { n: d.before.edition })}</Link>
          </p>
          {nothing ? (
            <p className="alert ok">{t('revisions.nothing')}</p>
          ) : (
            <p>
              {t('revisions.summary', {
                added: d.added.length,
                removed: d.removed.length,
                changed: d.changed.length,
                moved: d.moved.length,
                unchanged: d.unchanged,
              })}
            </p>
          )}

          {d.document.length > 0 && (
            <section aria-labelledby="diff-document">
              <h3 id="diff-document">{t('revisions.documentChanges')}</h3>
              {changeTable(d.document, t('revisions.documentChanges'))}
            </section>
          )}

          <section aria-labelledby="diff-added">
            <h3 id="diff-added">
              {t('revisions.added')} ({d.added.length})
            </h3>
            {d.added.length === 0 ? (
              <p className="muted">{t('revisions.none')}</p>
            ) : (
              <ul className="cards">
                {d.added.map((a) => (
                  <li key={a.item.id} className="card">
                    <h4>{refName(a.item)}</h4>
                    <p className="muted small">
                      {a.parent ? t('revisions.under', { parent: refName(a.parent) }) : t('revisions.topLevel')}
                      {a.parentAdded && ` (${t('revisions.withParent')})`}
                    </p>
                    <p>
                      <ins>{a.item.text}</ins>
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="diff-removed">
            <h3 id="diff-removed">
              {t('revisions.removed')} ({d.removed.length})
            </h3>
            {d.removed.length === 0 ? (
              <p className="muted">{t('revisions.none')}</p>
            ) : (
              <ul className="cards">
                {d.removed.map((r) => (
                  <li key={r.item.id} className="card">
                    <h4>{refName(r.item)}</h4>
                    <p className="muted small">
                      {r.parent ? t('revisions.under', { parent: refName(r.parent) }) : t('revisions.topLevel')}
                      {r.parentRemoved && ` (${t('revisions.withParent')})`}
                    </p>
                    <p>
                      <del>{r.item.text}</del>
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="diff-changed">
            <h3 id="diff-changed">
              {t('revisions.changed')} ({d.changed.length})
            </h3>
            {d.changed.length === 0 ? (
              <p className="muted">{t('revisions.none')}</p>
            ) : (
              d.changed.map((c) => (
                <div key={c.after.id} className="card">
                  <h4>{refName(c.after)}</h4>
                  <p className="item-text">{c.before.text}</p>
                  {changeTable(c.fields, refName(c.after))}
                </div>
              ))
            )}
          </section>

          <section aria-labelledby="diff-moved">
            <h3 id="diff-moved">
              {t('revisions.moved')} ({d.moved.length})
            </h3>
            {d.moved.length === 0 ? (
              <p className="muted">{t('revisions.none')}</p>
            ) : (
              <ul className="cards">
                {d.moved.map((m) => (
                  <li key={m.after.id} className="card">
                    <h4>{refName(m.after)}</h4>
                    <p className="item-text">{m.after.text}</p>
                    <p>
                      {m.reason === 'parent'
                        ? t('revisions.movedParent', {
                            from: m.from.parent ? refName(m.from.parent) : t('revisions.root'),
                            to: m.to.parent ? refName(m.to.parent) : t('revisions.root'),
                          })
                        : t('revisions.movedOrder', {
                            where: m.to.parent
                              ? t('revisions.under', { parent: refName(m.to.parent) }).toLocaleLowerCase()
                              : t('revisions.topLevel').toLocaleLowerCase(),
                            from: m.from.position + 1,
                            to: m.to.position + 1,
                          })}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}

      <p role="status" aria-live="polite" className="notice">
        {notice}
      </p>
      {adoptable && (
        <AdoptForm
          document={document_}
          onAdopted={(saved) => {
            doc.setData(saved);
            setNotice(t('revisions.adoptedNotice'));
          }}
          onConflict={() => void doc.reload()}
        />
      )}
    </section>
  );
}

function AdoptForm({
  document,
  onAdopted,
  onConflict,
}: {
  document: DocumentView;
  onAdopted: (d: DocumentView) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState({ body: 'KS', date: '', paragraph: '', dnr: '' });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems({});
    setError(undefined);
    try {
      const saved = await api<DocumentView>('POST', `/api/plans/${document.id}/adopt`, {
        version: document.version,
        adopted: { body: f.body.trim(), date: f.date.trim(), paragraph: f.paragraph.trim(), dnr: f.dnr.trim() || null },
      });
      onAdopted(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setError(t('revisions.conflict'));
        onConflict();
      } else if (e instanceof ApiError && e.details.length > 0) {
        setProblems(e.problems);
        setError(t('form.invalid'));
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const input = (name: keyof typeof f, label: string, hint?: string) => (
    <TextField
      id={`adopt-${name}`}
      label={label}
      value={f[name]}
      onChange={(value) => setF({ ...f, [name]: value })}
      problem={problemAt(problems, `/adopted/${name}`)}
      hint={hint}
    />
  );
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="adopt-heading" noValidate>
      <h3 id="adopt-heading">{t('revisions.adoptTitle')}</h3>
      <p className="muted">{t('revisions.adoptIntro')}</p>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div className="field-row">
        {input('body', t('revisions.body'), t('revisions.bodyHint'))}
        {input('date', t('revisions.date'), t('revisions.dateHint'))}
        {input('paragraph', t('revisions.paragraph'))}
        {input('dnr', t('revisions.dnr'))}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t('revisions.adopt')}
      </button>
    </form>
  );
}
