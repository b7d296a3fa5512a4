import type { LightMyRequestResponse } from 'fastify';
import { startSession } from '../../src/capabilities/accounts/accounts.ts';
import { SESSION_COOKIE } from '../../src/http.ts';
import { makeReportFile } from '../../src/capabilities/follow-up/reports.ts';
import { issueLink } from '../../src/capabilities/notifications/links.ts';
import type { TestApp } from '../support/app.ts';

/**
 * Who calls. The objects the table acts on all belong to Laxå (1860): "Elsewhere" callers belong to Kalix (2514);
 * the reporter answers for the object's unit and the other reporter for another Laxå unit; the applicant owns the
 * application and the other applicant is another Laxå organisation.
 */
export const callers = [
  'admin',
  'coordinator',
  'coordinatorElsewhere',
  'reporter',
  'reporterOtherUnit',
  'reader',
  'readerElsewhere',
  'applicant',
  'applicantOther',
  'public',
] as const;
export type CallerName = (typeof callers)[number];

export const ADMIN_PASSWORD = 'admin-test-password';
const OTHER_REPORTER = { username: 'laxa.rapportor.annan', password: 'annan-rapportor-123' };

export const accounts: Record<Exclude<CallerName, 'public'>, { username: string; password: string }> = {
  admin: { username: 'admin', password: ADMIN_PASSWORD },
  coordinator: { username: 'laxa.samordnare', password: 'demo' },
  coordinatorElsewhere: { username: 'kalix.samordnare', password: 'demo' },
  reporter: { username: 'laxa.rapportor', password: 'demo' },
  reporterOtherUnit: OTHER_REPORTER,
  reader: { username: 'laxa.lasare', password: 'demo' },
  readerElsewhere: { username: 'kalix.lasare', password: 'demo' },
  // Registered by the fixtures through the public form, as associations do: the username is the contact's address.
  applicant: { username: 'idrott@forening.example', password: 'ett-langt-losenord' },
  applicantOther: { username: 'kor@forening.example', password: 'ett-langt-losenord' },
};

/** Words planted in objects only some callers may see; no other caller's response may contain them. */
export const secrets = {
  draftTitle: 'HEMLIGT-UTKAST-7f3a',
  unitHead: 'chef.7f3a@laxa.example',
  report: 'HEMLIG-RAPPORT-7f3a',
  supervisor: 'Handledare-7f3a',
  draftApplication: 'HEMLIG-ANSOKAN-7f3a',
  person: 'Hemlig-Deltagare-7f3a',
  unpublishedActivity: 'OPUBLICERAD-7f3a',
} as const;

export const OWN = '1860';
export const ELSEWHERE = '2514';

// A one-pixel PNG: attachments are typed by their bytes.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface Upload {
  fileName: string;
  bytes: Buffer;
  contentType?: string;
}

export function multipart(upload: Upload): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----permissions';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${upload.fileName}"\r\nContent-Type: ${
      upload.contentType ?? 'application/octet-stream'
    }\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, upload.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export interface Fixtures {
  cookies: Record<Exclude<CallerName, 'public'>, string>;
  userIds: Record<'reporter' | 'coordinator' | 'reporterOtherUnit', string>;
  /** The reporter's unit, and another unit of Laxå. */
  unit: string;
  otherUnit: string;
  /** A draft plan with a goal and an activity of the reporter's unit. */
  draft: { id: string; goal: string; activity: string };
  /** An adopted plan, followed up: goal and activities of both units, two cycles, a task of each unit. */
  plan: { id: string; goal: string; activity: string; otherActivity: string };
  cycle: string;
  earlierCycle: string;
  task: string;
  attachment: string;
  reportFile: string;
  job: string;
  link: string;
  /** Action plan request of the reporter's unit, with one activity. */
  actionPlan: { request: string; activity: string };
  /** A draft edition revising the adopted plan. */
  edition: string;
  indicator: string;
  koladaIndicator: string;
  indicatorLink: string;
  offer: string;
  placement: string;
  training: string;
  coverageTarget: string;
  /** An activity of the reporter's unit, not yet published; its organiser. */
  activity: string;
  fund: string;
  call: string;
  /** The applicant's draft and submitted applications, and an attachment on the draft. */
  draftApplication: string;
  submittedApplication: string;
  fundAttachment: string;
  programme: string;
  /** A newcomer of the programme, proposed a match with a volunteer. */
  newcomer: string;
  outline: unknown;
  /** A sign-in service of Laxå whose issuer is a closed local port: sign-in starts and is refused, offline. */
  identityProvider: string;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A call in the fixtures' making that must succeed. */
export async function must(
  t: TestApp,
  cookie: string | undefined,
  method: Method,
  url: string,
  body?: unknown,
  upload?: Upload,
): Promise<LightMyRequestResponse> {
  const res = upload
    ? await t.app.inject({ method, url, ...multipartWith(cookie, upload) })
    : await t.request(method, url, { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { body } : {}) });
  if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url}: ${res.statusCode} ${res.body.slice(0, 400)}`);
  return res;
}

function multipartWith(cookie: string | undefined, upload: Upload) {
  const { payload, headers } = multipart(upload);
  return { payload, headers: { ...headers, ...(cookie ? { cookie } : {}) } };
}

/**
 * A session for the caller as sign-in makes it, without the password's deliberate slowness: the table signs in again
 * after every call that ends a session, and scrypt for each would cost seconds. Sign-in itself is a row of the table.
 */
export async function sessionOf(t: TestApp, caller: keyof typeof accounts): Promise<string> {
  const user = await t.store.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', accounts[caller].username)
    .executeTakeFirstOrThrow();
  const { token } = await startSession(t.store.db, user.id, { idleMinutes: 60, maxHours: 8 });
  return `${SESSION_COOKIE}=${token}`;
}

const json = <T>(res: LightMyRequestResponse) => res.json<T>();

export async function makeFixtures(t: TestApp): Promise<Fixtures> {
  const admin = await sessionOf(t, 'admin');
  const coordinator = await sessionOf(t, 'coordinator');
  const reporterMe = json<{ user: { id: string; unitIds: string[] } }>(
    await must(t, await sessionOf(t, 'reporter'), 'GET', '/api/auth/me'),
  ).user;
  const unit = reporterMe.unitIds[0] as string;
  const units = json<{ id: string; kind: string }[]>(await must(t, coordinator, 'GET', `/api/municipalities/${OWN}/units`));
  const otherUnit = units.find((u) => u.id !== unit && u.kind !== 'partner')?.id as string;
  const other = json<{ id: string }>(
    await must(t, admin, 'POST', '/api/users', {
      ...OTHER_REPORTER,
      displayName: 'Rapportör, annan enhet',
      role: 'reporter',
      municipalityCode: OWN,
      unitIds: [otherUnit],
    }),
  );
  for (const [caller, name] of [
    ['applicant', 'Laxå Idrottsförening'],
    ['applicantOther', 'Laxå Sångkör'],
  ] as const)
    await must(t, undefined, 'POST', `/api/municipalities/${OWN}/fund/register`, {
      orgNumber: orgNumber(),
      name,
      kind: 'association',
      contactName: 'Kim Kontakt',
      contactEmail: accounts[caller].username,
      password: accounts[caller].password,
    });
  const cookies = Object.fromEntries(
    await Promise.all(Object.keys(accounts).map(async (name) => [name, await sessionOf(t, name as keyof typeof accounts)] as const)),
  ) as Fixtures['cookies'];
  const coordinatorId = json<{ user: { id: string } }>(await must(t, coordinator, 'GET', '/api/auth/me')).user.id;
  const unitVersion = units.find((u) => u.id === unit) as unknown as { version: number };
  await must(t, coordinator, 'PATCH', `/api/units/${unit}`, { version: unitVersion.version, headEmail: secrets.unitHead });

  // ---- plans ----------------------------------------------------------------------------------------------------
  const addItem = async (planId: string, parentId: string | null, kind: string, text: string, unitId?: string) => {
    const item = json<{ id: string; version: number }>(
      await must(t, coordinator, 'POST', `/api/plans/${planId}/items`, {
        parentId,
        kind,
        label: kind === 'goal' ? 'Mål' : 'Aktivitet',
        text,
      }),
    );
    if (!unitId) return item.id;
    await must(t, coordinator, 'PUT', `/api/items/${item.id}/responsibility`, {
      version: item.version,
      assignments: [{ unitId, role: 'lead' }],
    });
    return item.id;
  };
  const draftId = json<{ id: string }>(
    await must(t, coordinator, 'POST', `/api/municipalities/${OWN}/plans`, { title: `Plan ${secrets.draftTitle}`, kind: 'plan' }),
  ).id;
  const draftGoal = await addItem(draftId, null, 'goal', 'Fler i arbete', unit);
  const draftActivity = await addItem(draftId, draftGoal, 'activity', 'Språkpraktik', unit);

  const planRes = json<{ id: string; version: number }>(
    await must(t, coordinator, 'POST', `/api/municipalities/${OWN}/plans`, { title: 'Integrationsplan (behörighetstest)', kind: 'plan' }),
  );
  const planGoal = await addItem(planRes.id, null, 'goal', 'Alla når egen försörjning', unit);
  const planActivity = await addItem(planRes.id, planGoal, 'activity', 'Studiebesök på arbetsplatser', unit);
  const otherActivity = await addItem(planRes.id, planGoal, 'activity', 'Samhällsorientering', otherUnit);
  const planNow = json<{ version: number }>(await must(t, coordinator, 'GET', `/api/plans/${planRes.id}`));
  await must(t, coordinator, 'PATCH', `/api/plans/${planRes.id}`, {
    version: planNow.version,
    status: 'adopted',
    adopted: { body: 'Kommunfullmäktige', date: '2024-01-15', paragraph: '§ 1', dnr: null },
  });

  // ---- follow-up --------------------------------------------------------------------------------------------------
  const openCycle = async (year: number) =>
    json<{ id: string }>(
      await must(t, coordinator, 'POST', `/api/plans/${planRes.id}/cycles`, {
        periodFrom: `${year}-01-01`,
        periodTo: `${year}-12-31`,
        deadline: `${year + 1}-01-31`,
      }),
    ).id;
  const earlierCycle = await openCycle(2024);
  const cycle = await openCycle(2025);
  const tasks = await t.store.db.selectFrom('report_task').select(['id', 'unit_id', 'item_id']).where('cycle_id', '=', cycle).execute();
  const task = tasks.find((x) => x.item_id === planActivity)?.id as string;
  const taskNow = await t.store.db.selectFrom('report_task').select('version').where('id', '=', task).executeTakeFirstOrThrow();
  await must(t, cookies.reporter, 'PUT', `/api/tasks/${task}`, {
    version: taskNow.version,
    status: null,
    progress: 10,
    narrative: `Utkast ${secrets.report}`,
    targetValue: null,
    submit: false,
  });
  const attachment = json<{ id: string }>(
    await must(t, cookies.reporter, 'POST', `/api/tasks/${task}/attachments`, undefined, { fileName: 'bevis.png', bytes: PNG }),
  ).id;
  const reportFile = (await makeReportFile(t.store.db, cycle, 'csv', 'laxa.samordnare')).id;
  const job = json<{ id: string }>(await must(t, coordinator, 'POST', `/api/cycles/${cycle}/reports`, { format: 'csv' })).id;
  const link = await issueLink(t.store.db, { userId: reporterMe.id, cycleId: cycle, validDays: 30, now: new Date() });

  // ---- action plans and revisions ------------------------------------------------------------------------------
  const [request] = json<{ id: string }[]>(
    await must(t, coordinator, 'POST', `/api/plans/${planRes.id}/action-plans`, { unitIds: [unit] }),
  );
  const actionActivity = json<{ id: string }>(
    await must(t, cookies.reporter, 'POST', `/api/action-plans/${request?.id}/activities`, {
      servesItemId: planGoal,
      label: 'Aktivitet',
      text: 'Öppet hus',
    }),
  ).id;
  const planAfter = json<{ version: number }>(await must(t, coordinator, 'GET', `/api/plans/${planRes.id}`));
  const edition = json<{ id: string }>(
    await must(t, coordinator, 'POST', `/api/plans/${planRes.id}/revisions`, { version: planAfter.version }),
  ).id;

  // ---- indicators, internships, trainings -----------------------------------------------------------------------
  const indicator = json<{ id: string }>(
    await must(t, coordinator, 'POST', `/api/municipalities/${OWN}/indicators`, {
      title: 'Deltagare (behörighetstest)',
      unit: 'personer',
      direction: 'higher',
      sourceKind: 'manual',
    }),
  ).id;
  const koladaIndicator = json<{ id: string }>(
    await must(t, coordinator, 'POST', `/api/municipalities/${OWN}/indicators`, {
      title: 'Kolada (behörighetstest)',
      unit: '%',
      direction: 'higher',
      sourceKind: 'kolada',
      sourceRef: 'N00945',
    }),
  ).id;
  const indicatorLink = json<{ id: string }>(
    await must(t, coordinator, 'POST', `/api/indicators/${indicator}/links`, { itemId: planGoal, targetValue: 10 }),
  ).id;
  const offer = json<{ id: string }>(await must(t, coordinator, 'POST', `/api/municipalities/${OWN}/internships`, offerBody(unit))).id;
  const placement = json<{ placements: { id: string }[] }>(
    await must(t, coordinator, 'POST', `/api/internships/${offer}/placements`, { startDate: '2025-02-01', endDate: null }),
  ).placements[0]?.id as string;
  const training = json<{ id: string }>(await must(t, coordinator, 'POST', `/api/municipalities/${OWN}/trainings`, trainingBody())).id;
  const coverageTarget = json<{ id: string }>(
    await must(t, coordinator, 'POST', `/api/municipalities/${OWN}/coverage-targets`, targetBody()),
  ).id;

  // ---- catalogue ----------------------------------------------------------------------------------------------
  const activity = json<{ id: string }>(
    await must(t, cookies.reporter, 'POST', `/api/municipalities/${OWN}/activities`, activityBody(unit, secrets.unpublishedActivity)),
  ).id;

  // ---- fund -----------------------------------------------------------------------------------------------------
  const fundView = json<{ funds: { id: string; name: string }[] }>(
    await must(t, coordinator, 'POST', `/api/municipalities/${OWN}/fund/funds`, { name: 'Behörighetsfonden' }),
  );
  const fund = fundView.funds.find((f) => f.name === 'Behörighetsfonden')?.id as string;
  const call = json<{ id: string; version: number }>(await must(t, coordinator, 'POST', `/api/fund/funds/${fund}/calls`, callBody()));
  await must(t, coordinator, 'PATCH', `/api/fund/calls/${call.id}`, { version: call.version, status: 'open' });
  const draftApplication = json<{ id: string }>(
    await must(t, cookies.applicant, 'POST', `/api/fund/calls/${call.id}/applications`, applicationBody(secrets.draftApplication)),
  ).id;
  const fundAttachment = json<{ id: string }>(
    await must(t, cookies.applicant, 'POST', `/api/fund/applications/${draftApplication}/attachments`, undefined, {
      fileName: 'budget.png',
      bytes: PNG,
    }),
  ).id;
  const submittedApplication = await submittedApplicationOf(t, cookies.applicant, call.id, 'Inskickad ansökan');

  // ---- matching ---------------------------------------------------------------------------------------------------
  const programme = json<{ id: string }>(
    await must(t, coordinator, 'POST', `/api/municipalities/${OWN}/matching/programmes`, programmeBody()),
  ).id;
  const volunteer = json<{ id: string }>(
    await must(t, coordinator, 'POST', `/api/matching/programmes/${programme}/people`, personBody('volunteer', 'Volontär Exempel')),
  ).id;
  const newcomer = json<{ id: string }>(
    await must(t, coordinator, 'POST', `/api/matching/programmes/${programme}/people`, personBody('newcomer', secrets.person)),
  ).id;
  await must(t, coordinator, 'POST', `/api/matching/programmes/${programme}/matches`, { volunteerId: volunteer, newcomerId: newcomer });

  const outline = json<unknown>(await must(t, coordinator, 'GET', `/api/plans/${draftId}/outline`));
  const identityProvider = json<{ id: string }>(await must(t, admin, 'POST', '/api/admin/identity-providers', identityProviderBody())).id;

  return {
    cookies,
    userIds: { reporter: reporterMe.id, coordinator: coordinatorId, reporterOtherUnit: other.id },
    unit,
    otherUnit,
    draft: { id: draftId, goal: draftGoal, activity: draftActivity },
    plan: { id: planRes.id, goal: planGoal, activity: planActivity, otherActivity },
    cycle,
    earlierCycle,
    task,
    attachment,
    reportFile,
    job,
    link,
    actionPlan: { request: request?.id as string, activity: actionActivity },
    edition,
    indicator,
    koladaIndicator,
    indicatorLink,
    offer,
    placement,
    training,
    coverageTarget,
    activity,
    fund,
    call: call.id,
    draftApplication,
    submittedApplication,
    fundAttachment,
    programme,
    newcomer,
    outline,
    identityProvider,
  };
}

// ---- bodies and fresh objects, shared with the table --------------------------------------------------------------

let serial = 0;
/** A number no other call in the run has used. */
export const nextSerial = () => ++serial;

/** A Luhn-valid organisation number no other call used. */
export function orgNumber(): string {
  const nine = `80245${String(5000 + nextSerial()).padStart(4, '0')}`;
  const sum = [...nine].map(Number).reduce((s, d, i) => {
    const v = i % 2 === 0 ? d * 2 : d;
    return s + (v > 9 ? v - 9 : v);
  }, 0);
  return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

export const identityProviderBody = () => ({
  municipalityCode: OWN,
  displayName: `Logga in med Laxå kommuns konto ${nextSerial()}`,
  issuer: 'http://127.0.0.1:9/realms/laxa',
  clientId: 'delaktig',
  clientSecret: 'klienthemlighet',
});

export const offerBody = (unitId: string) => ({
  unitId,
  employer: null,
  tasks: 'Lagerarbete',
  supervisorName: secrets.supervisor,
  periodFrom: '2025-01-01',
  periodTo: null,
  places: 2,
});

export const trainingBody = () => ({ kind: 'supervisor_training', title: 'Handledarutbildning', date: '2025-03-01', participants: 5 });

export const targetBody = () => ({ title: 'Alla enheter', kind: 'supervisor_training', measure: 'units', denominator: null, byDate: null });

export const activityBody = (unitId: string, title = 'Språkcafé') => ({
  unitId,
  title,
  category: 'language',
  startDate: '2030-03-05',
  startTime: '18:00',
  durationMinutes: 60,
  rrule: 'FREQ=WEEKLY',
});

export const callBody = () => ({
  title: 'Behörighetsutlysning',
  year: 2030,
  budgetSek: 100000,
  opensOn: '2020-01-01',
  deadline: '2099-12-31',
  periodFrom: '2020-01-01',
  periodTo: '2099-12-31',
  eligibleKinds: ['association', 'faith_community', 'organisation', 'company', 'municipal_unit'],
  criteria: [{ name: 'Bidrar till planens mål', weight: 1 }],
  priorityRule: 'none',
});

export const applicationBody = (title: string) => ({
  title,
  purpose: 'Mötesplats för nya och gamla Laxåbor',
  targetGroup: 'Nyanlända vuxna',
  startDate: '2030-03-01',
  endDate: '2030-11-30',
  activities: [{ description: 'Första träffen', date: '2030-03-08' }],
  budgetLines: [{ description: 'Lokalhyra', amountSek: 1000 }],
  coFinancing: [],
});

export const programmeBody = () => ({
  name: 'Fadderprogram (behörighetstest)',
  kind: 'buddy',
  consentText: 'Vi sparar namn, språk och intressen för att hitta en fadder, så länge du är med och ett år efter.',
  registrationOpen: true,
});

export const personBody = (side: 'volunteer' | 'newcomer', name: string) => ({
  side,
  consent: true,
  name,
  languages: ['svenska', 'arabiska'],
  interests: ['matlagning'],
  area: 'Laxå',
});

export async function submittedApplicationOf(t: TestApp, applicant: string, callId: string, title: string): Promise<string> {
  const created = json<{ id: string; version: number }>(
    await must(t, applicant, 'POST', `/api/fund/calls/${callId}/applications`, applicationBody(title)),
  );
  await must(t, applicant, 'POST', `/api/fund/applications/${created.id}/submit`, { version: created.version });
  return created.id;
}

export async function confirmedMatchOf(t: TestApp, coordinator: string, programme: string): Promise<{ match: string; checkIn: string }> {
  const n = nextSerial();
  const volunteer = json<{ id: string }>(
    await must(t, coordinator, 'POST', `/api/matching/programmes/${programme}/people`, personBody('volunteer', `Volontär ${n}`)),
  ).id;
  const newcomer = json<{ id: string }>(
    await must(t, coordinator, 'POST', `/api/matching/programmes/${programme}/people`, personBody('newcomer', `Nykommen ${n}`)),
  ).id;
  const match = json<{ id: string; version: number }>(
    await must(t, coordinator, 'POST', `/api/matching/programmes/${programme}/matches`, { volunteerId: volunteer, newcomerId: newcomer }),
  );
  const active = json<{ id: string; checkIns: { id: string }[] }>(
    await must(t, coordinator, 'POST', `/api/matching/matches/${match.id}/confirm`, { version: match.version }),
  );
  return { match: active.id, checkIn: active.checkIns[0]?.id as string };
}
