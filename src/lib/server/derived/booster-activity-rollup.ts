import { sql, type Kysely, type RawBuilder } from 'kysely';
import { ACTIVITY_MAX_PERIODS, ACTIVITY_PERIOD_DAYS } from '../../definitions';
import type { DB } from '../db/schema';
import { monthOf } from '../queries/dated-periods';
import { clinicKeyFilter, type CohortKeySelection } from './trajectory-rollup';

// Maintains the booster-activity facts and rollup (migrations/...-booster-activity-rollups.ts):
// derived_course_periods per patient (with the other patient facts), and
// derived_booster_activity_cells per whole (clinic, indication) key, like the other rollups.

export const BOOSTER_ACTIVITY_ROLLUP_TABLES = ['derived_booster_activity_cells'] as const;

/**
 * One row per (course with a complete induction, period 1-8) of the selected patients
 * (`patientFilter` on alias c, a derived_courses row). Run after derived_courses is refreshed.
 * A booster on day d after L falls in period (d - 1) / 90 + 1 (integer division): (L, L + 90] is 1.
 * Written in eligible_on order, so that the rows a query reads (one month's) lie together.
 */
export async function insertCoursePeriods(
	db: Kysely<DB>,
	patientFilter: RawBuilder<unknown>
): Promise<void> {
	const days = sql.lit(ACTIVITY_PERIOD_DAYS);
	const periods = sql.lit(ACTIVITY_MAX_PERIODS);
	const periodEnd = sql`c.last_induction_on + ${days} * p.period`;
	await sql`
		insert into derived_course_periods (patient_id, clinic_id, clinician_id, indication, age_band,
			course_index, course_start, period, eligible_on, boosters, ended, first_complete)
		with complete as (
			select c.*, row_number() over (partition by c.patient_id order by c.course_index) = 1
				as first_complete
			from derived_courses c where c.completed_on is not null and ${patientFilter}
		), counted as (
			select x.patient_id, x.course_index,
				(x.administered_on - c.last_induction_on - 1) / ${days} + 1 as period,
				count(*) as boosters
			from derived_infusions x join complete c
				on c.patient_id = x.patient_id and c.course_index = x.course_index
			where x.phase = 'booster' and x.administered_on > c.last_induction_on
				and x.administered_on <= c.last_induction_on + ${days} * ${periods}
			group by 1, 2, 3
		)
		select c.patient_id, c.clinic_id, c.clinician_id, c.indication, c.age_band, c.course_index,
			c.course_start, p.period, ${periodEnd}, coalesce(n.boosters, 0),
			coalesce(c.discharged_on <= ${periodEnd} or c.next_course_start <= ${periodEnd}, false),
			c.first_complete
		from complete c cross join generate_series(1, ${periods}) as p(period)
		left join counted n on n.patient_id = c.patient_id and n.course_index = c.course_index
			and n.period = p.period
		order by 9`.execute(db);
}

/** Deletes and recomputes the cells of the given keys. Run it inside a transaction. */
export async function refreshBoosterActivityCells(
	db: Kysely<DB>,
	keys: CohortKeySelection
): Promise<void> {
	if (keys !== 'all' && keys.length === 0) return;
	const where = clinicKeyFilter(keys);
	await sql`delete from derived_booster_activity_cells where ${where}`.execute(db);
	await sql`
		insert into derived_booster_activity_cells (clinic_id, indication, period, eligible_month,
			courses, first_courses, with_booster, boosters, sum_squares, ended)
		select clinic_id, indication, period, ${monthOf(sql`eligible_on`)}, count(*),
			count(*) filter (where first_complete), count(*) filter (where boosters > 0),
			sum(boosters), sum(boosters::bigint * boosters), count(*) filter (where ended)
		from derived_course_periods where ${where}
		group by 1, 2, 3, 4`.execute(db);
}
