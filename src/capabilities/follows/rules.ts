import { combineFacts } from '../follow-up/history.ts';
import type { ReportStatus } from '../follow-up/words.ts';
import type { Lang } from '../portal/languages.ts';
import { fill } from '../portal/messages/define.ts';
import { followMessages } from '../portal/messages/follow.ts';

/**
 * Following a plan or an item by e-mail, pure: what an address must look like, what the public sees as an item's
 * status, whether an approval changed it, which follows hear of it and what the mails say. No I/O.
 */
export type FollowTargetKind = 'document' | 'item';

/** An unconfirmed request, and its confirmation link, lasts this long; the retention job deletes it after. */
export const CONFIRM_VALID_DAYS = 7;
/** A confirmed follow that has heard nothing this long is deleted: nobody is kept on a list for ever by silence. */
export const IDLE_RETENTION_DAYS = 730;

const DAY = 86_400_000;

export function followCutoffs(now: Date): { unconfirmedBefore: Date; idleBefore: Date } {
  return {
    unconfirmedBefore: new Date(now.getTime() - CONFIRM_VALID_DAYS * DAY),
    idleBefore: new Date(now.getTime() - IDLE_RETENTION_DAYS * DAY),
  };
}

/**
 * Deliberately plain: one @, no spaces, a dot in the domain, within the lengths SMTP allows. Whether the address
 * exists is what the confirmation mail finds out; a stricter pattern only refuses real addresses.
 */
const EMAIL = /^[^\s@<>(),;:"[\]\\]{1,64}@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]{2,}$/;

export function emailProblem(raw: string): 'empty' | 'invalid' | null {
  const email = raw.trim();
  if (email === '') return 'empty';
  if (email.length > 254 || !EMAIL.test(email) || email.includes('..')) return 'invalid';
  return null;
}

export const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Several approved reports on one item in one cycle (several units, several occurrences) are said as one status,
 * the least advanced, exactly as the public plan pages say it (follow-up's combineFacts).
 */
export function combineStatuses(statuses: ReportStatus[]): ReportStatus | null {
  return combineFacts(statuses.map((status) => ({ status, progress: null, targetValue: null })))?.status ?? null;
}

export interface ApprovedReport {
  cycleId: string;
  /** The cycle's period: what makes one cycle later than another, as the plan pages order them. */
  periodFrom: string;
  periodTo: string;
  status: ReportStatus;
}

/** What the public reads as an item's status: the approved reports of the latest cycle that has any, as one. */
export function publicStatus(reports: ApprovedReport[]): ReportStatus | null {
  if (reports.length === 0) return null;
  const later = (a: ApprovedReport, b: ApprovedReport) =>
    (b.periodTo.localeCompare(a.periodTo) || b.periodFrom.localeCompare(a.periodFrom) || b.cycleId.localeCompare(a.cycleId)) > 0;
  const latest = reports.reduce((a, b) => (later(a, b) ? b : a));
  return combineStatuses(reports.filter((r) => r.cycleId === latest.cycleId).map((r) => r.status));
}

export interface StatusChange {
  from: ReportStatus | null;
  to: ReportStatus;
}

/** A change worth a mail: the public status is now a different one (a first approved status counts). */
export function statusChange(before: ReportStatus | null, after: ReportStatus | null): StatusChange | null {
  if (after === null || after === before) return null;
  return { from: before, to: after };
}

export interface FollowRef {
  id: string;
  email: string;
  lang: Lang;
  targetKind: FollowTargetKind;
  targetId: string;
  confirmed: boolean;
}

export interface ChangedItem {
  itemId: string;
  /** The item's parents, nearest first: a goal's follower hears of its activities. */
  ancestorIds: string[];
  /** The item's plan and, for an action plan, the plan it belongs to, nearest first. */
  documentIds: string[];
}

export interface Recipient {
  follow: FollowRef;
  /** What the person follows: the item itself, one of its goals, or the plan. */
  via: 'item' | 'ancestor' | 'document';
}

/**
 * The confirmed follows an item's change concerns, one per address: someone who follows both the plan and the item
 * gets one mail, carrying the unsubscribe link of the nearest thing they follow.
 */
export function followsConcerned(change: ChangedItem, follows: FollowRef[]): Recipient[] {
  const rank = (f: FollowRef): number => {
    if (f.targetKind === 'item') {
      if (f.targetId === change.itemId) return 0;
      const at = change.ancestorIds.indexOf(f.targetId);
      return at === -1 ? -1 : 1 + at;
    }
    const at = change.documentIds.indexOf(f.targetId);
    return at === -1 ? -1 : 1000 + at;
  };
  const best = new Map<string, { follow: FollowRef; rank: number }>();
  for (const follow of follows) {
    if (!follow.confirmed) continue;
    const r = rank(follow);
    if (r < 0) continue;
    const key = follow.email.trim().toLowerCase();
    const held = best.get(key);
    if (!held || r < held.rank || (r === held.rank && follow.id < held.follow.id)) best.set(key, { follow, rank: r });
  }
  return [...best.values()]
    .sort((a, b) => a.rank - b.rank || (a.follow.id < b.follow.id ? -1 : 1))
    .map(({ follow, rank }) => ({ follow, via: rank === 0 ? 'item' : rank < 1000 ? 'ancestor' : 'document' }));
}

export interface MailText {
  subject: string;
  body: string;
}

export function statusWord(lang: Lang, status: ReportStatus | null): string {
  const t = followMessages(lang);
  return status === null ? t.status_none : t[`status_${status}`];
}

/** A line naming an item or plan: its number and text, cut where a subject line would wrap. */
export function nameOf(target: { number?: string | null; text: string }, max = 200): string {
  const text = target.text.replace(/\s+/g, ' ').trim();
  const short = text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
  return target.number ? `${target.number} ${short}` : short;
}

const paragraphs = (...parts: string[]) => `${parts.filter((p) => p !== '').join('\n\n')}\n`;

export function confirmMail(lang: Lang, facts: { municipality: string; name: string; link: string }): MailText {
  const t = followMessages(lang);
  return {
    subject: fill(t.mailConfirmSubject, { municipality: facts.municipality }),
    body: paragraphs(
      fill(t.mailConfirmBody, facts),
      lang === 'sv' ? '' : t.mailSwedish,
      fill(t.mailSignature, { municipality: facts.municipality }),
    ),
  };
}

export interface ChangeMailFacts {
  municipality: string;
  /** The changed item, as `nameOf` says it. */
  name: string;
  /** What the person follows (the item, a goal above it, or the plan). */
  followed: string;
  change: StatusChange;
  link: string;
  unsubscribeUrl: string;
}

/** The status, the item and where to read more; never what a reporter wrote, which may name people. */
export function statusChangedMail(lang: Lang, facts: ChangeMailFacts): MailText {
  const t = followMessages(lang);
  return {
    subject: fill(t.mailChangeSubject, { name: nameOf({ text: facts.name }, 70) }),
    body: paragraphs(
      fill(t.mailChangeBody, {
        municipality: facts.municipality,
        name: facts.name,
        status: statusWord(lang, facts.change.to),
        previous: statusWord(lang, facts.change.from),
        link: facts.link,
      }),
      lang === 'sv' ? '' : t.mailSwedish,
      fill(t.mailWhy, { followed: facts.followed, unsubscribe: facts.unsubscribeUrl }),
      fill(t.mailSignature, { municipality: facts.municipality }),
    ),
  };
}

/** RFC 2369 and RFC 8058: a mail client offers "unsubscribe" and does it with one POST, without opening a page. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** The public page of a plan or item, without the language prefix. */
export function publicPath(municipalityCode: string, documentId: string, itemId?: string | null): string {
  return `/kommun/${municipalityCode}/plan/${documentId}${itemId ? `/punkt/${itemId}` : ''}`;
}

/**
 * Where the "back" link of the pages after the form leads: the page the form was on when that is a page of the
 * same municipality, else the target's own page. Never another site, whatever the form was sent with.
 */
export function safeReturnPath(raw: string | undefined, municipalityCode: string, fallback: string): string {
  const path = (raw ?? '').replace(/^\/(sv|en|ar|ti|so|prs)(?=\/)/, '');
  const ours = new RegExp(`^/kommun/${municipalityCode}(/[A-Za-z0-9/-]*)?$`);
  return ours.test(path) && !path.includes('//') ? path : fallback;
}
