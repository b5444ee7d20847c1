import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';

// One row per booster infusion with the course's next booster and censoring bound
// (migrations/...-booster-intervals.ts), for the Kaplan-Meier time to booster j >= 2.

/** Inserts the rows of the selected patients (`patientFilter` on alias f). Rows in ordinal order. */
export async function insertBoosterIntervals(
	db: Kysely<DB>,
	patientFilter: RawBuilder<unknown>
): Promise<void> {
	await sql`
		insert into derived_booster_intervals (patient_id, clinic_id, clinician_id, indication,
			age_band, course_index, course_start, ordinal, start_on, next_on, censor_bound)
		select f.patient_id, f.clinic_id, f.clinician_id, f.indication, f.age_band, f.course_index,
			f.course_start, f.ordinal, f.administered_on,
			lead(f.administered_on) over (partition by f.patient_id, f.course_index
				order by f.administered_on),
			least(c.discharged_on, c.next_course_start)
		from derived_infusions f join derived_courses c
			on c.patient_id = f.patient_id and c.course_index = f.course_index
		where f.phase = 'booster' and ${patientFilter}
		order by f.ordinal`.execute(db);
}
