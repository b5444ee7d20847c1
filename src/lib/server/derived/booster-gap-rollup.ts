import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { clinicKeyFilter, type CohortKeySelection } from './trajectory-rollup';

// Maintains the booster-gap rollups (migrations/...-booster-gap-rollups.ts) from
// derived_infusions for whole (clinic, indication) keys, like the trajectory rollups.

export const BOOSTER_GAP_ROLLUP_TABLES = [
	'derived_booster_gap_cells',
	'derived_booster_gap_histogram'
] as const;

/** Deletes and recomputes the rollup rows of the given keys. Run it inside a transaction. */
export async function refreshBoosterGapRollups(
	db: Kysely<DB>,
	keys: CohortKeySelection
): Promise<void> {
	if (keys !== 'all' && keys.length === 0) return;
	const where = clinicKeyFilter(keys);
	for (const table of BOOSTER_GAP_ROLLUP_TABLES) {
		await sql`delete from ${sql.table(table)} where ${where}`.execute(db);
	}
	// A gap is Bj minus the infusion before it (a course that begins with a booster has none).
	// Distinct patients per index are the rows marking each patient's first gap there.
	await sql`
		insert into derived_booster_gap_cells (clinic_id, indication, ordinal, patients, n, sum_gap)
		select clinic_id, indication, ordinal, count(*) filter (where first_gap), count(*),
			sum(administered_on - previous_on)
		from derived_infusions
		where phase = 'booster' and previous_on is not null and ${where}
		group by clinic_id, indication, ordinal`.execute(db);
	await sql`
		insert into derived_booster_gap_histogram (clinic_id, indication, ordinal, gap, count)
		select clinic_id, indication, ordinal, administered_on - previous_on, count(*)
		from derived_infusions
		where phase = 'booster' and previous_on is not null and ${where}
		group by clinic_id, indication, ordinal, administered_on - previous_on`.execute(db);
}
