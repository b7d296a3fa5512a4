import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ActionPlanDetail, ActivityView, GoalView, RequestView } from '../../../src/capabilities/action-plans/views.ts';
import { api, ApiError, type Unit } from '../client.ts';
import { FormActions, problemAt } from '../components/fields.tsx';
import { bodyOf, draftField, draftOf, TargetFieldset, type ItemDraft } from '../components/item-form.tsx';
import { ItemFacts } from '../components/item-view.tsx';
import { LoadError, Loading } from '../components/status.tsx';
import { describeRecurrence, lang } from '../format.ts';
import { useSession } from '../session.tsx';
import { useFocusOnMount } from '../use-focus.ts';
import { useLoad, useTitle } from '../use-load.ts';
import { requestableKinds, StateBadge } from './action-plans.tsx';

/** A unit's action plan: its activities under the plan's goals, drafted by the unit, decided on by the coordinator. */

type Panel = { kind: 'add'; goal: GoalView } | { kind: 'edit'; activity: ActivityView } | { kind: 'remove'; activity: ActivityView };

const goalName = (g: GoalView) => `${g.label}${g.number ? ` ${g.number}` : ''}`;

export function ActionPlanScreen() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const detail = useLoad(() => api<ActionPlanDetail>('GET', `/api/action-plans/${id}`), [id, user?.id]);
  const code = detail.data?.plan.municipality.code;
  const units = useLoad(() => (code ? api<Unit[]>('GET', `/api/municipalities/${code}/units`) : Promise.resolve([])), [code]);
  const [panel, setPanel] = useState<Panel>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  useTitle(detail.data?.actionPlan.title);

  if (detail.error) return <LoadError error={detail.error} />;
  if (!detail.data) return <Loading />;
  const { request, plan, actionPlan, goals, groups, unassigned, may } = detail.data;
  const goalOf = new Map(goals.map((g) => [g.id, g]));

  const afterWrite = async (message: string) => {
    setPanel(undefined);
    setError(undefined);
    await detail.reload();
    setNotice(message);
  };
  const failed = async (e: unknown) => {
    if (e instanceof ApiError && e.status === 409) {
      setError(t('actionPlans.conflict'));
      await detail.reload();
    } else setError((e as Error).message);
  };
  const transition = async (action: 'submit' | 'accept' | 'return', message: string, comment?: string) => {
    try {
      await api<RequestView>('POST', `/api/action-plans/${request.id}/${action}`, {
        version: request.version,
        ...(comment ? { comment } : {}),
      });
      await afterWrite(message);
    } catch (e) {
      await failed(e);
    }
  };

  const renderActivity = (a: ActivityView) => (
    <li key={a.id} className="node kind-activity">
      <ItemFacts
        node={{
          ...a,
          responsible: a.responsible.map((r) => r.name),
          contributors: a.responsible.filter((r) => r.role === 'contributor').map((r) => r.name),
          children: [],
        }}
        frameworkNames={new Map()}
      />
      {may.edit && (
        <div className="toolbar" role="group" aria-label={t('actionPlans.actionsFor', { text: a.text })}>
          <button type="button" onClick={() => setPanel({ kind: 'edit', activity: a })}>
            {t('common.edit')}
          </button>
          <button type="button" className="danger" onClick={() => setPanel({ kind: 'remove', activity: a })}>
            {t('common.delete')}
          </button>
        </div>
      )}
      {panel?.kind === 'edit' && panel.activity.id === a.id && (
        <ActivityForm
          title={t('actionPlans.editActivityTitle')}
          goals={goals}
          units={(units.data ?? []).filter((u) => requestableKinds.includes(u.kind) || a.responsible.some((r) => r.unitId === u.id))}
          initial={a}
          defaultUnitId={request.unit.id}
          onCancel={() => setPanel(undefined)}
          onSubmit={async (body) => {
            await api<ActivityView>('PATCH', `/api/action-plans/${request.id}/activities/${a.id}`, { version: a.version, ...body });
            await afterWrite(t('actionPlans.saved'));
          }}
        />
      )}
      {panel?.kind === 'remove' && panel.activity.id === a.id && (
        <ConfirmRemove
          text={a.text}
          onCancel={() => setPanel(undefined)}
          onConfirm={async () => {
            try {
              await api('DELETE', `/api/action-plans/${request.id}/activities/${a.id}?version=${a.version}`);
              await afterWrite(t('actionPlans.removed'));
            } catch (e) {
              setPanel(undefined);
              await failed(e);
            }
          }}
        />
      )}
    </li>
  );

  return (
    <section className="page">
      <header className="plan-header">
        <p className="breadcrumbs">
          <Link to="/">{t('layout.municipalities')}</Link> /{' '}
          <Link to={`/kommuner/${plan.municipality.code}`}>{plan.municipality.name}</Link> /{' '}
          <Link to={`/planer/${plan.id}`}>{plan.title}</Link> /{' '}
          <Link to={`/planer/${plan.id}/handlingsplaner`}>{t('actionPlans.title')}</Link>
        </p>
        <h1>{actionPlan.title}</h1>
        <p>
          <StateBadge state={request.state} /> {request.unit.name}
        </p>
        <dl className="meta">
          <div>
            <dt>{t('actionPlans.forPlan')}</dt>
            <dd>
              <Link to={`/planer/${plan.id}`}>{plan.title}</Link>
            </dd>
          </div>
          {request.due && (
            <div>
              <dt>{t('actionPlans.due')}</dt>
              <dd>{request.due}</dd>
            </div>
          )}
          {request.message && (
            <div>
              <dt>{t('actionPlans.requestMessage')}</dt>
              <dd>{request.message}</dd>
            </div>
          )}
        </dl>
        <p>
          <Link to={`/planer/${plan.id}/handlingsplaner`}>{t('actionPlans.back')}</Link>
        </p>
      </header>

      {request.returnComment && request.state !== 'accepted' && (
        <div className="alert error" role="note" aria-labelledby="return-comment-heading">
          <h2 id="return-comment-heading">{t('actionPlans.returnComment')}</h2>
          <p>{request.returnComment}</p>
        </div>
      )}
      {request.state === 'submitted' && <p className="alert ok">{t('actionPlans.locked')}</p>}
      {request.state === 'accepted' && <p className="alert ok">{t('actionPlans.acceptedNote')}</p>}
      <p role="status" aria-live="polite" className="notice">
        {notice}
      </p>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}

      {may.submit && (
        <button type="button" className="button" onClick={() => void transition('submit', t('actionPlans.submitted'))}>
          {t('actionPlans.submit')}
        </button>
      )}
      {may.decide && request.state === 'submitted' && (
        <Decision
          onAccept={() => transition('accept', t('actionPlans.accepted'))}
          onReturn={(c) => transition('return', t('actionPlans.returned'), c)}
        />
      )}

      <h2>{t('actionPlans.goalsTitle')}</h2>
      {may.edit && <p className="muted">{t('actionPlans.goalsIntro')}</p>}
      {groups.map((group) => {
        const goal = goalOf.get(group.goalId) as GoalView;
        const headingId = `goal-${goal.id}`;
        return (
          // Goals are numbered within their area ("Delmål 1" recurs), so the area is part of the section's name.
          <section key={goal.id} className="card" aria-labelledby={goal.context ? `${headingId}-context ${headingId}` : headingId}>
            {goal.context && (
              <p className="muted small" id={`${headingId}-context`}>
                {goal.context}
              </p>
            )}
            <h3 id={headingId}>{goalName(goal)}</h3>
            <p className="item-text">{goal.text}</p>
            {group.activities.length === 0 ? (
              <p className="muted">{t('actionPlans.noActivities')}</p>
            ) : (
              <ul className="tree">{group.activities.map(renderActivity)}</ul>
            )}
            {may.edit &&
              (panel?.kind === 'add' && panel.goal.id === goal.id ? (
                <ActivityForm
                  title={t('actionPlans.newActivity', { goal: goalName(goal) })}
                  goals={goals}
                  units={(units.data ?? []).filter((u) => requestableKinds.includes(u.kind))}
                  initial={{ servesItemId: goal.id }}
                  defaultUnitId={request.unit.id}
                  onCancel={() => setPanel(undefined)}
                  onSubmit={async (body) => {
                    await api<ActivityView>('POST', `/api/action-plans/${request.id}/activities`, body);
                    await afterWrite(t('actionPlans.added'));
                  }}
                />
              ) : (
                <button
                  type="button"
                  className="button secondary small"
                  aria-label={t('actionPlans.addActivityFor', { goal: goalName(goal) })}
                  onClick={() => setPanel({ kind: 'add', goal })}
                >
                  {t('actionPlans.addActivity')}
                </button>
              ))}
          </section>
        );
      })}
      {unassigned.length > 0 && (
        <section className="card" aria-labelledby="unassigned-heading">
          <h3 id="unassigned-heading">{t('actionPlans.unassigned')}</h3>
          <ul className="tree">{unassigned.map(renderActivity)}</ul>
        </section>
      )}
    </section>
  );
}

function Decision({ onAccept, onReturn }: { onAccept: () => Promise<void>; onReturn: (comment: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  return (
    <section className="card" aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t('actionPlans.decideTitle')}</h2>
      {!returning ? (
        <div className="actions">
          <button type="button" className="button" onClick={() => void onAccept()}>
            {t('actionPlans.accept')}
          </button>
          <button type="button" className="button secondary" onClick={() => setReturning(true)}>
            {t('actionPlans.return')}
          </button>
        </div>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void onReturn(comment.trim());
          }}
        >
          <h3>{t('actionPlans.returnTitle')}</h3>
          <div className="field">
            <label htmlFor="return-comment">{t('actionPlans.comment')}</label>
            <textarea id="return-comment" rows={3} value={comment} required onChange={(e) => setComment(e.target.value)} />
          </div>
          <FormActions label={t('actionPlans.return')} onCancel={() => setReturning(false)} />
        </form>
      )}
    </section>
  );
}

function ConfirmRemove({ text, onConfirm, onCancel }: { text: string; onConfirm: () => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const focusRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="card confirm" role="alertdialog" aria-labelledby="remove-title" aria-describedby="remove-text">
      <h4 id="remove-title" tabIndex={-1} ref={focusRef}>
        {t('actionPlans.removeTitle')}
      </h4>
      <p id="remove-text">{text}</p>
      <div className="actions">
        <button type="button" className="button danger" onClick={() => void onConfirm()}>
          {t('actionPlans.removeConfirm')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

const commonRules = ['', 'CONTINUOUS', 'FREQ=YEARLY', 'FREQ=MONTHLY;INTERVAL=6', 'FREQ=MONTHLY;INTERVAL=3', 'FREQ=MONTHLY'];
type Role = 'lead' | 'contributor' | '';

/** An activity's text, goal, responsible units, schedule and target; server problems appear at their fields. */
function ActivityForm({
  title,
  goals,
  units,
  initial,
  defaultUnitId,
  onSubmit,
  onCancel,
}: {
  title: string;
  goals: GoalView[];
  units: Unit[];
  initial: Partial<ActivityView> & { servesItemId: string | null };
  defaultUnitId: string;
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const focusRef = useFocusOnMount<HTMLHeadingElement>();
  const [serves, setServes] = useState(initial.servesItemId ?? goals[0]?.id ?? '');
  const [draft, setDraft] = useState<ItemDraft>(
    draftOf({
      kind: 'activity',
      label: initial.label ?? '',
      text: initial.text ?? '',
      due: initial.due ?? null,
      recurrence: initial.recurrence ?? null,
      target: initial.target ?? null,
    }),
  );
  const [recurrence, setRecurrence] = useState(initial.recurrence ?? '');
  const [roles, setRoles] = useState<Record<string, Role>>(
    initial.responsible ? Object.fromEntries(initial.responsible.map((r) => [r.unitId, r.role])) : { [defaultUnitId]: 'lead' },
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ItemDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const problem = (path: string) => problemAt(problems, path);
  // A rule written elsewhere (the plan's own RRULE) stays selectable as it is.
  const recurrenceOptions = commonRules.includes(recurrence) ? commonRules : [...commonRules, recurrence];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems({});
    setError(undefined);
    const { text, due, target } = bodyOf(draft);
    try {
      await onSubmit({
        servesItemId: serves,
        text,
        due,
        recurrence: recurrence || null,
        target,
        responsible: Object.entries(roles)
          .filter(([, r]) => r !== '')
          .map(([unitId, role]) => ({ unitId, role })),
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setError(t('actionPlans.conflict'));
      else if (e instanceof ApiError && e.details.length > 0) {
        setProblems(e.problems);
        setError(t('form.invalid'));
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const field = draftField(id, draft, set, problem);

  return (
    <form className="item-form card" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} tabIndex={-1} ref={focusRef}>
        {title}
      </h4>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('actionPlans.text')}</label>
        <textarea
          id={`${id}-text`}
          rows={3}
          value={draft.text}
          required
          onChange={(e) => set({ text: e.target.value })}
          aria-invalid={problem('/text') ? true : undefined}
          aria-describedby={problem('/text') ? `${id}-text-error` : undefined}
        />
        {problem('/text') && (
          <span className="field-error" id={`${id}-text-error`}>
            {problem('/text')}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-serves`}>{t('actionPlans.serves')}</label>
        <select id={`${id}-serves`} value={serves} onChange={(e) => setServes(e.target.value)}>
          {goals.map((g) => (
            <option key={g.id} value={g.id}>
              {`${goalName(g)}: ${g.text.length > 90 ? `${g.text.slice(0, 90)}…` : g.text}`}
            </option>
          ))}
        </select>
        {problem('/servesItemId') && <span className="field-error">{problem('/servesItemId')}</span>}
      </div>
      <fieldset>
        <legend>{t('actionPlans.responsible')}</legend>
        {units.map((u) => (
          <div key={u.id} className="field inline">
            <label htmlFor={`${id}-role-${u.id}`}>
              {u.abbreviation && u.abbreviation !== u.name ? `${u.name} (${u.abbreviation})` : u.name}
            </label>
            <select
              id={`${id}-role-${u.id}`}
              value={roles[u.id] ?? ''}
              onChange={(e) => setRoles({ ...roles, [u.id]: e.target.value as Role })}
            >
              <option value="">–</option>
              <option value="lead">{t('roles.lead')}</option>
              <option value="contributor">{t('roles.contributor')}</option>
            </select>
          </div>
        ))}
        {problem('/responsible') && <span className="field-error">{problem('/responsible')}</span>}
      </fieldset>
      <div className="field-row">
        {field('due', '/due', t('item.due'), { hint: t('item.dueHint'), size: 12 })}
        <div className="field">
          <label htmlFor={`${id}-recurrence`}>{t('item.recurrence')}</label>
          <select id={`${id}-recurrence`} value={recurrence} onChange={(e) => setRecurrence(e.target.value)}>
            {recurrenceOptions.map((r) => (
              <option key={r} value={r}>
                {r === '' ? t('item.noRecurrence') : describeRecurrence(r, lang(i18n.language))}
              </option>
            ))}
          </select>
          {problem('/recurrence') && <span className="field-error">{problem('/recurrence')}</span>}
        </div>
      </div>
      <TargetFieldset id={id} draft={draft} set={set} problem={problem} />
      <FormActions onCancel={onCancel} busy={busy} />
    </form>
  );
}
