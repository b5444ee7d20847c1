import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { InstrumentCode } from '../../instruments';
import type { Indication } from '../db/schema';
import type { PatientScope } from '../auth/scope';
import type { DB } from '../db/schema';
import { cachedAnswer } from '../cache/aggregate-cache';
import { latestDataOn } from './cohort';
import { inAsOfMonth, periodsOf, settledPeriods } from './dated-periods';

// The clinic's expected response: the 25th-75th percentile of % change from baseline at each
// induction infusion, among the clinic's courses with the same instrument and indication. It is
// a reference range, not a target: half of the clinic's courses lie inside it by construction.

/**
 * Below this many courses at an infusion, no band is drawn and no "not on track" flag is raised:
 * percentiles of fewer courses move too much from one patient to the next to be a reference.
 */
export const EXPECTED_BAND_MIN_COURSES = 20;

export const EXPECTED_BAND_DEFINITION =
	`Expected band: the 25th to 75th percentile (linear interpolation, as PostgreSQL percentile_cont) ` +
	`of % change from baseline at each induction infusion, over the clinic's courses with the same ` +
	`instrument and indication and a baseline above 0, using data dated up to the as-of date ` +
	`(this patient's course included). Drawn only where at least ${EXPECTED_BAND_MIN_COURSES} ` +
	`courses have a score at that infusion.`;

/**
 * % change from baseline of a score row (alias `t`: total, baseline_total) as percentile_cont
 * orders it: the numeric quotient cast to float8 (undefined at baseline 0, domain.md section 3).
 */
export function bandPctSql(t: string): RawBuilder<unknown> {
	const col = (name: string) => sql.ref(`${t}.${name}`);
	return sql`(100.0 * (${col('total')} - ${col('baseline_total')}) / ${col('baseline_total')})::float8`;
}

export interface ExpectedBandRow {
	ordinal: number;
	/** Courses with a pre-infusion score at this induction infusion (always >= the minimum). */
	n: number;
	p25: number;
	p75: number;
}

export type ExpectedBands = Partial<Record<InstrumentCode, ExpectedBandRow[]>>;

/** One clinic's indication and instruments at an as-of date (the clinic already checked). */
export interface BandCell {
	clinicId: number;
	indication: Indication;
	instruments: InstrumentCode[];
	asOf: string;
}

/**
 * Percentile cells (clinic_id, indication, instrument, ordinal, n, p25, p75) from derived_scores,
 * only cells with at least EXPECTED_BAND_MIN_COURSES courses. `where` narrows the rows (alias s).
 * % change = 100 * (score - baseline) / baseline, undefined at baseline 0 (domain.md section 3).
 * Each course has at most one pre-infusion score per infusion, so rows are courses.
 */
export function expectedBandCellsSql(
	asOf: string,
	where: RawBuilder<unknown>
): RawBuilder<unknown> {
	return sql`
		select s.clinic_id, s.indication, s.instrument, s.ordinal, count(*) as n,
			percentile_cont(0.25) within group (order by 100.0 * (s.total - s.baseline_total) / s.baseline_total) as p25,
			percentile_cont(0.75) within group (order by 100.0 * (s.total - s.baseline_total) / s.baseline_total) as p75
		from derived_scores s
		where s.phase = 'induction' and s.baseline_total > 0
			and s.administered_on <= ${asOf}::date and ${where}
		group by s.clinic_id, s.indication, s.instrument, s.ordinal
		having count(*) >= ${EXPECTED_BAND_MIN_COURSES}`;
}

/**
 * Percentile cells (clinic_id, indication, instrument, ordinal, n, p25, p75) from a histogram of
 * induction scores' % change (`histogram`: clinic_id, indication, instrument, ordinal, pct,
 * count, with pct from bandPctSql), with the same float8 values as expectedBandCellsSql:
 * percentile_cont casts the numeric % change to float8 (bandPctSql does the same), takes the
 * values lo and hi at 0-based ranks floor(r) and ceil(r), r = p * (n - 1), and returns lo when
 * they are the same rank, else lo + (r - floor(r)) * (hi - lo) in float8, in that order of
 * operations (PostgreSQL's float8_lerp; an algebraically equal form such as (1 - f) * lo + f * hi
 * may differ in the last bit). The value at rank k is the smallest whose running count exceeds k.
 */
export function histogramBandCellsSql(histogram: RawBuilder<unknown>): RawBuilder<unknown> {
	// The rows are grouped by cell alone (grouped by n too, they were sorted once more): n is the
	// same on every row of a cell, so outside the aggregates it is read as max(n).
	const rank = (p: number, n: RawBuilder<unknown>) =>
		sql`${sql.lit(p)}::float8 * (${n} - 1)::float8`;
	const at = (bound: 'floor' | 'ceil', p: number) => {
		const k = bound === 'floor' ? sql`floor(${rank(p, sql`n`)})` : sql`ceil(${rank(p, sql`n`)})`;
		return sql`min(pct) filter (where upto > ${k}::bigint)`;
	};
	const cellRank = (p: number) => rank(p, sql`max(n)`);
	const lerp = (p: number) => sql`case when floor(${cellRank(p)}) = ceil(${cellRank(p)})
		then ${at('floor', p)}
		else ${at('floor', p)} + (${cellRank(p)} - floor(${cellRank(p)})) * (${at('ceil', p)} - ${at('floor', p)})
		end`;
	const cell = sql`clinic_id, indication, instrument, ordinal`;
	// The text keys are sorted and grouped bytewise (collation "C"): the database's libc collation
	// compares through strcoll, which took most of the time of the sorts below (equality, and so
	// the cells, is the same under either), and turned back to the column's own for the caller.
	return sql`
		with h as (
			select clinic_id, indication collate "C" as indication, instrument collate "C" as instrument,
				ordinal, pct, sum(count) as count
			from (${histogram}) h
			group by 1, 2, 3, 4, 5
		), ranked as (
			select ${cell}, pct,
				(sum(count) over (partition by ${cell} order by pct))::bigint as upto,
				(sum(count) over (partition by ${cell}))::bigint as n
			from h
		)
		select clinic_id, indication collate "default" as indication,
			instrument collate "default" as instrument, ordinal, max(n) as n, ${lerp(0.25)} as p25,
			${lerp(0.75)} as p75
		from ranked
		where n >= ${EXPECTED_BAND_MIN_COURSES}
		group by ${cell}`;
}

/**
 * The induction-score histogram (see histogramBandCellsSql) as of an earlier date, from the
 * per-period counts (derived/expected-band-rollup.ts): whole years and months before the as-of
 * month, then the facts of the as-of month up to the as-of date (see dated-periods.ts). `where`
 * narrows both on their cell columns (clinic_id, indication, instrument, ordinal), written without
 * an alias.
 */
export function datedBandHistogramSql(
	asOf: string,
	where: RawBuilder<unknown>
): RawBuilder<unknown> {
	const periods = periodsOf(asOf);
	const cell = sql`clinic_id, indication, instrument, ordinal`;
	return sql`
		select ${cell}, pct, count from derived_expected_band_dated s
		where ${settledPeriods(periods)} and ${where}
		union all
		select ${cell}, ${bandPctSql('s')}, count(*) from derived_scores s
		where phase = 'induction' and baseline_total > 0
			and ${inAsOfMonth(periods, 'administered_on')} and ${where}
		group by 1, 2, 3, 4, 5`;
}

/** The cells of one clinic and indication from the stored histogram (every score) or as of a date. */
function histogramCellsFor(cell: BandCell, source: 'stored' | 'dated'): RawBuilder<unknown> {
	const where = sql`clinic_id = ${cell.clinicId} and indication = ${cell.indication}
		and instrument = any(${cell.instruments}::text[])`;
	return histogramBandCellsSql(
		source === 'stored'
			? sql`select clinic_id, indication, instrument, ordinal, ${bandPctSql('s')} as pct, count
				from derived_expected_band_histogram s where ${where}`
			: datedBandHistogramSql(cell.asOf, where)
	);
}

/**
 * The stored histogram holds every score, so it answers for an as-of date on or after the latest
 * data of the clinic (the default as-of date, or a later one); an earlier date reads the
 * per-period histogram.
 */
export async function storedBandServes(
	db: Kysely<DB>,
	clinicId: number,
	asOf: string
): Promise<boolean> {
	const latest = await latestDataOn(db, [clinicId]);
	return latest === null || asOf >= latest;
}

/**
 * `facts` computes the cells as of the as-of date from the scores; `stored` reads the histogram
 * of all data; `dated` the per-period histogram up to the as-of date.
 */
export async function getExpectedBandsFrom(
	db: Kysely<DB>,
	cell: BandCell,
	source: 'facts' | 'stored' | 'dated'
): Promise<ExpectedBands> {
	const where = sql`s.clinic_id = ${cell.clinicId} and s.indication = ${cell.indication}
		and s.instrument = any(${cell.instruments}::text[])`;
	const cells =
		source === 'facts' ? expectedBandCellsSql(cell.asOf, where) : histogramCellsFor(cell, source);
	const { rows } = await sql<ExpectedBandRow & { instrument: InstrumentCode }>`
		select instrument, ordinal, n, p25, p75 from (${cells}) cells
		order by instrument, ordinal`.execute(db);
	return Object.fromEntries(
		cell.instruments.map((instrument) => [
			instrument,
			rows
				.filter((r) => r.instrument === instrument)
				.map((r) => ({ ordinal: r.ordinal, n: r.n, p25: r.p25, p75: r.p75 }))
		])
	);
}

/**
 * Bands for some instruments of one clinic and indication, an empty list for an instrument
 * without enough courses. The clinic must be one of the clinician's: the band is an aggregate of
 * that clinic's patients only.
 */
export async function getExpectedBands(
	db: Kysely<DB>,
	scope: PatientScope,
	cell: BandCell,
	{ cached = false }: BandOptions = {}
): Promise<ExpectedBands> {
	if (!scope.clinicIds.includes(cell.clinicId)) return {};
	if (cell.instruments.length === 0) return {};
	const compute = async () => {
		const stored = await storedBandServes(db, cell.clinicId, cell.asOf);
		return getExpectedBandsFrom(db, cell, stored ? 'stored' : 'dated');
	};
	// Kept after the access check above: the band is the clinic's, the same for each of its
	// clinicians, and the cell (clinic, indication, instruments, as-of date) is all it depends on.
	return cached ? cachedAnswer(db, 'expected-bands', cell, compute) : compute();
}

/** The band of one instrument (see getExpectedBands). */
export async function getExpectedBand(
	db: Kysely<DB>,
	scope: PatientScope,
	cell: { clinicId: number; indication: Indication; instrument: InstrumentCode; asOf: string }
): Promise<ExpectedBandRow[]> {
	const { instrument, ...rest } = cell;
	const bands = await getExpectedBands(db, scope, { ...rest, instruments: [instrument] });
	return bands[instrument] ?? [];
}

export interface BandOptions {
	/** From the aggregate cache (the patient page); tests of the query leave it off. */
	cached?: boolean;
}

/**
 * Bands for each of a patient's instruments, for the patient's clinic (named as in the patient
 * JSON) and indication.
 */
export async function getPatientExpectedBands(
	db: Kysely<DB>,
	scope: PatientScope,
	patient: { clinic: string; indication: Indication; instruments: InstrumentCode[] },
	asOf: string
): Promise<ExpectedBands> {
	const clinic = await db
		.selectFrom('clinics')
		.select('id')
		.where('name', '=', patient.clinic)
		.where('id', 'in', [...scope.clinicIds, -1])
		.executeTakeFirst();
	if (!clinic) return {};
	const { indication, instruments } = patient;
	return getExpectedBands(db, scope, { clinicId: clinic.id, indication, instruments, asOf });
}
