import { sql, type RawBuilder } from 'kysely';

// How an as-of date is read from the per-period rollups (derived/dated-rollups.ts,
// derived/expected-band-rollup.ts): whole years and whole months up to the as-of date from the
// rollup rows, then the facts of the as-of month up to the as-of date itself. "Whole" is judged
// from the day after the as-of date, so that an as-of date on the last day of a month (a month-,
// quarter- or year-end report) reads that month (and year) from the rollups and no facts at all.

export interface Periods {
	/** The first day of the year, and of the month, of the day after the as-of date. */
	yearStart: string;
	monthStart: string;
	asOf: string;
}

export function periodsOf(asOf: string): Periods {
	const next = new Date(Date.parse(`${asOf}T00:00:00Z`) + 86_400_000);
	// 9999-12-31 (the stored worklist's "after all data") has no day after it in ISO form: its own
	// month is read from the facts, which hold nothing then.
	const day = next.getUTCFullYear() > 9999 ? asOf : next.toISOString().slice(0, 10);
	return { yearStart: `${day.slice(0, 4)}-01-01`, monthStart: `${day.slice(0, 7)}-01`, asOf };
}

/** Rollup rows (span, period; on alias `t`, or none) of the whole periods before monthStart. */
export function settledPeriods(
	{ yearStart, monthStart }: Periods,
	t?: string
): RawBuilder<unknown> {
	const col = (name: string) => sql.ref(t ? `${t}.${name}` : name);
	return sql`((${col('span')} = 'year' and ${col('period')} < ${yearStart}::date)
		or (${col('span')} = 'month' and ${col('period')} >= ${yearStart}::date
			and ${col('period')} < ${monthStart}::date))`;
}

/**
 * Facts whose date column (e.g. `d.administered_on`) lies from monthStart to the as-of date: the
 * as-of month's, none when the as-of date ends its month.
 */
export function inAsOfMonth({ monthStart, asOf }: Periods, date: string): RawBuilder<unknown> {
	return sql`${sql.ref(date)} >= ${monthStart}::date and ${sql.ref(date)} <= ${asOf}::date`;
}

/**
 * The first day of the month (or year) of a date expression, by date_trunc over timestamp: the
 * same day as date_trunc(date), which resolves to timestamptz and converts a time zone per row
 * (1.5 M rows at 100k patients: 375 -> 250 ms). The rollups group millions of rows by it.
 */
export const monthOf = (date: RawBuilder<unknown>): RawBuilder<unknown> =>
	sql`date_trunc('month', (${date})::timestamp)::date`;
export const yearOf = (date: RawBuilder<unknown>): RawBuilder<unknown> =>
	sql`date_trunc('year', (${date})::timestamp)::date`;
