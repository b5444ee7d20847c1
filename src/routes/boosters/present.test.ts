import { describe, expect, test } from 'vitest';
import type { BoosterGaps } from '$lib/server/queries/booster-gaps';
import type { BoosterSurvivalResult } from '$lib/server/queries/booster-survival';
import type { Keyed } from '$lib/server/queries/result';
import { gapBoxRows, logrankText, medianText } from './present';

const median = (
	median: number | null,
	low: number | null,
	high: number | null,
	suppressed: string[] = []
) => ({ median, median_ci_low: low, median_ci_high: high, suppressed });

describe('median text', () => {
	test.each([
		[median(26, 24, 28), '26 days (95% CI 24 to 28)'],
		// An upper limit the curve never reaches is "not reached" ...
		[median(26, 24, null), '26 days (95% CI 24 to not reached)'],
		// ... but one cut off by the small-cell rule is hidden, not "not reached".
		[
			median(26, 24, null, ['median_ci_high']),
			'26 days (95% CI 24 to hidden (fewer than the minimum at risk))'
		],
		[median(null, null, null), 'not reached'],
		[median(null, null, null, ['median']), 'hidden (fewer than the minimum at risk)'],
		[median(null, null, null, ['group']), 'hidden (fewer than the minimum at risk)']
	])('%j -> %s', (g, expected) => {
		expect(medianText(g)).toBe(expected);
	});
});

test('the log-rank line rounds chi-square to 2 places and p to 3, or says < 0.001', () => {
	const base = { as_of: '2026-11-27', gap: 1, groups: [] } as unknown as BoosterSurvivalResult;
	expect(logrankText({ ...base, logrank: { chi2: 16.7929, df: 1, p: 0.0000417 } })).toBe(
		'Log-rank χ² = 16.79 on 1 df, p = < 0.001'
	);
	expect(logrankText({ ...base, logrank: { chi2: 1.2904, df: 2, p: 0.52449 } })).toBe(
		'Log-rank χ² = 1.29 on 2 df, p = 0.524'
	);
	expect(logrankText({ ...base, logrank: null })).toBeNull();
});

test('box rows: boosters 1-12 only, hidden gaps left out, the whole cohort labelled', () => {
	const gap = (index: number, n: number | null) => ({
		index,
		n,
		median: n && 30,
		q1: n && 22,
		q3: n && 41,
		mean: n && 33.5
	});
	const groups: Keyed<BoosterGaps>[] = [
		{ key: 'all', suppressed: [], gaps: [gap(1, 40), gap(2, null), gap(12, 25), gap(13, 20)] }
	];
	expect(gapBoxRows(groups).map((r) => [r.group, r.x, r.n])).toEqual([
		['All courses', 'Gap 1', 40],
		['All courses', 'Gap 12', 25]
	]);
});
