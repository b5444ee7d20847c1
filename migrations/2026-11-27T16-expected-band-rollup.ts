import { sql, type Kysely } from 'kysely';

// Frozen in time. The patient page's expected-response band at 100k patients (issue 8): the
// 25th-75th percentile of % change from baseline at each induction infusion, over all of the
// clinic's courses with the patient's indication and instrument, computed with percentile_cont
// per request (about 100 ms for a large clinic). At an as-of date on or after the clinic's latest
// data every score counts, so derived_expected_band_histogram counts the induction scores with a
// baseline above 0 per (clinic, indication, instrument, infusion, score, baseline): the %
// change is a function of (score, baseline), and the percentiles follow from the counts of each
// value. An earlier as-of date still computes from the facts. Filled from the facts.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('derived_expected_band_histogram')
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('indication', 'text', (c) => c.notNull())
		.addColumn('instrument', 'text', (c) => c.notNull())
		.addColumn('ordinal', 'smallint', (c) => c.notNull())
		.addColumn('total', 'smallint', (c) => c.notNull())
		.addColumn('baseline_total', 'smallint', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('derived_expected_band_histogram_pkey', [
			'clinic_id',
			'indication',
			'instrument',
			'ordinal',
			'total',
			'baseline_total'
		])
		.execute();
	// In key order, so that one key's rows share a few pages.
	await sql`
		insert into derived_expected_band_histogram (clinic_id, indication, instrument, ordinal,
			total, baseline_total, count)
		select clinic_id, indication, instrument, ordinal, total, baseline_total, count(*)
		from derived_scores
		where phase = 'induction' and baseline_total > 0
		group by 1, 2, 3, 4, 5, 6
		order by 1, 2, 3, 4, 5, 6`.execute(db);
	await sql`analyze derived_expected_band_histogram`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('derived_expected_band_histogram').execute();
}
