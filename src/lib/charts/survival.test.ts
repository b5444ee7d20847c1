import { describe, expect, test } from 'vitest';
import {
	atRiskCell,
	atRiskRow,
	kmDatasets,
	kmStepSeries,
	numberAtRisk,
	timeBreaks
} from './survival';
import type { KmCurve, KmStep } from './types';

// Freireich 1963, 6-MP arm (weeks): every distinct time as survfit lists it, with S(t) from
// shared/domain.md section 4. Censor-only times keep the previous S.
const freireich: KmStep[] = [
	[6, 21, 3, 1, 0.857],
	[7, 17, 1, 0, 0.807],
	[9, 16, 0, 1, 0.807],
	[10, 15, 1, 1, 0.753],
	[11, 13, 0, 1, 0.753],
	[13, 12, 1, 0, 0.69],
	[16, 11, 1, 0, 0.627],
	[17, 10, 0, 1, 0.627],
	[19, 9, 0, 1, 0.627],
	[20, 8, 0, 1, 0.627],
	[22, 7, 1, 0, 0.538],
	[23, 6, 1, 0, 0.448],
	[25, 5, 0, 1, 0.448],
	[32, 4, 0, 2, 0.448],
	[34, 2, 0, 1, 0.448],
	[35, 1, 0, 1, 0.448]
].map(([time, n_risk, n_event, n_censor, survival]) => ({
	time,
	n_risk,
	n_event,
	n_censor,
	survival,
	se: null,
	ci_low: null,
	ci_high: null
}));

describe('kmStepSeries', () => {
	test('starts at t = 0 with S = 1 and keeps every time, censor-only ones included', () => {
		const series = kmStepSeries(freireich);
		expect(series.survival[0]).toEqual({ x: 0, y: 1 });
		expect(series.survival).toHaveLength(17);
		expect(series.survival[1]).toEqual({ x: 6, y: 0.857 });
		expect(series.survival.at(-1)).toEqual({ x: 35, y: 0.448 });
	});

	test('puts a censor mark at each censor time, at the height after that time', () => {
		const marks = kmStepSeries(freireich).censored;
		expect(marks.map((m) => m.x)).toEqual([6, 9, 10, 11, 17, 19, 20, 25, 32, 34, 35]);
		expect(marks[0]).toEqual({ x: 6, y: 0.857 });
		expect(marks[2]).toEqual({ x: 10, y: 0.753 });
	});

	test('the CI edges start at 1 too', () => {
		const steps: KmStep[] = [
			{
				time: 3,
				n_risk: 4,
				n_event: 1,
				n_censor: 0,
				survival: 0.75,
				se: 0.2165,
				ci_low: 0.43,
				ci_high: 1
			}
		];
		const series = kmStepSeries(steps);
		expect(series.lower).toEqual([
			{ x: 0, y: 1 },
			{ x: 3, y: 0.43 }
		]);
		expect(series.upper).toEqual([
			{ x: 0, y: 1 },
			{ x: 3, y: 1 }
		]);
	});

	test('does not add a second t = 0 point when the fit has one', () => {
		const steps: KmStep[] = [
			{
				time: 0,
				n_risk: 10,
				n_event: 2,
				n_censor: 0,
				survival: 0.8,
				se: 0.1265,
				ci_low: null,
				ci_high: null
			}
		];
		expect(kmStepSeries(steps).survival).toEqual([{ x: 0, y: 0.8 }]);
	});
});

describe('numberAtRisk (as summary(survfit, times =))', () => {
	test.each([
		[0, 21],
		[5, 21],
		[6, 21],
		[6.5, 17],
		[10, 15],
		[15, 11],
		[20, 8],
		[25, 5],
		[30, 4],
		[35, 1]
	])('Freireich 6-MP: at t = %s, %s at risk', (time, expected) => {
		expect(numberAtRisk(21, freireich, [time])).toEqual([{ time, nRisk: expected }]);
	});

	test('equals n minus everyone who left (event or censored) strictly before t', () => {
		for (const t of [0, 6, 8, 12, 21, 33, 35]) {
			const left = freireich
				.filter((s) => s.time < t)
				.reduce((sum, s) => sum + s.n_event + s.n_censor, 0);
			expect(numberAtRisk(21, freireich, [t])[0].nRisk).toBe(21 - left);
		}
	});

	test('drops times past the last one unless extended, where it is 0', () => {
		expect(numberAtRisk(21, freireich, [30, 40])).toEqual([{ time: 30, nRisk: 4 }]);
		expect(numberAtRisk(21, freireich, [40], { extend: true })).toEqual([{ time: 40, nRisk: 0 }]);
	});

	test('drops negative times', () => {
		expect(numberAtRisk(21, freireich, [-5, 0])).toEqual([{ time: 0, nRisk: 21 }]);
	});
});

describe('atRiskRow and atRiskCell', () => {
	const curve = (truncated: boolean): KmCurve => ({
		key: 'a',
		label: 'A',
		n: 21,
		steps: freireich.slice(0, 7),
		truncated
	});

	test('after a truncated curve the count is hidden, not zero', () => {
		expect(atRiskRow(curve(true), [0, 10, 20])).toEqual([21, 15, null]);
		expect(atRiskRow(curve(false), [0, 10, 20])).toEqual([21, 15, 0]);
	});

	test.each([
		[0, 11, '0', false],
		[1, 11, '<11', true],
		[10, 11, '<11', true],
		[11, 11, '11', false],
		[1234, 11, '1,234', false],
		[null, 11, '<11', true],
		[5, 5, '5', false]
	])('%s with minimum %s shows %s', (n, min, text, suppressed) => {
		expect(atRiskCell(n, min)).toEqual({ text, suppressed });
	});
});

describe('timeBreaks', () => {
	test.each([
		[35, 10, [0, 10, 20, 30, 40]],
		[30, 10, [0, 10, 20, 30]],
		[0, 30, [0]],
		[89, 30, [0, 30, 60, 90]]
	])('max %s every %s', (max, every, expected) => {
		expect(timeBreaks(max, every)).toEqual(expected);
	});
});

describe('kmDatasets', () => {
	const one: KmCurve = { key: 'a', label: 'All', n: 21, steps: freireich, truncated: false };

	test('a stepped survival line, a CI band filled between its edges and censor crosses', () => {
		const datasets = kmDatasets([one], { showCi: true });
		expect(datasets.map((d) => d.role)).toEqual(['survival', 'ci', 'ci', 'censor']);
		// Flat until the next time, then down: Chart.js calls this 'before'.
		expect(datasets[0].stepped).toBe('before');
		expect(datasets[1].stepped).toBe('before');
		expect(datasets[2].fill).toBe('-1');
		expect(datasets[3].pointStyle).toBe('cross');
		expect(datasets[3].showLine).toBe(false);
	});

	test('two groups get different colours, and no band when the CI is off', () => {
		const datasets = kmDatasets([one, { ...one, key: 'b', label: 'B' }], { showCi: false });
		expect(datasets.map((d) => d.role)).toEqual(['survival', 'censor', 'survival', 'censor']);
		expect(datasets[0].borderColor).not.toBe(datasets[2].borderColor);
	});
});
