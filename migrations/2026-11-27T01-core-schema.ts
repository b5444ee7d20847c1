import { sql, type Kysely } from 'kysely';

// Frozen in time: this file describes the schema as it was on its date. Never edit it; add a
// new migration instead. It takes Kysely<any> because the app's types move on without it.

const INDICATIONS = ['depression', 'ptsd', 'anxiety', 'chronic_pain', 'other'];
const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
const SEXES = ['F', 'M', 'X', 'unknown'];
const PHASES = ['induction', 'booster'];
// Instrument code -> [maximum total, item count]. Duplicated from the registry on purpose:
// a migration must not change when the registry does.
const INSTRUMENTS: Record<string, [number, number]> = {
	phq9: [27, 9],
	gad7: [21, 7],
	pcl5: [80, 20],
	madrs: [60, 10],
	qids_sr16: [27, 16],
	pain_nrs: [10, 1]
};

const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('clinics')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) =>
			c
				.notNull()
				.unique()
				.check(sql`length(name) between 1 and 100`)
		)
		.addColumn('induction_target', 'smallint', (c) =>
			c
				.notNull()
				.defaultTo(6)
				.check(sql`induction_target between 1 and 20`)
		)
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('clinicians')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('clinic_id', 'integer', (c) => c.notNull().references('clinics.id'))
		.addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[A-Za-z0-9_.-]{1,40}$'`))
		.addUniqueConstraint('clinicians_clinic_code_key', ['clinic_id', 'code'])
		.execute();

	await db.schema
		.createTable('patients')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('patient_code', 'text', (c) =>
			c
				.notNull()
				.unique()
				.check(sql`patient_code ~ '^[A-Za-z0-9_-]{3,40}$'`)
		)
		.addColumn('clinic_id', 'integer', (c) => c.notNull().references('clinics.id'))
		.addColumn('clinician_id', 'integer', (c) => c.references('clinicians.id'))
		.addColumn('primary_indication', 'text', (c) =>
			c.notNull().check(sql`primary_indication in (${list(INDICATIONS)})`)
		)
		.addColumn('age_band', 'text', (c) => c.notNull().check(sql`age_band in (${list(AGE_BANDS)})`))
		.addColumn('sex', 'text', (c) =>
			c
				.notNull()
				.defaultTo('unknown')
				.check(sql`sex in (${list(SEXES)})`)
		)
		.addColumn('enrolled_on', 'date', (c) => c.notNull())
		.addColumn('discharged_on', 'date')
		.addCheckConstraint('patients_discharge_after_enrolment', sql`discharged_on >= enrolled_on`)
		.execute();
	await db.schema
		.createIndex('patients_clinic_idx')
		.on('patients')
		.columns(['clinic_id'])
		.execute();

	await db.schema
		.createTable('infusions')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('patient_id', 'integer', (c) =>
			c.notNull().references('patients.id').onDelete('cascade')
		)
		.addColumn('administered_on', 'date', (c) => c.notNull())
		.addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in (${list(PHASES)})`))
		.addColumn('dose_mg_per_kg', 'numeric(4, 2)', (c) =>
			c.check(sql`dose_mg_per_kg > 0 and dose_mg_per_kg <= 5`)
		)
		.addUniqueConstraint('infusions_patient_day_key', ['patient_id', 'administered_on'])
		.execute();

	const maxima = Object.entries(INSTRUMENTS)
		.map(([code, [max]]) => `when '${code}' then ${max}`)
		.join(' ');
	const itemCounts = Object.entries(INSTRUMENTS)
		.map(([code, [, items]]) => `when '${code}' then ${items}`)
		.join(' ');
	await db.schema
		.createTable('assessments')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('patient_id', 'integer', (c) =>
			c.notNull().references('patients.id').onDelete('cascade')
		)
		.addColumn('instrument', 'text', (c) =>
			c.notNull().check(sql`instrument in (${list(Object.keys(INSTRUMENTS))})`)
		)
		.addColumn('administered_on', 'date', (c) => c.notNull())
		.addColumn('total', 'smallint', (c) => c.notNull())
		.addColumn('items', sql`smallint[]`)
		.addCheckConstraint(
			'assessments_total_range',
			sql`total >= 0 and total <= (case instrument ${sql.raw(maxima)} end)`
		)
		.addCheckConstraint(
			'assessments_item_count',
			sql`items is null or cardinality(items) = (case instrument ${sql.raw(itemCounts)} end)`
		)
		.addUniqueConstraint('assessments_patient_instrument_day_key', [
			'patient_id',
			'instrument',
			'administered_on'
		])
		.execute();
	// The unique constraints' indexes serve the per-patient window look-ups
	// (patient_id, administered_on) and (patient_id, instrument, administered_on).
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['assessments', 'infusions', 'patients', 'clinicians', 'clinics']) {
		await db.schema.dropTable(table).execute();
	}
}
