// A small RFC 4180 CSV writer for downloads built in the browser from the rows a table shows,
// so the spreadsheet and the screen carry the same numbers (unrounded in the CSV).

import type { Column } from './table';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One field. Quoted when it holds a comma, quote, line break or edge spaces; quotes doubled.
 * Text starting with = + - @ or a tab/CR is prefixed with an apostrophe so a spreadsheet does
 * not run it as a formula (OWASP "CSV injection"); numbers are never altered.
 */
export function csvField(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
	return values.map(csvField).join(',');
}

export interface CsvDocument {
	/** Lines before the table ("# Filters: ..."), so a file says what it was computed from. */
	meta: readonly (readonly [string, string])[];
	columns: readonly string[];
	rows: readonly (readonly CsvValue[])[];
}

/** CRLF line ends (RFC 4180), a header block of "# key: value" lines, then the table. */
export function buildCsv({ meta, columns, rows }: CsvDocument): string {
	const lines = [
		...meta.map(([key, value]) => csvField(`# ${key}: ${value}`)),
		csvLine(columns),
		...rows.map(csvLine)
	];
	return `${lines.join('\r\n')}\r\n`;
}

/** A file name safe on every system: lower-case words joined by hyphens. */
export function csvFileName(title: string, asOf?: string | null): string {
	const slug = title
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return `${slug || 'data'}${asOf ? `-as-of-${asOf}` : ''}.csv`;
}

/** What a CSV download holds: its columns, rows and header block. */
export interface CsvContent<T> {
	columns: Column<T>[];
	rows: T[];
	/** Header block: filters, as-of date, definitions version, anything the reader needs. */
	meta: [string, string][];
}
