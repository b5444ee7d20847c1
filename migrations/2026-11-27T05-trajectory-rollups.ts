import { sql, type Kysely } from 'kysely';

// Frozen in time. Per-cell rollups of derived_scores for the trajectory at the default as-of date
// (issue 8): one row per (instrument, axis, position, cohort key) with the sums that reproduce
// avg/stddev_samp exactly, and one row per (..., score) with its count, from which medians and
// quartiles come out exactly (scores are small integers). The cohort key (clinic, clinician,
// indication, age band) is a patient attribute, so distinct patients add up across cells.
// Filled here from the existing facts so that an existing database answers correctly at once.

export async function up(db: Kysely<any>): Promise<void> {
	const cellKey = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
		t
			.addColumn('instrument', 'text', (c) => c.notNull())
			// 'induction' | 'booster' (position = phase ordinal) or 'week' (position = week).
			.addColumn('axis', 'text', (c) => c.notNull())
			.addColumn('position', 'integer', (c) => c.notNull())
			.addColumn('clinic_id', 'integer', (c) => c.notNull())
			.addColumn('clinician_id', 'integer')
			.addColumn('indication', 'text', (c) => c.notNull())
			.addColumn('age_band', 'text', (c) => c.notNull());

	await cellKey(db.schema.createTable('derived_trajectory_cells'))
		.addColumn('patients', 'integer', (c) => c.notNull())
		.addColumn('n', 'integer', (c) => c.notNull())
		.addColumn('sum_total', 'bigint', (c) => c.notNull())
		.addColumn('sum_squares', 'bigint', (c) => c.notNull())
		// Unconstrained numeric: keeps each term's scale, so avg() over the cells is digit-exact.
		.addColumn('pct_sum', 'numeric')
		.addColumn('pct_n', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('derived_trajectory_cells_idx')
		.on('derived_trajectory_cells')
		.columns(['instrument', 'axis', 'clinic_id', 'indication'])
		.execute();

	await cellKey(db.schema.createTable('derived_trajectory_histogram'))
		.addColumn('total', 'smallint', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('derived_trajectory_histogram_idx')
		.on('derived_trajectory_histogram')
		.columns(['instrument', 'axis', 'clinic_id', 'indication'])
		.execute();

	// The phase axis groups by (phase, ordinal); the week axis by week, whatever the phase.
	for (const [axis, position, grouping] of [
		[sql`phase`, sql`ordinal`, sql`phase, ordinal`],
		[sql`'week'`, sql`week`, sql`week`]
	]) {
		await sql`
			insert into derived_trajectory_cells (instrument, axis, position, clinic_id, clinician_id,
				indication, age_band, patients, n, sum_total, sum_squares, pct_sum, pct_n)
			select instrument, ${axis}, ${position}, clinic_id, clinician_id, indication, age_band,
				count(distinct patient_id), count(*), sum(total), sum(total * total::int),
				sum(100.0 * (total - baseline_total) / baseline_total) filter (where baseline_total > 0),
				count(*) filter (where baseline_total > 0)
			from derived_scores
			group by instrument, ${grouping}, clinic_id, clinician_id, indication, age_band`.execute(db);
		await sql`
			insert into derived_trajectory_histogram (instrument, axis, position, clinic_id,
				clinician_id, indication, age_band, total, count)
			select instrument, ${axis}, ${position}, clinic_id, clinician_id, indication, age_band,
				total, count(*)
			from derived_scores
			group by instrument, ${grouping}, clinic_id, clinician_id, indication, age_band, total`.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('derived_trajectory_histogram').execute();
	await db.schema.dropTable('derived_trajectory_cells').execute();
}
