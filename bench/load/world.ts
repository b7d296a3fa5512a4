/** The load bench's world: the plan, the units and reporters, their tasks, and what each reporter was told. */
import { createUser } from '../../src/capabilities/accounts/accounts.ts';
import { hashPassword } from '../../src/capabilities/accounts/passwords.ts';
import { systemActor } from '../../src/capabilities/audit/audit.ts';
import { openCycle } from '../../src/capabilities/follow-up/service.ts';
import type { ReportStatus } from '../../src/capabilities/follow-up/words.ts';
import type { OutlineNode, PlanOutline } from '../../src/capabilities/plans/outline.ts';
import { importOutline } from '../../src/capabilities/plans/service.ts';
import { migrateToLatest, type Store } from '../../src/db/database.ts';
import { SESSION_COOKIE } from '../../src/http.ts';
import type { AutocannonRequest } from '../autocannon.ts';
import { seedMunicipalities } from '../../src/seed.ts';

const activitiesPerGoal = 10;
const unitsPerActivity = 2;
const password = 'belastning-2026';
const municipality = { code: '1860', name: 'Laxå' };

const unitName = (u: number) => `Enhet ${String(u + 1).padStart(3, '0')}`;

/** What one save wrote; `version` is the task's version after it. */
export interface Written {
  status: ReportStatus;
  progress: number;
  narrative: string;
  targetValue: number | null;
  version: number;
}

export interface TaskState {
  id: string;
  owner: string;
  hasTarget: boolean;
  initialVersion: number;
  /** The version the reporter bases its next save on: the one the last answer gave. */
  version: number;
  acknowledged: Written[];
  /** Saves sent but never answered (a timeout): they may or may not have been stored. */
  unanswered: Written[];
}

export interface Reporter {
  username: string;
  cookie: string;
  tasks: TaskState[];
  sent: number;
  /** The request in flight, settled by its answer. */
  pending: { kind: 'save'; task: TaskState; write: Written } | { kind: 'read'; task: TaskState } | { kind: 'list' } | null;
}

/** 6 areas × 5 goals × 10 activities; each activity answered by two of the units, half of them with a target. */
function loadPlan(unitCount: number): PlanOutline {
  let k = 0;
  const activity = (a: number, g: number, i: number): OutlineNode => {
    const n = k++;
    return {
      kind: 'activity',
      label: 'Aktivitet',
      number: `${a}.${g}.${i}`,
      text: `Aktivitet ${a}.${g}.${i}: introduktion, språk och arbete för nyanlända, med uppföljning av deltagande.`,
      responsible: Array.from({ length: unitsPerActivity }, (_, j) => unitName((n * unitsPerActivity + j) % unitCount)).filter(
        (u, j, all) => all.indexOf(u) === j,
      ),
      due: '2017',
      recurrence: null,
      target: n % 2 === 0 ? { min: 10, max: 15, unit: 'platser', per: 'year' } : null,
      frameworks: [],
      children: [],
    };
  };
  return {
    format: 'plan-outline/1',
    municipality,
    title: 'Belastningsprov: plan med 300 aktiviteter',
    kind: 'plan',
    status: 'adopted',
    adopted: { body: 'Kommunfullmäktige', date: '2016-01-01', paragraph: '§ 1', dnr: null },
    valid: { from: '2016', to: '2019' },
    followUp: [{ every: 'year', reportTo: 'KS' }],
    levels: ['Område', 'Mål', 'Aktivitet'],
    units: Array.from({ length: unitCount }, (_, u) => ({ name: unitName(u), kind: 'unit' as const })),
    nodes: Array.from({ length: 6 }, (_, a) => ({
      kind: 'area' as const,
      label: 'Område',
      number: `${a + 1}`,
      text: `Område ${a + 1}`,
      responsible: [],
      due: null,
      recurrence: null,
      frameworks: [],
      children: Array.from({ length: 5 }, (_, g) => ({
        kind: 'goal' as const,
        label: 'Mål',
        number: `${a + 1}.${g + 1}`,
        text: `Mål ${a + 1}.${g + 1}: fler nyanlända i arbete, studier och föreningsliv.`,
        responsible: [],
        due: null,
        recurrence: null,
        frameworks: [],
        children: Array.from({ length: activitiesPerGoal }, (_, i) => activity(a + 1, g + 1, i + 1)),
      })),
    })),
  };
}

/** Sets up the database: municipalities, the plan, one unit and one reporter per connection, an open cycle. */
export async function prepare(store: Store, reporters: number): Promise<{ reporters: Reporter[]; cycleId: string; taskCount: number }> {
  await migrateToLatest(store.db);
  await seedMunicipalities(store.db);
  const plan = await importOutline(store.db, systemActor, loadPlan(reporters));
  const cycle = await openCycle(store.db, systemActor, plan.documentId, {
    periodFrom: '2017-01-01',
    periodTo: '2017-12-31',
    deadline: '2018-01-31',
  });
  const units = await store.db.selectFrom('unit').select(['id', 'name']).where('municipality_code', '=', municipality.code).execute();
  const unitIdByName = new Map(units.map((u) => [u.name, u.id]));
  const tasks = await store.db
    .selectFrom('report_task')
    .leftJoin('item', 'item.id', 'report_task.item_id')
    .select(['report_task.id', 'report_task.unit_id', 'report_task.version', 'item.target'])
    .where('report_task.cycle_id', '=', cycle.id)
    .execute();
  // One scrypt hash for all accounts: hashing 200 passwords would only time the set-up.
  const passwordHash = await hashPassword(password);
  const list: Reporter[] = [];
  for (let u = 0; u < reporters; u++) {
    const unitId = unitIdByName.get(unitName(u));
    if (!unitId) throw new Error(`Unit ${unitName(u)} was not imported`);
    const username = `rapportor.${String(u + 1).padStart(3, '0')}`;
    await createUser(
      store.db,
      systemActor,
      {
        username,
        password: '',
        displayName: `Rapportör ${u + 1}`,
        role: 'reporter',
        municipalityCode: municipality.code,
        unitIds: [unitId],
      },
      { passwordHash },
    );
    const own = tasks.filter((t) => t.unit_id === unitId);
    if (own.length === 0) throw new Error(`${username} has no task to report on`);
    list.push({
      username,
      cookie: '',
      sent: 0,
      pending: null,
      tasks: own.map((t) => ({
        id: t.id,
        owner: username,
        hasTarget: t.target !== null,
        initialVersion: t.version,
        version: t.version,
        acknowledged: [],
        unanswered: [],
      })),
    });
  }
  return { reporters: list, cycleId: cycle.id, taskCount: tasks.length };
}

export async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`Sign-in of ${username} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`Sign-in of ${username} set no cookie`);
  return cookie.split(';')[0] as string;
}

/**
 * The request that saves `write` as a draft of the task, based on `baseVersion`. Headers of its own per request:
 * autocannon writes Content-Length into the headers object it is given, which a later GET would then carry.
 */
export function saveRequest(
  request: AutocannonRequest,
  cookie: string,
  taskId: string,
  baseVersion: number,
  write: Written,
): AutocannonRequest {
  const body = {
    version: baseVersion,
    status: write.status,
    progress: write.progress,
    narrative: write.narrative,
    targetValue: write.targetValue,
    submit: false,
  };
  return {
    ...request,
    method: 'PUT',
    path: `/api/tasks/${taskId}`,
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}
