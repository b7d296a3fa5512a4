import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Municipality } from '../../client.ts';
import { FormActions, SelectField, TextField } from '../../components/fields.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { canEditPlan, useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { Breadcrumbs, ExampleBadge, problemsOf, YearCounts, type ProgrammeView } from './shared.tsx';

/** Fadderverksamhet and vänfamiljer of a municipality: counts for everyone, the way in for their coordinators. */
export function MatchingProgrammesScreen() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code]);
  const programmes = useLoad(() => api<ProgrammeView[]>('GET', `/api/municipalities/${code}/matching/programmes`), [code, user?.id]);
  const [creating, setCreating] = useState(false);
  useTitle(municipality.data ? t('matching.title', { name: municipality.data.name }) : undefined);
  const error = municipality.error ?? programmes.error;
  if (error) return <LoadError error={error} />;
  if (!municipality.data || !programmes.data) return <Loading />;
  const canCreate = canEditPlan(user, code);
  return (
    <section className="page">
      <Breadcrumbs code={code} name={municipality.data.name} />
      <h1>{t('matching.title', { name: municipality.data.name })}</h1>
      <p className="lead">{t('matching.intro')}</p>
      {programmes.data.length === 0 && <p>{t('matching.noProgrammes')}</p>}
      {programmes.data.map((p) => (
        <article key={p.id} className="card">
          <h2>
            <Link to={`/matchning/${p.id}`}>{p.name}</Link>
            <ExampleBadge example={p.example} />
          </h2>
          <p className="muted">{t(`matching.kinds.${p.kind}`)}</p>
          {p.description && <p>{p.description}</p>}
          <p>
            {t('matching.countsNow', { ...p.counts })}
            {p.items.length > 0 && (
              <>
                {' '}
                · {t('matching.serves')}{' '}
                {p.items.map((i) => (
                  <Link key={i.id} to={`/planer/${i.documentId}#item-${i.id}`} className="mt-example">
                    {i.reference}
                  </Link>
                ))}
              </>
            )}
          </p>
          <YearCounts years={p.years} id={`mt-years-${p.id}`} caption={t('matching.perYearCaption', { name: p.name })} />
          {p.registrationOpen && (
            <p>
              <Link to={`/kommuner/${code}/matchning/${p.id}/anmalan`}>{t('matching.register.link', { name: p.name })}</Link>
            </p>
          )}
        </article>
      ))}
      {canCreate &&
        (creating ? (
          <CreateProgramme
            code={code}
            onCancel={() => setCreating(false)}
            onCreated={() => void programmes.reload().then(() => setCreating(false))}
          />
        ) : (
          <p>
            <button type="button" className="button" onClick={() => setCreating(true)}>
              {t('matching.create')}
            </button>
          </p>
        ))}
    </section>
  );
}

function CreateProgramme({ code, onCancel, onCreated }: { code: string; onCancel: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'buddy' | 'friend_family'>('buddy');
  const [description, setDescription] = useState('');
  const [consentText, setConsentText] = useState(t('matching.settings.consentTemplate'));
  const [retention, setRetention] = useState('24');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('POST', `/api/municipalities/${code}/matching/programmes`, {
        name,
        kind,
        description,
        consentText,
        retentionMonths: Number(retention) || 24,
      });
      onCreated();
    } catch (error) {
      const p = problemsOf(error);
      setProblems(p.problems);
      setMessage(p.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('matching.create')}</h2>
      {message && (
        <p className="alert error" role="alert">
          {message}
        </p>
      )}
      <TextField id="mt-new-name" label={t('matching.settings.name')} value={name} onChange={setName} problem={problems['/name']} />
      <SelectField
        id="mt-new-kind"
        label={t('matching.settings.kind')}
        value={kind}
        onChange={setKind}
        options={(['buddy', 'friend_family'] as const).map((k) => ({ value: k, label: t(`matching.kinds.${k}`) }))}
      />
      <div className="field">
        <label htmlFor="mt-new-description">{t('matching.settings.description')}</label>
        <textarea id="mt-new-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="mt-new-consent">{t('matching.settings.consentText')}</label>
        <textarea
          id="mt-new-consent"
          rows={5}
          value={consentText}
          onChange={(e) => setConsentText(e.target.value)}
          aria-invalid={problems['/consentText'] ? true : undefined}
          aria-describedby={problems['/consentText'] ? 'mt-new-consent-error' : undefined}
        />
        {problems['/consentText'] && (
          <span className="field-error" id="mt-new-consent-error">
            {problems['/consentText']}
          </span>
        )}
      </div>
      <TextField
        id="mt-new-retention"
        label={t('matching.settings.retention')}
        value={retention}
        onChange={setRetention}
        size={4}
        hint={t('matching.settings.retentionHint')}
        problem={problems['/retentionMonths']}
      />
      <FormActions busy={busy} label={t('matching.create')} onCancel={onCancel} />
    </form>
  );
}
