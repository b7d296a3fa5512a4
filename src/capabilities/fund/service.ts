import type { Kysely } from 'kysely';
import type { Database, FundCallStatus, FundCriterionJson, FundOrganisationKind, FundPriorityRule } from '../../db/schema.ts';
import { forbidden, invalid, notFound, staleVersion } from '../../kernel/errors.ts';
import { canReadDocument, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { fail, requireMunicipality } from '../internships/service.ts';
import { isUuid } from '../plans/service.ts';
import {
  balanceOf,
  balancePerYear,
  callPhase,
  callStatusProblem,
  canManageFund,
  canReadApplications,
  checkCall,
  stockholmDate,
  type Balance,
  type CallFields,
  type CallPhase,
} from './rules.ts';

/**
 * The integration fund's funds and calls, the balance per year, and what anyone may read: open calls and the
 * grants decided (public records). Applications live in applications.ts, assessment and decisions in decisions.ts.
 */
type Db = Kysely<Database>;

export interface OrganisationView {
  id: string;
  orgNumber: string;
  name: string;
  kind: FundOrganisationKind;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  example: boolean;
}

export interface CallView {
  id: string;
  fundId: string;
  fundName: string;
  municipalityCode: string;
  title: string;
  description: string;
  year: number;
  budgetSek: number;
  opensOn: string;
  deadline: string;
  periodFrom: string;
  periodTo: string;
  eligibleKinds: FundOrganisationKind[];
  criteria: FundCriterionJson[];
  priorityRule: FundPriorityRule;
  status: FundCallStatus;
  phase: CallPhase;
  balance: Balance;
  example: boolean;
  version: number;
  canManage: boolean;
}

export interface FundView {
  id: string;
  name: string;
  description: string;
  example: boolean;
  version: number;
  years: ({ year: number } & Balance)[];
  calls: CallView[];
}

export interface FundOverview {
  municipality: { code: string; name: string };
  funds: FundView[];
  canManage: boolean;
  canReadApplications: boolean;
  /** The caller's own organisation, when the caller is an applicant of this municipality. */
  organisation: OrganisationView | null;
}

export interface GrantView {
  applicationId: string;
  organisation: string;
  title: string;
  callTitle: string;
  fundName: string;
  year: number;
  grantedSek: number;
  decidedOn: string;
  decidedBy: string;
  minutesParagraph: string;
  status: string;
  example: boolean;
}

export const toOrganisation = (r: {
  id: string;
  org_number: string;
  name: string;
  kind: FundOrganisationKind;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  example: boolean;
}): OrganisationView => ({
  id: r.id,
  orgNumber: r.org_number,
  name: r.name,
  kind: r.kind,
  contactName: r.contact_name,
  contactEmail: r.contact_email,
  contactPhone: r.contact_phone,
  example: r.example,
});

/** The organisation an applicant acts for, in its municipality; null for everyone else. */
export async function organisationOf(db: Executor, caller: Caller): Promise<OrganisationView | null> {
  if (caller?.role !== 'applicant') return null;
  const row = await db
    .selectFrom('fund_organisation_user')
    .innerJoin('fund_organisation', 'fund_organisation.id', 'fund_organisation_user.organisation_id')
    .selectAll('fund_organisation')
    .where('fund_organisation_user.user_id', '=', caller.userId)
    .executeTakeFirst();
  return row ? toOrganisation(row) : null;
}

/** Grants decided per call, for balances: the amount and whether it was an override. */
async function grantsOfCalls(db: Executor, callIds: string[]): Promise<{ callId: string; grantedSek: number; override: boolean }[]> {
  if (callIds.length === 0) return [];
  const rows = await db
    .selectFrom('fund_decision')
    .innerJoin('fund_application', 'fund_application.id', 'fund_decision.application_id')
    .select(['fund_application.call_id', 'fund_decision.granted_sek', 'fund_decision.override_reason'])
    .where('fund_application.call_id', 'in', callIds)
    .where('fund_decision.outcome', '=', 'granted')
    .execute();
  return rows.map((r) => ({ callId: r.call_id, grantedSek: r.granted_sek, override: r.override_reason !== null }));
}

/** A call's balance inside a transaction that holds its row lock: what the decision check compares with. */
export async function callBalance(db: Executor, callId: string, budgetSek: number): Promise<Balance> {
  return balanceOf(budgetSek, await grantsOfCalls(db, [callId]));
}

function callRows(db: Executor, where: { code?: string; id?: string; fundId?: string }) {
  let query = db
    .selectFrom('fund_call')
    .innerJoin('fund', 'fund.id', 'fund_call.fund_id')
    .selectAll('fund_call')
    .select(['fund.name as fund_name', 'fund.municipality_code'])
    .orderBy('fund_call.year', 'desc')
    .orderBy('fund_call.opens_on', 'desc')
    .orderBy('fund_call.id');
  if (where.code) query = query.where('fund.municipality_code', '=', where.code);
  if (where.id) query = query.where('fund_call.id', '=', where.id);
  if (where.fundId) query = query.where('fund_call.fund_id', '=', where.fundId);
  return query.execute();
}
type CallRow = Awaited<ReturnType<typeof callRows>>[number];

async function callViews(db: Executor, caller: Caller, rows: CallRow[], now: Date): Promise<CallView[]> {
  const grants = await grantsOfCalls(
    db,
    rows.map((r) => r.id),
  );
  const today = stockholmDate(now);
  return rows
    .filter((r) => r.status !== 'draft' || canManageFund(caller, r.municipality_code))
    .map((r) => ({
      id: r.id,
      fundId: r.fund_id,
      fundName: r.fund_name,
      municipalityCode: r.municipality_code,
      title: r.title,
      description: r.description,
      year: r.year,
      budgetSek: r.budget_sek,
      opensOn: r.opens_on,
      deadline: r.deadline,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      eligibleKinds: r.eligible_kinds,
      criteria: r.criteria,
      priorityRule: r.priority_rule,
      status: r.status,
      phase: callPhase({ status: r.status, opensOn: r.opens_on, deadline: r.deadline }, today),
      balance: balanceOf(
        r.budget_sek,
        grants.filter((g) => g.callId === r.id),
      ),
      example: r.example,
      version: r.version,
      canManage: canManageFund(caller, r.municipality_code),
    }));
}

/** Funds, calls and the balance per year. Draft calls only for those who manage the fund. */
export async function fundOverview(db: Executor, caller: Caller, code: string, now = new Date()): Promise<FundOverview> {
  const name = await requireMunicipality(db, code);
  const funds = await db.selectFrom('fund').selectAll().where('municipality_code', '=', code).orderBy('name').execute();
  const calls = await callViews(db, caller, await callRows(db, { code }), now);
  const organisation = await organisationOf(db, caller);
  return {
    municipality: { code, name },
    funds: funds.map((f) => {
      const own = calls.filter((c) => c.fundId === f.id);
      const decided = own.filter((c) => c.status !== 'draft');
      return {
        id: f.id,
        name: f.name,
        description: f.description,
        example: f.example,
        version: f.version,
        years: balancePerYear(
          decided.map((c) => ({ year: c.year, budgetSek: c.budgetSek })),
          decided.map((c) => ({ year: c.year, grantedSek: c.balance.grantedSek, override: c.balance.overrideSek > 0 })),
        ),
        calls: own,
      };
    }),
    canManage: canManageFund(caller, code),
    canReadApplications: canReadApplications(caller, code),
    organisation: organisation && (await orgMunicipality(db, organisation.id)) === code ? organisation : null,
  };
}

async function orgMunicipality(db: Executor, organisationId: string): Promise<string | undefined> {
  return (await db.selectFrom('fund_organisation').select('municipality_code').where('id', '=', organisationId).executeTakeFirst())
    ?.municipality_code;
}

export async function loadCall(db: Executor, caller: Caller, id: string, now = new Date()): Promise<CallView> {
  const [call] = isUuid(id) ? await callViews(db, caller, await callRows(db, { id }), now) : [];
  if (!call) throw notFound('Utlysningen');
  return call;
}

/** Decided grants of the municipality: organisation, project, amount, date and minutes paragraph — public records. */
export async function listGrants(db: Executor, code: string): Promise<GrantView[]> {
  await requireMunicipality(db, code);
  const rows = await db
    .selectFrom('fund_decision')
    .innerJoin('fund_application', 'fund_application.id', 'fund_decision.application_id')
    .innerJoin('fund_organisation', 'fund_organisation.id', 'fund_application.organisation_id')
    .innerJoin('fund_call', 'fund_call.id', 'fund_application.call_id')
    .innerJoin('fund', 'fund.id', 'fund_call.fund_id')
    .select([
      'fund_application.id',
      'fund_application.title',
      'fund_application.status',
      'fund_organisation.name as organisation',
      'fund_call.title as call_title',
      'fund_call.year',
      'fund.name as fund_name',
      'fund_decision.granted_sek',
      'fund_decision.decided_on',
      'fund_decision.decided_by',
      'fund_decision.minutes_paragraph',
      'fund_decision.example',
    ])
    .where('fund.municipality_code', '=', code)
    .where('fund_decision.outcome', '=', 'granted')
    .orderBy('fund_decision.decided_on', 'desc')
    .orderBy('fund_application.title')
    .execute();
  return rows.map((r) => ({
    applicationId: r.id,
    organisation: r.organisation,
    title: r.title,
    callTitle: r.call_title,
    fundName: r.fund_name,
    year: r.year,
    grantedSek: r.granted_sek,
    decidedOn: r.decided_on,
    decidedBy: r.decided_by,
    minutesParagraph: r.minutes_paragraph,
    status: r.status,
    example: r.example,
  }));
}

/** Granted (and completed) projects serving a plan item, within a period when given: readable by anyone who reads the item. */
export async function fundProjectsOfItem(
  db: Executor,
  caller: Caller,
  itemId: string,
  from?: string,
  to?: string,
): Promise<{ id: string; title: string; organisation: string; year: number; grantedSek: number; status: string }[]> {
  if (!isUuid(itemId)) return [];
  const item = await db
    .selectFrom('item')
    .innerJoin('document', 'document.id', 'item.document_id')
    .select(['document.status', 'document.municipality_code'])
    .where('item.id', '=', itemId)
    .executeTakeFirst();
  if (!item || !canReadDocument(caller, { municipalityCode: item.municipality_code, status: item.status as 'draft' })) return [];
  const rows = await db
    .selectFrom('fund_application_item')
    .innerJoin('fund_application', 'fund_application.id', 'fund_application_item.application_id')
    .innerJoin('fund_organisation', 'fund_organisation.id', 'fund_application.organisation_id')
    .innerJoin('fund_call', 'fund_call.id', 'fund_application.call_id')
    .innerJoin('fund_decision', 'fund_decision.application_id', 'fund_application.id')
    .select([
      'fund_application.id',
      'fund_application.title',
      'fund_application.status',
      'fund_application.start_date',
      'fund_application.end_date',
      'fund_organisation.name as organisation',
      'fund_call.year',
      'fund_decision.granted_sek',
    ])
    .where('fund_application_item.item_id', '=', itemId)
    .where('fund_application.status', 'in', ['granted', 'completed'])
    .orderBy('fund_call.year')
    .orderBy('fund_application.title')
    .execute();
  return rows
    .filter((r) => {
      const start = r.start_date ?? `${r.year}-01-01`;
      const end = r.end_date ?? `${r.year}-12-31`;
      return (!from || end >= from) && (!to || start <= to);
    })
    .map((r) => ({ id: r.id, title: r.title, organisation: r.organisation, year: r.year, grantedSek: r.granted_sek, status: r.status }));
}

// ---- writes -------------------------------------------------------------------------------------------------

export interface FundInput {
  name: string;
  description?: string | undefined;
}

export async function createFund(db: Db, actor: Actor, code: string, input: FundInput, example = false): Promise<FundOverview> {
  if (!canManageFund(actor, code)) throw forbidden('Samordnaren förvaltar integrationsfonden.');
  if (input.name.trim() === '') throw invalid('/name', 'Ge fonden ett namn.');
  await db.transaction().execute(async (trx) => {
    await requireMunicipality(trx, code);
    const taken = await trx
      .selectFrom('fund')
      .select('id')
      .where('municipality_code', '=', code)
      .where('name', '=', input.name.trim())
      .executeTakeFirst();
    if (taken) throw invalid('/name', `Det finns redan en fond som heter "${input.name.trim()}".`);
    const row = await trx
      .insertInto('fund')
      .values({ municipality_code: code, name: input.name.trim(), description: input.description?.trim() ?? '', example })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: 'fund.create',
      entityType: 'fund',
      entityId: row.id,
      before: null,
      after: input,
    });
  });
  return fundOverview(db, actor, code);
}

export type CallInput = Omit<CallFields, 'criteria'> & {
  description?: string | undefined;
  criteria: { key?: string | undefined; name: string; description?: string | undefined; weight: number }[];
};

/** Criteria keep their keys once scored; new ones get a key from their position. */
const withKeys = (criteria: CallInput['criteria']): FundCriterionJson[] =>
  criteria.map((c, i) => ({
    key: c.key?.trim() || `c${i + 1}`,
    name: c.name.trim(),
    description: c.description?.trim() ?? '',
    weight: c.weight,
  }));

export async function createCall(db: Db, actor: Actor, fundId: string, input: CallInput, example = false): Promise<CallView> {
  const criteria = withKeys(input.criteria);
  const problems = checkCall({ ...input, criteria });
  if (problems.length > 0) fail(problems);
  return db.transaction().execute(async (trx) => {
    const fund = isUuid(fundId) ? await trx.selectFrom('fund').selectAll().where('id', '=', fundId).executeTakeFirst() : undefined;
    if (!fund) throw notFound('Fonden');
    if (!canManageFund(actor, fund.municipality_code)) throw forbidden('Samordnaren öppnar utlysningar.');
    const row = await trx
      .insertInto('fund_call')
      .values({
        fund_id: fundId,
        title: input.title.trim(),
        description: input.description?.trim() ?? '',
        year: input.year,
        budget_sek: input.budgetSek,
        opens_on: input.opensOn,
        deadline: input.deadline,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        eligible_kinds: JSON.stringify([...new Set(input.eligibleKinds)]),
        criteria: JSON.stringify(criteria),
        priority_rule: input.priorityRule,
        status: 'draft',
        example,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: fund.municipality_code,
      action: 'fund.call.create',
      entityType: 'fund_call',
      entityId: row.id,
      before: null,
      after: { ...input, criteria },
    });
    return loadCall(trx, actor, row.id);
  });
}

export async function updateCall(
  db: Db,
  actor: Actor,
  id: string,
  input: Partial<CallInput> & { status?: FundCallStatus | undefined; version: number },
): Promise<CallView> {
  return db.transaction().execute(async (trx) => {
    const [row] = isUuid(id) ? await callRows(trx, { id }) : [];
    if (!row || (row.status === 'draft' && !canManageFund(actor, row.municipality_code))) throw notFound('Utlysningen');
    if (!canManageFund(actor, row.municipality_code)) throw forbidden('Samordnaren ändrar utlysningar.');
    await trx.selectFrom('fund_call').select('id').where('id', '=', id).forUpdate().execute();
    const before = await loadCall(trx, actor, id);
    if (row.version !== input.version) throw staleVersion('Utlysningen', before);
    if (input.status !== undefined) {
      const problem = callStatusProblem(row.status, input.status);
      if (problem) throw invalid('/status', problem);
    }
    const criteria = input.criteria ? withKeys(input.criteria) : row.criteria;
    const merged: CallFields = {
      title: input.title ?? row.title,
      year: input.year ?? row.year,
      budgetSek: input.budgetSek ?? row.budget_sek,
      opensOn: input.opensOn ?? row.opens_on,
      deadline: input.deadline ?? row.deadline,
      periodFrom: input.periodFrom ?? row.period_from,
      periodTo: input.periodTo ?? row.period_to,
      eligibleKinds: input.eligibleKinds ?? row.eligible_kinds,
      criteria,
      priorityRule: input.priorityRule ?? row.priority_rule,
    };
    const problems = checkCall(merged);
    if (problems.length > 0) fail(problems);
    if (merged.budgetSek < before.balance.grantedSek - before.balance.overrideSek)
      throw invalid('/budgetSek', `Budgeten kan inte bli lägre än det som redan är beviljat (${before.balance.grantedSek} kr).`);
    await trx
      .updateTable('fund_call')
      .set({
        title: merged.title.trim(),
        ...(input.description !== undefined ? { description: input.description.trim() } : {}),
        year: merged.year,
        budget_sek: merged.budgetSek,
        opens_on: merged.opensOn,
        deadline: merged.deadline,
        period_from: merged.periodFrom,
        period_to: merged.periodTo,
        eligible_kinds: JSON.stringify([...new Set(merged.eligibleKinds)]),
        criteria: JSON.stringify(merged.criteria),
        priority_rule: merged.priorityRule,
        ...(input.status !== undefined ? { status: input.status } : {}),
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const { version, ...changes } = input;
    void version;
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: input.status && input.status !== row.status ? `fund.call.${input.status}` : 'fund.call.update',
      entityType: 'fund_call',
      entityId: id,
      before,
      after: changes,
    });
    return loadCall(trx, actor, id);
  });
}

/** An indicator computed from the fund (`source_ref = 'fund:granted'`): kronor granted per call year. */
export const FUND_GRANTED = 'fund:granted';

/** Granted kronor per year (the call's year), every year from the first to the last present. */
export async function grantedPerYear(db: Executor, code: string): Promise<{ year: number; count: number; example: boolean }[]> {
  const rows = await db
    .selectFrom('fund_decision')
    .innerJoin('fund_application', 'fund_application.id', 'fund_decision.application_id')
    .innerJoin('fund_call', 'fund_call.id', 'fund_application.call_id')
    .innerJoin('fund', 'fund.id', 'fund_call.fund_id')
    .select(['fund_call.year', 'fund_decision.granted_sek', 'fund_decision.example'])
    .where('fund.municipality_code', '=', code)
    .where('fund_decision.outcome', '=', 'granted')
    .execute();
  if (rows.length === 0) return [];
  const years = rows.map((r) => r.year);
  const out: { year: number; count: number; example: boolean }[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) {
    const of = rows.filter((r) => r.year === y);
    out.push({ year: y, count: of.reduce((a, r) => a + r.granted_sek, 0), example: of.some((r) => r.example) });
  }
  return out;
}
