import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../../db/schema.ts';
import type { Config } from '../../kernel/config.ts';
import { recordAudit, systemActor, type Executor } from '../audit/audit.ts';
import { issueLink } from './links.ts';
import {
  cycleOpenedMessage,
  escalationMessage,
  overdueMessage,
  reminderMessage,
  returnedMessage,
  type CycleMailFacts,
  type MailText,
} from './messages.ts';
import {
  addDays,
  addressees,
  daysBetween,
  dueNotifications,
  isOutstanding,
  outstandingStates,
  swedishDate,
  type Addressee,
  type ScheduleRecipients,
  type ScheduleResult,
  type Unreachable,
} from './schedule.ts';

export type NotificationConfig = Pick<Config, 'PUBLIC_URL' | 'LINK_VALID_DAYS' | 'REMINDER_DAYS_BEFORE'>;

/** All a cycle's messages need, read in one place. */
interface CycleFacts {
  id: string;
  planId: string;
  planTitle: string;
  municipalityCode: string;
  municipalityName: string;
  label: string;
  deadline: string;
  state: 'open' | 'closed';
  example: boolean;
  openedAt: string;
  tasks: {
    id: string;
    unit_id: string | null;
    unit_name: string | null;
    state: Database['report_task']['state'];
    escalated_at: Date | null;
    item_label: string;
    item_number: string | null;
    item_text: string;
  }[];
  recipients: ScheduleRecipients;
  unitNames: Map<string, string>;
}

const address = (email: string | null) => (email && email.trim() !== '' ? email.trim() : null);

async function loadCycle(db: Executor, cycleId: string): Promise<CycleFacts | undefined> {
  const cycle = await db
    .selectFrom('follow_up_cycle')
    .innerJoin('document', 'document.id', 'follow_up_cycle.document_id')
    .innerJoin('municipality', 'municipality.code', 'follow_up_cycle.municipality_code')
    .select([
      'follow_up_cycle.id',
      'follow_up_cycle.document_id',
      'follow_up_cycle.municipality_code',
      'follow_up_cycle.label',
      'follow_up_cycle.deadline',
      'follow_up_cycle.state',
      'follow_up_cycle.example',
      'follow_up_cycle.created_at',
      'document.title',
      'municipality.name as municipality_name',
    ])
    .where('follow_up_cycle.id', '=', cycleId)
    .executeTakeFirst();
  if (!cycle) return undefined;
  const tasks = await db
    .selectFrom('report_task')
    .select(['id', 'unit_id', 'unit_name', 'state', 'escalated_at', 'item_label', 'item_number', 'item_text'])
    .where('cycle_id', '=', cycleId)
    .where('state', 'in', outstandingStates)
    .orderBy('item_number')
    .orderBy('id')
    .execute();
  const unitIds = [...new Set(tasks.map((t) => t.unit_id).filter((id): id is string => id !== null))];
  const units =
    unitIds.length === 0
      ? []
      : await db.selectFrom('unit').select(['id', 'name', 'head_name', 'head_email']).where('id', 'in', unitIds).execute();
  const reporters =
    unitIds.length === 0
      ? []
      : await db
          .selectFrom('user_unit')
          .innerJoin('app_user', 'app_user.id', 'user_unit.user_id')
          .select(['app_user.id', 'app_user.display_name', 'app_user.email', 'user_unit.unit_id'])
          .where('user_unit.unit_id', 'in', unitIds)
          .where('app_user.role', '=', 'reporter')
          .where('app_user.disabled', '=', false)
          .orderBy('app_user.display_name')
          .execute();
  const coordinators = tasks.some((t) => t.unit_id === null)
    ? await db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'email'])
        .where('role', '=', 'coordinator')
        .where('municipality_code', '=', cycle.municipality_code)
        .where('disabled', '=', false)
        .orderBy('display_name')
        .execute()
    : [];
  return {
    id: cycle.id,
    planId: cycle.document_id,
    planTitle: cycle.title,
    municipalityCode: cycle.municipality_code,
    municipalityName: cycle.municipality_name,
    label: cycle.label,
    deadline: cycle.deadline,
    state: cycle.state,
    example: cycle.example,
    openedAt: swedishDate(new Date(cycle.created_at)),
    tasks: tasks.map((t) => ({ ...t, escalated_at: t.escalated_at === null ? null : new Date(t.escalated_at) })),
    recipients: {
      reporters: reporters.map((r) => ({ userId: r.id, name: r.display_name, email: address(r.email), unitId: r.unit_id })),
      coordinators: coordinators.map((c) => ({ userId: c.id, name: c.display_name, email: address(c.email) })),
      heads: units.map((u) => ({ unitId: u.id, name: u.head_name, email: address(u.head_email) })),
    },
    unitNames: new Map(units.map((u) => [u.id, u.name])),
  };
}

const scheduleTasks = (facts: CycleFacts) =>
  facts.tasks.map((t) => ({ id: t.id, unitId: t.unit_id, state: t.state, escalatedAt: t.escalated_at }));

interface OutboxMail {
  municipalityCode: string | null;
  kind: string;
  dedupeKey: string;
  to: string;
  mail: MailText;
  now: Date;
  /** Sent with the message besides the usual ones (List-Unsubscribe on follow mails). */
  headers?: Record<string, string>;
}

/** True when the message is new; false when its dedupe key was queued before (by this or another process). */
export async function enqueue(db: Executor, m: OutboxMail): Promise<boolean> {
  const inserted = await db
    .insertInto('mail_outbox')
    .values({
      municipality_code: m.municipalityCode,
      kind: m.kind,
      dedupe_key: m.dedupeKey,
      to_address: m.to,
      subject: m.mail.subject,
      body: m.mail.body,
      state: 'queued',
      created_at: m.now,
      headers: m.headers ? JSON.stringify(m.headers) : null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

const alreadyQueued = async (db: Executor, dedupeKey: string) =>
  (await db.selectFrom('mail_outbox').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst()) !== undefined;

/**
 * A message carrying a fresh personal link. The link is issued only for a message not yet queued; should another
 * process queue the same key in between, the spare link is never sent and so opens nothing for anyone.
 */
async function enqueueWithLink(
  db: Executor,
  config: NotificationConfig,
  facts: CycleFacts,
  person: { userId: string; email: string },
  kind: string,
  dedupeKey: string,
  now: Date,
  compose: (token: string) => MailText,
): Promise<boolean> {
  if (await alreadyQueued(db, dedupeKey)) return false;
  const token = await issueLink(db, { userId: person.userId, cycleId: facts.id, validDays: config.LINK_VALID_DAYS, now });
  return enqueue(db, { municipalityCode: facts.municipalityCode, kind, dedupeKey, to: person.email, mail: compose(token), now });
}

function cycleMailFacts(config: NotificationConfig, facts: CycleFacts, person: Addressee, token: string): CycleMailFacts {
  return {
    publicUrl: config.PUBLIC_URL,
    municipalityName: facts.municipalityName,
    recipientName: person.name,
    planTitle: facts.planTitle,
    cycleLabel: facts.label,
    deadline: facts.deadline,
    itemCount: person.taskIds.length,
    token,
    recipientRole: person.role,
    linkValidDays: config.LINK_VALID_DAYS,
  };
}

export interface NotifyResult {
  enqueued: number;
  unreachable: Unreachable[];
}

/**
 * One 'cycle-opened' message to each reporter and coordinator with outstanding tasks, in the follow-up service's
 * transaction: if opening the cycle fails, no message about it is left behind. Example cycles (demonstration
 * data) send nothing.
 */
export async function notifyCycleOpened(trx: Executor, config: NotificationConfig, cycleId: string, now: Date): Promise<NotifyResult> {
  const facts = await loadCycle(trx, cycleId);
  if (!facts || facts.state !== 'open' || facts.example) return { enqueued: 0, unreachable: [] };
  const schedule = scheduleOf(config, facts, now);
  let enqueued = 0;
  for (const person of addressees(scheduleTasks(facts), facts.recipients).people) {
    if (!person.email) continue;
    const key = `cycle-opened:${facts.id}:${person.userId}`;
    const sent = await enqueueWithLink(
      trx,
      config,
      facts,
      { userId: person.userId, email: person.email },
      'cycle-opened',
      key,
      now,
      (token) => cycleOpenedMessage(cycleMailFacts(config, facts, person, token)),
    );
    if (sent) enqueued++;
  }
  return { enqueued, unreachable: schedule.unreachable };
}

/**
 * "Your report was returned", to the reporter who submitted it (or, if she no longer reports for the unit, to all
 * who do), with a fresh personal link. Called inside the follow-up service's transaction that returns the task.
 */
export async function notifyReturned(
  trx: Executor,
  config: NotificationConfig,
  taskId: string,
  comment: string,
  now: Date,
): Promise<NotifyResult> {
  const task = await trx
    .selectFrom('report_task')
    .select(['id', 'cycle_id', 'unit_id', 'item_label', 'item_number', 'item_text', 'submitted_by', 'version'])
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!task) return { enqueued: 0, unreachable: [] };
  const facts = await loadCycle(trx, task.cycle_id);
  if (!facts || facts.example) return { enqueued: 0, unreachable: [] };
  const unitId = task.unit_id;
  let query = trx.selectFrom('app_user').select(['id', 'display_name', 'email', 'username']).where('disabled', '=', false);
  query =
    unitId === null
      ? query.where('role', '=', 'coordinator').where('municipality_code', '=', facts.municipalityCode)
      : query.where('role', '=', 'reporter').where('id', 'in', trx.selectFrom('user_unit').select('user_id').where('unit_id', '=', unitId));
  const all = (await query.orderBy('display_name').execute()).map((r) => ({
    userId: r.id,
    name: r.display_name,
    email: address(r.email),
    username: r.username,
  }));
  const submitter = all.filter((p) => p.username === task.submitted_by);
  const people = submitter.length > 0 ? submitter : all;
  const unreachable: Unreachable[] = [];
  let enqueued = 0;
  for (const person of people) {
    if (!person.email) {
      unreachable.push({ kind: 'user', userId: person.userId, name: person.name, reason: 'no_email' });
      continue;
    }
    // The task's version differs at every return, so a second return of the same entry is a new message.
    const key = `returned:${task.id}:${task.version}:${person.userId}`;
    const sent = await enqueueWithLink(trx, config, facts, { userId: person.userId, email: person.email }, 'returned', key, now, (token) =>
      returnedMessage({
        publicUrl: config.PUBLIC_URL,
        municipalityName: facts.municipalityName,
        recipientName: person.name,
        planTitle: facts.planTitle,
        cycleLabel: facts.label,
        deadline: facts.deadline,
        token,
        linkValidDays: config.LINK_VALID_DAYS,
        entry: { label: task.item_label, number: task.item_number, text: task.item_text },
        comment,
        today: swedishDate(now),
      }),
    );
    if (sent) enqueued++;
  }
  if (people.length === 0) unreachable.push({ kind: 'unit', unitId, reason: 'no_reporter' });
  return { enqueued, unreachable };
}

/** What is due for one cycle today, without sending anything: the board shows who cannot be reached. */
export async function cycleNotificationState(
  db: Executor,
  config: NotificationConfig,
  cycleId: string,
  now: Date,
): Promise<ScheduleResult | undefined> {
  const facts = await loadCycle(db, cycleId);
  if (!facts) return undefined;
  return scheduleOf(config, facts, now);
}

function scheduleOf(config: NotificationConfig, facts: CycleFacts, now: Date): ScheduleResult {
  return dueNotifications({
    cycle: { id: facts.id, deadline: facts.deadline, state: facts.state, openedAt: facts.openedAt },
    tasks: scheduleTasks(facts),
    recipients: facts.recipients,
    today: swedishDate(now),
    reminderDaysBefore: config.REMINDER_DAYS_BEFORE,
  });
}

export interface ReminderRun {
  cycles: number;
  enqueued: number;
  escalated: number;
  unreachable: { cycleId: string; unreachable: Unreachable[] }[];
}

/**
 * For every open cycle: queues the reminders, overdue notices and escalations due today. Safe to run as often as
 * wanted and from several processes at once: the dedupe key lets each message in once.
 */
export async function runReminders(db: Kysely<Database>, config: NotificationConfig, now: Date): Promise<ReminderRun> {
  const today = swedishDate(now);
  const cycles = await db
    .selectFrom('follow_up_cycle')
    .select('id')
    .where('state', '=', 'open')
    .where('example', '=', false)
    // Nothing is due for a cycle before its reminder window, so its tasks and people need not be read.
    .where('deadline', '<=', addDays(today, config.REMINDER_DAYS_BEFORE))
    .orderBy('created_at')
    .execute();
  const run: ReminderRun = { cycles: cycles.length, enqueued: 0, escalated: 0, unreachable: [] };
  for (const { id } of cycles) {
    const facts = await loadCycle(db, id);
    if (!facts) continue;
    const schedule = scheduleOf(config, facts, now);
    if (schedule.unreachable.length > 0) run.unreachable.push({ cycleId: id, unreachable: schedule.unreachable });
    for (const due of schedule.due) {
      // One transaction per message: a failure leaves the others queued, and an escalation's mail, flag and audit
      // record stand or fall together.
      await db.transaction().execute(async (trx) => {
        if (due.kind === 'escalation') {
          const unitName = facts.unitNames.get(due.unitId) ?? facts.tasks.find((t) => t.unit_id === due.unitId)?.unit_name ?? 'Enheten';
          const tasks = facts.tasks.filter((t) => t.unit_id === due.unitId && isOutstanding(t.state));
          const mail = escalationMessage({
            publicUrl: config.PUBLIC_URL,
            municipalityName: facts.municipalityName,
            headName: due.name,
            unitName,
            planId: facts.planId,
            planTitle: facts.planTitle,
            cycleId: facts.id,
            cycleLabel: facts.label,
            deadline: facts.deadline,
            entries: tasks.map((t) => ({ label: t.item_label, number: t.item_number, text: t.item_text })),
            reporters: facts.recipients.reporters.filter((r) => r.unitId === due.unitId).map((r) => r.name),
          });
          const fresh = await enqueue(trx, {
            municipalityCode: facts.municipalityCode,
            kind: 'escalation',
            dedupeKey: due.dedupeKey,
            to: due.email,
            mail,
            now,
          });
          // Entries that turned outstanding again after the head was told are flagged too, without a second mail.
          await trx
            .updateTable('report_task')
            .set({ escalated_at: now })
            .where('id', 'in', due.taskIds)
            .where('escalated_at', 'is', null)
            .execute();
          if (!fresh) return;
          run.enqueued++;
          run.escalated++;
          await recordAudit(trx, systemActor, {
            municipalityCode: facts.municipalityCode,
            action: 'follow_up.escalate',
            entityType: 'follow_up_cycle',
            entityId: facts.id,
            before: null,
            after: { unitId: due.unitId, unitName, to: due.email, taskIds: due.taskIds },
          });
          return;
        }
        const person = due;
        const fresh = await enqueueWithLink(trx, config, facts, person, due.kind, due.dedupeKey, now, (token) => {
          const mailFacts = cycleMailFacts(config, facts, person, token);
          return due.kind === 'reminder'
            ? reminderMessage({ ...mailFacts, daysLeft: daysBetween(today, facts.deadline) })
            : overdueMessage(mailFacts);
        });
        if (fresh) run.enqueued++;
      });
    }
  }
  return run;
}

/** The slice of nodemailer's transporter the outbox uses; tests may pass their own. */
export interface MailTransport {
  sendMail(message: { to: string; subject: string; text: string; headers: Record<string, string> }): Promise<unknown>;
  close?(): void;
}

/** nodemailer from SMTP_URL (smtp:// or smtps://, options as query parameters); null when mail is not configured. */
export function createTransport(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): (MailTransport & { close(): void }) | null {
  if (!config.SMTP_URL) return null;
  // Bounded waits: an SMTP server that stops answering must not hold the worker, whose next run waits for this one.
  return nodemailer.createTransport(
    { url: config.SMTP_URL, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
    { from: config.MAIL_FROM },
  );
}

export const MAX_ATTEMPTS = 5;

/**
 * Minutes to wait after the n-th failed attempt before the next (index n); kept as `next_attempt_at`, so a
 * worker that was down does not fire the retries back to back.
 */
export const RETRY_AFTER_MINUTES = [0, 1, 5, 30, 120] as const;

export interface DeliveryResult {
  sent: number;
  /** Failed this time, queued for another attempt. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
  notConfigured: number;
}

export async function deliverOutbox(
  db: Kysely<Database>,
  transport: MailTransport | null,
  options: { limit: number; now: Date },
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0, notConfigured: 0 };
  const { now } = options;
  if (transport === null) {
    const marked = await db
      .updateTable('mail_outbox')
      .set({ state: 'not_configured', error: 'SMTP_URL är inte satt: e-post skickas inte.' })
      .where('state', '=', 'queued')
      .returning('id')
      .execute();
    result.notConfigured = marked.length;
    return result;
  }
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'body', 'kind', 'attempts', 'headers'])
    .where('state', '=', 'queued')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(options.limit)
    .execute();
  for (const row of rows) {
    // Claiming by counting the attempt first: of two processes only one gets the row, and a crash mid-send is
    // still counted, so a message that kills the sender cannot be retried forever.
    const claimed = await db
      .updateTable('mail_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .where('state', '=', 'queued')
      .where('attempts', '=', row.attempts)
      .returning('attempts')
      .executeTakeFirst();
    if (!claimed) continue;
    try {
      await transport.sendMail({
        to: row.to_address,
        subject: row.subject,
        text: row.body,
        // RFC 3834: out-of-office responders should not answer a machine.
        headers: { ...(row.headers ?? {}), 'Auto-Submitted': 'auto-generated', 'X-Delaktig-Kind': row.kind },
      });
      await db.updateTable('mail_outbox').set({ state: 'sent', sent_at: now, error: null }).where('id', '=', row.id).execute();
      result.sent++;
    } catch (error) {
      const last = claimed.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('mail_outbox')
        .set({
          state: last ? 'failed' : 'queued',
          error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
          next_attempt_at: last ? null : new Date(now.getTime() + (RETRY_AFTER_MINUTES[claimed.attempts] ?? 120) * 60_000),
        })
        .where('id', '=', row.id)
        .execute();
      if (last) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}

export interface OutboxEntry {
  id: string;
  municipalityCode: string | null;
  kind: string;
  to: string;
  subject: string;
  /** The text as sent, with personal links cut: whoever reads the outbox must not be able to act as the recipient. */
  body: string;
  state: 'queued' | 'sent' | 'failed' | 'not_configured';
  attempts: number;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const redactLinks = (body: string) =>
  body.replace(/\/svara\/[A-Za-z0-9._-]+/g, '/svara/…').replace(/\/folj\/(bekrafta|avsluta)\/[A-Za-z0-9._-]+/g, '/folj/$1/…');

/** Newest first; null lists every municipality's (and the municipality-less) mail. */
export async function listOutbox(db: Executor, municipalityCode: string | null, limit: number): Promise<OutboxEntry[]> {
  let query = db.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (municipalityCode !== null) query = query.where('municipality_code', '=', municipalityCode);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    municipalityCode: r.municipality_code,
    kind: r.kind,
    to: r.to_address,
    subject: r.subject,
    body: redactLinks(r.body),
    state: r.state,
    attempts: r.attempts,
    error: r.error,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at === null ? null : new Date(r.sent_at).toISOString(),
  }));
}
