import { sql, type Kysely, type RawBuilder } from 'kysely';
import { MIN_GAPS_FOR_TREND } from '../../definitions';
import type { DB, Phase } from '../db/schema';
import { cachedAnswer } from '../cache/aggregate-cache';
import { cohortWhere, coversAllData, type Cohort } from './cohort';

// Booster intervals across patients (/intervals): one lane per patient, from the patient's latest
// course with a booster by the as-of date, aligned at the end of its induction (day 0 = L, the
// last induction infusion). Per-patient figures and paging are computed in SQL. At the default
// as-of date the lanes are read from derived_booster_lanes (derived/booster-lanes.ts); an earlier
// date aggregates the booster facts per request.

export const LANE_SORTS = ['median_gap', 'latest_gap', 'trend', 'boosters', 'code'] as const;
export type LaneSort = (typeof LANE_SORTS)[number];

export interface LaneOptions {
	sort: LaneSort;
	dir: 'asc' | 'desc';
	page: number;
	pageSize: number;
}

export interface LaneEvent {
	/** Days from L: negative during induction, 0 at L. */
	day: number;
	date: string;
	phase: Phase;
	ordinal: number;
}

export interface BoosterLane {
	code: string;
	clinic: string;
	indication: string;
	course: number;
	/** End of induction (L); the course's first infusion when it had no induction. */
	aligned_on: string;
	boosters: number;
	/** Median booster gap in days (linear interpolation), over the course's gaps. */
	median_gap: number | null;
	latest_gap: number | null;
	/** Least-squares slope of gap days on booster number; null below MIN_GAPS_FOR_TREND gaps. */
	trend: number | null;
	/** Last day of follow-up: min(as-of, discharge, next course's start) - L. */
	follow_up_day: number;
	events: LaneEvent[];
}

export interface BoosterLanes {
	as_of: string;
	total: number;
	lanes: BoosterLane[];
}

function sortSql(sort: LaneSort): RawBuilder<unknown> {
	switch (sort) {
		case 'median_gap':
			return sql`l.median_gap`;
		case 'latest_gap':
			return sql`l.latest_gap`;
		case 'trend':
			return sql`l.trend`;
		case 'boosters':
			return sql`l.boosters`;
		case 'code':
			return sql`l.patient_code collate "C"`;
	}
}

interface RawLane extends Omit<BoosterLane, 'code' | 'clinic' | 'events'> {
	patient_code: string;
	clinic_id: number;
	events: LaneEvent[];
	total: number;
}

/**
 * A lane's booster figures, aggregated over the booster infusions (alias f, of derived_infusions)
 * of its course (alias k, with aligned_on). Gap j = Bj - the infusion before it (domain.md
 * section 3); booster 1 of a course that began with a booster has no infusion before it in the
 * course, hence no gap. Shared with the stored lanes (derived/booster-lanes.ts), so that both
 * give the same numbers.
 */
export const laneFiguresSql = sql`count(*)::int as boosters,
	percentile_cont(0.5) within group (order by f.administered_on - f.previous_on)
		filter (where f.previous_on >= k.aligned_on) as median_gap,
	(array_agg(f.administered_on - f.previous_on order by f.ordinal desc))[1] as latest_gap,
	case when count(*) filter (where f.previous_on >= k.aligned_on) >= ${MIN_GAPS_FOR_TREND}
		-- In booster order, so the float result does not depend on the rows' storage order.
		then regr_slope((f.administered_on - f.previous_on)::float8, f.ordinal::float8
			order by f.ordinal) filter (where f.previous_on >= k.aligned_on) end as trend`;

export async function getBoosterLanes(
	db: Kysely<DB>,
	cohort: Cohort,
	options: LaneOptions
): Promise<BoosterLanes> {
	// The stored lanes hold every course's figures after all of its data: they answer when
	// nothing is dated after the as-of date (the default). The migration filled them and every
	// refresh keeps them, so no clinic is missing.
	return getBoosterLanesFrom(db, cohort, options, coversAllData(cohort) ? 'stored' : 'computed');
}

/** `computed` aggregates the facts as of the as-of date; `stored` reads derived_booster_lanes. */
export async function getBoosterLanesFrom(
	db: Kysely<DB>,
	cohort: Cohort,
	options: LaneOptions,
	source: 'computed' | 'stored'
): Promise<BoosterLanes> {
	const asOf = sql`${cohort.asOf}::date`;
	const order = sql`${sortSql(options.sort)} ${options.dir === 'asc' ? sql`asc` : sql`desc`} nulls last,
		l.patient_code collate "C" asc`;
	// The count apart from the page, not `count(*) over ()`: with the window PostgreSQL sorted
	// all 60,000 stored lanes (on disk) before counting instead of keeping the top rows only. The
	// computed lanes are materialized once for both; the stored ones are read twice instead, and
	// their count comes from the aggregate cache while the data stays the same (counting them
	// costs 10-15 ms at 100,000 patients, the page of the default sort about 1 ms by its index).
	const lanes =
		source === 'stored'
			? sql`lanes as not materialized (${storedLanesSql(cohort)})`
			: sql`lanes as materialized (${computedLanesSql(cohort)})`;
	const countLanes = async () => {
		const { rows } = await sql<{ total: number }>`
			with ${lanes} select count(*)::int as total from lanes`.execute(db);
		return rows[0].total;
	};
	const totalColumn = source === 'stored' ? sql`null` : sql`(select count(*) from lanes)`;
	// The page does not wait for the stored lanes' count when the cache has none yet.
	const [storedTotal, { rows }] = await Promise.all([
		source === 'stored' ? cachedAnswer(db, 'lane-total', laneTotalKey(cohort), countLanes) : null,
		sql<RawLane>`
		with ${lanes},
		page as (
			select l.* from lanes l
			order by ${order}
			limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}
		)
		select l.patient_code, l.clinic_id, l.indication, l.course_index as course,
			l.aligned_on, l.boosters, l.median_gap, l.latest_gap, l.trend,
			${totalColumn} as total,
			l.follow_up_on - l.aligned_on as follow_up_day,
			(select jsonb_agg(jsonb_build_object('day', f.administered_on - l.aligned_on,
					'date', f.administered_on, 'phase', f.phase, 'ordinal', f.ordinal)
					order by f.administered_on)
				from derived_infusions f
				where f.patient_id = l.patient_id and f.course_index = l.course_index
					and f.administered_on <= ${asOf}) as events
		from page l order by ${order}`.execute(db)
	]);
	// A page past the end has no rows to carry the total: count apart.
	const total = storedTotal ?? rows[0]?.total ?? (options.page > 1 ? await countLanes() : 0);
	return {
		as_of: cohort.asOf,
		total,
		lanes: rows.map(({ patient_code, clinic_id, total: _total, ...lane }) => ({
			...lane,
			code: patient_code,
			clinic: cohort.clinicNames.get(clinic_id) ?? String(clinic_id)
		}))
	};
}

/** Everything the stored lanes' count depends on besides the data. */
function laneTotalKey(cohort: Cohort): unknown {
	const { clinicIds, clinicianIds, filters, asOf } = cohort;
	return { clinicIds, clinicianIds, filters, asOf };
}

/**
 * The lanes (patient_id, course_index, clinic_id, indication, aligned_on, follow_up_on, the
 * figures and patient_code) from the facts as of the as-of date: each patient's latest course
 * with a booster by then, among the courses the filters select.
 */
function computedLanesSql(cohort: Cohort): RawBuilder<unknown> {
	const asOf = sql`${cohort.asOf}::date`;
	return sql`
		with lane_course as (
			select distinct on (c.patient_id) c.patient_id, c.course_index, c.clinic_id, c.indication,
				coalesce(c.last_induction_on, c.course_start) as aligned_on,
				least(${asOf}, c.discharged_on, c.next_course_start) as follow_up_on
			from derived_courses c
			where ${cohortWhere('c', cohort)} and c.first_booster_on <= ${asOf}
			order by c.patient_id, c.course_index desc
		),
		lane_figures as (
			select k.patient_id, k.course_index, k.clinic_id, k.indication, k.aligned_on,
				k.follow_up_on, ${laneFiguresSql}
			from lane_course k
			join derived_infusions f on f.patient_id = k.patient_id and f.course_index = k.course_index
			where f.phase = 'booster' and f.administered_on <= ${asOf}
			group by k.patient_id, k.course_index, k.clinic_id, k.indication, k.aligned_on,
				k.follow_up_on
		)
		select x.*, p.patient_code from lane_figures x join patients p on p.id = x.patient_id`;
}

/**
 * The same lanes read from derived_booster_lanes, which has a row for every course with a
 * booster: the patient's latest one unless a course-start filter narrows the courses.
 */
function storedLanesSql(cohort: Cohort): RawBuilder<unknown> {
	const { filters } = cohort;
	const columns = sql`s.patient_id, s.course_index, s.clinic_id, s.indication, s.aligned_on,
		least(${cohort.asOf}::date, s.follow_up_until) as follow_up_on, s.boosters, s.median_gap,
		s.latest_gap, s.trend, s.patient_code`;
	const where = cohortWhere('s', cohort);
	return filters.start_from || filters.start_to
		? sql`select distinct on (s.patient_id) ${columns} from derived_booster_lanes s
			where ${where} order by s.patient_id, s.course_index desc`
		: sql`select ${columns} from derived_booster_lanes s where ${where} and s.latest`;
}
