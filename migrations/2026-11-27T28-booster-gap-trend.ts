import { sql, type Kysely } from 'kysely';

// Frozen in time. The "booster gaps shortening" flag is a least-squares slope of gap days on
// booster number over the current course's boosters up to the as-of date. Each booster row
// carries the trend so far (the number of gaps and the slope, in booster order), so that the
// flag as of any date reads the patient's latest infusion by then instead of grouping all of
// their boosters: the worklist as of a year back at 10,000 patients on PGlite spent 45 of its
// 360 ms there. Induction rows hold nulls. Filled from derived_infusions itself.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table derived_infusions
		add column booster_gaps smallint, add column gap_slope float8`.execute(db);
	await sql`
		update derived_infusions d set booster_gaps = t.booster_gaps, gap_slope = t.gap_slope
		from (
			select infusion_id,
				count(administered_on - previous_on) over w as booster_gaps,
				regr_slope((administered_on - previous_on)::float8, ordinal::float8) over w as gap_slope
			from derived_infusions where phase = 'booster'
			window w as (partition by patient_id, course_index order by administered_on
				rows unbounded preceding)
		) t
		where d.infusion_id = t.infusion_id`.execute(db);
	// Rewritten in date order without the old row versions the update left (see …T15).
	await sql`create index derived_infusions_date_idx on derived_infusions (administered_on)`.execute(
		db
	);
	await sql`cluster derived_infusions using derived_infusions_date_idx`.execute(db);
	await sql`drop index derived_infusions_date_idx`.execute(db);
	await sql`analyze derived_infusions`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table derived_infusions drop column booster_gaps, drop column gap_slope`.execute(
		db
	);
}
