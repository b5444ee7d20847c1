import type { Kysely } from 'kysely';
import type { DB } from '../../../src/lib/server/db/schema';
import {
	addAssessments,
	addInfusions,
	createClinic,
	createPatient,
	day,
	schedule
} from './factories';

// Hand-built patients for the window edges of shared/domain.md section 3. Day numbers are offsets
// from START; the standard induction is days 0, 2, 4, 7, 9, 11, so L = day 11.

export const START = '2024-03-01';
export const d = (offset: number) => day(START, offset);
const INDUCTION = [0, 2, 4, 7, 9, 11];

export interface OutcomeCase {
	mainClinicId: number;
	edgeClinicId: number;
	patients: Record<string, number>;
}

export async function seedOutcomeCases(db: Kysely<DB>): Promise<OutcomeCase> {
	const main = await createClinic(db, 'Main Clinic');
	const edge = await createClinic(db, 'Edge Clinic');
	const patients: Record<string, number> = {};
	const patient = async (code: string, clinicId = main, dischargedOn: string | null = null) => {
		patients[code] = await createPatient(db, { code, clinicId, dischargedOn });
		return patients[code];
	};
	const phq9 = (id: number, scores: [number, number][]) =>
		addAssessments(
			db,
			id,
			'phq9',
			scores.map(([offset, total]) => ({ on: d(offset), total }))
		);

	// P1: baseline 30 days before D1 (inside); post on L + 31 (inside), exactly 50% reduction.
	const p1 = await patient('P1-base30');
	await addInfusions(db, p1, schedule(START, INDUCTION, [60, 80, 110]));
	await phq9(p1, [
		[-30, 20],
		[42, 10]
	]);
	// P2: the only baseline candidate 31 days before D1 (outside); discharged before any booster.
	const p2 = await patient('P2-base31', main, d(30));
	await addInfusions(db, p2, schedule(START, INDUCTION));
	await phq9(p2, [
		[-31, 20],
		[20, 5]
	]);
	// P3: a post on L + 32 (outside, but B1's pre-infusion score) and one on day 30 (inside).
	const p3 = await patient('P3-post32');
	await addInfusions(db, p3, schedule(START, INDUCTION, [50]));
	await phq9(p3, [
		[0, 21],
		[30, 11],
		[43, 3]
	]);
	// P4: a post on B1's date (counts) and one the day after B1 (does not).
	const p4 = await patient('P4-onB1');
	await addInfusions(db, p4, schedule(START, INDUCTION, [20]));
	await phq9(p4, [
		[-1, 10],
		[20, 4],
		[21, 0]
	]);
	// P5: post 5 from baseline 10: exactly 50% (response) and PHQ-9 5 (not remission, < 5 is).
	const p5 = await patient('P5-remission-edge');
	await addInfusions(db, p5, schedule(START, INDUCTION));
	await phq9(p5, [
		[0, 10],
		[12, 5]
	]);
	// P6: incomplete induction (5 of 6).
	const p6 = await patient('P6-incomplete');
	await addInfusions(db, p6, schedule(START, [0, 2, 4, 7, 9]));
	await phq9(p6, [
		[0, 15],
		[15, 3]
	]);
	// P7: a re-induction course starting on day 100 after a booster on day 40.
	const p7 = await patient('P7-reinduction');
	await addInfusions(
		db,
		p7,
		schedule(START, [...INDUCTION, 100, 102, 104, 107, 109, 111], [40, 150]).sort((a, b) =>
			a.on.localeCompare(b.on)
		)
	);
	await phq9(p7, [
		[0, 20],
		[30, 8],
		[40, 7],
		[95, 18],
		[125, 12],
		[130, 9]
	]);

	// Edge clinic: pre-infusion windows of later infusions.
	// P8: an assessment on the previous infusion's date belongs to that infusion only.
	const p8 = await patient('P8-prevdate', edge);
	await addInfusions(db, p8, schedule(START, INDUCTION));
	await phq9(p8, [
		[0, 20],
		[2, 15]
	]);
	// P9: 7 days before an infusion counts, 8 days before does not.
	const p9 = await patient('P9-seven-eight', edge);
	await addInfusions(db, p9, schedule(START, [0, 10, 20, 22, 24, 26]));
	await phq9(p9, [
		[0, 20],
		[3, 17],
		[12, 16]
	]);
	return { mainClinicId: main, edgeClinicId: edge, patients };
}
