import { sql, type RawBuilder } from 'kysely';
import type { InstrumentCode } from '../../instruments';
import { clinicLevelWhere, groupKey, type Cohort } from './cohort';

// The settled part of the induction outcomes, read from the rollups (derived/induction-rollup.ts):
// courses whose post-induction window closed before the as-of date's month. Their outcome is the
// final one, so summing them and adding the rest from the facts equals the facts alone
// (tests/integration/derived-induction.test.ts compares the two to the last digit).

function rollupWhere(cohort: Cohort, settledBefore: RawBuilder<unknown>): RawBuilder<unknown> {
	return sql`r.settled_month < ${settledBefore} and ${clinicLevelWhere('r', cohort)}`;
}

/** Rows (key, patients, courses, completed) of the settled courses. */
export function settledCoursesSql(
	cohort: Cohort,
	settledBefore: RawBuilder<unknown>
): RawBuilder<unknown> {
	return sql`select ${groupKey('r', cohort.filters.by)}, sum(r.first_courses), sum(r.courses),
			sum(r.completed)
		from derived_induction_cells r where ${rollupWhere(cohort, settledBefore)} group by 1`;
}

/** Rows (key, b, p, weight) of the settled courses with a baseline and a post-induction score. */
export function settledPairsSql(
	cohort: Cohort,
	instrument: InstrumentCode,
	settledBefore: RawBuilder<unknown>
): RawBuilder<unknown> {
	return sql`select ${groupKey('r', cohort.filters.by)}, r.baseline_total, r.post_total, r.count
		from derived_induction_histogram r
		where r.instrument = ${instrument} and ${rollupWhere(cohort, settledBefore)}`;
}
