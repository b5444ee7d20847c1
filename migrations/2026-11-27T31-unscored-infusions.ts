import { sql, type Kysely } from 'kysely';

// Frozen in time. The worklist's "no questionnaire" flag asks, for each patient's latest
// infusion, whether any instrument has a pre-infusion score for it. Looked up in the scores'
// key per patient, that was 12-16 ms of the worklist as of a year back (PGlite, 10,000
// patients, 4,100 look-ups, 175 ms in all). Few infusions have no score (6% of the demo's), so
// they are kept in a table of their own, which the worklist hashes whole, and the refresh
// writes after the scores (derived/refresh.ts). patient_id is there for the refresh's delete of
// a patient's rows.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`create table derived_unscored_infusions (
		infusion_id integer primary key, patient_id integer not null)`.execute(db);
	await sql`
		insert into derived_unscored_infusions (infusion_id, patient_id)
		select f.infusion_id, f.patient_id from derived_infusions f
		where not exists (select 1 from derived_scores s where s.infusion_id = f.infusion_id)
		order by f.infusion_id`.execute(db);
	await sql`analyze derived_unscored_infusions`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table derived_unscored_infusions`.execute(db);
}
