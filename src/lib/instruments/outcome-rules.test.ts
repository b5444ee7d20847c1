import { describe, expect, test } from 'vitest';
import {
	classifyReliableChange,
	isRemission,
	isResponse,
	percentChange,
	reachedMcid,
	reliableChangeIndex
} from './outcome-rules';
import { INSTRUMENTS } from './registry';

const { phq9, gad7, pcl5, madrs, qids_sr16: qids, pain_nrs: pain } = INSTRUMENTS;

describe('remission cut-offs (domain.md section 2)', () => {
	test.each([
		[phq9, 4, true],
		[phq9, 5, false],
		[gad7, 4, true],
		[gad7, 5, false],
		[pcl5, 32, true],
		[pcl5, 33, false],
		[madrs, 10, true],
		[madrs, 11, false],
		[qids, 5, true],
		[qids, 6, false]
	])('%s at %i: %s', (instrument, total, expected) => {
		expect(isRemission(instrument, total)).toBe(expected);
	});

	test('pain NRS has no remission rule', () => {
		expect(isRemission(pain, 0)).toBeNull();
	});
});

describe('response', () => {
	test.each([
		[phq9, 20, 10, true], // exactly 50%
		[phq9, 20, 11, false],
		[phq9, 15, 7, true], // 53%
		[phq9, 15, 8, false], // 46.7%
		[phq9, 0, 0, null], // relative change undefined at baseline 0
		[pain, 10, 7, true], // exactly 30%
		[pain, 10, 8, false],
		[pcl5, 50, 40, true], // 10 points
		[pcl5, 50, 41, false],
		[pcl5, 5, 0, false]
	])('%s %i -> %i: %s', (instrument, baseline, post, expected) => {
		expect(isResponse(instrument, baseline, post)).toBe(expected);
	});
});

describe('MCID', () => {
	test.each([
		[phq9, 15, 10, true],
		[phq9, 15, 11, false],
		[gad7, 12, 8, true],
		[gad7, 12, 9, false],
		[pcl5, 45, 35, true],
		[pain, 7, 5, true],
		[pain, 7, 6, false],
		[madrs, 30, 10, null]
	])('%s %i -> %i: %s', (instrument, baseline, post, expected) => {
		expect(reachedMcid(instrument, baseline, post)).toBe(expected);
	});
});

describe('reliable change (Jacobson & Truax 1991)', () => {
	test('RCI = (post - pre) / (SD * sqrt(2) * sqrt(1 - r))', () => {
		// PHQ-9: SD 5.7, r 0.84 -> Sdiff = 5.7 * 1.41421 * 0.4 = 3.22441
		expect(reliableChangeIndex(phq9, 20, 10)).toBeCloseTo(-10 / 3.22441, 4);
	});

	test.each([
		[phq9, 20, 13, 'improved'], // -7 / 3.224 = -2.17
		[phq9, 20, 14, 'no_reliable_change'], // -1.86
		[phq9, 10, 17, 'deteriorated'],
		[madrs, 30, 10, null]
	])('%s %i -> %i: %s', (instrument, baseline, post, expected) => {
		expect(classifyReliableChange(instrument, baseline, post)).toBe(expected);
	});
});

test('percent change is undefined at baseline 0', () => {
	expect(percentChange(20, 10)).toBe(-50);
	expect(percentChange(0, 3)).toBeNull();
});
