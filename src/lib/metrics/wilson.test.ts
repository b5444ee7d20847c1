import { describe, expect, test } from 'vitest';
import { wilsonInterval } from './wilson';

describe('wilsonInterval (Wilson score, z = 1.959964)', () => {
	// domain.md section 4, to 4 decimals.
	test.each([
		[81, 263, 0.2553, 0.3662],
		[15, 148, 0.0624, 0.1605],
		[0, 20, 0.0, 0.1611],
		[9, 21, 0.2447, 0.6345],
		// n/n mirrors 0/n: 1 - 0.1611 = 0.8389.
		[20, 20, 0.8389, 1.0]
	])('%s/%s -> %s-%s', (successes, n, low, high) => {
		const interval = wilsonInterval(successes, n);
		expect(interval?.rate).toBeCloseTo(successes / n, 12);
		expect(interval?.low).toBeCloseTo(low, 4);
		expect(interval?.high).toBeCloseTo(high, 4);
	});

	test('the bounds at 0/n and n/n are exactly 0 and 1', () => {
		expect(wilsonInterval(0, 20)?.low).toBe(0);
		expect(wilsonInterval(20, 20)?.high).toBe(1);
	});

	test('1/1 by hand: centre and half-width are both 1/2 with z^2 / n terms', () => {
		// p = 1, n = 1: low = (1 + z^2/2 - z sqrt(z^2/4)) / (1 + z^2) = 1 / (1 + z^2).
		const z = 1.959964;
		expect(wilsonInterval(1, 1)?.low).toBeCloseTo(1 / (1 + z * z), 12);
	});

	test('is null when n = 0', () => {
		expect(wilsonInterval(0, 0)).toBeNull();
	});

	test.each([
		[5, 4],
		[-1, 4],
		[1.5, 4]
	])('rejects %s successes of %s', (successes, n) => {
		expect(() => wilsonInterval(successes, n)).toThrow(RangeError);
	});
});
