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

  /** The field problems by their JSON path ("/title" → message), as forms show them beside the field. */
  get problems(): Record<string, string> {
    return Object.fromEntries(this.details.map((d) => [d.path, d.message]));
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
  if (!response.ok) throw apiError(response.status, response.statusText, data);
  return data as T;
}

/** The server's refusal `{ error, message, details?, current? }` as an ApiError. */
function apiError(status: number, statusText: string, data: Record<string, unknown>): ApiError {
  return new ApiError(
    status,
    String(data.error ?? 'error'),
    String(data.message ?? statusText),
    (data.details as FieldProblem[] | undefined) ?? [],
    data.current,
  );
}

/**
 * Sends one file (multipart, field "file") with XMLHttpRequest, which alone reports upload progress; `onSent` tells
 * when the bytes are out and the server is working. A refusal comes back as an ApiError, as from `api`.
 */
export function uploadFile<T>(
  url: string,
  file: File,
  progress: { onProgress?: (percent: number) => void; onSent?: () => void } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', document.documentElement.lang);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    if (progress.onSent) xhr.upload.onload = progress.onSent;
    xhr.onload = () => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // not JSON: the status text says it
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(apiError(xhr.status, xhr.statusText, data));
    };
    xhr.onerror = () => reject(new Error(xhr.statusText || 'network error'));
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

// The API's shapes come from the server's own declarations (type-only imports, erased from the bundle).
export type { Role } from '../../src/capabilities/accounts/policies.ts';
export type { AuditRecord } from '../../src/capabilities/audit/audit.ts';
export type { Coverage, LinkedItem } from '../../src/capabilities/frameworks/catalogue.ts';
export type { UnitView as Unit } from '../../src/capabilities/organisation/organisation.ts';
export type { Matrix } from '../../src/capabilities/plans/matrix.ts';
export type { Target } from '../../src/capabilities/plans/outline.ts';
export type { DocumentView, ItemView } from '../../src/capabilities/plans/views.ts';
import type { Role } from '../../src/capabilities/accounts/policies.ts';
import type { Target } from '../../src/capabilities/plans/outline.ts';
export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
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
export interface Bilingual {
  sv: string;
  en: string;
}
export interface FrameworkCatalogue {
  frameworks: { id: string; title: Bilingual; items: { id: string; number: number; short: Bilingual; text: Bilingual }[] }[];
}
