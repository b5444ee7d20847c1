import { describe, expect, it } from 'vitest';
import { parseDate, parseDose, parseItems } from './values';

const TODAY = '2025-06-30';

describe('parseDate', () => {
	it.each(['2024-02-29', '2000-02-29', '2025-06-30', '2025-01-31', '2024-04-30'])(
		'accepts the real date %s',
		(text) => {
			expect(parseDate(text, TODAY)).toEqual({ ok: true, value: text });
		}
	);

	it.each([
		['2023-02-29', 'not a real calendar date'],
		['1900-02-29', 'not a real calendar date'],
		['2024-04-31', 'not a real calendar date'],
		['2024-13-01', 'not a real calendar date'],
		['2024-00-10', 'not a real calendar date'],
		['2025-07-01', 'in the future'],
		['24-01-01', 'not a date in the form YYYY-MM-DD'],
		['2024/01/01', 'not a date in the form YYYY-MM-DD'],
		['01/02/2024', 'not a date in the form YYYY-MM-DD'],
		['', 'is empty']
	])('refuses %s (%s)', (text, reason) => {
		const parsed = parseDate(text, TODAY);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.message).toContain(reason);
	});
});

describe('parseDose', () => {
	it.each([
		['', null],
		['0.5', 0.5],
		['0.75', 0.75],
		['1', 1],
		['5', 5]
	])('reads %j as %j', (text, value) => {
		expect(parseDose(text)).toEqual({ ok: true, value });
	});

	it.each(['0', '5.01', '0.125', '-0.5', 'half', '0,5'])('refuses %j', (text) => {
		expect(parseDose(text).ok).toBe(false);
	});
});

describe('parseItems', () => {
	it('reads item scores in order, with a missing item as null', () => {
		expect(parseItems('1;2; 3')).toEqual({ ok: true, value: [1, 2, 3] });
		expect(parseItems('1;;3')).toEqual({ ok: true, value: [1, null, 3] });
		expect(parseItems('')).toEqual({ ok: true, value: null });
		expect(parseItems('1;x;3').ok).toBe(false);
	});
});
