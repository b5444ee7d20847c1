import { describe, expect, test } from 'vitest';
import { describeTrend, gapTrend, trendLinePoints } from './gap-trend';
import type { GapPoint } from './types';

const gaps = (...days: number[]): GapPoint[] =>
	days.map((d, i) => ({ index: i + 1, days: d, date: '2025-01-01' }));

describe('gapTrend', () => {
	test.each([
		// exact line y = 7 + 7x
		[[14, 21, 28], 7, 7],
		// x mean 2.5, y mean 17.5, Sxy = 20, Sxx = 5: slope 4, intercept 17.5 - 4 * 2.5 = 7.5
		[[10, 20, 15, 25], 4, 7.5],
		// shrinking gaps: 30, 24, 21 -> Sxy = -9, Sxx = 2: slope -4.5, intercept 25 + 9 = 34
		[[30, 24, 21], -4.5, 34]
	])('gaps %j: slope %s, intercept %s', (days, slope, intercept) => {
		const line = gapTrend(gaps(...days))!;
		expect(line.slope).toBeCloseTo(slope, 10);
		expect(line.intercept).toBeCloseTo(intercept, 10);
	});

	test('no line when every gap has the same index', () => {
		const same: GapPoint[] = [1, 1, 1].map((index, i) => ({
			index,
			days: 10 + i,
			date: '2025-01-01'
		}));
		expect(gapTrend(same)).toBeNull();
	});

	test('fewer than 3 gaps has no trend (domain rule)', () => {
		expect(gapTrend(gaps(14, 28))).toBeNull();
	});
});

describe('describeTrend', () => {
	test.each([
		[{ slope: 6.2, intercept: 0 }, 4, 'Boosters spreading out by about 6 days each.'],
		[{ slope: -4.5, intercept: 0 }, 3, 'Boosters coming closer together by about 5 days each.'],
		[{ slope: 1.2, intercept: 0 }, 3, 'Boosters spreading out by about 1 day each.'],
		[
			{ slope: 0.3, intercept: 0 },
			3,
			'Booster gaps are steady (less than a day of change per booster).'
		],
		[null, 2, 'No trend yet: it needs at least 3 booster gaps (2 so far).']
	])('%j over %s gaps', (trend, count, text) => {
		expect(describeTrend(trend, count)).toBe(text);
	});
});

test('trend line spans the observed gap indices', () => {
	const g = gaps(10, 20, 15, 25);
	expect(trendLinePoints(g, { slope: 4, intercept: 7.5 })).toEqual([
		{ x: 1, y: 11.5 },
		{ x: 4, y: 23.5 }
	]);
});
