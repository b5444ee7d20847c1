import { parseFilters } from '$lib/filters';
import { requireAggregateScope } from '$lib/server/auth/guards';
import { getBoosterActivity } from '$lib/server/queries/booster-activity';
import { getBoosterGaps } from '$lib/server/queries/booster-gaps';
import { getBoosterSurvival } from '$lib/server/queries/booster-survival';
import { database } from '$lib/server/runtime';
import { getAggregateChoices } from '../outcomes/choices.server';
import { settle } from '../outcomes/settle.server';
import { parseView, VIEW_PARAMS } from '../outcomes/view-params';
import type { PageServerLoad } from './$types';

const ROUTE = '/boosters';

// Booster intervals need no instrument: every number here is about infusion dates. Aggregates
// only, each query scoped; Kaplan-Meier steps are counts per day, never per patient.
export const load: PageServerLoad = async (event) => {
	const parsed = parseFilters(event.url.searchParams, { extra: VIEW_PARAMS });
	const scope = requireAggregateScope(event);
	const { db } = await database();
	const view = parseView(event.url.searchParams);
	const base = { smallCellMin: scope.smallCellMin, view };
	if (!parsed.ok) {
		return { ...base, invalid: parsed.error, choices: await getAggregateChoices(db, scope) };
	}
	const filters = parsed.filters;
	const [firstGap, laterGap, gaps, activity, choices] = await Promise.all([
		settle(ROUTE, getBoosterSurvival(db, scope, filters, 1)),
		settle(ROUTE, getBoosterSurvival(db, scope, filters, view.gap)),
		settle(ROUTE, getBoosterGaps(db, scope, filters)),
		settle(ROUTE, getBoosterActivity(db, scope, filters)),
		getAggregateChoices(db, scope)
	]);
	return { ...base, invalid: null, filters, choices, firstGap, laterGap, gaps, activity };
};
