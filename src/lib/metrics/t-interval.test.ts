import { describe, expect, test } from 'vitest';
import { summarize } from './descriptive';
import { meanInterval, studentTCdf, tQuantile } from './t-interval';

// Accuracy required of tQuantile: 1e-6 absolute.
const closeTo = (actual: number, expected: number, tolerance = 1e-6) =>
	expect(Math.abs(actual - expected)).toBeLessThan(tolerance);

describe('tQuantile (Student t inverse CDF)', () => {
	// domain.md / standard t tables: t(0.975, 1) = 12.7062, t(0.975, 4) = 2.7764,
	// t(0.975, 30) = 2.0423, t(0.975, 1000) ~ 1.9623.
	test.each([
		[0.975, 1, 12.7062],
		[0.975, 4, 2.7764],
		[0.975, 30, 2.0423],
		[0.975, 1000, 1.9623],
		[0.95, 10, 1.8125],
		[0.995, 5, 4.0321],
		[0.999, 3, 10.2145]
	])('published table value t(%s, %s) = %s to 4 decimals', (p, df, expected) => {
		closeTo(tQuantile(p, df), expected, 5e-5);
	});

	// To 1e-6 against closed forms (df 1 is Cauchy: tan(pi (p - 1/2)); df 2:
	// (2p - 1) / sqrt(2 p (1 - p))) and against scipy.stats.t.ppf, an independent implementation.
	test.each([
		[0.975, 1, Math.tan(Math.PI * 0.475)],
		[0.9, 2, 0.8 / Math.sqrt(2 * 0.9 * 0.1)],
		[0.975, 4, 2.7764451051977934],
		[0.975, 30, 2.0422724563012378],
		[0.975, 1000, 1.9623390808264083],
		[0.975, 2.5, 3.5746548420036817],
		[0.975, 1e6, 1.959966356814107],
		[0.6, 7, 0.2631668613520229],
		[0.025, 4, -2.7764451051977934],
		[0.1, 2, -0.8 / Math.sqrt(2 * 0.9 * 0.1)]
	])('t(%s, %s) = %s to 1e-6', (p, df, expected) => {
		closeTo(tQuantile(p, df), expected);
	});

	test('far tail: relative accuracy where 1e-6 absolute is below double precision', () => {
		// df 1: t = 1 / tan(pi (1 - p)), about 636619.77 at p = 1 - 5e-7.
		const p = 0.9999995;
		const expected = 1 / Math.tan(Math.PI * (1 - p));
		expect(Math.abs(tQuantile(p, 1) / expected - 1)).toBeLessThan(1e-12);
	});

	test('the median is 0 and the CDF inverts the quantile', () => {
		expect(tQuantile(0.5, 7)).toBe(0);
		closeTo(studentTCdf(tQuantile(0.975, 12), 12), 0.975, 1e-12);
		closeTo(studentTCdf(-2.7764451051977934, 4), 0.025, 1e-12);
	});

	test.each([
		[0, 4],
		[1, 4],
		[0.975, 0],
		[0.975, Number.NaN]
	])('rejects p = %s, df = %s', (p, df) => {
		expect(() => tQuantile(p, df)).toThrow(RangeError);
	});
});

describe('meanInterval (95% CI, t distribution)', () => {
	// domain.md section 4.
	test.each([
		[[10, 12, 14, 16, 18], 14, 10.0735, 17.9265],
		[[20, 15, 18, 9, 22, 11], 15.8333, 10.4651, 21.2015]
	])('%j -> mean %s, %s-%s', (values, expectedMean, low, high) => {
		const summary = summarize(values);
		expect(summary.mean).toBeCloseTo(expectedMean, 4);
		const interval = meanInterval(summary);
		expect(interval?.low).toBeCloseTo(low, 4);
		expect(interval?.high).toBeCloseTo(high, 4);
	});

	test('another level: 90% uses t(0.95, n - 1)', () => {
		// [10..18]: 14 +/- t(0.95, 4) * sqrt(10) / sqrt(5), t(0.95, 4) = 2.131847 from tables.
		const halfWidth = 2.131847 * Math.SQRT2;
		const interval = meanInterval(summarize([10, 12, 14, 16, 18]), 0.9);
		expect(interval?.low).toBeCloseTo(14 - halfWidth, 5);
		expect(interval?.high).toBeCloseTo(14 + halfWidth, 5);
	});

	test('a zero SD gives a zero-width interval', () => {
		expect(meanInterval({ n: 3, mean: 5, sd: 0 })).toEqual({ low: 5, high: 5 });
	});

	test.each([[{ n: 1, mean: 4, sd: null }], [{ n: 0, mean: null, sd: null }]])(
		'is null for n < 2: %j',
		(summary) => {
			expect(meanInterval(summary)).toBeNull();
		}
	);
});
