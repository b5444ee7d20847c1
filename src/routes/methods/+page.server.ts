import { requireUser } from '$lib/server/auth/guards';
import { config } from '$lib/server/config';
import { ACTIVITY_MAX_PERIODS, ACTIVITY_PERIOD_DAYS } from '$lib/server/queries/booster-activity';
import type { PageServerLoad } from './$types';

// Open to every signed-in role: definitions are not data. The running small-cell threshold and
// the booster-activity constants come from the server, so the page states what is configured.
export const load: PageServerLoad = (event) => {
	requireUser(event);
	return {
		smallCellMin: config().SMALL_CELL_MIN,
		activity: { periodDays: ACTIVITY_PERIOD_DAYS, maxPeriods: ACTIVITY_MAX_PERIODS }
	};
};
