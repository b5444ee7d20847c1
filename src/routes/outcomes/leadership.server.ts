import type { ServerLoadEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { parseFilters, type Filters } from '$lib/filters';
import { requireAggregateScope } from '$lib/server/auth/guards';
import type { AggregateScope } from '$lib/server/auth/scope';
import { cachedAggregate } from '$lib/server/cache/aggregate-cache';
import type { DB } from '$lib/server/db';
import { database } from '$lib/server/runtime';
import { getAggregateChoices, type FilterChoices } from './choices.server';
import { settle, type Settled } from './settle.server';
import { parseView, VIEW_PARAMS, type ViewOptions } from './view-params';

// The load both leadership pages share: parse the URL, require an aggregate scope, then run each
// panel's query in parallel, settled on its own so that one failure is one panel's error state.
// Invalid filters are explained on the page (with the filter bar to fix them), not a 400 page.

export interface PanelContext<F extends Filters> {
	db: Kysely<DB>;
	scope: AggregateScope;
	filters: F;
	view: ViewOptions;
}

/** Each panel's query; null when the view does not need it (e.g. no comparison chosen). */
type PanelQueries = Record<string, Promise<unknown> | null>;

type SettledPanels<Q extends PanelQueries> = {
	[K in keyof Q]: null extends Q[K]
		? Settled<Awaited<NonNullable<Q[K]>>> | null
		: Settled<Awaited<Q[K]>>;
};

interface PageBase {
	smallCellMin: number;
	view: ViewOptions;
	choices: FilterChoices;
}

export async function loadLeadershipPage<F extends Filters, Q extends PanelQueries>(
	event: ServerLoadEvent,
	complete: (filters: Filters) => F,
	panels: (context: PanelContext<F>) => Q
): Promise<
	(PageBase & { invalid: string }) | (PageBase & { invalid: null; filters: F } & SettledPanels<Q>)
> {
	const parsed = parseFilters(event.url.searchParams, { extra: VIEW_PARAMS });
	const scope = requireAggregateScope(event);
	const { db } = await database();
	const view = parseView(event.url.searchParams);
	// The log names the route pattern only, never the URL with its filter values.
	const route = event.route.id ?? 'leadership';
	const choicesOf = () =>
		cachedAggregate(db, scope, 'filter-choices', [], () => getAggregateChoices(db, scope));
	if (!parsed.ok) {
		const choices = await choicesOf();
		return { smallCellMin: scope.smallCellMin, view, choices, invalid: parsed.error };
	}
	const filters = complete(parsed.filters);
	const queries = Object.entries(panels({ db, scope, filters, view }));
	const [results, choices] = await Promise.all([
		Promise.all(queries.map(([, query]) => (query ? settle(route, query) : null))),
		choicesOf()
	]);
	const settled = Object.fromEntries(queries.map(([key], i) => [key, results[i]]));
	return {
		smallCellMin: scope.smallCellMin,
		view,
		choices,
		invalid: null,
		filters,
		...(settled as SettledPanels<Q>)
	};
}
