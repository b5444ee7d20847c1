import { sql, type Kysely } from 'kysely';

// Frozen in time. The stored worklist in two tables: derived_worklist keeps what the list filters,
// sorts and counts on (about 100 bytes a row), derived_worklist_details the flags and scores as
// jsonb, read for one page's rows (or every row when sorting by a score). Listing a clinician's
// 100,000 patients read 56 MB of rows, two thirds of it jsonb it did not need.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('derived_worklist_details')
		.addColumn('patient_id', 'integer', (c) => c.primaryKey())
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('flags', 'jsonb', (c) => c.notNull())
		.addColumn('scores', 'jsonb')
		.addColumn('score_by_instrument', 'jsonb', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('derived_worklist_details_clinic_idx')
		.on('derived_worklist_details')
		.columns(['clinic_id'])
		.execute();
	await sql`
		insert into derived_worklist_details (patient_id, clinic_id, flags, scores,
			score_by_instrument)
		select patient_id, clinic_id, flags, scores, score_by_instrument from derived_worklist
		order by patient_id`.execute(db);
	await sql`alter table derived_worklist
		drop column flags, drop column scores, drop column score_by_instrument`.execute(db);
	// Rewritten without the dropped columns' bytes.
	await sql`cluster derived_worklist using derived_worklist_pkey`.execute(db);
	await sql`analyze derived_worklist`.execute(db);
	await sql`analyze derived_worklist_details`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table derived_worklist add column flags jsonb, add column scores jsonb,
		add column score_by_instrument jsonb`.execute(db);
	await sql`
		update derived_worklist w set flags = d.flags, scores = d.scores,
			score_by_instrument = d.score_by_instrument
		from derived_worklist_details d where d.patient_id = w.patient_id`.execute(db);
	await sql`alter table derived_worklist alter column flags set not null,
		alter column score_by_instrument set not null`.execute(db);
	await db.schema.dropTable('derived_worklist_details').execute();
}
