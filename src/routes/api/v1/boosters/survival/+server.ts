import { aggregateEndpoint, badRequest } from '../../endpoint';
import { groupsOf, nestedRows } from '../../rows';
import { getBoosterSurvival } from '$lib/server/queries/cached';

// ?gap=N (default 1): Kaplan-Meier time to booster N in days.
export const GET = aggregateEndpoint({
	requireInstrument: false,
	extra: ['gap'],
	run: (db, scope, filters, url) => {
		const raw = url.searchParams.get('gap') ?? '1';
		const gap = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
		if (!(gap >= 1 && gap <= 100)) {
			return Promise.resolve(
				badRequest('gap', 'Parameter "gap" must be a whole number from 1 to 100')
			);
		}
		return getBoosterSurvival(db, scope, filters, gap);
	},
	csv: (result) => ({
		title: `time to booster ${result.gap} (Kaplan-Meier, days)`,
		asOf: result.as_of,
		notes: [
			...groupsOf(result).map(
				(g) =>
					`${g.key}: n=${g.n ?? ''} events=${g.events ?? ''} censored=${g.censored ?? ''} median=${g.median ?? 'not reached or hidden'}`
			),
			...(result.logrank
				? [`log-rank chi2=${result.logrank.chi2} df=${result.logrank.df} p=${result.logrank.p}`]
				: [])
		],
		rows: nestedRows(result, (group) => group.steps)
	})
});
