import type { Summary } from './descriptive';
import { regularizedBeta } from './special-functions';

export interface Interval {
	low: number;
	high: number;
}

/**
 * Upper tail of Student's t distribution, P(T > t), for t >= 0: 0.5 * I_x(df/2, 1/2) with
 * x = df / (df + t^2). Computed on the tail itself so that extreme quantiles keep their digits.
 */
function studentTUpperTail(t: number, df: number): number {
	return 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/** Student's t cumulative distribution function P(T <= t) with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
	if (!(df > 0) || !Number.isFinite(df)) throw new RangeError('df must be a positive number');
	if (Number.isNaN(t)) throw new RangeError('t must be a number');
	const tail = studentTUpperTail(Math.abs(t), df);
	return t >= 0 ? 1 - tail : tail;
}

/**
 * Student t quantile (inverse CDF): the t with P(T <= t) = p on df degrees of freedom.
 * Method: the regularized incomplete beta function inverted by bisection on a bracket that is
 * doubled until it contains the root; bisection cannot diverge, and 60-odd halvings take the
 * bracket to 1e-14 relative width, far inside the 1e-6 the intervals need.
 */
export function tQuantile(p: number, df: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError('p must be strictly between 0 and 1');
	if (!(df > 0) || !Number.isFinite(df)) throw new RangeError('df must be a positive number');
	if (p === 0.5) return 0;
	// Solve on the smaller tail: the quantile is symmetric around 0.
	const tail = Math.min(p, 1 - p);
	let low = 0;
	let high = 1;
	while (studentTUpperTail(high, df) > tail) {
		low = high;
		high *= 2;
	}
	for (let i = 0; i < 200 && high - low > 1e-14 * high; i++) {
		const middle = (low + high) / 2;
		if (studentTUpperTail(middle, df) > tail) low = middle;
		else high = middle;
	}
	const t = (low + high) / 2;
	return p > 0.5 ? t : -t;
}

/**
 * Confidence interval for a mean from the t distribution: mean +/- t(1 - alpha/2, n - 1) * SD /
 * sqrt(n) (the UI labels it "95% CI, t distribution"). Null when n < 2 (no SD, no interval).
 */
export function meanInterval(summary: Summary, level = 0.95): Interval | null {
	if (!(level > 0 && level < 1)) throw new RangeError('level must be strictly between 0 and 1');
	const { n, mean, sd } = summary;
	if (n < 2 || mean === null || sd === null) return null;
	const halfWidth = (tQuantile(1 - (1 - level) / 2, n - 1) * sd) / Math.sqrt(n);
	return { low: mean - halfWidth, high: mean + halfWidth };
}
