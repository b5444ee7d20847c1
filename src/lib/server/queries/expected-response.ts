import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { InstrumentCode } from '../../instruments';
import type { Indication } from '../db/schema';
import type { PatientScope } from '../auth/scope';
import type { DB } from '../db/schema';

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

export interface ExpectedBandRow {
	ordinal: number;
	/** Courses with a pre-infusion score at this induction infusion (always >= the minimum). */
	n: number;
	p25: number;
	p75: number;
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
 * The band for one patient's clinic, indication and instrument. The clinic must be one of the
 * clinician's: the band is an aggregate of that clinic's patients only.
 */
export async function getExpectedBand(
	db: Kysely<DB>,
	scope: PatientScope,
	cell: { clinicId: number; indication: Indication; instrument: InstrumentCode; asOf: string }
): Promise<ExpectedBandRow[]> {
	if (!scope.clinicIds.includes(cell.clinicId)) return [];
	const where = sql`s.clinic_id = ${cell.clinicId} and s.indication = ${cell.indication}
		and s.instrument = ${cell.instrument}`;
	const { rows } = await sql<ExpectedBandRow>`
		select ordinal, n, p25, p75 from (${expectedBandCellsSql(cell.asOf, where)}) cells
		order by ordinal`.execute(db);
	return rows.map((r) => ({ ordinal: r.ordinal, n: r.n, p25: r.p25, p75: r.p75 }));
}

/**
 * Bands for each of a patient's instruments, for the patient's clinic (named as in the patient
 * JSON) and indication; an instrument without enough courses gets an empty list.
 */
export async function getPatientExpectedBands(
	db: Kysely<DB>,
	scope: PatientScope,
	patient: { clinic: string; indication: Indication; instruments: InstrumentCode[] },
	asOf: string
): Promise<Partial<Record<InstrumentCode, ExpectedBandRow[]>>> {
	const clinic = await db
		.selectFrom('clinics')
		.select('id')
		.where('name', '=', patient.clinic)
		.where('id', 'in', [...scope.clinicIds, -1])
		.executeTakeFirst();
	if (!clinic) return {};
	const bands = await Promise.all(
		patient.instruments.map(async (instrument) => {
			const cell = { clinicId: clinic.id, indication: patient.indication, instrument, asOf };
			return [instrument, await getExpectedBand(db, scope, cell)] as const;
		})
	);
	return Object.fromEntries(bands);
}
