import { randomUUID } from 'node:crypto';
import { logError } from '$lib/server/log';

// One failing query must not blank a board page: each panel's query is settled on its own, and a
// failure becomes that panel's error state with an id to quote. The log gets the route pattern
// and the error id, never the URL or its filter values.

export type Settled<T> = { ok: true; value: T } | { ok: false; errorId: string };

export async function settle<T>(route: string, promise: Promise<T>): Promise<Settled<T>> {
	try {
		return { ok: true, value: await promise };
	} catch (error) {
		const errorId = randomUUID().slice(0, 8);
		logError(errorId, route, 500, error);
		return { ok: false, errorId };
	}
}
