import { combineFacts } from '../follow-up/history.ts';
import { summarize, type GroupSummary, type ReportFacts } from '../follow-up/rollup.ts';
import {
  lightOfAssessment,
  lightOfStatus,
  reportStatuses,
  type Assessment,
  type Light,
  type ReportState,
  type ReportStatus,
} from '../follow-up/words.ts';
import type { Tree } from '../plans/model.ts';
import type { Target } from '../plans/outline.ts';

/**
 * What the public may know about a plan's progress, from its follow-up cycles. No I/O.
 * Only approved reports count: a draft, a submitted or a returned report is the unit's and the coordinator's
 * working material until approved, so it is dropped here even if the caller handed it in by mistake.
 */

export interface CycleInfo {
  id: string;
  label: string;
  from: string;
  to: string;
  state: 'open' | 'closed';
  example: boolean;
}

export interface TaskInfo {
  cycleId: string;
  /** The item of the plan shown, reached through earlier editions' items where the plan was revised. */
  itemId: string;
  unitName: string | null;
  occurrence: string | null;
  state: ReportState;
  status: ReportStatus | null;
  progress: number | null;
  narrative: string;
  targetValue: number | null;
}

export interface AssessmentInfo {
  cycleId: string;
  itemId: string;
  value: Assessment;
  rationale: string;
}

export type PublicStatus = ReportStatus | 'not_reported';
export const publicStatuses: readonly PublicStatus[] = [...reportStatuses, 'not_reported'];

export interface ApprovedReport {
  unitName: string | null;
  occurrence: string | null;
  status: ReportStatus | null;
  progress: number | null;
  narrative: string;
  targetValue: number | null;
}

/** An item's standing in one cycle, from the approved reports on it in that cycle. */
export interface Standing {
  cycle: CycleInfo;
  status: ReportStatus | null;
  progress: number | null;
  targetValue: number | null;
  light: Light;
  reports: ApprovedReport[];
}

export interface ItemProgress {
  itemId: string;
  /** Whether any cycle shown held a report task for the item (approved or not): only such items have a status. */
  followed: boolean;
  /** The standing from the latest cycle with an approved report on the item. */
  latest: Standing | null;
  /** Per cycle id, oldest first. */
  history: Map<string, Standing>;
  assessment: { cycle: CycleInfo; value: Assessment; rationale: string; light: Light } | null;
  /** The status to show and filter by: the latest approved one, or not reported when followed without one. */
  status: PublicStatus | null;
}

export interface PlanProgress {
  /** Cycles with at least one approved report, oldest first, up to the chosen one. */
  cycles: CycleInfo[];
  /** Every cycle with an approved report, oldest first: the ones a reader can choose. */
  allCycles: CycleInfo[];
  asOf: CycleInfo | null;
  items: Map<string, ItemProgress>;
  summary: GroupSummary;
}

const byPeriod = (a: CycleInfo, b: CycleInfo) => a.to.localeCompare(b.to) || a.from.localeCompare(b.from) || a.id.localeCompare(b.id);

/**
 * The cycles the public sees: those with an approved report, oldest first. With `asOfId`, only that cycle and
 * the ones that ended before it, so an earlier state can be shown and shared; an unknown id gives null.
 */
export function publicCycles(
  cycles: CycleInfo[],
  tasks: TaskInfo[],
  asOfId?: string | null,
): { cycles: CycleInfo[]; asOf: CycleInfo | null } | null {
  const withApproved = new Set(tasks.filter((t) => t.state === 'approved').map((t) => t.cycleId));
  const shown = cycles.filter((c) => withApproved.has(c.id)).sort(byPeriod);
  if (!asOfId) return { cycles: shown, asOf: null };
  const asOf = shown.find((c) => c.id === asOfId);
  if (!asOf) return null;
  return { cycles: shown.filter((c) => byPeriod(c, asOf) <= 0), asOf };
}

/** One cycle's approved reports on an item as one standing: the least advanced status, the mean progress. */
export function standingOf(cycle: CycleInfo, reports: ApprovedReport[]): Standing | null {
  const facts = combineFacts(reports);
  if (!facts || facts.status === null) return null;
  return {
    cycle,
    status: facts.status,
    progress: facts.progress,
    targetValue: facts.targetValue,
    light: lightOfStatus[facts.status],
    reports,
  };
}

/**
 * Every item's progress as of the chosen cycle (or the latest), and the plan's summary: the counts per status
 * and the overall progress, over the items the cycles followed, one item one vote.
 */
export function planProgress(input: {
  cycles: CycleInfo[];
  tasks: TaskInfo[];
  assessments: AssessmentInfo[];
  targets: Map<string, Target | null>;
  asOfId?: string | null;
}): PlanProgress | null {
  const chosen = publicCycles(input.cycles, input.tasks, input.asOfId);
  if (!chosen) return null;
  const cycleById = new Map(chosen.cycles.map((c) => [c.id, c]));
  const items = new Map<string, ItemProgress>();
  const entry = (itemId: string): ItemProgress => {
    let found = items.get(itemId);
    if (!found) {
      found = { itemId, followed: false, latest: null, history: new Map(), assessment: null, status: null };
      items.set(itemId, found);
    }
    return found;
  };
  const approved = new Map<string, ApprovedReport[]>();
  for (const t of input.tasks) {
    if (!cycleById.has(t.cycleId)) continue;
    entry(t.itemId).followed = true;
    if (t.state !== 'approved') continue;
    const key = `${t.itemId}|${t.cycleId}`;
    const list = approved.get(key) ?? [];
    list.push({
      unitName: t.unitName,
      occurrence: t.occurrence,
      status: t.status,
      progress: t.progress,
      narrative: t.narrative,
      targetValue: t.targetValue,
    });
    approved.set(key, list);
  }
  for (const item of items.values())
    for (const cycle of chosen.cycles) {
      const standing = standingOf(cycle, approved.get(`${item.itemId}|${cycle.id}`) ?? []);
      if (standing) {
        item.history.set(cycle.id, standing);
        item.latest = standing;
      }
    }
  for (const a of input.assessments) {
    const cycle = cycleById.get(a.cycleId);
    if (!cycle) continue;
    const item = entry(a.itemId);
    if (!item.assessment || byPeriod(item.assessment.cycle, cycle) < 0)
      item.assessment = { cycle, value: a.value, rationale: a.rationale, light: lightOfAssessment[a.value] };
  }
  const facts: (ReportFacts & { target: Target | null })[] = [];
  for (const item of items.values()) {
    if (!item.followed) continue;
    item.status = item.latest?.status ?? 'not_reported';
    facts.push({
      itemId: item.itemId,
      state: item.latest ? 'approved' : 'open',
      status: item.latest?.status ?? null,
      progress: item.latest?.progress ?? null,
      targetValue: item.latest?.targetValue ?? null,
      target: input.targets.get(item.itemId) ?? null,
    });
  }
  const goalAssessments = [...items.values()].flatMap((i) => (i.assessment ? [i.assessment.value] : []));
  return {
    cycles: chosen.cycles,
    allCycles: publicCycles(input.cycles, input.tasks)?.cycles ?? [],
    asOf: chosen.asOf,
    items,
    summary: summarize(facts, goalAssessments),
  };
}

/**
 * Reports on an earlier edition's item belong to the item of this edition that was copied from it. Returns, for
 * every item id of the series, the id of this edition's item it leads to (this edition's own items to themselves).
 */
export function itemsLeadingTo(items: { id: string; originItemId: string | null }[], currentIds: Iterable<string>): Map<string, string> {
  const origin = new Map(items.map((i) => [i.id, i.originItemId]));
  const out = new Map<string, string>();
  for (const id of currentIds) {
    let at: string | null = id;
    // The bound guards against a loop in bad data.
    for (let step = 0; at !== null && step < 50 && !out.has(at); step++) {
      out.set(at, id);
      at = origin.get(at) ?? null;
    }
  }
  return out;
}

export type ViewMode = 'alla' | 'mal';

export interface ViewOptions {
  view: ViewMode;
  status: PublicStatus | null;
  cycleId: string | null;
}

/** The query keys a shared link carries, and what each may hold. */
export type ViewProblem = { key: 'visa' | 'status' | 'cykel'; value: string };

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Reads the view from the address; an empty field means "not chosen", as a submitted form sends it. */
export function parseView(query: Record<string, string | string[] | undefined>): ViewOptions | ViewProblem {
  const visa = single(query.visa) ?? '';
  const status = single(query.status) ?? '';
  const cykel = single(query.cykel) ?? '';
  if (visa !== '' && visa !== 'alla' && visa !== 'mal') return { key: 'visa', value: visa };
  if (status !== '' && !(publicStatuses as readonly string[]).includes(status)) return { key: 'status', value: status };
  if (cykel !== '' && !/^[0-9a-f-]{36}$/i.test(cykel)) return { key: 'cykel', value: cykel };
  return { view: visa === 'mal' ? 'mal' : 'alla', status: (status || null) as PublicStatus | null, cycleId: cykel || null };
}

/** The query string that reproduces a view, without the defaults, so the plain address stays the plain address. */
export function viewQuery(view: ViewOptions, keep: ('visa' | 'status' | 'cykel')[] = ['visa', 'status', 'cykel']): string {
  const params = new URLSearchParams();
  if (keep.includes('visa') && view.view !== 'alla') params.set('visa', view.view);
  if (keep.includes('status') && view.status) params.set('status', view.status);
  if (keep.includes('cykel') && view.cycleId) params.set('cykel', view.cycleId);
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface ShownItem {
  id: string;
  kind: 'vision' | 'area' | 'goal' | 'activity' | 'note';
}

/**
 * Which items a view shows. Goals only: no activities and no running text. A status filter keeps the items with
 * that status and, as headings to read them under, the items above them.
 */
export function shownItems<T extends ShownItem>(
  roots: Tree<T>[],
  view: ViewOptions,
  statusOf: (id: string) => PublicStatus | null,
): Set<string> {
  const shown = new Set<string>();
  const visit = (node: Tree<T>): boolean => {
    const kind = node.item.kind;
    if (view.view === 'mal' && (kind === 'activity' || kind === 'note')) return false;
    let any = false;
    for (const child of node.children) if (visit(child)) any = true;
    const matches = view.status === null ? true : statusOf(node.item.id) === view.status;
    if (view.status !== null && kind === 'note') return false;
    if (matches || any) {
      shown.add(node.item.id);
      return true;
    }
    return false;
  };
  for (const root of roots) visit(root);
  return shown;
}
