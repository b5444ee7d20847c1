import { sql, type Kysely } from 'kysely';
import type { Filters } from '../../filters';
import { meanInterval, Suppressor, type VisibleRate } from '../../metrics';
import type { AggregateScope } from '../auth/scope';
import type { DB } from '../db/schema';
import { groupRows, resolveCohort } from './cohort';
import { courseStateSql } from './course-state';
import { grouped, type Grouped } from './result';

// Booster activity after induction, in 90-day periods counted from L (the course's last induction
// infusion). Period k covers the days (L + 90(k-1), L + 90k]. A course takes part in period k
// when its induction is complete by the as-of date A and the whole period has elapsed by A
// (L + 90k <= A): a period still running would undercount boosters. Discharge and re-induction
// are outcomes here, not censoring: such a course stays in the denominator with no boosters, so
// the share answers "of the courses that finished induction, how many still came for boosters".

/** Length of one activity period in days (a quarter, the clinic's planning unit). */
export const ACTIVITY_PERIOD_DAYS = 90;
/** Periods reported: the first two years after induction, which a board review looks at. */
export const ACTIVITY_MAX_PERIODS = 8;

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
	const days = sql`${ACTIVITY_PERIOD_DAYS}::int`;
	const { rows } = await sql<PeriodRow>`
		with k as (${courseStateSql(cohort)}),
		eligible as (
			select k.key, k.patient_id, k.course_index, p.period,
				k.l_on + ${days} * (p.period - 1) as period_after,
				k.l_on + ${days} * p.period as period_end
			from k cross join generate_series(1, ${ACTIVITY_MAX_PERIODS}::int) as p(period)
			where k.complete and k.l_on + ${days} * p.period <= ${asOf}
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
			coalesce(sum(boosters), 0) as boosters,
			stddev_samp(boosters) as sd
		from per_course
		group by key, period
		order by key, period`.execute(db);

	const lastPeriod = rows.reduce((max, row) => Math.max(max, row.period), 0);
	const result = grouped(cohort, groupRows(cohort, rows), (groupRowsOfKey) =>
		toCohort(groupRowsOfKey, lastPeriod, scope.smallCellMin)
	);
	return { ...result, period_days: ACTIVITY_PERIOD_DAYS };
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
