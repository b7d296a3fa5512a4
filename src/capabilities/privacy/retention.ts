import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Config } from '../../kernel/config.ts';
import { systemActor } from '../audit/audit.ts';
import { eraseDisabledAccount } from '../accounts/register.ts';
import { purgeExpired as purgeMatching } from '../matching/privacy.ts';
import { purgeFollows } from '../follows/service.ts';
import { EXPIRED_LINK_GRACE_DAYS, isAccountDueForErasure, retentionCutoffs, type RetentionPolicy } from './rules.ts';

/**
 * The platform's retention job (decision 0025): dead sessions and long-expired personal links deleted, old mail
 * blanked, accounts disabled past ACCOUNT_RETENTION_DAYS erased, and the matching programmes' own retention run.
 * Every step is idempotent, so a second run, or two processes running at once, change nothing more.
 */
type Db = Kysely<Database>;

export interface RetentionReport {
  sessionsDeleted: number;
  linksDeleted: number;
  messagesBlanked: number;
  accountsErased: number;
  matchingPeopleErased: number;
  /** Follows by e-mail: unconfirmed after 7 days, confirmed after 2 years without a message (follows/rules.ts). */
  followsDeleted: number;
}

export const retentionPolicy = (
  config: Pick<Config, 'MAIL_RETENTION_DAYS' | 'ACCOUNT_RETENTION_DAYS' | 'SESSION_IDLE_MINUTES'>,
): RetentionPolicy => ({
  mailDays: config.MAIL_RETENTION_DAYS,
  accountDays: config.ACCOUNT_RETENTION_DAYS,
  sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
  linkGraceDays: EXPIRED_LINK_GRACE_DAYS,
});

/** Disabled, not erased accounts with the time the audit log says each was last disabled. */
async function disabledAccounts(db: Db) {
  const rows = await db
    .selectFrom('app_user')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('audit_log')
          .select(['entity_id', (e) => e.fn.max('at').as('disabled_since')])
          .where('entity_type', '=', 'user')
          .where('action', '=', 'user.disable')
          .groupBy('entity_id')
          .as('d'),
      (join) => join.on((eb) => eb(eb.cast('app_user.id', 'text'), '=', eb.ref('d.entity_id'))),
    )
    .select(['app_user.id', 'app_user.disabled', 'app_user.erased_at', 'd.disabled_since'])
    .where('app_user.disabled', '=', true)
    .where('app_user.erased_at', 'is', null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    disabled: r.disabled,
    erasedAt: r.erased_at,
    disabledSince: r.disabled_since ? new Date(r.disabled_since) : null,
  }));
}

export async function purgePersonalData(db: Db, policy: RetentionPolicy, now = new Date()): Promise<RetentionReport> {
  const cut = retentionCutoffs(now, policy);
  const sessions = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<', cut.sessionsExpiredBefore), eb('last_seen_at', '<', cut.sessionsIdleBefore)]))
    .executeTakeFirst();
  const links = await db.deleteFrom('access_link').where('expires_at', '<', cut.linksExpiredBefore).executeTakeFirst();
  // A message still queued is never blanked: it would go out to nobody. The subject and times stay as the record.
  const mail = await db
    .updateTable('mail_outbox')
    .set({ to_address: '', body: '', error: null, headers: null })
    .where('created_at', '<', cut.mailCreatedBefore)
    .where('state', '!=', 'queued')
    .where((eb) => eb.or([eb('to_address', '!=', ''), eb('body', '!=', '')]))
    .executeTakeFirst();
  let accountsErased = 0;
  for (const account of await disabledAccounts(db)) {
    if (!isAccountDueForErasure(account, cut.accountsDisabledBefore)) continue;
    // One transaction per account, re-checked under lock: an administrator may have enabled it meanwhile.
    const erased = await eraseDisabledAccount(
      db,
      systemActor,
      account.id,
      (state) => isAccountDueForErasure(state, cut.accountsDisabledBefore),
      now,
      policy.accountDays,
    );
    if (erased) accountsErased++;
  }
  const matchingPeopleErased = await purgeMatching(db, now);
  const followsDeleted = await purgeFollows(db, now);
  return {
    sessionsDeleted: Number(sessions.numDeletedRows),
    linksDeleted: Number(links.numDeletedRows),
    messagesBlanked: Number(mail.numUpdatedRows),
    accountsErased,
    matchingPeopleErased,
    followsDeleted,
  };
}

export interface RetentionLog {
  info(message: string): void;
  error(message: string): void;
}

export interface RetentionJob {
  /** One run now (tests, the command line); joins a run in progress. */
  runOnce(): Promise<RetentionReport | null>;
  /** Waits for a run in progress; no run starts after it resolves. */
  stop(): Promise<void>;
}

/** One line for logs and the command line: counts only. */
export const retentionSummary = (r: RetentionReport) =>
  `${r.sessionsDeleted} session(s), ${r.linksDeleted} personal link(s) deleted; ${r.messagesBlanked} message(s) blanked; ` +
  `${r.accountsErased} account(s), ${r.matchingPeopleErased} matching participant(s) erased; ${r.followsDeleted} follow(s) deleted`;

/**
 * Runs the purge at start and then every `intervalMs` (by default daily) in every app process; errors are
 * logged (the message only: a database error's detail may hold values) and retried next time.
 */
export function startPrivacyRetention(options: {
  db: Db;
  policy: RetentionPolicy;
  log: RetentionLog;
  intervalMs?: number;
  now?: () => Date;
}): RetentionJob {
  const { db, log, policy } = options;
  const intervalMs = options.intervalMs ?? 24 * 60 * 60 * 1000;
  const now = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RetentionReport | null> | undefined;
  let stopped = false;
  const run = (): Promise<RetentionReport | null> => {
    running ??= purgePersonalData(db, policy, now())
      .then((report) => {
        if (Object.values(report).some((n) => n > 0)) log.info(`retention: ${retentionSummary(report)}`);
        return report;
      })
      .catch((error: unknown) => {
        log.error(`retention failed: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      })
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(() => void run(), intervalMs);
      });
    return running;
  };
  timer = setTimeout(() => void run(), 0);
  return {
    runOnce: () => {
      if (timer) clearTimeout(timer);
      return run();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
