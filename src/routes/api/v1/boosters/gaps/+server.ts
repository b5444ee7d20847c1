import { aggregateEndpoint } from '../../endpoint';
import { nestedRows } from '../../rows';
import { getBoosterGaps } from '$lib/server/queries/cached';

export const GET = aggregateEndpoint({
	requireInstrument: false,
	run: (db, scope, filters) => getBoosterGaps(db, scope, filters),
	csv: (result) => ({
		title: 'booster gaps by index (days, observed gaps)',
		asOf: result.as_of,
		rows: nestedRows(result, (group) => group.gaps)
	})
});
