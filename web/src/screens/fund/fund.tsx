import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../client.ts';
import { FormActions, SelectField, TextField } from '../../components/fields.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { useSession } from '../../session.tsx';
import { useFocusOnMount } from '../../use-focus.ts';
import { useLoad, useTitle } from '../../use-load.ts';
import {
  BarChart,
  ExampleBadge,
  formatDate,
  Money,
  organisationKinds,
  problemsOf,
  sek,
  type CallView,
  type FundOverview,
  type FundView,
  type GrantView,
} from './shared.tsx';

/** Integrationsfonden: calls and the balance per year for everyone; the coordinator opens and closes calls here. */
export function FundScreen() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const overview = useLoad(() => api<FundOverview>('GET', `/api/municipalities/${code}/fund`), [code, user?.id]);
  const grants = useLoad(() => api<GrantView[]>('GET', `/api/municipalities/${code}/fund/grants`), [code]);
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState<{ fundId: string; call: CallView | null } | null>(null);
  useTitle(overview.data ? t('fund.title', { name: overview.data.municipality.name }) : undefined);
  const error = overview.error ?? grants.error;
  if (error) return <LoadError error={error} />;
  if (!overview.data || !grants.data) return <Loading />;
  const o = overview.data;
  const saved = async (message: string) => {
    await overview.reload();
    setEditing(null);
    setNotice(message);
  };
  const setStatus = async (call: CallView, status: 'open' | 'closed' | 'decided') => {
    try {
      await api('PATCH', `/api/fund/calls/${call.id}`, { version: call.version, status });
      await saved(t(`fund.call.now.${status}`, { title: call.title }));
    } catch (e) {
      setNotice(problemsOf(e).message);
    }
  };
  return (
    <section className="page">
      <p className="breadcrumbs">
        <Link to="/">{t('layout.municipalities')}</Link> / <Link to={`/kommuner/${code}`}>{o.municipality.name}</Link> / {t('fund.crumb')}
      </p>
      <h1>{t('fund.title', { name: o.municipality.name })}</h1>
      <p className="lead">{t('fund.intro')}</p>
      <p role="status" aria-live="polite" className="notice">
        {notice}
      </p>
      {user === null && (
        <p>
          <Link to={`/kommuner/${code}/fonden/registrera`}>{t('fund.register.link')}</Link> · <Link to="/logga-in">{t('fund.signIn')}</Link>
        </p>
      )}
      {o.organisation && (
        <p>
          <Link to="/fonden/mina">{t('fund.mine.link', { name: o.organisation.name })}</Link>
        </p>
      )}
      {o.funds.length === 0 && <p>{t('fund.noFunds')}</p>}
      {o.funds.map((f) => (
        <FundSection
          key={f.id}
          fund={f}
          canManage={o.canManage}
          onStatus={(c, s) => void setStatus(c, s)}
          onEdit={(call) => setEditing({ fundId: f.id, call })}
        />
      ))}
      {editing && (
        <CallForm
          key={editing.call?.id ?? 'new'}
          fundId={editing.fundId}
          call={editing.call}
          onCancel={() => setEditing(null)}
          onSaved={(m) => void saved(m)}
        />
      )}
      {o.canManage && o.funds.length === 0 && <FundForm code={code} onSaved={(m) => void saved(m)} />}

      <h2>{t('fund.grants.title')}</h2>
      {grants.data.length === 0 ? (
        <p>{t('fund.grants.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="fund-grants-caption" tabIndex={0}>
          <table className="table compact">
            <caption id="fund-grants-caption">{t('fund.grants.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fund.grants.project')}</th>
                <th scope="col">{t('fund.grants.organisation')}</th>
                <th scope="col">{t('fund.year')}</th>
                <th scope="col">{t('fund.grants.amount')}</th>
                <th scope="col">{t('fund.grants.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {grants.data.map((g) => (
                <tr key={g.applicationId}>
                  <th scope="row">
                    {g.title}
                    <ExampleBadge example={g.example} />
                  </th>
                  <td>{g.organisation}</td>
                  <td>{g.year}</td>
                  <td className="num">{sek(g.grantedSek)}</td>
                  <td>
                    {g.decidedBy}, {formatDate(g.decidedOn)} {g.minutesParagraph}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FundSection({
  fund,
  canManage,
  onStatus,
  onEdit,
}: {
  fund: FundView;
  canManage: boolean;
  onStatus: (call: CallView, status: 'open' | 'closed' | 'decided') => void;
  onEdit: (call: CallView | null) => void;
}) {
  const { t } = useTranslation();
  const tableId = `fund-years-${fund.id}`;
  return (
    <>
      <h2>
        {fund.name}
        <ExampleBadge example={fund.example} />
      </h2>
      {fund.description && <p>{fund.description}</p>}
      <h3>{t('fund.balance.title')}</h3>
      {fund.years.length === 0 ? (
        <p>{t('fund.balance.none')}</p>
      ) : (
        <div className="pg-summary">
          <BarChart
            bars={fund.years.map((y) => ({ label: String(y.year), value: y.grantedSek }))}
            min={null}
            max={null}
            label={t('fund.balance.chart')}
            describedBy={tableId}
          />
          <table className="table compact" id={tableId}>
            <caption>{t('fund.balance.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fund.year')}</th>
                <th scope="col">{t('fund.balance.budget')}</th>
                <th scope="col">{t('fund.balance.granted')}</th>
                <th scope="col">{t('fund.balance.left')}</th>
              </tr>
            </thead>
            <tbody>
              {fund.years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  <td className="num">{sek(y.budgetSek)}</td>
                  <td className="num">{sek(y.grantedSek)}</td>
                  <td className="num">
                    <Money amount={y.leftSek} />
                    {y.overrideSek > 0 && <span className="pg-lacking"> {t('fund.balance.override', { amount: sek(y.overrideSek) })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('fund.calls.title')}</h3>
      {fund.calls.length === 0 ? (
        <p>{t('fund.calls.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={`fund-calls-${fund.id}`} tabIndex={0}>
          <table className="table compact">
            <caption id={`fund-calls-${fund.id}`}>{t('fund.calls.caption', { name: fund.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fund.call.title')}</th>
                <th scope="col">{t('fund.call.budget')}</th>
                <th scope="col">{t('fund.call.deadline')}</th>
                <th scope="col">{t('fund.call.eligible')}</th>
                <th scope="col">{t('fund.call.phase')}</th>
                {canManage && (
                  <th scope="col">
                    <span className="visually-hidden">{t('fund.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {fund.calls.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/fonden/utlysningar/${c.id}`}>{c.title}</Link>
                    <ExampleBadge example={c.example} />
                  </th>
                  <td className="num">{sek(c.budgetSek)}</td>
                  <td>{formatDate(c.deadline)}</td>
                  <td>{c.eligibleKinds.map((k) => t(`fund.kinds.${k}`)).join(', ')}</td>
                  <td>{t(`fund.phase.${c.phase}`)}</td>
                  {canManage && (
                    <td>
                      {c.status !== 'decided' && (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => onEdit(c)}
                          aria-label={t('fund.call.editNamed', { title: c.title })}
                        >
                          {t('fund.call.change')}
                        </button>
                      )}{' '}
                      {(c.status === 'draft' || c.status === 'closed') && (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => onStatus(c, 'open')}
                          aria-label={t('fund.call.openNamed', { title: c.title })}
                        >
                          {t('fund.call.open')}
                        </button>
                      )}{' '}
                      {c.status === 'open' && (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => onStatus(c, 'closed')}
                          aria-label={t('fund.call.closeNamed', { title: c.title })}
                        >
                          {t('fund.call.close')}
                        </button>
                      )}{' '}
                      {c.status === 'closed' && (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => onStatus(c, 'decided')}
                          aria-label={t('fund.call.decidedNamed', { title: c.title })}
                        >
                          {t('fund.call.markDecided')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && (
        <button type="button" className="button secondary" onClick={() => onEdit(null)}>
          {t('fund.call.new')}
        </button>
      )}
    </>
  );
}

function FundForm({ code, onSaved }: { code: string; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(t('fund.defaultName'));
  const [description, setDescription] = useState('');
  const [failure, setFailure] = useState<{ problems: Record<string, string>; message: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', `/api/municipalities/${code}/fund/funds`, { name, description });
      onSaved(t('fund.created'));
    } catch (e) {
      setFailure(problemsOf(e));
    }
  };
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="fund-new-heading" noValidate>
      <h2 id="fund-new-heading">{t('fund.new')}</h2>
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      <TextField id="fund-name" label={t('fund.name')} value={name} onChange={setName} problem={failure?.problems['/name']} />
      <TextField id="fund-description" label={t('fund.description')} value={description} onChange={setDescription} />
      <FormActions label={t('fund.create')} />
    </form>
  );
}

function CallForm({
  fundId,
  call,
  onCancel,
  onSaved,
}: {
  fundId: string;
  call: CallView | null;
  onCancel: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const year = new Date().getFullYear();
  const [title, setTitle] = useState(call?.title ?? '');
  const [callYear, setCallYear] = useState(String(call?.year ?? year));
  const [budget, setBudget] = useState(call ? String(call.budgetSek) : '');
  const [opensOn, setOpensOn] = useState(call?.opensOn ?? '');
  const [deadline, setDeadline] = useState(call?.deadline ?? '');
  const [periodFrom, setPeriodFrom] = useState(call?.periodFrom ?? '');
  const [periodTo, setPeriodTo] = useState(call?.periodTo ?? '');
  const [kinds, setKinds] = useState<string[]>(call?.eligibleKinds ?? ['association']);
  const [priority, setPriority] = useState<'none' | 'municipal_units_first'>(call?.priorityRule ?? 'none');
  // Existing criteria keep their keys, so scores already given stay attached to them.
  const [criteria, setCriteria] = useState<{ key?: string; name: string; weight: string }[]>(
    call?.criteria.map((c) => ({ key: c.key, name: c.name, weight: String(c.weight) })) ?? [
      { name: t('fund.call.defaultCriterion'), weight: '1' },
    ],
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ problems: Record<string, string>; message: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const body = {
        title,
        year: Number(callYear),
        budgetSek: Number(budget.replace(/\s/g, '')),
        opensOn,
        deadline,
        periodFrom,
        periodTo,
        eligibleKinds: kinds,
        criteria: criteria.map((c) => ({ ...(c.key ? { key: c.key } : {}), name: c.name, weight: Number(c.weight) })),
        priorityRule: priority,
      };
      if (call) await api('PATCH', `/api/fund/calls/${call.id}`, { version: call.version, ...body });
      else await api('POST', `/api/fund/funds/${fundId}/calls`, body);
      onSaved(call ? t('fund.call.updated') : t('fund.call.saved'));
    } catch (e) {
      setFailure(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };
  const p = failure?.problems ?? {};
  const date = (id: string, label: string, value: string, set: (v: string) => void, path: string) => (
    <TextField id={id} label={label} hint={t('fund.dateHint')} value={value} onChange={set} problem={p[path]} />
  );
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="fund-call-heading" noValidate>
      <h3 id="fund-call-heading" ref={headingRef} tabIndex={-1}>
        {call ? t('fund.call.edit', { title: call.title }) : t('fund.call.new')}
      </h3>
      {failure && (
        <p className="alert error" role="alert">
          {failure.message}
        </p>
      )}
      <TextField id="fund-call-title" label={t('fund.call.title')} value={title} onChange={setTitle} problem={p['/title']} />
      <TextField id="fund-call-year" label={t('fund.year')} value={callYear} onChange={setCallYear} problem={p['/year']} size={6} />
      <TextField
        id="fund-call-budget"
        label={t('fund.call.budgetSek')}
        value={budget}
        onChange={setBudget}
        problem={p['/budgetSek']}
        size={12}
      />
      {date('fund-call-opens', t('fund.call.opensOn'), opensOn, setOpensOn, '/opensOn')}
      {date('fund-call-deadline', t('fund.call.deadline'), deadline, setDeadline, '/deadline')}
      {date('fund-call-from', t('fund.call.periodFrom'), periodFrom, setPeriodFrom, '/periodFrom')}
      {date('fund-call-to', t('fund.call.periodTo'), periodTo, setPeriodTo, '/periodTo')}
      <fieldset className="pg-units">
        <legend>{t('fund.call.eligible')}</legend>
        {organisationKinds.map((k) => (
          <div className="field inline" key={k}>
            <input
              id={`fund-kind-${k}`}
              type="checkbox"
              checked={kinds.includes(k)}
              onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))}
            />
            <label htmlFor={`fund-kind-${k}`}>{t(`fund.kinds.${k}`)}</label>
          </div>
        ))}
        {p['/eligibleKinds'] && <span className="field-error">{p['/eligibleKinds']}</span>}
      </fieldset>
      <SelectField
        id="fund-call-priority"
        label={t('fund.call.priority')}
        value={priority}
        onChange={setPriority}
        options={[
          { value: 'none', label: t('fund.priority.none') },
          { value: 'municipal_units_first', label: t('fund.priority.municipal_units_first') },
        ]}
      />
      <fieldset className="pg-units">
        <legend>{t('fund.call.criteria')}</legend>
        {criteria.map((c, i) => (
          <div key={i} className="pg-filters">
            <TextField
              id={`fund-criterion-${i}`}
              label={t('fund.call.criterionName', { n: i + 1 })}
              value={c.name}
              onChange={(v) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, name: v } : x)))}
              problem={p[`/criteria/${i}/name`]}
            />
            <TextField
              id={`fund-criterion-weight-${i}`}
              label={t('fund.call.weight', { n: i + 1 })}
              value={c.weight}
              size={3}
              onChange={(v) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, weight: v } : x)))}
              problem={p[`/criteria/${i}/weight`]}
            />
            {criteria.length > 1 && (
              <button type="button" className="link-button" onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}>
                {t('fund.removeNamed', { what: t('fund.call.criterionName', { n: i + 1 }) })}
              </button>
            )}
          </div>
        ))}
        <button type="button" className="button secondary" onClick={() => setCriteria([...criteria, { name: '', weight: '1' }])}>
          {t('fund.call.addCriterion')}
        </button>
      </fieldset>
      <FormActions onCancel={onCancel} busy={busy} label={call ? t('fund.call.update') : t('fund.call.create')} />
    </form>
  );
}
