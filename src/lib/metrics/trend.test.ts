import { describe, expect, test } from 'vitest';
import { intervalTrend, leastSquaresSlope } from './trend';

describe('leastSquaresSlope', () => {
	test.each([
		// Hand-computed slope = Sxy / Sxx, intercept = mean y - slope * mean x.
		[
			[
				{ x: 1, y: 3 },
				{ x: 2, y: 5 }
			],
			2,
			1
		],
		[
			[
				{ x: 0, y: 1 },
				{ x: 1, y: 2 },
				{ x: 2, y: 2 },
				{ x: 3, y: 5 }
			],
			1.2,
			0.7
		],
		[
			[
				{ x: -1, y: 4 },
				{ x: 1, y: 0 }
			],
			-2,
			2
		]
	])('%j -> slope %s, intercept %s', (points, slope, intercept) => {
		const line = leastSquaresSlope(points);
		expect(line?.slope).toBeCloseTo(slope, 12);
		expect(line?.intercept).toBeCloseTo(intercept, 12);
	});

	test.each([
		['no points', []],
		['one point', [{ x: 1, y: 2 }]],
		[
			'equal x',
			[
				{ x: 2, y: 1 },
				{ x: 2, y: 5 }
			]
		],
		[
			'equal non-integer x (rounding residue)',
			[
				{ x: 0.1, y: 1 },
				{ x: 0.1, y: 2 },
				{ x: 0.1, y: 3 }
			]
		]
	])('is null for %s', (_label, points) => {
		expect(leastSquaresSlope(points)).toBeNull();
	});
});

describe('intervalTrend (days per booster)', () => {
	test.each([
		// Gap index 1, 2, 3, ... against days; hand-computed Sxy / Sxx.
		[[14, 21, 28], 7],
		[[30, 30, 30, 30], 0],
		[[28, 21, 35], 3.5],
		[[40, 30, 25, 15], -8]
	])('gaps %j -> %s', (gaps, slope) => {
		expect(intervalTrend(gaps)).toBeCloseTo(slope, 12);
	});

	test.each([[[]], [[21]], [[20, 40]]])('is null with fewer than 3 gaps: %j', (gaps) => {
		expect(intervalTrend(gaps)).toBeNull();
	});
});
