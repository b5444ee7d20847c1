// Field parsers for one CSV cell. Each returns the value, or a message in plain words for a
// clinic's data manager (the caller adds the file, line and column).

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

const shown = (text: string) => (text.length > 40 ? `"${text.slice(0, 40)}..."` : `"${text}"`);

export function parseRequired(text: string): Parsed<string> {
	return text === '' ? fail('is empty, but a value is required') : ok(text);
}

/** A real calendar date, YYYY-MM-DD, not after `today` (also YYYY-MM-DD, so strings compare). */
export function parseDate(text: string, today: string): Parsed<string> {
	if (text === '') return fail('is empty, but a date is required');
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
		return fail(`${shown(text)} is not a date in the form YYYY-MM-DD (for example 2024-03-15)`);
	}
	// Digits by character code: no arrays per date (millions of rows are checked).
	const y = digits(text, 0, 4);
	const m = digits(text, 5, 7);
	const d = digits(text, 8, 10);
	if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
		return fail(`${text} is not a real calendar date`);
	}
	if (y < 1900) return fail(`${text} is too far in the past to be a treatment date`);
	if (text > today) return fail(`${text} is in the future (today is ${today})`);
	return ok(text);
}

/** The number written by the digits text[from, to) (already checked to be digits). */
function digits(text: string, from: number, to: number): number {
	let value = 0;
	for (let i = from; i < to; i++) value = value * 10 + (text.charCodeAt(i) - 48);
	return value;
}

// Computed by hand (no Date object): millions of rows are checked, and a Date would bring the
// host's time zone into a calendar-date question.
function daysInMonth(year: number, month: number): number {
	if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function parseEnum<T extends string>(
	text: string,
	allowed: readonly T[],
	what: string
): Parsed<T> {
	if (text === '') return fail(`is empty; the ${what} must be one of ${allowed.join(', ')}`);
	return (allowed as readonly string[]).includes(text)
		? ok(text as T)
		: fail(`${shown(text)} is not a known ${what}; use one of ${allowed.join(', ')}`);
}

export function parseCode(text: string, pattern: RegExp, rule: string): Parsed<string> {
	if (text === '') return fail('is empty, but a value is required');
	return pattern.test(text) ? ok(text) : fail(`${shown(text)} is not valid: ${rule}`);
}

export function parseInteger(text: string): Parsed<number> {
	if (text === '') return fail('is empty, but a whole number is required');
	return /^-?\d{1,6}$/.test(text) ? ok(Number(text)) : fail(`${shown(text)} is not a whole number`);
}

/** Dose in mg/kg: empty means unknown; otherwise above 0, at most 5, two decimals at most. */
export function parseDose(text: string): Parsed<number | null> {
	if (text === '') return ok(null);
	if (!/^\d{1,2}(\.\d+)?$/.test(text)) return fail(`${shown(text)} is not a number such as 0.5`);
	if (/\.\d{3,}$/.test(text)) {
		return fail(`${text} has more than two decimal places (the dose is stored as e.g. 0.75)`);
	}
	const dose = Number(text);
	if (dose <= 0 || dose > 5)
		return fail(`${text} mg/kg is outside the plausible range (above 0, at most 5)`);
	return ok(dose);
}

/** Item scores separated by ';' in item order; an empty position is a missing item (null). */
export function parseItems(text: string): Parsed<(number | null)[] | null> {
	if (text === '') return ok(null);
	const items: (number | null)[] = [];
	for (const [position, part] of text.split(';').entries()) {
		const value = part.trim();
		if (value === '') items.push(null);
		else if (/^-?\d{1,3}$/.test(value)) items.push(Number(value));
		else return fail(`item ${position + 1} (${shown(value)}) is not a whole number`);
	}
	return ok(items);
}
