import { sql, type Kysely } from 'kysely';

// Frozen in time. The per-period expected-band histogram (…T22-expected-band-dated) keyed by the
// % change itself instead of (score, baseline) (issue 8: the worklist and the patient page a year
// back). Every read turned each row's (score, baseline) into the % change in numeric arithmetic
// and then merged the rows with equal % change (20 -> 10 and 16 -> 8 are both -50 %); storing the
// float8 value percentile_cont sees (the numeric % change cast to float8) does both once, at the
// refresh, and leaves about a third fewer rows to read. Rebuilt from the table it replaces.

const pct = sql`(100.0 * (total - baseline_total) / baseline_total)::float8`;

async function createTable(db: Kysely<any>, name: string, key: 'pct' | 'scores'): Promise<void> {
	let table = db.schema
		.createTable(name)
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('indication', 'text', (c) => c.notNull())
		.addColumn('instrument', 'text', (c) => c.notNull())
		.addColumn('ordinal', 'smallint', (c) => c.notNull());
	table =
		key === 'pct'
			? table.addColumn('pct', 'float8', (c) => c.notNull())
			: table
					.addColumn('total', 'smallint', (c) => c.notNull())
					.addColumn('baseline_total', 'smallint', (c) => c.notNull());
	await table
		.addColumn('span', 'text', (c) => c.notNull().check(sql`span in ('year', 'month')`))
		.addColumn('period', 'date', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();
}

/** The band reads one clinic, indication and instrument; the flags one clinic's infusions. */
async function createIndexes(db: Kysely<any>): Promise<void> {
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
}

export async function up(db: Kysely<any>): Promise<void> {
	await createTable(db, 'derived_expected_band_dated_pct', 'pct');
	// In cell and period order, so that the band's rows of one cell share a few pages.
	await sql`
		insert into derived_expected_band_dated_pct (clinic_id, indication, instrument, ordinal, pct,
			span, period, count)
		select clinic_id, indication, instrument, ordinal, ${pct}, span, period, sum(count)
		from derived_expected_band_dated
		group by 1, 2, 3, 4, 5, 6, 7
		order by 1, 2, 3, 6, 7`.execute(db);
	await db.schema.dropTable('derived_expected_band_dated').execute();
	await sql`alter table derived_expected_band_dated_pct
		rename to derived_expected_band_dated`.execute(db);
	await createIndexes(db);
	await sql`analyze derived_expected_band_dated`.execute(db);
}

/** Back to (score, baseline) keys, counted again from the facts as …T22 did. */
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('derived_expected_band_dated').execute();
	await createTable(db, 'derived_expected_band_dated', 'scores');
	await createIndexes(db);
	await sql`
		insert into derived_expected_band_dated (clinic_id, indication, instrument, ordinal, total,
			baseline_total, span, period, count)
		select clinic_id, indication, instrument, ordinal, total, baseline_total, 'month',
			date_trunc('month', administered_on)::date, count(*)
		from derived_scores
		where phase = 'induction' and baseline_total > 0
		group by 1, 2, 3, 4, 5, 6, 8`.execute(db);
	await sql`
		insert into derived_expected_band_dated (clinic_id, indication, instrument, ordinal, total,
			baseline_total, span, period, count)
		select clinic_id, indication, instrument, ordinal, total, baseline_total, 'year',
			date_trunc('year', period)::date, sum(count)
		from derived_expected_band_dated
		group by 1, 2, 3, 4, 5, 6, 8`.execute(db);
}
