/**
 * Who may do what, in one place (after Outline's server/policies). Pure functions over plain values:
 * every route asks here, and the table test in policies.test.ts walks every role against every case.
 */
export type Role = 'admin' | 'coordinator' | 'reporter' | 'reader' | 'applicant';
export const roles: Role[] = ['admin', 'coordinator', 'reporter', 'reader', 'applicant'];

export interface Actor {
  userId: string;
  username: string;
  role: Role;
  /** null only for administrators, who belong to no municipality. */
  municipalityCode: string | null;
  /** The units a reporter answers for. */
  unitIds: string[];
  /** Where the request came from (the audit log keeps it); absent for the program's own writes. */
  address?: string | undefined;
}

/** The caller: a signed-in actor, or null for the public. */
export type Caller = Actor | null;

export interface DocumentRef {
  municipalityCode: string;
  status: 'draft' | 'proposed' | 'adopted' | 'superseded';
}

export interface ItemRef {
  municipalityCode: string;
  /** Units responsible for the item, lead or contributor. */
  unitIds: string[];
}

/**
 * The municipality's own people. An applicant (an association's account for the integration fund) belongs to a
 * municipality too but is an outsider: the public, plus its own organisation's fund data.
 */
export const isMember = (caller: Caller, municipalityCode: string): caller is Actor =>
  caller !== null && (caller.role === 'admin' || (caller.role !== 'applicant' && caller.municipalityCode === municipalityCode));

/**
 * Adopted documents, and proposals sent to a political body (registered, hence public records under the
 * principle of public access), are readable by anyone; drafts stay within the municipality.
 */
export function canReadDocument(caller: Caller, document: DocumentRef): boolean {
  return document.status !== 'draft' || isMember(caller, document.municipalityCode);
}

/** Documents, their structure, metadata and the organisation: coordinators of the municipality and administrators. */
export function canEditPlan(caller: Caller, municipalityCode: string): boolean {
  if (caller === null) return false;
  if (caller.role === 'admin') return true;
  return caller.role === 'coordinator' && caller.municipalityCode === municipalityCode;
}

export const canEditOrganisation = canEditPlan;

/** The contents of one item: plan editors, or a reporter whose unit is responsible for it. */
export function canEditItemContent(caller: Caller, item: ItemRef): boolean {
  if (canEditPlan(caller, item.municipalityCode)) return true;
  if (caller === null || caller.role !== 'reporter' || caller.municipalityCode !== item.municipalityCode) return false;
  return item.unitIds.some((id) => caller.unitIds.includes(id));
}

export function canReadAudit(caller: Caller): boolean {
  return caller?.role === 'admin';
}

export function canManageUsers(caller: Caller): boolean {
  return caller?.role === 'admin';
}

/**
 * A register extract of an account (decision 0025): the holder herself, or an administrator. Not coordinators:
 * the extract lists the account's entries in the audit log, which only administrators read.
 */
export function canExtractAccount(caller: Caller, accountId: string): boolean {
  return caller !== null && (caller.role === 'admin' || caller.userId === accountId);
}

/** Which users a caller may list: administrators all, coordinators their municipality's. */
export function canListUsers(caller: Caller, municipalityCode: string | null): boolean {
  if (caller === null) return false;
  if (caller.role === 'admin') return true;
  return caller.role === 'coordinator' && municipalityCode !== null && caller.municipalityCode === municipalityCode;
}
