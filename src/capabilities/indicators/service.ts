import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, IndicatorStatus, ValueSource } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound, staleVersion, type FieldProblem } from '../../kernel/errors.ts';
import { canEditPlan, canReadDocument, isMember, type Actor, type Caller } from '../accounts/policies.ts';
import { recordAudit, type Executor } from '../audit/audit.ts';
import { isUuid } from '../plans/service.ts';
import { cadenceOf } from '../follow-up/periods.ts';
import { referenceOf } from '../follow-up/structure.ts';
import { groupBy } from '../../kernel/collections.ts';
import { cohortShares, cohortMeasures, type Cohort, type CohortMeasure } from './cohorts.ts';
import { periodTime, progressStatus, targetOf, type Direction, type ProgressResult } from './progress.ts';
import { parseTarget } from './target-text.ts';
import { INTERNSHIP_PLACEMENTS, placementCounts } from '../internships/service.ts';
import { MATCHING_SOURCES, matchingCounts, type MatchingMeasure } from '../matching/service.ts';
import { FUND_GRANTED, grantedPerYear } from '../fund/service.ts';

/** Indicators of a municipality: definitions, values with their history, links to plan items, status. */
type Db = Kysely<Database>;

/**
 * Indicators computed from what the programmes record: counted each time they are read (never stored), so a
 * correction in a programme changes its indicator at once. Each names where its figures come from.
 */
const programmeSources: Record<
  string,
  { source: ValueSource; note: string; yearly(db: Executor, code: string): Promise<{ year: number; count: number; example: boolean }[]> }
> = {
  [INTERNSHIP_PLACEMENTS]: { source: 'internships', note: 'Räknat ur registrerade praktikplaceringar', yearly: placementCounts },
  [FUND_GRANTED]: { source: 'fund', note: 'Summa beviljade kronor ur integrationsfondens beslut', yearly: grantedPerYear },
  ...Object.fromEntries(
    (Object.keys(MATCHING_SOURCES) as MatchingMeasure[]).map((measure) => [
      MATCHING_SOURCES[measure],
      {
        source: 'matching' as const,
        note: 'Räknat ur fadder- och vänfamiljsmatchningar',
        yearly: (db: Executor, code: string) => matchingCounts(db, code, measure),
      },
    ]),
  ),
};

export type SourceKind = 'manual' | 'kolada' | 'scb' | 'computed';

export interface IndicatorInput {
  title: string;
  unit: string;
  definition?: string | undefined;
  direction: Direction;
  sourceKind: SourceKind;
  sourceRef?: string | null | undefined;
  decimals?: number | undefined;
  compareWith?: string[] | undefined;
}

export interface IndicatorSummary {
  id: string;
  municipalityCode: string;
  title: string;
  unit: string;
  definition: string;
  direction: Direction;
  sourceKind: SourceKind;
  sourceRef: string | null;
  decimals: number;
  compareWith: string[];
  version: number;
  latest: { period: string; value: number | null } | null;
  linkCount: number;
}

export interface ValueView {
  id: number | null;
  period: string;
  value: number | null;
  source: ValueSource;
  sourceNote: string | null;
  fetchedAt: string | null;
  recordedBy: string;
  recordedAt: string;
  /** Earlier values for the same period, newest first (corrections). */
  history: { value: number | null; source: ValueSource; recordedBy: string; recordedAt: string; supersededAt: string }[];
  /** Cohort values on public pages: the count was under five. */
  suppressed?: boolean;
}

export interface LinkView {
  id: string;
  item: { id: string; documentId: string; documentTitle: string; reference: string; text: string };
  baseline: { value: number; period: string } | null;
  /** Whether the baseline was entered on the link, or taken from the series' first value. */
  baselineStated: boolean;
  target: { value: number | null; min: number | null; max: number | null; period: string | null };
  progress: ProgressResult;
  /** The coordinator's status where she set one by hand, with her reason; it wins over the computed one. */
  override: { status: IndicatorStatus; reason: string } | null;
  status: IndicatorStatus | null;
  version: number;
}

export interface IndicatorDetail extends IndicatorSummary {
  municipality: { code: string; name: string };
  values: ValueView[];
  /** Other municipalities' and the nation's values (0000) for comparison. */
  comparison: { code: string; name: string; values: { period: string; value: number | null }[] }[];
  links: LinkView[];
  canEdit: boolean;
}

const NATIONAL = '0000';
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const disaggregationKey = (d: Record<string, string>) =>
  Object.keys(d)
    .sort()
    .map((k) => `${k}=${d[k]}`)
    .join(';');

export const PERIOD = /^[0-9]{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$/;

function checkInput(input: Partial<IndicatorInput>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.title !== undefined && input.title.trim() === '') problems.push({ path: '/title', message: 'Ge indikatorn ett namn.' });
  if (input.unit !== undefined && input.unit.trim() === '')
    problems.push({ path: '/unit', message: 'Ange enheten (till exempel %, antal, kr/inv).' });
  if ((input.sourceKind === 'kolada' || input.sourceKind === 'scb' || input.sourceKind === 'computed') && !input.sourceRef?.trim())
    problems.push({
      path: '/sourceRef',
      message:
        input.sourceKind === 'kolada'
          ? 'Ange Koladas nyckeltals-id (till exempel N02926).'
          : input.sourceKind === 'scb'
            ? 'Ange SCB-tabellen och innehållet (till exempel TAB4823:utrikes_fodda_andel).'
            : 'Ange vad indikatorn beräknas från (till exempel cohort:self_sufficient_24 eller follow-up).',
    });
  if (input.sourceKind === 'kolada' && input.sourceRef && !/^[NU]\d{5}$/.test(input.sourceRef.trim()))
    problems.push({ path: '/sourceRef', message: `"${input.sourceRef}" är inget nyckeltals-id i Kolada (N eller U och fem siffror).` });
  if (input.sourceKind === 'computed' && input.sourceRef) {
    const ref = input.sourceRef.trim();
    if (ref !== 'follow-up' && !(ref in programmeSources) && !(ref.startsWith('cohort:') && ref.slice(7) in cohortMeasures))
      problems.push({
        path: '/sourceRef',
        message: `Okänd beräkning "${ref}": använd follow-up, ${Object.keys(programmeSources).join(', ')}, cohort:self_sufficient_12, cohort:self_sufficient_24 eller cohort:resident_12.`,
      });
  }
  for (const [i, code] of (input.compareWith ?? []).entries())
    if (!/^\d{4}$/.test(code))
      problems.push({ path: `/compareWith/${i}`, message: `"${code}" är ingen kommunkod (fyra siffror; 0000 är riket).` });
  return problems;
}

function fail(problems: FieldProblem[]): never {
  throw new AppError('validation', problems.map((p) => p.message).join(' '), { details: problems });
}

async function municipalityName(db: Executor, code: string): Promise<string> {
  const row = await db.selectFrom('municipality').select('name').where('code', '=', code).executeTakeFirst();
  if (!row) throw notFound(`Kommunen ${code}`);
  return row.name;
}

type IndicatorRow = NonNullable<Awaited<ReturnType<typeof findIndicator>>>;

function findIndicator(db: Executor, id: string) {
  return db.selectFrom('indicator').selectAll().where('id', '=', id).executeTakeFirst();
}

async function loadIndicator(db: Executor, id: string): Promise<IndicatorRow> {
  const row = isUuid(id) ? await findIndicator(db, id) : undefined;
  if (!row) throw notFound('Indikatorn');
  return row;
}

/** One series asked for: an indicator's values in one municipality, as the public or as the municipality sees them. */
interface SeriesRequest {
  row: IndicatorRow;
  code: string;
  publicView: boolean;
}

const isCohortSeries = (row: IndicatorRow) => row.source_kind === 'computed' && row.source_ref?.startsWith('cohort:') === true;
const isFollowUpSeries = (row: IndicatorRow) => row.source_kind === 'computed' && row.source_ref === 'follow-up';
const programmeOf = (row: IndicatorRow) =>
  row.source_kind === 'computed' && row.source_ref && !isCohortSeries(row) ? programmeSources[row.source_ref] : undefined;
const isStoredSeries = (row: IndicatorRow) => !isCohortSeries(row) && !isFollowUpSeries(row) && programmeOf(row) === undefined;

/**
 * The series of many indicators and municipalities at once (a page of indicators with their comparisons), in a
 * number of queries that does not grow with them: one for the stored values, one for the cohorts, one for the
 * follow-up reports, and one per programme source and municipality asked for. Answers in the order asked.
 */
async function seriesOfMany(db: Executor, requests: SeriesRequest[]): Promise<ValueView[][]> {
  const stored = requests.filter((r) => isStoredSeries(r.row));
  const cohortCodes = [...new Set(requests.filter((r) => isCohortSeries(r.row)).map((r) => r.code))];
  // A follow-up series is the municipality's own reports: asked for another municipality it is empty.
  const followUpIds = [
    ...new Set(requests.filter((r) => isFollowUpSeries(r.row) && r.code === r.row.municipality_code).map((r) => r.row.id)),
  ];
  const programmes = new Map<string, () => Promise<{ year: number; count: number; example: boolean }[]>>();
  for (const r of requests) {
    const computed = programmeOf(r.row);
    if (computed) programmes.set(`${r.row.source_ref}|${r.code}`, () => computed.yearly(db, r.code));
  }
  const storedIds = [...new Set(stored.map((r) => r.row.id))];
  const storedCodes = [...new Set(stored.map((r) => r.code))];
  const [valueRows, cohortRows, reportRows, programmeRows] = await Promise.all([
    storedIds.length === 0
      ? []
      : db
          .selectFrom('indicator_value')
          .selectAll()
          // Every indicator × every municipality asked: a superset of the pairs when several are asked, filtered below.
          .where('indicator_id', 'in', storedIds)
          .where('municipality_code', 'in', storedCodes)
          .where('disaggregation_key', '=', '')
          .orderBy('period')
          .orderBy('id', 'desc')
          .execute(),
    cohortCodes.length === 0
      ? []
      : db.selectFrom('cohort').selectAll().where('municipality_code', 'in', cohortCodes).orderBy('year').execute(),
    followUpIds.length === 0
      ? []
      : db
          .selectFrom('report_task')
          .innerJoin('follow_up_cycle', 'follow_up_cycle.id', 'report_task.cycle_id')
          .innerJoin('indicator_link', 'indicator_link.item_id', 'report_task.item_id')
          .select([
            'indicator_link.indicator_id',
            'report_task.state',
            'follow_up_cycle.period_from',
            'follow_up_cycle.period_to',
            'follow_up_cycle.example',
            'report_task.target_value',
            'report_task.approved_at',
            'report_task.submitted_at',
          ])
          .where('indicator_link.indicator_id', 'in', followUpIds)
          .where('report_task.state', 'in', ['submitted', 'approved'])
          .where('report_task.target_value', 'is not', null)
          .orderBy('follow_up_cycle.period_from')
          .execute(),
    Promise.all([...programmes].map(async ([key, yearly]) => [key, await yearly()] as const)),
  ]);
  const yearlyOf = new Map(programmeRows);
  const valuesOf = groupBy(valueRows, (v) => `${v.indicator_id}|${v.municipality_code}`);
  const cohortsOf = groupBy(cohortRows, (c) => c.municipality_code);
  const reportsOf = groupBy(reportRows, (r) => r.indicator_id);
  const out: ValueView[][] = [];
  for (const { row, code, publicView } of requests) {
    if (isCohortSeries(row)) out.push(cohortSeries(row, cohortsOf.get(code) ?? [], publicView));
    else if (isFollowUpSeries(row))
      out.push(
        code === row.municipality_code
          ? followUpSeries(
              row,
              (reportsOf.get(row.id) ?? []).filter((r) => !publicView || r.state === 'approved'),
            )
          : [],
      );
    else {
      const computed = programmeOf(row);
      if (computed) {
        out.push(
          (yearlyOf.get(`${row.source_ref}|${code}`) ?? []).map((y) => ({
            id: null,
            period: String(y.year),
            value: y.count,
            source: computed.source,
            sourceNote: `${computed.note}${y.example ? ' – exempeldata' : ''}`,
            fetchedAt: null,
            recordedBy: 'beräknat',
            recordedAt: new Date().toISOString(),
            history: [],
          })),
        );
      } else out.push(storedSeries(valuesOf.get(`${row.id}|${code}`) ?? [], publicView));
    }
  }
  return out;
}

type CohortRow = Selectable<Database['cohort']>;
type ValueRow = Selectable<Database['indicator_value']>;

function cohortSeries(row: IndicatorRow, cohorts: CohortRow[], publicView: boolean): ValueView[] {
  const shares = cohortShares(
    cohorts.map<Cohort>((c) => ({
      year: c.year,
      size: c.size,
      selfSufficient12: c.self_sufficient_12,
      selfSufficient24: c.self_sufficient_24,
      resident12: c.resident_12,
    })),
    (row.source_ref ?? '').slice(7) as CohortMeasure,
    publicView,
  );
  return shares.map((s) => ({
    id: null,
    period: s.period,
    value: s.value,
    source: 'cohort',
    sourceNote: s.suppressed
      ? 'Färre än fem personer: visas inte.'
      : [`${s.count ?? '–'} av ${s.size} i kohorten`, cohorts.find((c) => String(c.year) === s.period)?.note].filter(Boolean).join('. '),
    fetchedAt: null,
    recordedBy: 'beräknat',
    recordedAt: new Date().toISOString(),
    history: [],
    suppressed: s.suppressed,
  }));
}

/** Stored values, by period then newest first: the current value of each period with the ones it corrected. */
function storedSeries(rows: ValueRow[], publicView: boolean): ValueView[] {
  const current = rows.filter((r) => r.superseded_at === null);
  const earlier = groupBy(
    rows.filter((h) => h.superseded_at !== null),
    (h) => h.period,
  );
  return current.map((r) => ({
    id: r.id,
    period: r.period,
    value: r.value,
    source: r.source,
    sourceNote: r.source_note,
    fetchedAt: iso(r.fetched_at),
    // Who typed a value in is the staff's business: the public reads that the municipality recorded it.
    recordedBy: publicView ? 'kommunen' : r.recorded_by,
    recordedAt: iso(r.recorded_at) as string,
    history: (earlier.get(r.period) ?? []).map((h) => ({
      value: h.value,
      source: h.source,
      recordedBy: publicView ? 'kommunen' : h.recorded_by,
      recordedAt: iso(h.recorded_at) as string,
      supersededAt: iso(h.superseded_at) as string,
    })),
  }));
}

/** A cycle's period as an indicator period: 2016, 2016H2, 2016Q3, 2016-03, or the year it ends in. */
export function periodCodeOf(period: { from: string; to: string }): string {
  const cadence = cadenceOf(period);
  const year = period.from.slice(0, 4);
  const month = Number(period.from.slice(5, 7));
  if (cadence === 'year') return year;
  if (cadence === 'half-year') return `${year}H${month === 1 ? 1 : 2}`;
  if (cadence === 'quarter') return `${year}Q${(month + 2) / 3}`;
  if (cadence === 'month') return period.from.slice(0, 7);
  return period.to.slice(0, 4);
}

/**
 * Values the units report in follow-up for the linked items' targets ("praktikplatser i år: 9"): per cycle,
 * the submitted or approved reports' values, summed over units (a share is averaged instead). Outside the
 * municipality only approved reports count: a submitted report is not yet public.
 */
function followUpSeries(
  row: IndicatorRow,
  reports: {
    period_from: string;
    period_to: string;
    example: boolean;
    target_value: number | null;
    approved_at: Date | null;
    submitted_at: Date | null;
  }[],
): ValueView[] {
  const byPeriod = groupBy(reports, (r) => periodCodeOf({ from: r.period_from, to: r.period_to }));
  const share = row.unit.includes('%');
  return [...byPeriod.entries()].map(([period, rs]) => {
    const values = rs.map((r) => r.target_value as number);
    const total = values.reduce((a, b) => a + b, 0);
    const last = rs
      .map((r) => r.approved_at ?? r.submitted_at)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => +new Date(b) - +new Date(a))[0];
    return {
      id: null,
      period,
      value: share ? Math.round((total / values.length) * 10) / 10 : total,
      source: 'report',
      sourceNote: `Rapporterat i uppföljningen (${values.length} ${values.length === 1 ? 'rapport' : 'rapporter'})${rs.some((r) => r.example) ? ' – exempeldata' : ''}`,
      fetchedAt: null,
      recordedBy: 'uppföljningen',
      recordedAt: last ? new Date(last).toISOString() : new Date().toISOString(),
      history: [],
    };
  });
}

function toSummary(row: IndicatorRow, latest: { period: string; value: number | null } | null, linkCount: number): IndicatorSummary {
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    title: row.title,
    unit: row.unit,
    definition: row.definition,
    direction: row.direction,
    sourceKind: row.source_kind,
    sourceRef: row.source_ref,
    decimals: row.decimals,
    compareWith: row.compare_with,
    version: row.version,
    latest,
    linkCount,
  };
}

export async function listIndicators(db: Executor, caller: Caller, code: string): Promise<IndicatorSummary[]> {
  await municipalityName(db, code);
  // Each indicator's link count looked up in its own index entries: counted over `indicator_id in (…)` for 200
  // indicators, the planner scans every municipality's links.
  const rows = await db
    .selectFrom('indicator')
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('indicator_link')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('indicator_link.indicator_id', '=', 'indicator.id')
        .as('link_count'),
    )
    .where('municipality_code', '=', code)
    .orderBy('title')
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const computedRows = rows.filter((r) => r.source_kind === 'computed');
  // A fixed number of queries for the whole list: the indicators, the stored values' latest, the computed series.
  const [stored, computed] = await Promise.all([
    db
      .selectFrom('indicator_value')
      .select(['indicator_id', 'period', 'value'])
      .where('indicator_id', 'in', ids)
      .where('municipality_code', '=', code)
      .where('disaggregation_key', '=', '')
      .where('superseded_at', 'is', null)
      .where('value', 'is not', null)
      .execute(),
    seriesOfMany(
      db,
      computedRows.map((row) => ({ row, code, publicView: !isMember(caller, code) })),
    ),
  ]);
  const storedOf = groupBy(stored, (v) => v.indicator_id);
  const computedOf = new Map(computedRows.map((row, i) => [row.id, computed[i] ?? []]));
  return rows.map(({ link_count: linkCount, ...row }) => {
    const series =
      row.source_kind === 'computed'
        ? (computedOf.get(row.id) ?? []).filter((v) => v.value !== null)
        : [...(storedOf.get(row.id) ?? [])].sort((a, b) => periodTime(a.period) - periodTime(b.period));
    const latest = series[series.length - 1];
    return toSummary(row, latest ? { period: latest.period, value: latest.value } : null, linkCount ?? 0);
  });
}

export async function getIndicator(db: Executor, caller: Caller, id: string): Promise<IndicatorDetail> {
  const row = await loadIndicator(db, id);
  return (await detailsOf(db, caller, [row]))[0] as IndicatorDetail;
}

/**
 * Several indicators in full (a page listing a municipality's indicators, the indicators of a plan), in a number of
 * queries that does not grow with how many are asked for; in the order asked, unknown ids left out.
 */
export async function getIndicators(db: Executor, caller: Caller, ids: string[]): Promise<IndicatorDetail[]> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return [];
  const found = new Map((await db.selectFrom('indicator').selectAll().where('id', 'in', wanted).execute()).map((r) => [r.id, r]));
  return detailsOf(
    db,
    caller,
    wanted.flatMap((id) => found.get(id) ?? []),
  );
}

async function detailsOf(db: Executor, caller: Caller, rows: IndicatorRow[]): Promise<IndicatorDetail[]> {
  if (rows.length === 0) return [];
  const own = rows.map((row) => ({ row, code: row.municipality_code, publicView: !isMember(caller, row.municipality_code) }));
  // Other municipalities' figures are always read as the public reads them.
  const compared = rows.flatMap((row) => row.compare_with.map((code) => ({ row, code, publicView: true })));
  const codes = [...new Set(rows.flatMap((r) => [r.municipality_code, ...r.compare_with]))];
  const [series, names, linkRows] = await Promise.all([
    seriesOfMany(db, [...own, ...compared]),
    db.selectFrom('municipality').select(['code', 'name']).where('code', 'in', codes).execute(),
    linkRowsOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  const nameOf = new Map(names.map((m) => [m.code, m.name]));
  const linksOf = groupBy(
    linkRows.filter((l) => canReadDocument(caller, { municipalityCode: l.municipality_code, status: l.document_status as 'draft' })),
    (l) => l.indicator_id,
  );
  let next = rows.length;
  return rows.map((row, i) => {
    const values = series[i] ?? [];
    const comparison = row.compare_with.map((code) => ({
      code,
      name: code === NATIONAL ? 'Riket' : (nameOf.get(code) ?? code),
      values: (series[next++] ?? []).map((v) => ({ period: v.period, value: v.value })),
    }));
    const links = (linksOf.get(row.id) ?? []).map((l) => toLinkView(l, row.direction, values));
    const latest = [...values].reverse().find((v) => v.value !== null) ?? null;
    return {
      ...toSummary(row, latest ? { period: latest.period, value: latest.value } : null, links.length),
      municipality: { code: row.municipality_code, name: nameOf.get(row.municipality_code) ?? row.municipality_code },
      values,
      comparison,
      links,
      canEdit: canEditPlan(caller, row.municipality_code),
    };
  });
}

/** The links of several indicators with their items and documents, by document title. */
function linkRowsOf(db: Executor, indicatorIds: string[]) {
  return db
    .selectFrom('indicator_link')
    .innerJoin('item', 'item.id', 'indicator_link.item_id')
    .innerJoin('document', 'document.id', 'item.document_id')
    .selectAll('indicator_link')
    .select([
      'item.label',
      'item.number',
      'item.text',
      'item.document_id',
      'document.title as document_title',
      'document.status as document_status',
      'document.municipality_code',
    ])
    .where('indicator_link.indicator_id', 'in', indicatorIds)
    .orderBy('document.title')
    .execute();
}

type LinkRow = {
  id: string;
  item_id: string;
  baseline_value: number | null;
  baseline_period: string | null;
  target_value: number | null;
  target_min: number | null;
  target_max: number | null;
  target_period: string | null;
  status_override: IndicatorStatus | null;
  status_reason: string | null;
  version: number;
  label: string;
  number: string | null;
  text: string;
  document_id: string;
  document_title: string;
};

/** Progress of one link: the baseline it states (or the series' first value), the latest value, its target. */
export function toLinkView(l: LinkRow, direction: Direction, values: { period: string; value: number | null }[]): LinkView {
  const known = values.filter((v): v is { period: string; value: number } => v.value !== null);
  const baseline =
    l.baseline_value !== null && l.baseline_period !== null
      ? { period: l.baseline_period, value: l.baseline_value }
      : known[0]
        ? { period: known[0].period, value: known[0].value }
        : null;
  const current = known.length > 0 ? (known[known.length - 1] as { period: string; value: number }) : null;
  const target = targetOf(
    { targetValue: l.target_value, targetMin: l.target_min, targetMax: l.target_max, targetPeriod: l.target_period },
    direction,
  );
  const progress = progressStatus(baseline, current, direction, target);
  const override = l.status_override ? { status: l.status_override, reason: l.status_reason ?? '' } : null;
  return {
    id: l.id,
    item: { id: l.item_id, documentId: l.document_id, documentTitle: l.document_title, reference: referenceOf(l), text: l.text },
    baseline,
    baselineStated: l.baseline_value !== null && l.baseline_period !== null,
    target: { value: l.target_value, min: l.target_min, max: l.target_max, period: l.target_period },
    progress,
    override,
    status: override?.status ?? progress.status,
    version: l.version,
  };
}

export async function createIndicator(db: Db, actor: Actor, code: string, input: IndicatorInput): Promise<IndicatorDetail> {
  if (!canEditPlan(actor, code)) throw forbidden('Bara samordnaren definierar indikatorer.');
  const problems = checkInput(input);
  if (problems.length > 0) fail(problems);
  return db.transaction().execute(async (trx) => {
    await municipalityName(trx, code);
    const clash = await trx
      .selectFrom('indicator')
      .select('id')
      .where('municipality_code', '=', code)
      .where('title', '=', input.title.trim())
      .executeTakeFirst();
    if (clash) throw invalid('/title', `Det finns redan en indikator som heter "${input.title.trim()}".`);
    const row = await trx
      .insertInto('indicator')
      .values({
        municipality_code: code,
        title: input.title.trim(),
        unit: input.unit.trim(),
        definition: input.definition?.trim() ?? '',
        direction: input.direction,
        source_kind: input.sourceKind,
        source_ref: input.sourceRef?.trim() || null,
        decimals: input.decimals ?? 1,
        compare_with: JSON.stringify(input.compareWith ?? []),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: 'indicator.create',
      entityType: 'indicator',
      entityId: row.id,
      before: null,
      after: input,
    });
    return getIndicator(trx, actor, row.id);
  });
}

export async function updateIndicator(
  db: Db,
  actor: Actor,
  id: string,
  input: Partial<IndicatorInput> & { version: number },
): Promise<IndicatorDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await loadIndicator(trx, id);
    if (!canEditPlan(actor, row.municipality_code)) throw forbidden('Bara samordnaren ändrar indikatorer.');
    await trx.selectFrom('indicator').select('id').where('id', '=', id).forUpdate().execute();
    if (row.version !== input.version) throw staleVersion('Indikatorn', await getIndicator(trx, actor, id));
    const problems = checkInput({ sourceKind: row.source_kind, sourceRef: row.source_ref, ...input });
    if (problems.length > 0) fail(problems);
    await trx
      .updateTable('indicator')
      .set({
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.unit !== undefined ? { unit: input.unit.trim() } : {}),
        ...(input.definition !== undefined ? { definition: input.definition.trim() } : {}),
        ...(input.direction !== undefined ? { direction: input.direction } : {}),
        ...(input.sourceKind !== undefined ? { source_kind: input.sourceKind } : {}),
        ...(input.sourceRef !== undefined ? { source_ref: input.sourceRef?.trim() || null } : {}),
        ...(input.decimals !== undefined ? { decimals: input.decimals } : {}),
        ...(input.compareWith !== undefined ? { compare_with: JSON.stringify(input.compareWith) } : {}),
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const { version, ...changes } = input;
    void version;
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'indicator.update',
      entityType: 'indicator',
      entityId: id,
      before: toSummary(row, null, 0),
      after: changes,
    });
    return getIndicator(trx, actor, id);
  });
}

export interface ValueInput {
  period: string;
  value: number | null;
  municipalityCode?: string | undefined;
  disaggregation?: Record<string, string> | undefined;
  source: ValueSource;
  sourceNote?: string | null | undefined;
  fetchedAt?: Date | null | undefined;
}

/**
 * Records values; a value for a period that already has one supersedes it (the old row stays, stamped), an
 * identical one is left alone. Returns how many were new, corrected and unchanged. Runs in the caller's transaction.
 */
export async function recordValues(
  trx: Executor,
  indicatorId: string,
  values: ValueInput[],
  recordedBy: string,
): Promise<{ added: number; corrected: number; unchanged: number }> {
  const result = { added: 0, corrected: 0, unchanged: 0 };
  const indicator = await trx.selectFrom('indicator').select('municipality_code').where('id', '=', indicatorId).executeTakeFirstOrThrow();
  for (const v of values) {
    const code = v.municipalityCode ?? indicator.municipality_code;
    const disaggregation = v.disaggregation ?? {};
    const key = disaggregationKey(disaggregation);
    const existing = await trx
      .selectFrom('indicator_value')
      .select(['id', 'value', 'source'])
      .where('indicator_id', '=', indicatorId)
      .where('municipality_code', '=', code)
      .where('period', '=', v.period)
      .where('disaggregation_key', '=', key)
      .where('superseded_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (existing && existing.value === v.value) {
      if (v.fetchedAt) await trx.updateTable('indicator_value').set({ fetched_at: v.fetchedAt }).where('id', '=', existing.id).execute();
      result.unchanged += 1;
      continue;
    }
    if (existing) await trx.updateTable('indicator_value').set({ superseded_at: new Date() }).where('id', '=', existing.id).execute();
    const inserted = await trx
      .insertInto('indicator_value')
      .values({
        indicator_id: indicatorId,
        municipality_code: code,
        period: v.period,
        disaggregation: JSON.stringify(disaggregation),
        disaggregation_key: key,
        value: v.value,
        source: v.source,
        source_note: v.sourceNote ?? null,
        fetched_at: v.fetchedAt ?? null,
        recorded_by: recordedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (existing) {
      await trx.updateTable('indicator_value').set({ superseded_by: inserted.id }).where('id', '=', existing.id).execute();
      result.corrected += 1;
    } else result.added += 1;
  }
  return result;
}

export async function enterValues(db: Db, actor: Actor, id: string, values: Omit<ValueInput, 'source'>[], source: ValueSource = 'manual') {
  const problems: FieldProblem[] = [];
  for (const [i, v] of values.entries()) {
    if (!PERIOD.test(v.period))
      problems.push({ path: `/values/${i}/period`, message: `"${v.period}" är ingen period (2016, 2016H1, 2016Q2 eller 2016-03).` });
    if (v.value !== null && !Number.isFinite(v.value)) problems.push({ path: `/values/${i}/value`, message: 'Värdet måste vara ett tal.' });
    if (v.municipalityCode !== undefined && !/^\d{4}$/.test(v.municipalityCode))
      problems.push({ path: `/values/${i}/municipalityCode`, message: `"${v.municipalityCode}" är ingen kommunkod.` });
  }
  if (problems.length > 0) fail(problems);
  return db.transaction().execute(async (trx) => {
    const row = await loadIndicator(trx, id);
    if (!canEditPlan(actor, row.municipality_code)) throw forbidden('Bara samordnaren för in värden.');
    if (row.source_kind === 'computed') throw invalid('/values', 'Indikatorn beräknas; dess värden förs inte in för hand.');
    const result = await recordValues(
      trx,
      id,
      values.map((v) => ({ ...v, source })),
      actor.username,
    );
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'indicator.values',
      entityType: 'indicator',
      entityId: id,
      before: null,
      after: { source, values, result },
    });
    return result;
  });
}

export interface LinkInput {
  itemId: string;
  baselineValue?: number | null | undefined;
  baselinePeriod?: string | null | undefined;
  targetValue?: number | null | undefined;
  targetMin?: number | null | undefined;
  targetMax?: number | null | undefined;
  targetPeriod?: string | null | undefined;
  statusOverride?: IndicatorStatus | null | undefined;
  statusReason?: string | null | undefined;
}

function checkLink(input: Partial<LinkInput>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of ['baselinePeriod', 'targetPeriod'] as const) {
    const v = input[key];
    if (v && !PERIOD.test(v)) problems.push({ path: `/${key}`, message: `"${v}" är ingen period (2016, 2016H1, 2016Q2 eller 2016-03).` });
  }
  if ((input.baselineValue ?? null) !== null && !input.baselinePeriod)
    problems.push({ path: '/baselinePeriod', message: 'Ange året för utgångsvärdet.' });
  if (input.targetMin != null && input.targetMax != null && input.targetMin > input.targetMax)
    problems.push({ path: '/targetMax', message: 'Intervallets övre gräns är lägre än den undre.' });
  if (input.statusOverride && !input.statusReason?.trim())
    problems.push({ path: '/statusReason', message: 'Skriv varför statusen sätts för hand.' });
  return problems;
}

const linkColumns = (input: Partial<LinkInput>) => ({
  ...(input.baselineValue !== undefined ? { baseline_value: input.baselineValue } : {}),
  ...(input.baselinePeriod !== undefined ? { baseline_period: input.baselinePeriod || null } : {}),
  ...(input.targetValue !== undefined ? { target_value: input.targetValue } : {}),
  ...(input.targetMin !== undefined ? { target_min: input.targetMin } : {}),
  ...(input.targetMax !== undefined ? { target_max: input.targetMax } : {}),
  ...(input.targetPeriod !== undefined ? { target_period: input.targetPeriod || null } : {}),
  ...(input.statusOverride !== undefined ? { status_override: input.statusOverride } : {}),
  ...(input.statusReason !== undefined ? { status_reason: input.statusReason?.trim() || null } : {}),
});

export async function linkIndicator(db: Db, actor: Actor, id: string, input: LinkInput): Promise<LinkView> {
  const problems = checkLink(input);
  if (problems.length > 0) fail(problems);
  return db.transaction().execute(async (trx) => {
    const row = await loadIndicator(trx, id);
    if (!canEditPlan(actor, row.municipality_code)) throw forbidden('Bara samordnaren kopplar indikatorer till planen.');
    const item = isUuid(input.itemId)
      ? await trx
          .selectFrom('item')
          .innerJoin('document', 'document.id', 'item.document_id')
          .select(['item.id', 'item.text', 'item.target', 'item.due', 'item.period_to', 'document.municipality_code', 'document.valid_to'])
          .where('item.id', '=', input.itemId)
          .executeTakeFirst()
      : undefined;
    if (!item || item.municipality_code !== row.municipality_code) throw invalid('/itemId', 'Punkten finns inte i kommunens planer.');
    // Without a target of its own, the link takes the one the plan states: its structured target, or one read from its words.
    if (input.targetValue === undefined && input.targetMin === undefined && input.targetMax === undefined) {
      const stated = item.target ?? parseTarget(item.text);
      if (stated) {
        input = {
          ...input,
          targetValue: stated.value ?? null,
          targetMin: stated.min ?? null,
          targetMax: stated.max ?? null,
          targetPeriod: input.targetPeriod ?? (stated.by ?? item.due ?? item.period_to ?? item.valid_to)?.slice(0, 4) ?? null,
        };
      }
    }
    const clash = await trx
      .selectFrom('indicator_link')
      .select('id')
      .where('indicator_id', '=', id)
      .where('item_id', '=', input.itemId)
      .executeTakeFirst();
    if (clash) throw invalid('/itemId', 'Indikatorn är redan kopplad till den punkten.');
    const link = await trx
      .insertInto('indicator_link')
      .values({ indicator_id: id, item_id: input.itemId, ...linkColumns(input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'indicator.link',
      entityType: 'indicator_link',
      entityId: link.id,
      before: null,
      after: input,
    });
    return (await getIndicator(trx, actor, id)).links.find((l) => l.id === link.id) as LinkView;
  });
}

export async function updateLink(db: Db, actor: Actor, linkId: string, input: Partial<LinkInput> & { version: number }): Promise<LinkView> {
  return db.transaction().execute(async (trx) => {
    const link = isUuid(linkId)
      ? await trx.selectFrom('indicator_link').selectAll().where('id', '=', linkId).forUpdate().executeTakeFirst()
      : undefined;
    if (!link) throw notFound('Kopplingen');
    const row = await loadIndicator(trx, link.indicator_id);
    if (!canEditPlan(actor, row.municipality_code)) throw forbidden();
    const current = (await getIndicator(trx, actor, row.id)).links.find((l) => l.id === linkId);
    if (link.version !== input.version) throw staleVersion('Kopplingen', current ?? null);
    const merged = {
      baselineValue: link.baseline_value,
      baselinePeriod: link.baseline_period,
      targetMin: link.target_min,
      targetMax: link.target_max,
      statusOverride: link.status_override,
      statusReason: link.status_reason,
      ...input,
    };
    const problems = checkLink(merged);
    if (problems.length > 0) fail(problems);
    await trx
      .updateTable('indicator_link')
      .set({ ...linkColumns(input), version: link.version + 1, updated_at: new Date() })
      .where('id', '=', linkId)
      .execute();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'indicator.link.update',
      entityType: 'indicator_link',
      entityId: linkId,
      before: current ?? null,
      after: input,
    });
    return (await getIndicator(trx, actor, row.id)).links.find((l) => l.id === linkId) as LinkView;
  });
}

export async function unlink(db: Db, actor: Actor, linkId: string, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const link = isUuid(linkId)
      ? await trx.selectFrom('indicator_link').selectAll().where('id', '=', linkId).forUpdate().executeTakeFirst()
      : undefined;
    if (!link) throw notFound('Kopplingen');
    const row = await loadIndicator(trx, link.indicator_id);
    if (!canEditPlan(actor, row.municipality_code)) throw forbidden();
    if (link.version !== version)
      throw staleVersion('Kopplingen', (await getIndicator(trx, actor, row.id)).links.find((l) => l.id === linkId) ?? null);
    await trx.deleteFrom('indicator_link').where('id', '=', linkId).execute();
    await recordAudit(trx, actor, {
      municipalityCode: row.municipality_code,
      action: 'indicator.unlink',
      entityType: 'indicator_link',
      entityId: linkId,
      before: link,
      after: null,
    });
  });
}

/** The indicators linked to a plan's items, each once, in full. */
export async function linkedIndicators(db: Executor, caller: Caller, documentId: string): Promise<IndicatorDetail[]> {
  const doc = isUuid(documentId)
    ? await db.selectFrom('document').select(['municipality_code', 'status']).where('id', '=', documentId).executeTakeFirst()
    : undefined;
  if (!doc || !canReadDocument(caller, { municipalityCode: doc.municipality_code, status: doc.status as 'draft' }))
    throw notFound('Styrdokumentet');
  // The plan's items as one array: joined instead, the planner hashes every municipality's links for one plan's.
  const ids = await db
    .selectFrom('indicator_link')
    .select('indicator_link.indicator_id')
    .distinct()
    .where(
      'indicator_link.item_id',
      '=',
      sql<string>`any(array(${db.selectFrom('item').select('id').where('document_id', '=', documentId)}))`,
    )
    .orderBy('indicator_link.indicator_id')
    .execute();
  return getIndicators(
    db,
    caller,
    ids.map((i) => i.indicator_id),
  );
}

/** Every indicator linked to a plan's items, with its latest value and status: the plan view shows them inline. */
export async function indicatorsOfPlan(db: Executor, caller: Caller, documentId: string) {
  return (await linkedIndicators(db, caller, documentId)).flatMap((detail) =>
    detail.links
      .filter((l) => l.item.documentId === documentId)
      .map((link) => ({
        itemId: link.item.id,
        indicatorId: detail.id,
        title: detail.title,
        unit: detail.unit,
        decimals: detail.decimals,
        latest: detail.latest,
        status: link.status,
        /** Why there is no status. */
        reason: link.status === null && link.progress.status === null ? link.progress.reason : null,
        linkId: link.id,
      })),
  );
}

export interface CohortInput {
  size: number;
  selfSufficient12: number | null;
  selfSufficient24: number | null;
  resident12: number | null;
  note?: string | null | undefined;
  version: number | null;
}

export async function listCohorts(db: Executor, caller: Caller, code: string) {
  if (!isMember(caller, code)) throw forbidden('Kohorterna visas för kommunens egna användare; andelarna finns på indikatorsidorna.');
  const rows = await db.selectFrom('cohort').selectAll().where('municipality_code', '=', code).orderBy('year').execute();
  return rows.map((r) => ({
    year: r.year,
    size: r.size,
    selfSufficient12: r.self_sufficient_12,
    selfSufficient24: r.self_sufficient_24,
    resident12: r.resident_12,
    note: r.note,
    version: r.version,
  }));
}

export async function saveCohort(
  db: Db,
  actor: Actor,
  code: string,
  year: number,
  input: CohortInput,
  check: (c: Cohort) => FieldProblem[],
) {
  const problems = check({
    year,
    size: input.size,
    selfSufficient12: input.selfSufficient12,
    selfSufficient24: input.selfSufficient24,
    resident12: input.resident12,
  });
  if (problems.length > 0) fail(problems);
  return db.transaction().execute(async (trx) => {
    if (!canEditPlan(actor, code)) throw forbidden('Bara samordnaren för in kohorter.');
    await municipalityName(trx, code);
    const existing = await trx
      .selectFrom('cohort')
      .selectAll()
      .where('municipality_code', '=', code)
      .where('year', '=', year)
      .forUpdate()
      .executeTakeFirst();
    if ((existing?.version ?? null) !== input.version)
      throw staleVersion('Kohorten', (await listCohorts(trx, actor, code)).find((c) => c.year === year) ?? null);
    const values = {
      size: input.size,
      self_sufficient_12: input.selfSufficient12,
      self_sufficient_24: input.selfSufficient24,
      resident_12: input.resident12,
      note: input.note?.trim() || null,
      updated_at: new Date(),
    };
    if (existing)
      await trx
        .updateTable('cohort')
        .set({ ...values, version: existing.version + 1 })
        .where('id', '=', existing.id)
        .execute();
    else
      await trx
        .insertInto('cohort')
        .values({ ...values, municipality_code: code, year })
        .execute();
    await recordAudit(trx, actor, {
      municipalityCode: code,
      action: 'cohort.save',
      entityType: 'cohort',
      entityId: `${code}/${year}`,
      before: existing ?? null,
      after: values,
    });
    return (await listCohorts(trx, actor, code)).find((c) => c.year === year);
  });
}
