import type { Kysely } from 'kysely';
import type {
  Database,
  FundActivityJson,
  FundApplicationStatus,
  FundBudgetLineJson,
  FundCoFinancingJson,
  FundOrganisationKind,
} from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../kernel/errors.ts';
import { hashPassword, passwordProblem } from '../accounts/passwords.ts';
import type { Actor, Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { detectType, storedFileColumns } from '../follow-up/attachments.ts';
import { checkItems, fail, itemsOf, requireMunicipality, type ItemRefView } from '../internships/service.ts';
import { isUuid } from '../plans/service.ts';
import {
  actsForOrganisation,
  applicationTransition,
  applyProblem,
  canManageFund,
  canReadApplications,
  checkApplication,
  meanScore,
  organisationKinds,
  parseOrgNumber,
  requestedOf,
  stockholmDate,
  type ApplicationEvent,
  type ApplicationFields,
} from './rules.ts';
import { organisationOf, toOrganisation, type OrganisationView } from './service.ts';

/**
 * Organisations registering, and their applications: drafts they alone see, submission while the call is open,
 * attachments, withdrawal and the final report. The municipality's own people read what was submitted.
 */
type Db = Kysely<Database>;

export const MAX_ATTACHMENTS_PER_APPLICATION = 10;

export interface AssessmentView {
  id: string;
  assessorName: string;
  scores: Record<string, number>;
  comment: string;
  mine: boolean;
  example: boolean;
  version: number;
}

export interface DecisionView {
  outcome: 'granted' | 'rejected';
  decidedBy: string;
  decidedOn: string;
  minutesParagraph: string;
  grantedSek: number;
  conditions: string;
  overrideReason: string | null;
  example: boolean;
}

export interface ApplicationView {
  id: string;
  callId: string;
  callTitle: string;
  municipalityCode: string;
  organisation: OrganisationView;
  title: string;
  purpose: string;
  targetGroup: string;
  startDate: string | null;
  endDate: string | null;
  activities: FundActivityJson[];
  budgetLines: FundBudgetLineJson[];
  coFinancing: FundCoFinancingJson[];
  totalSek: number;
  requestedSek: number;
  status: FundApplicationStatus;
  submittedAt: string | null;
  items: ItemRefView[];
  attachments: { id: string; fileName: string; mediaType: string; size: number; uploadedAt: string }[];
  /** For the municipality's own people only; empty for the applicant. */
  assessments: AssessmentView[];
  score: number | null;
  decision: DecisionView | null;
  payments: { id: string; paidOn: string; amountSek: number; note: string; example: boolean }[];
  paidSek: number;
  finalReport: {
    summary: string;
    results: string;
    participants: number | null;
    spentSek: number;
    submittedAt: string;
    example: boolean;
  } | null;
  example: boolean;
  version: number;
  can: { edit: boolean; submit: boolean; withdraw: boolean; assess: boolean; decide: boolean; pay: boolean; report: boolean };
}

export interface ApplicationSummary {
  id: string;
  callId: string;
  callTitle: string;
  title: string;
  requestedSek: number;
  status: FundApplicationStatus;
  submittedAt: string | null;
  grantedSek: number | null;
  example: boolean;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const applicationQuery = (db: Executor) =>
  db
    .selectFrom('fund_application')
    .innerJoin('fund_call', 'fund_call.id', 'fund_application.call_id')
    .innerJoin('fund', 'fund.id', 'fund_call.fund_id')
    .selectAll('fund_application')
    .select([
      'fund_call.title as call_title',
      'fund_call.criteria',
      'fund_call.status as call_status',
      'fund_call.opens_on',
      'fund_call.deadline',
      'fund_call.eligible_kinds',
      'fund_call.period_from',
      'fund_call.period_to',
      'fund.municipality_code',
    ]);
type ApplicationRow = Awaited<ReturnType<ReturnType<typeof applicationQuery>['executeTakeFirstOrThrow']>>;

/**
 * Who reads an application: its own organisation always; the municipality's people once it has been submitted
 * (a draft is the organisation's own working paper).
 */
function mayRead(
  caller: Caller,
  ownOrganisationId: string | null,
  row: { organisation_id: string; municipality_code: string; submitted_at: unknown },
) {
  return (
    actsForOrganisation(caller, ownOrganisationId, row.organisation_id) ||
    (row.submitted_at !== null && canReadApplications(caller, row.municipality_code))
  );
}

async function findApplication(
  db: Executor,
  caller: Caller,
  id: string,
  lock = false,
): Promise<{ row: ApplicationRow; own: string | null }> {
  if (!isUuid(id)) throw notFound('Ansökan');
  if (lock) await db.selectFrom('fund_application').select('id').where('id', '=', id).forUpdate().execute();
  const row = await applicationQuery(db).where('fund_application.id', '=', id).executeTakeFirst();
  const own = (await organisationOf(db, caller))?.id ?? null;
  if (!row || !mayRead(caller, own, row)) throw notFound('Ansökan');
  return { row, own };
}

export async function loadApplication(db: Executor, caller: Caller, id: string, now = new Date()): Promise<ApplicationView> {
  const { row, own } = await findApplication(db, caller, id);
  const staff = canReadApplications(caller, row.municipality_code);
  const manager = canManageFund(caller, row.municipality_code);
  const mine = actsForOrganisation(caller, own, row.organisation_id);
  const [organisation, links, attachments, assessments, decision, payments, report] = await Promise.all([
    db.selectFrom('fund_organisation').selectAll().where('id', '=', row.organisation_id).executeTakeFirstOrThrow(),
    db.selectFrom('fund_application_item').select(['application_id as owner', 'item_id']).where('application_id', '=', id).execute(),
    db
      .selectFrom('fund_attachment')
      .select(['id', 'file_name', 'media_type', 'size', 'uploaded_at'])
      .where('application_id', '=', id)
      .orderBy('uploaded_at')
      .execute(),
    staff ? db.selectFrom('fund_assessment').selectAll().where('application_id', '=', id).orderBy('assessor_name').execute() : [],
    db.selectFrom('fund_decision').selectAll().where('application_id', '=', id).executeTakeFirst(),
    db.selectFrom('fund_payment').selectAll().where('application_id', '=', id).orderBy('paid_on').orderBy('id').execute(),
    db.selectFrom('fund_final_report').selectAll().where('application_id', '=', id).executeTakeFirst(),
  ]);
  const items = (await itemsOf(db, caller, links)).get(id) ?? [];
  const paidSek = payments.reduce((a, p) => a + p.amount_sek, 0);
  const callOpen =
    applyProblem(
      { status: row.call_status, opensOn: row.opens_on, deadline: row.deadline, eligibleKinds: row.eligible_kinds },
      organisation.kind,
      stockholmDate(now),
    ) === null;
  const allowed = (event: ApplicationEvent) => 'to' in applicationTransition(row.status, event);
  return {
    id: row.id,
    callId: row.call_id,
    callTitle: row.call_title,
    municipalityCode: row.municipality_code,
    organisation: toOrganisation(organisation),
    title: row.title,
    purpose: row.purpose,
    targetGroup: row.target_group,
    startDate: row.start_date,
    endDate: row.end_date,
    activities: row.activities,
    budgetLines: row.budget_lines,
    coFinancing: row.co_financing,
    totalSek: row.budget_lines.reduce((a, l) => a + l.amountSek, 0),
    requestedSek: row.requested_sek,
    status: row.status,
    submittedAt: iso(row.submitted_at),
    items,
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      mediaType: a.media_type,
      size: a.size,
      uploadedAt: new Date(a.uploaded_at).toISOString(),
    })),
    assessments: assessments.map((a) => ({
      id: a.id,
      assessorName: a.assessor_name,
      scores: a.scores,
      comment: a.comment,
      mine: caller !== null && a.assessor_id === caller.userId,
      example: a.example,
      version: a.version,
    })),
    score: staff
      ? meanScore(
          row.criteria,
          assessments.map((a) => a.scores),
        )
      : null,
    decision: decision
      ? {
          outcome: decision.outcome,
          decidedBy: decision.decided_by,
          decidedOn: decision.decided_on,
          minutesParagraph: decision.minutes_paragraph,
          grantedSek: decision.granted_sek,
          conditions: decision.conditions,
          overrideReason: staff ? decision.override_reason : null,
          example: decision.example,
        }
      : null,
    payments: payments.map((p) => ({ id: p.id, paidOn: p.paid_on, amountSek: p.amount_sek, note: p.note, example: p.example })),
    paidSek,
    finalReport: report
      ? {
          summary: report.summary,
          results: report.results,
          participants: report.participants,
          spentSek: report.spent_sek,
          submittedAt: new Date(report.submitted_at).toISOString(),
          example: report.example,
        }
      : null,
    example: row.example,
    version: row.version,
    can: {
      edit: mine && allowed('edit'),
      submit: mine && allowed('submit') && callOpen,
      withdraw: mine && allowed('withdraw'),
      assess: manager && row.status === 'submitted',
      decide: manager && (allowed('grant') || allowed('reject')),
      pay: manager && row.status !== 'withdrawn' && decision?.outcome === 'granted' && paidSek < decision.granted_sek,
      report: (mine || manager) && allowed('report'),
    },
  };
}

// ---- registration -------------------------------------------------------------------------------------------

export interface RegistrationInput {
  orgNumber: string;
  name: string;
  kind: FundOrganisationKind;
  contactName: string;
  contactEmail: string;
  contactPhone?: string | undefined;
  password: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An organisation registers itself and its first applicant account (username = the contact's e-mail address);
 * then it signs in through the ordinary login. An organisation already registered is not registered twice.
 */
export async function registerOrganisation(
  db: Db,
  code: string,
  input: RegistrationInput,
  options: { example?: boolean; passwordHash?: string; username?: string } = {},
): Promise<{ username: string; organisation: OrganisationView }> {
  const problems: { path: string; message: string }[] = [];
  const parsed = parseOrgNumber(input.orgNumber);
  if ('problem' in parsed) problems.push({ path: '/orgNumber', message: parsed.problem });
  if (input.name.trim() === '') problems.push({ path: '/name', message: 'Ange organisationens namn.' });
  if (!organisationKinds.includes(input.kind)) problems.push({ path: '/kind', message: 'Välj typ av organisation.' });
  if (input.contactName.trim() === '') problems.push({ path: '/contactName', message: 'Ange kontaktpersonens namn.' });
  const email = input.contactEmail.trim().toLowerCase();
  if (!EMAIL.test(email)) problems.push({ path: '/contactEmail', message: `E-post: "${input.contactEmail}" är ingen e-postadress.` });
  const passwordIssue = options.passwordHash ? null : passwordProblem(input.password);
  if (passwordIssue) problems.push({ path: '/password', message: passwordIssue });
  if (problems.length > 0) fail(problems);
  const orgNumber = (parsed as { value: string }).value;
  const passwordHash = options.passwordHash ?? (await hashPassword(input.password));
  return db.transaction().execute(async (trx) => {
    await requireMunicipality(trx, code);
    const existing = await trx
      .selectFrom('fund_organisation')
      .select('id')
      .where('municipality_code', '=', code)
      .where('org_number', '=', orgNumber)
      .executeTakeFirst();
    if (existing)
      throw invalid(
        '/orgNumber',
        `Organisationen med nummer ${orgNumber} är redan registrerad. Logga in med ert konto, eller kontakta kommunen.`,
      );
    const username = options.username ?? email;
    if (await trx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst())
      throw invalid('/contactEmail', `Det finns redan ett konto för ${email}. Logga in i stället.`);
    const org = await trx
      .insertInto('fund_organisation')
      .values({
        municipality_code: code,
        org_number: orgNumber,
        name: input.name.trim(),
        kind: input.kind,
        contact_name: input.contactName.trim(),
        contact_email: email,
        contact_phone: input.contactPhone?.trim() ?? '',
        example: options.example ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto('app_user')
      .values({
        username,
        display_name: input.contactName.trim(),
        email,
        password_hash: passwordHash,
        role: 'applicant',
        municipality_code: code,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('fund_organisation_user').values({ user_id: user.id, organisation_id: org.id }).execute();
    const actor: Actor = { userId: user.id, username, role: 'applicant', municipalityCode: code, unitIds: [] };
    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: 'fund.organisation.register',
      entityType: 'fund_organisation',
      entityId: org.id,
      before: null,
      after: { orgNumber, name: org.name, kind: org.kind, username },
    });
    return { username, organisation: toOrganisation(org) };
  });
}

/** The applicant's organisation and its applications, drafts included. */
export async function myApplications(
  db: Executor,
  actor: Actor,
): Promise<{ organisation: OrganisationView | null; applications: ApplicationSummary[] }> {
  const organisation = await organisationOf(db, actor);
  if (!organisation) return { organisation: null, applications: [] };
  const rows = await db
    .selectFrom('fund_application')
    .innerJoin('fund_call', 'fund_call.id', 'fund_application.call_id')
    .leftJoin('fund_decision', 'fund_decision.application_id', 'fund_application.id')
    .select([
      'fund_application.id',
      'fund_application.call_id',
      'fund_call.title as call_title',
      'fund_application.title',
      'fund_application.requested_sek',
      'fund_application.status',
      'fund_application.submitted_at',
      'fund_application.example',
      'fund_decision.granted_sek',
      'fund_decision.outcome',
    ])
    .where('fund_application.organisation_id', '=', organisation.id)
    .orderBy('fund_application.created_at', 'desc')
    .execute();
  return {
    organisation,
    applications: rows.map((r) => ({
      id: r.id,
      callId: r.call_id,
      callTitle: r.call_title,
      title: r.title,
      requestedSek: r.requested_sek,
      status: r.status,
      submittedAt: iso(r.submitted_at),
      grantedSek: r.outcome === 'granted' ? r.granted_sek : null,
      example: r.example,
    })),
  };
}

// ---- applications -------------------------------------------------------------------------------------------

export type ApplicationInput = ApplicationFields & { itemIds?: string[] | undefined };

const columnsOf = (a: ApplicationFields) => ({
  title: a.title.trim(),
  purpose: a.purpose.trim(),
  target_group: a.targetGroup.trim(),
  start_date: a.startDate,
  end_date: a.endDate,
  activities: JSON.stringify(a.activities.map((x) => ({ description: x.description.trim(), date: x.date }))),
  budget_lines: JSON.stringify(a.budgetLines.map((x) => ({ description: x.description.trim(), amountSek: x.amountSek }))),
  co_financing: JSON.stringify(a.coFinancing.map((x) => ({ source: x.source.trim(), amountSek: x.amountSek }))),
  requested_sek: requestedOf(a),
});

async function setItems(trx: Executor, applicationId: string, code: string, itemIds: string[]): Promise<void> {
  await checkItems(trx, code, itemIds);
  await trx.deleteFrom('fund_application_item').where('application_id', '=', applicationId).execute();
  const ids = [...new Set(itemIds)];
  if (ids.length > 0)
    await trx
      .insertInto('fund_application_item')
      .values(ids.map((item_id) => ({ application_id: applicationId, item_id })))
      .execute();
}

/** Starts a draft in an open call, for the applicant's own organisation. */
export async function createApplication(
  db: Db,
  actor: Actor,
  callId: string,
  input: ApplicationInput,
  now = new Date(),
): Promise<ApplicationView> {
  const id = await insertApplication(db, actor, callId, input, { now });
  return loadApplication(db, actor, id, now);
}

/** The draft's insert; the demo passes the organisation and skips the deadline (its calls lie in the past). */
export async function insertApplication(
  db: Db,
  actor: Actor,
  callId: string,
  input: ApplicationInput,
  options: { now?: Date; example?: boolean; organisationId?: string } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const problems = checkApplication(input, { complete: false });
  if (problems.length > 0) fail(problems);
  return db.transaction().execute(async (trx) => {
    const organisationId = options.organisationId ?? (await organisationOf(trx, actor))?.id;
    if (!organisationId) throw forbidden('Bara en registrerad organisation kan ansöka. Registrera er organisation först.');
    const organisation = await trx.selectFrom('fund_organisation').selectAll().where('id', '=', organisationId).executeTakeFirstOrThrow();
    const call = isUuid(callId)
      ? await trx
          .selectFrom('fund_call')
          .innerJoin('fund', 'fund.id', 'fund_call.fund_id')
          .selectAll('fund_call')
          .select('fund.municipality_code')
          .where('fund_call.id', '=', callId)
          .executeTakeFirst()
      : undefined;
    if (!call || call.status === 'draft' || call.municipality_code !== organisation.municipality_code) throw notFound('Utlysningen');
    if (!options.example) {
      const problem = applyProblem(
        { status: call.status, opensOn: call.opens_on, deadline: call.deadline, eligibleKinds: call.eligible_kinds },
        organisation.kind,
        stockholmDate(now),
      );
      if (problem) throw new AppError('conflict', problem);
    }
    const row = await trx
      .insertInto('fund_application')
      .values({
        call_id: callId,
        organisation_id: organisationId,
        created_by: actor.username,
        example: options.example ?? false,
        ...columnsOf(input),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setItems(trx, row.id, call.municipality_code, input.itemIds ?? []);
    await recordAudit(trx, actor, {
      municipalityCode: call.municipality_code,
      action: 'fund.application.create',
      entityType: 'fund_application',
      entityId: row.id,
      before: null,
      after: input,
    });
    return row.id;
  });
}

async function requireOwn(trx: Executor, actor: Actor, id: string) {
  const found = await findApplication(trx, actor, id, true);
  if (!actsForOrganisation(actor, found.own, found.row.organisation_id))
    throw forbidden('Bara den sökande organisationen ändrar sin ansökan.');
  return found.row;
}

export async function updateApplication(
  db: Db,
  actor: Actor,
  id: string,
  input: Partial<ApplicationInput> & { version: number },
  now = new Date(),
): Promise<ApplicationView> {
  return db.transaction().execute(async (trx) => {
    const row = await requireOwn(trx, actor, id);
    if (row.version !== input.version) throw staleVersion('Ansökan', await loadApplication(trx, actor, id, now));
    const step = applicationTransition(row.status, 'edit');
    if ('problem' in step) throw new AppError('conflict', step.problem);
    const merged: ApplicationFields = {
      title: input.title ?? row.title,
      purpose: input.purpose ?? row.purpose,
      targetGroup: input.targetGroup ?? row.target_group,
      startDate: input.startDate !== undefined ? input.startDate : row.start_date,
      endDate: input.endDate !== undefined ? input.endDate : row.end_date,
      activities: input.activities ?? row.activities,
      budgetLines: input.budgetLines ?? row.budget_lines,
      coFinancing: input.coFinancing ?? row.co_financing,
    };
    const problems = checkApplication(merged, { complete: false });
    if (problems.length > 0) fail(problems);
    if (input.itemIds) await setItems(trx, id, row.municipality_code, input.itemIds);
    await trx
      .updateTable('fund_application')
      .set({ ...columnsOf(merged), version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const { version, ...changes } = input;
    void version;
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'fund.application.update',
      entityType: 'fund_application',
      entityId: id,
      before: { title: row.title, requestedSek: row.requested_sek },
      after: changes,
    });
    return loadApplication(trx, actor, id, now);
  });
}

/** Submits a complete draft while the call is open (to its deadline's end, Stockholm time), or withdraws one. */
export async function changeApplicationStatus(
  db: Db,
  actor: Actor,
  id: string,
  event: 'submit' | 'withdraw',
  version: number,
  now = new Date(),
): Promise<ApplicationView> {
  return db.transaction().execute(async (trx) => {
    const row = await requireOwn(trx, actor, id);
    if (row.version !== version) throw staleVersion('Ansökan', await loadApplication(trx, actor, id, now));
    const step = applicationTransition(row.status, event);
    if ('problem' in step) throw new AppError('conflict', step.problem);
    if (event === 'submit') {
      const organisation = await trx
        .selectFrom('fund_organisation')
        .select('kind')
        .where('id', '=', row.organisation_id)
        .executeTakeFirstOrThrow();
      const problem = applyProblem(
        { status: row.call_status, opensOn: row.opens_on, deadline: row.deadline, eligibleKinds: row.eligible_kinds },
        organisation.kind,
        stockholmDate(now),
      );
      if (problem) throw new AppError('conflict', problem);
      const problems = checkApplication(
        {
          title: row.title,
          purpose: row.purpose,
          targetGroup: row.target_group,
          startDate: row.start_date,
          endDate: row.end_date,
          activities: row.activities,
          budgetLines: row.budget_lines,
          coFinancing: row.co_financing,
        },
        { complete: true, period: { from: row.period_from, to: row.period_to } },
      );
      if (problems.length > 0)
        throw new AppError('validation', `Ansökan är inte komplett: ${problems.map((p) => p.message).join(' ')}`, { details: problems });
    }
    await trx
      .updateTable('fund_application')
      .set({ status: step.to, ...(event === 'submit' ? { submitted_at: now } : {}), version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: `fund.application.${event}`,
      entityType: 'fund_application',
      entityId: id,
      before: { status: row.status },
      after: { status: step.to },
    });
    return loadApplication(trx, actor, id, now);
  });
}

// ---- attachments --------------------------------------------------------------------------------------------

export async function addAttachment(db: Db, actor: Actor, applicationId: string, file: { fileName: string; bytes: Uint8Array }) {
  const detected = await detectType(file.bytes);
  if ('error' in detected) throw invalid('/file', detected.error);
  return db.transaction().execute(async (trx) => {
    const row = await requireOwn(trx, actor, applicationId);
    if (row.status !== 'draft') throw new AppError('conflict', 'Ansökan är inskickad; bilagor kan inte ändras nu.');
    const count = await trx
      .selectFrom('fund_attachment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('application_id', '=', applicationId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ATTACHMENTS_PER_APPLICATION)
      throw invalid('/file', `En ansökan kan ha högst ${MAX_ATTACHMENTS_PER_APPLICATION} bilagor.`);
    const inserted = await trx
      .insertInto('fund_attachment')
      .values({ application_id: applicationId, ...storedFileColumns(file, detected.mediaType, actor.username) })
      .returning(['id', 'file_name', 'media_type', 'size', 'uploaded_at', 'sha256'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'fund.application.attach',
      entityType: 'fund_attachment',
      entityId: inserted.id,
      before: null,
      after: {
        applicationId,
        fileName: inserted.file_name,
        mediaType: detected.mediaType,
        size: file.bytes.length,
        sha256: inserted.sha256,
      },
    });
    return {
      id: inserted.id,
      fileName: inserted.file_name,
      mediaType: inserted.media_type,
      size: inserted.size,
      uploadedAt: new Date(inserted.uploaded_at).toISOString(),
    };
  });
}

export async function readAttachment(
  db: Executor,
  caller: Caller,
  id: string,
): Promise<{ fileName: string; mediaType: string; bytes: Uint8Array }> {
  const row = isUuid(id)
    ? await db
        .selectFrom('fund_attachment')
        .select(['application_id', 'file_name', 'media_type', 'content'])
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound('Bilagan');
  await findApplication(db, caller, row.application_id).catch(() => {
    throw notFound('Bilagan');
  });
  return { fileName: row.file_name, mediaType: row.media_type, bytes: row.content };
}

export async function removeAttachment(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const att = isUuid(id)
      ? await trx.selectFrom('fund_attachment').select(['application_id', 'file_name', 'sha256']).where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!att) throw notFound('Bilagan');
    const row = await requireOwn(trx, actor, att.application_id);
    if (row.status !== 'draft') throw new AppError('conflict', 'Ansökan är inskickad; bilagor kan inte ändras nu.');
    await trx.deleteFrom('fund_attachment').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'fund.application.detach',
      entityType: 'fund_attachment',
      entityId: id,
      before: { applicationId: att.application_id, fileName: att.file_name, sha256: att.sha256 },
      after: null,
    });
  });
}

// ---- final report -------------------------------------------------------------------------------------------

export interface FinalReportInput {
  summary: string;
  results?: string | undefined;
  participants?: number | null | undefined;
  spentSek: number;
  version: number;
}

/** The grantee (or the coordinator, for a report on paper) reports what was done and spent; the project is then completed. */
export async function fileFinalReport(
  db: Db,
  actor: Actor,
  id: string,
  input: FinalReportInput,
  example = false,
): Promise<ApplicationView> {
  return db.transaction().execute(async (trx) => {
    const { row, own } = await findApplication(trx, actor, id, true);
    if (!actsForOrganisation(actor, own, row.organisation_id) && !canManageFund(actor, row.municipality_code))
      throw forbidden('Slutrapporten lämnas av den organisation som fick bidraget.');
    if (row.version !== input.version) throw staleVersion('Ansökan', await loadApplication(trx, actor, id));
    const step = applicationTransition(row.status, 'report');
    if ('problem' in step) throw new AppError('conflict', step.problem);
    const problems = [];
    if (input.summary.trim() === '') problems.push({ path: '/summary', message: 'Beskriv vad som genomfördes.' });
    if (!Number.isInteger(input.spentSek) || input.spentSek < 0)
      problems.push({ path: '/spentSek', message: 'Förbrukat belopp anges i hela kronor, 0 eller mer.' });
    if (input.participants != null && (!Number.isInteger(input.participants) || input.participants < 0))
      problems.push({ path: '/participants', message: 'Antal deltagare är ett heltal, 0 eller mer.' });
    if (problems.length > 0) fail(problems);
    await trx
      .insertInto('fund_final_report')
      .values({
        application_id: id,
        summary: input.summary.trim(),
        results: input.results?.trim() ?? '',
        participants: input.participants ?? null,
        spent_sek: input.spentSek,
        submitted_by: actor.username,
        example,
      })
      .execute();
    await trx
      .updateTable('fund_application')
      .set({ status: step.to, version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const { version, ...report } = input;
    void version;
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'fund.application.report',
      entityType: 'fund_application',
      entityId: id,
      before: { status: row.status },
      after: { status: step.to, ...report },
    });
    return loadApplication(trx, actor, id);
  });
}
