import { sql, type RawBuilder } from 'kysely';

// avg and stddev_samp as PostgreSQL computes them for integers, from n, the sum and the sum of
// squares, so that rollups (which store sums) give the same digits as the aggregates over rows:
// avg is sum / n in numeric; stddev_samp is sqrt((n sum(x^2) - sum(x)^2) / (n (n - 1))) in
// numeric, 0 when the numerator is not positive (the square root keeps the division's scale for
// variances below 10,000, which every instrument's range and booster count guarantees).

export function meanFromSums(n: RawBuilder<unknown>, sum: RawBuilder<unknown>): RawBuilder<number> {
	return sql<number>`case when ${n} > 0 then ${sum}::numeric / ${n}::numeric end`;
}

export function sdFromSums(
	n: RawBuilder<unknown>,
	sum: RawBuilder<unknown>,
	squares: RawBuilder<unknown>
): RawBuilder<number> {
	const count = sql`${n}::numeric`;
	const s = sql`${sum}::numeric`;
	const numerator = sql`(${count} * ${squares}::numeric - ${s} * ${s})`;
	return sql<number>`case when ${n} is null or ${n} < 2 then null
		when ${numerator} <= 0 then 0::numeric
		else sqrt(${numerator} / (${count} * (${count} - 1))) end`;
}
