import { loadLeadershipPage } from '../outcomes/leadership.server';
import type { PageServerLoad } from './$types';
import { getBoosterActivity, getBoosterGaps, getBoosterSurvival } from '$lib/server/queries/cached';

// Booster intervals need no instrument: every number here is about infusion dates. Aggregates
// only, each query scoped; Kaplan-Meier steps are counts per day, never per patient.
export const load: PageServerLoad = (event) =>
	loadLeadershipPage(
		event,
		(filters) => filters,
		({ db, scope, filters, view }) => ({
			firstGap: getBoosterSurvival(db, scope, filters, 1),
			laterGap: getBoosterSurvival(db, scope, filters, view.gap),
			gaps: getBoosterGaps(db, scope, filters),
			activity: getBoosterActivity(db, scope, filters)
		})
	);
