import { sql, type Kysely } from 'kysely';

// Frozen in time. The "reliable deterioration" flag compares the latest score with the course's
// baseline and shows the baseline's date. derived_course_scores holds the baseline already (one
// row per course and instrument); with its date too, the flag reads that table instead of picking
// induction infusion 1 out of every pre-infusion score (derived_scores, ten times the rows).
// Filled from derived_scores.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table derived_course_scores add column baseline_on date`.execute(db);
	await sql`
		update derived_course_scores c set baseline_on = s.assessed_on
		from derived_scores s
		where s.patient_id = c.patient_id and s.course_index = c.course_index
			and s.instrument = c.instrument and s.phase = 'induction' and s.ordinal = 1`.execute(db);
	// Rewritten without the old row versions the update left (see …T19).
	await sql`cluster derived_course_scores using derived_course_scores_pkey`.execute(db);
	await sql`analyze derived_course_scores`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table derived_course_scores drop column baseline_on`.execute(db);
}
