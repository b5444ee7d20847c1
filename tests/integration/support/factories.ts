import type { Kysely } from 'kysely';
import type { AgeBand, DB, Indication, Phase } from '../../../src/lib/server/db/schema';

// Small typed factories for hand-built cases: each inserts exactly what a test names and returns
// the ids. Dates are 'YYYY-MM-DD'; `day(base, n)` moves a date by whole calendar days.

export function day(base: string, offset: number): string {
	const date = new Date(`${base}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + offset);
	return date.toISOString().slice(0, 10);
}

export async function createClinic(
	db: Kysely<DB>,
	name: string,
	inductionTarget = 6
): Promise<number> {
	const row = await db
		.insertInto('clinics')
		.values({ name, induction_target: inductionTarget })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function createClinician(
	db: Kysely<DB>,
	clinicId: number,
	code: string
): Promise<number> {
	const row = await db
		.insertInto('clinicians')
		.values({ clinic_id: clinicId, code })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export interface PatientSpec {
	code: string;
	clinicId: number;
	clinicianId?: number | null;
	indication?: Indication;
	ageBand?: AgeBand;
	enrolledOn?: string;
	dischargedOn?: string | null;
}

export async function createPatient(db: Kysely<DB>, spec: PatientSpec): Promise<number> {
	const row = await db
		.insertInto('patients')
		.values({
			patient_code: spec.code,
			clinic_id: spec.clinicId,
			clinician_id: spec.clinicianId ?? null,
			primary_indication: spec.indication ?? 'depression',
			age_band: spec.ageBand ?? '35-44',
			enrolled_on: spec.enrolledOn ?? '2020-01-01',
			discharged_on: spec.dischargedOn ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function addInfusions(
	db: Kysely<DB>,
	patientId: number,
	infusions: { on: string; phase: Phase }[]
): Promise<void> {
	if (infusions.length === 0) return;
	await db
		.insertInto('infusions')
		.values(
			infusions.map((i) => ({
				patient_id: patientId,
				administered_on: i.on,
				phase: i.phase,
				dose_mg_per_kg: 0.5
			}))
		)
		.execute();
}

/** Induction infusions on the given day offsets from `start`, then boosters likewise. */
export function schedule(
	start: string,
	inductionDays: number[],
	boosterDays: number[] = []
): { on: string; phase: Phase }[] {
	return [
		...inductionDays.map((d) => ({ on: day(start, d), phase: 'induction' as const })),
		...boosterDays.map((d) => ({ on: day(start, d), phase: 'booster' as const }))
	];
}

export async function addAssessments(
	db: Kysely<DB>,
	patientId: number,
	instrument: string,
	scores: { on: string; total: number; items?: number[] | null }[]
): Promise<void> {
	if (scores.length === 0) return;
	await db
		.insertInto('assessments')
		.values(
			scores.map((s) => ({
				patient_id: patientId,
				instrument,
				administered_on: s.on,
				total: s.total,
				items: s.items ?? null
			}))
		)
		.execute();
}
