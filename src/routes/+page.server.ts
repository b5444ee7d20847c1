import { requireUser } from '$lib/server/auth/guards';
import { aggregateScopeFor, hasRole, systemAggregateScope } from '$lib/server/auth/scope';
import { config } from '$lib/server/config';
import { database } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';
import { getClinicOverview } from '$lib/server/queries/cached';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { SMALL_CELL_MIN } = config();
	// Admins manage the data, so they see how much there is; suppression applies to them too.
	const scope =
		aggregateScopeFor(user, SMALL_CELL_MIN) ??
		(hasRole(user, 'admin') ? systemAggregateScope(SMALL_CELL_MIN, user.username) : null);
	const { db } = await database();
	return {
		overview: scope ? await getClinicOverview(db, scope) : null,
		smallCellMin: SMALL_CELL_MIN
	};
};
