// Quantiles by linear interpolation between order statistics: Hyndman & Fan (1996) type 7, the
// R default and exactly what PostgreSQL's percentile_cont computes, so that a median from SQL and
// one from these functions agree to the last digit.

export interface Quartiles {
	q1: number | null;
	median: number | null;
	q3: number | null;
}

export interface HistogramBin {
	value: number;
	count: number;
}

function checkProbability(p: number): void {
	if (!(p >= 0 && p <= 1)) throw new RangeError('p must be between 0 and 1');
}

/** Type 7 at the 0-based rank h = (n - 1) p, given the order statistics at floor(h) and above. */
function interpolate(h: number, atFloor: number, atNext: number): number {
	const fraction = h - Math.floor(h);
	return fraction === 0 ? atFloor : atFloor + fraction * (atNext - atFloor);
}

/**
 * Quantile by linear interpolation (R type 7, PostgreSQL percentile_cont) of values already
 * sorted ascending; null for no values. Throws on unsorted input rather than answer wrongly.
 */
export function quantile(sortedAscending: readonly number[], p: number): number | null {
	checkProbability(p);
	const n = sortedAscending.length;
	for (let i = 1; i < n; i++) {
		if (!(sortedAscending[i - 1] <= sortedAscending[i])) {
			throw new RangeError('quantile needs values sorted ascending (and no NaN)');
		}
	}
	if (n === 0) return null;
	const h = (n - 1) * p;
	const below = Math.floor(h);
	return interpolate(h, sortedAscending[below], sortedAscending[Math.min(below + 1, n - 1)]);
}

/** First quartile, median and third quartile (type 7); null fields for no values. */
export function quartiles(values: readonly number[]): Quartiles {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		q1: quantile(sorted, 0.25),
		median: quantile(sorted, 0.5),
		q3: quantile(sorted, 0.75)
	};
}

/**
 * Type 7 quantile of the values a histogram stands for ({value, count} bins, in any order),
 * without expanding them: equal to quantile() over the expanded, sorted values. Lets a rollup of
 * integer scores stored as counts per score give exact medians and quartiles.
 */
export function quantileFromHistogram(bins: readonly HistogramBin[], p: number): number | null {
	checkProbability(p);
	for (const bin of bins) {
		if (!Number.isInteger(bin.count) || bin.count < 0) {
			throw new RangeError('histogram counts must be non-negative integers');
		}
		if (!Number.isFinite(bin.value)) throw new RangeError('histogram values must be finite');
	}
	const sorted = bins.filter((bin) => bin.count > 0).sort((a, b) => a.value - b.value);
	const total = sorted.reduce((sum, bin) => sum + bin.count, 0);
	if (total === 0) return null;
	const h = (total - 1) * p;
	const below = Math.floor(h);
	const above = Math.min(below + 1, total - 1);
	// Walk the cumulative counts to the bins holding the 0-based ranks `below` and `above`.
	let atBelow = sorted[0].value;
	let atAbove = sorted[0].value;
	let seen = 0;
	for (const bin of sorted) {
		const last = seen + bin.count - 1;
		if (below >= seen && below <= last) atBelow = bin.value;
		if (above >= seen && above <= last) {
			atAbove = bin.value;
			break;
		}
		seen += bin.count;
	}
	return interpolate(h, atBelow, atAbove);
}
