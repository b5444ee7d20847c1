import type { ChartData, ChartDataset } from 'chart.js';
import { seriesColour, seriesShape, withAlpha } from './palette';
import type { TrajectoryPoint, TrajectorySeries } from './types';

// Mean trajectories with a 95% CI band. The band is two extra datasets per series (low, then
// high filled down to low), so Chart.js's Filler draws the area between them; they carry no
// points, no legend entry of their own and no tooltip.

export interface LinePoint {
	x: string;
	y: number | null;
	low: number | null;
	high: number | null;
	n: number | null;
}

export type DatasetRole = 'mean' | 'ci-low' | 'ci-high';

export type LineDataset = ChartDataset<'line', LinePoint[]> & {
	role: DatasetRole;
	/** Draw "n=" under this dataset's points (read by the n-labels plugin). */
	showN?: boolean;
};

export interface LineMapOptions {
	showCi: boolean;
	showN: boolean;
}

export function trajectoryDatasets(
	series: readonly TrajectorySeries[],
	{ showCi, showN }: LineMapOptions
): LineDataset[] {
	return series.flatMap((s, index) => {
		const colour = seriesColour(index);
		const points: LinePoint[] = s.points.map((p) => ({
			x: p.x,
			y: p.mean,
			low: p.ci_low,
			high: p.ci_high,
			n: p.n
		}));
		const mean: LineDataset = {
			role: 'mean',
			label: s.label,
			data: points,
			borderColor: colour,
			backgroundColor: colour,
			pointStyle: seriesShape(index),
			pointRadius: 4,
			pointHoverRadius: 6,
			borderWidth: 2,
			// A missing mean (suppressed or no data) is a gap, never a line drawn across it.
			spanGaps: false,
			showN
		};
		if (!showCi) return [mean];
		return [mean, ...ciBandDatasets(points, s.label, colour)];
	});
}

/** The low and high edges of a CI band; high fills down to low (the dataset just before it). */
export function ciBandDatasets(
	points: readonly LinePoint[],
	label: string,
	colour: string
): [LineDataset, LineDataset] {
	const edge = (role: 'ci-low' | 'ci-high'): LineDataset => ({
		role,
		label: role === 'ci-high' ? `${label}: 95% CI` : '',
		data: points.map((p) => ({ ...p, y: role === 'ci-low' ? p.low : p.high })),
		borderWidth: 0,
		borderColor: 'transparent',
		backgroundColor: withAlpha(colour, 0.16),
		pointRadius: 0,
		pointHitRadius: 0,
		spanGaps: false,
		fill: role === 'ci-high' ? '-1' : false
	});
	return [edge('ci-low'), edge('ci-high')];
}

/** The category labels in first-seen order across all series (series may skip a category). */
export function categoryLabels(series: readonly TrajectorySeries[]): string[] {
	const labels: string[] = [];
	for (const s of series) for (const p of s.points) if (!labels.includes(p.x)) labels.push(p.x);
	return labels;
}

export function trajectoryChartData(
	series: readonly TrajectorySeries[],
	options: LineMapOptions
): ChartData<'line', LinePoint[], string> {
	return { labels: categoryLabels(series), datasets: trajectoryDatasets(series, options) };
}

/** The statistics of one infusion ordinal as the trajectory query returns them. */
export interface PhasePointStatistics {
	phase: 'induction' | 'booster';
	ordinal: number;
	n: number | null;
	mean: number | null;
	ci_low: number | null;
	ci_high: number | null;
	mean_pct_change: number | null;
	n_pct_change: number | null;
}

/**
 * Trajectory query points as chart points labelled I1..In, B1..Bm. The % change view has no CI
 * band (the query gives a mean % change only), and its n is the courses with a baseline above 0.
 */
export function phaseTrajectoryPoints(
	points: readonly PhasePointStatistics[],
	value: 'score' | 'pct_change'
): TrajectoryPoint[] {
	return points.map((p) => ({
		x: `${p.phase === 'induction' ? 'I' : 'B'}${p.ordinal}`,
		mean: value === 'score' ? p.mean : p.mean_pct_change,
		ci_low: value === 'score' ? p.ci_low : null,
		ci_high: value === 'score' ? p.ci_high : null,
		n: value === 'score' ? p.n : p.n_pct_change
	}));
}
