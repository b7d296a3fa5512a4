import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { seedDemoCatalogue } from '../../src/capabilities/catalogue/demo.ts';
import { giveDemoUsersAddresses, seedDemoFollowUp } from '../../src/capabilities/follow-up/demo.ts';
import { seedDemoFund } from '../../src/capabilities/fund/demo.ts';
import { seedDemoInternships } from '../../src/capabilities/internships/demo.ts';
import { seedDemoMatching } from '../../src/capabilities/matching/demo.ts';
import { issueLink } from '../../src/capabilities/notifications/links.ts';
import { LANGUAGES, type Lang } from '../../src/capabilities/portal/languages.ts';
import { seedDemoTrainings } from '../../src/capabilities/trainings/demo.ts';
import type { Database } from '../../src/db/schema.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { buildServer } from '../../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../support/app.ts';
import { ADMIN_PASSWORD, freshStore } from '../support/stores.ts';

/**
 * Every page of the product in one table: the public portal's routes and the staff app's screens, each with a
 * function that finds a real address for it in the demo data through the API (a plan, an item, an indicator …),
 * so a new page is scanned the moment it gets a line here. test/e2e/every-route.e2e.ts walks the table.
 */

/** The app with the whole demo loaded, as `delaktig serve --demo` has it: cycles, catalogue, matching, fund. */
export interface DemoApp {
  url: string;
  db: Kysely<Database>;
  /** The session cookie of a demo account (signed in once, then reused). */
  cookie(username: string): Promise<string>;
  /** GET (or POST with a body) against the API, as the account named, failing loudly on anything but 2xx. */
  api<T>(path: string, username?: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

const passwords: Record<string, string> = { admin: ADMIN_PASSWORD };

export async function startDemoApp(): Promise<DemoApp> {
  const store = await freshStore('pglite');
  const db = store.db;
  // freshStore has the municipalities, plans, accounts and indicators; the rest of `serve --demo`'s examples:
  await giveDemoUsersAddresses(db);
  await seedDemoFollowUp(db);
  await seedDemoInternships(db);
  await seedDemoTrainings(db);
  await seedDemoCatalogue(db);
  await seedDemoMatching(db);
  await seedDemoFund(db);
  const config = loadConfig({}, { DEMO: true, PORT: 0, HOST: '127.0.0.1', WORKER_INTERVAL_MS: 0, ...OFFLINE_SOURCES, ...TEST_LIMITS });
  const app = await buildServer({ db, store: store.kind, config, demo: true });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const cookies = new Map<string, Promise<string>>();
  const cookie = (username: string): Promise<string> => {
    let found = cookies.get(username);
    if (!found) {
      found = fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: passwords[username] ?? 'demo' }),
      }).then((response) => {
        assert.equal(response.status, 200, `sign-in as ${username}`);
        return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      });
      cookies.set(username, found);
    }
    return found;
  };
  const api = async <T>(path: string, username?: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = username ? { cookie: await cookie(username) } : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    assert.ok(response.ok, `${body === undefined ? 'GET' : 'POST'} ${path} as ${username ?? 'the public'}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    url,
    db,
    cookie,
    api,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

interface Doc {
  id: string;
  kind: string;
  status: string;
  version: number;
}

/** Answers memoised per app: several routes need the same plan, and the whole table is resolved once. */
function memo<T>(find: (app: DemoApp) => Promise<T>): (app: DemoApp) => Promise<T> {
  const cache = new WeakMap<DemoApp, Promise<T>>();
  return (app) => {
    let found = cache.get(app);
    if (!found) cache.set(app, (found = find(app)));
    return found;
  };
}

const first = <T>(list: T[], what: string): T => {
  const value = list[0];
  assert.ok(value !== undefined, `the demo data has no ${what}`);
  return value;
};

const planOf = (code: string, kind = 'plan') =>
  memo(async (app) => {
    const docs = await app.api<Doc[]>(`/api/municipalities/${code}/documents`);
    return first(
      docs.filter((d) => d.kind === kind),
      `${kind} in ${code}`,
    );
  });
const laxaPlan = planOf('1860');
const ostarakerPlan = planOf('0117', 'action-plan');
const kalixPlan = planOf('2514');
const ljusnarsbergStrategy = planOf('1864', 'strategy');

const itemOf = memo(async (app) => {
  const plan = await laxaPlan(app);
  const matrix = await app.api<{ rows: { itemId: string }[] }>(`/api/plans/${plan.id}/matrix`, 'laxa.samordnare');
  return first(matrix.rows, 'item in Laxå plan').itemId;
});
const indicatorOf = memo(async (app) => first(await app.api<{ id: string }[]>('/api/municipalities/1860/indicators'), 'indicator').id);
const activityOf = memo(
  async (app) => first((await app.api<{ activities: { id: string }[] }>('/api/municipalities/1860/activities')).activities, 'activity').id,
);
const fundOf = memo(async (app) => app.api<{ funds: { calls: { id: string }[] }[] }>('/api/municipalities/1860/fund', 'laxa.samordnare'));
const callOf = memo(
  async (app) =>
    first(
      (await fundOf(app)).funds.flatMap((f) => f.calls),
      'fund call',
    ).id,
);
const applicationOf = memo(
  async (app) =>
    first((await app.api<{ applications: { id: string }[] }>('/api/fund/mine', 'ljusnarsberg.forening')).applications, 'fund application')
      .id,
);
const programmeOf = memo(
  async (app) =>
    first(await app.api<{ id: string }[]>('/api/municipalities/0117/matching/programmes', 'osteraker.samordnare'), 'programme').id,
);
const personOf = memo(async (app) => {
  const workspace = await app.api<{ people: { id: string }[] }>(
    `/api/matching/programmes/${await programmeOf(app)}/workspace`,
    'osteraker.samordnare',
  );
  return first(workspace.people, 'person in a matching programme').id;
});
const cycleOf = memo(
  async (app) =>
    first(await app.api<{ id: string }[]>(`/api/plans/${(await ostarakerPlan(app)).id}/cycles`, 'osteraker.samordnare'), 'cycle').id,
);
const taskOf = memo(async (app) =>
  first(
    (await app.api<{ tasks: { id: string; itemId: string; cycleId: string }[] }>('/api/my/tasks', 'osteraker.rapportor')).tasks,
    'report task',
  ),
);
/** The demo has no action plans or revisions: they are asked for here, as a coordinator would, through the API. */
const actionPlanOf = memo(async (app) => {
  const plan = await kalixPlan(app);
  const units = await app.api<{ id: string }[]>('/api/municipalities/2514/units', 'kalix.samordnare');
  const requests = await app.api<{ id: string }[]>(`/api/plans/${plan.id}/action-plans`, 'kalix.samordnare', {
    unitIds: [first(units, 'unit in Kalix').id],
  });
  return first(requests, 'action plan').id;
});
const revisionOf = memo(async (app) => {
  const plan = await ljusnarsbergStrategy(app);
  return (await app.api<{ id: string }>(`/api/plans/${plan.id}/revisions`, 'ljusnarsberg.samordnare', { version: plan.version })).id;
});
const linkOf = memo(async (app) => {
  const me = await app.api<{ user: { id: string } }>('/api/auth/me', 'osteraker.rapportor');
  return issueLink(app.db, { userId: me.user.id, cycleId: (await taskOf(app)).cycleId, validDays: 14, now: new Date() });
});

const fixed = (path: string) => async () => path;

/** A follow asked for through the public form, as a resident would; its confirmation link is read from the mail queued. */
const followTokenOf = memo(async (app) => {
  const plan = await laxaPlan(app);
  const response = await fetch(`${app.url}/sv/folj`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'every-route@example.se', kind: 'document', target: plan.id }).toString(),
    redirect: 'manual',
  });
  assert.ok(response.status < 400, `the follow form answered ${response.status}`);
  // The outbox API hides links' tokens from staff; the mail as queued has it.
  const mail = await app.db.selectFrom('mail_outbox').select('body').where('to_address', '=', 'every-route@example.se').execute();
  const token = mail.map((m) => /\/folj\/bekrafta\/([\w-]+)/.exec(m.body)?.[1]).find(Boolean);
  assert.ok(token, 'the confirmation mail has its link');
  return token;
});

export interface PublicRoute {
  /** Names the screenshots: test-artifacts/screenshots/public-{name}-{lang}.png. */
  name: string;
  /** The path after the language prefix, as registered with pageRoute. */
  pattern: string;
  find: (app: DemoApp) => Promise<string>;
  /** The status the page answers with; 404 pages are pages too. */
  status?: number;
  /** Also scanned in Tigrinya, Somali and Dari (every route is scanned in Swedish, English and Arabic). */
  allLanguages?: boolean;
}

export const publicRoutes: PublicRoute[] = [
  { name: 'home', pattern: '', find: async () => '', allLanguages: true },
  { name: 'municipality', pattern: '/kommun/:code', find: async () => '/kommun/1860', allLanguages: true },
  {
    name: 'plan',
    pattern: '/kommun/:code/plan/:docId',
    find: async (app) => `/kommun/1860/plan/${(await laxaPlan(app)).id}`,
    allLanguages: true,
  },
  {
    name: 'plan-item',
    pattern: '/kommun/:code/plan/:docId/punkt/:itemId',
    find: async (app) => `/kommun/1860/plan/${(await laxaPlan(app)).id}/punkt/${await itemOf(app)}`,
  },
  {
    name: 'indicators',
    pattern: '/kommun/:code/indikatorer',
    find: async () => '/kommun/1860/indikatorer',
  },
  {
    name: 'indicator',
    pattern: '/kommun/:code/indikatorer/:id',
    find: async (app) => `/kommun/1860/indikatorer/${await indicatorOf(app)}`,
  },
  {
    name: 'activities',
    pattern: '/kommun/:code/aktiviteter',
    find: async () => '/kommun/1860/aktiviteter',
  },
  {
    name: 'activity',
    pattern: '/kommun/:code/aktiviteter/:id',
    find: async (app) => `/kommun/1860/aktiviteter/${await activityOf(app)}`,
  },
  { name: 'fund', pattern: '/kommun/:code/fonden', find: async () => '/kommun/1860/fonden' },
  {
    name: 'newcomers',
    pattern: '/kommun/:code/ny-i-kommunen',
    find: async () => '/kommun/1860/ny-i-kommunen',
  },
  { name: 'compare', pattern: '/jamfor', find: async () => '/jamfor' },
  { name: 'open-data', pattern: '/oppna-data', find: async () => '/oppna-data' },
  { name: 'accessibility', pattern: '/tillganglighet', find: async () => '/tillganglighet' },
  {
    name: 'follow',
    pattern: '/folj?kind=…&target=…',
    find: async (app) => `/folj?kind=document&target=${(await laxaPlan(app)).id}`,
  },
  {
    name: 'follow-confirm',
    pattern: '/folj/bekrafta/:token',
    find: async (app) => `/folj/bekrafta/${await followTokenOf(app)}`,
  },
  // Stopping answers the same whether or not the link was real: it tells no one whether an address follows anything.
  { name: 'follow-unsubscribe', pattern: '/folj/avsluta/:token', find: fixed('/folj/avsluta/ingen-sadan-lank') },
  { name: 'follow-link-invalid', pattern: '/folj/bekrafta/:token', find: fixed('/folj/bekrafta/ingen-sadan-lank'), status: 404 },
  { name: 'not-found', pattern: '/*', find: async () => '/finns-inte', status: 404, allLanguages: true },
  { name: 'municipality-not-found', pattern: '/kommun/:code', find: async () => '/kommun/9999', status: 404 },
];

export interface StaffRoute {
  /** Names the screenshots: test-artifacts/screenshots/staff-{name}-{lang}.png. */
  name: string;
  /** The route as web/src/app.tsx declares it. */
  pattern: string;
  /** The demo account that opens it; none for the screens a visitor reaches signed out. */
  account?: string;
  find: (app: DemoApp) => Promise<string>;
}

export const staffRoutes: StaffRoute[] = [
  { name: 'municipalities', pattern: '/', account: 'laxa.lasare', find: fixed('/') },
  { name: 'municipality', pattern: '/kommuner/:code', account: 'laxa.samordnare', find: fixed('/kommuner/1860') },
  { name: 'indicators', pattern: '/kommuner/:code/indikatorer', account: 'laxa.samordnare', find: fixed('/kommuner/1860/indikatorer') },
  { name: 'cohorts', pattern: '/kommuner/:code/kohorter', account: 'laxa.samordnare', find: fixed('/kommuner/1860/kohorter') },
  { name: 'plan-import', pattern: '/kommuner/:code/importera', account: 'laxa.samordnare', find: fixed('/kommuner/1860/importera') },
  { name: 'internships', pattern: '/kommuner/:code/praktik', account: 'osteraker.samordnare', find: fixed('/kommuner/0117/praktik') },
  { name: 'supervisors', pattern: '/kommuner/:code/handledare', account: 'osteraker.samordnare', find: fixed('/kommuner/0117/handledare') },
  {
    name: 'trainings',
    pattern: '/kommuner/:code/utbildningar',
    account: 'osteraker.samordnare',
    find: fixed('/kommuner/0117/utbildningar'),
  },
  {
    name: 'newcomer-guide',
    pattern: '/kommuner/:code/ny-i-kommunen',
    account: 'laxa.samordnare',
    find: fixed('/kommuner/1860/ny-i-kommunen'),
  },
  {
    name: 'indicator',
    pattern: '/indikatorer/:id',
    account: 'laxa.samordnare',
    find: async (app) => `/indikatorer/${await indicatorOf(app)}`,
  },
  { name: 'activities', pattern: '/kommuner/:code/aktiviteter', find: fixed('/kommuner/1860/aktiviteter') },
  {
    name: 'activities-managed',
    pattern: '/kommuner/:code/aktiviteter/mina',
    account: 'laxa.samordnare',
    find: fixed('/kommuner/1860/aktiviteter/mina'),
  },
  { name: 'activity', pattern: '/aktiviteter/:id', find: async (app) => `/aktiviteter/${await activityOf(app)}` },
  { name: 'matching', pattern: '/kommuner/:code/matchning', account: 'osteraker.samordnare', find: fixed('/kommuner/0117/matchning') },
  {
    name: 'matching-register',
    pattern: '/kommuner/:code/matchning/:id/anmalan',
    find: async (app) => `/kommuner/0117/matchning/${await programmeOf(app)}/anmalan`,
  },
  {
    name: 'matching-programme',
    pattern: '/matchning/:id',
    account: 'osteraker.samordnare',
    find: async (app) => `/matchning/${await programmeOf(app)}`,
  },
  {
    name: 'matching-person',
    pattern: '/matchning/personer/:id',
    account: 'osteraker.samordnare',
    find: async (app) => `/matchning/personer/${await personOf(app)}`,
  },
  { name: 'plan', pattern: '/planer/:id', account: 'laxa.samordnare', find: async (app) => `/planer/${(await laxaPlan(app)).id}` },
  {
    name: 'matrix',
    pattern: '/planer/:id/ansvar',
    account: 'laxa.samordnare',
    find: async (app) => `/planer/${(await laxaPlan(app)).id}/ansvar`,
  },
  {
    name: 'frameworks',
    pattern: '/planer/:id/ramverk',
    account: 'laxa.samordnare',
    find: async (app) => `/planer/${(await laxaPlan(app)).id}/ramverk`,
  },
  {
    name: 'action-plans',
    pattern: '/planer/:id/handlingsplaner',
    account: 'kalix.samordnare',
    find: async (app) => `/planer/${(await kalixPlan(app)).id}/handlingsplaner`,
  },
  {
    name: 'action-plan',
    pattern: '/handlingsplaner/:id',
    account: 'kalix.samordnare',
    find: async (app) => `/handlingsplaner/${await actionPlanOf(app)}`,
  },
  {
    name: 'versions',
    pattern: '/planer/:id/versioner',
    account: 'laxa.samordnare',
    find: async (app) => `/planer/${(await laxaPlan(app)).id}/versioner`,
  },
  {
    name: 'revision-diff',
    pattern: '/planer/:id/andringar',
    account: 'ljusnarsberg.samordnare',
    find: async (app) => `/planer/${await revisionOf(app)}/andringar`,
  },
  {
    name: 'cycles',
    pattern: '/planer/:id/uppfoljning',
    account: 'osteraker.samordnare',
    find: async (app) => `/planer/${(await ostarakerPlan(app)).id}/uppfoljning`,
  },
  {
    name: 'cycles-compare',
    pattern: '/planer/:id/uppfoljning/jamfor',
    account: 'osteraker.samordnare',
    find: async (app) => `/planer/${(await ostarakerPlan(app)).id}/uppfoljning/jamfor`,
  },
  {
    name: 'board',
    pattern: '/planer/:id/uppfoljning/:cycleId',
    account: 'osteraker.samordnare',
    find: async (app) => `/planer/${(await ostarakerPlan(app)).id}/uppfoljning/${await cycleOf(app)}`,
  },
  { name: 'fund', pattern: '/kommuner/:code/fonden', account: 'laxa.samordnare', find: fixed('/kommuner/1860/fonden') },
  { name: 'fund-register', pattern: '/kommuner/:code/fonden/registrera', find: fixed('/kommuner/1860/fonden/registrera') },
  {
    name: 'fund-call',
    pattern: '/fonden/utlysningar/:id',
    account: 'laxa.samordnare',
    find: async (app) => `/fonden/utlysningar/${await callOf(app)}`,
  },
  {
    name: 'fund-application',
    pattern: '/fonden/ansokningar/:id',
    account: 'ljusnarsberg.forening',
    find: async (app) => `/fonden/ansokningar/${await applicationOf(app)}`,
  },
  { name: 'fund-mine', pattern: '/fonden/mina', account: 'ljusnarsberg.forening', find: fixed('/fonden/mina') },
  { name: 'sign-in', pattern: '/logga-in', find: fixed('/logga-in') },
  { name: 'audit', pattern: '/admin/logg', account: 'admin', find: fixed('/admin/logg') },
  { name: 'accounts', pattern: '/admin/konton', account: 'admin', find: fixed('/admin/konton') },
  { name: 'identity-providers', pattern: '/admin/inloggning', account: 'admin', find: fixed('/admin/inloggning') },
  { name: 'my-reports', pattern: '/mina-rapporter', account: 'osteraker.rapportor', find: fixed('/mina-rapporter') },
  {
    name: 'report',
    pattern: '/rapporter/:taskId',
    account: 'osteraker.rapportor',
    find: async (app) => `/rapporter/${(await taskOf(app)).id}`,
  },
  {
    name: 'timeline',
    pattern: '/punkter/:itemId/historik',
    account: 'osteraker.rapportor',
    find: async (app) => `/punkter/${(await taskOf(app)).itemId}/historik`,
  },
  { name: 'personal-link', pattern: '/svara/:token', find: async (app) => `/svara/${await linkOf(app)}` },
  { name: 'outbox', pattern: '/admin/utskick', account: 'admin', find: fixed('/admin/utskick') },
  { name: 'not-found', pattern: '*', account: 'laxa.lasare', find: fixed('/finns-inte') },
];

/** The public languages each route is scanned in. */
export function publicLanguages(route: PublicRoute): Lang[] {
  return route.allLanguages ? [...LANGUAGES] : ['sv', 'en', 'ar'];
}
