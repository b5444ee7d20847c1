import type { CsvValue } from '$lib/components/csv';
import type { Column } from '$lib/components/table';
import { DEFINITIONS_VERSION } from '$lib/definitions';
import { describeFilters, type Filters } from '$lib/filters';

// What a leadership CSV says about itself, in the same words as the API's ?format=csv header:
// the filters, the as-of date and the definitions version, so that a spreadsheet can be
// reproduced. Values stay unrounded; a blank cell is hidden (small-cell rule) or not computable.

export type CsvRow = Record<string, CsvValue>;
export type CsvMeta = [string, string][];

export interface ReportContext {
	filters: Filters;
	asOf: string | null;
	smallCellMin: number;
}

export function reportCsvMeta(
	title: string,
	report: ReportContext,
	notes: readonly string[] = []
): CsvMeta {
	return [
		['Infusion Outcomes', title],
		['filters', describeFilters(report.filters)],
		['as_of', report.asOf ?? ''],
		['definitions_version', DEFINITIONS_VERSION],
		[
			'blank cells',
			`not computable, or hidden because a count is below ${report.smallCellMin} (small-cell rule)`
		],
		...notes.map((note): [string, string] => ['note', note])
	];
}

/** One column per field name, in first-seen order (rows of different groups may differ). */
export function columnsOf(rows: readonly CsvRow[]): Column<CsvRow>[] {
	const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	return keys.map((key) => ({ key, label: key, value: (row) => row[key] }));
}
