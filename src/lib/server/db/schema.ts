import type { ColumnType, Generated } from 'kysely';

// Table types as the app sees them. Dates are ISO 'YYYY-MM-DD' strings and numeric/int8 are
// numbers on both drivers (see type-parsers.ts); timestamps are Date objects.

export type Indication = 'depression' | 'ptsd' | 'anxiety' | 'chronic_pain' | 'other';
export type AgeBand = '18-24' | '25-34' | '35-44' | '45-54' | '55-64' | '65+';
export type Sex = 'F' | 'M' | 'X' | 'unknown';
export type Phase = 'induction' | 'booster';
export type Role = 'clinician' | 'leadership' | 'admin';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ClinicsTable {
	id: Generated<number>;
	name: string;
	induction_target: Generated<number>;
	created_at: Timestamp;
}

export interface CliniciansTable {
	id: Generated<number>;
	clinic_id: number;
	code: string;
}

export interface PatientsTable {
	id: Generated<number>;
	patient_code: string;
	clinic_id: number;
	clinician_id: number | null;
	primary_indication: Indication;
	age_band: AgeBand;
	sex: Generated<Sex>;
	enrolled_on: string;
	discharged_on: string | null;
}

export interface InfusionsTable {
	id: Generated<number>;
	patient_id: number;
	administered_on: string;
	phase: Phase;
	dose_mg_per_kg: number | null;
}

export interface AssessmentsTable {
	id: Generated<number>;
	patient_id: number;
	instrument: string;
	administered_on: string;
	total: number;
	items: number[] | null;
}

export interface UsersTable {
	id: Generated<number>;
	username: string;
	password_hash: string;
	disabled: Generated<boolean>;
	created_at: Timestamp;
}

export interface UserRolesTable {
	user_id: number;
	role: Role;
}

export interface UserClinicsTable {
	user_id: number;
	clinic_id: number;
}

export interface SessionsTable {
	token_hash: string;
	user_id: number;
	created_at: Timestamp;
	last_seen_at: Timestamp;
}

export interface ApiTokensTable {
	id: Generated<number>;
	user_id: number;
	token_hash: string;
	created_at: Timestamp;
	last_used_at: Date | null;
	revoked_at: Date | null;
	label: string | null;
}

export interface SignInThrottleTable {
	username: string;
	failures: Generated<number>;
	last_failure_at: Timestamp;
	locked_until: Date | null;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: Timestamp;
	actor: string;
	user_id: number | null;
	action: string;
	patient_code: string | null;
	detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface ImportsTable {
	id: Generated<number>;
	started_at: Timestamp;
	finished_at: Date | null;
	actor: string;
	source: 'cli' | 'web' | 'demo';
	dry_run: boolean;
	status: 'committed' | 'dry_run' | 'rejected' | 'unchanged';
	files: ColumnType<unknown, string, string>;
	counts: ColumnType<unknown, string, string>;
	error_count: Generated<number>;
}

export interface DB {
	clinics: ClinicsTable;
	clinicians: CliniciansTable;
	patients: PatientsTable;
	infusions: InfusionsTable;
	assessments: AssessmentsTable;
	users: UsersTable;
	user_roles: UserRolesTable;
	user_clinics: UserClinicsTable;
	sessions: SessionsTable;
	api_tokens: ApiTokensTable;
	audit_log: AuditLogTable;
	imports: ImportsTable;
	sign_in_throttle: SignInThrottleTable;
}
