import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, type Municipality } from '../../client.ts';
import { SelectField } from '../../components/fields.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { useFocusOnMount } from '../../use-focus.ts';
import { useLoad, useTitle } from '../../use-load.ts';
import { PersonForm } from './person-form.tsx';
import { Breadcrumbs, ExampleBadge, formatDate, problemsOf, type PersonDetail, type PersonView, type ProgrammeView } from './shared.tsx';

/** A person of a programme: their data, a change of status, the register extract and erasure. */
export function MatchingPersonScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const person = useLoad(() => api<PersonDetail>('GET', `/api/matching/people/${id}`), [id]);
  const programmeId = person.data?.programmeId;
  const programme = useLoad(
    () => (programmeId ? api<ProgrammeView>('GET', `/api/matching/programmes/${programmeId}`) : Promise.resolve(undefined)),
    [programmeId],
  );
  const code = programme.data?.municipalityCode;
  const municipality = useLoad(() => (code ? api<Municipality>('GET', `/api/municipalities/${code}`) : Promise.resolve(undefined)), [code]);
  const [notice, setNotice] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState('');
  const [status, setStatus] = useState<'waiting' | 'paused' | 'left' | ''>('');
  useTitle(person.data?.name);
  const error = person.error ?? programme.error ?? municipality.error;
  if (error) return <LoadError error={error} />;
  if (!person.data || !programme.data || !municipality.data) return <Loading />;
  const p = person.data;
  const prog = programme.data;
  const erase = async () => {
    try {
      await api('DELETE', `/api/matching/people/${p.id}?version=${p.version}`);
      await navigate(`/matchning/${prog.id}`);
    } catch (e) {
      setFailure(problemsOf(e).message);
    }
  };
  const changeStatus = async () => {
    if (!status) return;
    try {
      person.setData({ ...p, ...(await api<PersonView>('PATCH', `/api/matching/people/${p.id}`, { version: p.version, status })) });
      setNotice(t('matching.person.statusSaved'));
      setFailure('');
    } catch (e) {
      setFailure(problemsOf(e).message);
    }
  };
  return (
    <section className="page">
      <Breadcrumbs code={prog.municipalityCode} name={municipality.data.name} programme={prog} />
      <h1>
        {p.name}
        <ExampleBadge example={p.example} />
      </h1>
      <p className="lead">
        {t(`matching.sides.${p.side}`)} · {t(`matching.statuses.${p.status}`)} ·{' '}
        {t('matching.person.consent', {
          date: formatDate(p.consentAt),
          version: p.consentVersion ?? '–',
          by: t(`matching.registeredBy.${p.registeredBy}`),
        })}
      </p>
      <p role="status" aria-live="polite" className="notice">
        {notice}
      </p>
      {failure && (
        <p className="alert error" role="alert">
          {failure}
        </p>
      )}

      <h2>{t('matching.person.matches')}</h2>
      {p.matches.length === 0 ? (
        <p>{t('matching.person.noMatches')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="mt-person-matches" tabIndex={0}>
          <table className="table compact">
            <caption id="mt-person-matches">{t('matching.person.matches')}</caption>
            <thead>
              <tr>
                <th scope="col">{t(p.side === 'volunteer' ? 'matching.sides.newcomer' : 'matching.sides.volunteer')}</th>
                <th scope="col">{t('matching.people.status')}</th>
                <th scope="col">{t('matching.ended.period')}</th>
                <th scope="col">{t('matching.ended.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {p.matches.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.other.name ?? <em>{t('matching.erased')}</em>} ({t('matching.score', { score: m.score })})
                  </th>
                  <td>{t(`matching.matchStatuses.${m.status}`)}</td>
                  <td>
                    {m.confirmedOn ? `${formatDate(m.confirmedOn)} – ${m.endedOn ? formatDate(m.endedOn) : ''}` : formatDate(m.proposedOn)}
                  </td>
                  <td>{m.endReason ? t(`matching.endReasons.${m.endReason}`) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('matching.person.rights')}</h2>
      <p>{t('matching.person.rightsIntro', { months: prog.retentionMonths })}</p>
      <div className="actions">
        <a className="button secondary" href={`/api/matching/people/${p.id}/extract`} download>
          {t('matching.person.extract')}
        </a>
        {p.status !== 'matched' && (
          <button type="button" className="button danger" onClick={() => setConfirming(true)}>
            {t('matching.person.erase')}
          </button>
        )}
      </div>
      {p.status === 'matched' && <p className="muted">{t('matching.person.eraseMatched')}</p>}
      {confirming && <ConfirmErase name={p.name} onConfirm={erase} onCancel={() => setConfirming(false)} />}

      {p.status !== 'matched' && (
        <>
          <h2>{t('matching.person.statusHeading')}</h2>
          <div className="mt-inline-form">
            <SelectField<'waiting' | 'paused' | 'left' | ''>
              id="mt-person-status"
              label={t('matching.people.status')}
              value={status || (p.status as 'waiting')}
              onChange={setStatus}
              options={(['waiting', 'paused', 'left'] as const).map((s) => ({ value: s, label: t(`matching.statuses.${s}`) }))}
            />
            <button type="button" className="button secondary" onClick={() => void changeStatus()}>
              {t('matching.person.setStatus')}
            </button>
          </div>
        </>
      )}

      <h2>{t('matching.person.edit')}</h2>
      <PersonForm
        key={p.version}
        id="mt-person"
        person={p}
        submitLabel={t('common.save')}
        onSubmit={async (body) => {
          person.setData({ ...p, ...(await api<PersonView>('PATCH', `/api/matching/people/${p.id}`, { ...body, version: p.version })) });
          setNotice(t('matching.person.saved'));
        }}
      />
    </section>
  );
}

function ConfirmErase({ name, onConfirm, onCancel }: { name: string; onConfirm: () => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  const [busy, setBusy] = useState(false);
  return (
    <div
      className="card confirm"
      role="alertdialog"
      aria-labelledby="mt-erase-title"
      aria-describedby="mt-erase-text"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h3 id="mt-erase-title" tabIndex={-1} ref={ref}>
        {t('matching.person.eraseTitle', { name })}
      </h3>
      <p id="mt-erase-text">{t('matching.person.eraseText')}</p>
      <div className="actions">
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onConfirm().finally(() => setBusy(false));
          }}
        >
          {t('matching.person.eraseConfirm')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
