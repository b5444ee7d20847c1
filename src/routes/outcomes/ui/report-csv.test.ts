import { describe, expect, test } from 'vitest';
import { buildCsv } from '$lib/components/csv';
import { rawValue } from '$lib/components/table';
import { DEFINITIONS_VERSION } from '$lib/definitions';
import { EMPTY_FILTERS } from '$lib/filters';
import { columnsOf, reportCsvMeta } from './report-csv';

const report = {
	filters: { ...EMPTY_FILTERS, instrument: 'phq9' as const, clinic: ['Bethesda', 'McLean'] },
	asOf: '2026-11-27',
	smallCellMin: 11
};

describe('leadership CSV', () => {
	test('the header names the rows, filters, as-of date, definitions and the blank-cell rule', () => {
		const meta = reportCsvMeta('cohort table', report, ['benchmark ORKA-1: PHQ-9 14-31 days']);
		expect(meta).toEqual([
			['Infusion Outcomes', 'cohort table'],
			['filters', 'instrument=phq9; clinic=Bethesda|McLean'],
			['as_of', '2026-11-27'],
			['definitions_version', DEFINITIONS_VERSION],
			['blank cells', 'not computable, or hidden because a count is below 11 (small-cell rule)'],
			['note', 'benchmark ORKA-1: PHQ-9 14-31 days']
		]);
	});

	test('columns are the union of the rows’ fields; a missing field is a blank cell', () => {
		const rows = [
			{ group: 'A', n: 40, rate: 0.3 },
			{ group: 'B', n: null, median: 28 }
		];
		const columns = columnsOf(rows);
		expect(columns.map((c) => c.label)).toEqual(['group', 'n', 'rate', 'median']);
		const text = buildCsv({
			meta: [['as_of', '2026-11-27']],
			columns: columns.map((c) => c.label),
			rows: rows.map((row) => columns.map((c) => rawValue(c, row)))
		});
		expect(text).toBe('# as_of: 2026-11-27\r\ngroup,n,rate,median\r\nA,40,0.3,\r\nB,,,28\r\n');
	});
});
