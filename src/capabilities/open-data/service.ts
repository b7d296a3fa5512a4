import { sql } from 'kysely';
import { notFound } from '../../kernel/errors.ts';
import { groupBy } from '../../kernel/collections.ts';
import type { Executor } from '../audit/audit.ts';
import { exportOutline, getItems, listDocuments } from '../plans/service.ts';
import { buildTree, type Tree } from '../plans/model.ts';
import type { ItemView } from '../plans/views.ts';
import type { PlanOutline } from '../plans/outline.ts';
import { getIndicator, listIndicators } from '../indicators/service.ts';
import { searchActivities } from '../catalogue/service.ts';
import { addDays, stockholmDay } from '../catalogue/rules.ts';
import { DATASET_KINDS, type CatalogInput, type DatasetInput, type DatasetKind } from './dcat.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * What the public may download, read with the public's eyes (caller null): published documents only (decision
 * 0008), approved reports only, cohort shares under five suppressed, published activities only, and no names of
 * people anywhere (who reported, approved or recorded a value is left out). Decision 0029.
 */

/** Every status but draft is a public record. */
const NOT_DRAFT = 'draft';

export async function municipalityOf(db: Executor, code: string): Promise<{ code: string; name: string; county: string }> {
  const row = /^[0-9]{4}$/.test(code)
    ? await db.selectFrom('municipality').select(['code', 'name', 'county']).where('code', '=', code).executeTakeFirst()
    : undefined;
  if (!row) throw notFound(`Kommunen ${code}`);
  return row;
}

/** The municipalities with at least one public document, by name. */
export async function publicMunicipalities(db: Executor) {
  const rows = await db
    .selectFrom('document')
    .innerJoin('municipality', 'municipality.code', 'document.municipality_code')
    .select(['municipality.code', 'municipality.name', 'municipality.county', sql<number>`count(*)::int`.as('plans')])
    .where('document.status', '!=', NOT_DRAFT)
    .groupBy(['municipality.code', 'municipality.name', 'municipality.county'])
    .orderBy('municipality.name')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, county: r.county, planCount: Number(r.plans) }));
}

export async function publicPlans(db: Executor, code: string) {
  const documents = await listDocuments(db, null, code);
  return documents.map((d) => ({
    id: d.id,
    title: d.title,
    kind: d.kind,
    status: d.status,
    adopted: d.adopted,
    valid: d.valid,
    itemCount: d.itemCount,
    edition: d.edition,
    parentDocumentId: d.parentDocumentId,
    revisesId: d.revisesId,
  }));
}

export function planOutline(db: Executor, id: string): Promise<PlanOutline> {
  return exportOutline(db, null, id);
}

export interface PlanRow {
  id: string;
  parentId: string | null;
  depth: number;
  number: string | null;
  level: string;
  kind: string;
  text: string;
  responsibleUnits: string[];
  contributingUnits: string[];
  deadline: string | null;
  recurrence: string | null;
  status: string | null;
  statusCycle: string | null;
}

/** One row per item in reading order, with the status of its latest approved reports. */
export async function planRows(db: Executor, id: string): Promise<{ title: string; municipalityCode: string; rows: PlanRow[] }> {
  const { document, items } = await getItems(db, null, id);
  const statuses = await latestApprovedStatus(db, id);
  const rows: PlanRow[] = [];
  const walk = (trees: Tree<ItemView>[], depth: number) => {
    for (const { item, children } of trees) {
      const status = statuses.get(item.id);
      rows.push({
        id: item.id,
        parentId: item.parentId,
        depth,
        number: item.number,
        level: item.label,
        kind: item.kind,
        text: item.text,
        responsibleUnits: item.responsible.filter((r) => r.role === 'lead').map((r) => r.name),
        contributingUnits: item.responsible.filter((r) => r.role === 'contributor').map((r) => r.name),
        deadline: item.due,
        recurrence: item.recurrence,
        status: status?.status ?? null,
        statusCycle: status?.cycle ?? null,
      });
      walk(children, depth + 1);
    }
  };
  walk(buildTree(items), 1);
  return { title: document.title, municipalityCode: document.municipality.code, rows };
}

/** Per item: the statuses of the approved reports of the latest cycle that has any for it (units may differ). */
async function latestApprovedStatus(db: Executor, documentId: string): Promise<Map<string, { status: string; cycle: string }>> {
  const rows = await db
    .selectFrom('report_task')
    .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
    .select(['report_task.item_id', 'report_task.status', 'follow_up_cycle.id as cycle_id', 'follow_up_cycle.label'])
    .where('follow_up_cycle.document_id', '=', documentId)
    .where('report_task.state', '=', 'approved')
    .where('report_task.status', 'is not', null)
    .orderBy('follow_up_cycle.period_from', 'desc')
    .orderBy('follow_up_cycle.created_at', 'desc')
    .execute();
  const out = new Map<string, { status: string; cycle: string }>();
  const cycleOf = new Map<string, string>();
  for (const r of rows) {
    if (r.item_id === null || r.status === null) continue;
    const first = cycleOf.get(r.item_id);
    if (first !== undefined && first !== r.cycle_id) continue;
    cycleOf.set(r.item_id, r.cycle_id);
    const seen = out.get(r.item_id);
    const statuses = new Set(seen ? seen.status.split(';') : []);
    statuses.add(r.status);
    out.set(r.item_id, { status: [...statuses].sort().join(';'), cycle: r.label });
  }
  return out;
}

export interface FollowUpRow {
  planId: string;
  planTitle: string;
  cycleId: string;
  cycle: string;
  periodFrom: string;
  periodTo: string;
  cycleClosed: boolean;
  itemId: string | null;
  itemNumber: string | null;
  itemKind: string;
  itemLevel: string;
  itemText: string;
  unit: string | null;
  occurrence: string | null;
  status: string | null;
  progress: number | null;
  /** The coordinator's assessment of a goal, published once the cycle is closed. */
  goalAssessment: string | null;
  approvedOn: string | null;
  example: boolean;
}

/** The approved reports of the municipality's public plans, one row per report. */
export async function followUpRows(db: Executor, code: string): Promise<FollowUpRow[]> {
  await municipalityOf(db, code);
  const rows = await db
    .selectFrom('report_task')
    .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
    .innerJoin('document', 'document.id', 'follow_up_cycle.document_id')
    .leftJoin('goal_assessment', (join) =>
      join.onRef('goal_assessment.cycle_id', '=', 'report_task.cycle_id').onRef('goal_assessment.item_id', '=', 'report_task.item_id'),
    )
    .select([
      'document.id as plan_id',
      'document.title as plan_title',
      'follow_up_cycle.id as cycle_id',
      'follow_up_cycle.label',
      'follow_up_cycle.period_from',
      'follow_up_cycle.period_to',
      'follow_up_cycle.state as cycle_state',
      'follow_up_cycle.example',
      'report_task.item_id',
      'report_task.item_number',
      'report_task.item_kind',
      'report_task.item_label',
      'report_task.item_text',
      'report_task.unit_name',
      'report_task.occurrence',
      'report_task.status',
      'report_task.progress',
      'report_task.approved_at',
      'goal_assessment.assessment',
    ])
    .where('document.municipality_code', '=', code)
    .where('document.status', '!=', NOT_DRAFT)
    .where('report_task.state', '=', 'approved')
    .orderBy('document.title')
    .orderBy('follow_up_cycle.period_from')
    .orderBy('report_task.item_number')
    .orderBy('report_task.unit_name')
    .orderBy('report_task.occurrence')
    .orderBy('report_task.id')
    .execute();
  return rows.map((r) => ({
    planId: r.plan_id,
    planTitle: r.plan_title,
    cycleId: r.cycle_id,
    cycle: r.label,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    cycleClosed: r.cycle_state === 'closed',
    itemId: r.item_id,
    itemNumber: r.item_number,
    itemKind: r.item_kind,
    itemLevel: r.item_label,
    itemText: r.item_text,
    unit: r.unit_name,
    occurrence: r.occurrence,
    status: r.status,
    progress: r.progress,
    goalAssessment: r.cycle_state === 'closed' ? (r.assessment ?? null) : null,
    approvedOn: r.approved_at ? stockholmDay(new Date(r.approved_at)) : null,
    example: r.example,
  }));
}

export interface IndicatorValueRow {
  indicatorId: string;
  title: string;
  unit: string;
  definition: string;
  direction: string;
  sourceKind: string;
  sourceRef: string | null;
  period: string;
  value: number | null;
  suppressed: boolean;
  source: string;
  sourceNote: string | null;
}

export interface OpenIndicator {
  id: string;
  title: string;
  unit: string;
  definition: string;
  direction: string;
  sourceKind: string;
  sourceRef: string | null;
  decimals: number;
  values: { period: string; value: number | null; suppressed: boolean; source: string; sourceNote: string | null }[];
}

/**
 * The municipality's indicators with the values the public sees (getIndicator with caller null): cohort shares under
 * five suppressed, a series computed from follow-up from approved reports only.
 */
export async function openIndicators(db: Executor, code: string): Promise<OpenIndicator[]> {
  await municipalityOf(db, code);
  const out: OpenIndicator[] = [];
  for (const summary of await listIndicators(db, null, code)) {
    const detail = await getIndicator(db, null, summary.id);
    out.push({
      id: detail.id,
      title: detail.title,
      unit: detail.unit,
      definition: detail.definition,
      direction: detail.direction,
      sourceKind: detail.sourceKind,
      sourceRef: detail.sourceRef,
      decimals: detail.decimals,
      values: detail.values.map((v) => ({
        period: v.period,
        value: v.suppressed ? null : v.value,
        suppressed: v.suppressed ?? false,
        source: v.source,
        sourceNote: v.sourceNote,
      })),
    });
  }
  return out;
}

export function indicatorValueRows(indicators: OpenIndicator[]): IndicatorValueRow[] {
  return indicators.flatMap((i) =>
    i.values.map((v) => ({
      indicatorId: i.id,
      title: i.title,
      unit: i.unit,
      definition: i.definition,
      direction: i.direction,
      sourceKind: i.sourceKind,
      sourceRef: i.sourceRef,
      period: v.period,
      value: v.value,
      suppressed: v.suppressed,
      source: v.source,
      sourceNote: v.sourceNote,
    })),
  );
}

/** How far ahead the activities dataset looks: the iCalendar feed's half year. */
export const ACTIVITY_DAYS = 180;

export interface OpenActivity {
  id: string;
  title: string;
  description: string;
  category: string;
  targetGroup: string;
  ageMin: number | null;
  ageMax: number | null;
  languages: string[];
  organiser: string;
  place: { name: string; address: string; accessibility: string };
  cost: string;
  registration: string;
  schedule: { startDate: string; startTime: string; durationMinutes: number; rrule: string | null; until: string | null };
  translations: Record<string, { title: string; description: string }>;
  occurrences: { date: string; start: string; end: string; cancelled: boolean; cancelReason: string | null }[];
}

/**
 * Published activities with their occurrences from today for half a year. The activity's contact field is left out:
 * it often names a person, and under CC0 a file may be copied anywhere for ever; the activity page shows it.
 */
export async function openActivities(
  db: Kysely<Database>,
  code: string,
  now = new Date(),
): Promise<{ from: string; to: string; activities: OpenActivity[] }> {
  const from = stockholmDay(now);
  const result = await searchActivities(db, null, code, { from, to: addDays(from, ACTIVITY_DAYS) }, now);
  return {
    from: result.from,
    to: result.to,
    activities: result.activities.map((a) => ({
      id: a.id,
      title: a.title,
      description: a.description,
      category: a.category,
      targetGroup: a.targetGroup,
      ageMin: a.ageMin,
      ageMax: a.ageMax,
      languages: a.languages,
      organiser: a.organiser.name,
      place: a.place,
      cost: a.cost,
      registration: a.registration,
      schedule: a.schedule,
      translations: a.translations,
      occurrences: a.occurrences.map((o) => ({
        date: o.date,
        start: o.start,
        end: o.end,
        cancelled: o.cancelled,
        cancelReason: o.cancelReason,
      })),
    })),
  };
}

// ---- addresses and the catalogue ---------------------------------------------------------------------------------

export function datasetUrls(baseUrl: string, code: string) {
  const m = `${baseUrl}/api/open/municipalities/${code}`;
  return {
    municipality: m,
    plans: `${m}/plans`,
    followUp: { json: `${m}/follow-up.json`, csv: `${m}/follow-up.csv` },
    indicators: { json: `${m}/indicators.json`, csv: `${m}/indicators.csv` },
    activities: { json: `${m}/activities.json`, csv: `${m}/activities.csv` },
  };
}

export function planUrls(baseUrl: string, id: string) {
  return { json: `${baseUrl}/api/open/plans/${id}.json`, csv: `${baseUrl}/api/open/plans/${id}.csv` };
}

const day = (d: Date | string | null | undefined) => (d ? stockholmDay(new Date(d)) : null);

/**
 * The catalogue's input: every municipality with a public plan, and which of its datasets hold anything (an empty
 * dataset is not announced to the portals). Counted in a handful of grouped queries, not per municipality.
 */
export async function catalogInput(
  db: Executor,
  baseUrl: string,
  options: { publisherName: string; contactEmail: string | null },
): Promise<CatalogInput> {
  const [documents, followUp, indicators, activities] = await Promise.all([
    db
      .selectFrom('document')
      .innerJoin('municipality', 'municipality.code', 'document.municipality_code')
      .select(['document.id', 'document.title', 'document.municipality_code', 'municipality.name', 'document.updated_at'])
      .where('document.status', '!=', NOT_DRAFT)
      .orderBy('municipality.name')
      .orderBy('document.title')
      .execute(),
    db
      .selectFrom('report_task')
      .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
      .innerJoin('document', 'document.id', 'follow_up_cycle.document_id')
      .select(['document.municipality_code as code', (eb) => eb.fn.max('report_task.approved_at').as('latest')])
      .where('document.status', '!=', NOT_DRAFT)
      .where('report_task.state', '=', 'approved')
      .groupBy('document.municipality_code')
      .execute(),
    db
      .selectFrom('indicator')
      .select(['municipality_code as code', (eb) => eb.fn.max('updated_at').as('latest')])
      .groupBy('municipality_code')
      .execute(),
    db
      .selectFrom('activity')
      .select(['municipality_code as code', (eb) => eb.fn.max('updated_at').as('latest')])
      .where('status', '=', 'published')
      .groupBy('municipality_code')
      .execute(),
  ]);
  const latestOf = (rows: { code: string; latest: unknown }[]) => new Map(rows.map((r) => [r.code, day(r.latest as Date | null)]));
  const has: Record<Exclude<DatasetKind, 'plans'>, Map<string, string | null>> = {
    'follow-up': latestOf(followUp),
    indicators: latestOf(indicators),
    activities: latestOf(activities),
  };
  const byMunicipality = groupBy(documents, (d) => d.municipality_code);
  let modified: string | null = null;
  const municipalities = [...byMunicipality.entries()].map(([code, docs]) => {
    const urls = datasetUrls(baseUrl, code);
    const datasets: DatasetInput[] = [];
    for (const kind of DATASET_KINDS) {
      if (kind === 'plans') {
        const latest =
          docs
            .map((d) => day(d.updated_at) ?? '')
            .sort()
            .at(-1) ?? null;
        datasets.push({
          kind,
          modified: latest,
          distributions: docs.flatMap((d) => {
            const p = planUrls(baseUrl, d.id);
            const title = { sv: d.title, en: d.title };
            return [
              { format: 'json' as const, url: p.json, title },
              { format: 'csv' as const, url: p.csv, title },
            ];
          }),
        });
        continue;
      }
      if (!has[kind].has(code)) continue;
      const pair = kind === 'follow-up' ? urls.followUp : kind === 'indicators' ? urls.indicators : urls.activities;
      datasets.push({
        kind,
        modified: has[kind].get(code) ?? null,
        distributions: [
          { format: 'json', url: pair.json },
          { format: 'csv', url: pair.csv },
        ],
      });
    }
    for (const d of datasets) if (d.modified && (modified === null || d.modified > modified)) modified = d.modified;
    return { code, name: (docs[0] as (typeof docs)[number]).name, datasets };
  });
  return { baseUrl, publisherName: options.publisherName, contactEmail: options.contactEmail, modified, municipalities };
}
