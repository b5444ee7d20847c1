import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../src/lib/server/db/schema';
import type { Cohort } from '../../../src/lib/server/queries/cohort';
import { courseStateSql } from '../../../src/lib/server/queries/course-state';

// The booster-activity query as first written, over the course and infusion facts (no periods
// table, no rollup): the reference the rollup path is compared with.

export async function referenceActivityRows(db: Kysely<DB>, cohort: Cohort) {
	const asOf = sql`${cohort.asOf}::date`;
	const { rows } = await sql<Record<string, unknown>>`
		with k as (${courseStateSql(cohort)}),
		eligible as (
			select k.key, k.patient_id, k.course_index, p.period,
				k.l_on + 90 * (p.period - 1) as period_after, k.l_on + 90 * p.period as period_end
			from k cross join generate_series(1, 8) as p(period)
			where k.complete and k.l_on + 90 * p.period <= ${asOf}
		),
		per_course as (
			select e.key, e.patient_id, e.period, count(x.infusion_id) as boosters,
				bool_or(c.discharged_on <= e.period_end or c.next_course_start <= e.period_end) as ended
			from eligible e
			join derived_courses c on c.patient_id = e.patient_id and c.course_index = e.course_index
			left join derived_infusions x on x.patient_id = e.patient_id
				and x.course_index = e.course_index and x.phase = 'booster'
				and x.administered_on > e.period_after and x.administered_on <= e.period_end
			group by e.key, e.patient_id, e.course_index, e.period
		)
		select key, period, count(*) as courses, count(distinct patient_id) as patients,
			count(*) filter (where boosters > 0) as with_booster,
			count(*) filter (where coalesce(ended, false)) as ended,
			coalesce(sum(boosters), 0) as boosters, stddev_samp(boosters) as sd
		from per_course group by key, period order by key, period`.execute(db);
	return rows;
}
