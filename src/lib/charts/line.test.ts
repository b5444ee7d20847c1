import { describe, expect, test } from 'vitest';
import {
	categoryLabels,
	phaseTrajectoryPoints,
	trajectoryChartData,
	trajectoryDatasets
} from './line';
import type { TrajectorySeries } from './types';

const groupA: TrajectorySeries = {
	key: 'a',
	label: 'Clinic A',
	points: [
		{ x: 'I1', mean: 18.2, ci_low: 17.1, ci_high: 19.3, n: 40 },
		{ x: 'I2', mean: null, ci_low: null, ci_high: null, n: null },
		{ x: 'I3', mean: 12.5, ci_low: 11, ci_high: 14, n: 35 }
	]
};
const groupB: TrajectorySeries = {
	key: 'b',
	label: 'Clinic B',
	points: [
		{ x: 'I1', mean: 17, ci_low: 15.5, ci_high: 18.5, n: 25 },
		{ x: 'B1', mean: 10, ci_low: 8, ci_high: 12, n: 12 }
	]
};

describe('trajectoryDatasets', () => {
	test('each series is a mean line followed by its CI low and high edges', () => {
		const datasets = trajectoryDatasets([groupA, groupB], { showCi: true, showN: true });
		expect(datasets.map((d) => d.role)).toEqual([
			'mean',
			'ci-low',
			'ci-high',
			'mean',
			'ci-low',
			'ci-high'
		]);
	});

	test.each([
		['ci-low', 1, [17.1, null, 11]],
		['ci-high', 2, [19.3, null, 14]],
		['mean', 0, [18.2, null, 12.5]]
	])('%s carries the right y values, gaps kept as null', (_role, index, ys) => {
		const datasets = trajectoryDatasets([groupA], { showCi: true, showN: false });
		expect(datasets[index].data.map((p) => p.y)).toEqual(ys);
	});

	test('the high edge fills to the low edge just before it; the low edge fills nothing', () => {
		const [mean, low, high] = trajectoryDatasets([groupA], { showCi: true, showN: false });
		expect(mean.fill).toBeUndefined();
		expect(low.fill).toBe(false);
		expect(high.fill).toBe('-1');
		expect(low.label).toBe('');
		expect(high.label).toBe('Clinic A: 95% CI');
	});

	test('n travels with each point; suppressed n stays null', () => {
		const [mean] = trajectoryDatasets([groupA], { showCi: false, showN: true });
		expect(mean.data.map((p) => p.n)).toEqual([40, null, 35]);
		expect(mean.showN).toBe(true);
		expect(mean.spanGaps).toBe(false);
	});

	test('without the CI there is one dataset per series', () => {
		expect(trajectoryDatasets([groupA, groupB], { showCi: false, showN: false })).toHaveLength(2);
	});
});

describe('categoryLabels', () => {
	test('first-seen order across series', () => {
		expect(categoryLabels([groupA, groupB])).toEqual(['I1', 'I2', 'I3', 'B1']);
		expect(trajectoryChartData([groupB], { showCi: false, showN: false }).labels).toEqual([
			'I1',
			'B1'
		]);
	});
});

describe('phaseTrajectoryPoints', () => {
	const rows = [
		{
			phase: 'induction' as const,
			ordinal: 1,
			n: 40,
			mean: 18,
			ci_low: 16,
			ci_high: 20,
			mean_pct_change: 0,
			n_pct_change: 39
		},
		{
			phase: 'booster' as const,
			ordinal: 2,
			n: 12,
			mean: 9,
			ci_low: 7,
			ci_high: 11,
			mean_pct_change: -48.5,
			n_pct_change: 12
		}
	];

	test.each([
		['score' as const, [18, 9], [16, 7], [40, 12]],
		['pct_change' as const, [0, -48.5], [null, null], [39, 12]]
	])('%s view', (view, means, lows, ns) => {
		const points = phaseTrajectoryPoints(rows, view);
		expect(points.map((p) => p.x)).toEqual(['I1', 'B2']);
		expect(points.map((p) => p.mean)).toEqual(means);
		expect(points.map((p) => p.ci_low)).toEqual(lows);
		expect(points.map((p) => p.n)).toEqual(ns);
	});
});
