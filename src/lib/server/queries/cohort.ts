import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Filters, GroupBy } from '../../filters';
import type { AggregateScope } from '../auth/scope';
import type { DB } from '../db/schema';
import { cachedAnswer } from '../cache/aggregate-cache';

// What every aggregate shares: the access scope and the cohort filters as SQL conditions on a
// derived table's denormalised cohort columns, the `by` group key, and the as-of date.

export interface Cohort {
	/** Clinics in scope and named by the filter; null means all clinics. */
	clinicIds: number[] | null;
	clinicianIds: number[] | null;
	filters: Filters;
	asOf: string;
	/** The latest date of any data in the scope's clinics (the default as-of); null when none. */
	dataAsOf: string | null;
	clinicNames: Map<number, string>;
	clinicianCodes: Map<number, string>;
}

/** The latest date of any infusion or assessment in the given clinics (null: all); null when none. */
export async function latestDataOn(
	db: Kysely<DB>,
	clinicIds: readonly number[] | null
): Promise<string | null> {
	const clinics = clinicIds ? sql`where clinic_id = any(${[...clinicIds]}::int[])` : sql``;
	const { rows } = await sql<{ as_of: string | null }>`
		select max(last_on) as as_of from derived_patient_dates ${clinics}`.execute(db);
	return rows[0]?.as_of ?? null;
}

/** The latest date of any infusion or assessment within the scope's clinics; null when empty. */
export function getDataAsOf(db: Kysely<DB>, scope: AggregateScope): Promise<string | null> {
	return latestDataOn(db, scope.clinicIds);
}

/**
 * Whether the as-of date is on or after the latest data of the scope: then nothing is dated after
 * it, and the stored rollups and snapshots (which hold every record) answer as the facts would.
 */
export function coversAllData(cohort: Cohort): boolean {
	return cohort.dataAsOf === null || cohort.asOf >= cohort.dataAsOf;
}

/** The id of the cohort's clinic of this name (among its scope's clinics), or null. */
export function clinicIdNamed(cohort: Cohort, name: string): number | null {
	for (const [id, clinic] of cohort.clinicNames) if (clinic === name) return id;
	return null;
}

/**
 * Resolves clinic names and clinician codes to ids within the scope. A name outside the scope
 * resolves to nothing (an empty cohort), so a filter never reveals another clinic's existence.
 */
export async function resolveCohort(
	db: Kysely<DB>,
	scope: AggregateScope,
	filters: Filters
): Promise<Cohort> {
	// Clinics, clinicians and the latest date change only with an import: kept per data version.
	const { clinics, clinicians, dataAsOf } = await cachedAnswer(
		db,
		'cohort-lists',
		scope.clinicIds,
		async () => {
			let clinicQuery = db.selectFrom('clinics').select(['id', 'name']);
			if (scope.clinicIds) clinicQuery = clinicQuery.where('id', 'in', [...scope.clinicIds, -1]);
			const [clinics, clinicians, dataAsOf] = await Promise.all([
				clinicQuery.execute(),
				db.selectFrom('clinicians').select(['id', 'code', 'clinic_id']).execute(),
				getDataAsOf(db, scope)
			]);
			return { clinics, clinicians, dataAsOf };
		}
	);
	return cohortOf(
		filters,
		{ clinics, clinicians },
		scope.clinicIds ? [...scope.clinicIds] : null,
		dataAsOf
	);
}

/**
 * The Cohort from the clinics and clinicians within a scope: clinic names and clinician codes in
 * the filters become ids; with no clinic named, `unnamedClinicIds` (null: all clinics). Shared by
 * resolveCohort and the clinician views' resolveClinicianCohort.
 */
export function cohortOf(
	filters: Filters,
	within: {
		clinics: { id: number; name: string }[];
		clinicians: { id: number; code: string; clinic_id: number }[];
	},
	unnamedClinicIds: number[] | null,
	dataAsOf: string | null
): Cohort {
	const { clinics, clinicians } = within;
	const clinicIds =
		filters.clinic.length > 0
			? clinics.filter((c) => filters.clinic.includes(c.name)).map((c) => c.id)
			: unnamedClinicIds;
	const clinicianIds =
		filters.clinician.length > 0
			? clinicians.filter((c) => filters.clinician.includes(c.code)).map((c) => c.id)
			: null;
	return {
		clinicIds,
		clinicianIds,
		filters,
		// With no data at all any date will do; today keeps the SQL simple and the result empty.
		asOf: filters.as_of ?? dataAsOf ?? new Date().toISOString().slice(0, 10),
		dataAsOf,
		clinicNames: new Map(clinics.map((c) => [c.id, c.name])),
		clinicianCodes: clinicianLabels(clinicians, clinics)
	};
}

/** Clinician codes are unique per clinic only: a code shared by clinics is labelled with its clinic. */
function clinicianLabels(
	clinicians: { id: number; code: string; clinic_id: number }[],
	clinics: { id: number; name: string }[]
): Map<number, string> {
	const uses = new Map<string, number>();
	for (const c of clinicians) uses.set(c.code, (uses.get(c.code) ?? 0) + 1);
	const clinicName = new Map(clinics.map((c) => [c.id, c.name]));
	return new Map(
		clinicians.map((c) => [
			c.id,
			(uses.get(c.code) ?? 0) > 1
				? `${c.code} (${clinicName.get(c.clinic_id) ?? c.clinic_id})`
				: c.code
		])
	);
}

/**
 * Cohort conditions on table alias `t` (a derived table with cohort columns). Courses that start
 * after the as-of date do not exist yet; `start_from`/`start_to` select courses by start date.
 */
export function cohortWhere(t: string, cohort: Cohort): RawBuilder<unknown> {
	const col = (name: string) => sql.ref(`${t}.${name}`);
	const { filters } = cohort;
	const conditions: RawBuilder<unknown>[] = [sql`${col('course_start')} <= ${cohort.asOf}::date`];
	if (cohort.clinicIds) conditions.push(sql`${col('clinic_id')} = any(${cohort.clinicIds}::int[])`);
	if (cohort.clinicianIds) {
		conditions.push(sql`${col('clinician_id')} = any(${cohort.clinicianIds}::int[])`);
	}
	if (filters.indication.length > 0) {
		conditions.push(sql`${col('indication')} = any(${filters.indication}::text[])`);
	}
	if (filters.age_band.length > 0) {
		conditions.push(sql`${col('age_band')} = any(${filters.age_band}::text[])`);
	}
	if (filters.start_from)
		conditions.push(sql`${col('course_start')} >= ${filters.start_from}::date`);
	if (filters.start_to) conditions.push(sql`${col('course_start')} <= ${filters.start_to}::date`);
	return sql.join(conditions, sql` and `);
}

/**
 * Whether a rollup keyed by (clinic, indication) can answer: unless a filter or grouping needs the
 * clinician, age band or course start date, which are not in its key.
 */
export function clinicLevelRollupServes(cohort: Cohort): boolean {
	const { filters } = cohort;
	return (
		cohort.clinicianIds === null &&
		filters.age_band.length === 0 &&
		!filters.start_from &&
		!filters.start_to &&
		filters.by !== 'clinician' &&
		filters.by !== 'age_band' &&
		filters.by !== 'start_year'
	);
}

/** The clinic and indication conditions of the cohort on alias `t` of a (clinic, indication) rollup. */
export function clinicLevelWhere(t: string, cohort: Cohort): RawBuilder<unknown> {
	const conditions: RawBuilder<unknown>[] = [sql`true`];
	if (cohort.clinicIds) {
		conditions.push(sql`${sql.ref(`${t}.clinic_id`)} = any(${cohort.clinicIds}::int[])`);
	}
	if (cohort.filters.indication.length > 0) {
		conditions.push(sql`${sql.ref(`${t}.indication`)} = any(${cohort.filters.indication}::text[])`);
	}
	return sql.join(conditions, sql` and `);
}

/** The `by` group key as text on alias `t` ('all' without grouping); see groupLabel. */
export function groupKey(t: string, by: GroupBy | null): RawBuilder<string> {
	const col = (name: string) => sql.ref(`${t}.${name}`);
	switch (by) {
		case 'clinic':
			return sql<string>`${col('clinic_id')}::text`;
		case 'clinician':
			return sql<string>`coalesce(${col('clinician_id')}::text, '')`;
		case 'indication':
			return sql<string>`${col('indication')}`;
		case 'age_band':
			return sql<string>`${col('age_band')}`;
		case 'start_year':
			return sql<string>`extract(year from ${col('course_start')})::int::text`;
		default:
			return sql<string>`'all'`;
	}
}

/** The key shown to users: clinic names and clinician codes instead of ids. */
export function groupLabel(cohort: Cohort, key: string): string {
	switch (cohort.filters.by) {
		case 'clinic':
			return cohort.clinicNames.get(Number(key)) ?? key;
		case 'clinician':
			return key === '' ? 'unassigned' : (cohort.clinicianCodes.get(Number(key)) ?? key);
		default:
			return key;
	}
}

/** Rows grouped by key, groups in label order (years and bands sort as text correctly). */
export function groupRows<Row extends { key: string }>(
	cohort: Cohort,
	rows: readonly Row[]
): { key: string; rows: Row[] }[] {
	const groups = new Map<string, Row[]>();
	for (const row of rows) {
		const label = groupLabel(cohort, row.key);
		const group = groups.get(label);
		if (group) group.push(row);
		else groups.set(label, [row]);
	}
	return [...groups.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([key, grouped]) => ({ key, rows: grouped }));
}
