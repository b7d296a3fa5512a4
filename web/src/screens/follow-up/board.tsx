import { outstandingStates } from '../../../../src/capabilities/follow-up/workflow.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, type DocumentView, type Outline, type OutlineNode } from '../../client.ts';
import { BarChartWithTable } from '../../components/follow-up/charts.tsx';
import { GoalCard } from '../../components/follow-up/goal-card.tsx';
import {
  ExampleBadge,
  ProgressBar,
  StateBadge,
  StatusWord,
  TrafficLight,
  useFollowUpWords,
} from '../../components/follow-up/indicators.tsx';
import { ReportPanel } from '../../components/follow-up/report-panel.tsx';
import type { CycleDetail, CycleView, GroupSummary, ReportState, TaskView } from '../../components/follow-up/types.ts';
import { PlanHeader } from '../../components/plan-header.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { formatDateTime } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import '../../styles/follow-up.css';
import { useOccurrenceText } from '../../components/follow-up/indicators.tsx';

type Filter = 'all' | 'submitted' | 'outstanding' | 'returned';
const filterStates: Record<Filter, ReportState[] | null> = {
  all: null,
  submitted: ['submitted'],
  outstanding: outstandingStates,
  returned: ['returned'],
};
const statusKeys = ['not_reported', 'not_started', 'in_progress', 'done', 'delayed', 'cancelled'] as const;

/** "3 av 5" reported: every task with a status written down. */
export function reportedOf(summary: GroupSummary): { reported: number; total: number } {
  return { reported: summary.total - summary.byStatus.not_reported, total: summary.total };
}

interface TaskGroup {
  key: string;
  title: string;
  tasks: TaskView[];
}

/** Tasks grouped by the plan's parts (areas), in the plan's order. */
function groupTasks(detail: CycleDetail, outline: Outline | undefined, otherTitle: string): TaskGroup[] {
  const order = new Map<string, number>();
  const partOf = new Map<string, string>();
  const partIds = new Set(detail.parts.map((p) => p.itemId).filter((i): i is string => i !== null));
  const walk = (nodes: OutlineNode[], part: string | null) => {
    for (const n of nodes) {
      order.set(n.id, order.size);
      const here = partIds.has(n.id) ? n.id : part;
      if (here) partOf.set(n.id, here);
      walk(n.children, here);
    }
  };
  walk(outline?.nodes ?? [], null);
  const byOrder = (a: TaskView, b: TaskView) =>
    (order.get(a.itemId ?? '') ?? 1e9) - (order.get(b.itemId ?? '') ?? 1e9) ||
    (a.occurrence ?? '').localeCompare(b.occurrence ?? '') ||
    (a.unit?.name ?? '').localeCompare(b.unit?.name ?? '', 'sv');
  const groups: TaskGroup[] = detail.parts.map((p) => ({
    key: p.itemId ?? 'plan',
    title: p.itemId ? `${p.reference}${p.text ? `: ${p.text}` : ''}` : p.reference,
    tasks: [],
  }));
  const other: TaskGroup = { key: 'other', title: otherTitle, tasks: [] };
  for (const task of detail.tasks) {
    const part = partOf.get(task.itemId ?? '');
    const group = part
      ? groups.find((g) => g.key === part)
      : detail.parts.length === 1 && detail.parts[0]?.itemId === null
        ? groups[0]
        : undefined;
    (group ?? other).tasks.push(task);
  }
  return [...groups, other].filter((g) => g.tasks.length > 0).map((g) => ({ ...g, tasks: g.tasks.sort(byOrder) }));
}

export function BoardScreen() {
  const { id = '', cycleId = '' } = useParams();
  const { t } = useTranslation();
  const occurrenceText = useOccurrenceText();
  const { user } = useSession();
  const words = useFollowUpWords();
  const doc = useLoad(() => api<DocumentView>('GET', `/api/plans/${id}`), [id, user?.id]);
  const detail = useLoad(() => api<CycleDetail>('GET', `/api/cycles/${cycleId}`), [cycleId, user?.id]);
  const outline = useLoad(() => api<Outline>('GET', `/api/plans/${id}/outline`), [id, user?.id]);
  const [filter, setFilter] = useState<Filter>('all');
  const [notice, setNotice] = useState<{ kind: 'status' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  useTitle(detail.data ? `${detail.data.cycle.label} – ${detail.data.document.title}` : undefined);
  const groups = useMemo(
    () => (detail.data ? groupTasks(detail.data, outline.data, t('followUp.board.wholePlan')) : []),
    [detail.data, outline.data, t],
  );

  const error = doc.error ?? detail.error;
  if (error) return <LoadError error={error} />;
  if (!doc.data || !detail.data) return <Loading />;
  const { cycle, canManage } = detail.data;
  const summary = cycle.summary;
  const { reported, total } = reportedOf(summary);

  const cycleAction = async (action: 'close' | 'reopen' | 'refresh') => {
    setBusy(true);
    setNotice(undefined);
    try {
      if (action === 'refresh') {
        const r = await api<{ added: number; removed: number; kept: number }>('POST', `/api/cycles/${cycle.id}/refresh`, {
          version: cycle.version,
        });
        setNotice({ kind: 'status', text: t('followUp.board.refreshed', r) });
      } else {
        await api<CycleView>('POST', `/api/cycles/${cycle.id}/${action}`, { version: cycle.version });
        setNotice({ kind: 'status', text: t(action === 'close' ? 'followUp.board.closed' : 'followUp.board.reopenedDone') });
      }
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof ApiError && e.status === 409 ? t('followUp.board.conflict') : (e as Error).message });
    } finally {
      await detail.reload();
      setBusy(false);
    }
  };

  const states = filterStates[filter];
  const shownCount = detail.data.tasks.filter((task) => !states || states.includes(task.state)).length;
  const unitsBehind = detail.data.units.filter((u) => u.outstanding > 0);

  return (
    <section className="page">
      <PlanHeader document={doc.data} />
      <p className="breadcrumbs">
        <Link to={`/planer/${id}/uppfoljning`}>{t('followUp.board.back')}</Link>
      </p>
      <h2>{t('followUp.board.title', { label: cycle.label })}</h2>

      <div className="fu-glance" role="group" aria-label={t('followUp.board.glance')}>
        <dl>
          <div>
            <dt>{t('followUp.cycles.period')}</dt>
            <dd>
              {cycle.period.from} – {cycle.period.to}
            </dd>
          </div>
          <div>
            <dt>{t('followUp.cycles.deadline')}</dt>
            <dd>{cycle.deadline}</dd>
          </div>
          <div>
            <dt>{t('followUp.cycles.state')}</dt>
            <dd>
              <span className={`badge fu-${cycle.state}`}>{t(`followUp.cycles.${cycle.state}`)}</span> {cycle.example && <ExampleBadge />}
              {cycle.reopened > 0 && <span className="muted small"> ({t('followUp.cycles.reopened', { count: cycle.reopened })})</span>}
            </dd>
          </div>
          <div>
            <dt>{t('followUp.cycles.reported')}</dt>
            <dd>{t('followUp.cycles.reportedOf', { reported, total })}</dd>
          </div>
          <div>
            <dt>{t('followUp.board.submitted')}</dt>
            <dd>{summary.submitted}</dd>
          </div>
          <div>
            <dt>{t('followUp.board.approved')}</dt>
            <dd>{summary.approved}</dd>
          </div>
          <div>
            <dt>{t('followUp.cycles.progress')}</dt>
            <dd>
              <span className="fu-progress large">
                <ProgressBar value={summary.progress} label={t('followUp.cycles.progress')} />
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('followUp.cycles.light')}</dt>
            <dd>
              <TrafficLight light={summary.light} />
            </dd>
          </div>
        </dl>
      </div>
      {detail.data.scope === 'own' && <p className="muted">{t('followUp.board.scopeOwn')}</p>}

      {canManage && (
        <section className="fu-section">
          <h2 id="fu-manage">{t('followUp.board.manage')}</h2>
          <div className="fu-actions">
            {cycle.state === 'open' ? (
              <>
                <button
                  type="button"
                  className="button secondary"
                  disabled={busy}
                  onClick={() => void cycleAction('refresh')}
                  aria-describedby="fu-refresh-hint"
                >
                  {t('followUp.board.refresh')}
                </button>
                <button type="button" className="button secondary" disabled={busy} onClick={() => void cycleAction('close')}>
                  {t('followUp.board.close')}
                </button>
              </>
            ) : (
              <button type="button" className="button secondary" disabled={busy} onClick={() => void cycleAction('reopen')}>
                {t('followUp.board.reopen')}
              </button>
            )}
          </div>
          {cycle.state === 'open' && (
            <p className="hint" id="fu-refresh-hint">
              {t('followUp.board.refreshHint')}
            </p>
          )}
        </section>
      )}
      <p role="status" aria-live="polite" className={notice?.kind === 'error' ? 'alert error' : 'notice'}>
        {notice?.text}
      </p>

      <section className="fu-section">
        <h2 id="fu-status">{t('followUp.board.statusChart')}</h2>
        <BarChartWithTable
          title={t('followUp.board.statusChart')}
          labelHeader={t('followUp.board.statusCol')}
          valueHeader={t('followUp.board.countCol')}
          bars={statusKeys.map((k) => ({
            key: k,
            label: k === 'not_reported' ? t('followUp.board.notReported') : words.status[k],
            value: summary.byStatus[k],
          }))}
          total={{ label: t('followUp.board.total'), value: summary.total }}
        />
      </section>

      <section className="fu-section">
        <h2 id="fu-parts">{t('followUp.board.parts')}</h2>
        <div className="table-scroll" role="region" aria-labelledby="fu-parts" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('followUp.board.part')}</th>
                <th scope="col">{t('followUp.cycles.light')}</th>
                <th scope="col">{t('followUp.cycles.progress')}</th>
                <th scope="col">{t('followUp.cycles.reported')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.data.parts.map((p) => {
                const r = reportedOf(p.summary);
                return (
                  <tr key={p.itemId ?? 'plan'}>
                    <th scope="row">
                      <span className="ref">{p.reference}</span> {p.text}
                    </th>
                    <td>
                      <TrafficLight light={p.summary.light} />
                    </td>
                    <td>
                      <ProgressBar value={p.summary.progress} />
                    </td>
                    <td>{t('followUp.cycles.reportedOf', r)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section className="fu-section">
        <h2 id="fu-units">{t('followUp.board.units')}</h2>
        {unitsBehind.length === 0 ? (
          <p>{t('followUp.board.allReported')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="fu-units" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('followUp.board.unit')}</th>
                  <th scope="col">{t('followUp.board.outstanding')}</th>
                  <th scope="col">{t('followUp.board.reporters')}</th>
                </tr>
              </thead>
              <tbody>
                {unitsBehind.map((u) => (
                  <tr key={u.unitId ?? 'coordinator'}>
                    <th scope="row">
                      {u.unitId === null ? t('followUp.board.coordinator') : u.name}{' '}
                      {u.escalated && <span className="badge fu-escalated">{t('followUp.board.escalated')}</span>}
                    </th>
                    <td className="num">{u.outstanding}</td>
                    <td>
                      {u.reporters.length === 0 ? (
                        <span className="muted">{t('followUp.board.noReporters')}</span>
                      ) : (
                        <ul className="plain">
                          {u.reporters.map((r) => (
                            <li key={`${r.name}-${r.email ?? ''}`}>{r.email ? <a href={`mailto:${r.email}`}>{r.name}</a> : r.name}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="fu-section">
        <h2 id="fu-goals">{t('followUp.goals.title')}</h2>
        {detail.data.goals.length === 0 ? (
          <p className="muted">{t('followUp.goals.none')}</p>
        ) : (
          detail.data.goals.map((g) => (
            <GoalCard
              key={g.itemId}
              cycleId={cycle.id}
              goal={g}
              editable={canManage && cycle.state === 'open'}
              onSaved={async (message) => {
                await detail.reload();
                setNotice({ kind: 'status', text: message });
              }}
            />
          ))
        )}
      </section>

      <ReportPanel cycleId={cycle.id} canMake={canManage} />

      <section className="fu-section fu-tasks">
        <h2 id="fu-tasks">{t('followUp.board.tasks')}</h2>
        <div className="fu-filter">
          <div className="field">
            <label htmlFor="fu-filter">{t('followUp.board.filter')}</label>
            <select id="fu-filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
              <option value="all">{t('followUp.board.filterAll')}</option>
              <option value="submitted">{t('followUp.board.filterSubmitted')}</option>
              <option value="outstanding">{t('followUp.board.filterOutstanding')}</option>
              <option value="returned">{t('followUp.board.filterReturned')}</option>
            </select>
          </div>
          <p className="muted" aria-live="polite">
            {t('followUp.board.filterCount', { shown: shownCount, total: detail.data.tasks.length })}
          </p>
        </div>
        {shownCount === 0 && <p>{t('followUp.board.noTasks')}</p>}
        {groups.map((g, gi) => {
          const tasks = g.tasks.filter((task) => !states || states.includes(task.state));
          if (tasks.length === 0) return null;
          const headingId = `fu-group-${gi}`;
          return (
            <div key={g.key}>
              <h3 id={headingId}>{g.title}</h3>
              <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
                <table className="table compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('followUp.board.item')}</th>
                      <th scope="col">{t('followUp.board.unit')}</th>
                      <th scope="col">{t('followUp.board.occurrence')}</th>
                      <th scope="col">{t('followUp.board.reportState')}</th>
                      <th scope="col">{t('followUp.board.status')}</th>
                      <th scope="col">{t('followUp.board.progress')}</th>
                      <th scope="col">{t('followUp.board.value')}</th>
                      <th scope="col">{t('followUp.board.report')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {tasks.map((task, i) => {
                      const first = i === 0 || tasks[i - 1]?.itemId !== task.itemId;
                      let span = 1;
                      while (first && tasks[i + span]?.itemId === task.itemId) span += 1;
                      const reference = `${task.item.label}${task.item.number ? ` ${task.item.number}` : ''}`;
                      const unit = task.unit?.name ?? t('followUp.board.coordinator');
                      return (
                        <tr key={task.id}>
                          {first && (
                            <th scope="rowgroup" rowSpan={span} className="item-cell">
                              <span className="ref">{reference}</span> {task.item.text}
                            </th>
                          )}
                          <td>{unit}</td>
                          <td>{task.occurrenceSpan ? occurrenceText(task.occurrenceSpan) : '–'}</td>
                          <td>
                            <StateBadge state={task.state} />
                            {task.submittedAt && task.state === 'submitted' && (
                              <span className="muted small"> {formatDateTime(task.submittedAt)}</span>
                            )}
                          </td>
                          <td>
                            <StatusWord status={task.status} />
                          </td>
                          <td className="num">{task.progress === null ? '–' : `${task.progress} %`}</td>
                          <td className="num">{task.targetValue ?? '–'}</td>
                          <td>
                            <Link to={`/rapporter/${task.id}`} aria-label={t('followUp.board.openReportLabel', { item: reference, unit })}>
                              {t('followUp.board.openReport')}
                            </Link>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </div>
          );
        })}
      </section>
    </section>
  );
}
