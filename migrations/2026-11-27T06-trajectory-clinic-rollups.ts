import { sql, type Kysely } from 'kysely';

// Frozen in time. The trajectory rollups again at a coarser key (clinic, indication): the fine
// key multiplies the cells by clinicians and age bands, so summing them for a whole network read
// about half as many rows as the facts themselves (749k histogram rows at 100k patients). Views
// without a clinician or age-band filter or grouping read these instead. Filled from the facts.

export async function up(db: Kysely<any>): Promise<void> {
	const cellKey = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
		t
			.addColumn('instrument', 'text', (c) => c.notNull())
			.addColumn('axis', 'text', (c) => c.notNull())
			.addColumn('position', 'integer', (c) => c.notNull())
			.addColumn('clinic_id', 'integer', (c) => c.notNull())
			.addColumn('indication', 'text', (c) => c.notNull());

	await cellKey(db.schema.createTable('derived_trajectory_clinic_cells'))
		.addColumn('patients', 'integer', (c) => c.notNull())
		.addColumn('n', 'integer', (c) => c.notNull())
		.addColumn('sum_total', 'bigint', (c) => c.notNull())
		.addColumn('sum_squares', 'bigint', (c) => c.notNull())
		.addColumn('pct_sum', 'numeric')
		.addColumn('pct_n', 'integer', (c) => c.notNull())
		.execute();
	await cellKey(db.schema.createTable('derived_trajectory_clinic_histogram'))
		.addColumn('total', 'smallint', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();
	for (const table of ['derived_trajectory_clinic_cells', 'derived_trajectory_clinic_histogram']) {
		await db.schema
			.createIndex(`${table}_idx`)
			.on(table)
			.columns(['instrument', 'axis', 'clinic_id', 'indication'])
			.execute();
	}

	for (const [axis, position, grouping] of [
		[sql`phase`, sql`ordinal`, sql`phase, ordinal`],
		[sql`'week'`, sql`week`, sql`week`]
	]) {
		await sql`
			insert into derived_trajectory_clinic_cells (instrument, axis, position, clinic_id,
				indication, patients, n, sum_total, sum_squares, pct_sum, pct_n)
			select instrument, ${axis}, ${position}, clinic_id, indication,
				count(distinct patient_id), count(*), sum(total), sum(total * total::int),
				sum(100.0 * (total - baseline_total) / baseline_total) filter (where baseline_total > 0),
				count(*) filter (where baseline_total > 0)
			from derived_scores
			group by instrument, ${grouping}, clinic_id, indication`.execute(db);
		await sql`
			insert into derived_trajectory_clinic_histogram (instrument, axis, position, clinic_id,
				indication, total, count)
			select instrument, ${axis}, ${position}, clinic_id, indication, total, count(*)
			from derived_scores
			group by instrument, ${grouping}, clinic_id, indication, total`.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('derived_trajectory_clinic_histogram').execute();
	await db.schema.dropTable('derived_trajectory_clinic_cells').execute();
}
