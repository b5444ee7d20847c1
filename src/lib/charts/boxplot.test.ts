import { expect, test } from 'vitest';
import { boxDatum, boxPlotData, gapQuartileRows, highestDrawnValue } from './boxplot';
import type { QuartileRow } from './types';

const row = (group: string, x: string, extra: Partial<QuartileRow> = {}): QuartileRow => ({
	group,
	x,
	q1: 20,
	median: 28,
	q3: 41,
	n: 30,
	...extra
});

test('whiskers are the given min and max', () => {
	expect(boxDatum(row('A', 'Gap 1', { min: 9, max: 70, mean: 31.5 }))).toMatchObject({
		min: 9,
		whiskerMin: 9,
		max: 70,
		whiskerMax: 70,
		mean: 31.5,
		hasRange: true,
		n: 30
	});
});

test.each([
	[{}, 20, 41],
	[{ min: null, max: null }, 20, 41],
	[{ min: 5 }, 20, 41]
])('without both min and max (%j) the whiskers collapse onto the box', (extra, lo, hi) => {
	const datum = boxDatum(row('A', 'Gap 1', extra));
	expect([datum.whiskerMin, datum.whiskerMax, datum.hasRange]).toEqual([lo, hi, false]);
	expect(datum).not.toHaveProperty('mean');
});

test('groups become datasets aligned on the x categories, with null for a missing box', () => {
	const data = boxPlotData([row('A', 'Gap 1'), row('A', 'Gap 2'), row('B', 'Gap 2')]);
	expect(data.labels).toEqual(['Gap 1', 'Gap 2']);
	expect(data.datasets.map((d) => d.label)).toEqual(['A', 'B']);
	expect(data.datasets[1].data[0]).toBeNull();
	expect(data.datasets[1].data[1]).toMatchObject({ median: 28 });
	expect(data.datasets[0].borderColor).not.toBe(data.datasets[1].borderColor);
});

test('gap query rows: hidden ones are left out, not drawn as zero', () => {
	const rows = gapQuartileRows('All', [
		{ index: 1, n: 40, median: 28, q1: 21, q3: 35, mean: 29.2 },
		{ index: 2, n: null, median: null, q1: null, q3: null, mean: null }
	]);
	expect(rows).toEqual([
		{ group: 'All', x: 'Gap 1', q1: 21, median: 28, q3: 35, mean: 29.2, n: 40 }
	]);
});

// The demo clinic's McLean gap 10 has q3 = 120 with a mean of 59.9, and Bethesda's gap 11 a mean
// (45.3) above its q3 (39): the axis must reach whichever is drawn highest.
test.each([
	[[row('A', 'Gap 10', { q3: 120, mean: 59.9 }), row('B', 'Gap 10', { q3: 99.5 })], 120],
	[[row('A', 'Gap 11', { q3: 39, mean: 45.3 })], 45.3],
	[[row('A', 'Gap 1', { q3: 41, min: 3, max: 180 })], 180],
	[[row('A', 'Gap 1', { q3: 41, mean: null, max: null })], 41],
	[[], undefined]
])('the value axis reaches the highest drawn value (%#)', (rows, expected) => {
	expect(highestDrawnValue(rows)).toBe(expected);
});
