import { describe, expect, test } from 'vitest';
import { mean, sampleSd, summarize } from './descriptive';

describe('mean and sample SD (n - 1)', () => {
	// Hand-computed: [10..18] has squared deviations 16+4+0+4+16 = 40, SD = sqrt(40/4) = sqrt(10);
	// [20,15,18,9,22,11] has mean 95/6 and squared deviations 1635 - 95^2/6 = 785/6, so
	// variance 785/30 = 157/6.
	test.each([
		[[10, 12, 14, 16, 18], 14, Math.sqrt(10)],
		[[20, 15, 18, 9, 22, 11], 95 / 6, Math.sqrt(157 / 6)],
		[[2, 4], 3, Math.SQRT2],
		[[7], 7, null],
		[[], null, null]
	])('%j -> mean %s, sd %s', (values, expectedMean, expectedSd) => {
		const m = mean(values);
		const sd = sampleSd(values);
		if (expectedMean === null) expect(m).toBeNull();
		else expect(m).toBeCloseTo(expectedMean, 12);
		if (expectedSd === null) expect(sd).toBeNull();
		else expect(sd).toBeCloseTo(expectedSd, 12);
	});

	test('SD keeps its digits for large values close together', () => {
		// Shifting by 1e9 must not change the SD of [1, 2, 3] (= 1); a sum-of-squares formula fails.
		expect(sampleSd([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBeCloseTo(1, 9);
	});
});

describe('summarize', () => {
	test.each([
		[[10, 12, 14, 16, 18], { n: 5, mean: 14, sd: Math.sqrt(10) }],
		[[4], { n: 1, mean: 4, sd: null }],
		[[], { n: 0, mean: null, sd: null }]
	])('%j', (values, expected) => {
		const summary = summarize(values);
		expect(summary.n).toBe(expected.n);
		expect(summary.mean).toBe(expected.mean);
		if (expected.sd === null) expect(summary.sd).toBeNull();
		else expect(summary.sd).toBeCloseTo(expected.sd, 12);
	});
});
