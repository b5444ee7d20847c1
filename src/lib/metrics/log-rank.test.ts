import { describe, expect, test } from 'vitest';
import type { SurvivalObservation } from './kaplan-meier';
import { placeboArm, sixMpArm } from './kaplan-meier.fixtures';
import { chiSquareSurvival, logRank, logRankFromTables } from './log-rank';

const event = (time: number): SurvivalObservation => ({ time, event: true });
const censored = (time: number): SurvivalObservation => ({ time, event: false });

describe('chiSquareSurvival (upper tail)', () => {
	// 3.841459 is the published 5% critical value on 1 df; on 2 df P(X > x) = exp(-x/2) exactly;
	// the last two from scipy.stats.chi2.sf.
	test.each([
		[3.841459, 1, 0.05],
		[2.6, 2, Math.exp(-1.3)],
		[10, 2, Math.exp(-5)],
		[0.5, 7, 0.9994464813904249],
		[30, 10, 0.000856641210775301]
	])('P(chi2_%s > %s) = %s', (x, df, expected) => {
		expect(chiSquareSurvival(x, df) / expected).toBeCloseTo(1, 6);
	});

	test('keeps relative precision far in the tail (scipy: 1.5541594313896026e-21)', () => {
		expect(chiSquareSurvival(100, 3) / 1.5541594313896026e-21).toBeCloseTo(1, 9);
	});

	test('is 1 at x <= 0', () => {
		expect(chiSquareSurvival(0, 1)).toBe(1);
	});
});

describe('logRank', () => {
	test('6-MP against placebo (Freireich 1963): chi-square 16.8 on 1 df (R survdiff: 16.79)', () => {
		const result = logRank([sixMpArm, placeboArm]);
		expect(result?.df).toBe(1);
		expect(result?.chi2).toBeCloseTo(16.8, 1);
		// R survdiff and scipy.stats.logrank: 16.7929, p = 4.1688e-05.
		expect(result?.chi2).toBeCloseTo(16.7929, 4);
		expect(result?.p).toBeCloseTo(4.17e-5, 7);
	});

	test('the statistic does not depend on the order of the groups', () => {
		expect(logRank([placeboArm, sixMpArm])?.chi2).toBeCloseTo(16.7929, 4);
	});

	test('identical groups: chi-square 0, p = 1', () => {
		const result = logRank([sixMpArm, sixMpArm]);
		expect(result?.chi2).toBeCloseTo(0, 12);
		expect(result?.p).toBeCloseTo(1, 12);
	});

	// Three groups with one event each at 1, 2 and 3. By hand: O - E = (2/3, 1/6, -5/6); the
	// variance of groups 1-2 is [[2/9, -1/9], [-1/9, 17/36]] (t = 1 and t = 2; t = 3 has one at
	// risk and adds none), so chi-square = u' V^-1 u = 13/5 on 2 df, p = exp(-1.3).
	test.each([
		[[[event(1)], [event(2)], [event(3)]]],
		[[[event(3)], [event(1)], [event(2)]]],
		[[[event(2)], [event(3)], [event(1)]]]
	])('k = 3, full variance-covariance: chi-square 2.6 on 2 df (%j)', (groups) => {
		const result = logRank(groups);
		expect(result?.df).toBe(2);
		expect(result?.chi2).toBeCloseTo(2.6, 12);
		expect(result?.p).toBeCloseTo(Math.exp(-1.3), 10);
	});

	test('a censoring tied with an event counts as at risk', () => {
		// Group A: event at 1; group B: censored at 1. At t = 1: n = 2, d = 1, E_A = 1/2,
		// V = 1 * 1 / 1 * 1/2 * 1/2 = 1/4, so chi-square = (1/2)^2 / (1/4) = 1.
		expect(logRank([[event(1)], [censored(1)]])?.chi2).toBeCloseTo(1, 12);
	});

	test('grouped tables give the same result', () => {
		const tables = [
			[
				{ time: 6, events: 3, censored: 1 },
				{ time: 10, events: 1, censored: 1 },
				{ time: 7, events: 1, censored: 0 },
				{ time: 13, events: 1, censored: 0 },
				{ time: 16, events: 1, censored: 0 },
				{ time: 22, events: 1, censored: 0 },
				{ time: 23, events: 1, censored: 0 },
				{ time: 9, events: 0, censored: 1 },
				{ time: 11, events: 0, censored: 1 },
				{ time: 17, events: 0, censored: 1 },
				{ time: 19, events: 0, censored: 1 },
				{ time: 20, events: 0, censored: 1 },
				{ time: 25, events: 0, censored: 1 },
				{ time: 32, events: 0, censored: 2 },
				{ time: 34, events: 0, censored: 1 },
				{ time: 35, events: 0, censored: 1 }
			],
			placeboArm.map((o) => ({ time: o.time, events: 1, censored: 0 }))
		];
		expect(logRankFromTables(tables)?.chi2).toBeCloseTo(16.7929, 4);
	});

	test.each([
		['one group', [sixMpArm]],
		['no events at all', [[censored(3)], [censored(5)]]],
		['one group empty', [sixMpArm, []]],
		['nobody of the other group at risk at any event time', [[event(5)], [censored(3)]]]
	])('no test (null): %s', (_label, groups) => {
		expect(logRank(groups)).toBeNull();
	});
});
