import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Municipality, type User } from '../../client.ts';
import { FormActions, TextField } from '../../components/fields.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { PersonForm } from './person-form.tsx';
import { Breadcrumbs, ExampleBadge, formatDate, problemsOf, YearCounts, type ProgrammeView, type Workspace } from './shared.tsx';
import { CheckInsDue, Matches, Suggestions, WaitingPeople } from './workspace.tsx';

/** One programme: its counts for everyone; for its coordinators the people, suggestions, matches and check-ins. */
export function MatchingProgrammeScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const programme = useLoad(() => api<ProgrammeView>('GET', `/api/matching/programmes/${id}`), [id, user?.id]);
  const code = programme.data?.municipalityCode;
  const municipality = useLoad(() => (code ? api<Municipality>('GET', `/api/municipalities/${code}`) : Promise.resolve(undefined)), [code]);
  const readable = programme.data?.canReadPeople ?? false;
  const work = useLoad(
    () => (readable ? api<Workspace>('GET', `/api/matching/programmes/${id}/workspace`) : Promise.resolve(null)),
    [id, readable, user?.id],
  );
  const [notice, setNotice] = useState('');
  const [registering, setRegistering] = useState(false);
  const [editing, setEditing] = useState(false);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useTitle(programme.data?.name);
  const error = programme.error ?? municipality.error ?? work.error;
  if (error) return <LoadError error={error} />;
  if (!programme.data || !municipality.data || work.data === undefined) return <Loading />;
  const p = programme.data;
  const w = work.data;
  const done = async (message: string) => {
    await Promise.all([programme.reload(), work.reload()]);
    setNotice(message);
    noticeRef.current?.focus();
  };
  return (
    <section className="page">
      <Breadcrumbs code={p.municipalityCode} name={municipality.data.name} programme={p} />
      <h1>
        {p.name}
        <ExampleBadge example={p.example} />
      </h1>
      <p className="lead">{p.description || t(`matching.kinds.${p.kind}`)}</p>
      <p role="status" aria-live="polite" className="notice" tabIndex={-1} ref={noticeRef}>
        {notice}
      </p>

      <h2>{t('matching.countsHeading')}</h2>
      <p>{t('matching.countsNow', { ...p.counts })}</p>
      <YearCounts years={p.years} id="mt-years" caption={t('matching.perYearCaption', { name: p.name })} />

      {p.canManage && (
        <>
          <h2>{t('matching.settings.heading')}</h2>
          <p>
            {t(p.registrationOpen ? 'matching.settings.open' : 'matching.settings.closed')}{' '}
            {p.registrationOpen && (
              <Link to={`/kommuner/${p.municipalityCode}/matchning/${p.id}/anmalan`}>{t('matching.register.link', { name: p.name })}</Link>
            )}
          </p>
          <p className="muted">
            {t('matching.settings.summary', {
              months: p.retentionMonths,
              version: p.consentVersion,
              coordinators: (p.coordinators ?? []).map((c) => c.name).join(', ') || '–',
            })}
          </p>
          {editing ? (
            <Settings
              programme={p}
              onCancel={() => setEditing(false)}
              onSaved={() => void done(t('matching.settings.saved')).then(() => setEditing(false))}
            />
          ) : (
            <button type="button" className="button secondary" onClick={() => setEditing(true)}>
              {t('matching.settings.edit')}
            </button>
          )}
        </>
      )}

      {w === null ? (
        <p className="alert ok">{t('matching.onlyCoordinators')}</p>
      ) : (
        <>
          <p className="alert ok">{t('matching.privacy', { months: p.retentionMonths })}</p>
          <CheckInsDue workspace={w} onDone={done} />
          <Suggestions workspace={w} programmeId={p.id} onDone={done} />
          <Matches workspace={w} onDone={done} />
          <WaitingPeople workspace={w} />

          <h2>{t('matching.people.all')}</h2>
          {w.people.length === 0 ? (
            <p>{t('matching.people.none')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="mt-people-caption" tabIndex={0}>
              <table className="table compact">
                <caption id="mt-people-caption">{t('matching.people.all')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('matching.form.name')}</th>
                    <th scope="col">{t('matching.people.side')}</th>
                    <th scope="col">{t('matching.people.status')}</th>
                    <th scope="col">{t('matching.people.registered')}</th>
                  </tr>
                </thead>
                <tbody>
                  {w.people.map((person) => (
                    <tr key={person.id}>
                      <th scope="row">
                        <Link to={`/matchning/personer/${person.id}`}>{person.name}</Link>
                        <ExampleBadge example={person.example} />
                      </th>
                      <td>{t(`matching.sides.${person.side}`)}</td>
                      <td>{t(`matching.statuses.${person.status}`)}</td>
                      <td>
                        {formatDate(person.registeredOn)} ({t(`matching.registeredBy.${person.registeredBy}`)})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {registering ? (
            <div className="card">
              <h2>{t('matching.people.register')}</h2>
              <PersonForm
                id="mt-new-person"
                consentText={p.consentText}
                consentLabel={t('matching.form.consentOnBehalf')}
                submitLabel={t('matching.people.register')}
                onCancel={() => setRegistering(false)}
                onSubmit={async (body) => {
                  await api('POST', `/api/matching/programmes/${p.id}/people`, body);
                  setRegistering(false);
                  await done(t('matching.people.registered_', { name: body.name }));
                }}
              />
            </div>
          ) : (
            <p>
              <button type="button" className="button" onClick={() => setRegistering(true)}>
                {t('matching.people.register')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function Settings({ programme, onCancel, onSaved }: { programme: ProgrammeView; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [description, setDescription] = useState(programme.description);
  const [consentText, setConsentText] = useState(programme.consentText);
  const [retention, setRetention] = useState(String(programme.retentionMonths));
  const [open, setOpen] = useState(programme.registrationOpen);
  const [coordinatorIds, setCoordinatorIds] = useState((programme.coordinators ?? []).map((c) => c.id));
  const users = useLoad(() => api<User[]>('GET', `/api/users?municipality=${programme.municipalityCode}`), [programme.municipalityCode]);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('PATCH', `/api/matching/programmes/${programme.id}`, {
        version: programme.version,
        description,
        consentText,
        retentionMonths: Number(retention) || programme.retentionMonths,
        registrationOpen: open,
        coordinatorIds,
      });
      onSaved();
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
      {message && (
        <p className="alert error" role="alert">
          {message}
        </p>
      )}
      <div className="field">
        <label htmlFor="mt-set-description">{t('matching.settings.description')}</label>
        <textarea id="mt-set-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="mt-set-consent">{t('matching.settings.consentText')}</label>
        <textarea
          id="mt-set-consent"
          rows={5}
          value={consentText}
          onChange={(e) => setConsentText(e.target.value)}
          aria-describedby="mt-set-consent-hint"
        />
        <span className="hint" id="mt-set-consent-hint">
          {problems['/consentText'] ?? t('matching.settings.consentHint')}
        </span>
      </div>
      <TextField
        id="mt-set-retention"
        label={t('matching.settings.retention')}
        value={retention}
        onChange={setRetention}
        size={4}
        hint={t('matching.settings.retentionHint')}
        problem={problems['/retentionMonths']}
      />
      <div className="field">
        <label className="mt-check-label">
          <input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} />
          <span>{t('matching.settings.registrationOpen')}</span>
        </label>
      </div>
      <fieldset className="mt-checks" aria-describedby="mt-set-coordinators-hint">
        <legend>{t('matching.settings.coordinators')}</legend>
        <span className="hint" id="mt-set-coordinators-hint">
          {problems['/coordinatorIds'] ?? t('matching.settings.coordinatorsHint')}
        </span>
        {(users.data ?? [])
          .filter((u) => u.role === 'coordinator' && u.municipalityCode === programme.municipalityCode)
          .map((u) => (
            <label key={u.id} className="mt-check-label">
              <input
                type="checkbox"
                checked={coordinatorIds.includes(u.id)}
                onChange={(e) =>
                  setCoordinatorIds(e.target.checked ? [...coordinatorIds, u.id] : coordinatorIds.filter((id) => id !== u.id))
                }
              />
              <span>{u.displayName}</span>
            </label>
          ))}
      </fieldset>
      <FormActions busy={busy} onCancel={onCancel} />
    </form>
  );
}
