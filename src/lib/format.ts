import { format, parseISO } from 'date-fns';
import { boundedMemo } from './memo';

// Display formatting, shared by pages, tables and CSV-free views. Numbers are rounded for
// reading only; CSV downloads carry the unrounded values.

// One formatter per number of digits, made once: toLocaleString with options builds a new
// Intl.NumberFormat on every call, which cost 15% of the server's time under load (a worklist
// page formats a few hundred numbers).
const integerFormat = new Intl.NumberFormat('en-US');
const numberFormats = boundedMemo<Intl.NumberFormat>(20);
const numberFormat = (digits: number) =>
	numberFormats(
		String(digits),
		() =>
			new Intl.NumberFormat('en-US', {
				minimumFractionDigits: digits,
				maximumFractionDigits: digits
			})
	);

export function formatCount(value: number | null | undefined, smallCellMin = 11): string {
	if (value === null || value === undefined) return `<${smallCellMin}`;
	return integerFormat.format(value);
}

export function formatNumber(value: number | null | undefined, digits = 1): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	return numberFormat(digits).format(value);
}

export function formatPercent(rate: number | null | undefined, digits = 1): string {
	if (rate === null || rate === undefined || !Number.isFinite(rate)) return '–';
	return `${(rate * 100).toFixed(digits)}%`;
}

// Pages repeat the same dates many times (every row of a worklist, every axis label); a server
// process meets a few thousand distinct dates.
const formattedDate = boundedMemo<string>(10_000);

/** A calendar date 'YYYY-MM-DD' as '12 Mar 2025'; parsed as a local date, never shifted. */
export function formatDate(iso: string | null | undefined): string {
	if (!iso) return '–';
	return formattedDate(iso, () => format(parseISO(iso), 'd MMM yyyy'));
}
