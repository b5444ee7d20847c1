import { parseFilters } from '$lib/filters';
import { requireAggregateScope } from '$lib/server/auth/guards';
import { getBoosterSurvival } from '$lib/server/queries/booster-survival';
import { getInductionOutcomes } from '$lib/server/queries/induction';
import { isGrouped } from '$lib/server/queries/result';
import { getTrajectory } from '$lib/server/queries/trajectory';
import { database } from '$lib/server/runtime';
import { getAggregateChoices } from './choices.server';
import { settle } from './settle.server';
import { parseView, VIEW_PARAMS, withInstrument } from './view-params';
import type { PageServerLoad } from './$types';

const ROUTE = '/outcomes';

// Aggregates only: every query takes the AggregateScope, and nothing patient-level is returned.
export const load: PageServerLoad = async (event) => {
	const parsed = parseFilters(event.url.searchParams, { extra: VIEW_PARAMS });
	const scope = requireAggregateScope(event);
	const { db } = await database();
	const view = parseView(event.url.searchParams);
	const base = { smallCellMin: scope.smallCellMin, view };
	if (!parsed.ok) {
		return { ...base, invalid: parsed.error, choices: await getAggregateChoices(db, scope) };
	}
	const filters = withInstrument(parsed.filters);
	const overall = { ...filters, by: null };
	const [summary, compared, trajectory, firstBooster, choices] = await Promise.all([
		settle(ROUTE, getInductionOutcomes(db, scope, overall)),
		filters.by ? settle(ROUTE, getInductionOutcomes(db, scope, filters)) : null,
		settle(ROUTE, getTrajectory(db, scope, filters)),
		settle(ROUTE, getBoosterSurvival(db, scope, overall, 1)),
		getAggregateChoices(db, scope)
	]);
	// Without `by` the survival result is the single cohort's; only its median goes to the page.
	const km = firstBooster.ok && !isGrouped(firstBooster.value) ? firstBooster.value : null;
	return {
		...base,
		invalid: null,
		filters,
		choices,
		summary,
		compared,
		trajectory,
		firstBooster: km && {
			n: km.n,
			median: km.median,
			median_ci_low: km.median_ci_low,
			median_ci_high: km.median_ci_high,
			suppressed: km.suppressed
		}
	};
};
