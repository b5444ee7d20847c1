import { sql, type Kysely, type RawBuilder } from 'kysely';
import { quantileFromHistogram, type HistogramBin } from '../../metrics';
import type { DB } from '../db/schema';
import type { GapStatisticsRow } from './booster-gaps';
import { groupKey, type Cohort } from './cohort';
import type { GapSource } from './dated-sources';

// Booster gaps from the (clinic, indication) rollups (derived/booster-gap-rollup.ts), for the
// default as-of date and no clinician or age-band filter or grouping. avg(integer) is numeric
// sum / count and percentile_cont equals quantileFromHistogram over whole days, so the numbers
// equal the facts path's (tests/integration/derived-booster-gaps.test.ts compares them).

function where(cohort: Cohort): RawBuilder<unknown> {
	const conditions: RawBuilder<unknown>[] = [sql`true`];
	if (cohort.clinicIds) conditions.push(sql`clinic_id = any(${cohort.clinicIds}::int[])`);
	if (cohort.filters.indication.length > 0) {
		conditions.push(sql`indication = any(${cohort.filters.indication}::text[])`);
	}
	return sql.join(conditions, sql` and `);
}

export async function gapRollupRows(db: Kysely<DB>, cohort: Cohort): Promise<GapStatisticsRow[]> {
	return gapStatistics(db, cohort, {
		cells: sql`select * from derived_booster_gap_cells r where ${where(cohort)}`,
		histogram: sql`select * from derived_booster_gap_histogram r where ${where(cohort)}`
	});
}

/** Gap statistics of the cells and histogram rows in `source`, summed per group key and index. */
export async function gapStatistics(
	db: Kysely<DB>,
	cohort: Cohort,
	source: GapSource
): Promise<GapStatisticsRow[]> {
	const key = groupKey('r', cohort.filters.by);
	const [cells, bins] = await Promise.all([
		sql<{ key: string; index: number; patients: number; n: number; mean: number }>`
			select ${key} as key, ordinal as index, sum(patients) as patients, sum(n) as n,
				sum(sum_gap) / sum(n)::numeric as mean
			from (${source.cells}) r
			group by 1, ordinal order by ordinal`.execute(db),
		sql<{ key: string; index: number; gap: number; count: number }>`
			select ${key} as key, ordinal as index, gap, sum(count) as count
			from (${source.histogram}) r
			group by 1, ordinal, gap`.execute(db)
	]);
	const histograms = new Map<string, HistogramBin[]>();
	for (const bin of bins.rows) {
		const id = `${bin.key}\u0000${bin.index}`;
		const list = histograms.get(id) ?? [];
		list.push({ value: bin.gap, count: bin.count });
		histograms.set(id, list);
	}
	return cells.rows.map((cell) => {
		const histogram = histograms.get(`${cell.key}\u0000${cell.index}`) ?? [];
		// A cell always has n >= 1 gaps, so the quantiles are never null here.
		return {
			...cell,
			median: quantileFromHistogram(histogram, 0.5) as number,
			q1: quantileFromHistogram(histogram, 0.25) as number,
			q3: quantileFromHistogram(histogram, 0.75) as number
		};
	});
}
