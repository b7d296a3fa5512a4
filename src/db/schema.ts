import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it. pg returns int8 and numeric as strings where PGlite returns numbers,
 * so the schema uses int4 for every count and version: both drivers then return JavaScript numbers.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface MunicipalityTable {
  code: string;
  name: string;
  county: string;
}

export interface UnitTable {
  id: Generated<string>;
  municipality_code: string;
  name: string;
  kind: string;
  abbreviation: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DocumentTable {
  id: Generated<string>;
  municipality_code: string;
  title: string;
  kind: string;
  status: string;
  adopted: Json<AdoptionJson | null>;
  decided: Json<AdoptionJson | null>;
  document_date: string | null;
  valid_from: string | null;
  valid_to: string | null;
  revision: Json<{ everyYears: number | null; text: string | null } | null>;
  follow_up: Json<FollowUpJson[]>;
  levels: Json<string[]>;
  matrix_columns: Json<string[]>;
  frameworks: Json<string[]>;
  source: Json<{ file: string; note?: string | null } | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AdoptionJson {
  body: string | null;
  date: string | null;
  paragraph: string | null;
  dnr: string | null;
}

export interface FollowUpJson {
  every: string;
  reportTo: string | null;
  text?: string | null;
}

export interface TargetJson {
  value?: number | null;
  min?: number | null;
  max?: number | null;
  unit: string;
  per?: 'year' | 'half-year' | 'quarter' | 'month' | null;
  by?: string | null;
  text?: string | null;
}

export interface ItemTable {
  id: Generated<string>;
  document_id: string;
  parent_id: string | null;
  position: number;
  kind: string;
  label: string;
  number: string | null;
  text: string;
  due: string | null;
  recurrence: string | null;
  period_from: string | null;
  period_to: string | null;
  target: Json<TargetJson | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ItemResponsibilityTable {
  item_id: string;
  unit_id: string;
  role: string;
  position: number;
}

export interface ItemFrameworkTable {
  item_id: string;
  framework_item_id: string;
}

export interface UserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  municipality_code: string | null;
  disabled: Generated<boolean>;
  created_at: Timestamp;
}

export interface UserUnitTable {
  user_id: string;
  unit_id: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: string | null;
  username: string;
  municipality_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json<unknown>;
  after: Json<unknown>;
}

export interface Database {
  municipality: MunicipalityTable;
  unit: UnitTable;
  document: DocumentTable;
  item: ItemTable;
  item_responsibility: ItemResponsibilityTable;
  item_framework: ItemFrameworkTable;
  app_user: UserTable;
  user_unit: UserUnitTable;
  session: SessionTable;
  audit_log: AuditLogTable;
}

export type DocumentRow = Selectable<DocumentTable>;
export type NewDocument = Insertable<DocumentTable>;
export type ItemRow = Selectable<ItemTable>;
export type NewItem = Insertable<ItemTable>;
export type ItemUpdate = Updateable<ItemTable>;
export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;
