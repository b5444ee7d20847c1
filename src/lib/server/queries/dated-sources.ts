import { sql, type RawBuilder } from 'kysely';
import type { InstrumentCode } from '../../instruments';
import { clinicLevelRollupServes, clinicLevelWhere, type Cohort } from './cohort';
import { inAsOfMonth, periodsOf, settledPeriods } from './dated-periods';
import { cellSumsSql, TRAJECTORY_AXES } from '../derived/trajectory-rollup';
import type { Axis, CellSource } from './trajectory-cells';

// The trajectory and booster-gap cells as of an earlier date, from the per-period rollups
// (derived/dated-rollups.ts): whole years before the as-of year, whole months of that year before
// the as-of month, and the facts of the as-of month up to the as-of date. Both count a patient in
// the period of their first row in the cell, so the sums equal the facts-only path's
// (tests/integration/derived-dated.test.ts compares them).

/** The per-period rollups answer for (clinic, indication) cohorts; finer ones read the facts. */
export function datedRollupServes(cohort: Cohort): boolean {
	return clinicLevelRollupServes(cohort);
}

/** Which rollup rows hold an axis's cells (alias r). */
const ROLLUP_AXIS = {
	phase: sql`r.axis in ('induction', 'booster')`,
	week: sql`r.axis = 'week'`
} as const;

export function datedTrajectorySource(
	cohort: Cohort,
	instrument: InstrumentCode,
	axis: Axis
): CellSource {
	const periods = periodsOf(cohort.asOf);
	const shape = TRAJECTORY_AXES[axis];
	const rollupWhere = sql`r.instrument = ${instrument} and ${ROLLUP_AXIS[axis]}
		and ${settledPeriods(periods, 'r')} and ${clinicLevelWhere('r', cohort)}`;
	const recentWhere = sql`d.instrument = ${instrument}
		and ${inAsOfMonth(periods, 'd.administered_on')} and ${clinicLevelWhere('d', cohort)}`;
	// A patient whose first score in the cell falls in the as-of month counts here: the marked row.
	return {
		cells: sql`
			select clinic_id, indication, axis, position, patients, n, sum_total, sum_squares,
				pct_sum, pct_n
			from derived_trajectory_dated_cells r where ${rollupWhere}
			union all
			select clinic_id, indication, ${shape.axis}, ${shape.position}, ${cellSumsSql(shape.first)}
			from derived_scores d where ${recentWhere}
			group by 1, 2, 3, 4`,
		histogram: sql`
			select clinic_id, indication, axis, position, total, count
			from derived_trajectory_dated_histogram r where ${rollupWhere}
			union all
			select clinic_id, indication, ${shape.axis}, ${shape.position}, total, count(*)
			from derived_scores d where ${recentWhere}
			group by 1, 2, 3, 4, 5`
	};
}

/** Booster-gap cells (clinic_id, indication, ordinal, patients, n, sum_gap) and gap histogram. */
export interface GapSource {
	cells: RawBuilder<unknown>;
	histogram: RawBuilder<unknown>;
}

export function datedBoosterGapSource(cohort: Cohort): GapSource {
	const periods = periodsOf(cohort.asOf);
	const rollupWhere = sql`${settledPeriods(periods, 'r')} and ${clinicLevelWhere('r', cohort)}`;
	const recentWhere = sql`f.phase = 'booster' and f.previous_on is not null
		and ${inAsOfMonth(periods, 'f.administered_on')} and ${clinicLevelWhere('f', cohort)}`;
	return {
		cells: sql`
			select clinic_id, indication, ordinal, patients, n, sum_gap
			from derived_booster_gap_dated_cells r where ${rollupWhere}
			union all
			select clinic_id, indication, ordinal, count(*) filter (where first_gap), count(*),
				sum(administered_on - previous_on)
			from derived_infusions f where ${recentWhere}
			group by clinic_id, indication, ordinal`,
		histogram: sql`
			select clinic_id, indication, ordinal, gap, count
			from derived_booster_gap_dated_histogram r where ${rollupWhere}
			union all
			select clinic_id, indication, ordinal, administered_on - previous_on, count(*)
			from derived_infusions f where ${recentWhere}
			group by clinic_id, indication, ordinal, 4`
	};
}
