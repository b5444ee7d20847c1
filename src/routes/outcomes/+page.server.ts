import type { Kysely } from 'kysely';
import type { Filters } from '$lib/filters';
import type { AggregateScope } from '$lib/server/auth/scope';
import type { DB } from '$lib/server/db';
import { isGrouped } from '$lib/server/queries/result';
import { loadLeadershipPage } from './leadership.server';
import type { FirstBoosterMedian } from './present';
import { withInstrument } from './view-params';
import type { PageServerLoad } from './$types';
import {
	getBoosterSurvival,
	getInductionOutcomes,
	getInductionOutcomesWithOverall,
	getTrajectory
} from '$lib/server/queries/cached';

// Aggregates only: every query takes the AggregateScope, and nothing patient-level is returned.
// Tiles and the first column of the table are the whole filtered cohort (no `by`); the compared
// groups are a second query only when a comparison is chosen.
export const load: PageServerLoad = (event) =>
	loadLeadershipPage(event, withInstrument, ({ db, scope, filters }) => {
		const overall = { ...filters, by: null };
		// Compared, the whole cohort's figures come with the groups' from one query.
		const induction = filters.by ? getInductionOutcomesWithOverall(db, scope, filters) : null;
		return {
			summary: induction
				? induction.then((both) => both.summary)
				: getInductionOutcomes(db, scope, overall),
			compared: induction ? induction.then((both) => both.compared) : null,
			trajectory: getTrajectory(db, scope, filters),
			// Only the median reaches the page: the curve itself is drawn on /boosters.
			firstBooster: firstBoosterMedian(db, scope, overall)
		};
	});

/** Without `by` the result is the single cohort's curve; of it only the median is sent. */
async function firstBoosterMedian(
	db: Kysely<DB>,
	scope: AggregateScope,
	filters: Filters
): Promise<FirstBoosterMedian | null> {
	const km = await getBoosterSurvival(db, scope, filters, 1);
	if (isGrouped(km)) return null;
	const { n, median, median_ci_low, median_ci_high, suppressed } = km;
	return { n, median, median_ci_low, median_ci_high, suppressed };
}
