import { describe, expect, test } from 'vitest';
import { kaplanMeier, kaplanMeierFromTable, type SurvivalObservation } from './kaplan-meier';
import { sixMpArm } from './kaplan-meier.fixtures';

const Z = 1.959964;
const event = (time: number): SurvivalObservation => ({ time, event: true });
const censored = (time: number): SurvivalObservation => ({ time, event: false });

describe('Kaplan-Meier: 6-MP arm of Freireich 1963 (domain.md oracle)', () => {
	const curve = kaplanMeier(sixMpArm);

	test.each([
		// t, n at risk, events, S(t), SE, CI low, CI high
		[6, 21, 3, 0.857, 0.0764, 0.72, 1.0],
		[7, 17, 1, 0.807, 0.0869, 0.653, 0.996],
		[10, 15, 1, 0.753, 0.0963, 0.586, 0.968],
		[13, 12, 1, 0.69, 0.1068, 0.51, 0.935],
		[16, 11, 1, 0.627, 0.1141, 0.439, 0.896],
		[22, 7, 1, 0.538, 0.1282, 0.337, 0.858],
		[23, 6, 1, 0.448, 0.1346, 0.249, 0.807]
	])('t = %s: n %s, d %s, S %s, SE %s, CI %s-%s', (time, nRisk, nEvent, s, se, low, high) => {
		const step = curve.steps.find((candidate) => candidate.time === time);
		expect(step?.n_risk).toBe(nRisk);
		expect(step?.n_event).toBe(nEvent);
		expect(step?.survival).toBeCloseTo(s, 3);
		expect(step?.se).toBeCloseTo(se, 4);
		expect(step?.ci_low).toBeCloseTo(low, 3);
		expect(step?.ci_high).toBeCloseTo(high, 3);
	});

	test('one step per distinct time with an event or a censoring', () => {
		expect(curve.steps.map((step) => step.time)).toEqual([
			6, 7, 9, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 34, 35
		]);
		// Censored at 6 and at 10, so still at risk there: 21 at 6, 15 at 10 (not 20 and 14).
		expect(curve.steps.map((step) => step.n_risk)).toEqual([
			21, 17, 16, 15, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 2, 1
		]);
		expect(curve.steps.find((step) => step.time === 6)?.n_censor).toBe(1);
		expect(curve.steps.find((step) => step.time === 32)?.n_censor).toBe(2);
	});

	test('totals, median 23 and its CI (survfit: 0.95LCL 16, UCL not reached)', () => {
		expect([curve.n, curve.events, curve.censored]).toEqual([21, 9, 12]);
		expect(curve.median).toBe(23);
		// Lower CI curve: 0.510 at 13, 0.439 at 16; the upper one never falls to 0.5.
		expect(curve.median_ci_low).toBe(16);
		expect(curve.median_ci_high).toBeNull();
	});

	test('a censoring-only step carries S and SE forward', () => {
		const at9 = curve.steps.find((step) => step.time === 9);
		const at7 = curve.steps.find((step) => step.time === 7);
		expect(at9?.n_event).toBe(0);
		expect(at9?.survival).toBe(at7?.survival);
		expect(at9?.se).toBe(at7?.se);
	});

	test('the grouped-table form gives the same curve, in any row order and with split rows', () => {
		const rows = [
			{ time: 32, events: 0, censored: 2 },
			{ time: 6, events: 2, censored: 0 },
			{ time: 6, events: 1, censored: 1 },
			{ time: 35, events: 0, censored: 1 },
			{ time: 7, events: 1, censored: 0 },
			{ time: 9, events: 0, censored: 1 },
			{ time: 10, events: 1, censored: 1 },
			{ time: 11, events: 0, censored: 1 },
			{ time: 13, events: 1, censored: 0 },
			{ time: 16, events: 1, censored: 0 },
			{ time: 17, events: 0, censored: 1 },
			{ time: 19, events: 0, censored: 1 },
			{ time: 20, events: 0, censored: 1 },
			{ time: 22, events: 1, censored: 0 },
			{ time: 23, events: 1, censored: 0 },
			{ time: 25, events: 0, censored: 1 },
			{ time: 34, events: 0, censored: 1 },
			{ time: 40, events: 0, censored: 0 }
		];
		expect(kaplanMeierFromTable(rows)).toEqual(curve);
	});
});

describe('Kaplan-Meier edge cases', () => {
	test('empty input', () => {
		expect(kaplanMeier([])).toEqual({
			n: 0,
			events: 0,
			censored: 0,
			steps: [],
			median: null,
			median_ci_low: null,
			median_ci_high: null
		});
	});

	test('all censored: S stays 1 with SE 0 and CI [1, 1]; median not reached', () => {
		const curve = kaplanMeier([censored(8), censored(5), censored(8)]);
		expect(curve.steps).toEqual([
			{ time: 5, n_risk: 3, n_event: 0, n_censor: 1, survival: 1, se: 0, ci_low: 1, ci_high: 1 },
			{ time: 8, n_risk: 2, n_event: 0, n_censor: 2, survival: 1, se: 0, ci_low: 1, ci_high: 1 }
		]);
		expect([curve.median, curve.median_ci_low, curve.median_ci_high]).toEqual([null, null, null]);
	});

	test('events and censorings tied at one time: the censored are still at risk', () => {
		const curve = kaplanMeier([event(2), event(3), censored(3), event(3), event(5), censored(5)]);
		const at3 = curve.steps[1];
		// 5 at risk at 3, the one censored at 3 included: S(3) = 5/6 * (1 - 2/5) = 1/2. Were the
		// censoring taken first, 4 would be at risk and S(3) = 5/12.
		expect(at3).toMatchObject({ time: 3, n_risk: 5, n_event: 2, n_censor: 1 });
		expect(at3.survival).toBeCloseTo(1 / 2, 12);
		const greenwood = 1 / (6 * 5) + 2 / (5 * 3);
		expect(at3.se).toBeCloseTo((1 / 2) * Math.sqrt(greenwood), 12);
		expect(at3.ci_low).toBeCloseTo((1 / 2) * Math.exp(-Z * Math.sqrt(greenwood)), 12);
		expect(at3.ci_high).toBe(1); // 1/2 * exp(+0.800) = 1.11, capped at 1
		expect(curve.steps[2]).toMatchObject({ time: 5, n_risk: 2, n_event: 1, n_censor: 1 });
		expect(curve.steps[2].survival).toBeCloseTo(1 / 4, 12);
		expect(curve.median).toBe(3);
	});

	test('n = 1 with an event: S drops to 0, where SE and CI are undefined (survfit: NaN/NA)', () => {
		const curve = kaplanMeier([event(4)]);
		expect(curve.steps).toEqual([
			{
				time: 4,
				n_risk: 1,
				n_event: 1,
				n_censor: 0,
				survival: 0,
				se: null,
				ci_low: null,
				ci_high: null
			}
		]);
		expect(curve.median).toBe(4);
		expect(curve.median_ci_low).toBeNull();
		expect(curve.median_ci_high).toBeNull();
	});

	test('n = 1 censored: S stays 1, median not reached', () => {
		const curve = kaplanMeier([censored(4)]);
		expect(curve.steps[0]).toMatchObject({ n_risk: 1, n_censor: 1, survival: 1, se: 0 });
		expect(curve.median).toBeNull();
	});

	test('three events: survfit gives median 2, 0.95LCL 1, UCL NA', () => {
		const curve = kaplanMeier([event(1), event(2), event(3)]);
		const survival = curve.steps.map((step) => step.survival);
		[2 / 3, 1 / 3, 0].forEach((expected, i) => expect(survival[i]).toBeCloseTo(expected, 12));
		// Lower limit at 1: 2/3 * exp(-1.96 * sqrt(1/6)) = 0.2995 <= 0.5.
		expect(curve.steps[0].ci_low).toBeCloseTo((2 / 3) * Math.exp(-Z * Math.sqrt(1 / 6)), 12);
		expect([curve.median, curve.median_ci_low, curve.median_ci_high]).toEqual([2, 1, null]);
	});

	test('S exactly 0.5 over an interval: median is the first such time (domain.md)', () => {
		// S(2) = 3/4 * 2/3 = 0.5 (up to rounding). survfit would report the midpoint 2.5 here.
		const curve = kaplanMeier([event(1), event(2), event(3), event(4)]);
		expect(curve.steps[1].survival).toBeCloseTo(0.5, 12);
		expect(curve.median).toBe(2);
	});

	test('S that is 0.5 exactly but a rounding above it still reaches the median', () => {
		// 24 subjects, one event a day: S(12) = 12/24, which the product of the 12 factors
		// computes as 0.5000000000000001. The median is 12, not 13.
		const curve = kaplanMeier(Array.from({ length: 24 }, (_, i) => event(i + 1)));
		expect(curve.median).toBe(12);
	});

	test.each([
		[[{ time: 1, events: -1, censored: 0 }]],
		[[{ time: 1, events: 0.5, censored: 0 }]],
		[[{ time: Number.NaN, events: 1, censored: 0 }]]
	])('rejects invalid rows %j', (rows) => {
		expect(() => kaplanMeierFromTable(rows)).toThrow(RangeError);
	});
});
