import { describe, expect, test } from 'vitest';
import { logGamma, regularizedBeta, regularizedGammaQ } from './special-functions';

describe('logGamma', () => {
	// Γ(n) = (n-1)!, Γ(1/2) = sqrt(pi); the others from scipy.special.gammaln.
	test.each([
		[1, 0],
		[2, 0],
		[5, Math.log(24)],
		[11, Math.log(3628800)],
		[0.5, 0.5 * Math.log(Math.PI)],
		[0.1, 2.252712651734206],
		[10.5, 13.940625219403763],
		[1e5, 1051287.7089736569]
	])('ln Γ(%s) = %s', (x, expected) => {
		expect(logGamma(x)).toBeCloseTo(expected, 9);
	});

	test('rejects non-positive arguments', () => {
		expect(() => logGamma(0)).toThrow(RangeError);
	});
});

describe('regularizedBeta', () => {
	// Closed forms: I_x(1, 1) = x, I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b, I_0.5(a, a) = 0.5;
	// the last three from scipy.special.betainc.
	test.each([
		[0.3, 1, 1, 0.3],
		[0.6, 3, 1, 0.6 ** 3],
		[0.2, 1, 4, 1 - 0.8 ** 4],
		[0.5, 7.5, 7.5, 0.5],
		[0.3, 2.5, 0.5, 0.018927124071945658],
		[0.9, 0.5, 2.5, 0.9988855624584926],
		[0.99, 50, 0.5, 0.3173043978741973]
	])('I_%s(%s, %s) = %s', (x, a, b, expected) => {
		expect(regularizedBeta(x, a, b)).toBeCloseTo(expected, 12);
	});

	test('is 0 and 1 at the ends', () => {
		expect(regularizedBeta(0, 2, 3)).toBe(0);
		expect(regularizedBeta(1, 2, 3)).toBe(1);
	});

	test('rejects x outside [0, 1]', () => {
		expect(() => regularizedBeta(1.1, 2, 3)).toThrow(RangeError);
	});
});

describe('regularizedGammaQ', () => {
	// Q(1, x) = e^-x; Q(n, x) = e^-x * sum_{k<n} x^k / k!; both branches (x < a + 1 and above).
	test.each([
		[1, 0.5, Math.exp(-0.5)],
		[1, 20, Math.exp(-20)],
		[3, 2, Math.exp(-2) * (1 + 2 + 2)],
		[3, 9, Math.exp(-9) * (1 + 9 + 81 / 2)]
	])('Q(%s, %s) = %s', (a, x, expected) => {
		expect(regularizedGammaQ(a, x) / expected).toBeCloseTo(1, 12);
	});

	test('is 1 at x = 0', () => {
		expect(regularizedGammaQ(2.5, 0)).toBe(1);
	});
});
