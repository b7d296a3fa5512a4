import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import type { RequestState } from '../../../src/capabilities/action-plans/rules.ts';
import type { RequestView } from '../../../src/capabilities/action-plans/views.ts';
import { api, ApiError, type DocumentView, type Unit, type User } from '../client.ts';
import { PlanHeader } from '../components/plan-header.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { canEditPlan, useSession } from '../session.tsx';
import { useLoad, useTitle } from '../use-load.ts';

/** The coordinator's page of a plan's action plans: ask units, follow their state, compile the accepted ones. */

export const requestableKinds: Unit['kind'][] = ['committee', 'administration', 'unit', 'company'];
const stateBadge: Record<RequestState, string> = {
  requested: 'badge status-draft',
  submitted: 'badge status-proposed',
  returned: 'badge warn',
  accepted: 'badge status-adopted',
};

export function StateBadge({ state }: { state: RequestState }) {
  const { t } = useTranslation();
  return <span className={stateBadge[state]}>{t(`actionPlans.states.${state}`)}</span>;
}

/** Members of the municipality see its drafts, action plans among them. */
export const isMember = (user: User | null, municipalityCode: string) =>
  user !== null && (user.role === 'admin' || user.municipalityCode === municipalityCode);

interface ListedDocument {
  id: string;
  title: string;
  kind: string;
  status: string;
  parentDocumentId: string | null;
  edition: number;
  version: number;
}

const planKinds = new Set(['policy', 'strategy', 'program', 'plan']);

/** The plan header's tab to this page, for members of the municipality and plans that can have action plans. */
export function ActionPlansTab({ document }: { document: DocumentView }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!planKinds.has(document.kind) || !isMember(user, document.municipality.code)) return null;
  return <NavLink to={`/planer/${document.id}/handlingsplaner`}>{t('actionPlans.tab')}</NavLink>;
}

/** On an action plan document, the way to the page where its unit drafts it. */
export function ActionPlanLink({ document, parentId }: { document: DocumentView; parentId: string | null }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const member = document.kind === 'action-plan' && parentId !== null && isMember(user, document.municipality.code);
  const requests = useLoad(
    () => (member && parentId ? api<RequestView[]>('GET', `/api/plans/${parentId}/action-plans`) : Promise.resolve([])),
    [member, parentId, document.id],
  );
  const request = requests.data?.find((r) => r.actionPlanId === document.id);
  if (!request) return null;
  return (
    <Link className="button small" to={`/handlingsplaner/${request.id}`}>
      {t('actionPlans.openActionPlan')}
    </Link>
  );
}

export function ActionPlansScreen() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const doc = useLoad(() => api<DocumentView>('GET', `/api/plans/${id}`), [id, user?.id]);
  const requests = useLoad(() => api<RequestView[]>('GET', `/api/plans/${id}/action-plans`), [id, user?.id]);
  const code = doc.data?.municipality.code;
  const units = useLoad(() => (code ? api<Unit[]>('GET', `/api/municipalities/${code}/units`) : Promise.resolve([])), [code]);
  const documents = useLoad(
    () => (code ? api<ListedDocument[]>('GET', `/api/municipalities/${code}/documents`) : Promise.resolve([])),
    [code, user?.id],
  );
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  useTitle(doc.data ? `${t('actionPlans.title')} – ${doc.data.title}` : undefined);

  const error = doc.error ?? requests.error;
  if (error) return <LoadError error={error} />;
  if (!doc.data || !requests.data) return <Loading />;
  const plan = doc.data;
  const coordinator = canEditPlan(user, plan.municipality.code);
  const ready = plan.status === 'adopted' || plan.status === 'proposed';
  const accepted = requests.data.filter((r) => r.state === 'accepted').length;
  const activityPlans = (documents.data ?? []).filter((d) => d.parentDocumentId === plan.id && d.kind === 'activity-plan');
  const draftActivityPlan = activityPlans.find((d) => d.status === 'draft');
  const dateFormat = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'long' });

  const compile = async () => {
    setBusy(true);
    try {
      await api<DocumentView>(
        'POST',
        `/api/plans/${plan.id}/activity-plan/compile`,
        draftActivityPlan ? { version: draftActivityPlan.version } : {},
      );
      await documents.reload();
      setMessage({ kind: 'ok', text: t('actionPlans.compiled') });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
      await documents.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page">
      <PlanHeader document={plan} />
      <h2>{t('actionPlans.title')}</h2>
      <p className="muted">{coordinator ? t('actionPlans.intro') : t('actionPlans.readerIntro')}</p>
      <p role="status" aria-live="polite" className={message?.kind === 'ok' ? 'notice' : undefined}>
        {message?.kind === 'ok' ? message.text : ''}
      </p>
      {message?.kind === 'error' && (
        <p className="alert error" role="alert">
          {message.text}
        </p>
      )}

      <h3>{t('actionPlans.listTitle')}</h3>
      {requests.data.length === 0 ? (
        <p>{t('actionPlans.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('actionPlans.unit')}</th>
                <th scope="col">{t('actionPlans.state')}</th>
                <th scope="col">{t('actionPlans.activities')}</th>
                <th scope="col">{t('actionPlans.dueColumn')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actionPlans.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.data.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.unit.name}</th>
                  <td>
                    <StateBadge state={r.state} />
                  </td>
                  <td>{r.activityCount}</td>
                  <td>{r.due ? dateFormat.format(new Date(`${r.due}T12:00:00`)) : '–'}</td>
                  <td>
                    <Link to={`/handlingsplaner/${r.id}`} aria-label={t('actionPlans.openFor', { unit: r.unit.name })}>
                      {t('actionPlans.open')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {(coordinator || activityPlans.length > 0) && (
        <section className="card" aria-labelledby="activity-plan-heading">
          <h3 id="activity-plan-heading">{t('actionPlans.compileTitle')}</h3>
          {activityPlans.map((d) => (
            <p key={d.id}>
              <Link to={`/planer/${d.id}`}>{t('actionPlans.activityPlanLink', { title: d.title })}</Link>{' '}
              <span className={`badge status-${d.status}`}>{t([`status.${d.status}`, `revisions.status.${d.status}`])}</span>
            </p>
          ))}
          {coordinator && (
            <>
              <p className="muted">{accepted > 0 ? t('actionPlans.compileIntro') : t('actionPlans.noAccepted')}</p>
              <button type="button" className="button" disabled={busy || accepted === 0} onClick={() => void compile()}>
                {t('actionPlans.compile')}
              </button>
            </>
          )}
        </section>
      )}

      {coordinator &&
        (ready ? (
          <RequestForm
            planId={plan.id}
            units={(units.data ?? []).filter((u) => requestableKinds.includes(u.kind))}
            asked={new Set(requests.data.map((r) => r.unit.id))}
            onSent={async (count) => {
              await requests.reload();
              await documents.reload();
              setMessage({ kind: 'ok', text: t('actionPlans.sent', { count }) });
            }}
          />
        ) : (
          <p className="alert ok">{t('actionPlans.notReady')}</p>
        ))}
    </section>
  );
}

function RequestForm({
  planId,
  units,
  asked,
  onSent,
}: {
  planId: string;
  units: Unit[];
  asked: Set<string>;
  onSent: (count: number) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [due, setDue] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const open = units.filter((u) => !asked.has(u.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (chosen.size === 0) {
      setError(t('actionPlans.chooseUnit'));
      return;
    }
    setBusy(true);
    try {
      const sent = await api<RequestView[]>('POST', `/api/plans/${planId}/action-plans`, {
        unitIds: [...chosen],
        due: due.trim() || null,
        message: message.trim() || null,
      });
      setChosen(new Set());
      setDue('');
      setMessage('');
      await onSent(sent.length);
    } catch (e) {
      setError(e instanceof ApiError && e.details.length > 0 ? e.details.map((d) => d.message).join(' ') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="request-heading" noValidate>
      <h3 id="request-heading">{t('actionPlans.requestTitle')}</h3>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      {open.length === 0 ? (
        <p>{t('actionPlans.allAsked')}</p>
      ) : (
        <>
          <fieldset>
            <legend>{t('actionPlans.units')}</legend>
            {units.map((u) => {
              const already = asked.has(u.id);
              const label = u.abbreviation && u.abbreviation !== u.name ? `${u.name} (${u.abbreviation})` : u.name;
              return (
                <div key={u.id} className="check">
                  <input
                    type="checkbox"
                    id={`unit-${u.id}`}
                    checked={already || chosen.has(u.id)}
                    disabled={already}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(u.id);
                      else next.delete(u.id);
                      setChosen(next);
                    }}
                  />
                  <label htmlFor={`unit-${u.id}`}>{already ? t('actionPlans.alreadyAsked', { name: label }) : label}</label>
                </div>
              );
            })}
          </fieldset>
          <div className="field">
            <label htmlFor="request-due">{t('actionPlans.due')}</label>
            <input id="request-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} aria-describedby="request-due-hint" />
            <span className="hint" id="request-due-hint">
              {t('actionPlans.dueHint')}
            </span>
          </div>
          <div className="field">
            <label htmlFor="request-message">{t('actionPlans.message')}</label>
            <textarea id="request-message" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('actionPlans.send')}
          </button>
        </>
      )}
    </form>
  );
}
