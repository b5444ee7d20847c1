import { hasInstrument } from '$lib/filters';
import type { Grouped } from '$lib/server/queries/result';
import {
	type Trajectory,
	type TrajectoryPoint,
	type WeekPoint
} from '$lib/server/queries/trajectory';
import { aggregateEndpoint, badRequest } from '../../endpoint';
import { nestedRows } from '../../rows';
import { getTrajectory, getTrajectoryByWeek } from '$lib/server/queries/cached';

// ?axis=ordinal (default: by phase and ordinal) or ?axis=week (weeks since the course's start).
type Result = Grouped<Trajectory<TrajectoryPoint>> | Grouped<Trajectory<WeekPoint>>;

export const GET = aggregateEndpoint<Result>({
	requireInstrument: true,
	extra: ['axis'],
	run: (db, scope, filters, url) => {
		if (!hasInstrument(filters)) throw new Error('instrument checked by the filter parser');
		const axis = url.searchParams.get('axis') ?? 'ordinal';
		if (axis === 'week') return getTrajectoryByWeek(db, scope, filters);
		if (axis !== 'ordinal') {
			return Promise.resolve(badRequest('axis', 'Parameter "axis" must be ordinal or week'));
		}
		return getTrajectory(db, scope, filters);
	},
	csv: (result) => ({
		title: 'trajectory of pre-infusion scores',
		asOf: result.as_of,
		rows: nestedRows(result as Grouped<Trajectory<object>>, (group) => group.points)
	})
});
