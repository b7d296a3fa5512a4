import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Config } from '../../kernel/config.ts';
import { createTransport, deliverOutbox, runReminders, type MailTransport } from './service.ts';

/** Satisfied by console and by Fastify's (pino) logger alike. */
export interface WorkerLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface NotificationWorker {
  /** Waits for a run in progress, then stops; no run starts after it resolves. */
  stop(): Promise<void>;
  /**
   * One run now, reminders included (tests, the command line); joins a run in progress instead of starting a
   * second one.
   */
  runOnce(): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * Every WORKER_INTERVAL_MS: queue what is due (looked for at most once a minute), then send what is queued. The
 * next run is timed from the end of the last, so runs never overlap however slow the SMTP server is. Errors are
 * logged and the next run tries again.
 */
export function startNotificationWorker(options: {
  db: Kysely<Database>;
  config: Config;
  log: WorkerLog;
  /** Instead of one made from SMTP_URL (tests). */
  transport?: MailTransport | null;
  /** The clock (tests). */
  now?: () => Date;
  batchSize?: number;
  /** How often reminders are looked for; by default every minute, or every run if runs are rarer. */
  remindEveryMs?: number;
}): NotificationWorker {
  const { db, config, log } = options;
  const transport = options.transport !== undefined ? options.transport : createTransport(config);
  const now = options.now ?? (() => new Date());
  const remindEveryMs = options.remindEveryMs ?? Math.max(config.WORKER_INTERVAL_MS, 60_000);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let toldNotConfigured = false;

  let remindedAt = -Infinity;
  const run = async (force: boolean) => {
    try {
      // Reminders change by the calendar day, mail by the second: reading every open cycle on each short tick
      // would be wasted work, so reminders are looked at less often than the outbox.
      if (force || Date.now() - remindedAt >= remindEveryMs) {
        remindedAt = Date.now();
        const reminders = await runReminders(db, config, now());
        if (reminders.enqueued > 0)
          log.info(`notifications: ${reminders.enqueued} message(s) queued, ${reminders.escalated} escalation(s)`);
      }
    } catch (error) {
      log.error(`notifications: reminders failed: ${message(error)}`);
    }
    try {
      const delivery = await deliverOutbox(db, transport, { limit: options.batchSize ?? 50, now: now() });
      if (delivery.notConfigured > 0 && !toldNotConfigured) {
        toldNotConfigured = true;
        log.warn('notifications: SMTP_URL is not set; e-mail is kept in the outbox as not sent (not_configured)');
      }
      if (delivery.sent + delivery.retrying + delivery.failed > 0)
        log.info(`notifications: ${delivery.sent} sent, ${delivery.retrying} to retry, ${delivery.failed} failed for good`);
    } catch (error) {
      log.error(`notifications: delivery failed: ${message(error)}`);
    }
  };

  const runOnce = (force = true) => {
    running ??= run(force).finally(() => {
      running = undefined;
    });
    return running;
  };

  const schedule = () => {
    if (stopped || config.WORKER_INTERVAL_MS === 0) return;
    timer = setTimeout(() => void runOnce(false).then(schedule), config.WORKER_INTERVAL_MS);
    // The worker alone must not keep the process alive: the server (or a test) decides when it ends.
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      if (options.transport === undefined) transport?.close?.();
    },
  };
}
