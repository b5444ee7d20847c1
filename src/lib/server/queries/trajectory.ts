import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Filters } from '../../filters';
import type { InstrumentCode } from '../../instruments';
import { meanInterval, Suppressor } from '../../metrics';
import type { Phase } from '../db/schema';
import type { AggregateScope } from '../auth/scope';
import type { DB } from '../db/schema';
import { cohortWhere, groupKey, groupRows, resolveCohort, type Cohort } from './cohort';
import { grouped, type Grouped } from './result';
import { datedRollupServes, datedTrajectorySource } from './dated-sources';
import {
	cellStatistics,
	rollupServes,
	rollupStatistics,
	type Axis,
	type CellStatistics
} from './trajectory-cells';

// Trajectory of pre-infusion scores (shared/domain.md section 3): per phase and ordinal (or per
// week since the course's first infusion), over the courses' pre-infusion scores: n, mean with a
// t-interval, median and quartiles (type 7, percentile_cont), mean % change from baseline.
// Infusions after the as-of date do not exist yet; their pre-infusion scores are dated before them.

export interface PointStatistics {
	n: number | null;
	mean: number | null;
	ci_low: number | null;
	ci_high: number | null;
	median: number | null;
	q1: number | null;
	q3: number | null;
	/** Mean of 100 * (score - baseline) / baseline over courses with a baseline above 0. */
	mean_pct_change: number | null;
	/** How many courses the mean % change is over (baseline present and above 0). */
	n_pct_change: number | null;
}

export type TrajectoryPoint = { phase: Phase; ordinal: number } & PointStatistics;
export type WeekPoint = { week: number } & PointStatistics;

export interface Trajectory<P> {
	points: P[];
	suppressed: string[];
}

interface StatisticsRow {
	key: string;
	patients: number;
	n: number;
	mean: number | null;
	sd: number | null;
	median: number | null;
	q1: number | null;
	q3: number | null;
	mean_pct_change: number | null;
	n_pct_change: number;
}

type PhaseRow = StatisticsRow & { phase: Phase; ordinal: number };
type WeekRow = StatisticsRow & { week: number };

export async function getTrajectory(
	db: Kysely<DB>,
	scope: AggregateScope,
	filters: Filters & { instrument: InstrumentCode }
): Promise<Grouped<Trajectory<TrajectoryPoint>>> {
	const cohort = await resolveCohort(db, scope, filters);
	const cells = await fromCells(db, cohort, filters.instrument, 'phase');
	const rows: PhaseRow[] = cells
		? cells.map(({ axis, position, ...row }) => ({
				...row,
				phase: axis as Phase,
				ordinal: position
			}))
		: (
				await sql<PhaseRow>`
					select ${statisticsSql(cohort, filters.instrument, sql`phase, ordinal`)}
					order by phase desc, ordinal`.execute(db)
			).rows;
	return grouped(cohort, groupRows(cohort, rows), (group) =>
		present(scope, group, (row) => ({ phase: row.phase, ordinal: row.ordinal }))
	);
}

/** The same statistics by whole weeks since the course's first infusion (week 0 = days 0-6). */
export async function getTrajectoryByWeek(
	db: Kysely<DB>,
	scope: AggregateScope,
	filters: Filters & { instrument: InstrumentCode }
): Promise<Grouped<Trajectory<WeekPoint>>> {
	const cohort = await resolveCohort(db, scope, filters);
	const cells = await fromCells(db, cohort, filters.instrument, 'week');
	const rows: WeekRow[] = cells
		? // eslint-disable-next-line @typescript-eslint/no-unused-vars
			cells.map(({ axis, position, ...row }) => ({ ...row, week: position }))
		: (
				await sql<WeekRow>`
					select ${statisticsSql(cohort, filters.instrument, sql`week`)}
					order by week`.execute(db)
			).rows;
	return grouped(cohort, groupRows(cohort, rows), (group) =>
		present(scope, group, (row) => ({ week: row.week }))
	);
}

/**
 * The statistics from the rollups (at the latest date) or the per-period rollups (an earlier
 * date); null when only the per-infusion facts can answer (a finer cohort or a course-start
 * filter at an earlier date).
 */
async function fromCells(
	db: Kysely<DB>,
	cohort: Cohort,
	instrument: InstrumentCode,
	axis: Axis
): Promise<CellStatistics[] | null> {
	if (rollupServes(cohort)) return rollupStatistics(db, cohort, instrument, axis);
	if (!datedRollupServes(cohort)) return null;
	return cellStatistics(db, cohort, axis, datedTrajectorySource(cohort, instrument, axis));
}

function statisticsSql(
	cohort: Cohort,
	instrument: InstrumentCode,
	cell: RawBuilder<unknown>
): RawBuilder<unknown> {
	return sql`${groupKey('d', cohort.filters.by)} as key, ${cell},
			count(distinct d.patient_id) as patients, count(*) as n,
			avg(d.total) as mean, stddev_samp(d.total) as sd,
			percentile_cont(0.5) within group (order by d.total) as median,
			percentile_cont(0.25) within group (order by d.total) as q1,
			percentile_cont(0.75) within group (order by d.total) as q3,
			avg(100.0 * (d.total - d.baseline_total) / d.baseline_total)
				filter (where d.baseline_total > 0) as mean_pct_change,
			count(*) filter (where d.baseline_total > 0) as n_pct_change
		from derived_scores d
		where d.instrument = ${instrument} and d.administered_on <= ${cohort.asOf}::date
			and ${cohortWhere('d', cohort)}
		group by 1, ${cell}`;
}

/**
 * A point from fewer than min patients shows no statistics; counts of 1..min-1 are hidden. The
 * suppressed names say which point, e.g. "induction 7: n".
 */
function present<Row extends StatisticsRow, Cell>(
	scope: AggregateScope,
	rows: Row[],
	cellOf: (row: Row) => Cell
): Trajectory<Cell & PointStatistics> {
	const s = new Suppressor(scope.smallCellMin);
	const points = rows.map((row) => {
		const cell = cellOf(row);
		const label = Object.values(cell as object).join(' ');
		const shown = s.group(row.patients);
		if (!shown) s.hide(`${label}: statistics`);
		const n = s.count(`${label}: n`, row.n);
		const nPct = s.count(`${label}: n_pct_change`, row.n_pct_change);
		const stat = (value: number | null) => (shown && n !== null ? value : null);
		const interval = meanInterval({ n: row.n, mean: row.mean, sd: row.sd });
		return {
			...cell,
			n,
			mean: stat(row.mean),
			ci_low: stat(interval?.low ?? null),
			ci_high: stat(interval?.high ?? null),
			median: stat(row.median),
			q1: stat(row.q1),
			q3: stat(row.q3),
			mean_pct_change: nPct !== null ? stat(row.mean_pct_change) : null,
			n_pct_change: nPct
		};
	});
	return { points, suppressed: s.suppressed.filter((name) => name !== 'group') };
}
