import type { TrajectorySeries } from '$lib/charts/types';
import type { Trajectory, TrajectoryPoint } from '$lib/server/queries/trajectory';
import type { Keyed } from '$lib/server/queries/result';
import type { TrajectoryView } from './view-params';

// Trajectory rows to chart series: one series per group, x = 'I1'..'I6', 'B1'.. in phase order.
// The CI band belongs to the mean only (the % change is shown as a mean without a band).

export const pointLabel = (p: TrajectoryPoint) =>
	`${p.phase === 'induction' ? 'I' : 'B'}${p.ordinal}`;

/** Boosters drawn: beyond 12 few courses remain and the n labels crowd on paper and at 820 px. */
export const MAX_DRAWN_BOOSTER = 12;

const drawn = (p: TrajectoryPoint) => p.phase === 'induction' || p.ordinal <= MAX_DRAWN_BOOSTER;

export function trajectorySeries(
	groups: Keyed<Trajectory<TrajectoryPoint>>[],
	view: TrajectoryView
): TrajectorySeries[] {
	// Categories where no group has a shown value are dropped, so the axis ends where data does.
	const shown = new Set(
		groups.flatMap((g) => g.points.filter((p) => p.mean !== null && drawn(p)).map(pointLabel))
	);
	return groups.map((g) => ({
		key: g.key,
		label: g.key === 'all' ? 'All courses' : g.key,
		points: g.points
			.filter((p) => shown.has(pointLabel(p)))
			.map((p) => ({
				x: pointLabel(p),
				mean: view === 'pct' ? p.mean_pct_change : p.mean,
				ci_low: view === 'pct' ? null : p.ci_low,
				ci_high: view === 'pct' ? null : p.ci_high,
				n: view === 'pct' ? p.n_pct_change : p.n
			}))
	}));
}

export function trajectoryCsvRows(groups: Keyed<Trajectory<TrajectoryPoint>>[]) {
	return groups.flatMap((g) =>
		g.points.map((p) => ({
			group: g.key,
			phase: p.phase,
			ordinal: p.ordinal,
			n: p.n,
			mean: p.mean,
			ci_low: p.ci_low,
			ci_high: p.ci_high,
			median: p.median,
			q1: p.q1,
			q3: p.q3,
			mean_pct_change: p.mean_pct_change,
			n_pct_change: p.n_pct_change
		}))
	);
}
