import { sql, type Kysely } from 'kysely';

// Frozen in time. Two indexes of the first derived facts (…T04) served the aggregate queries
// that read the facts by cohort; those answer from the rollups now, and no query reads them
// (idx_scan 0 over every aggregate query and filter combination at 100k patients). Each one cost
// its upkeep on every refresh, and 1.4 s (booster) and 1.8 s (cohort) to rebuild after a first
// load of 100k patients.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`drop index derived_infusions_booster_idx`.execute(db);
	await sql`drop index derived_scores_cohort_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`create index derived_scores_cohort_idx
		on derived_scores (instrument, clinic_id, indication)`.execute(db);
	await sql`create index derived_infusions_booster_idx
		on derived_infusions (phase, ordinal, clinic_id)`.execute(db);
}
