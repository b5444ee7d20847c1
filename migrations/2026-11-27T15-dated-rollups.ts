import { sql, type Kysely, type RawBuilder } from 'kysely';

// Frozen in time. The trajectory and booster-gap rollups again per period, for an as-of date
// before the latest data (issue 8: 650-723 ms and 253 ms a year back at 100k patients, reading the
// facts). Each (clinic, indication) cell is kept per calendar month and per calendar year of the
// infusion date: an as-of date A reads whole years before A's year, whole months of A's year
// before A's month, and the facts from the first of A's month to A (an index on the date finds
// them). Distinct patients add up across periods because a patient is counted only in the period
// of their first row in the cell, which new flags on the fact rows mark. The two fact tables are
// put in date order (the refresh writes them so), so that one month's rows lie together.
// Filled from the facts; on an existing database of 100,000 patients this takes about a minute.

const SPANS = sql`check (span in ('year', 'month'))`;

export async function up(db: Kysely<any>): Promise<void> {
	const trajectoryKey = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
		t
			.addColumn('instrument', 'text', (c) => c.notNull())
			.addColumn('axis', 'text', (c) => c.notNull())
			.addColumn('position', 'integer', (c) => c.notNull())
			.addColumn('clinic_id', 'integer', (c) => c.notNull())
			.addColumn('indication', 'text', (c) => c.notNull())
			.addColumn('span', 'text', (c) => c.notNull().modifyEnd(SPANS))
			.addColumn('period', 'date', (c) => c.notNull());
	await trajectoryKey(db.schema.createTable('derived_trajectory_dated_cells'))
		.addColumn('patients', 'integer', (c) => c.notNull())
		.addColumn('n', 'integer', (c) => c.notNull())
		.addColumn('sum_total', 'bigint', (c) => c.notNull())
		.addColumn('sum_squares', 'bigint', (c) => c.notNull())
		.addColumn('pct_sum', 'numeric')
		.addColumn('pct_n', 'integer', (c) => c.notNull())
		.execute();
	await trajectoryKey(db.schema.createTable('derived_trajectory_dated_histogram'))
		.addColumn('total', 'smallint', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();

	const gapKey = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
		t
			.addColumn('clinic_id', 'integer', (c) => c.notNull())
			.addColumn('indication', 'text', (c) => c.notNull())
			.addColumn('ordinal', 'integer', (c) => c.notNull())
			.addColumn('span', 'text', (c) => c.notNull().modifyEnd(SPANS))
			.addColumn('period', 'date', (c) => c.notNull());
	await gapKey(db.schema.createTable('derived_booster_gap_dated_cells'))
		.addColumn('patients', 'integer', (c) => c.notNull())
		.addColumn('n', 'integer', (c) => c.notNull())
		.addColumn('sum_gap', 'bigint', (c) => c.notNull())
		.execute();
	await gapKey(db.schema.createTable('derived_booster_gap_dated_histogram'))
		.addColumn('gap', 'integer', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();

	for (const table of ['derived_trajectory_dated_cells', 'derived_trajectory_dated_histogram']) {
		await db.schema
			.createIndex(`${table}_idx`)
			.on(table)
			.columns(['instrument', 'axis', 'span', 'period'])
			.execute();
	}
	for (const table of ['derived_booster_gap_dated_cells', 'derived_booster_gap_dated_histogram']) {
		await db.schema.createIndex(`${table}_idx`).on(table).columns(['span', 'period']).execute();
	}
	// The facts of the as-of date's own month.
	await sql`create index derived_scores_date_idx on derived_scores (instrument, administered_on)`.execute(
		db
	);
	await sql`create index derived_infusions_booster_date_idx on derived_infusions (administered_on)
		where phase = 'booster'`.execute(db);

	// Each patient's first score of an instrument at a (phase, ordinal) and in a week since course
	// start, over all courses: distinct patients per cell and period are the marked rows.
	await sql`alter table derived_scores
		add column first_at_ordinal boolean not null default false,
		add column first_in_week boolean not null default false`.execute(db);
	await sql`
		update derived_scores d set first_at_ordinal = f.at_ordinal, first_in_week = f.in_week
		from (
			select infusion_id, instrument,
				row_number() over (partition by patient_id, instrument, phase, ordinal
					order by administered_on) = 1 as at_ordinal,
				row_number() over (partition by patient_id, instrument, week
					order by administered_on) = 1 as in_week
			from derived_scores
		) f
		where d.infusion_id = f.infusion_id and d.instrument = f.instrument
			and (f.at_ordinal or f.in_week)`.execute(db);
	await sql`alter table derived_scores alter column first_at_ordinal drop default,
		alter column first_in_week drop default`.execute(db);
	// Each patient's first booster j with an infusion before it (a gap j), over all courses.
	await sql`alter table derived_infusions add column first_gap boolean not null default false`.execute(
		db
	);
	await sql`
		update derived_infusions d set first_gap = true
		from (
			select infusion_id, row_number() over (partition by patient_id, ordinal
				order by administered_on) = 1 as first
			from derived_infusions where phase = 'booster' and previous_on is not null
		) f
		where d.infusion_id = f.infusion_id and f.first`.execute(db);
	await sql`alter table derived_infusions alter column first_gap drop default`.execute(db);
	// The refresh writes both tables in date order from now on; put the existing rows in that
	// order (which also drops the old row versions of the updates above).
	await sql`cluster derived_scores using derived_scores_date_idx`.execute(db);
	await sql`create index derived_infusions_date_idx on derived_infusions (administered_on)`.execute(
		db
	);
	await sql`cluster derived_infusions using derived_infusions_date_idx`.execute(db);
	await sql`drop index derived_infusions_date_idx`.execute(db);

	const axes: [
		RawBuilder<unknown>,
		RawBuilder<unknown>,
		RawBuilder<unknown>,
		RawBuilder<unknown>
	][] = [
		[sql`phase`, sql`ordinal`, sql`phase, ordinal`, sql`first_at_ordinal`],
		[sql`'week'`, sql`week`, sql`week`, sql`first_in_week`]
	];
	for (const [axis, position, grouping, first] of axes) {
		await sql`
			insert into derived_trajectory_dated_cells (instrument, axis, position, clinic_id,
				indication, span, period, patients, n, sum_total, sum_squares, pct_sum, pct_n)
			select instrument, ${axis}, ${position}, clinic_id, indication, 'month',
				date_trunc('month', administered_on)::date, count(*) filter (where ${first}),
				count(*), sum(total), sum(total * total::int),
				sum(100.0 * (total - baseline_total) / baseline_total) filter (where baseline_total > 0),
				count(*) filter (where baseline_total > 0)
			from derived_scores
			group by instrument, ${grouping}, clinic_id, indication, 7
			order by 1, 2, 7`.execute(db);
		await sql`
			insert into derived_trajectory_dated_histogram (instrument, axis, position, clinic_id,
				indication, span, period, total, count)
			select instrument, ${axis}, ${position}, clinic_id, indication, 'month',
				date_trunc('month', administered_on)::date, total, count(*)
			from derived_scores
			group by instrument, ${grouping}, clinic_id, indication, 7, total
			order by 1, 2, 7`.execute(db);
	}
	await sql`
		insert into derived_trajectory_dated_cells (instrument, axis, position, clinic_id, indication,
			span, period, patients, n, sum_total, sum_squares, pct_sum, pct_n)
		select instrument, axis, position, clinic_id, indication, 'year',
			date_trunc('year', period)::date, sum(patients), sum(n), sum(sum_total), sum(sum_squares),
			sum(pct_sum), sum(pct_n)
		from derived_trajectory_dated_cells
		group by instrument, axis, position, clinic_id, indication, 7
		order by 1, 2, 7`.execute(db);
	await sql`
		insert into derived_trajectory_dated_histogram (instrument, axis, position, clinic_id,
			indication, span, period, total, count)
		select instrument, axis, position, clinic_id, indication, 'year',
			date_trunc('year', period)::date, total, sum(count)
		from derived_trajectory_dated_histogram
		group by instrument, axis, position, clinic_id, indication, 7, total
		order by 1, 2, 7`.execute(db);

	await sql`
		insert into derived_booster_gap_dated_cells (clinic_id, indication, ordinal, span, period,
			patients, n, sum_gap)
		select clinic_id, indication, ordinal, 'month', date_trunc('month', administered_on)::date,
			count(*) filter (where first_gap), count(*), sum(administered_on - previous_on)
		from derived_infusions where phase = 'booster' and previous_on is not null
		group by clinic_id, indication, ordinal, 5
		order by 5`.execute(db);
	await sql`
		insert into derived_booster_gap_dated_histogram (clinic_id, indication, ordinal, span,
			period, gap, count)
		select clinic_id, indication, ordinal, 'month', date_trunc('month', administered_on)::date,
			administered_on - previous_on, count(*)
		from derived_infusions where phase = 'booster' and previous_on is not null
		group by clinic_id, indication, ordinal, 5, 6
		order by 5`.execute(db);
	await sql`
		insert into derived_booster_gap_dated_cells (clinic_id, indication, ordinal, span, period,
			patients, n, sum_gap)
		select clinic_id, indication, ordinal, 'year', date_trunc('year', period)::date,
			sum(patients), sum(n), sum(sum_gap)
		from derived_booster_gap_dated_cells
		group by clinic_id, indication, ordinal, 5
		order by 5`.execute(db);
	await sql`
		insert into derived_booster_gap_dated_histogram (clinic_id, indication, ordinal, span,
			period, gap, count)
		select clinic_id, indication, ordinal, 'year', date_trunc('year', period)::date, gap,
			sum(count)
		from derived_booster_gap_dated_histogram
		group by clinic_id, indication, ordinal, 5, gap
		order by 5`.execute(db);

	for (const table of [
		'derived_scores',
		'derived_infusions',
		'derived_trajectory_dated_cells',
		'derived_trajectory_dated_histogram',
		'derived_booster_gap_dated_cells',
		'derived_booster_gap_dated_histogram'
	]) {
		await sql`analyze ${sql.table(table)}`.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index derived_infusions_booster_date_idx`.execute(db);
	await sql`alter table derived_scores drop column first_at_ordinal, drop column first_in_week`.execute(
		db
	);
	await sql`alter table derived_infusions drop column first_gap`.execute(db);
	await sql`drop index derived_scores_date_idx`.execute(db);
	for (const table of [
		'derived_booster_gap_dated_histogram',
		'derived_booster_gap_dated_cells',
		'derived_trajectory_dated_histogram',
		'derived_trajectory_dated_cells'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
