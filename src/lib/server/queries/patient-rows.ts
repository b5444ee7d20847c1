import { sql, type Kysely } from 'kysely';
import type { DB, Phase } from '../db/schema';
import type { Assessment } from './patient-detail-types';

// One patient's rows up to an as-of date: infusions with their course facts, and every
// assessment with the infusion it is the pre-infusion score of (if any) and its course.

export interface PatientRows {
	courses: { course_index: number; complete: boolean }[];
	infusions: {
		course_index: number;
		date: string;
		phase: Phase;
		ordinal: number;
		previous_on: string | null;
	}[];
	assessments: Assessment[];
}

export async function loadPatientRows(
	db: Kysely<DB>,
	patientId: number,
	asOf: string
): Promise<PatientRows> {
	const [courses, infusions, assessments] = await Promise.all([
		sql<{ course_index: number; complete: boolean }>`
			select course_index, (completed_on is not null and completed_on <= ${asOf}::date) as complete
			from derived_courses where patient_id = ${patientId} and course_start <= ${asOf}::date
			order by course_index`.execute(db),
		sql<PatientRows['infusions'][number]>`
			select course_index, administered_on as date, phase, ordinal, previous_on
			from derived_infusions where patient_id = ${patientId} and administered_on <= ${asOf}::date
			order by administered_on`.execute(db),
		// Course of an assessment: the infusion it is attached to, else the latest course started
		// on or before its date, else the first course (assessments before any infusion).
		sql<Assessment>`
			select a.administered_on as date, a.instrument, a.total, a.items,
				coalesce(s.course_index,
					(select max(c.course_index) from derived_courses c
						where c.patient_id = a.patient_id and c.course_start <= a.administered_on),
					1) as course_index,
				s.phase as attached_phase, s.ordinal as attached_ordinal
			from assessments a
			left join derived_scores s on s.patient_id = a.patient_id and s.instrument = a.instrument
				and s.assessed_on = a.administered_on and s.administered_on <= ${asOf}::date
			where a.patient_id = ${patientId} and a.administered_on <= ${asOf}::date
			order by a.administered_on, a.instrument`.execute(db)
	]);
	return { courses: courses.rows, infusions: infusions.rows, assessments: assessments.rows };
}
