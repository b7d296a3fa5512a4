/** After the load: what the reporters were told against what the database holds. */
import { sql } from 'kysely';
import type { Store } from '../../src/db/database.ts';
import type { Reporter, TaskState, Written } from './world.ts';

export interface Race {
  pairs: number;
  /** Both saves answered 200: the first one's content is gone without anyone being told. */
  bothAccepted: number;
  otherAnswers: string[];
}

/**
 * Two saves of the same report with the same version at the same moment (two tabs, or two colleagues of one
 * unit): exactly one may be stored, the other must be refused with 409. Run after the load, on each reporter's
 * first task, all pairs at once.
 */
export async function raceSaves(base: string, list: Reporter[]): Promise<Race> {
  const race: Race = { pairs: 0, bothAccepted: 0, otherAnswers: [] };
  await Promise.all(
    list.map(async (reporter) => {
      const task = reporter.tasks[0] as TaskState;
      race.pairs++;
      // A save of the run still in flight when it stopped may land after this reads the version; then both of
      // the pair are rightly refused, and the pair is tried again on the version that is now stored.
      for (let attempt = 1; attempt <= 3; attempt++) {
        const current = (await (await fetch(`${base}/api/tasks/${task.id}`, { headers: { cookie: reporter.cookie } })).json()) as {
          version: number;
        };
        task.version = current.version;
        const writes = (['A', 'B'] as const).map(
          (side): Written => ({
            status: 'in_progress',
            progress: side === 'A' ? 40 : 60,
            narrative: `Samtidig sparning ${side} (${attempt}) av ${reporter.username}.`,
            targetValue: task.hasTarget ? 0 : null,
            version: current.version + 1,
          }),
        );
        const answers = await Promise.all(
          writes.map((w) =>
            fetch(`${base}/api/tasks/${task.id}`, {
              method: 'PUT',
              headers: { cookie: reporter.cookie, 'content-type': 'application/json' },
              body: JSON.stringify({ ...w, version: current.version, submit: false }),
            }).then(async (r) => ({ status: r.status, body: (await r.json()) as { version?: number } })),
          ),
        );
        const accepted = writes.filter((_, i) => answers[i]?.status === 200);
        for (const w of accepted) task.acknowledged.push(w);
        if (accepted.length > 0) task.version = Math.max(...answers.map((a) => (a.status === 200 ? (a.body.version ?? 0) : 0)));
        if (accepted.length === 2) race.bothAccepted++;
        const statuses = answers.map((a) => a.status).sort();
        if (statuses.join() === '409,409' && attempt < 3) continue;
        if (statuses.join() !== '200,409') race.otherAnswers.push(`${reporter.username}: ${statuses.join(' and ')}`);
        break;
      }
    }),
  );
  return race;
}

export interface Check {
  acknowledged: number;
  unanswered: number;
  lost: string[];
  auditRecords: number;
  events: number;
}

/** Compares what the reporters were told with what the database holds, task by task. */
export async function verify(store: Store, list: Reporter[]): Promise<Check> {
  const tasks = list.flatMap((r) => r.tasks);
  const ids = tasks.map((t) => t.id);
  const rows = new Map(
    (
      await store.db
        .selectFrom('report_task')
        .select(['id', 'status', 'progress', 'narrative', 'target_value', 'version', 'state'])
        .where('id', 'in', ids)
        .execute()
    ).map((r) => [r.id, r]),
  );
  const group = (pairs: { id: string; narrative: string | null }[]) => {
    const byTask = new Map<string, string[]>();
    for (const p of pairs) byTask.set(p.id, [...(byTask.get(p.id) ?? []), p.narrative ?? '']);
    return byTask;
  };
  const events = group(
    (
      await store.db
        .selectFrom('report_event')
        .select(['task_id as id', sql<string | null>`snapshot->>'narrative'`.as('narrative')])
        .where('task_id', 'in', ids)
        .where('action', '=', 'save')
        .execute()
    ).map((e) => ({ id: e.id, narrative: e.narrative })),
  );
  const audits = group(
    (
      await store.db
        .selectFrom('audit_log')
        .select(['entity_id as id', sql<string | null>`"after"->>'narrative'`.as('narrative')])
        .where('entity_type', '=', 'report_task')
        .where('action', '=', 'report.save')
        .where('entity_id', 'in', ids)
        .execute()
    ).map((a) => ({ id: a.id, narrative: a.narrative })),
  );
  const check: Check = { acknowledged: 0, unanswered: 0, lost: [], auditRecords: 0, events: 0 };
  for (const task of tasks) {
    const row = rows.get(task.id);
    const taskEvents = events.get(task.id) ?? [];
    const taskAudits = audits.get(task.id) ?? [];
    check.acknowledged += task.acknowledged.length;
    check.unanswered += task.unanswered.length;
    check.events += taskEvents.length;
    check.auditRecords += taskAudits.length;
    if (!row) {
      check.lost.push(`task ${task.id}: the row is gone`);
      continue;
    }
    const last = task.acknowledged.at(-1);
    const differences = (w: Written) =>
      [
        row.version !== w.version ? `version ${row.version} ≠ ${w.version}` : '',
        row.status !== w.status ? `status ${row.status} ≠ ${w.status}` : '',
        row.progress !== w.progress ? `progress ${row.progress} ≠ ${w.progress}` : '',
        row.narrative !== w.narrative ? `narrative "${row.narrative.slice(0, 40)}…" ≠ "${w.narrative.slice(0, 40)}…"` : '',
        row.target_value !== w.targetValue ? `figure ${row.target_value} ≠ ${w.targetValue}` : '',
        row.state !== 'draft' ? `state ${row.state}` : '',
      ].filter(Boolean);
    // A save sent after the last acknowledged one but never answered (a timeout) may or may not have been stored.
    const unanswered = task.unanswered.filter((u) => !last || u.version > last.version);
    const untouched = !last && row.version === task.initialVersion;
    if (!untouched && !(last && differences(last).length === 0) && !unanswered.some((u) => differences(u).length === 0))
      check.lost.push(
        last
          ? `task ${task.id}: the acknowledged save at version ${last.version} of ${task.owner} is not what is stored: ${differences(last).join(', ')}`
          : `task ${task.id}: no save of ${task.owner} was acknowledged, yet it is at version ${row.version}`,
      );
    const saves = row.version - task.initialVersion;
    if (taskEvents.length !== saves || taskAudits.length !== saves)
      check.lost.push(
        `task ${task.id}: version moved ${saves} times but it has ${taskEvents.length} report events and ${taskAudits.length} audit records`,
      );
    const inEvents = new Set(taskEvents);
    const inAudit = new Set(taskAudits);
    for (const w of task.acknowledged) {
      if (!inEvents.has(w.narrative)) check.lost.push(`task ${task.id}: acknowledged save at version ${w.version} has no report event`);
      if (!inAudit.has(w.narrative)) check.lost.push(`task ${task.id}: acknowledged save at version ${w.version} has no audit record`);
    }
  }
  return check;
}
