import { describe, expect, test } from 'vitest';
import { displayValue, nextDirection, rawValue, sortRows, type Column } from './table';

interface Row {
	code: string;
	gap: number | null;
	band: string;
}

const rows: Row[] = [
	{ code: 'P-10', gap: 21, band: 'Mild' },
	{ code: 'P-2', gap: null, band: 'severe' },
	{ code: 'P-1', gap: 35, band: 'Moderate' },
	{ code: 'P-3', gap: 21, band: 'mild' }
];

const gap: Column<Row> = { key: 'gap', label: 'Gap', numeric: true };
const code: Column<Row> = { key: 'code', label: 'Patient' };

describe('sortRows', () => {
	test.each([
		['ascending' as const, ['P-10', 'P-3', 'P-1', 'P-2']],
		['descending' as const, ['P-1', 'P-10', 'P-3', 'P-2']]
	])('numbers %s, missing last, ties in original order', (direction, expected) => {
		expect(sortRows(rows, gap, direction).map((r) => r.code)).toEqual(expected);
	});

	test('text sorts naturally (P-2 before P-10)', () => {
		expect(sortRows(rows, code, 'ascending').map((r) => r.code)).toEqual([
			'P-1',
			'P-2',
			'P-3',
			'P-10'
		]);
	});

	test('does not change the input', () => {
		const copy = [...rows];
		sortRows(rows, gap, 'descending');
		expect(rows).toEqual(copy);
	});

	test('sorts by a derived value when the column gives one', () => {
		const byLength: Column<Row> = { key: 'x', label: 'x', value: (r) => r.band.length };
		expect(sortRows(rows, byLength, 'ascending').map((r) => r.band)).toEqual([
			'Mild',
			'mild',
			'severe',
			'Moderate'
		]);
	});
});

describe('values', () => {
	test.each([
		[rows[0], '21'],
		[rows[1], '–']
	])('display of %j', (row, text) => {
		expect(displayValue(gap, row)).toBe(text);
	});

	test('raw value ignores objects', () => {
		expect(rawValue({ key: 'o', label: 'o' }, { o: { a: 1 } })).toBeNull();
	});

	test.each([
		[null, 'ascending'],
		['ascending' as const, 'descending'],
		['descending' as const, 'ascending']
	])('after %s comes %s', (current, next) => {
		expect(nextDirection(current)).toBe(next);
	});
});
