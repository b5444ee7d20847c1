// Descriptive statistics. Missing is not zero: an undefined statistic is null, and n travels
// beside every mean so that the UI can show it and suppress small cells.

export interface Summary {
	n: number;
	mean: number | null;
	sd: number | null;
}

/** Arithmetic mean; null for no values. */
export function mean(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	let sum = 0;
	for (const value of values) sum += value;
	return sum / values.length;
}

/**
 * Sample standard deviation with the n - 1 (Bessel) denominator; null for fewer than 2 values.
 * Two-pass (deviations from the mean) rather than sum-of-squares, which loses digits when the
 * values are large and close together.
 */
export function sampleSd(values: readonly number[]): number | null {
	if (values.length < 2) return null;
	const centre = mean(values) as number;
	let squares = 0;
	for (const value of values) squares += (value - centre) ** 2;
	return Math.sqrt(squares / (values.length - 1));
}

/** n, mean and sample SD (n - 1) of the values, each null when undefined. */
export function summarize(values: readonly number[]): Summary {
	return { n: values.length, mean: mean(values), sd: sampleSd(values) };
}
