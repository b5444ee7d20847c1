import { sql, type Kysely } from 'kysely';

// Frozen in time. Booster activity in 90-day periods after induction (issue 8). Whether a course
// takes part in period p at as-of date A depends on A only through L + 90p <= A (L the last
// induction infusion), and what it contributes then (boosters in the period, ended by its last
// day) is fixed. So:
// - derived_course_periods holds one row per course with a complete induction and period 1-8,
//   with the date it starts counting (eligible_on = L + 90p) and its contribution; first_complete
//   marks the patient's first course with a complete induction, which counts the patient once;
// - derived_booster_activity_cells sums them per (clinic, indication, period, month of
//   eligible_on). A query sums the months before A's month and reads the rest from the rows,
//   which are written in eligible_on order so that a month's rows lie together.
// Filled from the facts.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('derived_course_periods')
		.addColumn('patient_id', 'integer', (c) => c.notNull())
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('clinician_id', 'integer')
		.addColumn('indication', 'text', (c) => c.notNull())
		.addColumn('age_band', 'text', (c) => c.notNull())
		.addColumn('course_index', 'smallint', (c) => c.notNull())
		.addColumn('course_start', 'date', (c) => c.notNull())
		.addColumn('period', 'smallint', (c) => c.notNull())
		.addColumn('eligible_on', 'date', (c) => c.notNull())
		.addColumn('boosters', 'integer', (c) => c.notNull())
		.addColumn('ended', 'boolean', (c) => c.notNull())
		.addColumn('first_complete', 'boolean', (c) => c.notNull())
		.addPrimaryKeyConstraint('derived_course_periods_pkey', [
			'patient_id',
			'course_index',
			'period'
		])
		.execute();
	await db.schema
		.createIndex('derived_course_periods_eligible_idx')
		.on('derived_course_periods')
		.columns(['eligible_on'])
		.execute();
	// The rare courses whose last induction infusion is after the as-of date are found by it.
	await db.schema
		.createIndex('derived_courses_last_induction_idx')
		.on('derived_courses')
		.columns(['last_induction_on'])
		.execute();
	await db.schema
		.createTable('derived_booster_activity_cells')
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('indication', 'text', (c) => c.notNull())
		.addColumn('period', 'smallint', (c) => c.notNull())
		.addColumn('eligible_month', 'date', (c) => c.notNull())
		.addColumn('courses', 'integer', (c) => c.notNull())
		.addColumn('first_courses', 'integer', (c) => c.notNull())
		.addColumn('with_booster', 'integer', (c) => c.notNull())
		.addColumn('boosters', 'bigint', (c) => c.notNull())
		.addColumn('sum_squares', 'bigint', (c) => c.notNull())
		.addColumn('ended', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('derived_booster_activity_cells_pkey', [
			'clinic_id',
			'indication',
			'period',
			'eligible_month'
		])
		.execute();

	await sql`
		insert into derived_course_periods (patient_id, clinic_id, clinician_id, indication, age_band,
			course_index, course_start, period, eligible_on, boosters, ended, first_complete)
		with complete as (
			select c.*, row_number() over (partition by c.patient_id order by c.course_index) = 1
				as first_complete
			from derived_courses c where c.completed_on is not null
		), counted as (
			select x.patient_id, x.course_index,
				(x.administered_on - c.last_induction_on - 1) / 90 + 1 as period, count(*) as boosters
			from derived_infusions x join complete c
				on c.patient_id = x.patient_id and c.course_index = x.course_index
			where x.phase = 'booster' and x.administered_on > c.last_induction_on
				and x.administered_on <= c.last_induction_on + 90 * 8
			group by 1, 2, 3
		)
		select c.patient_id, c.clinic_id, c.clinician_id, c.indication, c.age_band, c.course_index,
			c.course_start, p.period, c.last_induction_on + 90 * p.period,
			coalesce(n.boosters, 0),
			coalesce(c.discharged_on <= c.last_induction_on + 90 * p.period
				or c.next_course_start <= c.last_induction_on + 90 * p.period, false),
			c.first_complete
		from complete c cross join generate_series(1, 8) as p(period)
		left join counted n on n.patient_id = c.patient_id and n.course_index = c.course_index
			and n.period = p.period
		order by 9`.execute(db);
	await sql`
		insert into derived_booster_activity_cells (clinic_id, indication, period, eligible_month,
			courses, first_courses, with_booster, boosters, sum_squares, ended)
		select clinic_id, indication, period, date_trunc('month', eligible_on)::date, count(*),
			count(*) filter (where first_complete), count(*) filter (where boosters > 0),
			sum(boosters), sum(boosters::bigint * boosters), count(*) filter (where ended)
		from derived_course_periods group by 1, 2, 3, 4`.execute(db);
	for (const table of ['derived_course_periods', 'derived_booster_activity_cells']) {
		await sql`analyze ${sql.table(table)}`.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('derived_booster_activity_cells').execute();
	await db.schema.dropIndex('derived_courses_last_induction_idx').execute();
	await db.schema.dropTable('derived_course_periods').execute();
}
