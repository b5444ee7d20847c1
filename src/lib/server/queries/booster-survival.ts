import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Filters } from '../../filters';
import {
	kaplanMeierFromTable,
	logRankFromTables,
	Suppressor,
	type LogRankResult,
	type SurvivalTableRow,
	type VisibleSurvivalCurve
} from '../../metrics';
import type { AggregateScope } from '../auth/scope';
import type { DB } from '../db/schema';
import { firstGapSettledOnSql, laterGapSettledOnSql } from '../derived/survival-rollup';
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
import { grouped, isGrouped, type Grouped } from './result';

// Kaplan-Meier time to booster j (shared/domain.md sections 3-4), in days, one subject per course.
// Gap 1: courses with induction complete by the as-of date A, from L to B1. Gap j >= 2: courses
// that reached booster j - 1 by A, from B(j-1) to Bj (derived_booster_intervals). Without the booster by A a course is
// censored at min(A, discharge date, next course's start). SQL hands over grouped counts per time.

export type BoosterSurvival = VisibleSurvivalCurve & { suppressed: string[] };
export type BoosterSurvivalResult = Grouped<BoosterSurvival> & {
	gap: number;
	logrank?: LogRankResult | null;
};

interface Row {
	key: string;
	time: number;
	events: number;
	censored: number;
}

export async function getBoosterSurvival(
	db: Kysely<DB>,
	scope: AggregateScope,
	filters: Filters,
	gapIndex: number
): Promise<BoosterSurvivalResult> {
	if (!Number.isInteger(gapIndex) || gapIndex < 1) throw new RangeError('gap must be 1 or more');
	const cohort = await resolveCohort(db, scope, filters);
	const rolled = clinicLevelRollupServes(cohort);
	const split: Split | null = rolled
		? { monthStart: sql`date_trunc('month', ${cohort.asOf}::date)::date` }
		: null;
	const subjects =
		gapIndex === 1 ? firstGapSql(cohort, split) : laterGapSql(cohort, gapIndex, split);
	// With the rollup, subjects settled before the as-of month come from the cells and a patient
	// is counted by their first course that is a subject; otherwise every subject is read here.
	const settledCounts = split
		? sql`union all
			select ${groupKey('r', cohort.filters.by)}, r.time,
				coalesce(sum(r.subjects) filter (where r.event), 0),
				coalesce(sum(r.subjects) filter (where not r.event), 0)
			from derived_survival_cells r
			where r.gap = ${gapIndex}::int and r.settled_month < ${split.monthStart}
				and ${clinicLevelWhere('r', cohort)}
			group by 1, 2`
		: sql``;
	const patients = split
		? sql`select key, sum(patients) from (
				select key, count(*) filter (where first) as patients from subjects group by key
				union all
				select ${groupKey('r', cohort.filters.by)}, sum(r.first_subjects)
				from derived_survival_cells r
				where r.gap = ${gapIndex}::int and r.settled_month < ${split.monthStart}
					and ${clinicLevelWhere('r', cohort)}
				group by 1
			) p group by key`
		: sql`select key, count(*) from (select distinct key, patient_id from subjects) p group by key`;
	// A censoring date before the start (a discharge recorded before L) counts as time 0. One
	// statement gives the counts per time and, in rows without a time, the patients per group
	// (for the group-size rule), so the subjects are read once.
	const { rows: all } = await sql<Row & { patients: number | null }>`
		with subjects as materialized (${subjects}),
		counts (key, time, events, censored) as (
			select key, greatest(0, (case when event then end_on else censor_on end) - start_on),
				count(*) filter (where event), count(*) filter (where not event)
			from subjects group by 1, 2
			${settledCounts}
		)
		select key, time, sum(events) as events, sum(censored) as censored,
			null::numeric as patients
		from counts group by key, time
		union all
		select key, null, null, null, patients from (${patients}) as p (key, patients)
		order by time`.execute(db);
	const rows = all.filter((r) => r.patients === null);
	const patientCounts = new Map(
		all.filter((r) => r.patients !== null).map((r) => [r.key, r.patients as number])
	);
	const groups = groupRows(cohort, rows);
	const tables = groups.map((g) => tableOf(g.rows));
	const result = grouped(cohort, groups, (group) =>
		present(scope, tableOf(group), patientCounts.get(group[0]?.key ?? '') ?? 0)
	);
	if (!isGrouped(result)) return { ...result, gap: gapIndex };
	// The log-rank test is computed on the full curves; it is a single statistic over all groups.
	return {
		...result,
		gap: gapIndex,
		logrank: tables.length >= 2 ? logRankFromTables(tables) : null
	};
}

function tableOf(rows: Row[]): SurvivalTableRow[] {
	return rows.map(({ time, events, censored }) => ({ time, events, censored }));
}

/** With the rollup: only the subjects settling from the as-of month on, or never. */
interface Split {
	monthStart: RawBuilder<unknown>;
}

function firstGapSql(cohort: Cohort, split: Split | null) {
	const settled = firstGapSettledOnSql('c');
	const live = split
		? sql`c.completed_on is not null and (${settled} is null or ${settled} >= ${split.monthStart})`
		: sql`true`;
	const first = split
		? sql`not exists (select 1 from derived_courses e where e.patient_id = k.patient_id
				and e.course_index < k.course_index and e.completed_on is not null)`
		: sql`false`;
	return sql`select key, patient_id, l_on as start_on, b1_on as end_on, censor_on,
			(b1_on is not null) as event, ${first} as first
		from (${courseStateSql(cohort, live)}) k where complete`;
}

function laterGapSql(cohort: Cohort, gapIndex: number, split: Split | null) {
	const asOf = sql`${cohort.asOf}::date`;
	const settled = laterGapSettledOnSql('f');
	const live = split ? sql`(${settled} is null or ${settled} >= ${split.monthStart})` : sql`true`;
	const first = split
		? sql`not exists (select 1 from derived_booster_intervals e where e.patient_id = f.patient_id
				and e.ordinal = f.ordinal and e.course_index < f.course_index)`
		: sql`false`;
	return sql`select ${groupKey('f', cohort.filters.by)} as key, f.patient_id,
			f.start_on, case when f.next_on <= ${asOf} then f.next_on end as end_on,
			least(${asOf}, f.censor_bound) as censor_on,
			coalesce(f.next_on <= ${asOf}, false) as event, ${first} as first
		from derived_booster_intervals f
		where f.ordinal = ${gapIndex - 1}::int and f.start_on <= ${asOf}
			and ${cohortWhere('f', cohort)} and ${live}`;
}

function present(
	scope: AggregateScope,
	table: SurvivalTableRow[],
	patients: number
): BoosterSurvival {
	const s = new Suppressor(scope.smallCellMin);
	const curve = kaplanMeierFromTable(table);
	if (patients > 0 && !s.group(patients)) {
		return {
			n: s.count('n', curve.n),
			events: null,
			censored: null,
			steps: [],
			median: null,
			median_ci_low: null,
			median_ci_high: null,
			suppressed: s.suppressed
		};
	}
	return { ...s.survival(curve), suppressed: s.suppressed };
}
