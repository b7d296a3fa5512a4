import type {
  FundActivityJson,
  FundApplicationStatus,
  FundBudgetLineJson,
  FundCallStatus,
  FundCoFinancingJson,
  FundCriterionJson,
  FundOrganisationKind,
  FundPriorityRule,
} from '../../db/schema.ts';
import type { FieldProblem } from '../../kernel/errors.ts';
import { canEditPlan, isMember, type Caller } from '../accounts/policies.ts';

/**
 * The integration fund as plain rules: the organisation number's check digit, when a call takes applications,
 * what an application must hold, how its status may move, the ranking within the budget and the fund's balance.
 * No clock and no database here: today's date and the rows come in as arguments.
 */

export const organisationKinds: FundOrganisationKind[] = ['association', 'faith_community', 'organisation', 'company', 'municipal_unit'];
export const MAX_SCORE = 5;

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const isDate = (s: string | null | undefined): s is string =>
  typeof s === 'string' && ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

// ---- who may do what ----------------------------------------------------------------------------------------

/** Calls, assessments, decisions and payments: the municipality's coordinators (and administrators). */
export const canManageFund = (caller: Caller, municipalityCode: string) => canEditPlan(caller, municipalityCode);

/** Submitted applications, with their assessments, are read by the municipality's own people; applicants are not among them. */
export const canReadApplications = (caller: Caller, municipalityCode: string) => isMember(caller, municipalityCode);

/** An applicant acts for its own organisation only. */
export function actsForOrganisation(caller: Caller, callerOrganisationId: string | null, organisationId: string): boolean {
  return caller?.role === 'applicant' && callerOrganisationId !== null && callerOrganisationId === organisationId;
}

// ---- organisation number ------------------------------------------------------------------------------------

/** Luhn (mod 10) over all ten digits, as Bolagsverket and Skatteverket compute the last one. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that makes nine digits a valid ten-digit number (used by the demo and the tests). */
export function checkDigit(nine: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${nine}${d}`)) return String(d);
  throw new Error('unreachable');
}

/** "802400-1234", "8024001234" or "16802400-1234" as NNNNNN-NNNN, or why not. */
export function parseOrgNumber(input: string): { value: string } | { problem: string } {
  const compact = input.replace(/[\s-]/g, '');
  const digits = compact.length === 12 && compact.startsWith('16') ? compact.slice(2) : compact;
  if (!/^\d{10}$/.test(digits)) return { problem: 'Organisationsnummer ska ha tio siffror, till exempel 802400-1234.' };
  if (!luhnValid(digits))
    return {
      problem: 'Organisationsnumret stämmer inte: kontrollsiffran (den sista) är fel. Kontrollera numret mot registreringsbeviset.',
    };
  return { value: `${digits.slice(0, 6)}-${digits.slice(6)}` };
}

// ---- calls ----------------------------------------------------------------------------------------------------

/** Today's date in Stockholm: a deadline is its day's end there, whatever the server's zone. */
export function stockholmDate(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export type CallPhase = 'draft' | 'upcoming' | 'open' | 'closed' | 'decided';

/** Where a call stands today: opened by the coordinator, and between its opening day and its deadline (inclusive). */
export function callPhase(call: { status: FundCallStatus; opensOn: string; deadline: string }, today: string): CallPhase {
  if (call.status === 'draft') return 'draft';
  if (call.status === 'decided') return 'decided';
  if (call.status === 'closed' || today > call.deadline) return 'closed';
  return today < call.opensOn ? 'upcoming' : 'open';
}

export interface CallFields {
  title: string;
  year: number;
  budgetSek: number;
  opensOn: string;
  deadline: string;
  periodFrom: string;
  periodTo: string;
  eligibleKinds: FundOrganisationKind[];
  criteria: FundCriterionJson[];
  priorityRule: FundPriorityRule;
}

export function checkCall(call: CallFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (call.title.trim() === '') problems.push({ path: '/title', message: 'Ge utlysningen en rubrik.' });
  if (!Number.isInteger(call.budgetSek) || call.budgetSek < 0)
    problems.push({ path: '/budgetSek', message: 'Budgeten anges i hela kronor, 0 eller mer.' });
  const dates = [
    ['/opensOn', call.opensOn, 'Öppnar'],
    ['/deadline', call.deadline, 'Sista ansökningsdag'],
    ['/periodFrom', call.periodFrom, 'Projekt från'],
    ['/periodTo', call.periodTo, 'Projekt till'],
  ] as const;
  for (const [path, value, label] of dates)
    if (!isDate(value)) problems.push({ path, message: `${label}: "${value}" är inget datum (ÅÅÅÅ-MM-DD).` });
  if (dates.every(([, value]) => isDate(value))) {
    if (call.deadline < call.opensOn) problems.push({ path: '/deadline', message: 'Sista ansökningsdag ligger före öppningsdagen.' });
    if (call.periodTo < call.periodFrom) problems.push({ path: '/periodTo', message: 'Projektperiodens slut ligger före dess början.' });
  }
  if (call.eligibleKinds.length === 0) problems.push({ path: '/eligibleKinds', message: 'Ange vilka som får söka.' });
  if (call.criteria.length === 0) problems.push({ path: '/criteria', message: 'Ange minst ett bedömningskriterium.' });
  const keys = new Set<string>();
  call.criteria.forEach((c, i) => {
    if (c.name.trim() === '') problems.push({ path: `/criteria/${i}/name`, message: `Kriterium ${i + 1} saknar namn.` });
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 10)
      problems.push({ path: `/criteria/${i}/weight`, message: `Kriterium ${i + 1}: vikten är ett heltal 1–10.` });
    if (keys.has(c.key)) problems.push({ path: `/criteria/${i}/key`, message: `Kriterium ${i + 1} finns redan.` });
    keys.add(c.key);
  });
  return problems;
}

/** Whether a call's status may go from one value to another: draft → open ⇄ closed → decided. */
export function callStatusProblem(from: FundCallStatus, to: FundCallStatus): string | null {
  if (from === to) return null;
  const allowed: Record<FundCallStatus, FundCallStatus[]> = {
    draft: ['open'],
    open: ['closed'],
    closed: ['open', 'decided'],
    decided: [],
  };
  return allowed[from].includes(to) ? null : `En utlysning kan inte gå från "${callStatusName[from]}" till "${callStatusName[to]}".`;
}

const callStatusName: Record<FundCallStatus, string> = { draft: 'utkast', open: 'öppen', closed: 'stängd', decided: 'beslutad' };

/** Why an organisation cannot apply to a call today, or null. */
export function applyProblem(
  call: { status: FundCallStatus; opensOn: string; deadline: string; eligibleKinds: FundOrganisationKind[] },
  kind: FundOrganisationKind,
  today: string,
): string | null {
  const phase = callPhase(call, today);
  if (phase === 'upcoming') return `Utlysningen öppnar ${call.opensOn}.`;
  if (phase !== 'open') return `Utlysningen är stängd: sista ansökningsdag var ${call.deadline}.`;
  if (!call.eligibleKinds.includes(kind)) return 'Er typ av organisation kan inte söka i den här utlysningen.';
  return null;
}

// ---- applications -------------------------------------------------------------------------------------------

export interface ApplicationFields {
  title: string;
  purpose: string;
  targetGroup: string;
  startDate: string | null;
  endDate: string | null;
  activities: FundActivityJson[];
  budgetLines: FundBudgetLineJson[];
  coFinancing: FundCoFinancingJson[];
}

const sum = (lines: { amountSek: number }[]) => lines.reduce((a, l) => a + l.amountSek, 0);

/** What the organisation asks of the fund: its costs less what others pay. */
export function requestedOf(application: Pick<ApplicationFields, 'budgetLines' | 'coFinancing'>): number {
  return Math.max(0, sum(application.budgetLines) - sum(application.coFinancing));
}

/** What a draft must hold to be saved; with `complete`, what it must hold to be submitted to the call's period. */
export function checkApplication(
  a: ApplicationFields,
  options: { complete: boolean; period?: { from: string; to: string } },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (a.title.trim() === '') problems.push({ path: '/title', message: 'Ge projektet ett namn.' });
  if (a.startDate !== null && !isDate(a.startDate))
    problems.push({ path: '/startDate', message: `Startdatum: "${a.startDate}" är inget datum.` });
  if (a.endDate !== null && !isDate(a.endDate)) problems.push({ path: '/endDate', message: `Slutdatum: "${a.endDate}" är inget datum.` });
  if (isDate(a.startDate) && isDate(a.endDate) && a.endDate < a.startDate)
    problems.push({ path: '/endDate', message: 'Slutdatum ligger före startdatum.' });
  a.activities.forEach((x, i) => {
    if (x.description.trim() === '')
      problems.push({ path: `/activities/${i}/description`, message: `Aktivitet ${i + 1} saknar beskrivning.` });
    if (!isDate(x.date)) problems.push({ path: `/activities/${i}/date`, message: `Aktivitet ${i + 1}: "${x.date}" är inget datum.` });
  });
  a.budgetLines.forEach((x, i) => {
    if (x.description.trim() === '')
      problems.push({ path: `/budgetLines/${i}/description`, message: `Budgetrad ${i + 1} saknar beskrivning.` });
    if (!Number.isInteger(x.amountSek) || x.amountSek < 0)
      problems.push({ path: `/budgetLines/${i}/amountSek`, message: `Budgetrad ${i + 1}: beloppet anges i hela kronor.` });
  });
  a.coFinancing.forEach((x, i) => {
    if (x.source.trim() === '') problems.push({ path: `/coFinancing/${i}/source`, message: `Medfinansiering ${i + 1} saknar finansiär.` });
    if (!Number.isInteger(x.amountSek) || x.amountSek < 0)
      problems.push({ path: `/coFinancing/${i}/amountSek`, message: `Medfinansiering ${i + 1}: beloppet anges i hela kronor.` });
  });
  if (!options.complete) return problems;
  if (a.purpose.trim() === '') problems.push({ path: '/purpose', message: 'Beskriv projektets syfte.' });
  if (a.targetGroup.trim() === '') problems.push({ path: '/targetGroup', message: 'Beskriv målgruppen.' });
  if (a.startDate === null) problems.push({ path: '/startDate', message: 'Ange när projektet börjar.' });
  if (a.endDate === null) problems.push({ path: '/endDate', message: 'Ange när projektet slutar.' });
  if (a.activities.length === 0) problems.push({ path: '/activities', message: 'Ange minst en aktivitet med datum.' });
  if (a.budgetLines.length === 0) problems.push({ path: '/budgetLines', message: 'Ange minst en budgetrad.' });
  else if (requestedOf(a) <= 0)
    problems.push({ path: '/budgetLines', message: 'Medfinansieringen täcker hela budgeten: det finns inget att söka.' });
  const period = options.period;
  if (period && isDate(a.startDate) && isDate(a.endDate) && (a.startDate < period.from || a.endDate > period.to))
    problems.push({ path: '/startDate', message: `Projektet ska genomföras inom utlysningens period ${period.from} – ${period.to}.` });
  return problems;
}

export type ApplicationEvent = 'edit' | 'submit' | 'withdraw' | 'grant' | 'reject' | 'report';

/** The status an event leads to, or why it cannot happen now. */
export function applicationTransition(
  status: FundApplicationStatus,
  event: ApplicationEvent,
): { to: FundApplicationStatus } | { problem: string } {
  switch (event) {
    case 'edit':
      return status === 'draft' ? { to: 'draft' } : { problem: 'Ansökan är inskickad och kan inte ändras.' };
    case 'submit':
      return status === 'draft' ? { to: 'submitted' } : { problem: 'Ansökan är redan inskickad.' };
    case 'withdraw':
      return status === 'draft' || status === 'submitted'
        ? { to: 'withdrawn' }
        : { problem: 'Ansökan är redan beslutad eller återkallad.' };
    case 'grant':
    case 'reject':
      return status === 'submitted'
        ? { to: event === 'grant' ? 'granted' : 'rejected' }
        : { problem: status === 'draft' ? 'Ansökan är inte inskickad.' : 'Ansökan är redan beslutad eller återkallad.' };
    case 'report':
      return status === 'granted' ? { to: 'completed' } : { problem: 'Slutrapport lämnas för beviljade projekt, en gång.' };
  }
}

// ---- assessment and ranking ---------------------------------------------------------------------------------

export function checkScores(criteria: FundCriterionJson[], scores: Record<string, number>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const c of criteria) {
    const s = scores[c.key];
    if (s === undefined) problems.push({ path: `/scores/${c.key}`, message: `Poäng saknas för "${c.name}".` });
    else if (!Number.isInteger(s) || s < 0 || s > MAX_SCORE)
      problems.push({ path: `/scores/${c.key}`, message: `"${c.name}": poängen är ett heltal 0–${MAX_SCORE}.` });
  }
  for (const key of Object.keys(scores))
    if (!criteria.some((c) => c.key === key))
      problems.push({ path: `/scores/${key}`, message: `Kriteriet "${key}" finns inte i utlysningen.` });
  return problems;
}

/** One assessor's scores as a weighted mean on the 0–5 scale; criteria left unscored do not count. */
export function weightedScore(criteria: FundCriterionJson[], scores: Record<string, number>): number | null {
  let weights = 0;
  let total = 0;
  for (const c of criteria) {
    const s = scores[c.key];
    if (s === undefined) continue;
    weights += c.weight;
    total += c.weight * s;
  }
  return weights === 0 ? null : total / weights;
}

/** The mean of the assessors' weighted scores, rounded to two decimals; null when nobody has assessed. */
export function meanScore(criteria: FundCriterionJson[], assessments: Record<string, number>[]): number | null {
  const each = assessments.map((s) => weightedScore(criteria, s)).filter((s): s is number => s !== null);
  if (each.length === 0) return null;
  return Math.round((each.reduce((a, s) => a + s, 0) / each.length) * 100) / 100;
}

export interface RankInput {
  id: string;
  kind: FundOrganisationKind;
  submittedAt: string;
  requestedSek: number;
  assessments: Record<string, number>[];
}

export interface Ranked {
  id: string;
  rank: number;
  score: number | null;
  prioritised: boolean;
  requestedSek: number;
  withinBudget: boolean;
  /** What is left of the budget after this application, if it is granted as asked (or as before, when it is not). */
  leftAfterSek: number;
}

/**
 * Ranks undecided applications: the call's priority first (Kalix: municipal units before others), then the mean
 * weighted score (unassessed last), then the earlier submission. Walking down, each application that fits in
 * what is left is "inom budget" and uses its request; one that does not fit is "utanför budget", and the walk
 * goes on, so a smaller later request can still fit.
 */
export function rankApplications(
  applications: RankInput[],
  criteria: FundCriterionJson[],
  rule: FundPriorityRule,
  budgetLeftSek: number,
): Ranked[] {
  const scored = applications.map((a) => ({
    ...a,
    score: meanScore(criteria, a.assessments),
    prioritised: rule === 'municipal_units_first' && a.kind === 'municipal_unit',
  }));
  scored.sort(
    (a, b) =>
      Number(b.prioritised) - Number(a.prioritised) ||
      (b.score ?? -1) - (a.score ?? -1) ||
      a.submittedAt.localeCompare(b.submittedAt) ||
      a.id.localeCompare(b.id),
  );
  let left = budgetLeftSek;
  return scored.map((a, i) => {
    const fits = a.requestedSek <= left;
    if (fits) left -= a.requestedSek;
    return {
      id: a.id,
      rank: i + 1,
      score: a.score,
      prioritised: a.prioritised,
      requestedSek: a.requestedSek,
      withinBudget: fits,
      leftAfterSek: left,
    };
  });
}

// ---- money --------------------------------------------------------------------------------------------------

export interface Balance {
  budgetSek: number;
  grantedSek: number;
  /** Granted beyond the budget by explicit, reasoned overrides. */
  overrideSek: number;
  leftSek: number;
}

/** Budget less granted: never below zero unless overrides took it there, which they show. */
export function balanceOf(budgetSek: number, grants: { grantedSek: number; override: boolean }[]): Balance {
  const grantedSek = grants.reduce((a, g) => a + g.grantedSek, 0);
  const leftSek = budgetSek - grantedSek;
  return { budgetSek, grantedSek, overrideSek: leftSek < 0 ? -leftSek : 0, leftSek };
}

/**
 * Whether a grant may be decided against the balance: within what is left, or beyond it only with a reason
 * (recorded and audited as an override). Returns whether it is an override.
 */
export function checkGrant(
  balance: Balance,
  amountSek: number,
  overrideReason: string | null,
): { override: boolean } | { problem: FieldProblem } {
  if (!Number.isInteger(amountSek) || amountSek < 0)
    return { problem: { path: '/grantedSek', message: 'Beviljat belopp anges i hela kronor, 0 eller mer.' } };
  if (amountSek <= balance.leftSek) return { override: false };
  if (overrideReason && overrideReason.trim() !== '') return { override: true };
  return {
    problem: {
      path: '/grantedSek',
      message: `Beloppet ${formatSek(amountSek)} överstiger vad som finns kvar i budgeten (${formatSek(Math.max(0, balance.leftSek))}). Sänk beloppet, eller ange skäl för att överskrida budgeten.`,
    },
  };
}

/** A payment fits within what was granted and not yet paid. */
export function checkPayment(grantedSek: number, paidSek: number, amountSek: number): FieldProblem | null {
  if (!Number.isInteger(amountSek) || amountSek <= 0)
    return { path: '/amountSek', message: 'Utbetalt belopp anges i hela kronor, mer än 0.' };
  if (paidSek + amountSek > grantedSek)
    return {
      path: '/amountSek',
      message: `Utbetalningarna skulle bli ${formatSek(paidSek + amountSek)}, mer än beviljade ${formatSek(grantedSek)}.`,
    };
  return null;
}

export function formatSek(amount: number): string {
  return `${amount.toLocaleString('sv-SE').replace(/\u00a0/g, ' ')} kr`;
}

/** Balance per year over a fund's calls, every year present in order. */
export function balancePerYear(
  calls: { year: number; budgetSek: number }[],
  grants: { year: number; grantedSek: number; override: boolean }[],
): ({ year: number } & Balance)[] {
  const years = [...new Set(calls.map((c) => c.year))].sort((a, b) => a - b);
  return years.map((year) => ({
    year,
    ...balanceOf(
      calls.filter((c) => c.year === year).reduce((a, c) => a + c.budgetSek, 0),
      grants.filter((g) => g.year === year),
    ),
  }));
}
