import type { FieldProblem } from '../../kernel/errors.ts';
import { reportStatuses, type ReportState, type ReportStatus } from './words.ts';

/**
 * The life of one report: a unit writes (draft), submits (locked), the coordinator returns it with a
 * comment or approves it; an approved report changes again only after a recorded reopening. No I/O.
 */
export type ReportAction = 'save' | 'submit' | 'return' | 'approve' | 'reopen';

export type Party = 'reporter' | 'coordinator';

const transitions: Record<ReportAction, { from: ReportState[]; to: ReportState; by: Party[] }> = {
  save: { from: ['open', 'draft', 'returned'], to: 'draft', by: ['reporter', 'coordinator'] },
  submit: { from: ['open', 'draft', 'returned'], to: 'submitted', by: ['reporter', 'coordinator'] },
  return: { from: ['submitted'], to: 'returned', by: ['coordinator'] },
  approve: { from: ['submitted'], to: 'approved', by: ['coordinator'] },
  reopen: { from: ['approved'], to: 'returned', by: ['coordinator'] },
};

const refusals: Record<ReportAction, Partial<Record<ReportState, string>>> = {
  save: {
    submitted: 'Rapporten är inskickad och låst. Samordnaren kan skicka tillbaka den om den behöver ändras.',
    approved: 'Rapporten är godkänd och låst. Samordnaren kan öppna den igen.',
  },
  submit: {
    submitted: 'Rapporten är redan inskickad.',
    approved: 'Rapporten är redan godkänd.',
  },
  return: { open: 'Bara inskickade rapporter kan skickas tillbaka.', draft: 'Bara inskickade rapporter kan skickas tillbaka.' },
  approve: { open: 'Bara inskickade rapporter kan godkännas.', draft: 'Bara inskickade rapporter kan godkännas.' },
  reopen: { submitted: 'En inskickad rapport skickas tillbaka, den öppnas inte.' },
};

export function nextState(state: ReportState, action: ReportAction, party: Party): { state: ReportState } | { error: string } {
  const t = transitions[action];
  if (!t.by.includes(party)) return { error: 'Det är samordnaren som skickar tillbaka, godkänner och öppnar rapporter.' };
  if (!t.from.includes(state)) return { error: refusals[action][state] ?? `Rapporten kan inte ${action} i läget ${state}.` };
  return { state: t.to };
}

export interface EntryInput {
  status: ReportStatus | null;
  progress: number | null;
  narrative: string;
  targetValue: number | null;
  comment?: string | null;
}

export const NARRATIVE_MAX = 10_000;

/** What a report must hold for the action; `hasTarget` says whether the item has a measurable target. */
export function checkEntry(input: EntryInput, action: ReportAction, hasTarget: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.status !== null && !reportStatuses.includes(input.status))
    problems.push({ path: '/status', message: `Okänd status: ${String(input.status)}.` });
  if (input.progress !== null && (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100))
    problems.push({ path: '/progress', message: 'Andel klar anges i hela procent mellan 0 och 100.' });
  if (input.narrative.length > NARRATIVE_MAX)
    problems.push({ path: '/narrative', message: `Beskrivningen får vara högst ${NARRATIVE_MAX} tecken.` });
  if (input.targetValue !== null && !Number.isFinite(input.targetValue))
    problems.push({ path: '/targetValue', message: 'Värdet måste vara ett tal.' });
  if (input.targetValue !== null && !hasTarget)
    problems.push({ path: '/targetValue', message: 'Punkten har inget mätbart mål att rapportera ett värde för.' });
  if (action === 'submit') {
    if (input.status === null) problems.push({ path: '/status', message: 'Välj en status innan du skickar in.' });
    if ((input.status === 'delayed' || input.status === 'cancelled') && input.narrative.trim() === '')
      problems.push({ path: '/narrative', message: 'Beskriv varför punkten är försenad eller avbruten.' });
    if (input.status === 'done' && input.progress !== null && input.progress < 100)
      problems.push({ path: '/progress', message: 'En genomförd punkt är klar till 100 %.' });
  }
  if ((action === 'return' || action === 'reopen') && (input.comment ?? '').trim() === '')
    problems.push({ path: '/comment', message: 'Skriv en kommentar som säger vad som behöver ändras.' });
  return problems;
}

export const outstandingStates: ReportState[] = ['open', 'draft', 'returned'];

/** The rank used to say whether an item moved between two cycles. */
const rank: Record<ReportStatus, number> = { not_started: 0, delayed: 1, in_progress: 2, done: 3, cancelled: -1 };

export type Movement = 'improved' | 'stalled' | 'regressed' | 'finished' | 'new' | 'dropped' | 'unreported';

export interface CycleFacts {
  status: ReportStatus | null;
  progress: number | null;
  targetValue: number | null;
}

/** How an item moved from cycle A to cycle B: what moved, what stalled. */
export function movement(a: CycleFacts | null, b: CycleFacts | null): Movement {
  if (a === null && b === null) return 'unreported';
  if (a === null) return 'new';
  // An item finished earlier leaves later cycles: it is done, not dropped.
  if (b === null) return a.status === 'done' ? 'finished' : 'dropped';
  if (b.status === null) return 'unreported';
  // Not reported before, reported now: measured from nothing done.
  if (a.status === null) return movement({ status: 'not_started', progress: 0, targetValue: null }, b);
  if (a.status === 'done' && b.status === 'done') return 'finished';
  if (b.status === 'cancelled' && a.status !== 'cancelled') return 'regressed';
  const ra = rank[a.status];
  const rb = rank[b.status];
  if (rb > ra) return 'improved';
  if (rb < ra) return 'regressed';
  if ((b.progress ?? 0) > (a.progress ?? 0)) return 'improved';
  if ((b.progress ?? 0) < (a.progress ?? 0)) return 'regressed';
  if (b.targetValue !== null && a.targetValue !== null && b.targetValue !== a.targetValue)
    return b.targetValue > a.targetValue ? 'improved' : 'regressed';
  return 'stalled';
}
