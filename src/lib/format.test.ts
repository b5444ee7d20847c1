import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatNumber, formatPercent } from './format';

describe('display formatting', () => {
	it('formats numbers with a fixed number of digits and thousands separators', () => {
		expect(formatNumber(1234.56)).toBe('1,234.6');
		expect(formatNumber(-0.25, 2)).toBe('-0.25');
		expect(formatNumber(3, 0)).toBe('3');
		expect(formatNumber(2.5, 1)).toBe('2.5');
		// The cached formatter for 1 digit must not leak into other digit counts.
		expect(formatNumber(1.23456, 3)).toBe('1.235');
		expect(formatNumber(1.23456)).toBe('1.2');
		expect(formatNumber(null)).toBe('–');
		expect(formatNumber(Number.NaN)).toBe('–');
	});

	it('formats counts, and a suppressed count as below the small-cell minimum', () => {
		expect(formatCount(1234567)).toBe('1,234,567');
		expect(formatCount(0)).toBe('0');
		expect(formatCount(null)).toBe('<11');
		expect(formatCount(undefined, 5)).toBe('<5');
	});

	it('formats percentages', () => {
		expect(formatPercent(0.4567)).toBe('45.7%');
		expect(formatPercent(null)).toBe('–');
	});

	it('formats calendar dates, the same on every call', () => {
		expect(formatDate('2025-03-12')).toBe('12 Mar 2025');
		expect(formatDate('2025-03-12')).toBe('12 Mar 2025');
		expect(formatDate('2024-12-31')).toBe('31 Dec 2024');
		expect(formatDate(null)).toBe('–');
	});
});
