import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';
import { monthOf, yearOf } from '../queries/dated-periods';
import { analyzeTables } from './bulk-fill';
import {
	cellSumsSql,
	clinicKeyFilter,
	TRAJECTORY_AXES,
	type CohortKeySelection
} from './trajectory-rollup';

// Maintains the per-period trajectory and booster-gap rollups (migrations/...-dated-rollups.ts)
// for whole (clinic, indication) keys. Month rows come from the facts, year rows from the month
// rows. A patient counts in `patients` only in the period of their first score in the cell
// (derived_scores' first_at_ordinal and first_in_week, derived_infusions' first_gap), so
// patients add up over periods exactly as count(distinct patient_id) over the facts up to a date.

export const DATED_ROLLUP_TABLES = [
	'derived_trajectory_dated_cells',
	'derived_trajectory_dated_histogram',
	'derived_booster_gap_dated_cells',
	'derived_booster_gap_dated_histogram'
] as const;

/** Deletes and recomputes the rows of the given keys. Run it inside a transaction. */
export async function refreshDatedRollups(db: Kysely<DB>, keys: CohortKeySelection): Promise<void> {
	if (keys !== 'all' && keys.length === 0) return;
	const where = clinicKeyFilter(keys);
	for (const table of DATED_ROLLUP_TABLES) {
		await sql`delete from ${sql.table(table)} where ${where}`.execute(db);
	}
	await insertTrajectoryMonths(db, where);
	await insertBoosterGapMonths(db, where);
	// After a refresh of every key, the year rows are summed from month rows the planner has no
	// statistics of yet: guessing a few thousand rows, it sorted 820,000 of them to group them
	// (trajectory histogram at 100k patients: 3.55 s) instead of hashing them (1.35 s).
	if (keys === 'all') await analyzeTables(db, DATED_ROLLUP_TABLES);
	await insertYears(db, where);
}

// Every insert is ordered by instrument, axis and period, so that the rows one as-of query reads
// lie together on disk instead of one or two per page.

async function insertTrajectoryMonths(db: Kysely<DB>, where: RawBuilder<unknown>) {
	for (const { axis, position, grouping, first } of Object.values(TRAJECTORY_AXES)) {
		await sql`
			insert into derived_trajectory_dated_cells (instrument, axis, position, clinic_id,
				indication, span, period, patients, n, sum_total, sum_squares, pct_sum, pct_n)
			select instrument, ${axis}, ${position}, clinic_id, indication, 'month',
				${monthOf(sql`administered_on`)}, ${cellSumsSql(first)}
			from derived_scores where ${where}
			group by instrument, ${grouping}, clinic_id, indication, 7
			order by 1, 2, 7`.execute(db);
		await sql`
			insert into derived_trajectory_dated_histogram (instrument, axis, position, clinic_id,
				indication, span, period, total, count)
			select instrument, ${axis}, ${position}, clinic_id, indication, 'month',
				${monthOf(sql`administered_on`)}, total, count(*)
			from derived_scores where ${where}
			group by instrument, ${grouping}, clinic_id, indication, 7, total
			order by 1, 2, 7`.execute(db);
	}
}

async function insertBoosterGapMonths(db: Kysely<DB>, where: RawBuilder<unknown>) {
	// A gap is Bj minus the infusion before it (a course that begins with a booster has none).
	await sql`
		insert into derived_booster_gap_dated_cells (clinic_id, indication, ordinal, span, period,
			patients, n, sum_gap)
		select clinic_id, indication, ordinal, 'month', ${monthOf(sql`administered_on`)},
			count(*) filter (where first_gap), count(*), sum(administered_on - previous_on)
		from derived_infusions
		where phase = 'booster' and previous_on is not null and ${where}
		group by clinic_id, indication, ordinal, 5
		order by 5`.execute(db);
	await sql`
		insert into derived_booster_gap_dated_histogram (clinic_id, indication, ordinal, span,
			period, gap, count)
		select clinic_id, indication, ordinal, 'month', ${monthOf(sql`administered_on`)},
			administered_on - previous_on, count(*)
		from derived_infusions
		where phase = 'booster' and previous_on is not null and ${where}
		group by clinic_id, indication, ordinal, 5, 6
		order by 5`.execute(db);
}

async function insertYears(db: Kysely<DB>, where: RawBuilder<unknown>) {
	const trajectoryCell = ['instrument', 'axis', 'position', 'clinic_id', 'indication'];
	const gapCell = ['clinic_id', 'indication', 'ordinal'];
	const sorted = ['instrument', 'axis'];
	await insertYearRows(db, 'derived_trajectory_dated_cells', where, {
		keys: trajectoryCell,
		sums: ['patients', 'n', 'sum_total', 'sum_squares', 'pct_sum', 'pct_n'],
		sorted
	});
	await insertYearRows(db, 'derived_trajectory_dated_histogram', where, {
		keys: [...trajectoryCell, 'total'],
		sums: ['count'],
		sorted
	});
	await insertYearRows(db, 'derived_booster_gap_dated_cells', where, {
		keys: gapCell,
		sums: ['patients', 'n', 'sum_gap'],
		sorted: []
	});
	await insertYearRows(db, 'derived_booster_gap_dated_histogram', where, {
		keys: [...gapCell, 'gap'],
		sums: ['count'],
		sorted: []
	});
}

/**
 * A per-period table's year rows, summed from its month rows that `where` selects: `keys` name a
 * cell, `sums` the columns that add up over periods, `sorted` the leading columns the rows are
 * written in order of (then the year), as the queries read them.
 */
export async function insertYearRows(
	db: Kysely<DB>,
	table: string,
	where: RawBuilder<unknown>,
	columns: { keys: string[]; sums: string[]; sorted: string[] }
): Promise<void> {
	const refs = (names: string[]) => names.map((name) => sql.ref(name));
	const keys = sql.join(refs(columns.keys));
	const year = yearOf(sql`period`);
	await sql`
		insert into ${sql.table(table)} (${keys}, span, period, ${sql.join(refs(columns.sums))})
		select ${keys}, 'year', ${year},
			${sql.join(columns.sums.map((name) => sql`sum(${sql.ref(name)})`))}
		from ${sql.table(table)} where span = 'month' and ${where}
		group by ${keys}, ${year}
		order by ${sql.join([...refs(columns.sorted), year])}`.execute(db);
}
