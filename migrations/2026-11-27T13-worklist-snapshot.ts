import type { Kysely } from 'kysely';

// Frozen in time. The clinician's worklist at 100k patients (issue 8): computing every patient's
// current course, latest scores and flags per request took 6 s for a clinic of 33k patients.
// These do not depend on the as-of date once it is on or after the latest data of the clinic, so
// derived_worklist holds them per patient, recomputed for every patient of a clinic whose data an
// import touched (the "not on track" flag compares with the clinic's percentiles). Empty here:
// the next import into a clinic or `npm run db:rebuild-derived` fills it, and until then the
// worklist computes that clinic's rows from the facts as before.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('derived_worklist')
		.addColumn('patient_id', 'integer', (c) => c.primaryKey())
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('course_index', 'smallint')
		.addColumn('course_start', 'date')
		.addColumn('phase', 'text')
		.addColumn('last_on', 'date')
		.addColumn('induction_count', 'integer', (c) => c.notNull())
		.addColumn('booster_count', 'integer', (c) => c.notNull())
		.addColumn('flags', 'jsonb', (c) => c.notNull())
		.addColumn('priority', 'integer', (c) => c.notNull())
		.addColumn('scores', 'jsonb')
		.addColumn('score_by_instrument', 'jsonb', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('derived_worklist_clinic_idx')
		.on('derived_worklist')
		.columns(['clinic_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('derived_worklist').execute();
}
