import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, uploadFile } from '../../client.ts';
import { FormActions, SelectField, TextField } from '../../components/fields.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { formatDate, problemsOf, sek, StatusBadge, type ApplicationView, type CallView, type LinkableItem } from './shared.tsx';

type Failure = { problems: Record<string, string>; message: string } | undefined;
const num = (s: string) => Number(s.replace(/\s/g, '') || '0');

/** One application: the applicant's form while a draft; the assessment, decision and payments for the coordinator. */
export function ApplicationScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const app = useLoad(() => api<ApplicationView>('GET', `/api/fund/applications/${id}`), [id, user?.id]);
  const call = useLoad(
    () => (app.data ? api<CallView>('GET', `/api/fund/calls/${app.data.callId}`) : Promise.resolve(null)),
    [app.data?.callId],
  );
  const [notice, setNotice] = useState('');
  useTitle(app.data?.title);
  const error = app.error ?? call.error;
  if (error) return <LoadError error={error} />;
  if (!app.data || call.data === undefined) return <Loading />;
  const a = app.data;
  const done = async (message: string) => {
    await app.reload();
    setNotice(message);
  };
  const transition = async (event: 'submit' | 'withdraw') => {
    try {
      await api('POST', `/api/fund/applications/${a.id}/${event}`, { version: a.version });
      await done(t(`fund.application.done.${event}`));
    } catch (e) {
      setNotice(problemsOf(e).message);
    }
  };
  return (
    <section className="page">
      <p className="breadcrumbs">
        <Link to={`/fonden/utlysningar/${a.callId}`}>{a.callTitle}</Link> / {a.title}
      </p>
      <h1>{a.title}</h1>
      <p>
        <StatusBadge status={a.status} /> {a.organisation.name} · {t('fund.application.requested', { amount: sek(a.requestedSek) })}
      </p>
      <p role="status" aria-live="polite" className="notice">
        {notice}
      </p>
      {a.can.edit ? <ApplicationForm application={a} onSaved={(m) => void done(m)} /> : <ApplicationDetails application={a} />}
      {a.can.edit && <Attachments application={a} onChanged={(m) => void done(m)} />}
      <div className="actions">
        {a.can.submit && (
          <button type="button" className="button" onClick={() => void transition('submit')}>
            {t('fund.application.submit')}
          </button>
        )}
        {a.can.withdraw && (
          <button type="button" className="button secondary" onClick={() => void transition('withdraw')}>
            {t('fund.application.withdraw')}
          </button>
        )}
      </div>
      {a.decision && (
        <>
          <h2>{t('fund.decision.title')}</h2>
          <p>
            {t(`fund.decision.outcome.${a.decision.outcome}`)}: {sek(a.decision.grantedSek)} · {a.decision.decidedBy},{' '}
            {formatDate(a.decision.decidedOn)} {a.decision.minutesParagraph}
          </p>
          {a.decision.conditions && <p>{t('fund.decision.conditionsText', { conditions: a.decision.conditions })}</p>}
          {a.decision.overrideReason && (
            <p className="pg-lacking">{t('fund.decision.overrideText', { reason: a.decision.overrideReason })}</p>
          )}
          <p>{t('fund.payment.paid', { paid: sek(a.paidSek), granted: sek(a.decision.grantedSek) })}</p>
        </>
      )}
      {call.data && a.assessments.length > 0 && <Assessments application={a} call={call.data} />}
      {call.data && a.can.assess && <AssessmentForm application={a} call={call.data} onSaved={(m) => void done(m)} />}
      {a.can.decide && <DecisionForm application={a} call={call.data} onSaved={(m) => void done(m)} />}
      {a.can.pay && <PaymentForm application={a} onSaved={(m) => void done(m)} />}
      {a.finalReport && (
        <>
          <h2>{t('fund.report.title')}</h2>
          <p>{a.finalReport.summary}</p>
          {a.finalReport.results && <p>{a.finalReport.results}</p>}
          <p>{t('fund.report.spentText', { spent: sek(a.finalReport.spentSek), participants: a.finalReport.participants ?? '–' })}</p>
        </>
      )}
      {a.can.report && <ReportForm application={a} onSaved={(m) => void done(m)} />}
    </section>
  );
}

function ApplicationDetails({ application: a }: { application: ApplicationView }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="meta">
        <dt>{t('fund.application.purpose')}</dt>
        <dd>{a.purpose || '–'}</dd>
        <dt>{t('fund.application.targetGroup')}</dt>
        <dd>{a.targetGroup || '–'}</dd>
        <dt>{t('fund.application.period')}</dt>
        <dd>
          {formatDate(a.startDate)} – {formatDate(a.endDate)}
        </dd>
        <dt>{t('fund.application.items')}</dt>
        <dd>
          {a.items.length === 0
            ? '–'
            : a.items.map((i) => `${i.reference}: ${i.text.length > 120 ? `${i.text.slice(0, 119)}…` : i.text}`).join('; ')}
        </dd>
        <dt>{t('fund.application.contact')}</dt>
        <dd>
          {a.organisation.contactName}, {a.organisation.contactEmail} {a.organisation.contactPhone}
        </dd>
      </dl>
      <h2>{t('fund.application.activities')}</h2>
      <ul>
        {a.activities.map((x, i) => (
          <li key={i}>
            {formatDate(x.date)}: {x.description}
          </li>
        ))}
      </ul>
      <table className="table compact">
        <caption>{t('fund.application.budgetCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fund.application.line')}</th>
            <th scope="col">{t('fund.application.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {a.budgetLines.map((l, i) => (
            <tr key={`b${i}`}>
              <th scope="row">{l.description}</th>
              <td className="num">{sek(l.amountSek)}</td>
            </tr>
          ))}
          {a.coFinancing.map((l, i) => (
            <tr key={`c${i}`}>
              <th scope="row">{t('fund.application.coFinancedBy', { source: l.source })}</th>
              <td className="num">−{sek(l.amountSek)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('fund.application.requestedLabel')}</th>
            <td className="num">{sek(a.requestedSek)}</td>
          </tr>
        </tbody>
      </table>
      {a.attachments.length > 0 && (
        <>
          <h2>{t('fund.application.attachments')}</h2>
          <ul>
            {a.attachments.map((f) => (
              <li key={f.id}>
                <a href={`/api/fund/attachments/${f.id}`}>{f.fileName}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function ApplicationForm({ application: a, onSaved }: { application: ApplicationView; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const items = useLoad(
    () => api<LinkableItem[]>('GET', `/api/municipalities/${a.municipalityCode}/programme-items`),
    [a.municipalityCode],
  );
  const [title, setTitle] = useState(a.title);
  const [purpose, setPurpose] = useState(a.purpose);
  const [targetGroup, setTargetGroup] = useState(a.targetGroup);
  const [startDate, setStartDate] = useState(a.startDate ?? '');
  const [endDate, setEndDate] = useState(a.endDate ?? '');
  const [activities, setActivities] = useState(a.activities.map((x) => ({ ...x })));
  const [lines, setLines] = useState(a.budgetLines.map((l) => ({ description: l.description, amount: String(l.amountSek) })));
  const [co, setCo] = useState(a.coFinancing.map((l) => ({ source: l.source, amount: String(l.amountSek) })));
  const [itemIds, setItemIds] = useState(a.items.map((i) => i.id));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const p = failure?.problems ?? {};
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api('PATCH', `/api/fund/applications/${a.id}`, {
        version: a.version,
        title,
        purpose,
        targetGroup,
        startDate: startDate || null,
        endDate: endDate || null,
        activities,
        budgetLines: lines.map((l) => ({ description: l.description, amountSek: num(l.amount) })),
        coFinancing: co.map((l) => ({ source: l.source, amountSek: num(l.amount) })),
        itemIds,
      });
      setFailure(undefined);
      onSaved(t('fund.application.saved'));
    } catch (e) {
      setFailure(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };
  const total = lines.reduce((s, l) => s + num(l.amount), 0) - co.reduce((s, l) => s + num(l.amount), 0);
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="fund-app-heading" noValidate>
      <h2 id="fund-app-heading">{t('fund.application.formTitle')}</h2>
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      <TextField id="fund-app-title" label={t('fund.application.title')} value={title} onChange={setTitle} problem={p['/title']} />
      <TextField
        id="fund-app-purpose"
        label={t('fund.application.purpose')}
        value={purpose}
        onChange={setPurpose}
        problem={p['/purpose']}
      />
      <TextField
        id="fund-app-target"
        label={t('fund.application.targetGroup')}
        value={targetGroup}
        onChange={setTargetGroup}
        problem={p['/targetGroup']}
      />
      <TextField
        id="fund-app-start"
        label={t('fund.application.startDate')}
        hint={t('fund.dateHint')}
        value={startDate}
        onChange={setStartDate}
        problem={p['/startDate']}
      />
      <TextField
        id="fund-app-end"
        label={t('fund.application.endDate')}
        hint={t('fund.dateHint')}
        value={endDate}
        onChange={setEndDate}
        problem={p['/endDate']}
      />
      <div className="field">
        <label htmlFor="fund-app-items">{t('fund.application.items')}</label>
        <select
          id="fund-app-items"
          multiple
          size={6}
          value={itemIds}
          onChange={(e) => setItemIds([...e.target.selectedOptions].map((o) => o.value))}
        >
          {(items.data ?? []).map((i) => (
            <option key={i.id} value={i.id}>
              {i.reference}: {i.text.length > 90 ? `${i.text.slice(0, 89)}…` : i.text}
            </option>
          ))}
        </select>
        <span className="hint">{t('fund.application.itemsHint')}</span>
      </div>
      <fieldset className="pg-units">
        <legend>{t('fund.application.activities')}</legend>
        {activities.map((x, i) => (
          <div key={i} className="pg-filters">
            <TextField
              id={`fund-act-${i}`}
              label={t('fund.application.activityN', { n: i + 1 })}
              value={x.description}
              onChange={(v) => setActivities(activities.map((y, j) => (j === i ? { ...y, description: v } : y)))}
              problem={p[`/activities/${i}/description`]}
            />
            <TextField
              id={`fund-act-date-${i}`}
              label={t('fund.application.activityDate', { n: i + 1 })}
              value={x.date}
              size={11}
              onChange={(v) => setActivities(activities.map((y, j) => (j === i ? { ...y, date: v } : y)))}
              problem={p[`/activities/${i}/date`]}
            />
            <button type="button" className="link-button" onClick={() => setActivities(activities.filter((_, j) => j !== i))}>
              {t('fund.removeNamed', { what: t('fund.application.activityN', { n: i + 1 }) })}
            </button>
          </div>
        ))}
        <button type="button" className="button secondary" onClick={() => setActivities([...activities, { description: '', date: '' }])}>
          {t('fund.application.addActivity')}
        </button>
      </fieldset>
      <fieldset className="pg-units">
        <legend>{t('fund.application.budget')}</legend>
        {lines.map((l, i) => (
          <div key={i} className="pg-filters">
            <TextField
              id={`fund-line-${i}`}
              label={t('fund.application.lineN', { n: i + 1 })}
              value={l.description}
              onChange={(v) => setLines(lines.map((y, j) => (j === i ? { ...y, description: v } : y)))}
              problem={p[`/budgetLines/${i}/description`]}
            />
            <TextField
              id={`fund-line-amount-${i}`}
              label={t('fund.application.lineAmount', { n: i + 1 })}
              value={l.amount}
              size={10}
              onChange={(v) => setLines(lines.map((y, j) => (j === i ? { ...y, amount: v } : y)))}
              problem={p[`/budgetLines/${i}/amountSek`]}
            />
            <button type="button" className="link-button" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
              {t('fund.removeNamed', { what: t('fund.application.lineN', { n: i + 1 }) })}
            </button>
          </div>
        ))}
        <button type="button" className="button secondary" onClick={() => setLines([...lines, { description: '', amount: '' }])}>
          {t('fund.application.addLine')}
        </button>
        {p['/budgetLines'] && <p className="field-error">{p['/budgetLines']}</p>}
      </fieldset>
      <fieldset className="pg-units">
        <legend>{t('fund.application.coFinancing')}</legend>
        {co.map((l, i) => (
          <div key={i} className="pg-filters">
            <TextField
              id={`fund-co-${i}`}
              label={t('fund.application.coN', { n: i + 1 })}
              value={l.source}
              onChange={(v) => setCo(co.map((y, j) => (j === i ? { ...y, source: v } : y)))}
              problem={p[`/coFinancing/${i}/source`]}
            />
            <TextField
              id={`fund-co-amount-${i}`}
              label={t('fund.application.coAmount', { n: i + 1 })}
              value={l.amount}
              size={10}
              onChange={(v) => setCo(co.map((y, j) => (j === i ? { ...y, amount: v } : y)))}
              problem={p[`/coFinancing/${i}/amountSek`]}
            />
            <button type="button" className="link-button" onClick={() => setCo(co.filter((_, j) => j !== i))}>
              {t('fund.removeNamed', { what: t('fund.application.coN', { n: i + 1 }) })}
            </button>
          </div>
        ))}
        <button type="button" className="button secondary" onClick={() => setCo([...co, { source: '', amount: '' }])}>
          {t('fund.application.addCo')}
        </button>
      </fieldset>
      <p aria-live="polite">{t('fund.application.requested', { amount: sek(Math.max(0, total)) })}</p>
      <FormActions busy={busy} label={t('fund.application.save')} />
    </form>
  );
}

function Attachments({ application: a, onChanged }: { application: ApplicationView; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState('');
  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      await uploadFile(`/api/fund/applications/${a.id}/attachments`, file);
      setProblem('');
      onChanged(t('fund.application.attached', { name: file.name }));
    } catch (e) {
      setProblem(problemsOf(e).message);
    }
  };
  const remove = async (id: string, name: string) => {
    await api('DELETE', `/api/fund/attachments/${id}`);
    onChanged(t('fund.application.detached', { name }));
  };
  return (
    <section aria-labelledby="fund-att-heading">
      <h2 id="fund-att-heading">{t('fund.application.attachments')}</h2>
      <ul>
        {a.attachments.map((f) => (
          <li key={f.id}>
            <a href={`/api/fund/attachments/${f.id}`}>{f.fileName}</a>{' '}
            <button type="button" className="link-button" onClick={() => void remove(f.id, f.fileName)}>
              {t('fund.removeNamed', { what: f.fileName })}
            </button>
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor="fund-att-file">{t('fund.application.attach')}</label>
        <input id="fund-att-file" type="file" onChange={(e) => void upload(e.target.files?.[0])} aria-describedby="fund-att-hint" />
        <span className="hint" id="fund-att-hint">
          {t('fund.application.attachHint')}
        </span>
        {problem && (
          <span className="field-error" role="alert">
            {problem}
          </span>
        )}
      </div>
    </section>
  );
}

function Assessments({ application: a, call }: { application: ApplicationView; call: CallView }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('fund.assessment.title')}</h2>
      <p>{t('fund.assessment.mean', { score: a.score ?? '–' })}</p>
      <table className="table compact">
        <caption>{t('fund.assessment.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fund.assessment.assessor')}</th>
            {call.criteria.map((c) => (
              <th scope="col" key={c.key}>
                {c.name}
              </th>
            ))}
            <th scope="col">{t('fund.assessment.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {a.assessments.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.assessorName}</th>
              {call.criteria.map((c) => (
                <td className="num" key={c.key}>
                  {s.scores[c.key] ?? '–'}
                </td>
              ))}
              <td>{s.comment}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function AssessmentForm({
  application: a,
  call,
  onSaved,
}: {
  application: ApplicationView;
  call: CallView;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const mine = a.assessments.find((s) => s.mine);
  const [scores, setScores] = useState<Record<string, string>>(
    Object.fromEntries(call.criteria.map((c) => [c.key, String(mine?.scores[c.key] ?? '3')])),
  );
  const [comment, setComment] = useState(mine?.comment ?? '');
  const [failure, setFailure] = useState<Failure>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('PUT', `/api/fund/applications/${a.id}/assessment`, {
        scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Number(v)])),
        comment,
        ...(mine ? { version: mine.version } : {}),
      });
      onSaved(t('fund.assessment.saved'));
    } catch (e) {
      setFailure(problemsOf(e));
    }
  };
  const options = ['0', '1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }));
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="fund-assess-heading" noValidate>
      <h2 id="fund-assess-heading">{mine ? t('fund.assessment.change') : t('fund.assessment.new')}</h2>
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      {call.criteria.map((c) => (
        <SelectField
          key={c.key}
          id={`fund-score-${c.key}`}
          label={t('fund.assessment.score', { name: c.name, weight: c.weight })}
          value={scores[c.key] ?? '3'}
          onChange={(v) => setScores({ ...scores, [c.key]: v })}
          options={options}
        />
      ))}
      <TextField id="fund-assess-comment" label={t('fund.assessment.comment')} value={comment} onChange={setComment} />
      <FormActions label={t('fund.assessment.save')} />
    </form>
  );
}

function DecisionForm({
  application: a,
  call,
  onSaved,
}: {
  application: ApplicationView;
  call: CallView | null;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'granted' | 'rejected'>('granted');
  const [decidedBy, setDecidedBy] = useState('KS');
  const [decidedOn, setDecidedOn] = useState('');
  const [paragraph, setParagraph] = useState('');
  const [amount, setAmount] = useState(String(a.requestedSek));
  const [conditions, setConditions] = useState('');
  const [override, setOverride] = useState('');
  const [failure, setFailure] = useState<Failure>();
  const p = failure?.problems ?? {};
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', `/api/fund/applications/${a.id}/decision`, {
        outcome,
        decidedBy,
        decidedOn,
        minutesParagraph: paragraph,
        grantedSek: outcome === 'granted' ? num(amount) : 0,
        conditions,
        overrideReason: override || null,
        version: a.version,
      });
      onSaved(t('fund.decision.saved'));
    } catch (e) {
      setFailure(problemsOf(e));
    }
  };
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="fund-decide-heading" noValidate>
      <h2 id="fund-decide-heading">{t('fund.decision.record')}</h2>
      {call && <p>{t('fund.call.budgetLeft', { budget: sek(call.budgetSek), left: sek(Math.max(0, call.balance.leftSek)) })}</p>}
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      <SelectField
        id="fund-decision-outcome"
        label={t('fund.decision.outcomeLabel')}
        value={outcome}
        onChange={setOutcome}
        options={[
          { value: 'granted', label: t('fund.decision.outcome.granted') },
          { value: 'rejected', label: t('fund.decision.outcome.rejected') },
        ]}
      />
      <TextField
        id="fund-decision-by"
        label={t('fund.decision.by')}
        hint={t('fund.decision.byHint')}
        value={decidedBy}
        onChange={setDecidedBy}
        problem={p['/decidedBy']}
      />
      <TextField
        id="fund-decision-on"
        label={t('fund.decision.on')}
        hint={t('fund.dateHint')}
        value={decidedOn}
        onChange={setDecidedOn}
        problem={p['/decidedOn']}
      />
      <TextField
        id="fund-decision-paragraph"
        label={t('fund.decision.paragraph')}
        hint={t('fund.decision.paragraphHint')}
        value={paragraph}
        onChange={setParagraph}
      />
      {outcome === 'granted' && (
        <TextField
          id="fund-decision-amount"
          label={t('fund.decision.amount')}
          value={amount}
          onChange={setAmount}
          problem={p['/grantedSek']}
          size={12}
        />
      )}
      <TextField id="fund-decision-conditions" label={t('fund.decision.conditions')} value={conditions} onChange={setConditions} />
      {outcome === 'granted' && (
        <TextField
          id="fund-decision-override"
          label={t('fund.decision.override')}
          hint={t('fund.decision.overrideHint')}
          value={override}
          onChange={setOverride}
        />
      )}
      <FormActions label={t('fund.decision.save')} />
    </form>
  );
}

function PaymentForm({ application: a, onSaved }: { application: ApplicationView; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const left = (a.decision?.grantedSek ?? 0) - a.paidSek;
  const [paidOn, setPaidOn] = useState('');
  const [amount, setAmount] = useState(String(left));
  const [failure, setFailure] = useState<Failure>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', `/api/fund/applications/${a.id}/payments`, { paidOn, amountSek: num(amount) });
      onSaved(t('fund.payment.saved'));
    } catch (e) {
      setFailure(problemsOf(e));
    }
  };
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="fund-pay-heading" noValidate>
      <h2 id="fund-pay-heading">{t('fund.payment.record')}</h2>
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      <TextField
        id="fund-pay-on"
        label={t('fund.payment.on')}
        hint={t('fund.dateHint')}
        value={paidOn}
        onChange={setPaidOn}
        problem={failure?.problems['/paidOn']}
      />
      <TextField
        id="fund-pay-amount"
        label={t('fund.payment.amount')}
        value={amount}
        onChange={setAmount}
        problem={failure?.problems['/amountSek']}
        size={12}
      />
      <FormActions label={t('fund.payment.save')} />
    </form>
  );
}

function ReportForm({ application: a, onSaved }: { application: ApplicationView; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState('');
  const [results, setResults] = useState('');
  const [participants, setParticipants] = useState('');
  const [spent, setSpent] = useState('');
  const [failure, setFailure] = useState<Failure>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', `/api/fund/applications/${a.id}/final-report`, {
        summary,
        results,
        participants: participants ? num(participants) : null,
        spentSek: num(spent),
        version: a.version,
      });
      onSaved(t('fund.report.saved'));
    } catch (e) {
      setFailure(problemsOf(e));
    }
  };
  const p = failure?.problems ?? {};
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="fund-report-heading" noValidate>
      <h2 id="fund-report-heading">{t('fund.report.file')}</h2>
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      <TextField id="fund-report-summary" label={t('fund.report.summary')} value={summary} onChange={setSummary} problem={p['/summary']} />
      <TextField id="fund-report-results" label={t('fund.report.results')} value={results} onChange={setResults} />
      <TextField
        id="fund-report-participants"
        label={t('fund.report.participants')}
        value={participants}
        onChange={setParticipants}
        problem={p['/participants']}
        size={6}
      />
      <TextField
        id="fund-report-spent"
        label={t('fund.report.spent')}
        value={spent}
        onChange={setSpent}
        problem={p['/spentSek']}
        size={12}
      />
      <FormActions label={t('fund.report.submit')} />
    </form>
  );
}
