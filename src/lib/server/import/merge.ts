import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';

// Merges the validated staging tables into the real ones with INSERT ... ON CONFLICT, inside
// the import's transaction. A conflicting row is updated only when a value differs, so that
// re-importing the same files rewrites nothing. `xmax = 0` on a RETURNING row tells a fresh
// insert from an update (PostgreSQL 15 has no RETURNING old/new). Every patient with a new or
// changed row lands in import_touched, for the derived-table refresh.

export interface MergeCounts {
	new: number;
	updated: number;
}

type Counted = { new: number; updated: number };

/** Clinics and clinicians are created on first sight. */
export async function mergeClinics(trx: Kysely<DB>): Promise<void> {
	await sql`insert into clinics (name) select distinct clinic from import_patients
		on conflict (name) do nothing`.execute(trx);
	await sql`insert into clinicians (clinic_id, code)
		select distinct c.id, s.clinician from import_patients s join clinics c on c.name = s.clinic
		where s.clinician is not null
		on conflict (clinic_id, code) do nothing`.execute(trx);
}

export async function mergePatients(trx: Kysely<DB>): Promise<MergeCounts> {
	const { rows } = await sql<Counted>`
		with written as (
			insert into patients (patient_code, clinic_id, clinician_id, primary_indication, age_band,
				sex, enrolled_on, discharged_on)
			select s.patient_code, c.id, cl.id, s.primary_indication, s.age_band, s.sex,
				s.enrolled_on, s.discharged_on
			from import_patients s join clinics c on c.name = s.clinic
			left join clinicians cl on cl.clinic_id = c.id and cl.code = s.clinician
			on conflict (patient_code) do update set clinic_id = excluded.clinic_id,
				clinician_id = excluded.clinician_id, primary_indication = excluded.primary_indication,
				age_band = excluded.age_band, sex = excluded.sex, enrolled_on = excluded.enrolled_on,
				discharged_on = excluded.discharged_on
			where (patients.clinic_id, patients.clinician_id, patients.primary_indication,
				patients.age_band, patients.sex, patients.enrolled_on, patients.discharged_on)
				is distinct from (excluded.clinic_id, excluded.clinician_id, excluded.primary_indication,
				excluded.age_band, excluded.sex, excluded.enrolled_on, excluded.discharged_on)
			returning id, xmax = 0 as inserted
		), touched as (
			insert into import_touched (patient_id) select id from written on conflict do nothing
		)
		select count(*) filter (where inserted) as new, count(*) filter (where not inserted) as updated
		from written`.execute(trx);
	return rows[0];
}

export type ChildTable = 'infusions' | 'assessments';

/** Each child table's staged rows as an INSERT into it, every row's patient found by its code. */
export const CHILD_INSERTS: Record<ChildTable, RawBuilder<unknown>> = {
	infusions: sql`
		insert into infusions (patient_id, administered_on, phase, dose_mg_per_kg)
		select p.id, s.administered_on, s.phase, s.dose_mg_per_kg
		from import_infusions s join patients p on p.patient_code = s.patient_code`,
	assessments: sql`
		insert into assessments (patient_id, instrument, administered_on, total, items)
		select p.id, s.instrument, s.administered_on, s.total, s.items
		from import_assessments s join patients p on p.patient_code = s.patient_code`
};

/**
 * Runs a write of child rows (an INSERT ... RETURNING patient_id, inserted), puts its patients
 * in import_touched and counts its new and updated rows. The merge below and the first load
 * (merge-first-load.ts) both write through it.
 */
export async function writeChildRows(
	trx: Kysely<DB>,
	write: RawBuilder<unknown>
): Promise<MergeCounts> {
	const { rows } = await sql<Counted>`
		with written as (${write}), touched as (
			insert into import_touched (patient_id) select distinct patient_id from written
			on conflict do nothing
		)
		select count(*) filter (where inserted) as new, count(*) filter (where not inserted) as updated
		from written`.execute(trx);
	return rows[0];
}

export const mergeInfusions = (trx: Kysely<DB>): Promise<MergeCounts> =>
	writeChildRows(
		trx,
		sql`${CHILD_INSERTS.infusions}
			on conflict (patient_id, administered_on) do update set phase = excluded.phase,
				dose_mg_per_kg = excluded.dose_mg_per_kg
			where (infusions.phase, infusions.dose_mg_per_kg)
				is distinct from (excluded.phase, excluded.dose_mg_per_kg)
			returning patient_id, xmax = 0 as inserted`
	);

export const mergeAssessments = (trx: Kysely<DB>): Promise<MergeCounts> =>
	writeChildRows(
		trx,
		sql`${CHILD_INSERTS.assessments}
			on conflict (patient_id, instrument, administered_on) do update set total = excluded.total,
				items = excluded.items
			where (assessments.total, assessments.items) is distinct from (excluded.total, excluded.items)
			returning patient_id, xmax = 0 as inserted`
	);

export async function touchedPatientIds(trx: Kysely<DB>): Promise<number[]> {
	const { rows } = await sql<{ patient_id: number }>`
		select patient_id from import_touched order by patient_id`.execute(trx);
	return rows.map((r) => r.patient_id);
}
