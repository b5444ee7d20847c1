import { sql, type RawBuilder } from 'kysely';

// How an as-of date is read from the per-period rollups (derived/dated-rollups.ts,
// derived/expected-band-rollup.ts): whole years before the as-of year and whole months of that
// year before the as-of month from the rollup rows, then the facts of the as-of month up to the
// as-of date itself.

export interface Periods {
	yearStart: string;
	monthStart: string;
	asOf: string;
}

export function periodsOf(asOf: string): Periods {
	return { yearStart: `${asOf.slice(0, 4)}-01-01`, monthStart: `${asOf.slice(0, 7)}-01`, asOf };
}

/** Rollup rows (span, period; on alias `t`, or none) of the whole periods before the as-of month. */
export function settledPeriods(
	{ yearStart, monthStart }: Periods,
	t?: string
): RawBuilder<unknown> {
	const col = (name: string) => sql.ref(t ? `${t}.${name}` : name);
	return sql`((${col('span')} = 'year' and ${col('period')} < ${yearStart}::date)
		or (${col('span')} = 'month' and ${col('period')} >= ${yearStart}::date
			and ${col('period')} < ${monthStart}::date))`;
}

/** Facts whose date column (e.g. `d.administered_on`) lies in the as-of month up to the as-of date. */
export function inAsOfMonth({ monthStart, asOf }: Periods, date: string): RawBuilder<unknown> {
	return sql`${sql.ref(date)} >= ${monthStart}::date and ${sql.ref(date)} <= ${asOf}::date`;
}
