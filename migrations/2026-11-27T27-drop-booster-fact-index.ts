import { sql, type Kysely } from 'kysely';

// Frozen in time. derived_infusions (phase, ordinal, clinic_id), from the first derived facts
// (…T04), served the booster-gap queries over the facts; those answer from the rollups now, and
// the fact path left (filters on the course start) ran no slower without it at 100k patients
// (booster gaps from a course start: 528 / 184 / 122 ms with it for all clinics / one clinic /
// one clinic and indication, 294 / 178 / 109 ms without). It cost its upkeep on every refresh
// and 1.4 s to rebuild after a first load of 100k patients. derived_scores' cohort index stays:
// the trajectory from a course start was 20-30% slower without it.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`drop index derived_infusions_booster_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`create index derived_infusions_booster_idx
		on derived_infusions (phase, ordinal, clinic_id)`.execute(db);
}
