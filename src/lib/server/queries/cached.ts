import type { Kysely } from 'kysely';
import type { AggregateScope } from '../auth/scope';
import { cachedAggregate } from '../cache/aggregate-cache';
import type { DB } from '../db/schema';
import * as activity from './booster-activity';
import * as gaps from './booster-gaps';
import * as survival from './booster-survival';
import * as overview from './clinic-overview';
import * as induction from './induction';
import * as trajectory from './trajectory';

// The aggregate queries as the routes call them: the same functions and signatures, answered
// from the aggregate cache (cache/aggregate-cache.ts) while the data has not changed. Tests of
// the queries call the modules themselves.

function cached<A extends unknown[], T>(
	name: string,
	query: (db: Kysely<DB>, scope: AggregateScope, ...args: A) => Promise<T>
): (db: Kysely<DB>, scope: AggregateScope, ...args: A) => Promise<T> {
	return (db, scope, ...args) =>
		cachedAggregate(db, scope, name, args, () => query(db, scope, ...args));
}

export const getInductionOutcomes = cached('induction', induction.getInductionOutcomes);
export const getInductionOutcomesWithOverall = cached(
	'induction-with-overall',
	induction.getInductionOutcomesWithOverall
);
export const getTrajectory = cached('trajectory', trajectory.getTrajectory);
export const getTrajectoryByWeek = cached('trajectory-week', trajectory.getTrajectoryByWeek);
export const getBoosterGaps = cached('booster-gaps', gaps.getBoosterGaps);
export const getBoosterSurvival = cached('booster-survival', survival.getBoosterSurvival);
export const getBoosterActivity = cached('booster-activity', activity.getBoosterActivity);
export const getClinicOverview = cached('clinic-overview', overview.getClinicOverview);
