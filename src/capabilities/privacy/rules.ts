/**
 * Retention rules of the platform's own personal data (decision 0025), pure: what is old enough to go, given
 * the time now and the configured periods. The job in retention.ts applies them; matching participants have
 * their programme's own rule (matching/rules.ts).
 */
const DAY = 86_400_000;

/** Expired links stay this long, so their holder is told "the link has expired" rather than "unknown link". */
export const EXPIRED_LINK_GRACE_DAYS = 30;

export interface RetentionPolicy {
  /** Outbox messages older than this lose their address, body and error text. */
  mailDays: number;
  /** Accounts disabled longer than this are erased. */
  accountDays: number;
  /** A session unused this long is over (SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number;
  linkGraceDays: number;
}

export interface RetentionCutoffs {
  /** Sessions that expired before this, or were last used before `sessionsIdleBefore`, are deleted. */
  sessionsExpiredBefore: Date;
  sessionsIdleBefore: Date;
  /** Personal links that expired before this are deleted. */
  linksExpiredBefore: Date;
  /** Messages made before this are blanked (sent or given up on; never one still queued). */
  mailCreatedBefore: Date;
  /** Accounts disabled before this are erased. */
  accountsDisabledBefore: Date;
}

export function retentionCutoffs(now: Date, policy: RetentionPolicy): RetentionCutoffs {
  const at = now.getTime();
  return {
    sessionsExpiredBefore: new Date(at),
    sessionsIdleBefore: new Date(at - policy.sessionIdleMinutes * 60_000),
    linksExpiredBefore: new Date(at - policy.linkGraceDays * DAY),
    mailCreatedBefore: new Date(at - policy.mailDays * DAY),
    accountsDisabledBefore: new Date(at - policy.accountDays * DAY),
  };
}

export interface AccountState {
  disabled: boolean;
  /** When it was last disabled (the audit log); null if nothing says so. */
  disabledSince: Date | null;
  erasedAt: Date | null;
}

/**
 * An account is erased by time only when it is disabled, has been since before the cut-off, and is not erased
 * already. An account disabled without a recorded time is left alone: erasure cannot be undone, so doubt keeps.
 */
export function isAccountDueForErasure(account: AccountState, disabledBefore: Date): boolean {
  return (
    account.disabled &&
    account.erasedAt === null &&
    account.disabledSince !== null &&
    account.disabledSince.getTime() < disabledBefore.getTime()
  );
}
