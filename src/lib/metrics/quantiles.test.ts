import { describe, expect, test } from 'vitest';
import { quantile, quantileFromHistogram, quartiles, type HistogramBin } from './quantiles';

describe('quantile (type 7, PostgreSQL percentile_cont)', () => {
	// Hand-computed: h = (n - 1) p, x[floor h] + frac(h) * (x[floor h + 1] - x[floor h]).
	test.each([
		[[1, 2, 3, 4], 0.25, 1.75],
		[[1, 2, 3, 4], 0.5, 2.5],
		[[1, 2, 3, 4], 0.75, 3.25],
		[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
		[[1, 1, 2, 3, 4, 5, 6, 9], 0.75, 5.25],
		[[10, 20], 0.3, 13],
		[[5], 0.5, 5],
		[[2, 4, 8], 0, 2],
		[[2, 4, 8], 1, 8],
		[[-3, -1], 0.5, -2]
	])('%j at %s = %s', (sorted, p, expected) => {
		expect(quantile(sorted, p)).toBeCloseTo(expected, 12);
	});

	test('is null for no values', () => {
		expect(quantile([], 0.5)).toBeNull();
	});

	test('refuses unsorted input instead of answering wrongly', () => {
		expect(() => quantile([3, 1, 2], 0.5)).toThrow(RangeError);
	});

	test.each([-0.1, 1.1, Number.NaN])('rejects p = %s', (p) => {
		expect(() => quantile([1, 2], p)).toThrow(RangeError);
	});
});

describe('quartiles', () => {
	test.each([
		// Unsorted input is sorted first: [1,1,2,3,4,5,6,9] -> h = 1.75, 3.5, 5.25.
		[[3, 1, 4, 1, 5, 9, 2, 6], { q1: 1.75, median: 3.5, q3: 5.25 }],
		[[7], { q1: 7, median: 7, q3: 7 }],
		[[], { q1: null, median: null, q3: null }]
	])('%j -> %j', (values, expected) => {
		expect(quartiles(values)).toEqual(expected);
	});

	test('does not reorder the caller’s array', () => {
		const values = [3, 1, 2];
		quartiles(values);
		expect(values).toEqual([3, 1, 2]);
	});
});

/** Small deterministic PRNG (mulberry32) so that the random cases are reproducible. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function expand(bins: readonly HistogramBin[]): number[] {
	return bins.flatMap((bin) => new Array<number>(bin.count).fill(bin.value)).sort((a, b) => a - b);
}

describe('quantileFromHistogram', () => {
	test('hand-computed: {0: 2, 5: 1, 9: 1} is [0, 0, 5, 9]', () => {
		const bins = [
			{ value: 9, count: 1 },
			{ value: 0, count: 2 },
			{ value: 5, count: 1 }
		];
		expect(quantileFromHistogram(bins, 0.5)).toBe(2.5);
		expect(quantileFromHistogram(bins, 0.25)).toBe(0);
		expect(quantileFromHistogram(bins, 0.75)).toBe(6);
		expect(quantileFromHistogram(bins, 1)).toBe(9);
	});

	test('equals type 7 on the expanded values for random PHQ-9-like score histograms', () => {
		const random = seededRandom(20261127);
		for (let round = 0; round < 300; round++) {
			// Scores 0-27, some bins empty, some values repeated across bins, in shuffled order.
			const bins: HistogramBin[] = [];
			const binCount = 1 + Math.floor(random() * 20);
			for (let i = 0; i < binCount; i++) {
				bins.push({ value: Math.floor(random() * 28), count: Math.floor(random() * 6) });
			}
			const expanded = expand(bins);
			for (const p of [0, 0.25, 0.5, 0.75, 1, random()]) {
				expect(quantileFromHistogram(bins, p)).toBe(quantile(expanded, p));
			}
		}
	});

	test('is null when every count is zero or there are no bins', () => {
		expect(quantileFromHistogram([], 0.5)).toBeNull();
		expect(quantileFromHistogram([{ value: 3, count: 0 }], 0.5)).toBeNull();
	});

	test.each([
		[[{ value: 1, count: -1 }]],
		[[{ value: 1, count: 1.5 }]],
		[[{ value: Number.NaN, count: 1 }]]
	])('rejects invalid bins %j', (bins) => {
		expect(() => quantileFromHistogram(bins, 0.5)).toThrow(RangeError);
	});
});
