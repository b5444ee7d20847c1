import { sql, type Kysely } from 'kysely';

// Frozen in time. The clinician lists' first pages in their default order, read from an index
// instead of sorting every stored row: the worklist by flags (priority, then code) and the
// booster lanes by trend (then code), each code compared bytewise as the queries sort it. Their
// totals come apart (aggregate cache), so the page alone reads about one index page per 50 rows.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`create index derived_worklist_priority_idx
		on derived_worklist (priority desc nulls last, patient_code collate "C")`.execute(db);
	await sql`create index derived_booster_lanes_trend_idx
		on derived_booster_lanes (trend nulls last, patient_code collate "C") where latest`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index derived_booster_lanes_trend_idx`.execute(db);
	await sql`drop index derived_worklist_priority_idx`.execute(db);
}
