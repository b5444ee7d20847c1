import { sql, type Kysely } from 'kysely';

// Frozen in time. The expected-response band and the "not on track" percentiles at an earlier
// as-of date (issue 8: the patient page as of a year back took 195 ms at 100k patients, all of it
// percentile_cont over the clinic's induction scores up to that date). The band histogram again,
// per calendar month and per calendar year of the infusion date: an as-of date A sums whole years
// before A's year, whole months of A's year before A's month, and the facts of A's month up to A,
// like the trajectory's per-period rollups. Filled from the facts.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('derived_expected_band_dated')
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('indication', 'text', (c) => c.notNull())
		.addColumn('instrument', 'text', (c) => c.notNull())
		.addColumn('ordinal', 'smallint', (c) => c.notNull())
		.addColumn('total', 'smallint', (c) => c.notNull())
		.addColumn('baseline_total', 'smallint', (c) => c.notNull())
		.addColumn('span', 'text', (c) => c.notNull().check(sql`span in ('year', 'month')`))
		.addColumn('period', 'date', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();
	// The band reads one clinic, indication and instrument; the "not on track" flag one clinic's
	// on-track infusions.
	await db.schema
		.createIndex('derived_expected_band_dated_band_idx')
		.on('derived_expected_band_dated')
		.columns(['clinic_id', 'indication', 'instrument', 'span', 'period'])
		.execute();
	await db.schema
		.createIndex('derived_expected_band_dated_ordinal_idx')
		.on('derived_expected_band_dated')
		.columns(['clinic_id', 'ordinal', 'span', 'period'])
		.execute();
	await sql`
		insert into derived_expected_band_dated (clinic_id, indication, instrument, ordinal, total,
			baseline_total, span, period, count)
		select clinic_id, indication, instrument, ordinal, total, baseline_total, 'month',
			date_trunc('month', administered_on)::date, count(*)
		from derived_scores
		where phase = 'induction' and baseline_total > 0
		group by 1, 2, 3, 4, 5, 6, 8
		order by 1, 8`.execute(db);
	await sql`
		insert into derived_expected_band_dated (clinic_id, indication, instrument, ordinal, total,
			baseline_total, span, period, count)
		select clinic_id, indication, instrument, ordinal, total, baseline_total, 'year',
			date_trunc('year', period)::date, sum(count)
		from derived_expected_band_dated
		group by 1, 2, 3, 4, 5, 6, 8
		order by 1, 8`.execute(db);
	await sql`analyze derived_expected_band_dated`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('derived_expected_band_dated').execute();
}
