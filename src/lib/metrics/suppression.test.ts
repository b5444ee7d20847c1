import { describe, expect, test } from 'vitest';
import { kaplanMeier } from './kaplan-meier';
import { sixMpArm } from './kaplan-meier.fixtures';
import {
	isSmallCell,
	Suppressor,
	truncateSurvivalSteps,
	visibleCount,
	visibleRate
} from './suppression';

describe('isSmallCell and visibleCount (CMS rule)', () => {
	test.each([
		// count, min, small?
		[0, 11, false],
		[1, 11, true],
		[10, 11, true],
		[11, 11, false],
		[500, 11, false],
		[0, 1, false],
		[1, 1, false],
		[10, 1, false],
		[4, 5, true],
		[5, 5, false]
	])('count %s with min %s: small = %s', (count, min, small) => {
		expect(isSmallCell(count, min)).toBe(small);
		expect(visibleCount(count, min)).toBe(small ? null : count);
	});

	test('defaults to min 11', () => {
		expect(isSmallCell(10)).toBe(true);
		expect(visibleCount(11)).toBe(11);
	});

	test.each([
		[-1, 11],
		[2.5, 11],
		[3, 0],
		[3, 1.5]
	])('rejects count %s / min %s', (count, min) => {
		expect(() => isSmallCell(count, min)).toThrow(RangeError);
	});
});

describe('visibleRate', () => {
	test.each([
		// numerator, denominator, min, visible? (hidden when numerator or denominator - numerator is 1-10)
		[0, 0, 11, true],
		[0, 20, 11, true],
		[1, 20, 11, false],
		[10, 30, 11, false],
		[11, 30, 11, true],
		[11, 21, 11, false], // non-numerator 10
		[11, 22, 11, true], // non-numerator 11
		[20, 20, 11, true], // non-numerator 0
		[19, 20, 11, false], // non-numerator 1
		[5, 8, 11, false], // a small denominator makes one part small
		[1, 2, 1, true], // min 1: suppression off
		[0, 3, 1, true]
	])('%s/%s with min %s: visible = %s', (numerator, denominator, min, visible) => {
		expect(visibleRate(numerator, denominator, min)).toBe(visible);
	});

	test('rejects a numerator above the denominator', () => {
		expect(() => visibleRate(5, 4)).toThrow(RangeError);
	});
});

describe('truncateSurvivalSteps', () => {
	const steps = [25, 14, 11, 10, 12, 3].map((n_risk, time) => ({ time, n_risk }));

	test('drops every step from the first one with fewer than min at risk', () => {
		expect(truncateSurvivalSteps(steps, 11).map((s) => s.n_risk)).toEqual([25, 14, 11]);
	});

	test('min 1 keeps every step; a curve that starts small shows nothing', () => {
		expect(truncateSurvivalSteps(steps, 1)).toEqual(steps);
		expect(truncateSurvivalSteps(steps, 26)).toEqual([]);
	});
});

describe('Suppressor', () => {
	test('count: hides 1-10 and records the field; 0 and 11 are shown', () => {
		const s = new Suppressor(11);
		expect(s.count('courses_started', 7)).toBeNull();
		expect(s.count('induction_completed', 0)).toBe(0);
		expect(s.count('with_baseline_and_post', 11)).toBe(11);
		expect(s.count('courses_started', 7)).toBeNull();
		expect(s.suppressed).toEqual(['courses_started']);
	});

	test('rate: Wilson interval when visible (81/263 -> 0.2553-0.3662)', () => {
		const s = new Suppressor();
		const rate = s.rate('response', 81, 263);
		expect(rate.count).toBe(81);
		expect(rate.rate).toBeCloseTo(81 / 263, 12);
		expect(rate.ci_low).toBeCloseTo(0.2553, 4);
		expect(rate.ci_high).toBeCloseTo(0.3662, 4);
		expect(s.suppressed).toEqual([]);
	});

	test.each([
		[5, 40],
		[35, 40]
	])('rate %s/%s: all null and recorded', (count, denominator) => {
		const s = new Suppressor();
		expect(s.rate('remission', count, denominator)).toEqual({
			count: null,
			rate: null,
			ci_low: null,
			ci_high: null
		});
		expect(s.suppressed).toEqual(['remission']);
	});

	test('rate with a zero denominator: count 0, rate undefined, nothing hidden', () => {
		const s = new Suppressor();
		expect(s.rate('mcid', 0, 0)).toEqual({ count: 0, rate: null, ci_low: null, ci_high: null });
		expect(s.suppressed).toEqual([]);
	});

	test.each([
		[0, false, []],
		[1, false, ['group']],
		[10, false, ['group']],
		[11, true, []]
	])('group of %s patients: statistics %s, suppressed %j', (patients, shown, suppressed) => {
		const s = new Suppressor(11);
		expect(s.group(patients)).toBe(shown);
		expect(s.suppressed).toEqual(suppressed);
	});

	test('min 1 turns suppression off', () => {
		const s = new Suppressor(1);
		expect(s.count('courses_started', 1)).toBe(1);
		expect(s.rate('response', 1, 2).rate).toBe(0.5);
		expect(s.group(1)).toBe(true);
		expect(s.survival(kaplanMeier(sixMpArm)).steps).toHaveLength(16);
		expect(s.suppressed).toEqual([]);
	});

	test('survival: 6-MP curve stops before n at risk 10 (t = 17); median 23 lies beyond it', () => {
		const s = new Suppressor(11);
		const curve = s.survival(kaplanMeier(sixMpArm));
		expect(curve.steps.map((step) => step.time)).toEqual([6, 7, 9, 10, 11, 13, 16]);
		expect([curve.n, curve.events, curve.censored]).toEqual([21, null, 12]);
		expect(curve.median).toBeNull();
		expect(curve.median_ci_low).toBe(16);
		expect(curve.median_ci_high).toBeNull();
		expect(s.suppressed).toEqual(['steps', 'events', 'median']);
	});

	test('rejects a threshold below 1', () => {
		expect(() => new Suppressor(0)).toThrow(RangeError);
	});
});
