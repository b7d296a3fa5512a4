/** The typed HTTP client of docs/api.md. Errors arrive as ApiError carrying the server's code, field details and, on conflict, the saved object. */
export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly current?: unknown,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'accept-language': document.documentElement.lang,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      String(data.error ?? 'error'),
      String(data.message ?? response.statusText),
      (data.details as FieldProblem[] | undefined) ?? [],
      data.current,
    );
  }
  return data as T;
}

export type Role = 'admin' | 'coordinator' | 'reporter' | 'reader';
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  municipalityCode: string | null;
  unitIds: string[];
}
export interface Municipality {
  code: string;
  name: string;
  county: string;
  documentCount: number;
}
export interface Adoption {
  body: string | null;
  date: string | null;
  paragraph: string | null;
  dnr: string | null;
}
export interface DocumentSummary {
  id: string;
  title: string;
  kind: string;
  status: 'draft' | 'proposed' | 'adopted';
  adopted: Adoption | null;
  valid: { from: string | null; to: string | null };
  itemCount: number;
  version: number;
}
export interface DocumentView extends Omit<DocumentSummary, 'itemCount'> {
  municipality: { code: string; name: string };
  decided: Adoption | null;
  documentDate: string | null;
  revision: { everyYears: number | null; text?: string | null } | null;
  followUp: { every: 'year' | 'half-year' | 'quarter' | 'month'; reportTo: string | null; text?: string | null }[];
  levels: string[];
  matrixColumns: string[];
  frameworks: string[];
}
export interface Unit {
  id: string;
  municipalityCode: string;
  name: string;
  kind: 'committee' | 'administration' | 'unit' | 'company' | 'partner';
  abbreviation: string | null;
  version: number;
}
export interface Target {
  value?: number | null;
  min?: number | null;
  max?: number | null;
  unit: string;
  per?: 'year' | 'half-year' | 'quarter' | 'month' | null;
  by?: string | null;
  text?: string | null;
}
export type ItemKind = 'vision' | 'area' | 'goal' | 'activity' | 'note';
export interface OutlineNode {
  id: string;
  version: number;
  kind: ItemKind;
  label: string;
  number?: string | null;
  text: string;
  responsible: string[];
  contributors?: string[];
  due: string | null;
  recurrence: string | null;
  period?: { from: string | null; to: string | null } | null;
  target?: Target | null;
  frameworks: string[];
  children: OutlineNode[];
}
export interface Outline {
  title: string;
  nodes: OutlineNode[];
  units?: { name: string; kind: string; abbreviation?: string | null }[];
}
export interface ItemView {
  id: string;
  parentId: string | null;
  position: number;
  kind: ItemKind;
  label: string;
  number: string | null;
  text: string;
  due: string | null;
  recurrence: string | null;
  period: { from: string | null; to: string | null } | null;
  target: Target | null;
  frameworks: string[];
  responsible: { unitId: string; name: string; abbreviation: string | null; role: 'lead' | 'contributor' }[];
  version: number;
}
export interface Matrix {
  columns: { unitId: string; name: string; abbreviation: string | null; kind: string }[];
  rows: {
    itemId: string;
    version: number;
    kind: string;
    label: string;
    number: string | null;
    text: string;
    depth: number;
    cells: Record<string, 'lead' | 'contributor'>;
  }[];
}
export interface Bilingual {
  sv: string;
  en: string;
}
export interface LinkedItem {
  itemId: string;
  label: string;
  number: string | null;
  text: string;
}
export interface Coverage {
  frameworks: {
    id: string;
    title: Bilingual;
    source: Bilingual;
    linkedItems: LinkedItem[];
    items: { id: string; number: number; short: Bilingual; text: Bilingual; linkedItems: LinkedItem[] }[];
    uncovered: string[];
  }[];
  documentLinks: string[];
}
export interface FrameworkCatalogue {
  frameworks: { id: string; title: Bilingual; items: { id: string; number: number; short: Bilingual; text: Bilingual }[] }[];
}
export interface AuditRecord {
  id: number;
  at: string;
  username: string;
  municipalityCode: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}
