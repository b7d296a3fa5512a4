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
  head_name: string | null;
  head_email: string | null;
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
  series_id: Generated<string>;
  edition: Generated<number>;
  revises_id: string | null;
  parent_document_id: string | null;
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
  weight: number | null;
  origin_item_id: string | null;
  serves_item_id: string | null;
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
  email: string | null;
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
  /** The client's address (migration 0008); null for the program's own writes and older entries. */
  address: ColumnType<string | null, string | null | undefined, never>;
}

export interface ActionPlanRequestTable {
  id: Generated<string>;
  plan_id: string;
  unit_id: string;
  action_plan_id: string;
  state: 'requested' | 'submitted' | 'returned' | 'accepted';
  due: string | null;
  message: string | null;
  return_comment: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FollowUpCycleTable {
  id: Generated<string>;
  document_id: string;
  municipality_code: string;
  label: string;
  period_from: string;
  period_to: string;
  deadline: string;
  state: 'open' | 'closed';
  example: Generated<boolean>;
  reopened: Generated<number>;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export type ReportState = 'open' | 'draft' | 'submitted' | 'returned' | 'approved';
export type ReportStatus = 'not_started' | 'in_progress' | 'done' | 'delayed' | 'cancelled';

export interface ReportTaskTable {
  id: Generated<string>;
  cycle_id: string;
  item_id: string | null;
  unit_id: string | null;
  unit_name: string | null;
  occurrence: string | null;
  item_kind: string;
  item_label: string;
  item_number: string | null;
  item_text: string;
  state: ReportState;
  status: ReportStatus | null;
  progress: number | null;
  narrative: Generated<string>;
  target_value: number | null;
  return_comment: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  escalated_at: Timestamp | null;
  version: Generated<number>;
}

export interface ReportEventTable {
  id: Generated<number>;
  task_id: string;
  at: Timestamp;
  username: string;
  action: string;
  snapshot: Json<unknown>;
}

export interface AttachmentTable {
  id: Generated<string>;
  task_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export type Assessment = 'met' | 'partly_met' | 'not_met' | 'not_assessed';

export interface GoalAssessmentTable {
  cycle_id: string;
  item_id: string;
  assessment: Assessment;
  rationale: Generated<string>;
  proposed: string | null;
  assessed_by: string;
  assessed_at: Timestamp;
  version: Generated<number>;
}

export interface JobTable {
  id: Generated<string>;
  kind: string;
  payload: Json<unknown>;
  municipality_code: string | null;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: Generated<number>;
  message: string | null;
  result: Json<unknown>;
  attempts: Generated<number>;
  locked_until: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface ReportFileTable {
  id: Generated<string>;
  cycle_id: string;
  format: 'docx' | 'pdf' | 'xlsx' | 'csv';
  file_name: string;
  media_type: string;
  size: number;
  content: Uint8Array;
  created_by: string;
  created_at: Timestamp;
}

export interface AccessLinkTable {
  id: Generated<string>;
  user_id: string;
  cycle_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface MailOutboxTable {
  id: Generated<string>;
  municipality_code: string | null;
  kind: string;
  dedupe_key: string;
  to_address: string;
  subject: string;
  body: string;
  state: 'queued' | 'sent' | 'failed' | 'not_configured';
  attempts: Generated<number>;
  error: string | null;
  next_attempt_at: Timestamp | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface AppSettingTable {
  key: string;
  value: string;
}

export type IndicatorStatus = 'achieved' | 'substantial' | 'moderate' | 'limited' | 'deterioration';

export interface IndicatorTable {
  id: Generated<string>;
  municipality_code: string;
  title: string;
  unit: string;
  definition: Generated<string>;
  direction: 'higher' | 'lower' | 'neutral';
  source_kind: 'manual' | 'kolada' | 'scb' | 'computed';
  source_ref: string | null;
  decimals: Generated<number>;
  compare_with: Json<string[]>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IndicatorLinkTable {
  id: Generated<string>;
  indicator_id: string;
  item_id: string;
  baseline_value: number | null;
  baseline_period: string | null;
  target_value: number | null;
  target_min: number | null;
  target_max: number | null;
  target_period: string | null;
  status_override: IndicatorStatus | null;
  status_reason: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** 'internships' is computed from placements and never stored. */
export type ValueSource = 'manual' | 'kolada' | 'scb' | 'csv' | 'px' | 'report' | 'cohort' | 'plan' | 'internships' | 'matching' | 'fund';

export interface IndicatorValueTable {
  id: Generated<number>;
  indicator_id: string;
  municipality_code: string;
  period: string;
  disaggregation: Json<Record<string, string>>;
  disaggregation_key: Generated<string>;
  value: number | null;
  source: ValueSource;
  source_note: string | null;
  fetched_at: Timestamp | null;
  recorded_by: string;
  recorded_at: Timestamp;
  superseded_at: Timestamp | null;
  superseded_by: number | null;
}

export interface CohortTable {
  id: Generated<string>;
  municipality_code: string;
  year: number;
  size: number;
  self_sufficient_12: number | null;
  self_sufficient_24: number | null;
  resident_12: number | null;
  note: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
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
  action_plan_request: ActionPlanRequestTable;
  follow_up_cycle: FollowUpCycleTable;
  report_task: ReportTaskTable;
  report_event: ReportEventTable;
  attachment: AttachmentTable;
  goal_assessment: GoalAssessmentTable;
  job: JobTable;
  report_file: ReportFileTable;
  access_link: AccessLinkTable;
  mail_outbox: MailOutboxTable;
  app_setting: AppSettingTable;
  indicator: IndicatorTable;
  indicator_link: IndicatorLinkTable;
  indicator_value: IndicatorValueTable;
  cohort: CohortTable;
  internship_offer: InternshipOfferTable;
  internship_placement: InternshipPlacementTable;
  internship_offer_item: { offer_id: string; item_id: string };
  training: TrainingTable;
  training_unit: { training_id: string; unit_id: string; trained: Generated<number> };
  training_item: { training_id: string; item_id: string };
  coverage_target: CoverageTargetTable;
}

export type DocumentRow = Selectable<DocumentTable>;
export type NewDocument = Insertable<DocumentTable>;
export type ItemRow = Selectable<ItemTable>;
export type NewItem = Insertable<ItemTable>;
export type ItemUpdate = Updateable<ItemTable>;
export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;

/** Programme rows: dates are ISO text (YYYY-MM-DD), as in follow-up. */
interface ProgrammeRow {
  example: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InternshipOfferTable extends ProgrammeRow {
  id: Generated<string>;
  municipality_code: string;
  unit_id: string | null;
  employer: string | null;
  tasks: string;
  language_requirements: Generated<string>;
  supervisor_name: string | null;
  supervisor_trained: Generated<boolean>;
  period_from: string;
  period_to: string | null;
  places: Generated<number>;
  status: ColumnType<'open' | 'filled' | 'closed', 'open' | 'filled' | 'closed' | undefined, 'open' | 'filled' | 'closed'>;
}

export type PlacementOutcome = 'ongoing' | 'completed' | 'employment' | 'studies' | 'ended_early';

export interface InternshipPlacementTable extends ProgrammeRow {
  id: Generated<string>;
  offer_id: string;
  start_date: string;
  end_date: string | null;
  outcome: ColumnType<PlacementOutcome, PlacementOutcome | undefined, PlacementOutcome>;
}

export type TrainingKind = 'supervisor_training' | 'leadership_training' | 'workshop' | 'theme_day' | 'citizenship_ceremony' | 'other';
export type TrainingAudience = 'managers' | 'supervisors' | 'staff' | 'pupils' | 'public';

export interface TrainingTable extends ProgrammeRow {
  id: Generated<string>;
  municipality_code: string;
  kind: TrainingKind;
  title: string;
  held_on: string;
  organiser: Generated<string>;
  audience: ColumnType<TrainingAudience, TrainingAudience | undefined, TrainingAudience>;
  participants: number | null;
}

export interface CoverageTargetTable extends ProgrammeRow {
  id: Generated<string>;
  municipality_code: string;
  title: string;
  kind: TrainingKind;
  measure: 'units' | 'people';
  denominator: number | null;
  by_date: string | null;
}

/** The activity catalogue (migration 0005); merged into Database by declaration. */
export interface OrganiserTable {
  id: Generated<string>;
  municipality_code: string;
  kind: 'unit' | 'association';
  unit_id: string | null;
  name: string;
  org_number: string | null;
  contact: string | null;
  example: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ActivityStatus = 'draft' | 'pending' | 'published' | 'rejected';
export type ActivityTranslations = Record<string, { title: string; description: string }>;

export interface ActivityTable {
  id: Generated<string>;
  municipality_code: string;
  organiser_id: string;
  title: string;
  description: Generated<string>;
  translations: Json<ActivityTranslations>;
  category: string;
  target_group: Generated<string>;
  age_min: number | null;
  age_max: number | null;
  languages: Json<string[]>;
  place_name: Generated<string>;
  address: Generated<string>;
  accessibility: Generated<string>;
  start_date: string;
  start_time: string;
  duration_minutes: number;
  rrule: string | null;
  until: string | null;
  cost: Generated<string>;
  registration: Generated<string>;
  contact: Generated<string>;
  status: ActivityStatus;
  moderation_note: string | null;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  example: Generated<boolean>;
  created_by: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActivityExceptionTable {
  activity_id: string;
  date: string;
  reason: Generated<string>;
  created_at: Timestamp;
}

export interface ActivityItemTable {
  activity_id: string;
  item_id: string;
}

export interface Database {
  organiser: OrganiserTable;
  activity: ActivityTable;
  activity_exception: ActivityExceptionTable;
  activity_item: ActivityItemTable;
}

/** Buddy and friend-family matching (migration 0007); merged into Database by declaration. */
export type MatchingKind = 'buddy' | 'friend_family';
export type MatchingSide = 'volunteer' | 'newcomer';
export type MatchingPersonStatus = 'waiting' | 'matched' | 'paused' | 'left';
export type MatchingHousehold = 'single' | 'couple' | 'family';
export type MatchStatus = 'proposed' | 'active' | 'ended' | 'declined';
export type MatchEndReason = 'completed' | 'moved' | 'no_contact' | 'not_working' | 'personal' | 'other';
export type CheckInOutcome = 'ok' | 'concern' | 'ended';

export interface MatchingProgrammeTable {
  id: Generated<string>;
  municipality_code: string;
  name: string;
  kind: MatchingKind;
  description: Generated<string>;
  retention_months: Generated<number>;
  consent_text: string;
  consent_version: Generated<number>;
  registration_open: Generated<boolean>;
  example: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MatchingPersonTable {
  id: Generated<string>;
  programme_id: string;
  side: MatchingSide;
  name: string;
  email: string | null;
  phone: string | null;
  languages: Json<string[]>;
  interests: Json<string[]>;
  area: Generated<string>;
  household: ColumnType<MatchingHousehold, MatchingHousehold | undefined, MatchingHousehold>;
  children: Generated<number>;
  availability: Json<string[]>;
  wishes: Generated<string>;
  consent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  consent_version: number | null;
  registered_by: 'self' | 'coordinator';
  status: ColumnType<MatchingPersonStatus, MatchingPersonStatus | undefined, MatchingPersonStatus>;
  registered_on: string;
  last_active_on: string;
  left_on: string | null;
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  example: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MatchingMatchTable {
  id: Generated<string>;
  programme_id: string;
  volunteer_id: string;
  newcomer_id: string;
  score: number;
  reasons: Json<{ code: string; params: Record<string, string | number> }[]>;
  status: MatchStatus;
  proposed_on: string;
  confirmed_on: string | null;
  informed_volunteer_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  informed_newcomer_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  ended_on: string | null;
  end_reason: MatchEndReason | null;
  end_note: string | null;
  example: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MatchingCheckInTable {
  id: Generated<string>;
  match_id: string;
  month: 1 | 3 | 6;
  due_on: string;
  done_on: string | null;
  outcome: CheckInOutcome | null;
  note: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  matching_programme: MatchingProgrammeTable;
  matching_programme_coordinator: { programme_id: string; user_id: string };
  matching_programme_item: { programme_id: string; item_id: string };
  matching_person: MatchingPersonTable;
  matching_match: MatchingMatchTable;
  matching_check_in: MatchingCheckInTable;
}

/** The integration fund (migration 0006); merged into Database by declaration. */
export type FundOrganisationKind = 'association' | 'faith_community' | 'organisation' | 'company' | 'municipal_unit';
export type FundCallStatus = 'draft' | 'open' | 'closed' | 'decided';
export type FundPriorityRule = 'none' | 'municipal_units_first';
export type FundApplicationStatus = 'draft' | 'submitted' | 'withdrawn' | 'granted' | 'rejected' | 'completed';
export interface FundCriterionJson {
  key: string;
  name: string;
  description: string;
  weight: number;
}
export interface FundBudgetLineJson {
  description: string;
  amountSek: number;
}
export interface FundCoFinancingJson {
  source: string;
  amountSek: number;
}
export interface FundActivityJson {
  description: string;
  date: string;
}

export interface FundTable {
  id: Generated<string>;
  municipality_code: string;
  name: string;
  description: Generated<string>;
  example: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FundCallTable {
  id: Generated<string>;
  fund_id: string;
  title: string;
  description: Generated<string>;
  year: number;
  budget_sek: number;
  opens_on: string;
  deadline: string;
  period_from: string;
  period_to: string;
  eligible_kinds: Json<FundOrganisationKind[]>;
  criteria: Json<FundCriterionJson[]>;
  priority_rule: ColumnType<FundPriorityRule, FundPriorityRule | undefined, FundPriorityRule>;
  status: ColumnType<FundCallStatus, FundCallStatus | undefined, FundCallStatus>;
  example: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FundOrganisationTable {
  id: Generated<string>;
  municipality_code: string;
  org_number: string;
  name: string;
  kind: FundOrganisationKind;
  contact_name: string;
  contact_email: string;
  contact_phone: Generated<string>;
  example: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FundOrganisationUserTable {
  user_id: string;
  organisation_id: string;
}

export interface FundApplicationTable {
  id: Generated<string>;
  call_id: string;
  organisation_id: string;
  title: string;
  purpose: Generated<string>;
  target_group: Generated<string>;
  start_date: string | null;
  end_date: string | null;
  activities: Json<FundActivityJson[]>;
  budget_lines: Json<FundBudgetLineJson[]>;
  co_financing: Json<FundCoFinancingJson[]>;
  requested_sek: Generated<number>;
  status: ColumnType<FundApplicationStatus, FundApplicationStatus | undefined, FundApplicationStatus>;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string;
  example: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FundApplicationItemTable {
  application_id: string;
  item_id: string;
}

export interface FundAttachmentTable {
  id: Generated<string>;
  application_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface FundAssessmentTable {
  id: Generated<string>;
  application_id: string;
  assessor_id: string | null;
  assessor_name: string;
  scores: Json<Record<string, number>>;
  comment: Generated<string>;
  example: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FundDecisionTable {
  id: Generated<string>;
  application_id: string;
  outcome: 'granted' | 'rejected';
  decided_by: string;
  decided_on: string;
  minutes_paragraph: Generated<string>;
  granted_sek: number;
  conditions: Generated<string>;
  override_reason: string | null;
  recorded_by: string;
  example: Generated<boolean>;
  created_at: Timestamp;
}

export interface FundPaymentTable {
  id: Generated<string>;
  application_id: string;
  paid_on: string;
  amount_sek: number;
  note: Generated<string>;
  recorded_by: string;
  example: Generated<boolean>;
  created_at: Timestamp;
}

export interface FundFinalReportTable {
  application_id: string;
  summary: string;
  results: Generated<string>;
  participants: number | null;
  spent_sek: number;
  submitted_by: string;
  example: Generated<boolean>;
  submitted_at: Timestamp;
}

export interface Database {
  fund: FundTable;
  fund_call: FundCallTable;
  fund_organisation: FundOrganisationTable;
  fund_organisation_user: FundOrganisationUserTable;
  fund_application: FundApplicationTable;
  fund_application_item: FundApplicationItemTable;
  fund_attachment: FundAttachmentTable;
  fund_assessment: FundAssessmentTable;
  fund_decision: FundDecisionTable;
  fund_payment: FundPaymentTable;
  fund_final_report: FundFinalReportTable;
}

/** Single sign-on with OpenID Connect (migration 0009); merged into Database by declaration. */
export interface RoleMappingJson {
  /** A value of the provider's role or group claim. */
  value: string;
  role: 'coordinator' | 'reporter' | 'reader';
}

export interface IdentityProviderTable {
  id: Generated<string>;
  municipality_code: string;
  display_name: string;
  issuer: string;
  client_id: string;
  /** Write-only: no API returns it and the audit log never holds it. */
  client_secret: string;
  scopes: Generated<string>;
  role_claim: string | null;
  role_mapping: Json<RoleMappingJson[]>;
  allow_create: Generated<boolean>;
  enabled: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  provider_id: string | null;
  created_at: Timestamp;
  last_sign_in_at: Timestamp;
}

export interface OidcLoginAttemptTable {
  id: string;
  provider_id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface Database {
  identity_provider: IdentityProviderTable;
  user_identity: UserIdentityTable;
  oidc_login_attempt: OidcLoginAttemptTable;
}

/** Account retention and erasure (migration 0010); merged into UserTable by declaration. */
export interface UserTable {
  /** When the account's personal fields were blanked (decision 0025); null for a live account. */
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** The newcomer guide, "Ny i kommunen" (migration 0013); merged into Database by declaration. */
export interface GuideEntryTable {
  id: Generated<string>;
  municipality_code: string;
  position: number;
  /** The organisation: Arbetsförmedlingen, Region Norrbotten, the municipality's reception unit… */
  actor: string;
  /** What it does for a newcomer, one task a line. */
  responsibilities: Generated<string>;
  /** How and where to reach it: organisational address, phone, opening hours — never a private person. */
  help: Generated<string>;
  url: string | null;
  example: Generated<boolean>;
  version: Generated<number>;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  guide_entry: GuideEntryTable;
}

/** Residents following a plan or an item by e-mail (migration 0012); merged into Database by declaration. */
export interface FollowTable {
  id: Generated<string>;
  municipality_code: string;
  target_kind: 'document' | 'item';
  target_id: string;
  email: string;
  /** The portal language the person used: every mail to them is in it. */
  lang: 'sv' | 'en' | 'ar' | 'ti' | 'so' | 'prs';
  /** SHA-256 of the confirmation token; null once confirmed. */
  confirm_token_hash: string | null;
  /** SHA-256 of the unsubscribe token (itself derived from the row's id with the link secret). */
  unsubscribe_token_hash: string;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  last_notified_at: Timestamp | null;
}

export interface Database {
  follow: FollowTable;
}

/** Headers of an outbox message beyond the usual (List-Unsubscribe on follow mails; migration 0012). */
export interface MailOutboxTable {
  headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
}

/** Translations of municipal texts into the public pages' languages (migration 0011); merged into Database by declaration. */
export interface ContentTranslationTable {
  id: Generated<string>;
  municipality_code: string;
  kind: 'document' | 'item' | 'activity' | 'guide';
  /** The document's, item's, activity's or guide entry's id, as text. */
  entity_id: string;
  /** Never 'sv': Swedish is the entity's own text (decision 0030). */
  lang: 'en' | 'ar' | 'ti' | 'so' | 'prs';
  title: string;
  description: string | null;
  version: Generated<number>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface Database {
  content_translation: ContentTranslationTable;
}
