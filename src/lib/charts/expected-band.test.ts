import { expect, test } from 'vitest';
import { expectedScoreBand } from './expected-band';

const phq9Range = { min: 0, max: 27 };

test.each([
	// baseline 20: -40% -> 12, -10% -> 18
	[20, { ordinal: 3, p25: -40, p75: -10 }, { ordinal: 3, low: 12, high: 18 }],
	// baseline 16: -62.5% -> 6, -25% -> 12
	[16, { ordinal: 4, p25: -62.5, p75: -25 }, { ordinal: 4, low: 6, high: 12 }],
	// a worsening quartile past the top of the scale is clamped: 25 * 1.2 = 30 -> 27
	[25, { ordinal: 1, p25: 0, p75: 20 }, { ordinal: 1, low: 25, high: 27 }],
	// -100% is a score of 0
	[10, { ordinal: 6, p25: -100, p75: -50 }, { ordinal: 6, low: 0, high: 5 }]
])('baseline %s, %j -> %j', (baseline, band, expected) => {
	expect(expectedScoreBand(baseline, [band], phq9Range)).toEqual([expected]);
});

test('sorted by infusion ordinal', () => {
	const band = expectedScoreBand(
		10,
		[
			{ ordinal: 2, p25: -20, p75: 0 },
			{ ordinal: 1, p25: -10, p75: 0 }
		],
		phq9Range
	);
	expect(band.map((p) => p.ordinal)).toEqual([1, 2]);
});

test.each([[0], [null]])('no band when the baseline is %s (% change undefined)', (baseline) => {
	expect(expectedScoreBand(baseline, [{ ordinal: 1, p25: -10, p75: 0 }], phq9Range)).toEqual([]);
});
