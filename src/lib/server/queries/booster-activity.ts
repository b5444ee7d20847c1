import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Filters } from '../../filters';
import { ACTIVITY_MAX_PERIODS, ACTIVITY_PERIOD_DAYS } from '../../definitions';
import { meanInterval, Suppressor, type VisibleRate } from '../../metrics';
import type { AggregateScope } from '../auth/scope';
import type { DB } from '../db/schema';
import {
	clinicLevelRollupServes,
	clinicLevelWhere,
	cohortWhere,
	groupKey,
	groupRows,
	resolveCohort,
	type Cohort
} from './cohort';
import { courseStateSql } from './course-state';
import { grouped, type Grouped } from './result';
import { sdFromSums } from './sql-statistics';

// Booster activity after induction, in 90-day periods counted from L (the course's last induction
// infusion). Period k covers the days (L + 90(k-1), L + 90k]. A course takes part in period k
// when its induction is complete by the as-of date A and the whole period has elapsed by A
// (L + 90k <= A): a period still running would undercount boosters. Discharge and re-induction
// are outcomes here, not censoring: such a course stays in the denominator with no boosters, so
// the share answers "of the courses that finished induction, how many still came for boosters".

export { ACTIVITY_MAX_PERIODS, ACTIVITY_PERIOD_DAYS };

export interface MeanWithCi {
	mean: number | null;
	sd: number | null;
	ci_low: number | null;
	ci_high: number | null;
}

export interface BoosterActivityPeriod {
	period: number;
	/** First and last day after L covered by the period (1-90, 91-180, ...). */
	day_from: number;
	day_to: number;
	/** Courses taking part (complete induction, period elapsed by A); "<11" as null. */
	courses: number | null;
	/** Boosters given in the period, all courses together. */
	boosters: number | null;
	/** Boosters per course per 90 days: mean over all taking part, zeros included; t-interval. */
	boosters_per_course: MeanWithCi;
	/** Still in the booster phase: courses with at least one booster in the period (Wilson CI). */
	with_booster: VisibleRate;
	/** Boosters per course among those with at least one. */
	boosters_per_active_course: number | null;
	/** Discharged or re-inducted (a new course started) by the period's last day (Wilson CI). */
	ended: VisibleRate;
}

export interface BoosterActivityCohort {
	/** Periods 1..the last one any compared group reached, so that groups line up. */
	periods: BoosterActivityPeriod[];
	/** Fields hidden by the small-cell rule, for the page's "why" note. */
	suppressed: string[];
}

/** The shared envelope (as_of, filters, definitions_version; `groups` with `by`). */
export type BoosterActivity = Grouped<BoosterActivityCohort> & { period_days: number };

interface PeriodRow {
	key: string;
	period: number;
	courses: number;
	patients: number;
	with_booster: number;
	ended: number;
	boosters: number;
	sd: number | null;
}

export async function getBoosterActivity(
	db: Kysely<DB>,
	scope: AggregateScope,
	filters: Filters
): Promise<BoosterActivity> {
	const cohort = await resolveCohort(db, scope, filters);
	const asOf = sql`${cohort.asOf}::date`;
	const rolled = clinicLevelRollupServes(cohort);
	const monthStart = sql`date_trunc('month', ${asOf})::date`;
	// A (course, period) counts from eligible_on = L + 90p, with a fixed contribution. The months
	// before A's come from the cells, the rest from the rows; a patient counts once per period,
	// through their first course with a complete induction.
	const settled = rolled
		? sql`union all
			select ${groupKey('r', cohort.filters.by)}, r.period, r.courses, r.first_courses,
				r.with_booster, r.boosters, r.sum_squares, r.ended
			from derived_booster_activity_cells r
			where r.eligible_month < ${monthStart} and ${clinicLevelWhere('r', cohort)}`
		: sql``;
	const { rows } = await sql<PeriodRow>`
		with contributions (key, period, courses, first_courses, with_booster, boosters, sum_squares,
			ended) as (
			select ${groupKey('f', cohort.filters.by)}, f.period, 1, f.first_complete::int,
				(f.boosters > 0)::int, f.boosters, f.boosters::bigint * f.boosters, f.ended::int
			from derived_course_periods f
			where f.eligible_on <= ${asOf} and ${cohortWhere('f', cohort)}
				${rolled ? sql`and f.eligible_on >= ${monthStart}` : sql``}
			union all
			${openInductionSql(cohort)}
			${settled}
		), totals as (
			select key, period, sum(courses) as courses, sum(first_courses) as patients,
				sum(with_booster) as with_booster, sum(ended) as ended, sum(boosters) as boosters,
				sum(sum_squares) as sum_squares
			from contributions group by key, period
		)
		select key, period, courses, patients, with_booster, ended, boosters,
			${sdFromSums(sql`courses`, sql`boosters`, sql`sum_squares`)} as sd
		from totals order by key, period`.execute(db);

	const lastPeriod = rows.reduce((max, row) => Math.max(max, row.period), 0);
	const result = grouped(cohort, groupRows(cohort, rows), (groupRowsOfKey) =>
		toCohort(groupRowsOfKey, lastPeriod, scope.smallCellMin)
	);
	return { ...result, period_days: ACTIVITY_PERIOD_DAYS };
}

/**
 * The rare courses whose induction is complete by A but whose last induction infusion is after A
 * (an induction infusion after a long pause, without a booster between): their periods count
 * from the last induction infusion by A, so they are computed here from the infusions. Their
 * stored rows count from the final L, after A, and are not read.
 */
function openInductionSql(cohort: Cohort): RawBuilder<unknown> {
	const asOf = sql`${cohort.asOf}::date`;
	const days = sql`${ACTIVITY_PERIOD_DAYS}::int`;
	return sql`
		select e.key, e.period, 1,
			(not exists (select 1 from derived_courses earlier where earlier.patient_id = e.patient_id
				and earlier.course_index < e.course_index and earlier.completed_on is not null))::int,
			(count(x.infusion_id) > 0)::int, count(x.infusion_id),
			count(x.infusion_id) * count(x.infusion_id),
			coalesce(bool_or(e.discharged_on <= e.period_end or e.next_course_start <= e.period_end),
				false)::int
		from (
			select k.key, k.patient_id, k.course_index, p.period, c.discharged_on,
				c.next_course_start, k.l_on + ${days} * (p.period - 1) as period_after,
				k.l_on + ${days} * p.period as period_end
			from (${courseStateSql(cohort, sql`c.last_induction_on > ${asOf}`)}) k
			join derived_courses c on c.patient_id = k.patient_id and c.course_index = k.course_index
			cross join generate_series(1, ${ACTIVITY_MAX_PERIODS}::int) as p(period)
			where k.complete and k.l_on + ${days} * p.period <= ${asOf}
		) e
		left join derived_infusions x on x.patient_id = e.patient_id
			and x.course_index = e.course_index and x.phase = 'booster'
			and x.administered_on > e.period_after and x.administered_on <= e.period_end
		group by e.key, e.patient_id, e.course_index, e.period`;
}

function toCohort(
	rows: PeriodRow[],
	lastPeriod: number,
	smallCellMin: number
): BoosterActivityCohort {
	const suppressor = new Suppressor(smallCellMin);
	const periods: BoosterActivityPeriod[] = [];
	for (let period = 1; period <= lastPeriod; period++) {
		const row = rows.find((r) => r.period === period);
		periods.push(toPeriod(period, row, suppressor));
	}
	return { periods, suppressed: suppressor.suppressed };
}

const EMPTY_RATE: VisibleRate = { count: null, rate: null, ci_low: null, ci_high: null };
const EMPTY_MEAN: MeanWithCi = { mean: null, sd: null, ci_low: null, ci_high: null };

function toPeriod(
	period: number,
	row: PeriodRow | undefined,
	suppressor: Suppressor
): BoosterActivityPeriod {
	const base = {
		period,
		day_from: (period - 1) * ACTIVITY_PERIOD_DAYS + 1,
		day_to: period * ACTIVITY_PERIOD_DAYS
	};
	const courses = row?.courses ?? 0;
	// A group of fewer than the minimum patients shows no statistics (domain.md section 5).
	if (!row || !suppressor.group(row.patients)) {
		return {
			...base,
			courses: suppressor.count('courses', courses),
			boosters: courses === 0 ? 0 : null,
			boosters_per_course: EMPTY_MEAN,
			with_booster: courses === 0 ? suppressor.rate('with_booster', 0, 0) : EMPTY_RATE,
			boosters_per_active_course: null,
			ended: courses === 0 ? suppressor.rate('ended', 0, 0) : EMPTY_RATE
		};
	}
	const withBooster = suppressor.rate('with_booster', row.with_booster, courses);
	// A booster total of 1-10 would give away that at most 10 courses had one; the mean and its
	// total are derivable from each other (mean x courses), so they go together.
	const boosters = suppressor.count('boosters', row.boosters);
	const mean = boosters === null ? null : boosters / courses;
	const interval = mean === null ? null : meanInterval({ n: courses, mean, sd: row.sd });
	if (boosters === null) suppressor.hide('boosters_per_course');
	// Per active course, boosters / with_booster would reveal a hidden with_booster count.
	const perActive =
		boosters !== null && withBooster.count !== null && withBooster.count > 0
			? boosters / withBooster.count
			: null;
	return {
		...base,
		courses: suppressor.count('courses', courses),
		boosters,
		boosters_per_course: {
			mean,
			sd: mean === null ? null : row.sd,
			ci_low: interval?.low ?? null,
			ci_high: interval?.high ?? null
		},
		with_booster: withBooster,
		boosters_per_active_course: perActive,
		ended: suppressor.rate('ended', row.ended, courses)
	};
}
