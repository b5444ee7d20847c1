import { sql, type Kysely } from 'kysely';

// Frozen in time. Booster gaps by index at the default as-of date (issue 8), rolled up per
// (clinic, indication, booster ordinal): distinct patients, n and the sum of the gaps (avg is
// numeric sum / count), and a histogram of the gaps in whole days for exact quartiles. Filled
// from the facts so that an existing database answers correctly at once.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('derived_booster_gap_cells')
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('indication', 'text', (c) => c.notNull())
		.addColumn('ordinal', 'integer', (c) => c.notNull())
		.addColumn('patients', 'integer', (c) => c.notNull())
		.addColumn('n', 'integer', (c) => c.notNull())
		.addColumn('sum_gap', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('derived_booster_gap_cells_pkey', [
			'clinic_id',
			'indication',
			'ordinal'
		])
		.execute();
	await db.schema
		.createTable('derived_booster_gap_histogram')
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('indication', 'text', (c) => c.notNull())
		.addColumn('ordinal', 'integer', (c) => c.notNull())
		.addColumn('gap', 'integer', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('derived_booster_gap_histogram_pkey', [
			'clinic_id',
			'indication',
			'ordinal',
			'gap'
		])
		.execute();
	await sql`
		insert into derived_booster_gap_cells (clinic_id, indication, ordinal, patients, n, sum_gap)
		select clinic_id, indication, ordinal, count(distinct patient_id), count(*),
			sum(administered_on - previous_on)
		from derived_infusions where phase = 'booster' and previous_on is not null
		group by clinic_id, indication, ordinal`.execute(db);
	await sql`
		insert into derived_booster_gap_histogram (clinic_id, indication, ordinal, gap, count)
		select clinic_id, indication, ordinal, administered_on - previous_on, count(*)
		from derived_infusions where phase = 'booster' and previous_on is not null
		group by clinic_id, indication, ordinal, administered_on - previous_on`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('derived_booster_gap_histogram').execute();
	await db.schema.dropTable('derived_booster_gap_cells').execute();
}
