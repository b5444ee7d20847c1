import { stringify } from 'csv-stringify/sync';
import { DEFINITIONS_VERSION } from '$lib/definitions';
import { describeFilters, type Filters } from '$lib/filters';

// CSV exports carry the same rows as the JSON, after a header naming what they are: the filters,
// the as-of date and the definitions version, so that a spreadsheet is reproducible. A blank
// cell is a value that cannot be computed or is hidden by the small-cell rule.

export type Cell = string | number | boolean | null;
export type FlatRow = Record<string, Cell>;

/** Nested objects become prefixed columns (change.ci_low -> change_ci_low); arrays are left out. */
export function flatten(value: object, prefix = ''): FlatRow {
	const row: FlatRow = {};
	for (const [key, field] of Object.entries(value)) {
		const name = prefix ? `${prefix}_${key}` : key;
		if (Array.isArray(field)) continue;
		if (field !== null && typeof field === 'object') Object.assign(row, flatten(field, name));
		else row[name] = field as Cell;
	}
	return row;
}

export interface CsvDocument {
	title: string;
	filters: Filters;
	asOf: string;
	notes?: string[];
	rows: FlatRow[];
}

export function toCsv(doc: CsvDocument, smallCellMin: number): string {
	const header = [
		`# Infusion Outcomes: ${doc.title}`,
		`# filters: ${describeFilters(doc.filters)}`,
		`# as_of: ${doc.asOf}`,
		`# definitions_version: ${DEFINITIONS_VERSION}`,
		`# blank cells: not computable, or hidden because a count is below ${smallCellMin} (small-cell rule)`,
		...(doc.notes ?? []).map((note) => `# ${note}`)
	];
	const columns = [...new Set(doc.rows.flatMap((row) => Object.keys(row)))];
	const body = stringify(
		doc.rows.map((row) => columns.map((c) => row[c] ?? '')),
		{ header: true, columns, cast: { boolean: (v) => (v ? 'true' : 'false') } }
	);
	return `${header.join('\n')}\n${body}`;
}
