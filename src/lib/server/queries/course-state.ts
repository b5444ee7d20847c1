import { sql, type RawBuilder } from 'kysely';
import { POST_INDUCTION_WINDOW_DAYS } from '../../definitions';
import type { InstrumentCode } from '../../instruments';
import { cohortWhere, groupKey, type Cohort } from './cohort';

// Course facts as of the cohort's as-of date A, from the derived tables (data dated after A is
// ignored, as if not yet recorded: shared/domain.md section 3). The stored facts are the course's
// final ones; wherever a stored date lies after A, the as-of value is looked up instead, so the
// result is exact for any A and the look-ups only run for courses still open at A.

/**
 * One row per course started by A: key, patient_id, course_index, complete (induction target
 * reached by A), l_on (last induction infusion by A), b1_on (first booster by A, else null),
 * censor_on (min of A, discharge, next course's start), discharged_on, last_induction_on.
 * `onlyWhere` narrows the courses further (a condition on alias c).
 */
export function courseStateSql(
	cohort: Cohort,
	onlyWhere: RawBuilder<unknown> = sql`true`
): RawBuilder<unknown> {
	const asOf = sql`${cohort.asOf}::date`;
	return sql`
		select ${groupKey('c', cohort.filters.by)} as key, c.patient_id, c.course_index,
			c.last_induction_on,
			(c.completed_on is not null and c.completed_on <= ${asOf}) as complete,
			case when c.last_induction_on <= ${asOf} then c.last_induction_on
				else (select max(x.administered_on) from derived_infusions x
					where x.patient_id = c.patient_id and x.course_index = c.course_index
						and x.phase = 'induction' and x.administered_on <= ${asOf})
			end as l_on,
			case when c.first_booster_on <= ${asOf} then c.first_booster_on end as b1_on,
			least(${asOf}, c.discharged_on, c.next_course_start) as censor_on
		from derived_courses c
		where ${cohortWhere('c', cohort)} and ${onlyWhere}`;
}

/**
 * The post-induction score of course row `k` as of A (`instrument`: a code or a column), given the stored row `s` of
 * derived_course_scores (left-joined). The stored score holds when L is final by A and the stored
 * assessment is dated by A (if B1 <= A the window is the final one; otherwise the as-of window is
 * (L, min(L + 31, A)], inside the final one, and a stored score dated by A is still its latest).
 * Otherwise (A inside an open window) the latest assessment in (L_A, min(L_A + 31, A)] is read:
 * no booster by A can bound it, since B1 > L >= A there or B1 > A.
 */
export function postAsOfSql(
	asOfDate: string,
	instrument: InstrumentCode | RawBuilder<string>
): RawBuilder<number | null> {
	const asOf = sql`${asOfDate}::date`;
	return sql<number | null>`
		case when not k.complete then null
			when k.last_induction_on <= ${asOf} and (s.post_on is null or s.post_on <= ${asOf})
				then s.post_total
			else (select a.total from assessments a
				where a.patient_id = k.patient_id and a.instrument = ${instrument}
					and a.administered_on > k.l_on
					and a.administered_on <= least(k.l_on + ${POST_INDUCTION_WINDOW_DAYS}::int, ${asOf})
				order by a.administered_on desc limit 1)
		end`;
}
