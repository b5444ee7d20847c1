import {
	normalizeSurvivalTable,
	observationRows,
	type SurvivalObservation,
	type SurvivalTableRow
} from './kaplan-meier';
import { regularizedGammaQ } from './special-functions';

export interface LogRankResult {
	chi2: number;
	df: number;
	p: number;
}

/**
 * Upper tail of the chi-square distribution, P(X > x) on df degrees of freedom, via the
 * regularized upper gamma function Q(df/2, x/2).
 */
export function chiSquareSurvival(x: number, df: number): number {
	if (!(df > 0) || !Number.isFinite(df)) throw new RangeError('df must be a positive number');
	if (Number.isNaN(x)) throw new RangeError('x must be a number');
	if (x <= 0) return 1;
	return regularizedGammaQ(df / 2, x / 2);
}

interface RiskTable {
	observed: number[];
	expected: number[];
	variance: number[][];
}

/**
 * Observed and expected events per group and the hypergeometric variance-covariance matrix,
 * summed over the distinct event times (Mantel 1966; Peto & Peto 1972).
 */
function accumulate(tables: readonly SurvivalTableRow[][]): RiskTable {
	const k = tables.length;
	const observed = new Array<number>(k).fill(0);
	const expected = new Array<number>(k).fill(0);
	const variance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
	const eventTimes = [
		...new Set(
			tables
				.flat()
				.filter((row) => row.events > 0)
				.map((row) => row.time)
		)
	].sort((a, b) => a - b);
	// Walk each group's sorted table once: atRisk[j] is everyone in j with time >= the current
	// event time (a censoring at t still counts as at risk at t).
	const atRisk = tables.map((table) => table.reduce((sum, r) => sum + r.events + r.censored, 0));
	const position = new Array<number>(k).fill(0);
	for (const time of eventTimes) {
		const deaths = new Array<number>(k).fill(0);
		for (let j = 0; j < k; j++) {
			const table = tables[j];
			while (position[j] < table.length && table[position[j]].time < time) {
				atRisk[j] -= table[position[j]].events + table[position[j]].censored;
				position[j]++;
			}
			if (position[j] < table.length && table[position[j]].time === time) {
				deaths[j] = table[position[j]].events;
			}
		}
		const n = atRisk.reduce((a, b) => a + b, 0);
		const d = deaths.reduce((a, b) => a + b, 0);
		// With one subject at risk the hypergeometric variance is 0 (and the formula divides by 0).
		const spread = n > 1 ? (d * (n - d)) / (n - 1) : 0;
		for (let j = 0; j < k; j++) {
			observed[j] += deaths[j];
			expected[j] += (d * atRisk[j]) / n;
			for (let l = 0; l < k; l++) {
				const share = (atRisk[j] / n) * ((j === l ? 1 : 0) - atRisk[l] / n);
				variance[j][l] += spread * share;
			}
		}
	}
	return { observed, expected, variance };
}

/**
 * Quadratic form u' V^- u with a generalized inverse of the symmetric non-negative definite V
 * (Gauss-Jordan with pivots below a tolerance treated as zero), and the rank of V.
 */
function quadraticForm(matrix: number[][], vector: number[]): { value: number; rank: number } {
	const size = vector.length;
	const a = matrix.map((row, i) => [...row, vector[i]]);
	const scale = Math.max(...matrix.map((row, i) => Math.abs(row[i])), 0);
	const tolerance = 1e-10 * scale;
	let rank = 0;
	let value = 0;
	for (let col = 0; col < size; col++) {
		if (!(a[col][col] > tolerance)) continue;
		rank++;
		const pivot = a[col][col];
		// Eliminating symmetric pivots in order accumulates u' V^- u as sum b_i^2 / pivot_i.
		value += (a[col][size] * a[col][size]) / pivot;
		for (let row = col + 1; row < size; row++) {
			const factor = a[row][col] / pivot;
			for (let c = col; c <= size; c++) a[row][c] -= factor * a[col][c];
		}
	}
	return { value, rank };
}

/**
 * Log-rank test (Mantel-Haenszel) that k >= 2 survival curves are equal, from grouped counts per
 * time (one table per group, as SQL hands them over): chi-square on k - 1 degrees of freedom
 * from the observed-minus-expected events of all groups but one and their full
 * variance-covariance matrix, as R's survdiff (rho = 0). As survdiff, groups with no expected
 * events (nobody at risk at any event time) are left out; with fewer than two groups left, or no
 * events at all, there is no test and the result is null.
 */
export function logRankFromTables(
	groups: readonly (readonly SurvivalTableRow[])[]
): LogRankResult | null {
	const { observed, expected, variance } = accumulate(groups.map(normalizeSurvivalTable));
	const kept = expected.map((e, j) => (e > 0 ? j : -1)).filter((j) => j >= 0);
	if (kept.length < 2) return null;
	// Dropping one group makes V invertible; the statistic does not depend on which one.
	const used = kept.slice(1);
	const difference = used.map((j) => observed[j] - expected[j]);
	const matrix = used.map((j) => used.map((l) => variance[j][l]));
	const { value, rank } = quadraticForm(matrix, difference);
	if (rank === 0) return null;
	return { chi2: value, df: rank, p: chiSquareSurvival(value, rank) };
}

/** Log-rank test from individual observations per group; see logRankFromTables. */
export function logRank(groups: readonly (readonly SurvivalObservation[])[]): LogRankResult | null {
	return logRankFromTables(groups.map(observationRows));
}
