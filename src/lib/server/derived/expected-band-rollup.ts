import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { monthOf } from '../queries/dated-periods';
import { bandPctSql } from '../queries/expected-response';
import { analyzeTables } from './bulk-fill';
import { insertYearRows } from './dated-rollups';
import { clinicKeyFilter, type CohortKeySelection } from './trajectory-rollup';

// Maintains the expected-band histogram (migrations/...-expected-band-rollup.ts) from
// derived_scores for whole (clinic, indication) keys, like the other (clinic, indication)
// rollups: every induction score with a baseline above 0, counted per (instrument, infusion,
// score, baseline). queries/expected-response.ts turns the counts into the band's percentiles.

export const EXPECTED_BAND_ROLLUP_TABLES = [
	'derived_expected_band_histogram',
	'derived_expected_band_dated'
] as const;

/** Deletes and recomputes the histogram rows of the given keys. Run it inside a transaction. */
export async function refreshExpectedBandRollup(
	db: Kysely<DB>,
	keys: CohortKeySelection
): Promise<void> {
	if (keys !== 'all' && keys.length === 0) return;
	await sql`delete from derived_expected_band_histogram r
		where ${clinicKeyFilter(keys, 'r')}`.execute(db);
	// In key order, so that one key's rows share a few pages (the page reads one key's rows).
	await sql`
		insert into derived_expected_band_histogram (clinic_id, indication, instrument, ordinal,
			total, baseline_total, count)
		select s.clinic_id, s.indication, s.instrument, s.ordinal, s.total, s.baseline_total, count(*)
		from derived_scores s
		where s.phase = 'induction' and s.baseline_total > 0 and ${clinicKeyFilter(keys, 's')}
		group by 1, 2, 3, 4, 5, 6
		order by 1, 2, 3, 4, 5, 6`.execute(db);
	await refreshDatedBand(db, keys);
}

/**
 * The same counts per calendar month and year of the infusion date, for earlier as-of dates
 * (queries/expected-response.ts, datedBandHistogramSql), keyed by the % change as percentile_cont
 * sees it (float8) rather than by (score, baseline): months from the facts, years from the
 * months, in cell and period order as the band reads them.
 */
async function refreshDatedBand(db: Kysely<DB>, keys: CohortKeySelection): Promise<void> {
	await sql`delete from derived_expected_band_dated r where ${clinicKeyFilter(keys, 'r')}`.execute(
		db
	);
	await sql`
		insert into derived_expected_band_dated (clinic_id, indication, instrument, ordinal, pct,
			span, period, count)
		select s.clinic_id, s.indication, s.instrument, s.ordinal, ${bandPctSql('s')}, 'month',
			${monthOf(sql`s.administered_on`)}, count(*)
		from derived_scores s
		where s.phase = 'induction' and s.baseline_total > 0 and ${clinicKeyFilter(keys, 's')}
		group by 1, 2, 3, 4, 5, 7
		order by 1, 2, 3, 7`.execute(db);
	// Its year rows are summed from month rows without statistics yet, as in dated-rollups.ts.
	if (keys === 'all') await analyzeTables(db, ['derived_expected_band_dated']);
	await insertYearRows(db, 'derived_expected_band_dated', clinicKeyFilter(keys), {
		keys: ['clinic_id', 'indication', 'instrument', 'ordinal', 'pct'],
		sums: ['count'],
		sorted: ['clinic_id', 'indication', 'instrument']
	});
}
