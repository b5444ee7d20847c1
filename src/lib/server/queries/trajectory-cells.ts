import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { InstrumentCode } from '../../instruments';
import { quantileFromHistogram, type HistogramBin } from '../../metrics';
import type { DB } from '../db/schema';
import { ROLLUP_LEVELS, type RollupLevel } from '../derived/trajectory-rollup';
import { coversAllData, groupKey, type Cohort } from './cohort';

// The trajectory statistics read from the per-cell rollups (derived/trajectory-rollup.ts) instead
// of the per-infusion facts: n, patients, mean, SD and mean % change from exact sums, medians and
// quartiles from score histograms. The results equal the per-infusion path's to the last digit
// (tests/integration/derived-trajectory.test.ts compares them).

export type Axis = 'phase' | 'week';

export interface CellStatistics {
	key: string;
	/** 'induction' | 'booster' on the phase axis, 'week' on the week axis. */
	axis: string;
	position: number;
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

/**
 * Whether the rollups can answer: they hold every score ever recorded, so only when nothing is
 * after the as-of date (the default, or a later one) and no filter or grouping needs the course
 * start date, which is not in the rollup key.
 */
export function rollupServes(cohort: Cohort): boolean {
	const { filters } = cohort;
	if (filters.start_from || filters.start_to || filters.by === 'start_year') return false;
	return coversAllData(cohort);
}

/** The coarse (clinic, indication) rollup unless a clinician or age band is filtered or grouped. */
function levelFor(cohort: Cohort): RollupLevel {
	const { filters } = cohort;
	const finer =
		cohort.clinicianIds !== null ||
		filters.age_band.length > 0 ||
		filters.by === 'clinician' ||
		filters.by === 'age_band';
	return finer ? 'fine' : 'clinic';
}

function rollupWhere(cohort: Cohort, instrument: InstrumentCode, axis: Axis): RawBuilder<unknown> {
	const { filters } = cohort;
	const conditions: RawBuilder<unknown>[] = [
		sql`instrument = ${instrument}`,
		axis === 'week' ? sql`axis = 'week'` : sql`axis in ('induction', 'booster')`
	];
	if (cohort.clinicIds) conditions.push(sql`clinic_id = any(${cohort.clinicIds}::int[])`);
	if (cohort.clinicianIds) {
		conditions.push(sql`clinician_id = any(${cohort.clinicianIds}::int[])`);
	}
	if (filters.indication.length > 0) {
		conditions.push(sql`indication = any(${filters.indication}::text[])`);
	}
	if (filters.age_band.length > 0) {
		conditions.push(sql`age_band = any(${filters.age_band}::text[])`);
	}
	return sql.join(conditions, sql` and `);
}

/**
 * Cell statistics, ordered as the per-infusion query orders them. The arithmetic mirrors
 * PostgreSQL's own aggregates so that the numbers match to the last digit: avg(smallint) is
 * sum / count in numeric; stddev_samp is sqrt((n * sum(x^2) - sum(x)^2) / (n (n - 1))) in numeric
 * with 0 when the numerator is not positive (the same division scale; the square root keeps it
 * for variances below 10,000, which every instrument's range guarantees); avg of the % change
 * terms is their exact numeric sum / count.
 */
export async function rollupStatistics(
	db: Kysely<DB>,
	cohort: Cohort,
	instrument: InstrumentCode,
	axis: Axis
): Promise<CellStatistics[]> {
	const where = rollupWhere(cohort, instrument, axis);
	const { cells, histogram } = ROLLUP_LEVELS[levelFor(cohort)];
	return cellStatistics(db, cohort, axis, {
		cells: sql`select * from ${sql.table(cells)} r where ${where}`,
		histogram: sql`select * from ${sql.table(histogram)} r where ${where}`
	});
}

/**
 * Rows of rollup cells to sum: `cells` with the cohort columns the grouping needs, axis,
 * position, patients, n, sum_total, sum_squares, pct_sum and pct_n; `histogram` with the cohort
 * columns, axis, position, total and count. Already narrowed to the cohort and instrument.
 */
export interface CellSource {
	cells: RawBuilder<unknown>;
	histogram: RawBuilder<unknown>;
}

/** The statistics of the cells in `source`, summed per group key, axis and position. */
export async function cellStatistics(
	db: Kysely<DB>,
	cohort: Cohort,
	axis: Axis,
	source: CellSource
): Promise<CellStatistics[]> {
	const key = groupKey('r', cohort.filters.by);
	const order = axis === 'week' ? sql`position` : sql`axis desc, position`;
	const [cells, bins] = await Promise.all([
		sql<Omit<CellStatistics, 'median' | 'q1' | 'q3'>>`
			with summed as (
				select ${key} as key, axis, position, sum(patients) as patients, sum(n) as n,
					sum(sum_total) as s, sum(sum_squares) as ss, sum(pct_sum) as pct_sum,
					sum(pct_n) as pct_n
				from (${source.cells}) r
				group by 1, axis, position
			)
			select key, axis, position, patients, n, s / n::numeric as mean,
				case when n < 2 then null when n * ss - s * s <= 0 then 0::numeric
					else sqrt((n * ss - s * s) / (n * (n - 1))::numeric) end as sd,
				case when pct_n > 0 then pct_sum / pct_n::numeric end as mean_pct_change,
				pct_n as n_pct_change
			from summed order by ${order}`.execute(db),
		sql<{ key: string; axis: string; position: number; total: number; count: number }>`
			select ${key} as key, axis, position, total, sum(count) as count
			from (${source.histogram}) r
			group by 1, axis, position, total`.execute(db)
	]);
	const histograms = new Map<string, HistogramBin[]>();
	for (const bin of bins.rows) {
		const id = `${bin.key}\u0000${bin.axis}\u0000${bin.position}`;
		const list = histograms.get(id) ?? [];
		list.push({ value: bin.total, count: bin.count });
		histograms.set(id, list);
	}
	return cells.rows.map((cell) => {
		const histogram = histograms.get(`${cell.key}\u0000${cell.axis}\u0000${cell.position}`) ?? [];
		return {
			...cell,
			median: quantileFromHistogram(histogram, 0.5),
			q1: quantileFromHistogram(histogram, 0.25),
			q3: quantileFromHistogram(histogram, 0.75)
		};
	});
}
