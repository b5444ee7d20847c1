import type { Snippet } from 'svelte';
import type { CsvValue } from './csv';

// Column definitions and sorting for DataTable. One definition drives the screen, the sort
// and the CSV, so the three never disagree.

export type SortDirection = 'ascending' | 'descending';

export interface Column<T> {
	key: string;
	label: string;
	/** Right-aligned, tabular figures. */
	numeric?: boolean;
	/** The raw value used to sort and for the CSV; by default row[key]. */
	value?: (row: T) => CsvValue;
	/** Display text; by default the raw value as text, '–' when missing. */
	format?: (row: T) => string;
	/** Custom cell content (badges, links, suppressed values). */
	cell?: Snippet<[T]>;
	sortable?: boolean;
	/** Shown as the header's tooltip and in the CSV header block. */
	description?: string;
}

export function rawValue<T>(column: Column<T>, row: T): CsvValue {
	if (column.value) return column.value(row);
	const value = (row as Record<string, unknown>)[column.key];
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
		? value
		: null;
}

export function displayValue<T>(column: Column<T>, row: T): string {
	if (column.format) return column.format(row);
	const value = rawValue(column, row);
	return value === null || value === undefined || value === '' ? '–' : String(value);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Rows sorted by a column; missing values always last (a hidden or empty value is not the
 * smallest), ties keep their original order.
 */
export function sortRows<T>(rows: readonly T[], column: Column<T>, direction: SortDirection): T[] {
	const sign = direction === 'ascending' ? 1 : -1;
	return rows
		.map((row, index) => ({ row, index, value: rawValue(column, row) }))
		.sort((a, b) => {
			const aMissing = a.value === null || a.value === undefined || a.value === '';
			const bMissing = b.value === null || b.value === undefined || b.value === '';
			if (aMissing || bMissing)
				return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
			const order =
				typeof a.value === 'number' && typeof b.value === 'number'
					? a.value - b.value
					: collator.compare(String(a.value), String(b.value));
			return order === 0 ? a.index - b.index : sign * order;
		})
		.map((entry) => entry.row);
}

export function nextDirection(current: SortDirection | null): SortDirection {
	return current === 'ascending' ? 'descending' : 'ascending';
}
