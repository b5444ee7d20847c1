import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';
import { laneFiguresSql } from '../queries/booster-lanes';

// One row per course with a booster (migrations/...-booster-lane-snapshot.ts): the /intervals
// lane of that course after all of its data, computed by the page's own figures SQL, so that the
// page reads 60,000 stored lanes at 100k patients instead of aggregating 560,000 boosters. A lane
// depends on its patient's data only, so the rows are kept per patient like the other facts.

/** Inserts the lanes of the selected patients (`patientFilter` on alias c, derived_courses). */
export async function insertBoosterLanes(
	db: Kysely<DB>,
	patientFilter: RawBuilder<unknown>
): Promise<void> {
	// `latest` marks the patient's latest course with a booster: the lane at the default as-of
	// date unless a course-start filter selects other courses. The follow-up bound leaves out the
	// as-of date, which the query applies.
	await sql`
		insert into derived_booster_lanes (patient_id, course_index, patient_code, clinic_id,
			clinician_id, indication, age_band, course_start, latest, aligned_on, follow_up_until, boosters,
			median_gap, latest_gap, trend)
		with k as (
			select c.*, p.patient_code, coalesce(c.last_induction_on, c.course_start) as aligned_on
			from derived_courses c join patients p on p.id = c.patient_id
			where c.first_booster_on is not null and ${patientFilter}
		)
		select k.patient_id, k.course_index, k.patient_code, k.clinic_id, k.clinician_id, k.indication, k.age_band,
			k.course_start,
			k.course_index = max(k.course_index) over (partition by k.patient_id),
			k.aligned_on, least(k.discharged_on, k.next_course_start), ${laneFiguresSql}
		from k
		join derived_infusions f on f.patient_id = k.patient_id and f.course_index = k.course_index
		where f.phase = 'booster'
		group by k.patient_id, k.course_index, k.patient_code, k.clinic_id, k.clinician_id, k.indication, k.age_band,
			k.course_start, k.aligned_on, k.discharged_on, k.next_course_start`.execute(db);
}
