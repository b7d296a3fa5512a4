import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../client.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { END_REASONS, formatDate, problemsOf, Reasons, type MatchView, type PartyView, type Workspace } from './shared.tsx';

type Done = (message: string) => Promise<void>;

/** A person's name, or that they are erased: the match and its dates stay, the name does not. */
function Name({ party }: { party: PartyView }) {
  const { t } = useTranslation();
  return party.name === null ? <em>{t('matching.erased')}</em> : <Link to={`/matchning/personer/${party.id}`}>{party.name}</Link>;
}

/** One button calling the API, showing the refusal beside it. */
function ActionButton({
  label,
  run,
  className = 'button secondary',
  describedBy,
}: {
  label: string;
  run: () => Promise<void>;
  className?: string;
  describedBy?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={busy}
        aria-describedby={describedBy}
        onClick={() => {
          setBusy(true);
          setFailure('');
          run()
            .catch((e: unknown) => setFailure(problemsOf(e).message))
            .finally(() => setBusy(false));
        }}
      >
        {label}
      </button>
      {failure && (
        <span className="field-error" role="alert">
          {failure}
        </span>
      )}
    </>
  );
}

export function CheckInsDue({ workspace, onDone }: { workspace: Workspace; onDone: Done }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const shown = workspace.checkIns.filter((c) => c.state !== 'upcoming');
  return (
    <>
      <h2>{t('matching.checkIns.heading')}</h2>
      {shown.length === 0 ? (
        <p>{t('matching.checkIns.none')}</p>
      ) : (
        <ul className="mt-cards">
          {shown.map((c) => (
            <li key={c.id}>
              <p>
                <strong>{t('matching.checkIns.month', { month: c.month })}</strong>: <Name party={c.volunteer} /> ↔{' '}
                <Name party={c.newcomer} />
                <br />
                <span className={c.state === 'overdue' ? 'mt-overdue' : undefined}>
                  {t(`matching.checkIns.states.${c.state}`)} · {t('matching.checkIns.due', { date: formatDate(c.dueOn) })}
                </span>
              </p>
              {open === c.id ? (
                <CheckInForm
                  checkInId={c.id}
                  version={c.version}
                  today={workspace.today}
                  onCancel={() => setOpen(null)}
                  onSaved={async () => {
                    setOpen(null);
                    await onDone(t('matching.checkIns.saved'));
                  }}
                />
              ) : (
                <button type="button" className="button secondary" onClick={() => setOpen(c.id)}>
                  {t('matching.checkIns.record', { month: c.month })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function CheckInForm({
  checkInId,
  version,
  today,
  onCancel,
  onSaved,
}: {
  checkInId: string;
  version: number;
  today: string;
  onCancel: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'ok' | 'concern' | 'ended'>('ok');
  const [doneOn, setDoneOn] = useState(today);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST', `/api/matching/check-ins/${checkInId}`, { version, outcome, doneOn, note: note.trim() || null });
      await onSaved();
    } catch (error) {
      const p = problemsOf(error);
      setProblems(p.problems);
      setMessage(p.message);
    }
  };
  const id = `mt-ci-${checkInId}`;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="mt-inline-form">
      {message && (
        <p className="alert error" role="alert">
          {message}
        </p>
      )}
      <SelectField
        id={`${id}-outcome`}
        label={t('matching.checkIns.outcome')}
        value={outcome}
        onChange={setOutcome}
        options={(['ok', 'concern', 'ended'] as const).map((o) => ({ value: o, label: t(`matching.checkIns.outcomes.${o}`) }))}
      />
      <TextField
        id={`${id}-date`}
        label={t('matching.checkIns.doneOn')}
        value={doneOn}
        onChange={setDoneOn}
        size={11}
        problem={problems['/doneOn']}
      />
      <TextField id={`${id}-note`} label={t('matching.checkIns.note')} value={note} onChange={setNote} hint={t('matching.noteHint')} />
      <div className="actions">
        <button type="submit" className="button">
          {t('matching.checkIns.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function Suggestions({ workspace, programmeId, onDone }: { workspace: Workspace; programmeId: string; onDone: Done }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('matching.suggestions.heading')}</h2>
      <p className="muted">{t('matching.suggestions.intro')}</p>
      {workspace.suggestions.length === 0 ? (
        <p>{t('matching.suggestions.none')}</p>
      ) : (
        <ul className="mt-cards">
          {workspace.suggestions.map((s) => (
            <li key={`${s.volunteer.id}-${s.newcomer.id}`}>
              <p>
                <Name party={s.newcomer} /> ↔ <Name party={s.volunteer} />{' '}
                <span className="mt-score">{t('matching.score', { score: s.score })}</span>
              </p>
              <Reasons reasons={s.reasons} />
              <ActionButton
                label={t('matching.suggestions.propose')}
                run={async () => {
                  await api('POST', `/api/matching/programmes/${programmeId}/matches`, {
                    volunteerId: s.volunteer.id,
                    newcomerId: s.newcomer.id,
                  });
                  await onDone(t('matching.suggestions.proposed'));
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Matches({ workspace, onDone }: { workspace: Workspace; onDone: Done }) {
  const { t } = useTranslation();
  const proposed = workspace.matches.filter((m) => m.status === 'proposed');
  const active = workspace.matches.filter((m) => m.status === 'active');
  const ended = workspace.matches.filter((m) => m.status === 'ended');
  return (
    <>
      <h2>{t('matching.proposals.heading')}</h2>
      {proposed.length === 0 ? (
        <p>{t('matching.proposals.none')}</p>
      ) : (
        <ul className="mt-cards">
          {proposed.map((m) => (
            <li key={m.id}>
              <p>
                <Name party={m.newcomer} /> ↔ <Name party={m.volunteer} />{' '}
                <span className="mt-score">{t('matching.score', { score: m.score })}</span>
                <br />
                <span className="muted">{t('matching.proposals.since', { date: formatDate(m.proposedOn) })}</span>
              </p>
              <Reasons reasons={m.reasons} />
              <div className="actions">
                <ActionButton
                  className="button"
                  label={t('matching.proposals.confirm')}
                  run={async () => {
                    await api('POST', `/api/matching/matches/${m.id}/confirm`, { version: m.version });
                    await onDone(t('matching.proposals.confirmed'));
                  }}
                />
                <ActionButton
                  label={t('matching.proposals.decline')}
                  run={async () => {
                    await api('POST', `/api/matching/matches/${m.id}/decline`, { version: m.version });
                    await onDone(t('matching.proposals.declined'));
                  }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('matching.active.heading')}</h2>
      {active.length === 0 ? (
        <p>{t('matching.active.none')}</p>
      ) : (
        <ul className="mt-cards">
          {active.map((m) => (
            <ActiveMatch key={m.id} match={m} onDone={onDone} today={workspace.today} />
          ))}
        </ul>
      )}

      {ended.length > 0 && (
        <>
          <h2>{t('matching.ended.heading')}</h2>
          <div className="table-scroll" role="region" aria-labelledby="mt-ended-caption" tabIndex={0}>
            <table className="table compact">
              <caption id="mt-ended-caption">{t('matching.ended.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('matching.ended.pair')}</th>
                  <th scope="col">{t('matching.ended.period')}</th>
                  <th scope="col">{t('matching.ended.reason')}</th>
                  <th scope="col">{t('matching.ended.checkIns')}</th>
                </tr>
              </thead>
              <tbody>
                {ended.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <Name party={m.newcomer} /> ↔ <Name party={m.volunteer} />
                    </th>
                    <td>
                      {formatDate(m.confirmedOn)} – {formatDate(m.endedOn)}
                    </td>
                    <td>
                      {m.endReason ? t(`matching.endReasons.${m.endReason}`) : '–'}
                      {m.endNote ? `: ${m.endNote}` : ''}
                    </td>
                    <td>{m.checkIns.filter((c) => c.state === 'done').length} / 3</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

function ActiveMatch({ match: m, onDone, today }: { match: MatchView; onDone: Done; today: string }) {
  const { t } = useTranslation();
  const [ending, setEnding] = useState(false);
  const [reason, setReason] = useState<(typeof END_REASONS)[number]>('completed');
  const [note, setNote] = useState('');
  const [endedOn, setEndedOn] = useState(today);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const end = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST', `/api/matching/matches/${m.id}/end`, { version: m.version, reason, note: note.trim() || null, endedOn });
      setEnding(false);
      await onDone(t('matching.active.endedNotice'));
    } catch (error) {
      const p = problemsOf(error);
      setProblems(p.problems);
      setMessage(p.message);
    }
  };
  const sides = [
    ['volunteer', m.volunteer, m.informedVolunteerAt],
    ['newcomer', m.newcomer, m.informedNewcomerAt],
  ] as const;
  return (
    <li>
      <p>
        <Name party={m.newcomer} /> ↔ <Name party={m.volunteer} />{' '}
        <span className="mt-score">{t('matching.score', { score: m.score })}</span>
        <br />
        <span className="muted">
          {t('matching.active.since', { date: formatDate(m.confirmedOn) })} ·{' '}
          {m.checkIns
            .map((c) => `${t('matching.checkIns.month', { month: c.month })}: ${t(`matching.checkIns.states.${c.state}`)}`)
            .join(' · ')}
        </span>
      </p>
      <ul>
        {sides.map(([side, party, at]) => (
          <li key={side}>
            {t(`matching.sides.${side}`)}:{' '}
            {at ? (
              t('matching.active.informedAt', { date: formatDate(at) })
            ) : (
              <>
                {t(party.hasEmail ? 'matching.active.notInformedMail' : 'matching.active.notInformed')}{' '}
                <ActionButton
                  label={t('matching.active.markInformed', { side: t(`matching.sides.${side}`) })}
                  run={async () => {
                    await api('POST', `/api/matching/matches/${m.id}/informed`, { side, version: m.version });
                    await onDone(t('matching.active.informedNotice'));
                  }}
                />
              </>
            )}
          </li>
        ))}
      </ul>
      {ending ? (
        <form onSubmit={(e) => void end(e)} noValidate className="mt-inline-form">
          {message && (
            <p className="alert error" role="alert">
              {message}
            </p>
          )}
          <SelectField
            id={`mt-end-${m.id}-reason`}
            label={t('matching.active.reason')}
            value={reason}
            onChange={setReason}
            options={END_REASONS.map((r) => ({ value: r, label: t(`matching.endReasons.${r}`) }))}
          />
          <TextField
            id={`mt-end-${m.id}-date`}
            label={t('matching.active.endedOn')}
            value={endedOn}
            onChange={setEndedOn}
            size={11}
            problem={problems['/endedOn']}
          />
          <TextField
            id={`mt-end-${m.id}-note`}
            label={t('matching.active.note')}
            value={note}
            onChange={setNote}
            problem={problems['/note']}
            hint={t('matching.noteHint')}
          />
          <div className="actions">
            <button type="submit" className="button danger">
              {t('matching.active.end')}
            </button>
            <button type="button" className="button secondary" onClick={() => setEnding(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button secondary" onClick={() => setEnding(true)}>
          {t('matching.active.endEllipsis')}
        </button>
      )}
    </li>
  );
}

export function WaitingPeople({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('matching.waiting.heading')}</h2>
      <div className="mt-columns">
        {(['newcomer', 'volunteer'] as const).map((side) => {
          const people = workspace.people.filter((p) => p.side === side && p.status === 'waiting');
          return (
            <section key={side} aria-labelledby={`mt-waiting-${side}`}>
              <h3 id={`mt-waiting-${side}`}>{t(`matching.waiting.${side}`, { n: people.length })}</h3>
              {people.length === 0 ? (
                <p>{t('matching.waiting.none')}</p>
              ) : (
                <ul>
                  {people.map((p) => (
                    <li key={p.id}>
                      <Link to={`/matchning/personer/${p.id}`}>{p.name}</Link> — {p.languages.join(', ')}
                      {p.area ? ` · ${p.area}` : ''} · {t('matching.waiting.since', { date: formatDate(p.registeredOn) })}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
