import type { Kysely } from 'kysely';

// Frozen in time. Derived fact tables for the aggregates (issue 8): recomputed from the raw
// tables for the patients an import touched, inside the import's transaction, and rebuilt fully by
// `npm run db:rebuild-derived`. The raw tables stay the truth; these hold nothing that cannot be
// recomputed. Every fact here is independent of the as-of date (the queries apply it), and cohort
// columns are copied in so that an aggregate reads a single table.

export async function up(db: Kysely<any>): Promise<void> {
	const cohortColumns = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
		t
			.addColumn('patient_id', 'integer', (c) => c.notNull())
			.addColumn('clinic_id', 'integer', (c) => c.notNull())
			.addColumn('clinician_id', 'integer')
			.addColumn('indication', 'text', (c) => c.notNull())
			.addColumn('age_band', 'text', (c) => c.notNull())
			.addColumn('course_index', 'smallint', (c) => c.notNull())
			.addColumn('course_start', 'date', (c) => c.notNull());

	// One row per infusion: its course, phase ordinal and the patient's previous infusion date.
	await cohortColumns(db.schema.createTable('derived_infusions'))
		.addColumn('infusion_id', 'bigint', (c) => c.primaryKey())
		.addColumn('phase', 'text', (c) => c.notNull())
		.addColumn('ordinal', 'smallint', (c) => c.notNull())
		.addColumn('administered_on', 'date', (c) => c.notNull())
		.addColumn('previous_on', 'date')
		.execute();
	await db.schema
		.createIndex('derived_infusions_patient_idx')
		.on('derived_infusions')
		.columns(['patient_id', 'course_index', 'administered_on'])
		.execute();
	await db.schema
		.createIndex('derived_infusions_booster_idx')
		.on('derived_infusions')
		.columns(['phase', 'ordinal', 'clinic_id'])
		.execute();

	// One row per (infusion, instrument) that has a pre-infusion score, with the course baseline.
	await cohortColumns(db.schema.createTable('derived_scores'))
		.addColumn('infusion_id', 'bigint', (c) => c.notNull())
		.addColumn('instrument', 'text', (c) => c.notNull())
		.addColumn('phase', 'text', (c) => c.notNull())
		.addColumn('ordinal', 'smallint', (c) => c.notNull())
		.addColumn('week', 'integer', (c) => c.notNull())
		.addColumn('administered_on', 'date', (c) => c.notNull())
		.addColumn('assessed_on', 'date', (c) => c.notNull())
		.addColumn('total', 'smallint', (c) => c.notNull())
		.addColumn('baseline_total', 'smallint')
		.addPrimaryKeyConstraint('derived_scores_pkey', ['infusion_id', 'instrument'])
		.execute();
	await db.schema
		.createIndex('derived_scores_cohort_idx')
		.on('derived_scores')
		.columns(['instrument', 'clinic_id', 'indication'])
		.execute();
	await db.schema
		.createIndex('derived_scores_patient_idx')
		.on('derived_scores')
		.columns(['patient_id'])
		.execute();

	// One row per course, with the dates each outcome turns on (so any as-of date can be applied).
	await cohortColumns(db.schema.createTable('derived_courses'))
		.addColumn('induction_target', 'smallint', (c) => c.notNull())
		.addColumn('induction_count', 'smallint', (c) => c.notNull())
		.addColumn('completed_on', 'date')
		.addColumn('last_induction_on', 'date')
		.addColumn('first_booster_on', 'date')
		.addColumn('last_infusion_on', 'date', (c) => c.notNull())
		.addColumn('next_course_start', 'date')
		.addColumn('discharged_on', 'date')
		.addPrimaryKeyConstraint('derived_courses_pkey', ['patient_id', 'course_index'])
		.execute();
	await db.schema
		.createIndex('derived_courses_cohort_idx')
		.on('derived_courses')
		.columns(['clinic_id', 'indication', 'course_start'])
		.execute();

	// One row per (course, instrument) with a baseline or a post-induction score, computed with the
	// course's final L and first booster; the queries fall back to the raw assessments only for
	// courses whose post-induction window is still open at an earlier as-of date.
	await db.schema
		.createTable('derived_course_scores')
		.addColumn('patient_id', 'integer', (c) => c.notNull())
		.addColumn('course_index', 'smallint', (c) => c.notNull())
		.addColumn('instrument', 'text', (c) => c.notNull())
		.addColumn('baseline_total', 'smallint')
		.addColumn('post_total', 'smallint')
		.addColumn('post_on', 'date')
		.addPrimaryKeyConstraint('derived_course_scores_pkey', [
			'patient_id',
			'course_index',
			'instrument'
		])
		.execute();

	// The latest date of each patient's data (infusion or assessment): the default as-of date of
	// a scope is the maximum over its clinics, read from an index instead of scanning raw tables.
	await db.schema
		.createTable('derived_patient_dates')
		.addColumn('patient_id', 'integer', (c) => c.primaryKey())
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('last_on', 'date', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('derived_patient_dates_clinic_idx')
		.on('derived_patient_dates')
		.columns(['clinic_id', 'last_on'])
		.execute();
	await db.schema
		.createIndex('derived_patient_dates_last_idx')
		.on('derived_patient_dates')
		.columns(['last_on'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'derived_course_scores',
		'derived_courses',
		'derived_scores',
		'derived_infusions'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
