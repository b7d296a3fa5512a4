import { sql } from 'kysely';
import type { TestApp } from '../support/app.ts';
import {
  activityBody,
  applicationBody,
  callBody,
  callers,
  identityProviderBody,
  confirmedMatchOf,
  multipart,
  must,
  nextSerial,
  offerBody,
  orgNumber,
  OWN,
  personBody,
  PNG,
  programmeBody,
  submittedApplicationOf,
  targetBody,
  trainingBody,
  type CallerName,
  type Fixtures,
  type Upload,
} from './permission-fixtures.ts';

/** What one cell sends: the path with its parameters (and query) filled, and a body that passes validation. */
export interface Call {
  url: string;
  body?: unknown;
  upload?: Upload;
}

export interface CaseContext {
  t: TestApp;
  fx: Fixtures;
  /** The row's current version: a versioned write must pass the lost-update check to show it was allowed. */
  version(table: string, id: string): Promise<number>;
  /** A fixture call as one of the callers that must succeed; returns the parsed body. */
  as<T = { id: string; version: number }>(caller: Exclude<CallerName, 'public'>, method: string, url: string, body?: unknown): Promise<T>;
}

export interface Entry {
  /** Who gets 2xx (or 3xx); every other caller is refused. */
  allow: readonly CallerName[];
  call(ctx: CaseContext): Call | Promise<Call>;
  /**
   * The call changes or removes its object (a delete, a state change, a versioned save): each allowed caller gets
   * a call of its own, made anew. Refused callers share one.
   */
  fresh?: boolean;
  /** The call ends the caller's session (sign-in, sign-out): the runner signs in again after it. */
  endsSession?: boolean;
  /** The call acts as this caller whoever makes it (a personal link): the secrets check takes her view. */
  actsAs?: CallerName;
  /** The route hands out the whole database by design (the backup): the secrets check does not apply. */
  showsEverything?: boolean;
  /** For an allowed read: what the caller must not find in it, as a message, or null. */
  leak?(body: unknown, caller: CallerName, fx: Fixtures): string | null;
}

// ---- who ------------------------------------------------------------------------------------------------------------
const EVERYONE = callers;
const SIGNED_IN = callers.filter((c) => c !== 'public');
/** Laxå's own people (isMember): administrators, its coordinator, reporters and reader. */
const MEMBERS: CallerName[] = ['admin', 'coordinator', 'reporter', 'reporterOtherUnit', 'reader'];
/** Plan editors (canEditPlan): administrators and Laxå's coordinator. */
const EDITORS: CallerName[] = ['admin', 'coordinator'];
/** Plan editors and the reporter of the object's unit. */
const UNIT: CallerName[] = ['admin', 'coordinator', 'reporter'];
/** Those who read the reporter's unit's report: members who see every task, and the unit's reporter. */
const TASK_READERS: CallerName[] = ['admin', 'coordinator', 'reporter', 'reader'];
/** Internship offers: coordinators and reporters of the municipality. */
const STAFF: CallerName[] = ['admin', 'coordinator', 'reporter', 'reporterOtherUnit'];
const ADMIN: CallerName[] = ['admin'];
/** The programme's own coordinator: only she sees its people (not administrators). */
const PROGRAMME: CallerName[] = ['coordinator'];
const NOBODY_ELSE = (...names: CallerName[]) => names;

// ---- leak checks for lists ---------------------------------------------------------------------------------------------
const nonMember = (c: CallerName) => !MEMBERS.includes(c);
const rowsOf = (body: unknown): Record<string, unknown>[] => (Array.isArray(body) ? (body as Record<string, unknown>[]) : []);
const onlyOwn = (field: string) => (body: unknown) => {
  const foreign = rowsOf(body).filter((r) => r[field] !== OWN);
  return foreign.length ? `${foreign.length} rows of another municipality (${field} ${String(foreign[0]?.[field])})` : null;
};
const emptyForOutsiders = (body: unknown, caller: CallerName) =>
  nonMember(caller) && rowsOf(body).length > 0 ? `${rowsOf(body).length} rows for a caller outside the municipality` : null;

// ---- fresh objects ------------------------------------------------------------------------------------------------------
/** An account nobody signs in with, for the routes that end, disable or erase one (no password: none is needed). */
const throwawayUser = (c: CaseContext) =>
  c.t.store.db
    .insertInto('app_user')
    .values({
      username: `tillfallig.${nextSerial()}`,
      display_name: 'Tillfällig',
      password_hash: '!',
      role: 'reader',
      municipality_code: OWN,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

const newItem = async (c: CaseContext, planId: string, parentId: string | null = null) =>
  c.as('coordinator', 'POST', `/api/plans/${planId}/items`, { parentId, kind: 'note', label: 'Not', text: 'Tillfällig' });

/** An adopted plan of its own: revisions and adoption use one up. */
async function adoptedPlan(c: CaseContext): Promise<{ id: string; version: number }> {
  const plan = await c.as('coordinator', 'POST', `/api/municipalities/${OWN}/plans`, {
    title: `Antagen plan ${nextSerial()}`,
    kind: 'plan',
  });
  return c.as('coordinator', 'PATCH', `/api/plans/${plan.id}`, {
    version: plan.version,
    status: 'adopted',
    adopted: { body: 'Kommunfullmäktige', date: '2024-01-15', paragraph: '§ 1', dnr: null },
  });
}

async function newRequest(c: CaseContext, state: 'requested' | 'submitted'): Promise<{ id: string; version: number }> {
  const unit = await c.as('coordinator', 'POST', `/api/municipalities/${OWN}/units`, { name: `Enhet ${nextSerial()}`, kind: 'unit' });
  const [request] = await c.as<{ id: string; version: number }[]>('coordinator', 'POST', `/api/plans/${c.fx.plan.id}/action-plans`, {
    unitIds: [unit.id],
  });
  const id = request?.id as string;
  if (state === 'requested') return { id, version: await c.version('action_plan_request', id) };
  await c.as('coordinator', 'POST', `/api/action-plans/${id}/activities`, { servesItemId: c.fx.plan.goal, label: 'Aktivitet', text: 'x' });
  await c.as('coordinator', 'POST', `/api/action-plans/${id}/submit`, { version: await c.version('action_plan_request', id) });
  return { id, version: await c.version('action_plan_request', id) };
}

/** A request to the reporter's own unit, under an adopted plan of its own (a unit is asked once per plan). */
async function reporterUnitRequest(c: CaseContext): Promise<string> {
  const draft = await c.as('coordinator', 'POST', `/api/municipalities/${OWN}/plans`, { title: `Plan ${nextSerial()}`, kind: 'plan' });
  const goal = await c.as('coordinator', 'POST', `/api/plans/${draft.id}/items`, {
    parentId: null,
    kind: 'goal',
    label: 'Mål',
    text: 'Mål',
  });
  await c.as('coordinator', 'PATCH', `/api/plans/${draft.id}`, {
    version: await c.version('document', draft.id),
    status: 'adopted',
    adopted: { body: 'Kommunfullmäktige', date: '2024-01-15', paragraph: '§ 1', dnr: null },
  });
  const [request] = await c.as<{ id: string }[]>('coordinator', 'POST', `/api/plans/${draft.id}/action-plans`, { unitIds: [c.fx.unit] });
  const id = request?.id as string;
  await c.as('coordinator', 'POST', `/api/action-plans/${id}/activities`, { servesItemId: goal.id, label: 'Aktivitet', text: 'x' });
  return id;
}

let cycleYear = 2030;
async function newCycle(c: CaseContext): Promise<string> {
  const year = cycleYear++;
  return (
    await c.as('coordinator', 'POST', `/api/plans/${c.fx.plan.id}/cycles`, {
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      deadline: `${year + 1}-01-31`,
    })
  ).id;
}

/** The reporter's task in a cycle of its own, submitted (and approved if asked). */
async function submittedTask(c: CaseContext, approved = false): Promise<{ id: string; version: number }> {
  const cycle = await newCycle(c);
  const row = await c.t.store.db
    .selectFrom('report_task')
    .select('id')
    .where('cycle_id', '=', cycle)
    .where('item_id', '=', c.fx.plan.activity)
    .executeTakeFirstOrThrow();
  await c.as('reporter', 'PUT', `/api/tasks/${row.id}`, {
    version: await c.version('report_task', row.id),
    status: 'in_progress',
    progress: 50,
    narrative: 'Klart',
    targetValue: null,
    submit: true,
  });
  if (approved) await c.as('coordinator', 'POST', `/api/tasks/${row.id}/approve`, { version: await c.version('report_task', row.id) });
  return { id: row.id, version: await c.version('report_task', row.id) };
}

async function grantedApplication(c: CaseContext): Promise<{ id: string; version: number }> {
  const id = await submittedApplicationOf(c.t, c.fx.cookies.applicant, c.fx.call, `Beviljad ${nextSerial()}`);
  await c.as('coordinator', 'POST', `/api/fund/applications/${id}/decision`, {
    outcome: 'granted',
    decidedBy: 'KS',
    decidedOn: '2030-05-01',
    grantedSek: 100,
    version: await c.version('fund_application', id),
  });
  return { id, version: await c.version('fund_application', id) };
}

const submittedApplication = async (c: CaseContext) => {
  const id = await submittedApplicationOf(c.t, c.fx.cookies.applicant, c.fx.call, `Ansökan ${nextSerial()}`);
  return { id, version: await c.version('fund_application', id) };
};

const newPerson = (c: CaseContext, side: 'volunteer' | 'newcomer' = 'newcomer') =>
  c.as('coordinator', 'POST', `/api/matching/programmes/${c.fx.programme}/people`, personBody(side, `Person ${nextSerial()}`));

async function proposedMatch(c: CaseContext) {
  const [volunteer, newcomer] = [await newPerson(c, 'volunteer'), await newPerson(c, 'newcomer')];
  return c.as('coordinator', 'POST', `/api/matching/programmes/${c.fx.programme}/matches`, {
    volunteerId: volunteer.id,
    newcomerId: newcomer.id,
  });
}

const newActivity = (c: CaseContext, submit = false) =>
  c.as('reporter', 'POST', `/api/municipalities/${OWN}/activities`, { ...activityBody(c.fx.unit), submit });

/** A translation of the draft plan's activity item into one language, made if missing; its current version. */
async function draftTranslation(c: CaseContext, lang: 'en' | 'so'): Promise<number | undefined> {
  const row = await c.t.store.db
    .selectFrom('content_translation')
    .select('version')
    .where('kind', '=', 'item')
    .where('entity_id', '=', c.fx.draft.activity)
    .where('lang', '=', lang)
    .executeTakeFirst();
  return row?.version;
}

const taskBody = (version: number) => ({ version, status: null, progress: 10, narrative: 'Utkast', targetValue: null, submit: false });

/**
 * Every API route, keyed `METHOD /path` as declared, with whom it lets in. The objects are Laxå's: a draft plan
 * (members only), an adopted plan followed up, the reporter's unit's report, the applicant's application, a matching
 * programme of Laxå's coordinator.
 */
export const table: Record<string, Entry> = {
  // ---- system and reference --------------------------------------------------------------------------------------------
  'GET /api/openapi.json': { allow: EVERYONE, call: () => ({ url: '/api/openapi.json' }) },
  'GET /api/health': { allow: EVERYONE, call: () => ({ url: '/api/health' }) },
  'GET /api/frameworks': { allow: EVERYONE, call: () => ({ url: '/api/frameworks' }) },
  'GET /api/schemas/plan-outline.json': { allow: EVERYONE, call: () => ({ url: '/api/schemas/plan-outline.json' }) },
  'GET /api/admin/backup': { allow: ADMIN, showsEverything: true, call: () => ({ url: '/api/admin/backup' }) },

  // ---- accounts and audit -------------------------------------------------------------------------------------------------
  'POST /api/auth/login': {
    allow: EVERYONE,
    endsSession: true,
    call: () => ({ url: '/api/auth/login', body: { username: 'laxa.lasare', password: 'demo' } }),
  },
  'POST /api/auth/logout': { allow: EVERYONE, endsSession: true, call: () => ({ url: '/api/auth/logout' }) },
  'GET /api/auth/me': { allow: EVERYONE, call: () => ({ url: '/api/auth/me' }) },
  'GET /api/users': { allow: EDITORS, call: () => ({ url: `/api/users?municipality=${OWN}` }), leak: onlyOwn('municipalityCode') },
  'POST /api/users': {
    allow: ADMIN,
    fresh: true,
    call: () => ({
      url: '/api/users',
      body: {
        username: `behorighet.${nextSerial()}`,
        password: 'ett-langt-losenord',
        displayName: 'Ny',
        role: 'reader',
        municipalityCode: OWN,
      },
    }),
  },
  // The audit log keeps what each change wrote (a fund applicant's draft too) for administrators alone, as the backup
  // keeps everything; matching writes no person's name into it, which the secrets check would catch in the backup's stead.
  'POST /api/auth/logout-everywhere': { allow: SIGNED_IN, endsSession: true, call: () => ({ url: '/api/auth/logout-everywhere' }) },
  'DELETE /api/users/:id/sessions': {
    allow: ADMIN,
    fresh: true,
    call: async (c) => ({ url: `/api/users/${(await throwawayUser(c)).id}/sessions` }),
  },
  'PUT /api/users/:id/disabled': {
    allow: ADMIN,
    fresh: true,
    call: async (c) => ({ url: `/api/users/${(await throwawayUser(c)).id}/disabled`, body: { disabled: true } }),
  },
  'DELETE /api/users/:id': { allow: ADMIN, fresh: true, call: async (c) => ({ url: `/api/users/${(await throwawayUser(c)).id}` }) },
  'GET /api/auth/me/extract': { allow: SIGNED_IN, call: () => ({ url: '/api/auth/me/extract' }) },
  // The reporter's own account: she and administrators take out its register extract, nobody else.
  'GET /api/users/:id/extract': {
    allow: ['admin', 'reporter'],
    call: (c) => ({ url: `/api/users/${c.fx.userIds.reporter}/extract` }),
  },
  // Single sign-on: the buttons and the two legs of the sign-in are for anyone; where the provider cannot be reached
  // (a closed local port) or the answer is missing, the browser is sent back to the login screen with the reason.
  'GET /api/auth/oidc/providers': { allow: EVERYONE, call: () => ({ url: '/api/auth/oidc/providers' }) },
  'GET /api/auth/oidc/:id/start': { allow: EVERYONE, call: (c) => ({ url: `/api/auth/oidc/${c.fx.identityProvider}/start` }) },
  'GET /api/auth/oidc/callback': { allow: EVERYONE, call: () => ({ url: '/api/auth/oidc/callback?code=x&state=y' }) },
  'GET /api/admin/identity-providers': { allow: ADMIN, call: () => ({ url: '/api/admin/identity-providers' }) },
  'POST /api/admin/identity-providers': {
    allow: ADMIN,
    call: () => ({ url: '/api/admin/identity-providers', body: identityProviderBody() }),
  },
  'PATCH /api/admin/identity-providers/:id': {
    allow: ADMIN,
    fresh: true,
    call: async (c) => ({
      url: `/api/admin/identity-providers/${c.fx.identityProvider}`,
      body: { version: await c.version('identity_provider', c.fx.identityProvider), clientId: 'delaktig-2' },
    }),
  },
  'DELETE /api/admin/identity-providers/:id': {
    allow: ADMIN,
    fresh: true,
    call: async (c) => {
      const provider = await c.as('admin', 'POST', '/api/admin/identity-providers', identityProviderBody());
      return { url: `/api/admin/identity-providers/${provider.id}?version=${provider.version}` };
    },
  },
  'GET /api/audit': { allow: ADMIN, showsEverything: true, call: () => ({ url: `/api/audit?municipality=${OWN}` }) },
  'GET /api/audit/vocabulary': { allow: ADMIN, call: () => ({ url: '/api/audit/vocabulary' }) },
  'GET /api/audit/export': { allow: ADMIN, showsEverything: true, call: () => ({ url: `/api/audit/export?municipality=${OWN}` }) },
  'GET /api/mail': { allow: EDITORS, call: () => ({ url: `/api/mail?municipality=${OWN}` }), leak: onlyOwn('municipalityCode') },

  // ---- municipalities, organisation, documents ---------------------------------------------------------------------------
  'GET /api/municipalities': { allow: EVERYONE, call: () => ({ url: '/api/municipalities' }) },
  'GET /api/municipalities/:code': { allow: EVERYONE, call: () => ({ url: `/api/municipalities/${OWN}` }) },
  'GET /api/municipalities/:code/documents': {
    allow: EVERYONE,
    call: () => ({ url: `/api/municipalities/${OWN}/documents` }),
    leak: (body, caller) =>
      nonMember(caller) && rowsOf(body).some((d) => d.status === 'draft') ? 'a draft shown outside the municipality' : null,
  },
  'POST /api/municipalities/:code/plans': {
    allow: EDITORS,
    call: () => ({ url: `/api/municipalities/${OWN}/plans`, body: { title: 'Ny plan', kind: 'plan' } }),
  },
  'GET /api/municipalities/:code/units': { allow: EVERYONE, call: () => ({ url: `/api/municipalities/${OWN}/units` }) },
  'POST /api/municipalities/:code/units': {
    allow: EDITORS,
    fresh: true,
    call: () => ({ url: `/api/municipalities/${OWN}/units`, body: { name: `Ny enhet ${nextSerial()}`, kind: 'unit' } }),
  },
  'PATCH /api/units/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/units/${c.fx.otherUnit}`,
      body: { version: await c.version('unit', c.fx.otherUnit), headName: 'Chef' },
    }),
  },

  // ---- a draft plan and its items --------------------------------------------------------------------------------------------
  'GET /api/plans/:id': { allow: MEMBERS, call: (c) => ({ url: `/api/plans/${c.fx.draft.id}` }) },
  'GET /api/plans/:id/outline': { allow: MEMBERS, call: (c) => ({ url: `/api/plans/${c.fx.draft.id}/outline` }) },
  'GET /api/plans/:id/matrix': { allow: MEMBERS, call: (c) => ({ url: `/api/plans/${c.fx.draft.id}/matrix` }) },
  'GET /api/plans/:id/frameworks': { allow: MEMBERS, call: (c) => ({ url: `/api/plans/${c.fx.draft.id}/frameworks` }) },
  'PATCH /api/plans/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/plans/${c.fx.draft.id}`,
      body: { version: await c.version('document', c.fx.draft.id), documentDate: '2025-01-01' },
    }),
  },
  'POST /api/plans/:id/items': {
    allow: EDITORS,
    call: (c) => ({ url: `/api/plans/${c.fx.draft.id}/items`, body: { parentId: null, kind: 'note', label: 'Not', text: 'Ny' } }),
  },
  'PATCH /api/items/:id': {
    allow: UNIT,
    fresh: true,
    call: async (c) => ({
      url: `/api/items/${c.fx.draft.activity}`,
      body: { version: await c.version('item', c.fx.draft.activity), text: 'Språkpraktik' },
    }),
  },
  'POST /api/items/:id/move': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/items/${c.fx.draft.activity}/move`,
      body: { version: await c.version('item', c.fx.draft.activity), parentId: c.fx.draft.goal, position: 0 },
    }),
  },
  'DELETE /api/items/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const item = await newItem(c, c.fx.draft.id);
      return { url: `/api/items/${item.id}?version=${item.version}` };
    },
  },
  'PUT /api/items/:id/responsibility': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/items/${c.fx.draft.activity}/responsibility`,
      body: { version: await c.version('item', c.fx.draft.activity), assignments: [{ unitId: c.fx.unit, role: 'lead' }] },
    }),
  },
  'PUT /api/items/:id/frameworks': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/items/${c.fx.draft.activity}/frameworks`,
      body: { version: await c.version('item', c.fx.draft.activity), frameworks: [] },
    }),
  },
  'GET /api/plans/:id/items.xlsx': { allow: MEMBERS, call: (c) => ({ url: `/api/plans/${c.fx.draft.id}/items.xlsx` }) },
  'GET /api/plans/:id/items.csv': { allow: MEMBERS, call: (c) => ({ url: `/api/plans/${c.fx.draft.id}/items.csv` }) },
  'POST /api/plans/:id/items/import': {
    allow: EDITORS,
    // The file carries each item's version: exported anew, since other cells edit the plan.
    fresh: true,
    call: async (c) => {
      const csv = (await must(c.t, c.fx.cookies.coordinator, 'GET', `/api/plans/${c.fx.draft.id}/items.csv`)).rawPayload;
      return { url: `/api/plans/${c.fx.draft.id}/items/import?dryRun=true`, upload: { fileName: 'plan.csv', bytes: csv } };
    },
  },
  'POST /api/municipalities/:code/plan-imports': {
    allow: EDITORS,
    call: () => ({
      url: `/api/municipalities/${OWN}/plan-imports`,
      upload: {
        fileName: 'plan.txt',
        bytes: Buffer.from('Integrationsplan\n\nMål 1: Fler i arbete\n- Språkpraktik\n'),
        contentType: 'text/plain',
      },
    }),
  },
  'POST /api/municipalities/:code/plans/import': {
    allow: EDITORS,
    call: (c) => ({ url: `/api/municipalities/${OWN}/plans/import`, body: { outline: c.fx.outline } }),
  },
  'GET /api/items/:id/activities': { allow: MEMBERS, call: (c) => ({ url: `/api/items/${c.fx.draft.activity}/activities` }) },
  'GET /api/plans/:id/activities': { allow: MEMBERS, call: (c) => ({ url: `/api/plans/${c.fx.draft.id}/activities` }) },
  'GET /api/items/:id/programmes': { allow: MEMBERS, call: (c) => ({ url: `/api/items/${c.fx.draft.activity}/programmes` }) },
  'GET /api/plans/:id/programmes': { allow: MEMBERS, call: (c) => ({ url: `/api/plans/${c.fx.draft.id}/programmes` }) },
  'GET /api/plans/:id/indicators': { allow: MEMBERS, call: (c) => ({ url: `/api/plans/${c.fx.draft.id}/indicators` }) },

  // ---- action plans and revisions (under the adopted plan) ---------------------------------------------------------------
  'POST /api/plans/:id/action-plans': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const unit = await c.as('coordinator', 'POST', `/api/municipalities/${OWN}/units`, { name: `Enhet ${nextSerial()}`, kind: 'unit' });
      return { url: `/api/plans/${c.fx.plan.id}/action-plans`, body: { unitIds: [unit.id] } };
    },
  },
  'GET /api/plans/:id/action-plans': {
    allow: EVERYONE,
    call: (c) => ({ url: `/api/plans/${c.fx.plan.id}/action-plans` }),
    leak: emptyForOutsiders,
  },
  'GET /api/action-plans/:id': { allow: MEMBERS, call: (c) => ({ url: `/api/action-plans/${c.fx.actionPlan.request}` }) },
  'POST /api/action-plans/:id/activities': {
    allow: UNIT,
    call: (c) => ({
      url: `/api/action-plans/${c.fx.actionPlan.request}/activities`,
      body: { servesItemId: c.fx.plan.goal, label: 'Aktivitet', text: 'Ny' },
    }),
  },
  'PATCH /api/action-plans/:id/activities/:itemId': {
    allow: UNIT,
    fresh: true,
    call: async (c) => ({
      url: `/api/action-plans/${c.fx.actionPlan.request}/activities/${c.fx.actionPlan.activity}`,
      body: { version: await c.version('item', c.fx.actionPlan.activity), text: 'Öppet hus' },
    }),
  },
  'DELETE /api/action-plans/:id/activities/:itemId': {
    allow: UNIT,
    fresh: true,
    call: async (c) => {
      const a = await c.as('coordinator', 'POST', `/api/action-plans/${c.fx.actionPlan.request}/activities`, {
        servesItemId: c.fx.plan.goal,
        label: 'Aktivitet',
        text: 'Tillfällig',
      });
      return { url: `/api/action-plans/${c.fx.actionPlan.request}/activities/${a.id}?version=${a.version}` };
    },
  },
  'POST /api/action-plans/:id/submit': {
    allow: UNIT,
    fresh: true,
    call: async (c) => {
      const id = await reporterUnitRequest(c);
      return { url: `/api/action-plans/${id}/submit`, body: { version: await c.version('action_plan_request', id) } };
    },
  },
  'POST /api/action-plans/:id/accept': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const r = await newRequest(c, 'submitted');
      return { url: `/api/action-plans/${r.id}/accept`, body: { version: r.version } };
    },
  },
  'POST /api/action-plans/:id/return': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const r = await newRequest(c, 'submitted');
      return { url: `/api/action-plans/${r.id}/return`, body: { version: r.version, comment: 'Komplettera' } };
    },
  },
  'POST /api/plans/:id/activity-plan/compile': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const compiled = await c.t.store.db
        .selectFrom('document')
        .select('version')
        .where('parent_document_id', '=', c.fx.plan.id)
        .where('kind', '=', 'activity-plan')
        .executeTakeFirst();
      return { url: `/api/plans/${c.fx.plan.id}/activity-plan/compile`, body: compiled ? { version: compiled.version } : {} };
    },
  },
  'POST /api/plans/:id/revisions': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const plan = await adoptedPlan(c);
      return { url: `/api/plans/${plan.id}/revisions`, body: { version: plan.version } };
    },
  },
  'GET /api/plans/:id/versions': { allow: MEMBERS, call: (c) => ({ url: `/api/plans/${c.fx.edition}/versions` }) },
  'GET /api/plans/:id/diff': { allow: MEMBERS, call: (c) => ({ url: `/api/plans/${c.fx.edition}/diff` }) },
  'POST /api/plans/:id/adopt': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const plan = await adoptedPlan(c);
      const edition = await c.as('coordinator', 'POST', `/api/plans/${plan.id}/revisions`, { version: plan.version });
      return {
        url: `/api/plans/${edition.id}/adopt`,
        body: { version: edition.version, adopted: { body: 'Kommunfullmäktige', date: '2025-06-01', paragraph: '§ 2' } },
      };
    },
  },

  // ---- follow-up -----------------------------------------------------------------------------------------------------------
  'GET /api/plans/:id/cycles': { allow: EVERYONE, call: (c) => ({ url: `/api/plans/${c.fx.plan.id}/cycles` }), leak: emptyForOutsiders },
  'GET /api/plans/:id/cycles/proposal': { allow: EDITORS, call: (c) => ({ url: `/api/plans/${c.fx.plan.id}/cycles/proposal` }) },
  'POST /api/plans/:id/cycles': {
    allow: EDITORS,
    fresh: true,
    call: (c) => {
      const year = cycleYear++;
      return {
        url: `/api/plans/${c.fx.plan.id}/cycles`,
        body: { periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, deadline: `${year + 1}-01-31` },
      };
    },
  },
  'GET /api/cycles/:id': { allow: MEMBERS, call: (c) => ({ url: `/api/cycles/${c.fx.cycle}` }) },
  'POST /api/cycles/:id/close': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const cycle = await newCycle(c);
      return { url: `/api/cycles/${cycle}/close`, body: { version: await c.version('follow_up_cycle', cycle) } };
    },
  },
  'POST /api/cycles/:id/reopen': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const cycle = await newCycle(c);
      await c.as('coordinator', 'POST', `/api/cycles/${cycle}/close`, { version: await c.version('follow_up_cycle', cycle) });
      return { url: `/api/cycles/${cycle}/reopen`, body: { version: await c.version('follow_up_cycle', cycle) } };
    },
  },
  'POST /api/cycles/:id/refresh': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({ url: `/api/cycles/${c.fx.cycle}/refresh`, body: { version: await c.version('follow_up_cycle', c.fx.cycle) } }),
  },
  'GET /api/cycles/compare': { allow: MEMBERS, call: (c) => ({ url: `/api/cycles/compare?a=${c.fx.earlierCycle}&b=${c.fx.cycle}` }) },
  'GET /api/my/tasks': { allow: SIGNED_IN, call: () => ({ url: '/api/my/tasks' }) },
  'GET /api/tasks/:id': { allow: TASK_READERS, call: (c) => ({ url: `/api/tasks/${c.fx.task}` }) },
  'PUT /api/tasks/:id': {
    allow: UNIT,
    fresh: true,
    call: async (c) => ({ url: `/api/tasks/${c.fx.task}`, body: taskBody(await c.version('report_task', c.fx.task)) }),
  },
  'POST /api/tasks/:id/return': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const task = await submittedTask(c);
      return { url: `/api/tasks/${task.id}/return`, body: { version: task.version, comment: 'Komplettera' } };
    },
  },
  'POST /api/tasks/:id/approve': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const task = await submittedTask(c);
      return { url: `/api/tasks/${task.id}/approve`, body: { version: task.version } };
    },
  },
  'POST /api/tasks/:id/reopen': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const task = await submittedTask(c, true);
      return { url: `/api/tasks/${task.id}/reopen`, body: { version: task.version, comment: 'Rätta siffran' } };
    },
  },
  'POST /api/tasks/:id/attachments': {
    allow: UNIT,
    call: (c) => ({ url: `/api/tasks/${c.fx.task}/attachments`, upload: { fileName: 'bild.png', bytes: PNG } }),
  },
  'GET /api/attachments/:id': { allow: TASK_READERS, call: (c) => ({ url: `/api/attachments/${c.fx.attachment}` }) },
  'DELETE /api/attachments/:id': {
    allow: UNIT,
    fresh: true,
    call: async (c) => {
      const { payload, headers } = multipart({ fileName: 'bild.png', bytes: PNG });
      const res = await c.t.app.inject({
        method: 'POST',
        url: `/api/tasks/${c.fx.task}/attachments`,
        payload,
        headers: { ...headers, cookie: c.fx.cookies.reporter },
      });
      return { url: `/api/attachments/${res.json<{ id: string }>().id}` };
    },
  },
  'PUT /api/cycles/:id/assessments/:itemId': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const current = await c.t.store.db
        .selectFrom('goal_assessment')
        .select('version')
        .where('cycle_id', '=', c.fx.cycle)
        .where('item_id', '=', c.fx.plan.goal)
        .executeTakeFirst();
      return {
        url: `/api/cycles/${c.fx.cycle}/assessments/${c.fx.plan.goal}`,
        body: { assessment: 'partly_met', rationale: 'Nästan där', version: current?.version ?? null },
      };
    },
  },
  'PUT /api/items/:id/weight': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/items/${c.fx.plan.activity}/weight`,
      body: { version: await c.version('item', c.fx.plan.activity), weight: 2 },
    }),
  },
  'GET /api/items/:id/timeline': { allow: MEMBERS, call: (c) => ({ url: `/api/items/${c.fx.plan.activity}/timeline` }) },
  'POST /api/cycles/:id/reports': { allow: EDITORS, call: (c) => ({ url: `/api/cycles/${c.fx.cycle}/reports`, body: { format: 'csv' } }) },
  'GET /api/cycles/:id/reports': { allow: MEMBERS, call: (c) => ({ url: `/api/cycles/${c.fx.cycle}/reports` }) },
  'GET /api/report-files/:id': { allow: MEMBERS, call: (c) => ({ url: `/api/report-files/${c.fx.reportFile}` }) },
  'GET /api/jobs/:id': { allow: MEMBERS, call: (c) => ({ url: `/api/jobs/${c.fx.job}` }) },
  // The personal link is the credential: whoever holds it acts as its holder, on her tasks in its cycle only.
  'GET /api/links/:token': { allow: EVERYONE, actsAs: 'reporter', call: (c) => ({ url: `/api/links/${c.fx.link}` }) },
  'PUT /api/links/:token/tasks/:taskId': {
    allow: EVERYONE,
    actsAs: 'reporter',
    fresh: true,
    call: async (c) => ({ url: `/api/links/${c.fx.link}/tasks/${c.fx.task}`, body: taskBody(await c.version('report_task', c.fx.task)) }),
  },

  // ---- indicators -----------------------------------------------------------------------------------------------------------
  'GET /api/municipalities/:code/indicators': { allow: EVERYONE, call: () => ({ url: `/api/municipalities/${OWN}/indicators` }) },
  'POST /api/municipalities/:code/indicators': {
    allow: EDITORS,
    fresh: true,
    call: () => ({
      url: `/api/municipalities/${OWN}/indicators`,
      body: { title: `Ny indikator ${nextSerial()}`, unit: 'st', direction: 'higher', sourceKind: 'manual' },
    }),
  },
  'GET /api/indicators/:id': { allow: EVERYONE, call: (c) => ({ url: `/api/indicators/${c.fx.indicator}` }) },
  'PATCH /api/indicators/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/indicators/${c.fx.indicator}`,
      body: { version: await c.version('indicator', c.fx.indicator), definition: 'Antal deltagare' },
    }),
  },
  'POST /api/indicators/:id/values': {
    allow: EDITORS,
    call: (c) => ({ url: `/api/indicators/${c.fx.indicator}/values`, body: { values: [{ period: '2020', value: 1 }] } }),
  },
  'POST /api/indicators/:id/import': {
    allow: EDITORS,
    call: (c) => ({
      url: `/api/indicators/${c.fx.indicator}/import`,
      upload: { fileName: 'varden.csv', bytes: Buffer.from('\uFEFFÅr;Värde\r\n2016;41\r\n'), contentType: 'text/csv' },
    }),
  },
  // Kolada is a stand-in on this machine (permissions.api.test.ts).
  'POST /api/indicators/:id/sync': {
    allow: EDITORS,
    call: (c) => ({ url: `/api/indicators/${c.fx.koladaIndicator}/sync` }),
  },
  'POST /api/indicators/:id/links': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const indicator = await c.as('coordinator', 'POST', `/api/municipalities/${OWN}/indicators`, {
        title: `Indikator ${nextSerial()}`,
        unit: 'st',
        direction: 'higher',
        sourceKind: 'manual',
      });
      return { url: `/api/indicators/${indicator.id}/links`, body: { itemId: c.fx.plan.goal, targetValue: 5 } };
    },
  },
  'PATCH /api/indicator-links/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/indicator-links/${c.fx.indicatorLink}`,
      body: { version: await c.version('indicator_link', c.fx.indicatorLink), targetValue: 12 },
    }),
  },
  'DELETE /api/indicator-links/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const indicator = await c.as('coordinator', 'POST', `/api/municipalities/${OWN}/indicators`, {
        title: `Indikator ${nextSerial()}`,
        unit: 'st',
        direction: 'higher',
        sourceKind: 'manual',
      });
      const link = await c.as('coordinator', 'POST', `/api/indicators/${indicator.id}/links`, { itemId: c.fx.plan.goal });
      return { url: `/api/indicator-links/${link.id}?version=${link.version}` };
    },
  },
  'GET /api/municipalities/:code/cohorts': { allow: MEMBERS, call: () => ({ url: `/api/municipalities/${OWN}/cohorts` }) },
  'PUT /api/municipalities/:code/cohorts/:year': {
    allow: EDITORS,
    fresh: true,
    // A year without a cohort yet, so the first save needs no version.
    call: async (c) => {
      const last = await c.t.store.db
        .selectFrom('cohort')
        .select((eb) => eb.fn.max('year').as('year'))
        .where('municipality_code', '=', OWN)
        .executeTakeFirst();
      return {
        url: `/api/municipalities/${OWN}/cohorts/${Number(last?.year ?? 2000) + 1}`,
        body: { size: 12, selfSufficient12: 3, selfSufficient24: 4, resident12: 9, version: null },
      };
    },
  },

  // ---- internships and trainings --------------------------------------------------------------------------------------------
  'GET /api/municipalities/:code/internships/summary': {
    allow: EVERYONE,
    call: () => ({ url: `/api/municipalities/${OWN}/internships/summary` }),
  },
  'GET /api/municipalities/:code/programme-items': { allow: EVERYONE, call: () => ({ url: `/api/municipalities/${OWN}/programme-items` }) },
  'GET /api/municipalities/:code/internships': { allow: STAFF, call: () => ({ url: `/api/municipalities/${OWN}/internships` }) },
  'POST /api/municipalities/:code/internships': {
    allow: UNIT,
    call: (c) => ({ url: `/api/municipalities/${OWN}/internships`, body: offerBody(c.fx.unit) }),
  },
  'PATCH /api/internships/:id': {
    allow: UNIT,
    fresh: true,
    call: async (c) => ({
      url: `/api/internships/${c.fx.offer}`,
      body: { version: await c.version('internship_offer', c.fx.offer), tasks: 'Lager och kassa' },
    }),
  },
  'DELETE /api/internships/:id': {
    allow: UNIT,
    fresh: true,
    call: async (c) => {
      const offer = await c.as('coordinator', 'POST', `/api/municipalities/${OWN}/internships`, offerBody(c.fx.unit));
      return { url: `/api/internships/${offer.id}?version=${offer.version}` };
    },
  },
  'POST /api/internships/:id/placements': {
    allow: UNIT,
    call: (c) => ({ url: `/api/internships/${c.fx.offer}/placements`, body: { startDate: '2025-03-01', endDate: null } }),
  },
  'PATCH /api/placements/:id': {
    allow: UNIT,
    fresh: true,
    call: async (c) => ({
      url: `/api/placements/${c.fx.placement}`,
      body: { version: await c.version('internship_placement', c.fx.placement), outcome: 'ongoing' },
    }),
  },
  'DELETE /api/placements/:id': {
    allow: UNIT,
    fresh: true,
    call: async (c) => {
      const offer = await c.as<{ placements: { id: string; version: number }[] }>(
        'coordinator',
        'POST',
        `/api/internships/${c.fx.offer}/placements`,
        {
          startDate: '2025-04-01',
          endDate: null,
        },
      );
      const placement = offer.placements.at(-1) as { id: string };
      return { url: `/api/placements/${placement.id}?version=${await c.version('internship_placement', placement.id)}` };
    },
  },
  'GET /api/municipalities/:code/trainings': { allow: EVERYONE, call: () => ({ url: `/api/municipalities/${OWN}/trainings` }) },
  'POST /api/municipalities/:code/trainings': {
    allow: EDITORS,
    call: () => ({ url: `/api/municipalities/${OWN}/trainings`, body: trainingBody() }),
  },
  'PATCH /api/trainings/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/trainings/${c.fx.training}`,
      body: { version: await c.version('training', c.fx.training), participants: 6 },
    }),
  },
  'DELETE /api/trainings/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const training = await c.as('coordinator', 'POST', `/api/municipalities/${OWN}/trainings`, trainingBody());
      return { url: `/api/trainings/${training.id}?version=${training.version}` };
    },
  },
  // ---- newcomer guide ---------------------------------------------------------------------------------------------------
  'GET /api/municipalities/:code/guide': { allow: EVERYONE, call: () => ({ url: `/api/municipalities/${OWN}/guide` }) },
  'POST /api/municipalities/:code/guide': {
    allow: EDITORS,
    call: () => ({
      url: `/api/municipalities/${OWN}/guide`,
      body: { actor: 'Försäkringskassan', responsibilities: 'Föräldrapenning', help: '', url: null },
    }),
  },
  'PATCH /api/guide/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const entry = await c.as('coordinator', 'POST', `/api/municipalities/${OWN}/guide`, {
        actor: 'Skatteverket',
        responsibilities: 'Folkbokföring',
        help: '',
        url: null,
      });
      return { url: `/api/guide/${entry.id}`, body: { version: entry.version, help: '0771-567 567', position: 0 } };
    },
  },
  'DELETE /api/guide/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const entry = await c.as('coordinator', 'POST', `/api/municipalities/${OWN}/guide`, {
        actor: 'Migrationsverket',
        responsibilities: 'Asylprocessen',
        help: '',
        url: null,
      });
      return { url: `/api/guide/${entry.id}?version=${entry.version}` };
    },
  },
  'GET /api/municipalities/:code/coverage-targets': {
    allow: EVERYONE,
    call: () => ({ url: `/api/municipalities/${OWN}/coverage-targets` }),
  },
  'POST /api/municipalities/:code/coverage-targets': {
    allow: EDITORS,
    call: () => ({ url: `/api/municipalities/${OWN}/coverage-targets`, body: targetBody() }),
  },
  'PUT /api/municipalities/:code/coverage-targets/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/municipalities/${OWN}/coverage-targets/${c.fx.coverageTarget}`,
      body: { version: await c.version('coverage_target', c.fx.coverageTarget), ...targetBody() },
    }),
  },
  'GET /api/municipalities/:code/supervisors': { allow: EVERYONE, call: () => ({ url: `/api/municipalities/${OWN}/supervisors` }) },

  // ---- translations of municipal texts (a draft's item: members read, editors write) ---------------------------------------
  'GET /api/translations/:kind/:id': { allow: MEMBERS, call: (c) => ({ url: `/api/translations/item/${c.fx.draft.activity}` }) },
  'PUT /api/translations/:kind/:id/:lang': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const version = await draftTranslation(c, 'en');
      return {
        url: `/api/translations/item/${c.fx.draft.activity}/en`,
        body: { title: 'Language practice', ...(version !== undefined ? { version } : {}) },
      };
    },
  },
  'DELETE /api/translations/:kind/:id/:lang': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const url = `/api/translations/item/${c.fx.draft.activity}/so`;
      const version = (await draftTranslation(c, 'so')) ?? (await c.as('coordinator', 'PUT', url, { title: 'Luqad' }), 1);
      return { url: `${url}?version=${version}` };
    },
  },
  // ---- the activity catalogue -------------------------------------------------------------------------------------------------
  'GET /api/municipalities/:code/activities': { allow: EVERYONE, call: () => ({ url: `/api/municipalities/${OWN}/activities` }) },
  'GET /api/municipalities/:code/activities.ics': { allow: EVERYONE, call: () => ({ url: `/api/municipalities/${OWN}/activities.ics` }) },
  'GET /api/municipalities/:code/activities/managed': {
    allow: STAFF,
    call: () => ({ url: `/api/municipalities/${OWN}/activities/managed` }),
  },
  'POST /api/municipalities/:code/activities': {
    allow: UNIT,
    call: (c) => ({ url: `/api/municipalities/${OWN}/activities`, body: activityBody(c.fx.unit) }),
  },
  'POST /api/municipalities/:code/organisers': {
    allow: EDITORS,
    fresh: true,
    call: () => ({ url: `/api/municipalities/${OWN}/organisers`, body: { name: `Förening ${nextSerial()}` } }),
  },
  'GET /api/activities/:id': { allow: UNIT, call: (c) => ({ url: `/api/activities/${c.fx.activity}` }) },
  'PATCH /api/activities/:id': {
    allow: UNIT,
    fresh: true,
    call: async (c) => ({
      url: `/api/activities/${c.fx.activity}`,
      body: { version: await c.version('activity', c.fx.activity), cost: 'Gratis' },
    }),
  },
  'POST /api/activities/:id/submit': {
    allow: UNIT,
    fresh: true,
    call: async (c) => {
      const a = await newActivity(c);
      return { url: `/api/activities/${a.id}/submit`, body: { version: a.version } };
    },
  },
  'POST /api/activities/:id/moderate': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const a = await newActivity(c, true);
      return { url: `/api/activities/${a.id}/moderate`, body: { version: await c.version('activity', a.id), decision: 'publish' } };
    },
  },
  'PUT /api/activities/:id/occurrences/:date': {
    allow: UNIT,
    fresh: true,
    call: async (c) => ({
      url: `/api/activities/${c.fx.activity}/occurrences/2030-03-12`,
      body: { version: await c.version('activity', c.fx.activity), cancelled: true },
    }),
  },
  'PUT /api/activities/:id/items': {
    allow: UNIT,
    fresh: true,
    call: async (c) => ({
      url: `/api/activities/${c.fx.activity}/items`,
      body: { version: await c.version('activity', c.fx.activity), itemIds: [] },
    }),
  },

  // ---- the integration fund ---------------------------------------------------------------------------------------------------
  'GET /api/municipalities/:code/fund': { allow: EVERYONE, call: () => ({ url: `/api/municipalities/${OWN}/fund` }) },
  'GET /api/municipalities/:code/fund/grants': { allow: EVERYONE, call: () => ({ url: `/api/municipalities/${OWN}/fund/grants` }) },
  'GET /api/fund/calls/:id': { allow: EVERYONE, call: (c) => ({ url: `/api/fund/calls/${c.fx.call}` }) },
  'POST /api/municipalities/:code/fund/register': {
    allow: EVERYONE,
    fresh: true,
    call: () => {
      const n = nextSerial();
      return {
        url: `/api/municipalities/${OWN}/fund/register`,
        body: {
          orgNumber: orgNumber(),
          name: `Förening ${n}`,
          kind: 'association',
          contactName: 'Kim Kontakt',
          contactEmail: `kontakt${n}@forening.example`,
          password: 'ett-langt-losenord',
        },
      };
    },
  },
  'POST /api/municipalities/:code/fund/funds': {
    allow: EDITORS,
    fresh: true,
    call: () => ({ url: `/api/municipalities/${OWN}/fund/funds`, body: { name: `Fond ${nextSerial()}` } }),
  },
  'POST /api/fund/funds/:id/calls': { allow: EDITORS, call: (c) => ({ url: `/api/fund/funds/${c.fx.fund}/calls`, body: callBody() }) },
  'PATCH /api/fund/calls/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/fund/calls/${c.fx.call}`,
      body: { version: await c.version('fund_call', c.fx.call), description: 'Stöd' },
    }),
  },
  'GET /api/fund/calls/:id/applications': { allow: MEMBERS, call: (c) => ({ url: `/api/fund/calls/${c.fx.call}/applications` }) },
  'PUT /api/fund/applications/:id/assessment': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({ url: `/api/fund/applications/${(await submittedApplication(c)).id}/assessment`, body: { scores: { c1: 3 } } }),
  },
  'POST /api/fund/applications/:id/decision': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => {
      const a = await submittedApplication(c);
      return {
        url: `/api/fund/applications/${a.id}/decision`,
        body: { outcome: 'rejected', decidedBy: 'KS', decidedOn: '2030-05-01', grantedSek: 0, version: a.version },
      };
    },
  },
  'POST /api/fund/applications/:id/payments': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/fund/applications/${(await grantedApplication(c)).id}/payments`,
      body: { paidOn: '2030-05-10', amountSek: 1 },
    }),
  },
  'GET /api/fund/mine': { allow: SIGNED_IN, call: () => ({ url: '/api/fund/mine' }) },
  'POST /api/fund/calls/:id/applications': {
    allow: NOBODY_ELSE('applicant', 'applicantOther'),
    call: (c) => ({ url: `/api/fund/calls/${c.fx.call}/applications`, body: applicationBody('Ny ansökan') }),
  },
  'GET /api/fund/applications/:id': {
    allow: [...MEMBERS, 'applicant'],
    call: (c) => ({ url: `/api/fund/applications/${c.fx.submittedApplication}` }),
  },
  'PATCH /api/fund/applications/:id': {
    allow: ['applicant'],
    fresh: true,
    call: async (c) => ({
      url: `/api/fund/applications/${c.fx.draftApplication}`,
      body: { version: await c.version('fund_application', c.fx.draftApplication), targetGroup: 'Nyanlända' },
    }),
  },
  'POST /api/fund/applications/:id/submit': {
    allow: ['applicant'],
    fresh: true,
    call: async (c) => {
      const a = await c.as('applicant', 'POST', `/api/fund/calls/${c.fx.call}/applications`, applicationBody(`Utkast ${nextSerial()}`));
      return { url: `/api/fund/applications/${a.id}/submit`, body: { version: a.version } };
    },
  },
  'POST /api/fund/applications/:id/withdraw': {
    allow: ['applicant'],
    fresh: true,
    call: async (c) => {
      const a = await submittedApplication(c);
      return { url: `/api/fund/applications/${a.id}/withdraw`, body: { version: a.version } };
    },
  },
  'POST /api/fund/applications/:id/final-report': {
    allow: [...EDITORS, 'applicant'],
    fresh: true,
    call: async (c) => {
      const a = await grantedApplication(c);
      return { url: `/api/fund/applications/${a.id}/final-report`, body: { summary: 'Det gick bra', spentSek: 100, version: a.version } };
    },
  },
  'POST /api/fund/applications/:id/attachments': {
    allow: ['applicant'],
    call: (c) => ({ url: `/api/fund/applications/${c.fx.draftApplication}/attachments`, upload: { fileName: 'bild.png', bytes: PNG } }),
  },
  'GET /api/fund/attachments/:id': { allow: ['applicant'], call: (c) => ({ url: `/api/fund/attachments/${c.fx.fundAttachment}` }) },
  'DELETE /api/fund/attachments/:id': {
    allow: ['applicant'],
    fresh: true,
    call: async (c) => {
      const { payload, headers } = multipart({ fileName: 'bild.png', bytes: PNG });
      const res = await c.t.app.inject({
        method: 'POST',
        url: `/api/fund/applications/${c.fx.draftApplication}/attachments`,
        payload,
        headers: { ...headers, cookie: c.fx.cookies.applicant },
      });
      return { url: `/api/fund/attachments/${res.json<{ id: string }>().id}` };
    },
  },

  // ---- matching ----------------------------------------------------------------------------------------------------------------
  'GET /api/municipalities/:code/matching/programmes': {
    allow: EVERYONE,
    call: () => ({ url: `/api/municipalities/${OWN}/matching/programmes` }),
  },
  'POST /api/municipalities/:code/matching/programmes': {
    allow: EDITORS,
    fresh: true,
    call: () => ({
      url: `/api/municipalities/${OWN}/matching/programmes`,
      body: { ...programmeBody(), name: `Fadderprogram ${nextSerial()}` },
    }),
  },
  'GET /api/matching/programmes/:id': { allow: EVERYONE, call: (c) => ({ url: `/api/matching/programmes/${c.fx.programme}` }) },
  'PATCH /api/matching/programmes/:id': {
    allow: EDITORS,
    fresh: true,
    call: async (c) => ({
      url: `/api/matching/programmes/${c.fx.programme}`,
      body: { version: await c.version('matching_programme', c.fx.programme), description: 'Fadderverksamhet' },
    }),
  },
  'GET /api/matching/programmes/:id/workspace': {
    allow: PROGRAMME,
    call: (c) => ({ url: `/api/matching/programmes/${c.fx.programme}/workspace` }),
  },
  'POST /api/matching/programmes/:id/people': {
    allow: PROGRAMME,
    call: (c) => ({ url: `/api/matching/programmes/${c.fx.programme}/people`, body: personBody('volunteer', 'Ny volontär') }),
  },
  'GET /api/matching/people/:id': { allow: PROGRAMME, call: (c) => ({ url: `/api/matching/people/${c.fx.newcomer}` }) },
  'PATCH /api/matching/people/:id': {
    allow: PROGRAMME,
    fresh: true,
    call: async (c) => ({
      url: `/api/matching/people/${c.fx.newcomer}`,
      body: { version: await c.version('matching_person', c.fx.newcomer), area: 'Hasselfors' },
    }),
  },
  'GET /api/matching/people/:id/extract': { allow: PROGRAMME, call: (c) => ({ url: `/api/matching/people/${c.fx.newcomer}/extract` }) },
  'DELETE /api/matching/people/:id': {
    allow: PROGRAMME,
    fresh: true,
    call: async (c) => {
      const p = await newPerson(c);
      return { url: `/api/matching/people/${p.id}?version=${p.version}` };
    },
  },
  'POST /api/matching/programmes/:id/matches': {
    allow: PROGRAMME,
    fresh: true,
    call: async (c) => {
      const [volunteer, newcomer] = [await newPerson(c, 'volunteer'), await newPerson(c, 'newcomer')];
      return { url: `/api/matching/programmes/${c.fx.programme}/matches`, body: { volunteerId: volunteer.id, newcomerId: newcomer.id } };
    },
  },
  'POST /api/matching/matches/:id/confirm': {
    allow: PROGRAMME,
    fresh: true,
    call: async (c) => {
      const m = await proposedMatch(c);
      return { url: `/api/matching/matches/${m.id}/confirm`, body: { version: m.version } };
    },
  },
  'POST /api/matching/matches/:id/decline': {
    allow: PROGRAMME,
    fresh: true,
    call: async (c) => {
      const m = await proposedMatch(c);
      return { url: `/api/matching/matches/${m.id}/decline`, body: { version: m.version } };
    },
  },
  'POST /api/matching/matches/:id/informed': {
    allow: PROGRAMME,
    fresh: true,
    call: async (c) => {
      const { match } = await confirmedMatchOf(c.t, c.fx.cookies.coordinator, c.fx.programme);
      return {
        url: `/api/matching/matches/${match}/informed`,
        body: { side: 'volunteer', version: await c.version('matching_match', match) },
      };
    },
  },
  'POST /api/matching/matches/:id/end': {
    allow: PROGRAMME,
    fresh: true,
    call: async (c) => {
      const { match } = await confirmedMatchOf(c.t, c.fx.cookies.coordinator, c.fx.programme);
      return {
        url: `/api/matching/matches/${match}/end`,
        body: { reason: 'completed', version: await c.version('matching_match', match) },
      };
    },
  },
  'POST /api/matching/check-ins/:id': {
    allow: PROGRAMME,
    fresh: true,
    call: async (c) => {
      const { checkIn } = await confirmedMatchOf(c.t, c.fx.cookies.coordinator, c.fx.programme);
      return { url: `/api/matching/check-ins/${checkIn}`, body: { outcome: 'ok', version: await c.version('matching_check_in', checkIn) } };
    },
  },
  'GET /api/municipalities/:code/matching/programmes/:id/registration': {
    allow: EVERYONE,
    call: (c) => ({ url: `/api/municipalities/${OWN}/matching/programmes/${c.fx.programme}/registration` }),
  },
  'POST /api/municipalities/:code/matching/programmes/:id/registrations': {
    allow: EVERYONE,
    call: (c) => ({
      url: `/api/municipalities/${OWN}/matching/programmes/${c.fx.programme}/registrations`,
      body: personBody('newcomer', 'Anmäld själv'),
    }),
  },

  // ---- open data (read-only, no session: every caller gets the public's view) -------------------------------------------------
  'OPTIONS /api/open/*': { allow: EVERYONE, call: () => ({ url: '/api/open/catalog.rdf' }) },
  'GET /api/open/municipalities': { allow: EVERYONE, call: () => ({ url: '/api/open/municipalities' }) },
  'GET /api/open/municipalities/:code': { allow: EVERYONE, call: () => ({ url: `/api/open/municipalities/${OWN}` }) },
  'GET /api/open/municipalities/:code/plans': { allow: EVERYONE, call: () => ({ url: `/api/open/municipalities/${OWN}/plans` }) },
  'GET /api/open/plans/:id.json': { allow: EVERYONE, call: (c) => ({ url: `/api/open/plans/${c.fx.plan.id}.json` }) },
  'GET /api/open/plans/:id.csv': { allow: EVERYONE, call: (c) => ({ url: `/api/open/plans/${c.fx.plan.id}.csv` }) },
  'GET /api/open/municipalities/:code/follow-up.json': {
    allow: EVERYONE,
    call: () => ({ url: `/api/open/municipalities/${OWN}/follow-up.json` }),
  },
  'GET /api/open/municipalities/:code/follow-up.csv': {
    allow: EVERYONE,
    call: () => ({ url: `/api/open/municipalities/${OWN}/follow-up.csv` }),
  },
  'GET /api/open/municipalities/:code/indicators.json': {
    allow: EVERYONE,
    call: () => ({ url: `/api/open/municipalities/${OWN}/indicators.json` }),
  },
  'GET /api/open/municipalities/:code/indicators.csv': {
    allow: EVERYONE,
    call: () => ({ url: `/api/open/municipalities/${OWN}/indicators.csv` }),
  },
  'GET /api/open/municipalities/:code/activities.json': {
    allow: EVERYONE,
    call: () => ({ url: `/api/open/municipalities/${OWN}/activities.json` }),
  },
  'GET /api/open/municipalities/:code/activities.csv': {
    allow: EVERYONE,
    call: () => ({ url: `/api/open/municipalities/${OWN}/activities.csv` }),
  },
  'GET /api/open/catalog.rdf': { allow: EVERYONE, call: () => ({ url: '/api/open/catalog.rdf' }) },
  'GET /api/open/catalog.jsonld': { allow: EVERYONE, call: () => ({ url: '/api/open/catalog.jsonld' }) },
};

/** Reads a row's version by table and id. */
export async function versionOf(t: TestApp, table: string, id: string): Promise<number> {
  const { rows } = await sql<{ version: number }>`select version from ${sql.table(table)} where id = ${id}`.execute(t.store.db);
  if (!rows[0]) throw new Error(`no ${table} ${id}`);
  return rows[0].version;
}
