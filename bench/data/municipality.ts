/**
 * One municipality's share of the synthetic national data set, as rows ready to insert. No I/O: the same
 * municipality, seed and password hash always give the same rows, ids included.
 *
 * The follow-up tasks are planned with the service's own scope rules (scopeOf, as openCycle uses them through
 * tasksForCycle), so every cycle holds exactly the tasks the product would have made when it opened.
 */
import type { Insertable } from 'kysely';
import { checkDigit, requestedOf } from '../../src/capabilities/fund/rules.ts';
import { expandSchedule } from '../../src/capabilities/catalogue/rules.ts';
import { periodLabel, type Period } from '../../src/capabilities/follow-up/periods.ts';
import { proposeAssessment, type ReportFacts } from '../../src/capabilities/follow-up/rollup.ts';
import { scopeOf, type ScopeItem } from '../../src/capabilities/follow-up/scope.ts';
import type { Assessment, ReportState, ReportStatus } from '../../src/capabilities/follow-up/words.ts';
import type { Target } from '../../src/capabilities/plans/outline.ts';
import type { Database, FundOrganisationKind } from '../../src/db/schema.ts';
import { Random } from './random.ts';
import {
  activityCategories,
  activityText,
  areaThemes,
  associations,
  catalogueLanguages,
  catalogueTitles,
  goalText,
  narrative,
  pad,
  person,
  places,
  projectTitles,
  rationales,
  unitName,
} from './words.ts';

export type TableName = keyof Database;
export type Row<T extends TableName> = Insertable<Database[T]>;
export type Tables = { [T in TableName]?: Row<T>[] };

/** Parents before children: the order the tables are written in. */
export const insertOrder = [
  'unit',
  'app_user',
  'user_unit',
  'document',
  'item',
  'item_responsibility',
  'item_framework',
  'follow_up_cycle',
  'report_task',
  'report_event',
  'goal_assessment',
  'indicator',
  'indicator_value',
  'indicator_link',
  'organiser',
  'activity',
  'activity_exception',
  'activity_item',
  'fund',
  'fund_call',
  'fund_organisation',
  'fund_organisation_user',
  'fund_application',
  'fund_application_item',
  'fund_assessment',
  'fund_decision',
  'fund_payment',
  'fund_final_report',
] as const satisfies readonly TableName[];

/** Every table the generator writes, each with its rows in insert order. */
export type Out = { [T in (typeof insertOrder)[number]]: Row<T>[] };

export const PASSWORD = 'bench-2026';
export const UNITS = 25;
export const CYCLE_YEARS = [2022, 2023, 2024, 2025] as const;
const ANCHOR_YEAR = 2022;

export interface MunicipalityInput {
  code: string;
  name: string;
  /** The data set's seed; each municipality draws from its own stream, so its rows do not depend on how many come before. */
  seed: number;
  passwordHash: string;
}

interface PlanItem {
  id: string;
  parentId: string | null;
  position: number;
  kind: 'area' | 'goal' | 'activity';
  label: string;
  number: string;
  text: string;
  due: string | null;
  recurrence: string | null;
  period: { from: string | null; to: string | null } | null;
  target: Target | null;
  /** Unit indexes (0-based), lead first. */
  units: number[];
  children: PlanItem[];
}

const usernames = (code: string) => ({
  coordinator: `${code}.samordnare`,
  reader: `${code}.lasare`,
  reporter: (unit: number) => `${code}.rapportor.${pad(unit + 1, 2)}`,
  applicant: (n: number) => `${code}.sokande.${pad(n, 2)}`,
});

export const coordinatorOf = (code: string) => usernames(code).coordinator;
export const reporterOf = (code: string, unitIndex: number) => usernames(code).reporter(unitIndex);

const at = (day: string, time = '09:00') => `${day}T${time}:00.000Z`;

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const dayBetween = (random: Random, from: string, to: string) => {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + random.int(0, Math.round((b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
};

// ---- the plan ------------------------------------------------------------------------------------------------

function activityTarget(random: Random, year: number): Target {
  return random.weighted<Target>([
    [{ value: random.int(2, 12) * 5, unit: 'deltagare', per: 'year', text: 'deltagare per år' }, 3],
    [{ min: random.int(2, 6), max: random.int(8, 15), unit: 'platser', per: 'year', text: 'praktikplatser per år' }, 2],
    [{ value: random.int(6, 19) * 5, unit: '%', by: String(year), text: `andel deltagare som går vidare till arbete eller studier ${year}` }, 2],
    [{ min: random.int(1, 4), unit: 'tillfällen', per: 'half-year', text: 'minst ett antal tillfällen per halvår' }, 2],
  ]);
}

function schedule(random: Random, sub: boolean): Pick<PlanItem, 'due' | 'recurrence' | 'period'> {
  const year = random.pick(CYCLE_YEARS);
  const oneOff = (): Pick<PlanItem, 'due' | 'recurrence' | 'period'> => ({
    due: random.chance(0.7) ? String(year) : `${year}-${random.pick(['03-31', '06-30', '09-30', '12-31'])}`,
    recurrence: null,
    period: null,
  });
  if (sub) return random.chance(0.7) ? oneOff() : { due: null, recurrence: 'FREQ=YEARLY', period: null };
  const kind = random.weighted([
    ['continuous', 15],
    ['yearly', 20],
    ['half-year', 10],
    ['quarterly', 8],
    ['national-day', 2],
    ['one-off', 40],
    ['open', 5],
  ] as const);
  const period = random.chance(0.15) ? { from: String(random.int(2022, 2023)), to: String(random.int(2024, 2025)) } : null;
  switch (kind) {
    case 'continuous':
      return { due: null, recurrence: 'CONTINUOUS', period };
    case 'yearly':
      return { due: null, recurrence: 'FREQ=YEARLY', period };
    case 'half-year':
      return { due: null, recurrence: 'FREQ=MONTHLY;INTERVAL=6', period };
    case 'quarterly':
      return { due: null, recurrence: 'FREQ=MONTHLY;INTERVAL=3', period };
    case 'national-day':
      return { due: null, recurrence: 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=6', period: null };
    case 'one-off':
      return oneOff();
    case 'open':
      return { due: null, recurrence: null, period: null };
  }
}

/** About 300 items: 6 areas → 3–5 goals → 6–11 activities, some with 2–3 sub-activities. */
function makePlan(random: Random): PlanItem[] {
  const areas: PlanItem[] = [];
  const unitFor = () => random.int(0, UNITS - 1);
  areaThemes.forEach((theme, a) => {
    const area: PlanItem = {
      id: random.uuid(),
      parentId: null,
      position: a,
      kind: 'area',
      label: 'Målområde',
      number: String(a + 1),
      text: `${theme} (syntetiskt målområde, testdata)`,
      due: null,
      recurrence: null,
      period: null,
      target: null,
      units: [],
      children: [],
    };
    const goals = random.int(3, 5);
    for (let g = 0; g < goals; g++) {
      const number = `${a + 1}.${g + 1}`;
      const goal: PlanItem = {
        id: random.uuid(),
        parentId: area.id,
        position: g,
        kind: 'goal',
        label: 'Mål',
        number,
        text: goalText(number, random),
        due: null,
        recurrence: null,
        period: null,
        target: random.chance(0.4) ? { value: random.int(10, 18) * 5, unit: '%', by: '2025', text: 'målvärde 2025' } : null,
        units: random.chance(0.5) ? [unitFor()] : [],
        children: [],
      };
      const activities = random.int(6, 11);
      for (let i = 0; i < activities; i++) {
        const n = `${number}.${i + 1}`;
        const lead = unitFor();
        const units = random.chance(0.05) ? [] : random.chance(0.3) ? [lead, (lead + random.int(1, UNITS - 1)) % UNITS] : [lead];
        const activity: PlanItem = {
          id: random.uuid(),
          parentId: goal.id,
          position: i,
          kind: 'activity',
          label: 'Aktivitet',
          number: n,
          text: activityText(n, random),
          ...schedule(random, false),
          target: random.chance(0.45) ? activityTarget(random, random.pick(CYCLE_YEARS)) : null,
          units,
          children: [],
        };
        if (random.chance(0.15)) {
          const subs = random.int(2, 3);
          for (let s = 0; s < subs; s++) {
            const sn = `${n}.${String.fromCharCode(97 + s)}`;
            activity.children.push({
              id: random.uuid(),
              parentId: activity.id,
              position: s,
              kind: 'activity',
              label: 'Delaktivitet',
              number: sn,
              text: activityText(sn, random),
              ...schedule(random, true),
              target: random.chance(0.2) ? activityTarget(random, random.pick(CYCLE_YEARS)) : null,
              units: units.length > 0 ? [units[0] as number] : [unitFor()],
              children: [],
            });
          }
        }
        goal.children.push(activity);
      }
      area.children.push(goal);
    }
    areas.push(area);
  });
  return areas;
}

function flatten(items: PlanItem[]): PlanItem[] {
  const out: PlanItem[] = [];
  const walk = (list: PlanItem[]) => {
    for (const item of list) {
      out.push(item);
      walk(item.children);
    }
  };
  walk(items);
  return out;
}

function descendants(item: PlanItem): PlanItem[] {
  return flatten(item.children);
}

// ---- follow-up -----------------------------------------------------------------------------------------------

export interface CyclePlan {
  period: Period;
  deadline: string;
}

export function cyclePeriods(): CyclePlan[] {
  return CYCLE_YEARS.flatMap((y) => [
    { period: { from: `${y}-01-01`, to: `${y}-06-30` }, deadline: `${y}-08-31` },
    { period: { from: `${y}-07-01`, to: `${y}-12-31` }, deadline: `${y + 1}-01-31` },
  ]);
}

// scopeOf depends only on the item's schedule, the period and whether the item is finished: the same
// schedules recur hundreds of times per plan and in every municipality, so its answer is kept.
const scopeMemo = new Map<string, (string | null)[] | null>();

function occurrencesOf(item: PlanItem, period: Period, finished: boolean): (string | null)[] | null {
  const key = `${item.kind}|${item.due}|${item.recurrence}|${item.period?.from}|${item.period?.to}|${period.from}|${period.to}|${finished}`;
  let hit = scopeMemo.get(key);
  if (hit === undefined) {
    const scopeItem: ScopeItem = { id: item.id, kind: item.kind, due: item.due, recurrence: item.recurrence, period: item.period, unitIds: [] };
    hit = scopeOf(scopeItem, period, { anchorYear: ANCHOR_YEAR, finishedItemIds: finished ? new Set([item.id]) : new Set() })?.occurrences ?? null;
    scopeMemo.set(key, hit);
  }
  return hit;
}

function reportedStatus(random: Random, item: PlanItem, period: Period): ReportStatus {
  if (item.kind === 'goal')
    return random.weighted([
      ['in_progress', 75],
      ['done', 10],
      ['delayed', 15],
    ] as const);
  if (item.recurrence === null && item.due !== null && item.due.slice(0, 4) <= period.to.slice(0, 4))
    return random.weighted([
      ['done', 65],
      ['in_progress', 15],
      ['delayed', 12],
      ['not_started', 5],
      ['cancelled', 3],
    ] as const);
  if (item.recurrence === null)
    return random.weighted([
      ['done', 25],
      ['in_progress', 50],
      ['not_started', 12],
      ['delayed', 13],
    ] as const);
  return random.weighted([
    ['done', 55],
    ['in_progress', 30],
    ['delayed', 10],
    ['not_started', 3],
    ['cancelled', 2],
  ] as const);
}

function progressOf(random: Random, status: ReportStatus): number | null {
  switch (status) {
    case 'done':
      return 100;
    case 'in_progress':
      return random.int(2, 9) * 10;
    case 'delayed':
      return random.int(1, 6) * 10;
    case 'not_started':
      return 0;
    case 'cancelled':
      return null;
  }
}

function targetValueOf(random: Random, target: Target | null): number | null {
  if (!target) return null;
  const reference = target.value ?? target.max ?? target.min ?? 10;
  const value = Math.round(reference * (0.5 + random.float() * 0.8));
  return target.unit === '%' ? Math.min(100, value) : value;
}

// ---- the whole municipality ------------------------------------------------------------------------------------

export interface MunicipalityData {
  tables: Out;
  documentId: string;
}

export function buildMunicipality(input: MunicipalityInput): MunicipalityData {
  const { code, name, passwordHash } = input;
  const random = new Random(input.seed, Number(code));
  const names = usernames(code);
  const t = Object.fromEntries(insertOrder.map((n) => [n, []])) as unknown as Out;
  const created = at('2021-11-15');
  let people = 0;
  const nextPerson = () => person(++people);

  // Units, accounts and who reports for which unit.
  const units = Array.from({ length: UNITS }, (_, i) => ({ id: random.uuid(), name: unitName(i + 1) }));
  units.forEach((u, i) => {
    const head = nextPerson();
    t.unit.push({
      id: u.id,
      municipality_code: code,
      name: u.name,
      kind: i < 3 ? 'committee' : i < 12 ? 'administration' : 'unit',
      abbreviation: `F${pad(i + 1, 2)}`,
      head_name: `${head} (enhetschef)`,
      head_email: `${code}.chef.${pad(i + 1, 2)}@example.org`,
      created_at: created,
      updated_at: created,
    });
  });
  const user = (username: string, role: string, displayName: string) => {
    const id = random.uuid();
    t.app_user.push({
      id,
      username,
      display_name: displayName,
      password_hash: passwordHash,
      role,
      municipality_code: code,
      email: `${username}@example.org`,
      created_at: created,
    });
    return id;
  };
  const coordinatorId = user(names.coordinator, 'coordinator', nextPerson());
  units.forEach((u, i) => {
    const id = user(names.reporter(i), 'reporter', nextPerson());
    t.user_unit.push({ user_id: id, unit_id: u.id });
  });
  user(names.reader, 'reader', nextPerson());

  // The plan.
  const documentId = random.uuid();
  t.document.push({
    id: documentId,
    series_id: documentId,
    municipality_code: code,
    title: `Syntetisk integrationsplan (testdata) ${name} 2022–2025`,
    kind: 'plan',
    status: 'adopted',
    adopted: JSON.stringify({ body: 'Kommunfullmäktige', date: '2021-12-13', paragraph: `§ ${random.int(100, 199)}`, dnr: `KS 2021/${random.int(100, 999)}` }),
    decided: JSON.stringify(null),
    document_date: '2021-12-13',
    valid_from: '2022',
    valid_to: '2025',
    revision: JSON.stringify({ everyYears: 4, text: 'Planen revideras inför varje ny mandatperiod.' }),
    follow_up: JSON.stringify([
      { every: 'half-year', reportTo: 'Kommunstyrelsen', text: 'Planen följs upp varje halvår och redovisas för kommunstyrelsen.' },
    ]),
    levels: JSON.stringify(['Målområde', 'Mål', 'Aktivitet', 'Delaktivitet']),
    matrix_columns: JSON.stringify([]),
    frameworks: JSON.stringify(['eu-cbp', 'se-strategy']),
    source: JSON.stringify({ file: 'syntetisk-testdata', note: 'Syntetiska testdata (npm run bench:data): inga verkliga beslut eller personer.' }),
    created_at: created,
    updated_at: created,
  });
  const tree = makePlan(random);
  const items = flatten(tree);
  for (const item of items) {
    t.item.push({
      id: item.id,
      document_id: documentId,
      parent_id: item.parentId,
      position: item.position,
      kind: item.kind,
      label: item.label,
      number: item.number,
      text: item.text,
      due: item.due,
      recurrence: item.recurrence,
      period_from: item.period?.from ?? null,
      period_to: item.period?.to ?? null,
      target: JSON.stringify(item.target),
      weight: null,
      created_at: created,
      updated_at: created,
    });
    item.units.forEach((u, position) =>
      t.item_responsibility.push({ item_id: item.id, unit_id: (units[u] as { id: string }).id, role: position === 0 ? 'lead' : 'contributor', position }),
    );
    if (item.kind === 'goal') {
      t.item_framework.push({ item_id: item.id, framework_item_id: `eu-cbp-${random.int(1, 11)}` });
      if (random.chance(0.5)) t.item_framework.push({ item_id: item.id, framework_item_id: `se-strategy-${random.int(1, 7)}` });
    }
  }

  // Follow-up: seven closed half-years, every report approved; the newest open with reports under way.
  const finished = new Set<string>();
  const cycles = cyclePeriods();
  cycles.forEach(({ period, deadline }, c) => {
    const open = c === cycles.length - 1;
    const cycleId = random.uuid();
    const openedAt = at(addDays(period.to, 1), '08:00');
    const closedAt = at(addDays(deadline, 30), '15:00');
    t.follow_up_cycle.push({
      id: cycleId,
      document_id: documentId,
      municipality_code: code,
      label: periodLabel(period),
      period_from: period.from,
      period_to: period.to,
      deadline,
      state: open ? 'open' : 'closed',
      example: false,
      reopened: 0,
      version: open ? 1 : 2,
      created_by: names.coordinator,
      created_at: openedAt,
      closed_at: open ? null : closedAt,
    });
    const facts = new Map<string, ReportFacts[]>();
    const newlyFinished: string[] = [];
    for (const item of items) {
      const occurrences = occurrencesOf(item, period, finished.has(item.id));
      if (!occurrences) continue;
      const unitIndexes: (number | null)[] = item.units.length > 0 ? item.units : [null];
      for (const occurrence of occurrences)
        for (const u of unitIndexes) {
          const unit = u === null ? null : (units[u] as { id: string; name: string });
          const reporter = u === null ? names.coordinator : names.reporter(u);
          const taskId = random.uuid();
          let state: ReportState = 'approved';
          if (open)
            state = random.weighted([
              ['open', 45],
              ['draft', 35],
              ['submitted', 20],
            ] as const);
          const written = state !== 'open';
          const status = written ? reportedStatus(random, item, period) : null;
          const progress = status === null ? null : progressOf(random, status);
          const text = written ? narrative(random, status === 'done' ? random.int(1, 3) : random.int(2, 5)) : '';
          const targetValue = written ? targetValueOf(random, item.target) : null;
          const savedAt = at(addDays(deadline, -random.int(15, 40)), '10:15');
          const submittedAt = at(addDays(deadline, -random.int(0, 14)), '14:30');
          const approvedAt = at(addDays(deadline, random.int(1, 20)), '11:00');
          const events: { action: string; at: string; username: string; state: ReportState }[] = [];
          if (written && (state === 'draft' || random.chance(0.3))) events.push({ action: 'save', at: savedAt, username: reporter, state: 'draft' });
          if (state === 'submitted' || state === 'approved')
            events.push({ action: 'submit', at: submittedAt, username: reporter, state: 'submitted' });
          if (state === 'approved') events.push({ action: 'approve', at: approvedAt, username: names.coordinator, state: 'approved' });
          const last = events[events.length - 1];
          t.report_task.push({
            id: taskId,
            cycle_id: cycleId,
            item_id: item.id,
            unit_id: unit?.id ?? null,
            unit_name: unit?.name ?? null,
            occurrence,
            item_kind: item.kind,
            item_label: item.label,
            item_number: item.number,
            item_text: item.text,
            state,
            status,
            progress,
            narrative: text,
            target_value: targetValue,
            return_comment: null,
            updated_by: last?.username ?? null,
            updated_at: last?.at ?? openedAt,
            submitted_by: state === 'submitted' || state === 'approved' ? reporter : null,
            submitted_at: state === 'submitted' || state === 'approved' ? submittedAt : null,
            approved_by: state === 'approved' ? names.coordinator : null,
            approved_at: state === 'approved' ? approvedAt : null,
            escalated_at: null,
            version: 1 + events.length,
          });
          for (const e of events)
            t.report_event.push({
              task_id: taskId,
              at: e.at,
              username: e.username,
              action: e.action,
              snapshot: JSON.stringify({ state: e.state, status, progress, narrative: text, targetValue, comment: null }),
            });
          const list = facts.get(item.id) ?? [];
          list.push({ itemId: item.id, state, status, progress, targetValue });
          facts.set(item.id, list);
          // The service's finishedItems: a one-off reported done or cancelled leaves the later cycles' scope.
          if ((state === 'approved' || state === 'submitted') && (status === 'done' || status === 'cancelled'))
            newlyFinished.push(item.id);
        }
    }
    for (const id of newlyFinished) finished.add(id);
    if (open) return;
    // Goal assessments, beside the roll-up the reports propose (what the board shows when the coordinator assesses).
    for (const goal of items.filter((i) => i.kind === 'goal')) {
      if (!facts.has(goal.id) && goal.children.length === 0) continue;
      const proposal = proposeAssessment(
        descendants(goal).map((d) => ({ itemId: d.id, weight: null, target: d.target, reports: facts.get(d.id) ?? [] })),
        { target: goal.target, reports: facts.get(goal.id) ?? [] },
      ).proposal;
      const order: Assessment[] = ['not_met', 'partly_met', 'met'];
      const index = order.indexOf(proposal);
      const assessment =
        index >= 0 && random.chance(0.2) ? (order[Math.max(0, Math.min(2, index + random.pick([-1, 1])))] as Assessment) : proposal;
      t.goal_assessment.push({
        cycle_id: cycleId,
        item_id: goal.id,
        assessment,
        rationale: random.pick(rationales),
        proposed: proposal,
        assessed_by: names.coordinator,
        assessed_at: at(addDays(deadline, 25), '13:00'),
        version: 1,
      });
    }
  });

  buildIndicators(random, code, names.coordinator, items, t);
  buildCatalogue(random, code, name, names, units, items, t);
  buildFund(random, code, name, names, coordinatorId, passwordHash, items, nextPerson, t);
  return { tables: t, documentId };
}

// ---- indicators ------------------------------------------------------------------------------------------------

const measures = [
  ['Andel nyanlända i arbete eller studier 90 dagar efter etablering', '%', 'higher', 20, 60],
  ['Andel förvärvsarbetande bland utrikes födda', '%', 'higher', 40, 75],
  ['Antal deltagare i SFI', 'antal', 'neutral', 40, 600],
  ['Andel elever med gymnasiebehörighet, utrikes födda', '%', 'higher', 40, 80],
  ['Väntetid till SFI', 'dagar', 'lower', 10, 90],
  ['Antal praktikplatser i kommunen', 'antal', 'higher', 5, 60],
  ['Andel hushåll med långvarigt ekonomiskt bistånd', '%', 'lower', 1, 8],
  ['Antal mottagna nyanlända', 'antal', 'neutral', 10, 400],
  ['Andel unga som varken arbetar eller studerar', '%', 'lower', 3, 15],
  ['Kostnad för introduktion per invånare', 'kr', 'neutral', 50, 900],
] as const;

function buildIndicators(random: Random, code: string, coordinator: string, items: PlanItem[], t: Out): void {
  const goals = items.filter((i) => i.kind === 'goal');
  for (let n = 1; n <= 200; n++) {
    const [title, unit, direction, low, high] = random.pick(measures);
    const id = random.uuid();
    const at0 = at('2021-11-20');
    t.indicator.push({
      id,
      municipality_code: code,
      title: `Indikator ${pad(n, 3)} (testdata): ${title}`,
      unit,
      definition: `Syntetisk serie för prestandamätning. ${title}, årsvärden 2011–2025.`,
      direction,
      source_kind: 'manual',
      source_ref: null,
      decimals: unit === '%' ? 1 : 0,
      compare_with: JSON.stringify([]),
      created_at: at0,
      updated_at: at0,
    });
    let value = low + random.float() * (high - low);
    const trend = (random.float() - 0.45) * (high - low) * 0.05;
    const values: number[] = [];
    for (let year = 2011; year <= 2025; year++) {
      value = Math.max(0, value + trend + (random.float() - 0.5) * (high - low) * 0.06);
      if (unit === '%') value = Math.min(100, value);
      const rounded = unit === '%' ? Math.round(value * 10) / 10 : Math.round(value);
      values.push(rounded);
      t.indicator_value.push({
        indicator_id: id,
        municipality_code: code,
        period: String(year),
        disaggregation: JSON.stringify({}),
        value: rounded,
        source: 'csv',
        source_note: 'Syntetiska testdata',
        fetched_at: null,
        recorded_by: coordinator,
        recorded_at: at(`${Math.min(year + 1, 2026)}-03-15`, '10:00'),
      });
    }
    // The first 40 indicators are linked to the plan's goals, with a baseline (2021) and a target for 2025.
    if (n <= 40 && goals.length > 0) {
      const goal = goals[(n - 1) % goals.length] as PlanItem;
      const baseline = values[2021 - 2011] as number;
      const factor = direction === 'lower' ? 0.8 : 1.2;
      const target = unit === '%' ? Math.min(100, Math.round(baseline * factor * 10) / 10) : Math.round(baseline * factor);
      t.indicator_link.push({
        id: random.uuid(),
        indicator_id: id,
        item_id: goal.id,
        baseline_value: baseline,
        baseline_period: '2021',
        target_value: direction === 'neutral' ? null : target,
        target_min: null,
        target_max: null,
        target_period: '2025',
        status_override: null,
        status_reason: null,
        created_at: at0,
        updated_at: at0,
      });
    }
  }
}

// ---- the activity catalogue -------------------------------------------------------------------------------------

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

function buildCatalogue(
  random: Random,
  code: string,
  name: string,
  names: ReturnType<typeof usernames>,
  units: { id: string; name: string }[],
  items: PlanItem[],
  t: Out,
): void {
  const created = at('2021-12-01');
  const organisers: { id: string; createdBy: string }[] = [];
  associations.forEach((a) => {
    const id = random.uuid();
    t.organiser.push({
      id,
      municipality_code: code,
      kind: 'association',
      unit_id: null,
      name: `${a} ${name} (testdata)`,
      org_number: null,
      contact: `${a.toLowerCase().replace(/[^a-zåäö]/g, '')}@example.org`,
      example: false,
      created_at: created,
      updated_at: created,
    });
    organisers.push({ id, createdBy: names.coordinator });
  });
  // Five units organise their own activities (library, leisure, adult education …).
  for (const u of [8, 9, 5, 19, 20]) {
    const unit = units[u] as { id: string; name: string };
    const id = random.uuid();
    t.organiser.push({
      id,
      municipality_code: code,
      kind: 'unit',
      unit_id: unit.id,
      name: unit.name,
      org_number: null,
      contact: null,
      example: false,
      created_at: created,
      updated_at: created,
    });
    organisers.push({ id, createdBy: names.reporter(u) });
  }
  const activities = items.filter((i) => i.kind === 'activity');
  for (let n = 1; n <= 200; n++) {
    // The first twelve answer the bench's catalogue query (language café in Arabic at the library, adults, weekly, no end).
    const anchor = n <= 12;
    const category = anchor ? 'language' : random.pick(activityCategories);
    const organiser = random.pick(organisers);
    const [placeName, street] = anchor ? places[0] : random.pick(places);
    const languages = anchor
      ? ['sv', 'ar', ...random.sample(['so', 'ti', 'prs'], random.int(0, 2))]
      : ['sv', ...random.sample(catalogueLanguages.slice(1), random.int(0, 3))];
    const recurrence = anchor
      ? 'weekly'
      : random.weighted([
          ['weekly', 50],
          ['biweekly', 20],
          ['twice-weekly', 10],
          ['once', 20],
        ] as const);
    const day = random.pick(weekdays);
    const rrule =
      recurrence === 'weekly'
        ? `FREQ=WEEKLY;BYDAY=${day}`
        : recurrence === 'biweekly'
          ? `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}`
          : recurrence === 'twice-weekly'
            ? `FREQ=WEEKLY;BYDAY=${random.pick(['MO,WE', 'TU,TH', 'WE,SA'])}`
            : null;
    const startDate = rrule ? dayBetween(random, '2020-01-01', '2026-11-30') : dayBetween(random, '2025-01-01', '2027-06-30');
    const ending = anchor || !rrule ? 'none' : random.weighted([['none', 55], ['future', 25], ['past', 20]] as const);
    const until =
      ending === 'none'
        ? null
        : ending === 'future'
          ? random.pick(['2027-06-30', '2027-12-31', '2028-06-30'])
          : dayBetween(random, startDate < '2023-01-01' ? '2023-01-01' : startDate, '2026-06-30');
    const status = anchor
      ? 'published'
      : random.weighted([['published', 88], ['pending', 5], ['draft', 4], ['rejected', 3]] as const);
    const [ageMin, ageMax] = anchor
      ? [16, null]
      : random.weighted<[number | null, number | null]>([
          [[null, null], 30],
          [[6, 12], 15],
          [[13, 19], 15],
          [[16, null], 20],
          [[18, null], 15],
          [[65, null], 5],
        ]);
    const title = `${random.pick(catalogueTitles[category])} ${pad(n, 3)} (testdata)`;
    const translations: Record<string, { title: string; description: string }> = {};
    if (random.chance(0.4)) translations.en = { title: `Activity ${pad(n, 3)} (test data)`, description: '<p>Synthetic test data.</p>' };
    if (random.chance(0.15)) translations.ar = { title: `نشاط ${pad(n, 3)} (بيانات اختبار)`, description: '<p>بيانات اختبار.</p>' };
    const id = random.uuid();
    const durationMinutes = random.pick([60, 90, 120, 180]);
    const startTime = anchor ? '18:00' : random.pick(['10:00', '13:30', '15:00', '17:00', '18:00', '18:30']);
    t.activity.push({
      id,
      municipality_code: code,
      organiser_id: organiser.id,
      title,
      description: `<p>${narrative(random, random.int(1, 3))}</p><p>Syntetisk aktivitet för prestandamätning.</p>`,
      translations: JSON.stringify(translations),
      category,
      target_group: ageMin !== null && ageMin >= 16 ? 'Vuxna' : ageMax !== null && ageMax <= 12 ? 'Barn' : 'Alla',
      age_min: ageMin,
      age_max: ageMax,
      languages: JSON.stringify(languages),
      place_name: `${placeName} i ${name}`,
      address: `${street}, ${name}`,
      accessibility: random.pick(['Entré i markplan och tillgänglig toalett.', 'Hiss finns. Hörslinga.', 'Trappa till entrén.']),
      start_date: startDate,
      start_time: startTime,
      duration_minutes: durationMinutes,
      rrule,
      until,
      cost: random.pick(['Gratis', 'Gratis', '20 kr', '50 kr per termin']),
      registration: random.pick(['Ingen anmälan.', 'Anmälan till kontaktpersonen.', 'Anmälan senast dagen före.']),
      contact: `aktivitet${pad(n, 3)}@example.org`,
      status,
      moderation_note: status === 'rejected' ? 'Beskrivningen behöver kompletteras (testdata).' : null,
      published_at: status === 'published' ? at(addDays(startDate, -14), '08:00') : null,
      example: false,
      created_by: organiser.createdBy,
      created_at: at(addDays(startDate, -21), '12:00'),
      updated_at: at(addDays(startDate, -14), '08:00'),
    });
    // Some weekly activities break for Christmas: the first occurrence in a fixed winter window is cancelled.
    if (rrule && until === null && random.chance(0.1)) {
      const first = expandSchedule({ startDate, startTime, durationMinutes, rrule, until }, [], { from: '2026-12-21', to: '2027-01-10' })[0];
      if (first) t.activity_exception.push({ activity_id: id, date: first.date, reason: 'Jul- och nyårsuppehåll', created_at: created });
    }
    if (activities.length > 0 && random.chance(0.3)) t.activity_item.push({ activity_id: id, item_id: random.pick(activities).id });
  }
}

// ---- the integration fund -----------------------------------------------------------------------------------------

const organisationKinds: FundOrganisationKind[] = ['association', 'association', 'association', 'faith_community', 'organisation', 'company', 'municipal_unit'];
const criteria = [
  { key: 'c1', name: 'Bidrar till integrationsplanens mål', description: 'Vilka mål i planen projektet stöder', weight: 3 },
  { key: 'c2', name: 'Når målgruppen', description: 'Nyanlända och etablerade invånare möts', weight: 2 },
  { key: 'c3', name: 'Genomförbarhet och budget', description: 'Rimlig plan, budget och medfinansiering', weight: 1 },
];

function buildFund(
  random: Random,
  code: string,
  name: string,
  names: ReturnType<typeof usernames>,
  coordinatorId: string,
  passwordHash: string,
  items: PlanItem[],
  nextPerson: () => string,
  t: Out,
): void {
  const created = at('2024-11-01');
  const fundId = random.uuid();
  t.fund.push({
    id: fundId,
    municipality_code: code,
    name: `Integrationsfonden ${name} (testdata)`,
    description: 'Syntetisk fond för prestandamätning: bidrag till föreningar och organisationer som främjar integration.',
    example: false,
    created_at: created,
    updated_at: created,
  });
  const calls = [
    { id: random.uuid(), year: 2025, opens: '2025-01-15', deadline: '2025-03-15', from: '2025-04-01', to: '2025-12-31', status: 'decided' as const },
    { id: random.uuid(), year: 2027, opens: '2026-11-01', deadline: '2027-01-31', from: '2027-03-01', to: '2027-12-31', status: 'open' as const },
  ];
  for (const c of calls)
    t.fund_call.push({
      id: c.id,
      fund_id: fundId,
      title: `Utlysning ${c.year} (testdata)`,
      description: 'Projekt som för samman nyanlända och etablerade invånare.',
      year: c.year,
      budget_sek: 1_500_000,
      opens_on: c.opens,
      deadline: c.deadline,
      period_from: c.from,
      period_to: c.to,
      eligible_kinds: JSON.stringify(['association', 'faith_community', 'organisation', 'company', 'municipal_unit']),
      criteria: JSON.stringify(criteria),
      priority_rule: random.chance(0.3) ? 'municipal_units_first' : 'none',
      status: c.status,
      example: false,
      created_at: at(addDays(c.opens, -30)),
      updated_at: at(addDays(c.opens, -30)),
    });
  const organisations: { id: string; username: string }[] = [];
  for (let n = 1; n <= 20; n++) {
    const nine = `8${code}${pad(n, 4)}`;
    const contact = nextPerson();
    const username = names.applicant(n);
    const id = random.uuid();
    const userId = random.uuid();
    t.fund_organisation.push({
      id,
      municipality_code: code,
      org_number: `${nine.slice(0, 6)}-${nine.slice(6)}${checkDigit(nine)}`,
      name: `Organisation ${pad(n, 2)} ${name} (testdata)`,
      kind: random.pick(organisationKinds),
      contact_name: contact,
      contact_email: `${username}@example.org`,
      contact_phone: '',
      example: false,
      created_at: created,
      updated_at: created,
    });
    t.app_user.push({
      id: userId,
      username,
      display_name: contact,
      password_hash: passwordHash,
      role: 'applicant',
      municipality_code: code,
      email: `${username}@example.org`,
      created_at: created,
    });
    t.fund_organisation_user.push({ user_id: userId, organisation_id: id });
    organisations.push({ id, username });
  }
  const goals = items.filter((i) => i.kind === 'goal');
  let granted = 0;
  for (let n = 1; n <= 50; n++) {
    const decidedCall = n <= 32;
    const call = calls[decidedCall ? 0 : 1] as (typeof calls)[number];
    const drawn = decidedCall
      ? random.weighted([['granted', 10], ['completed', 6], ['rejected', 14], ['withdrawn', 2]] as const)
      : random.weighted([['draft', 6], ['submitted', 12]] as const);
    const org = random.pick(organisations);
    const lines = Array.from({ length: random.int(2, 4) }, (_, i) => ({
      description: ['Lokalhyra', 'Arvode till ledare', 'Material', 'Resor', 'Fika och mat'][i] as string,
      amountSek: random.int(5, 40) * 1000,
    }));
    const coFinancing = random.chance(0.5) ? [{ source: 'Egen insats (ideellt arbete, värderat)', amountSek: random.int(2, 10) * 1000 }] : [];
    const requested = requestedOf({ budgetLines: lines, coFinancing });
    // Grants stay within the call's budget: the balance never goes below zero without an override.
    const grant = drawn === 'granted' || drawn === 'completed' ? Math.min(requested, 1_500_000 - granted) : 0;
    const status = (drawn === 'granted' || drawn === 'completed') && grant <= 0 ? 'rejected' : drawn;
    granted += grant > 0 ? grant : 0;
    const id = random.uuid();
    const submitted = status !== 'draft';
    const submittedAt = at(addDays(call.deadline, -random.int(1, 30)), '16:00');
    const appCreated = at(addDays(call.opens, random.int(0, 20)), '11:00');
    const version = status === 'draft' ? 1 : status === 'submitted' || status === 'withdrawn' ? 2 : status === 'completed' ? 4 : 3;
    t.fund_application.push({
      id,
      call_id: call.id,
      organisation_id: org.id,
      title: `${random.pick(projectTitles)} ${pad(n, 2)} (testdata)`,
      purpose: narrative(random, random.int(2, 4)),
      target_group: 'Nyanlända och etablerade invånare i alla åldrar',
      start_date: call.from,
      end_date: call.to,
      activities: JSON.stringify([
        { description: 'Uppstartsträff', date: call.from },
        { description: 'Avslutning och utvärdering', date: addDays(call.to, -30) },
      ]),
      budget_lines: JSON.stringify(lines),
      co_financing: JSON.stringify(coFinancing),
      requested_sek: requested,
      status,
      submitted_at: submitted ? submittedAt : null,
      created_by: org.username,
      example: false,
      version,
      created_at: appCreated,
      updated_at: submitted ? submittedAt : appCreated,
    });
    for (const goal of random.sample(goals, random.int(1, 2))) t.fund_application_item.push({ application_id: id, item_id: goal.id });
    if (status === 'draft' || status === 'withdrawn' || (status === 'submitted' && random.chance(0.5))) continue;
    t.fund_assessment.push({
      id: random.uuid(),
      application_id: id,
      assessor_id: coordinatorId,
      assessor_name: names.coordinator,
      scores: JSON.stringify({ c1: random.int(1, 5), c2: random.int(1, 5), c3: random.int(1, 5) }),
      comment: 'Bedömning (testdata).',
      example: false,
      created_at: at(addDays(call.deadline, 5)),
      updated_at: at(addDays(call.deadline, 5)),
    });
    if (status === 'submitted') continue;
    const outcome = status === 'rejected' ? 'rejected' : 'granted';
    t.fund_decision.push({
      id: random.uuid(),
      application_id: id,
      outcome,
      decided_by: 'Kommunstyrelsen',
      decided_on: '2025-03-28',
      minutes_paragraph: '§ 57',
      granted_sek: outcome === 'granted' ? grant : 0,
      conditions: outcome === 'granted' ? 'Slutrapport senast två månader efter projektets slut.' : '',
      override_reason: null,
      recorded_by: names.coordinator,
      example: false,
      created_at: at('2025-03-28', '15:00'),
    });
    if (outcome !== 'granted') continue;
    t.fund_payment.push({
      id: random.uuid(),
      application_id: id,
      paid_on: '2025-04-15',
      amount_sek: grant,
      note: 'Utbetalning (testdata)',
      recorded_by: names.coordinator,
      example: false,
      created_at: at('2025-04-15'),
    });
    if (status === 'completed')
      t.fund_final_report.push({
        application_id: id,
        summary: narrative(random, 3),
        results: narrative(random, 2),
        participants: random.int(8, 120),
        spent_sek: grant,
        submitted_by: org.username,
        example: false,
        submitted_at: at('2026-01-20', '10:00'),
      });
  }
}
