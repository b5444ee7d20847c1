import { sql, type Kysely } from 'kysely';

// Frozen in time. Time to booster j >= 2 (issue 8): one row per booster infusion with the date of
// the course's next booster (null while there is none) and the course's censoring bound
// (discharge or the next course's start), so that the Kaplan-Meier subjects of gap j are one
// contiguous range of rows (ordinal j - 1) instead of two scans of the scattered booster rows of
// derived_infusions. Rows are written in ordinal order. Filled from the facts.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('derived_booster_intervals')
		.addColumn('patient_id', 'integer', (c) => c.notNull())
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('clinician_id', 'integer')
		.addColumn('indication', 'text', (c) => c.notNull())
		.addColumn('age_band', 'text', (c) => c.notNull())
		.addColumn('course_index', 'smallint', (c) => c.notNull())
		.addColumn('course_start', 'date', (c) => c.notNull())
		.addColumn('ordinal', 'smallint', (c) => c.notNull())
		.addColumn('start_on', 'date', (c) => c.notNull())
		.addColumn('next_on', 'date')
		.addColumn('censor_bound', 'date')
		.addPrimaryKeyConstraint('derived_booster_intervals_pkey', [
			'patient_id',
			'course_index',
			'ordinal'
		])
		.execute();
	await db.schema
		.createIndex('derived_booster_intervals_ordinal_idx')
		.on('derived_booster_intervals')
		.columns(['ordinal', 'clinic_id'])
		.execute();
	await sql`
		insert into derived_booster_intervals (patient_id, clinic_id, clinician_id, indication,
			age_band, course_index, course_start, ordinal, start_on, next_on, censor_bound)
		select f.patient_id, f.clinic_id, f.clinician_id, f.indication, f.age_band, f.course_index,
			f.course_start, f.ordinal, f.administered_on,
			lead(f.administered_on) over (partition by f.patient_id, f.course_index
				order by f.administered_on),
			least(c.discharged_on, c.next_course_start)
		from derived_infusions f join derived_courses c
			on c.patient_id = f.patient_id and c.course_index = f.course_index
		where f.phase = 'booster'
		order by f.ordinal`.execute(db);
	await sql`analyze derived_booster_intervals`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('derived_booster_intervals').execute();
}
