import { sql, type Kysely } from 'kysely';

// Frozen in time. Kaplan-Meier time to booster j at 100k patients (issue 8). A subject's time and
// event are final once it settles: at its event, or at its censoring bound (discharge, next
// course), not before its start. derived_survival_cells counts settled subjects per (clinic,
// indication, gap j, month settled, time, event), with first_subjects counting each patient once
// (their first course that is a subject). A query at as-of date A sums the months before A's and
// reads the other subjects (settling later, or never) from the facts; the indexes find those.
// Filled from the facts.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('derived_survival_cells')
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('indication', 'text', (c) => c.notNull())
		.addColumn('gap', 'integer', (c) => c.notNull())
		.addColumn('settled_month', 'date', (c) => c.notNull())
		.addColumn('time', 'integer', (c) => c.notNull())
		.addColumn('event', 'boolean', (c) => c.notNull())
		.addColumn('subjects', 'integer', (c) => c.notNull())
		.addColumn('first_subjects', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('derived_survival_cells_pkey', [
			'gap',
			'clinic_id',
			'indication',
			'settled_month',
			'time',
			'event'
		])
		.execute();
	// The settling dates, null for a subject that never settles (greatest() ignores nulls).
	const firstGapEnd = sql`coalesce(first_booster_on, least(discharged_on, next_course_start))`;
	const firstGapSettled = sql`(case when ${firstGapEnd} is not null
		then greatest(last_induction_on, ${firstGapEnd}) end)`;
	const laterGapEnd = sql`coalesce(next_on, censor_bound)`;
	const laterGapSettled = sql`(case when ${laterGapEnd} is not null
		then greatest(start_on, ${laterGapEnd}) end)`;
	await sql`create index derived_courses_first_gap_settled_idx on derived_courses
		((${firstGapSettled})) where completed_on is not null`.execute(db);
	await sql`create index derived_booster_intervals_settled_idx on derived_booster_intervals
		(ordinal, (${laterGapSettled}))`.execute(db);
	await sql`
		insert into derived_survival_cells (clinic_id, indication, gap, settled_month, time, event,
			subjects, first_subjects)
		with subjects as (
			select c.clinic_id, c.indication, 1 as gap, ${firstGapSettled} as settled_on,
				greatest(0, coalesce(c.first_booster_on, least(c.discharged_on, c.next_course_start))
					- c.last_induction_on) as time,
				c.first_booster_on is not null as event,
				row_number() over (partition by c.patient_id order by c.course_index) = 1 as first
			from derived_courses c where c.completed_on is not null
			union all
			select f.clinic_id, f.indication, f.ordinal + 1, ${laterGapSettled},
				greatest(0, coalesce(f.next_on, f.censor_bound) - f.start_on),
				f.next_on is not null,
				row_number() over (partition by f.patient_id, f.ordinal order by f.course_index) = 1
			from derived_booster_intervals f
		)
		select clinic_id, indication, gap, date_trunc('month', settled_on)::date, time, event,
			count(*), count(*) filter (where first)
		from subjects where settled_on is not null
		group by 1, 2, 3, 4, 5, 6`.execute(db);
	for (const table of ['derived_survival_cells', 'derived_courses', 'derived_booster_intervals']) {
		await sql`analyze ${sql.table(table)}`.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index derived_booster_intervals_settled_idx`.execute(db);
	await sql`drop index derived_courses_first_gap_settled_idx`.execute(db);
	await db.schema.dropTable('derived_survival_cells').execute();
}
