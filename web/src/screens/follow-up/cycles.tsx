import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { addDays, nextPeriod, periodContaining, periodLabel, previousPeriod } from '../../../../src/capabilities/follow-up/periods.ts';
import { api, ApiError, type DocumentView } from '../../client.ts';
import { ExampleBadge, ProgressBar, TrafficLight } from '../../components/follow-up/indicators.tsx';
import type { Cadence, CycleView, Period, ProposalView } from '../../components/follow-up/types.ts';
import { FormActions, TextField } from '../../components/fields.tsx';
import { PlanHeader } from '../../components/plan-header.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { canEditPlan, useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { reportedOf } from './board.tsx';
import '../../styles/follow-up.css';

const cadenceChoices: Cadence[] = ['year', 'half-year', 'quarter'];

/** The period a cadence proposes, as the server does: after the last cycle, or the last whole period before today. */
function proposedPeriod(cadence: Cadence, last: Period | null, today: string): { period: Period; deadline: string } {
  const period = last ? nextPeriod(cadence, last) : previousPeriod(cadence, periodContaining(cadence, today));
  const monthAfter = periodContaining('month', addDays(period.to, 1)).to;
  const twoWeeks = addDays(today, 14);
  return { period, deadline: monthAfter > twoWeeks ? monthAfter : twoWeeks };
}

function OpenCycleForm({ planId, proposal, last }: { planId: string; proposal: ProposalView; last: Period | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [cadence, setCadence] = useState<Cadence>(proposal.cadence);
  const [periodFrom, setPeriodFrom] = useState(proposal.period.from);
  const [periodTo, setPeriodTo] = useState(proposal.period.to);
  const [deadline, setDeadline] = useState(proposal.deadline);
  const [label, setLabel] = useState(proposal.label);
  const [example, setExample] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const choices = [...new Set<Cadence>([...proposal.cadences, ...cadenceChoices])];

  const changeCadence = (next: Cadence) => {
    setCadence(next);
    const p = proposedPeriod(next, last, new Date().toISOString().slice(0, 10));
    setPeriodFrom(p.period.from);
    setPeriodTo(p.period.to);
    setDeadline(p.deadline);
    setLabel(periodLabel(p.period));
  };

  const submit = async () => {
    setBusy(true);
    setProblems({});
    setError(undefined);
    try {
      const created = await api<CycleView>('POST', `/api/plans/${planId}/cycles`, {
        label: label.trim() || undefined,
        periodFrom: periodFrom.trim(),
        periodTo: periodTo.trim(),
        deadline: deadline.trim(),
        ...(example ? { example: true } : {}),
      });
      void navigate(`/planer/${planId}/uppfoljning/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) {
        setProblems(e.problems);
        setError(t('followUp.open.problems'));
      } else setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <form
      className="card form"
      aria-labelledby="fu-open-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="fu-open-title">{t('followUp.open.title')}</h2>
      <p className="muted">{t('followUp.open.intro')}</p>
      <div className="fu-form-grid">
        <div className="field">
          <label htmlFor="fu-cadence">{t('followUp.open.cadence')}</label>
          <select id="fu-cadence" value={cadence} onChange={(e) => changeCadence(e.target.value as Cadence)}>
            {choices.map((c) => (
              <option key={c} value={c}>
                {t(`followUp.open.cadences.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="fu-from"
          label={t('followUp.open.periodFrom')}
          value={periodFrom}
          onChange={setPeriodFrom}
          hint={t('followUp.open.dateHint')}
          problem={problems['/periodFrom']}
        />
        <TextField
          id="fu-to"
          label={t('followUp.open.periodTo')}
          value={periodTo}
          onChange={setPeriodTo}
          hint={t('followUp.open.dateHint')}
          problem={problems['/periodTo']}
        />
        <TextField
          id="fu-deadline"
          label={t('followUp.open.deadline')}
          value={deadline}
          onChange={setDeadline}
          hint={t('followUp.open.dateHint')}
          problem={problems['/deadline']}
        />
      </div>
      <TextField
        id="fu-label"
        label={t('followUp.open.label')}
        value={label}
        onChange={setLabel}
        hint={t('followUp.open.labelHint')}
        problem={problems['/label']}
        size={30}
      />
      <label className="check">
        <input type="checkbox" checked={example} onChange={(e) => setExample(e.target.checked)} /> {t('followUp.open.exampleCheck')}
      </label>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <FormActions busy={busy} label={t('followUp.open.submit')} busyLabel={t('followUp.open.opening')} />
    </form>
  );
}

function CompareForm({ planId, cycles }: { planId: string; cycles: CycleView[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The list is newest first: A defaults to the one before the newest, B to the newest.
  const [a, setA] = useState(cycles[1]?.id ?? '');
  const [b, setB] = useState(cycles[0]?.id ?? '');
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    setA(cycles[1]?.id ?? '');
    setB(cycles[0]?.id ?? '');
  }, [cycles]);
  return (
    <form
      className="card form"
      aria-labelledby="fu-compare-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (a === b) setProblem(t('followUp.compareForm.same'));
        else void navigate(`/planer/${planId}/uppfoljning/jamfor?a=${a}&b=${b}`);
      }}
    >
      <h2 id="fu-compare-title">{t('followUp.compareForm.title')}</h2>
      <div className="fu-form-grid">
        {(
          [
            ['a', a, setA],
            ['b', b, setB],
          ] as const
        ).map(([key, value, set]) => (
          <div className="field" key={key}>
            <label htmlFor={`fu-compare-${key}`}>{t(`followUp.compareForm.${key}`)}</label>
            <select id={`fu-compare-${key}`} value={value} onChange={(e) => set(e.target.value)}>
              {cycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label} ({c.period.from} – {c.period.to})
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      {problem && (
        <p className="alert error" role="alert">
          {problem}
        </p>
      )}
      <FormActions label={t('followUp.compareForm.submit')} />
    </form>
  );
}

export function CyclesScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const doc = useLoad(() => api<DocumentView>('GET', `/api/plans/${id}`), [id, user?.id]);
  const cycles = useLoad(() => api<CycleView[]>('GET', `/api/plans/${id}/cycles`), [id, user?.id]);
  const code = doc.data?.municipality.code;
  const manager = code !== undefined && canEditPlan(user, code);
  const proposal = useLoad(
    () => (manager ? api<ProposalView>('GET', `/api/plans/${id}/cycles/proposal`).catch(() => undefined) : Promise.resolve(undefined)),
    [id, manager],
  );
  useTitle(doc.data ? `${t('followUp.cycles.title')} – ${doc.data.title}` : undefined);
  const error = doc.error ?? cycles.error;
  if (error) return <LoadError error={error} />;
  if (!doc.data || !cycles.data) return <Loading />;
  const list = cycles.data;
  const last = list[0] ? list[0].period : null;

  return (
    <section className="page">
      <PlanHeader document={doc.data} />
      <h2 id="fu-cycles-title">{t('followUp.cycles.title')}</h2>
      <p className="muted">{t('followUp.cycles.intro')}</p>
      {list.length === 0 ? (
        <p>{user ? t('followUp.cycles.none') : t('followUp.cycles.signInHint')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="fu-cycles-title" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('followUp.cycles.label')}</th>
                <th scope="col">{t('followUp.cycles.period')}</th>
                <th scope="col">{t('followUp.cycles.deadline')}</th>
                <th scope="col">{t('followUp.cycles.state')}</th>
                <th scope="col">{t('followUp.cycles.reported')}</th>
                <th scope="col">{t('followUp.cycles.progress')}</th>
                <th scope="col">{t('followUp.cycles.light')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/planer/${id}/uppfoljning/${c.id}`}>{c.label}</Link> {c.example && <ExampleBadge />}
                  </th>
                  <td>
                    {c.period.from} – {c.period.to}
                  </td>
                  <td>{c.deadline}</td>
                  <td>
                    <span className={`badge fu-${c.state}`}>{t(`followUp.cycles.${c.state}`)}</span>
                  </td>
                  <td>{t('followUp.cycles.reportedOf', reportedOf(c.summary))}</td>
                  <td>
                    <ProgressBar value={c.summary.progress} />
                  </td>
                  <td>
                    <TrafficLight light={c.summary.light} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manager && proposal.data && <OpenCycleForm key={`${proposal.data.period.from}`} planId={id} proposal={proposal.data} last={last} />}
      {list.length >= 2 ? (
        <CompareForm planId={id} cycles={list} />
      ) : list.length === 1 ? (
        <p className="muted">{t('followUp.compareForm.needTwo')}</p>
      ) : null}
    </section>
  );
}
