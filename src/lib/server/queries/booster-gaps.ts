import { sql, type Kysely } from 'kysely';
import type { Filters } from '../../filters';
import { Suppressor } from '../../metrics';
import type { AggregateScope } from '../auth/scope';
import type { DB } from '../db/schema';
import { gapRollupRows, gapStatistics } from './booster-gap-cells';
import { cohortWhere, groupKey, groupRows, resolveCohort, type Cohort } from './cohort';
import { datedBoosterGapSource, datedRollupServes } from './dated-sources';
import { grouped, type Grouped } from './result';
import { rollupServes } from './trajectory-cells';

// Booster gaps by index (shared/domain.md section 3): gap j = Bj - (the infusion before Bj), so
// gap 1 = B1 - L. Observed gaps only (boosters dated by the as-of date); the survival view is the
// one that accounts for courses still waiting for their next booster. One gap per course and
// index, so the gaps of one patient are never pooled within an index.

export interface GapRow {
	index: number;
	n: number | null;
	median: number | null;
	q1: number | null;
	q3: number | null;
	mean: number | null;
}

export interface BoosterGaps {
	gaps: GapRow[];
	suppressed: string[];
}

export interface GapStatisticsRow {
	key: string;
	index: number;
	patients: number;
	n: number;
	median: number;
	q1: number;
	q3: number;
	mean: number;
}

export async function getBoosterGaps(
	db: Kysely<DB>,
	scope: AggregateScope,
	filters: Filters
): Promise<Grouped<BoosterGaps>> {
	const cohort = await resolveCohort(db, scope, filters);
	const rows = rollupServes(cohort)
		? finerThanClinic(cohort)
			? await gapFactRows(db, cohort)
			: await gapRollupRows(db, cohort)
		: datedRollupServes(cohort)
			? await gapStatistics(db, cohort, datedBoosterGapSource(cohort))
			: await gapFactRows(db, cohort);
	return grouped(cohort, groupRows(cohort, rows), (group) => {
		const s = new Suppressor(scope.smallCellMin);
		const gaps = group.map((row) => {
			const shown = s.group(row.patients);
			if (!shown) s.hide(`gap ${row.index}: statistics`);
			const n = s.count(`gap ${row.index}: n`, row.n);
			const stat = (value: number) => (shown && n !== null ? value : null);
			return {
				index: row.index,
				n,
				median: stat(row.median),
				q1: stat(row.q1),
				q3: stat(row.q3),
				mean: stat(row.mean)
			};
		});
		return { gaps, suppressed: s.suppressed.filter((name) => name !== 'group') };
	});
}

/** The gap rollups are keyed by (clinic, indication): a clinician or age band needs the facts. */
function finerThanClinic(cohort: Cohort): boolean {
	const { filters } = cohort;
	return (
		cohort.clinicianIds !== null ||
		filters.age_band.length > 0 ||
		filters.by === 'clinician' ||
		filters.by === 'age_band'
	);
}

async function gapFactRows(db: Kysely<DB>, cohort: Cohort): Promise<GapStatisticsRow[]> {
	// previous_on is the patient's previous infusion: for booster 1 of a course that is the
	// course's last induction infusion, for booster j > 1 booster j - 1 (a course never spans a
	// new induction). A course that begins with a booster has no gap 1.
	const { rows } = await sql<GapStatisticsRow>`
		select ${groupKey('f', cohort.filters.by)} as key, f.ordinal as index,
			count(distinct f.patient_id) as patients, count(*) as n,
			percentile_cont(0.5) within group (order by f.administered_on - f.previous_on) as median,
			percentile_cont(0.25) within group (order by f.administered_on - f.previous_on) as q1,
			percentile_cont(0.75) within group (order by f.administered_on - f.previous_on) as q3,
			avg(f.administered_on - f.previous_on) as mean
		from derived_infusions f
		where f.phase = 'booster' and f.previous_on is not null
			and f.administered_on <= ${cohort.asOf}::date and ${cohortWhere('f', cohort)}
		group by 1, f.ordinal
		order by f.ordinal`.execute(db);
	return rows;
}
