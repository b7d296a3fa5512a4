import { groupBy } from '../../kernel/collections.ts';
import type { DocumentRow, ItemRow } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.ts';
import { buildTree, type Tree } from './model.ts';
import type {
  Adoption,
  DocumentKind,
  DocumentStatus,
  FollowUpRule,
  ItemKind,
  OutlineNode,
  Period,
  PlanOutline,
  Target,
} from './outline.ts';
import * as q from './queries.ts';

export interface Responsibility {
  unitId: string;
  name: string;
  abbreviation: string | null;
  role: 'lead' | 'contributor';
}

export interface ItemView {
  id: string;
  documentId: string;
  parentId: string | null;
  position: number;
  kind: ItemKind;
  label: string;
  number: string | null;
  text: string;
  due: string | null;
  recurrence: string | null;
  period: Period | null;
  target: Target | null;
  frameworks: string[];
  responsible: Responsibility[];
  version: number;
  updatedAt: string;
}

export interface DocumentView {
  id: string;
  municipality: { code: string; name: string };
  title: string;
  kind: DocumentKind;
  status: DocumentStatus;
  adopted: Adoption | null;
  decided: Adoption | null;
  documentDate: string | null;
  valid: { from: string | null; to: string | null };
  revision: { everyYears: number | null; text?: string | null } | null;
  followUp: FollowUpRule[];
  levels: string[];
  matrixColumns: string[];
  frameworks: string[];
  source: { file: string; note?: string | null } | null;
  version: number;
  updatedAt: string;
}

export function toDocumentView(row: DocumentRow, municipalityName: string): DocumentView {
  return {
    id: row.id,
    municipality: { code: row.municipality_code, name: municipalityName },
    title: row.title,
    kind: row.kind as DocumentKind,
    status: row.status as DocumentStatus,
    adopted: row.adopted,
    decided: row.decided,
    documentDate: row.document_date,
    valid: { from: row.valid_from, to: row.valid_to },
    revision: row.revision,
    followUp: row.follow_up as FollowUpRule[],
    levels: row.levels,
    matrixColumns: row.matrix_columns,
    frameworks: row.frameworks,
    source: row.source,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

type ResponsibilityRow = Awaited<ReturnType<typeof q.listResponsibilityOfItem>>[number];

export function toItemView(
  row: Pick<ItemRow, (typeof q.itemViewColumns)[number]>,
  responsibility: ResponsibilityRow[],
  frameworks: string[],
): ItemView {
  return {
    id: row.id,
    documentId: row.document_id,
    parentId: row.parent_id,
    position: row.position,
    kind: row.kind as ItemKind,
    label: row.label,
    number: row.number,
    text: row.text,
    due: row.due,
    recurrence: row.recurrence,
    period: row.period_from || row.period_to ? { from: row.period_from, to: row.period_to } : null,
    target: row.target,
    frameworks,
    responsible: responsibility.map((r) => ({
      unitId: r.unit_id,
      name: r.name,
      abbreviation: r.abbreviation,
      role: r.role as Responsibility['role'],
    })),
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function loadItemView(db: Executor, itemId: string): Promise<ItemView | undefined> {
  const row = await db.selectFrom('item').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (!row) return undefined;
  const [responsibility, links] = await Promise.all([q.listResponsibilityOfItem(db, itemId), q.listFrameworkLinksOfItem(db, itemId)]);
  return toItemView(
    row,
    responsibility,
    links.map((l) => l.framework_item_id),
  );
}

/** Every item of a plan with its responsibility and links, in three queries whatever the plan's size. */
export async function loadItemViews(db: Executor, documentId: string): Promise<ItemView[]> {
  const [rows, responsibility, links] = await Promise.all([
    q.listItemViewRowsOf(db, documentId),
    q.listResponsibilityOfDocument(db, documentId),
    q.listFrameworkLinksOfDocument(db, documentId),
  ]);
  const respByItem = groupBy(responsibility, (r) => r.item_id);
  const linksByItem = groupBy(links, (l) => l.item_id);
  return rows.map((row) =>
    toItemView(
      row,
      respByItem.get(row.id) ?? [],
      (linksByItem.get(row.id) ?? []).map((l) => l.framework_item_id),
    ),
  );
}

/** What a node of plan-outline/1 is made from: an item view has it all, and so has the outline's own read below. */
export type OutlineItem = Pick<
  ItemView,
  | 'id'
  | 'parentId'
  | 'position'
  | 'kind'
  | 'label'
  | 'number'
  | 'text'
  | 'due'
  | 'recurrence'
  | 'period'
  | 'target'
  | 'frameworks'
  | 'version'
> & { responsible: Pick<Responsibility, 'name' | 'role'>[] };

/**
 * A plan's items as the outline needs them, in one statement: responsibility and framework links come along as
 * arrays per item. The outline is the largest read of the staff app (a 300-item plan is ~140 kB of JSON), and each
 * round trip to PostgreSQL costs the server's one thread more than the rows it brings (docs/performance.md), so the
 * three reads of loadItemViews are one here, without the columns the outline does not show.
 */
export async function loadOutlineItems(db: Executor, documentId: string): Promise<OutlineItem[]> {
  const rows = await q.listOutlineRowsOf(db, documentId);
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parent_id,
    position: row.position,
    kind: row.kind as ItemKind,
    label: row.label,
    number: row.number,
    text: row.text,
    due: row.due,
    recurrence: row.recurrence,
    period: row.period_from || row.period_to ? { from: row.period_from, to: row.period_to } : null,
    target: row.target,
    frameworks: row.frameworks,
    responsible: row.responsible,
    version: row.version,
  }));
}

function toOutlineNode(tree: Tree<OutlineItem>): OutlineNode {
  const { item } = tree;
  const contributors = item.responsible.filter((r) => r.role === 'contributor').map((r) => r.name);
  return {
    id: item.id,
    version: item.version,
    kind: item.kind,
    label: item.label,
    number: item.number,
    text: item.text,
    responsible: [...item.responsible.filter((r) => r.role === 'lead'), ...item.responsible.filter((r) => r.role === 'contributor')].map(
      (r) => r.name,
    ),
    ...(contributors.length > 0 ? { contributors } : {}),
    due: item.due,
    recurrence: item.recurrence,
    period: item.period,
    target: item.target,
    frameworks: item.frameworks,
    children: tree.children.map(toOutlineNode),
  };
}

export function toOutline(
  document: DocumentView,
  items: OutlineItem[],
  units: { name: string; kind: string; abbreviation: string | null }[],
): PlanOutline {
  const used = new Set(items.flatMap((i) => i.responsible.map((r) => r.name)));
  const columns = new Set(document.matrixColumns);
  return {
    format: 'plan-outline/1',
    municipality: document.municipality,
    title: document.title,
    kind: document.kind,
    status: document.status,
    adopted: document.adopted,
    decided: document.decided,
    documentDate: document.documentDate,
    valid: document.valid,
    revision: document.revision,
    followUp: document.followUp,
    levels: document.levels,
    units: units
      .filter((u) => used.has(u.name) || columns.has(u.name) || (u.abbreviation !== null && columns.has(u.abbreviation)))
      .map((u) => ({ name: u.name, kind: u.kind as 'unit', ...(u.abbreviation ? { abbreviation: u.abbreviation } : {}) })),
    matrixColumns: document.matrixColumns,
    frameworks: document.frameworks,
    source: document.source,
    nodes: buildTree(items).map(toOutlineNode),
  };
}
