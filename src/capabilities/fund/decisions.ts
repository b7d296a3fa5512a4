import type { Kysely } from 'kysely';
import type { Database, FundApplicationStatus, FundOrganisationKind } from '../../db/schema.ts';
import { AppError, forbidden, notFound, staleVersion } from '../../kernel/errors.ts';
import type { Actor, Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { fail } from '../internships/service.ts';
import { isUuid } from '../plans/service.ts';
import { loadApplication, type ApplicationView } from './applications.ts';
import {
  applicationTransition,
  canManageFund,
  canReadApplications,
  checkGrant,
  checkPayment,
  checkScores,
  isDate,
  meanScore,
  rankApplications,
} from './rules.ts';
import { callBalance, loadCall, type CallView } from './service.ts';

/** Assessment against the call's criteria, the ranking within the budget, decisions and payments. */
type Db = Kysely<Database>;

export interface RankedApplication {
  id: string;
  title: string;
  organisation: string;
  kind: FundOrganisationKind;
  requestedSek: number;
  status: FundApplicationStatus;
  submittedAt: string | null;
  score: number | null;
  assessments: number;
  assessedByMe: boolean;
  /** Rank among the undecided, submitted applications; null once decided or withdrawn. */
  rank: number | null;
  prioritised: boolean;
  withinBudget: boolean | null;
  grantedSek: number | null;
  paidSek: number;
  example: boolean;
}

export interface CallApplications {
  call: CallView;
  applications: RankedApplication[];
}

/** A call's submitted applications with their mean score, rank and whether they fit in what is left of the budget. */
export async function callApplications(db: Executor, caller: Caller, callId: string, now = new Date()): Promise<CallApplications> {
  const call = await loadCall(db, caller, callId, now);
  if (!canReadApplications(caller, call.municipalityCode))
    throw forbidden('Ansökningarna läses av kommunens egna medarbetare; beviljade bidrag är öppna för alla.');
  const rows = await db
    .selectFrom('fund_application')
    .innerJoin('fund_organisation', 'fund_organisation.id', 'fund_application.organisation_id')
    .leftJoin('fund_decision', 'fund_decision.application_id', 'fund_application.id')
    .select([
      'fund_application.id',
      'fund_application.title',
      'fund_application.requested_sek',
      'fund_application.status',
      'fund_application.submitted_at',
      'fund_application.example',
      'fund_organisation.name as organisation',
      'fund_organisation.kind',
      'fund_decision.granted_sek',
      'fund_decision.outcome',
    ])
    .where('fund_application.call_id', '=', callId)
    .where('fund_application.submitted_at', 'is not', null)
    .execute();
  const ids = rows.map((r) => r.id);
  const [assessments, payments] =
    ids.length > 0
      ? await Promise.all([
          db.selectFrom('fund_assessment').select(['application_id', 'assessor_id', 'scores']).where('application_id', 'in', ids).execute(),
          db.selectFrom('fund_payment').select(['application_id', 'amount_sek']).where('application_id', 'in', ids).execute(),
        ])
      : [[], []];
  const scoresOf = (id: string) => assessments.filter((a) => a.application_id === id).map((a) => a.scores);
  const ranked = rankApplications(
    rows
      .filter((r) => r.status === 'submitted')
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        submittedAt: new Date(r.submitted_at as Date).toISOString(),
        requestedSek: r.requested_sek,
        assessments: scoresOf(r.id),
      })),
    call.criteria,
    call.priorityRule,
    Math.max(0, call.balance.leftSek),
  );
  const byId = new Map(ranked.map((r) => [r.id, r]));
  const order = (id: string) => byId.get(id)?.rank ?? Number.MAX_SAFE_INTEGER;
  return {
    call,
    applications: rows
      .map((r) => {
        const rank = byId.get(r.id);
        return {
          id: r.id,
          title: r.title,
          organisation: r.organisation,
          kind: r.kind,
          requestedSek: r.requested_sek,
          status: r.status,
          submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
          score: meanScore(call.criteria, scoresOf(r.id)),
          assessments: scoresOf(r.id).length,
          assessedByMe: caller !== null && assessments.some((a) => a.application_id === r.id && a.assessor_id === caller.userId),
          rank: rank?.rank ?? null,
          prioritised: rank?.prioritised ?? false,
          withinBudget: rank ? rank.withinBudget : null,
          grantedSek: r.outcome === 'granted' ? r.granted_sek : r.outcome === 'rejected' ? 0 : null,
          paidSek: payments.filter((p) => p.application_id === r.id).reduce((a, p) => a + p.amount_sek, 0),
          example: r.example,
        };
      })
      .sort((a, b) => order(a.id) - order(b.id) || (b.grantedSek ?? -1) - (a.grantedSek ?? -1) || a.title.localeCompare(b.title, 'sv')),
  };
}

async function managedApplication(trx: Executor, actor: Actor, id: string) {
  const row = isUuid(id)
    ? await trx
        .selectFrom('fund_application')
        .innerJoin('fund_call', 'fund_call.id', 'fund_application.call_id')
        .innerJoin('fund', 'fund.id', 'fund_call.fund_id')
        .select([
          'fund_application.id',
          'fund_application.status',
          'fund_application.version',
          'fund_application.submitted_at',
          'fund_application.call_id',
          'fund_call.criteria',
          'fund_call.budget_sek',
          'fund.municipality_code',
        ])
        .where('fund_application.id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row || row.submitted_at === null || !canReadApplications(actor, row.municipality_code)) throw notFound('Ansökan');
  if (!canManageFund(actor, row.municipality_code)) throw forbidden('Bedömning, beslut och utbetalning görs av kommunens samordnare.');
  return row;
}

export interface AssessmentInput {
  scores: Record<string, number>;
  comment?: string | undefined;
  /** The assessment's version when changing one's own; absent for a first assessment. */
  version?: number | undefined;
}

/** One assessor's scores for an application: one row per assessor, changed in place. */
export async function assessApplication(
  db: Db,
  actor: Actor,
  id: string,
  input: AssessmentInput,
  example = false,
): Promise<ApplicationView> {
  return db.transaction().execute(async (trx) => {
    const row = await managedApplication(trx, actor, id);
    if (row.status !== 'submitted') throw new AppError('conflict', 'Ansökan är redan beslutad eller återkallad; bedömningen är låst.');
    const problems = checkScores(row.criteria, input.scores);
    if (problems.length > 0) fail(problems);
    const existing = await trx
      .selectFrom('fund_assessment')
      .selectAll()
      .where('application_id', '=', id)
      .where('assessor_name', '=', actor.username)
      .forUpdate()
      .executeTakeFirst();
    if (existing) {
      if (existing.version !== input.version)
        throw staleVersion('Din bedömning', { scores: existing.scores, comment: existing.comment, version: existing.version });
      await trx
        .updateTable('fund_assessment')
        .set({
          scores: JSON.stringify(input.scores),
          comment: input.comment?.trim() ?? '',
          version: existing.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', existing.id)
        .execute();
    } else {
      await trx
        .insertInto('fund_assessment')
        .values({
          application_id: id,
          assessor_id: actor.userId === '' ? null : actor.userId,
          assessor_name: actor.username,
          scores: JSON.stringify(input.scores),
          comment: input.comment?.trim() ?? '',
          example,
        })
        .execute();
    }
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'fund.application.assess',
      entityType: 'fund_application',
      entityId: id,
      before: existing ? { scores: existing.scores, comment: existing.comment } : null,
      after: { scores: input.scores, comment: input.comment ?? '' },
    });
    return loadApplication(trx, actor, id);
  });
}

export interface DecisionInput {
  outcome: 'granted' | 'rejected';
  decidedBy: string;
  decidedOn: string;
  minutesParagraph?: string | undefined;
  grantedSek: number;
  conditions?: string | undefined;
  overrideReason?: string | null | undefined;
  version: number;
}

/**
 * Records the decision of the board (KS) or its delegate. A grant is checked against what is left of the call's
 * budget under the call's row lock, so two decisions at once cannot both spend the same kronor; beyond it only
 * with a reason, audited as an override.
 */
export async function decideApplication(db: Db, actor: Actor, id: string, input: DecisionInput, example = false): Promise<ApplicationView> {
  return db.transaction().execute(async (trx) => {
    const row = await managedApplication(trx, actor, id);
    await trx.selectFrom('fund_call').select('id').where('id', '=', row.call_id).forUpdate().execute();
    await trx.selectFrom('fund_application').select('id').where('id', '=', id).forUpdate().execute();
    const current = await trx.selectFrom('fund_application').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    if (current.version !== input.version) throw staleVersion('Ansökan', await loadApplication(trx, actor, id));
    const step = applicationTransition(current.status, input.outcome === 'granted' ? 'grant' : 'reject');
    if ('problem' in step) throw new AppError('conflict', step.problem);
    const problems = [];
    if (input.decidedBy.trim() === '') problems.push({ path: '/decidedBy', message: 'Ange vem som beslutade (KS eller delegat).' });
    if (!isDate(input.decidedOn)) problems.push({ path: '/decidedOn', message: `Beslutsdatum: "${input.decidedOn}" är inget datum.` });
    if (input.outcome === 'rejected' && input.grantedSek !== 0)
      problems.push({ path: '/grantedSek', message: 'Ett avslag beviljar 0 kr.' });
    if (input.outcome === 'granted' && input.grantedSek <= 0)
      problems.push({ path: '/grantedSek', message: 'Ange beviljat belopp i hela kronor.' });
    if (problems.length > 0) fail(problems);
    const reason = input.overrideReason?.trim() || null;
    let override = false;
    if (input.outcome === 'granted') {
      const balance = await callBalance(trx, row.call_id, row.budget_sek);
      const check = checkGrant(balance, input.grantedSek, reason);
      if ('problem' in check) fail([check.problem]);
      override = check.override;
    }
    await trx
      .insertInto('fund_decision')
      .values({
        application_id: id,
        outcome: input.outcome,
        decided_by: input.decidedBy.trim(),
        decided_on: input.decidedOn,
        minutes_paragraph: input.minutesParagraph?.trim() ?? '',
        granted_sek: input.grantedSek,
        conditions: input.conditions?.trim() ?? '',
        override_reason: override ? reason : null,
        recorded_by: actor.username,
        example,
      })
      .execute();
    await trx
      .updateTable('fund_application')
      .set({ status: step.to, version: current.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const { version, ...decision } = input;
    void version;
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: override ? 'fund.decision.override' : 'fund.decision',
      entityType: 'fund_application',
      entityId: id,
      before: { status: current.status },
      after: { status: step.to, ...decision, overrideReason: override ? reason : null },
    });
    return loadApplication(trx, actor, id);
  });
}

export interface PaymentInput {
  paidOn: string;
  amountSek: number;
  note?: string | undefined;
}

/** A payment to a grantee: never more in all than granted. */
export async function recordPayment(db: Db, actor: Actor, id: string, input: PaymentInput, example = false): Promise<ApplicationView> {
  return db.transaction().execute(async (trx) => {
    const row = await managedApplication(trx, actor, id);
    await trx.selectFrom('fund_application').select('id').where('id', '=', id).forUpdate().execute();
    const decision = await trx
      .selectFrom('fund_decision')
      .select(['outcome', 'granted_sek'])
      .where('application_id', '=', id)
      .executeTakeFirst();
    if (decision?.outcome !== 'granted' || row.status === 'withdrawn')
      throw new AppError('conflict', 'Utbetalning görs bara till beviljade projekt.');
    if (!isDate(input.paidOn)) fail([{ path: '/paidOn', message: `Utbetalningsdag: "${input.paidOn}" är inget datum.` }]);
    const paid = await trx.selectFrom('fund_payment').select('amount_sek').where('application_id', '=', id).execute();
    const problem = checkPayment(
      decision.granted_sek,
      paid.reduce((a, p) => a + p.amount_sek, 0),
      input.amountSek,
    );
    if (problem) fail([problem]);
    const inserted = await trx
      .insertInto('fund_payment')
      .values({
        application_id: id,
        paid_on: input.paidOn,
        amount_sek: input.amountSek,
        note: input.note?.trim() ?? '',
        recorded_by: actor.username,
        example,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'fund.payment',
      entityType: 'fund_payment',
      entityId: inserted.id,
      before: null,
      after: { applicationId: id, ...input },
    });
    return loadApplication(trx, actor, id);
  });
}
