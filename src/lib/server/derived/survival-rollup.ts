import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';
import { monthOf } from '../queries/dated-periods';
import { clinicKeyFilter, type CohortKeySelection } from './trajectory-rollup';

// Maintains the Kaplan-Meier rollup (migrations/...-survival-rollups.ts) for whole (clinic,
// indication) keys. A subject (a course, for time to booster j) is settled once its time and
// event can no longer change: at its event, or at its censoring bound (discharge or the next
// course's start), and not before its start. Subjects that never settle (still waiting, not
// discharged) stay with the facts.

export const SURVIVAL_ROLLUP_TABLES = ['derived_survival_cells'] as const;

/**
 * When a gap-1 subject (derived_courses row `t` with a complete induction) settles; null when it
 * never does (greatest() ignores nulls, hence the case). Same expression as the index on it.
 */
export function firstGapSettledOnSql(t: string): RawBuilder<string | null> {
	const col = (name: string) => sql.ref(`${t}.${name}`);
	const end = sql`coalesce(${col('first_booster_on')},
		least(${col('discharged_on')}, ${col('next_course_start')}))`;
	return sql`(case when ${end} is not null then greatest(${col('last_induction_on')}, ${end}) end)`;
}

/** When a gap j >= 2 subject (derived_booster_intervals row `t`) settles; else null. */
export function laterGapSettledOnSql(t: string): RawBuilder<string | null> {
	const col = (name: string) => sql.ref(`${t}.${name}`);
	const end = sql`coalesce(${col('next_on')}, ${col('censor_bound')})`;
	return sql`(case when ${end} is not null then greatest(${col('start_on')}, ${end}) end)`;
}

/** Deletes and recomputes the cells of the given keys. Run it inside a transaction. */
export async function refreshSurvivalCells(
	db: Kysely<DB>,
	keys: CohortKeySelection
): Promise<void> {
	if (keys !== 'all' && keys.length === 0) return;
	const where = (t: string) => clinicKeyFilter(keys, t);
	await sql`delete from derived_survival_cells r where ${where('r')}`.execute(db);
	// A censoring date before the start counts as time 0, as in the query.
	await sql`
		insert into derived_survival_cells (clinic_id, indication, gap, settled_month, time, event,
			subjects, first_subjects)
		with subjects as (
			select c.clinic_id, c.indication, 1 as gap, ${firstGapSettledOnSql('c')} as settled_on,
				greatest(0, coalesce(c.first_booster_on, least(c.discharged_on, c.next_course_start))
					- c.last_induction_on) as time,
				c.first_booster_on is not null as event,
				row_number() over (partition by c.patient_id order by c.course_index) = 1 as first
			from derived_courses c where c.completed_on is not null and ${where('c')}
			union all
			select f.clinic_id, f.indication, f.ordinal + 1, ${laterGapSettledOnSql('f')},
				greatest(0, coalesce(f.next_on, f.censor_bound) - f.start_on),
				f.next_on is not null,
				row_number() over (partition by f.patient_id, f.ordinal order by f.course_index) = 1
			from derived_booster_intervals f where ${where('f')}
		)
		select clinic_id, indication, gap, ${monthOf(sql`settled_on`)}, time, event,
			count(*), count(*) filter (where first)
		from subjects where settled_on is not null
		group by 1, 2, 3, 4, 5, 6`.execute(db);
}
