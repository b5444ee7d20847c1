import { json, type RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { parseFilters, type Filters } from '$lib/filters';
import { requireAggregateScope } from '$lib/server/auth/guards';
import type { AggregateScope } from '$lib/server/auth/scope';
import type { DB } from '$lib/server/db';
import { database } from '$lib/server/runtime';
import { toCsv, type CsvDocument } from './csv';

// The shape every aggregate endpoint shares: authorize (401/403), parse the filters (400 naming
// the parameter), run one query, answer JSON or ?format=csv with the same rows.

export function badRequest(parameter: string, error: string): Response {
	return json({ error, parameter }, { status: 400 });
}

export interface AggregateEndpoint<T> {
	requireInstrument: boolean;
	/** Parameters the endpoint reads itself, besides the filters and `format`. */
	extra?: string[];
	run(db: Kysely<DB>, scope: AggregateScope, filters: Filters, url: URL): Promise<T | Response>;
	csv(result: T): Omit<CsvDocument, 'filters'>;
}

export function aggregateEndpoint<T>(endpoint: AggregateEndpoint<T>) {
	return async (event: RequestEvent): Promise<Response> => {
		const scope = requireAggregateScope(event);
		const parsed = parseFilters(event.url.searchParams, {
			extra: ['format', ...(endpoint.extra ?? [])],
			requireInstrument: endpoint.requireInstrument
		});
		if (!parsed.ok) return badRequest(parsed.parameter, parsed.error);
		const format = event.url.searchParams.get('format') ?? 'json';
		if (format !== 'json' && format !== 'csv') {
			return badRequest('format', 'Parameter "format" must be json or csv');
		}
		const { db } = await database();
		const result = await endpoint.run(db, scope, parsed.filters, event.url);
		if (result instanceof Response) return result;
		if (format === 'json') return json(result);
		const body = toCsv({ ...endpoint.csv(result), filters: parsed.filters }, scope.smallCellMin);
		return new Response(body, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': 'attachment; filename="infusion-outcomes.csv"'
			}
		});
	};
}
