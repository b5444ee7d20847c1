import { quantile } from '../../src/lib/metrics/quantiles';

// Latency summaries. Percentiles by the same type-7 interpolation the dashboard uses, so a
// p50 here reads like a median anywhere else in the project.

export interface LatencySummary {
	runs: number;
	p50: number;
	p95: number;
	max: number;
}

export function summarize(milliseconds: readonly number[]): LatencySummary {
	const sorted = [...milliseconds].sort((a, b) => a - b);
	const at = (p: number) => round(quantile(sorted, p) ?? NaN);
	return { runs: sorted.length, p50: at(0.5), p95: at(0.95), max: round(sorted.at(-1) ?? NaN) };
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export const mb = (bytes: number) => `${round(bytes / 1024 / 1024)} MB`;

export const kb = (bytes: number) => `${round(bytes / 1024)} KB`;

/** Type-7 percentiles of many samples (sorted once). */
export function summarizeAll(milliseconds: readonly number[], ps: readonly number[]): number[] {
	const sorted = [...milliseconds].sort((a, b) => a - b);
	return ps.map((p) => round(quantile(sorted, p) ?? NaN));
}
