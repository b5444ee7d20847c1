import { sql, type Kysely } from 'kysely';

// Frozen in time. Response and remission after induction at any as-of date (issue 8). A course's
// induction outcome no longer changes once its post-induction window has closed: on the date
// "settled on" = L + 31 days (L the last induction infusion), or the course start when it has no
// induction infusion. Rolled up per (clinic, indication, month the course settled):
// - derived_induction_cells: courses, courses with a complete induction, and first courses (one per
//   patient, so distinct patients add up across months);
// - derived_induction_histogram: per instrument, a joint histogram of (baseline, post) scores of
//   the courses with both, so that every rule (response, remission, MCID, reliable change) is
//   applied by the query and stays in one place (src/lib/server/queries/outcome-rules-sql.ts).
// A query at as-of date A sums the months before A's month and computes the courses settling from
// A's month on from the facts; the index below finds those. Filled from the facts.

export async function up(db: Kysely<any>): Promise<void> {
	const key = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
		t
			.addColumn('clinic_id', 'integer', (c) => c.notNull())
			.addColumn('indication', 'text', (c) => c.notNull())
			.addColumn('settled_month', 'date', (c) => c.notNull());
	await key(db.schema.createTable('derived_induction_cells'))
		.addColumn('courses', 'integer', (c) => c.notNull())
		.addColumn('completed', 'integer', (c) => c.notNull())
		.addColumn('first_courses', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('derived_induction_cells_pkey', [
			'clinic_id',
			'indication',
			'settled_month'
		])
		.execute();
	await key(db.schema.createTable('derived_induction_histogram'))
		.addColumn('instrument', 'text', (c) => c.notNull())
		.addColumn('baseline_total', 'smallint', (c) => c.notNull())
		.addColumn('post_total', 'smallint', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('derived_induction_histogram_idx')
		.on('derived_induction_histogram')
		.columns(['instrument', 'clinic_id', 'indication', 'settled_month'])
		.execute();
	// The literal 31 must stay a literal in the queries too, or the planner cannot use the index.
	await sql`create index derived_courses_settled_idx on derived_courses
		((coalesce(last_induction_on + 31, course_start)))`.execute(db);

	await sql`
		insert into derived_induction_cells (clinic_id, indication, settled_month, courses, completed,
			first_courses)
		select clinic_id, indication,
			date_trunc('month', coalesce(last_induction_on + 31, course_start))::date,
			count(*), count(*) filter (where completed_on is not null),
			count(*) filter (where course_index = 1)
		from derived_courses group by 1, 2, 3`.execute(db);
	await sql`
		insert into derived_induction_histogram (clinic_id, indication, settled_month, instrument,
			baseline_total, post_total, count)
		select c.clinic_id, c.indication,
			date_trunc('month', coalesce(c.last_induction_on + 31, c.course_start))::date,
			s.instrument, s.baseline_total, s.post_total, count(*)
		from derived_courses c join derived_course_scores s
			on s.patient_id = c.patient_id and s.course_index = c.course_index
		where c.completed_on is not null and s.baseline_total is not null
			and s.post_total is not null
		group by 1, 2, 3, 4, 5, 6`.execute(db);
	for (const table of [
		'derived_induction_cells',
		'derived_induction_histogram',
		'derived_courses'
	]) {
		await sql`analyze ${sql.table(table)}`.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index derived_courses_settled_idx`.execute(db);
	await db.schema.dropTable('derived_induction_histogram').execute();
	await db.schema.dropTable('derived_induction_cells').execute();
}
