import { sql, type Kysely } from 'kysely';
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
import { cohortWhere, groupKey, groupRows, resolveCohort, type Cohort } from './cohort';
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
	// A censoring date before the start (a discharge recorded before L) counts as time 0. One
	// statement gives the counts per time and, in rows without a time, the distinct patients per
	// group (for the group-size rule), so the subjects are read once.
	const { rows: all } = await sql<Row & { patients: number | null }>`
		with subjects as materialized (
			${gapIndex === 1 ? firstGapSql(cohort) : laterGapSql(cohort, gapIndex)}
		)
		select key, time, count(*) filter (where event) as events,
			count(*) filter (where not event) as censored, null::bigint as patients
		from (select key, patient_id, event,
				greatest(0, (case when event then end_on else censor_on end) - start_on) as time
			from subjects) timed
		group by key, time
		union all
		select key, null, null, null, count(*)
		from (select distinct key, patient_id from subjects) patients group by key
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

function firstGapSql(cohort: Cohort) {
	return sql`select key, patient_id, l_on as start_on, b1_on as end_on, censor_on,
			(b1_on is not null) as event
		from (${courseStateSql(cohort)}) k where complete`;
}

function laterGapSql(cohort: Cohort, gapIndex: number) {
	const asOf = sql`${cohort.asOf}::date`;
	return sql`select ${groupKey('f', cohort.filters.by)} as key, f.patient_id,
			f.start_on, case when f.next_on <= ${asOf} then f.next_on end as end_on,
			least(${asOf}, f.censor_bound) as censor_on,
			coalesce(f.next_on <= ${asOf}, false) as event
		from derived_booster_intervals f
		where f.ordinal = ${gapIndex - 1}::int and f.start_on <= ${asOf}
			and ${cohortWhere('f', cohort)}`;
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
