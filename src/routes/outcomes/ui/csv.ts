import { DEFINITIONS_VERSION } from '$lib/definitions';
import { describeFilters, type Filters } from '$lib/filters';

// A panel's rows as CSV, with the same header the API's ?format=csv writes: what the rows are,
// the filters, the as-of date and the definitions version, so a spreadsheet is reproducible.
// Values are unrounded; a blank cell is hidden (small-cell rule) or not computable.

export type CsvCell = string | number | boolean | null | undefined;
export type CsvRow = Record<string, CsvCell>;

export interface PanelCsv {
	title: string;
	filters: Filters;
	asOf: string;
	smallCellMin: number;
	rows: CsvRow[];
	notes?: string[];
}

function cell(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	const text = String(value);
	// RFC 4180 quoting; a leading = + - @ is prefixed so that a spreadsheet never runs it.
	const safe = /^[=+\-@]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function panelCsv(doc: PanelCsv): string {
	const header = [
		`# Infusion Outcomes: ${doc.title}`,
		`# filters: ${describeFilters(doc.filters)}`,
		`# as_of: ${doc.asOf}`,
		`# definitions_version: ${DEFINITIONS_VERSION}`,
		`# blank cells: not computable, or hidden because a count is below ${doc.smallCellMin} (small-cell rule)`,
		...(doc.notes ?? []).map((note) => `# ${note}`)
	];
	const columns = [...new Set(doc.rows.flatMap((row) => Object.keys(row)))];
	const lines = [
		columns.map(cell).join(','),
		...doc.rows.map((r) => columns.map((c) => cell(r[c])).join(','))
	];
	return `${header.join('\n')}\n${lines.join('\n')}\n`;
}

export function downloadText(
	text: string,
	filename: string,
	type = 'text/csv;charset=utf-8'
): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
