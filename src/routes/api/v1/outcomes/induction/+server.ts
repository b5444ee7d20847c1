import { hasInstrument } from '$lib/filters';
import { aggregateEndpoint } from '../../endpoint';
import { summaryRows } from '../../rows';
import { getInductionOutcomes } from '$lib/server/queries/cached';

export const GET = aggregateEndpoint({
	requireInstrument: true,
	run: (db, scope, filters) => {
		if (!hasInstrument(filters)) throw new Error('instrument checked by the filter parser');
		return getInductionOutcomes(db, scope, filters);
	},
	csv: (result) => ({
		title: 'response and remission after induction (observed cases)',
		asOf: result.as_of,
		rows: summaryRows(result)
	})
});
