import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { flagRowsCtes, latestAssessmentsSql } from '../queries/patient-flags';
import { currentCourseSelect, flagsCteSql, latestScoresByPatientSql } from '../queries/worklist';

// Maintains derived_worklist (migrations/...-worklist-snapshot.ts): every patient's current
// course, latest scores and flags after all of their data, computed by the worklist's own SQL at
// a date after any data. Whole clinics are recomputed, because the "not on track" flag compares a
// patient with the clinic's percentiles.

export const WORKLIST_SNAPSHOT_TABLES = ['derived_worklist', 'derived_worklist_details'] as const;

/** After any data: the flags and scores as of this date are those after a patient's last data. */
const AFTER_ALL_DATA = '9999-12-31';

/** Deletes and recomputes the rows of every patient of the given clinics. */
export async function refreshWorklistSnapshot(
	db: Kysely<DB>,
	clinics: readonly number[] | 'all'
): Promise<void> {
	if (clinics !== 'all' && clinics.length === 0) return;
	// Temporary tables live on one connection: outside a transaction, open one.
	if (!db.isTransaction) {
		await db.transaction().execute((trx) => refreshWorklistSnapshot(trx, clinics));
		return;
	}
	const inClinics = (column: string) =>
		clinics === 'all' ? sql`true` : sql`${sql.ref(column)} = any(${[...clinics]}::int[])`;
	for (const table of WORKLIST_SNAPSHOT_TABLES) {
		await sql`delete from ${sql.table(table)} where ${inClinics('clinic_id')}`.execute(db);
	}
	// The worklist's CTEs as temporary tables of the same names, analyzed: as CTEs the planner
	// guessed 17 rows for 14,000 patients and chose nested loops that took seconds.
	await sql`create temporary table wl_current on commit drop as
		${currentCourseSelect(AFTER_ALL_DATA, [inClinics('p.clinic_id')])}`.execute(db);
	await sql`analyze wl_current`.execute(db);
	await sql`create temporary table wl_latest on commit drop as
		${latestAssessmentsSql(AFTER_ALL_DATA)}`.execute(db);
	// The latest scores are looked up per patient.
	await sql`create index on wl_latest (patient_id)`.execute(db);
	await sql`analyze wl_latest`.execute(db);
	// Even analyzed, the "not on track" join is estimated at one row and nested over every patient
	// (233 s for a clinic of 33,000); hash joins take seconds. For this statement only.
	await sql`set local enable_nestloop = off`.execute(db);
	// One statement fills both tables from the same rows: the list's columns and the details. The
	// patient's own columns and the flags' kinds are copied in, so that listing the worklist reads
	// this table alone.
	await sql`
		with ${flagRowsCtes(AFTER_ALL_DATA)},
		wl_flags as (${flagsCteSql}),
		wl_scores as (${latestScoresByPatientSql}),
		rows as (
			select wl.patient_id, wl.clinic_id, wl.course_index, wl.course_start, wl.phase,
				wl.last_on, wl.induction_count, wl.booster_count,
				coalesce(f.flags, '[]'::jsonb) as flags, coalesce(f.flag_kinds, '{}') as flag_kinds,
				coalesce(f.priority, 0) as priority, sc.scores,
				coalesce(sc.score_by_instrument, '{}'::jsonb) as score_by_instrument, p.patient_code,
				p.clinician_id, p.primary_indication, p.age_band, p.enrolled_on
			from wl_current wl
			join patients p on p.id = wl.patient_id
			left join wl_flags f on f.patient_id = wl.patient_id
			left join wl_scores sc on sc.patient_id = wl.patient_id
		),
		details as (
			insert into derived_worklist_details (patient_id, clinic_id, flags, scores,
				score_by_instrument)
			select patient_id, clinic_id, flags, scores, score_by_instrument from rows
		)
		insert into derived_worklist (patient_id, clinic_id, course_index, course_start, phase,
			last_on, induction_count, booster_count, priority, patient_code, clinician_id,
			primary_indication, age_band, enrolled_on, flag_kinds)
		select patient_id, clinic_id, course_index, course_start, phase, last_on, induction_count,
			booster_count, priority, patient_code, clinician_id, primary_indication, age_band,
			enrolled_on, flag_kinds
		from rows`.execute(db);
	await sql`set local enable_nestloop to default`.execute(db);
	await sql`drop table wl_current, wl_latest`.execute(db);
}

/** The clinics whose rows change with these patients: where they were stored and where they are. */
export async function worklistClinicsOf(
	db: Kysely<DB>,
	patients: readonly number[]
): Promise<number[]> {
	const { rows } = await sql<{ clinic_id: number }>`
		select clinic_id from derived_worklist where patient_id = any(${[...patients]}::int[])
		union
		select clinic_id from patients where id = any(${[...patients]}::int[])`.execute(db);
	return rows.map((r) => r.clinic_id);
}
