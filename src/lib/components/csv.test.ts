import { describe, expect, test } from 'vitest';
import { buildCsv, csvField, csvFileName, csvLine } from './csv';

describe('csvField', () => {
	test.each([
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		[' padded', '" padded"'],
		[12.3456, '12.3456'],
		[-4, '-4'],
		[0, '0'],
		[Number.NaN, ''],
		[null, ''],
		[undefined, ''],
		[true, 'true'],
		['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
		['+1', "'+1"],
		['-5 points', "'-5 points"],
		['@sum', "'@sum"],
		['<11', '<11']
	])('%j -> %s', (value, expected) => {
		expect(csvField(value)).toBe(expected);
	});
});

test('csvLine joins fields with commas', () => {
	expect(csvLine(['Clinic A', 40, null, 'x,y'])).toBe('Clinic A,40,,"x,y"');
});

test('buildCsv: header block, column names, rows, CRLF', () => {
	const csv = buildCsv({
		meta: [
			['Filters', 'instrument=phq9; clinic=A|B'],
			['As of', '2025-03-31']
		],
		columns: ['Infusion', 'Mean', 'n'],
		rows: [
			['I1', 18.25, 40],
			['I2', null, '<11']
		]
	});
	expect(csv).toBe(
		'# Filters: instrument=phq9; clinic=A|B\r\n# As of: 2025-03-31\r\nInfusion,Mean,n\r\nI1,18.25,40\r\nI2,,<11\r\n'
	);
});

test.each([
	['Symptom change by infusion', '2025-03-31', 'symptom-change-by-infusion-as-of-2025-03-31.csv'],
	['Time to 1st booster (KM)', null, 'time-to-1st-booster-km.csv'],
	['***', undefined, 'data.csv']
])('file name for %s', (title, asOf, expected) => {
	expect(csvFileName(title, asOf)).toBe(expected);
});
