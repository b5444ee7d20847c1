import { sql, type Kysely } from 'kysely';

// Frozen in time. The worklist as of an earlier date finds each active patient's latest infusion
// by then and the current course's scores at the on-track induction infusions; it looked both
// up patient by patient (PGlite, 10,000 patients, as of a year back: 50 and 27 ms of 238).
// - next_on, the date of the patient's next infusion (null for the last one): the latest
//   infusion by a date A is the one dated by A whose next infusion is after A, so the active
//   patients' latest infusions are the infusions of the activity window with next_on after A,
//   read in one pass with no sort.
// - A BRIN index on administered_on: the facts are written in date order, so a range of dates is
//   a range of pages, and the index is a few pages.
// - A partial index on the scores at induction infusions 3 and 4 (the on-track infusions of
//   queries/patient-flags.ts at the time), by date.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table derived_infusions add column next_on date`.execute(db);
	await sql`
		update derived_infusions d set next_on = n.next_on
		from (
			select infusion_id,
				lead(administered_on) over (partition by patient_id order by administered_on) as next_on
			from derived_infusions
		) n
		where d.infusion_id = n.infusion_id and n.next_on is not null`.execute(db);
	// Rewritten in date order without the old row versions the update left (see …T15).
	await sql`create index derived_infusions_date_idx on derived_infusions (administered_on)`.execute(
		db
	);
	await sql`cluster derived_infusions using derived_infusions_date_idx`.execute(db);
	await sql`drop index derived_infusions_date_idx`.execute(db);
	await sql`create index derived_infusions_date_brin on derived_infusions
		using brin (administered_on)`.execute(db);
	await sql`create index derived_scores_on_track_idx on derived_scores (administered_on)
		where phase = 'induction' and ordinal in (3, 4)`.execute(db);
	await sql`analyze derived_infusions`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index derived_scores_on_track_idx`.execute(db);
	await sql`drop index derived_infusions_date_brin`.execute(db);
	await sql`alter table derived_infusions drop column next_on`.execute(db);
}
