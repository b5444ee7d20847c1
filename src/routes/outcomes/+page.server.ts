import type { Kysely } from 'kysely';
import type { Filters } from '$lib/filters';
import type { AggregateScope } from '$lib/server/auth/scope';
import type { DB } from '$lib/server/db';
import type { InstrumentCode } from '$lib/instruments';
import type { InductionOutcomes } from '$lib/server/queries/induction';
import { isGrouped, type Grouped } from '$lib/server/queries/result';
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
// groups come only when a comparison is chosen, from the same query as the whole cohort's.
export const load: PageServerLoad = (event) =>
	loadLeadershipPage(event, withInstrument, ({ db, scope, filters }) => {
		const overall = { ...filters, by: null };
		const { summary, compared } = inductionPanels(db, scope, filters);
		return {
			summary,
			compared,
			trajectory: getTrajectory(db, scope, filters),
			// Only the median reaches the page: the curve itself is drawn on /boosters.
			firstBooster: firstBoosterMedian(db, scope, overall)
		};
	});

/**
 * The whole cohort's induction outcomes and, with `by`, the compared groups'. Compared, both come
 * from one query.
 */
function inductionPanels(
	db: Kysely<DB>,
	scope: AggregateScope,
	filters: Filters & { instrument: InstrumentCode }
): {
	summary: Promise<Grouped<InductionOutcomes>>;
	compared: Promise<Grouped<InductionOutcomes>> | null;
} {
	if (!filters.by) {
		return { summary: getInductionOutcomes(db, scope, filters), compared: null };
	}
	const both = getInductionOutcomesWithOverall(db, scope, filters);
	return {
		summary: both.then((answer) => answer.summary),
		compared: both.then((answer) => answer.compared)
	};
}

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
