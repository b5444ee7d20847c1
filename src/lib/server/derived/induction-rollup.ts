import { sql, type Kysely, type RawBuilder } from 'kysely';
import { POST_INDUCTION_WINDOW_DAYS } from '../../definitions';
import type { DB } from '../db/schema';
import { monthOf } from '../queries/dated-periods';
import { clinicKeyFilter, type CohortKeySelection } from './trajectory-rollup';

// Maintains the induction rollups (migrations/...-induction-rollups.ts) from derived_courses and
// derived_course_scores for whole (clinic, indication) keys, like the booster-gap rollups.

export const INDUCTION_ROLLUP_TABLES = [
	'derived_induction_cells',
	'derived_induction_histogram'
] as const;

/**
 * The date from which a course's induction outcome is final: its post-induction window (L, L + 31]
 * has closed (the course start when it has no induction infusion). `t` is a derived_courses alias.
 * The window length is inlined as a literal so that the expression index on it can be used.
 */
export function settledOnSql(t: string): RawBuilder<string> {
	const col = (name: string) => sql.ref(`${t}.${name}`);
	return sql<string>`coalesce(${col('last_induction_on')} + ${sql.lit(POST_INDUCTION_WINDOW_DAYS)}, ${col('course_start')})`;
}

/** Deletes and recomputes the rollup rows of the given keys. Run it inside a transaction. */
export async function refreshInductionRollups(
	db: Kysely<DB>,
	keys: CohortKeySelection
): Promise<void> {
	if (keys !== 'all' && keys.length === 0) return;
	const where = (t: string) => clinicKeyFilter(keys, t);
	for (const table of INDUCTION_ROLLUP_TABLES) {
		await sql`delete from ${sql.table(table)} r where ${where('r')}`.execute(db);
	}
	const month = monthOf(settledOnSql('c'));
	await sql`
		insert into derived_induction_cells (clinic_id, indication, settled_month, courses, completed,
			first_courses)
		select c.clinic_id, c.indication, ${month}, count(*),
			count(*) filter (where c.completed_on is not null),
			count(*) filter (where c.course_index = 1)
		from derived_courses c where ${where('c')}
		group by 1, 2, 3`.execute(db);
	await sql`
		insert into derived_induction_histogram (clinic_id, indication, settled_month, instrument,
			baseline_total, post_total, count)
		select c.clinic_id, c.indication, ${month}, s.instrument, s.baseline_total, s.post_total,
			count(*)
		from derived_courses c join derived_course_scores s
			on s.patient_id = c.patient_id and s.course_index = c.course_index
		where c.completed_on is not null and s.baseline_total is not null
			and s.post_total is not null and ${where('c')}
		group by 1, 2, 3, 4, 5, 6`.execute(db);
}
