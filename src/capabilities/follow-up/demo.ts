import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit, systemActor } from '../audit/audit.ts';
import type { Target } from '../plans/outline.ts';
import { periodLabel } from './periods.ts';
import { getCycle, openCycle } from './service.ts';
import type { ReportState, ReportStatus } from './words.ts';

/**
 * Example follow-up for the five demo plans, so that every screen has something to show: Laxå yearly
 * 2015–2017, Österåker by half-year 2015–2016, the others one year each. Every cycle is marked as example
 * data (the board, the report and every page of the documents say so), and every narrative starts with
 * "Exempel:". The figures are invented and are never presented as official statistics.
 */
export const demoCycles: { municipality: string; periods: [string, string][] }[] = [
  {
    municipality: '1860',
    periods: [
      ['2015-01-01', '2015-12-31'],
      ['2016-01-01', '2016-12-31'],
      ['2017-01-01', '2017-12-31'],
    ],
  },
  {
    municipality: '0117',
    periods: [
      ['2015-01-01', '2015-06-30'],
      ['2015-07-01', '2015-12-31'],
      ['2016-01-01', '2016-06-30'],
      ['2016-07-01', '2016-12-31'],
    ],
  },
  { municipality: '1864', periods: [['2016-01-01', '2016-12-31']] },
  { municipality: '1381', periods: [['2017-01-01', '2017-12-31']] },
  { municipality: '2514', periods: [['2016-01-01', '2016-12-31']] },
];

const latestPattern: ReportState[] = [
  'approved',
  'open',
  'submitted',
  'approved',
  'draft',
  'approved',
  'returned',
  'approved',
  'submitted',
  'open',
];

/** A stable number 0–99 from a text, so the example looks varied but is the same at every start. */
function dice(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return Math.abs(h) % 100;
}

function exampleStatus(roll: number, stage: number): { status: ReportStatus; progress: number | null } {
  // Later cycles have more done: the threshold for "done" falls with each cycle.
  const doneFrom = 75 - stage * 25;
  if (roll >= doneFrom) return { status: 'done', progress: 100 };
  if (roll < 6) return { status: 'delayed', progress: 20 + stage * 10 };
  if (roll < 14 && stage === 0) return { status: 'not_started', progress: 0 };
  if (roll === 97) return { status: 'cancelled', progress: null };
  return { status: 'in_progress', progress: Math.min(90, 30 + (roll % 40) + stage * 15) };
}

const narratives: Record<ReportStatus, (progress: number | null) => string> = {
  done: () => 'Exempel: Genomfört under perioden enligt planen. Underlag finns hos enheten.',
  in_progress: (p) => `Exempel: Arbetet pågår och är till ungefär ${p ?? 50} % klart. Fortsätter nästa period.`,
  delayed: () => 'Exempel: Försenat på grund av vakanta tjänster. En ny tidplan tas fram tillsammans med samordnaren.',
  not_started: () => 'Exempel: Inte påbörjat under perioden; planeras till nästa.',
  cancelled: () => 'Exempel: Avbrutet efter beslut i ledningsgruppen; ersätts av en annan insats.',
};

function exampleValue(target: Target, stage: number): number {
  const goal = target.value ?? target.min ?? target.max ?? 10;
  const value = goal * (0.6 + stage * 0.2);
  return target.unit.includes('%') ? Math.round(value) : Math.round(value);
}

/** Loads the example cycles into an empty follow-up (nothing happens if any cycle exists). */
export async function seedDemoFollowUp(db: Kysely<Database>): Promise<number> {
  if (await db.selectFrom('follow_up_cycle').select('id').limit(1).executeTakeFirst()) return 0;
  let count = 0;
  for (const demo of demoCycles) {
    const document = await db
      .selectFrom('document')
      .select(['id'])
      .where('municipality_code', '=', demo.municipality)
      .where('status', '<>', 'draft')
      .where('parent_document_id', 'is', null)
      .orderBy('created_at')
      .executeTakeFirst();
    if (!document) continue;
    for (const [index, [from, to]] of demo.periods.entries()) {
      const last = index === demo.periods.length - 1;
      const deadline = new Date(`${to}T00:00:00Z`);
      deadline.setUTCMonth(deadline.getUTCMonth() + 1);
      const cycle = await openCycle(db, systemActor, document.id, {
        periodFrom: from,
        periodTo: to,
        deadline: deadline.toISOString().slice(0, 10),
        label: `${periodLabel({ from, to })} (exempel)`,
        example: true,
      });
      await db.transaction().execute(async (trx) => {
        const tasks = await trx
          .selectFrom('report_task')
          .leftJoin('item', 'item.id', 'report_task.item_id')
          .select([
            'report_task.id',
            'report_task.item_number',
            'report_task.item_text',
            'report_task.unit_name',
            'report_task.occurrence',
            'item.target',
          ])
          .where('report_task.cycle_id', '=', cycle.id)
          .execute();
        // Sorted here, not by the database: collations differ between stores, the example must not.
        const key = (t: (typeof tasks)[number]) => `${t.item_number ?? ''}|${t.item_text}|${t.unit_name ?? ''}|${t.occurrence ?? ''}`;
        tasks.sort((a, b) => key(a).localeCompare(key(b), 'sv', { numeric: true }));
        const events: { task_id: string; at: Date; username: string; action: string; snapshot: string }[] = [];
        let position = 0;
        // The last cycle always leaves one unit unreported (when any report has no target), for the board's annex.
        const untargeted = tasks.filter((task) => !task.target);
        const leftOpen = last && untargeted.length > 0 ? (untargeted[Math.min(1, untargeted.length - 1)]?.id ?? null) : null;
        for (const task of tasks) {
          // Names, not ids: the example must come out the same in every database, whatever ids it drew.
          const roll = dice(`${task.item_text}${task.unit_name ?? ''}${task.occurrence ?? ''}`);
          // In the open (latest) cycle some units have not reported, some drafts wait, one report was returned;
          // items with a target always carry a value, so the indicator table has figures.
          let state: ReportState;
          if (task.target) state = last ? 'submitted' : 'approved';
          else if (last) state = task.id === leftOpen ? 'open' : (latestPattern[position++ % latestPattern.length] as ReportState);
          else state = roll % 13 === 0 ? 'open' : 'approved';
          if (state === 'open') continue;
          const { status, progress } = exampleStatus(roll, Math.min(index, 2));
          const narrative = narratives[status](progress);
          const target = task.target;
          const targetValue = target ? exampleValue(target, Math.min(index, 2)) : null;
          const at = new Date(`${deadline.toISOString().slice(0, 10)}T09:00:00Z`);
          at.setUTCDate(at.getUTCDate() - 10 + (roll % 9));
          await trx
            .updateTable('report_task')
            .set({
              state,
              status,
              progress,
              narrative,
              target_value: targetValue,
              updated_by: 'exempel',
              updated_at: at,
              return_comment: state === 'returned' ? 'Exempel: Lägg till hur många deltagare som var med.' : null,
              ...(state === 'submitted' || state === 'approved' ? { submitted_by: 'exempel', submitted_at: at } : {}),
              ...(state === 'approved' ? { approved_by: 'exempel', approved_at: new Date(at.getTime() + 86_400_000) } : {}),
              version: state === 'draft' ? 2 : state === 'submitted' ? 3 : 4,
            })
            .where('id', '=', task.id)
            .execute();
          const snapshot = JSON.stringify({ state, status, progress, narrative, targetValue });
          events.push({ task_id: task.id, at, username: 'exempel', action: state === 'draft' ? 'save' : 'submit', snapshot });
          if (state === 'approved' || state === 'returned')
            events.push({
              task_id: task.id,
              at: new Date(at.getTime() + 86_400_000),
              username: 'exempel',
              action: state === 'approved' ? 'approve' : 'return',
              snapshot,
            });
        }
        for (let i = 0; i < events.length; i += 500)
          await trx
            .insertInto('report_event')
            .values(events.slice(i, i + 500))
            .execute();
        // Goals get the assessment their reports propose; the last cycle leaves some for the coordinator.
        const detail = await getCycle(trx, systemActor, cycle.id);
        const assessed = detail.goals.filter((g, i) => !last || i % 2 === 0);
        if (assessed.length > 0)
          await trx
            .insertInto('goal_assessment')
            .values(
              assessed.map((g) => ({
                cycle_id: cycle.id,
                item_id: g.itemId,
                assessment: g.proposal.proposal,
                rationale: 'Exempel: Bedömningen följer förslaget från rapporterna om aktiviteterna under målet.',
                proposed: g.proposal.proposal,
                assessed_by: 'exempel',
              })),
            )
            .execute();
        if (!last)
          await trx
            .updateTable('follow_up_cycle')
            .set({ state: 'closed', closed_at: deadline, version: 2 })
            .where('id', '=', cycle.id)
            .execute();
        await recordAudit(trx, systemActor, {
          municipalityCode: demo.municipality,
          action: 'demo.follow-up',
          entityType: 'follow_up_cycle',
          entityId: cycle.id,
          before: null,
          after: { label: cycle.label, example: true },
        });
      });
      count += 1;
    }
  }
  return count;
}

/** Demo accounts get addresses at example.org (reserved, never delivered) so the outbox has something to show. */
export async function giveDemoUsersAddresses(db: Kysely<Database>): Promise<void> {
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('email', 'is', null)
    .where('username', 'like', '%.%')
    .execute();
  for (const u of users)
    await db
      .updateTable('app_user')
      .set({ email: `${u.username}@example.org` })
      .where('id', '=', u.id)
      .execute();
}
