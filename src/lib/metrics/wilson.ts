/** Two-sided 95% normal quantile, qnorm(0.975), as R and the domain reference use it. */
export const Z_95 = 1.959964;

export interface ProportionInterval {
	rate: number;
	low: number;
	high: number;
}

/**
 * Wilson score interval for a proportion (Wilson 1927), the UI's "95% CI, Wilson score". Chosen
 * over the Wald interval because it stays inside [0, 1] and keeps its coverage for small n and
 * for rates near 0 or 1 (Brown, Cai & DasGupta 2001). Null when n = 0 (no rate to estimate).
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): ProportionInterval | null {
	if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
	if (!Number.isInteger(successes) || successes < 0 || successes > n) {
		throw new RangeError('successes must be an integer from 0 to n');
	}
	if (!(z > 0)) throw new RangeError('z must be positive');
	if (n === 0) return null;
	const rate = successes / n;
	const z2 = z * z;
	const denominator = 1 + z2 / n;
	const centre = (rate + z2 / (2 * n)) / denominator;
	const halfWidth = (z / denominator) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
	// At 0/n and n/n the exact bound is 0 or 1; pin it so rounding cannot show "-0.0000" or 1.0000001.
	return {
		rate,
		low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
		high: successes === n ? 1 : Math.min(1, centre + halfWidth)
	};
}
