import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Filters, GroupBy } from '../../filters';
import { getInstrument, type InstrumentCode } from '../../instruments';
import { meanInterval, Suppressor, type VisibleRate } from '../../metrics';
import type { AggregateScope } from '../auth/scope';
import type { DB } from '../db/schema';
import { settledOnSql } from '../derived/induction-rollup';
import { clinicLevelRollupServes, groupRows, resolveCohort, type Cohort } from './cohort';
import { courseStateSql, postAsOfSql } from './course-state';
import { settledCoursesSql, settledPairsSql } from './induction-cells';
import {
	mcidRule,
	reliableChangeRules,
	remissionRule,
	responseRule,
	type SqlRule
} from './outcome-rules-sql';
import { grouped, type Grouped } from './result';
import { meanFromSums, sdFromSums } from './sql-statistics';

// Response and remission after induction (shared/domain.md section 3): among courses with a
// complete induction and both a baseline and a post-induction score (observed cases), with the
// numbers that started and completed beside every rate. Aggregated in SQL, one row per group.

export interface MeanSd {
	n: number | null;
	mean: number | null;
	sd: number | null;
}

export interface InductionOutcomes {
	courses_started: number | null;
	induction_completed: number | null;
	with_baseline_and_post: number | null;
	baseline: MeanSd;
	post: MeanSd;
	change: MeanSd & { ci_low: number | null; ci_high: number | null };
	response: VisibleRate;
	remission: VisibleRate;
	mcid: VisibleRate;
	reliable_improvement: VisibleRate;
	reliable_deterioration: VisibleRate;
	suppressed: string[];
}

const RATE_NAMES = [
	'response',
	'remission',
	'mcid',
	'reliable_improvement',
	'reliable_deterioration'
] as const;
type RateName = (typeof RATE_NAMES)[number];

interface Row extends Record<`${RateName}_count` | `${RateName}_n`, number | null> {
	key: string;
	patients: number;
	courses_started: number;
	induction_completed: number;
	with_baseline_and_post: number;
	baseline_mean: number | null;
	baseline_sd: number | null;
	post_mean: number | null;
	post_sd: number | null;
	change_mean: number | null;
	change_sd: number | null;
}

const NO_RATE: VisibleRate = { count: null, rate: null, ci_low: null, ci_high: null };

export async function getInductionOutcomes(
	db: Kysely<DB>,
	scope: AggregateScope,
	filters: Filters & { instrument: InstrumentCode }
): Promise<Grouped<InductionOutcomes>> {
	const cohort = await resolveCohort(db, scope, filters);
	const rows = await inductionRows(db, cohort, filters.instrument, false);
	return grouped(cohort, groupRows(cohort, rows), presentGroup(scope));
}

/** A group's one row as the answer shows it (suppression by the scope's small-cell minimum). */
const presentGroup = (scope: AggregateScope) => (rows: Row[]) => present(scope, rows[0]);

/** Groupings under which each patient lies in exactly one group (a patient's attributes). */
const PATIENT_GROUPINGS: readonly GroupBy[] = ['clinic', 'clinician', 'indication', 'age_band'];

/** Marks the whole cohort's row among the groups' rows; no group key takes this form. */
const OVERALL_KEY = '(whole cohort)';

/**
 * The whole cohort's outcomes (as with no `by`) and the compared groups (`filters.by`), from one
 * query when every patient lies in one group: the whole cohort's counts and score pairs are then
 * the sums of the groups' (the distinct patients too), summed in SQL before the same rules and
 * statistics. /outcomes compared by clinic ran the query twice (100,000 patients: 35 ms each).
 * Grouped by the course's start year, a patient can be in two groups: two queries then.
 */
export async function getInductionOutcomesWithOverall(
	db: Kysely<DB>,
	scope: AggregateScope,
	filters: Filters & { instrument: InstrumentCode }
): Promise<{ summary: Grouped<InductionOutcomes>; compared: Grouped<InductionOutcomes> }> {
	const whole = { ...filters, by: null };
	if (!filters.by || !PATIENT_GROUPINGS.includes(filters.by)) {
		const [summary, compared] = await Promise.all([
			getInductionOutcomes(db, scope, whole),
			getInductionOutcomes(db, scope, filters)
		]);
		return { summary, compared };
	}
	const cohort = await resolveCohort(db, scope, filters);
	const rows = await inductionRows(db, cohort, filters.instrument, true);
	const groupsOnly = rows.filter((row) => row.key !== OVERALL_KEY);
	const overall = rows.filter((row) => row.key === OVERALL_KEY);
	const wholeCohort = { ...cohort, filters: { ...cohort.filters, by: null } };
	return {
		summary: grouped(wholeCohort, [{ key: 'all', rows: overall }], presentGroup(scope)),
		compared: grouped(cohort, groupRows(cohort, groupsOnly), presentGroup(scope))
	};
}

/**
 * One row per group of the cohort (key, counts, statistics, each rate's count and denominator);
 * with `withOverall` also the whole cohort's row, keyed OVERALL_KEY, summed from the groups'.
 */
async function inductionRows(
	db: Kysely<DB>,
	cohort: Cohort,
	instrumentCode: InstrumentCode,
	withOverall: boolean
): Promise<Row[]> {
	const instrument = getInstrument(instrumentCode);
	const reliable = reliableChangeRules(instrument);
	const rules: Record<RateName, SqlRule | null> = {
		response: responseRule(instrument),
		remission: remissionRule(instrument),
		mcid: mcidRule(instrument),
		reliable_improvement: reliable?.improvement ?? null,
		reliable_deterioration: reliable?.deterioration ?? null
	};
	const rateColumns = Object.entries(rules).map(([name, rule]) => rateSql(name, rule));
	const rolled = clinicLevelRollupServes(cohort);
	const settledBefore = sql`date_trunc('month', ${cohort.asOf}::date)::date`;
	// With the rollups, the facts only supply the courses settling from the as-of month on; a
	// patient is counted by their first course, which lies on exactly one side.
	const live = rolled ? sql`${settledOnSql('c')} >= ${settledBefore}` : sql`true`;
	const livePatients = rolled
		? sql`count(*) filter (where course_index = 1)`
		: sql`count(distinct patient_id)`;
	const { rows } = await sql<Row>`
		with k as (${courseStateSql(cohort, live)}),
		scored as (
			select k.key, k.patient_id, k.course_index, k.complete, s.baseline_total as b,
				${postAsOfSql(cohort.asOf, instrumentCode)} as p
			from k left join derived_course_scores s on s.patient_id = k.patient_id
				and s.course_index = k.course_index and s.instrument = ${instrumentCode}
		), courses as (
			select key, ${livePatients} as patients, count(*) as courses,
				count(*) filter (where complete) as completed
			from scored group by key
			${rolled ? sql`union all ${settledCoursesSql(cohort, settledBefore)}` : sql``}
		), pairs as (
			select key, b, p, 1 as weight from scored where complete and b is not null and p is not null
			${rolled ? sql`union all ${settledPairsSql(cohort, instrumentCode, settledBefore)}` : sql``}
		), group_course_totals as (
			select key, sum(patients) as patients, sum(courses) as courses_started,
				sum(completed) as induction_completed
			from courses group by key
		), course_totals as (
			select * from group_course_totals
			${withOverall ? sql`union all select ${OVERALL_KEY}::text, sum(patients), sum(courses_started), sum(induction_completed) from group_course_totals` : sql``}
		), group_pair_counts as (
			-- Scores are small integers: a few hundred (b, p) pairs carry every rule and sum.
			select key, b, p, sum(weight) as weight from pairs group by key, b, p
		), pair_counts as (
			-- The whole cohort's, summed from the groups' few hundred rows.
			select * from group_pair_counts
			${withOverall ? sql`union all select ${OVERALL_KEY}::text, b, p, sum(weight) from group_pair_counts group by b, p` : sql``}
		), pair_totals as (
			select key, sum(weight) as n,
				sum(weight * b) as sb, sum(weight::bigint * b * b) as sbb,
				sum(weight * p) as sp, sum(weight::bigint * p * p) as spp,
				sum(weight * (p - b)) as sd, sum(weight::bigint * (p - b) * (p - b)) as sdd,
				${sql.join(rateColumns)}
			from pair_counts group by key
		)
		select t.key, t.patients, t.courses_started, t.induction_completed,
			coalesce(x.n, 0) as with_baseline_and_post,
			${meanFromSums(sql`x.n`, sql.ref('x.sb'))} as baseline_mean, ${sdFromSums(sql`x.n`, sql.ref('x.sb'), sql.ref('x.sbb'))} as baseline_sd,
			${meanFromSums(sql`x.n`, sql.ref('x.sp'))} as post_mean, ${sdFromSums(sql`x.n`, sql.ref('x.sp'), sql.ref('x.spp'))} as post_sd,
			${meanFromSums(sql`x.n`, sql.ref('x.sd'))} as change_mean, ${sdFromSums(sql`x.n`, sql.ref('x.sd'), sql.ref('x.sdd'))} as change_sd,
			${sql.join(RATE_NAMES.flatMap((name) => rateTotalSql(name, rules[name])))}
		from course_totals t left join pair_totals x on x.key = t.key`.execute(db);
	return rows;
}

function rateSql(name: string, rule: SqlRule | null): RawBuilder<unknown> {
	if (!rule)
		return sql`null::int as ${sql.ref(`${name}_count`)}, null::int as ${sql.ref(`${name}_n`)}`;
	return sql`coalesce(sum(weight) filter (where ${rule.met}), 0) as ${sql.ref(`${name}_count`)},
		coalesce(sum(weight) filter (where ${rule.defined}), 0) as ${sql.ref(`${name}_n`)}`;
}

/** A group with courses but no course with both scores has 0 of 0 for every defined rate. */
function rateTotalSql(name: RateName, rule: SqlRule | null): RawBuilder<unknown>[] {
	return [`${name}_count`, `${name}_n`].map((column) =>
		rule
			? sql`coalesce(${sql.ref(`x.${column}`)}, 0) as ${sql.ref(column)}`
			: sql`null::int as ${sql.ref(column)}`
	);
}

function present(scope: AggregateScope, row: Row | undefined): InductionOutcomes {
	const s = new Suppressor(scope.smallCellMin);
	const r = row ?? emptyRow();
	const showStatistics = r.patients === 0 || s.group(r.patients);
	const started = s.count('courses_started', r.courses_started);
	// A count that is part of a shown count is hidden when the rest is a small cell too, so that
	// no count from 1 to min - 1 can be derived by subtraction.
	const part = (name: string, count: number, whole: number) =>
		count === 0 || s.rate(name, count, whole).count !== null ? count : null;
	const completed = part('induction_completed', r.induction_completed, r.courses_started);
	const observed = part('with_baseline_and_post', r.with_baseline_and_post, r.induction_completed);
	const stat = (value: number | null) => (showStatistics && observed !== null ? value : null);
	const n = showStatistics ? observed : null;
	const change = { n, mean: stat(r.change_mean), sd: stat(r.change_sd) };
	const interval =
		change.mean !== null
			? meanInterval({ n: r.with_baseline_and_post, mean: change.mean, sd: change.sd })
			: null;
	const rate = (name: RateName): VisibleRate => {
		const count = r[`${name}_count`];
		const denominator = r[`${name}_n`];
		if (!showStatistics || count === null || denominator === null || observed === null)
			return NO_RATE;
		return s.rate(name, count, denominator);
	};
	return {
		courses_started: started,
		induction_completed: completed,
		with_baseline_and_post: observed,
		baseline: { n, mean: stat(r.baseline_mean), sd: stat(r.baseline_sd) },
		post: { n, mean: stat(r.post_mean), sd: stat(r.post_sd) },
		change: { ...change, ci_low: interval?.low ?? null, ci_high: interval?.high ?? null },
		response: rate('response'),
		remission: rate('remission'),
		mcid: rate('mcid'),
		reliable_improvement: rate('reliable_improvement'),
		reliable_deterioration: rate('reliable_deterioration'),
		suppressed: s.suppressed
	};
}

function emptyRow(): Row {
	const rates = Object.fromEntries(
		RATE_NAMES.flatMap((name) => [
			[`${name}_count`, 0],
			[`${name}_n`, 0]
		])
	) as Record<`${RateName}_count` | `${RateName}_n`, number>;
	return {
		key: 'all',
		patients: 0,
		courses_started: 0,
		induction_completed: 0,
		with_baseline_and_post: 0,
		baseline_mean: null,
		baseline_sd: null,
		post_mean: null,
		post_sd: null,
		change_mean: null,
		change_sd: null,
		...rates
	};
}
