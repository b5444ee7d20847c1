import { sql, type Kysely } from 'kysely';

// Frozen in time. The stored worklist answers without reading the patients table or its flags'
// jsonb per row (issue 8: 133-344 ms at 100k patients, most of it joining 50,000 patients and
// testing six flag kinds on each row's jsonb): each row carries the patient's columns the
// worklist filters and sorts on, and the kinds of its flags as a text array. Filled from the
// patients table and the stored flags.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table derived_worklist
		add column patient_code text,
		add column clinician_id integer,
		add column primary_indication text,
		add column age_band text,
		add column enrolled_on date,
		add column flag_kinds text[]`.execute(db);
	await sql`
		update derived_worklist w set patient_code = p.patient_code, clinician_id = p.clinician_id,
			primary_indication = p.primary_indication, age_band = p.age_band,
			enrolled_on = p.enrolled_on,
			flag_kinds = coalesce((select array_agg(distinct f ->> 'kind' order by f ->> 'kind')
				from jsonb_array_elements(w.flags) f), '{}')
		from patients p where p.id = w.patient_id`.execute(db);
	await sql`alter table derived_worklist
		alter column patient_code set not null,
		alter column primary_indication set not null,
		alter column age_band set not null,
		alter column enrolled_on set not null,
		alter column flag_kinds set not null`.execute(db);
	// The patient page reads one patient's row by code.
	await sql`create index derived_worklist_code_idx on derived_worklist (patient_code)`.execute(db);
	// Rewritten without the old row versions the update left (the table is read whole).
	await sql`cluster derived_worklist using derived_worklist_pkey`.execute(db);
	await sql`analyze derived_worklist`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index derived_worklist_code_idx`.execute(db);
	await sql`alter table derived_worklist
		drop column patient_code, drop column clinician_id, drop column primary_indication,
		drop column age_band, drop column enrolled_on, drop column flag_kinds`.execute(db);
}
