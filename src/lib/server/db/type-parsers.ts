// Both drivers must hand back the same JavaScript types, whatever the server's time zone.
// OIDs are PostgreSQL's built-in type ids.
export const OID = {
	INT8: 20,
	NUMERIC: 1700,
	DATE: 1082,
	FLOAT8: 701,
	INT8_ARRAY: 1016,
	NUMERIC_ARRAY: 1231,
	DATE_ARRAY: 1182
} as const;

/** int8 and numeric as numbers; a non-finite value (NaN, Infinity) becomes null, never 0. */
export function parseNumber(text: string | null): number | null {
	if (text === null) return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

/** A date stays the calendar date it names: no Date object, so no local-midnight shifts. */
export function parseDate(text: string | null): string | null {
	return text;
}
