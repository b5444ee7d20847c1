import { format, parseISO } from 'date-fns';

// Display formatting, shared by pages, tables and CSV-free views. Numbers are rounded for
// reading only; CSV downloads carry the unrounded values.

export function formatCount(value: number | null | undefined, smallCellMin = 11): string {
	if (value === null || value === undefined) return `<${smallCellMin}`;
	return value.toLocaleString('en-US');
}

export function formatNumber(value: number | null | undefined, digits = 1): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
}

export function formatPercent(rate: number | null | undefined, digits = 1): string {
	if (rate === null || rate === undefined || !Number.isFinite(rate)) return '–';
	return `${(rate * 100).toFixed(digits)}%`;
}

/** A calendar date 'YYYY-MM-DD' as '12 Mar 2025'; parsed as a local date, never shifted. */
export function formatDate(iso: string | null | undefined): string {
	if (!iso) return '–';
	return format(parseISO(iso), 'd MMM yyyy');
}
