import type { Kysely } from 'kysely';
import { getInstrument, isRemission, isResponse, reachedMcid } from '../../../src/lib/instruments';
import { classifyReliableChange } from '../../../src/lib/instruments';
import type { DB } from '../../../src/lib/server/db/schema';

// A second, deliberately plain computation of shared/domain.md section 3 for the tests: raw rows
// fetched with simple selects, then loops over each patient's dates in TypeScript. It shares no
// code with the SQL engine except the registry's per-course rules.

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export interface PlainSummary {
	courses_started: number;
	induction_completed: number;
	with_baseline_and_post: number;
	response: number;
	remission: number;
	mcid: number;
	reliable_improvement: number;
	firstBooster: { time: number; event: boolean }[];
	gaps: Map<number, number[]>;
	/** Kaplan-Meier subjects of time to booster j >= 2, by j: from booster j - 1. */
	laterBoosters: Map<number, { time: number; event: boolean }[]>;
}

export async function plainOutcomes(db: Kysely<DB>, instrumentCode: 'phq9', asOf: string) {
	const instrument = getInstrument(instrumentCode);
	const A = dayNumber(asOf);
	const clinics = new Map(
		(await db.selectFrom('clinics').select(['id', 'induction_target']).execute()).map((c) => [
			c.id,
			c.induction_target
		])
	);
	const patients = await db
		.selectFrom('patients')
		.select(['id', 'clinic_id', 'discharged_on'])
		.execute();
	const infusions = await db
		.selectFrom('infusions')
		.select(['patient_id', 'administered_on', 'phase'])
		.execute();
	const assessments = await db
		.selectFrom('assessments')
		.select(['patient_id', 'administered_on', 'total'])
		.where('instrument', '=', instrumentCode)
		.execute();
	const summary: PlainSummary = {
		courses_started: 0,
		induction_completed: 0,
		with_baseline_and_post: 0,
		response: 0,
		remission: 0,
		mcid: 0,
		reliable_improvement: 0,
		firstBooster: [],
		gaps: new Map(),
		laterBoosters: new Map()
	};
	for (const patient of patients) {
		const target = clinics.get(patient.clinic_id) ?? 6;
		const mine = infusions
			.filter((i) => i.patient_id === patient.id && dayNumber(i.administered_on) <= A)
			.map((i) => ({ day: dayNumber(i.administered_on), phase: i.phase }))
			.sort((a, b) => a.day - b.day);
		const scores = assessments
			.filter((a) => a.patient_id === patient.id && dayNumber(a.administered_on) <= A)
			.map((a) => ({ day: dayNumber(a.administered_on), total: a.total }));
		const latestIn = (after: number, upTo: number) =>
			scores.filter((s) => s.day > after && s.day <= upTo).sort((a, b) => b.day - a.day)[0]
				?.total ?? null;
		// Split into courses: a new one at an induction infusion right after a booster.
		const courses: { day: number; phase: string; before: number }[][] = [];
		mine.forEach((inf, i) => {
			const before = i > 0 ? mine[i - 1].day : -Infinity;
			if (i === 0 || (inf.phase === 'induction' && mine[i - 1].phase === 'booster'))
				courses.push([]);
			courses[courses.length - 1].push({ ...inf, before });
		});
		const discharge = patient.discharged_on ? dayNumber(patient.discharged_on) : Infinity;
		courses.forEach((course, c) => {
			summary.courses_started++;
			const inductions = course.filter((x) => x.phase === 'induction');
			const boosters = course.filter((x) => x.phase === 'booster');
			boosters.forEach((b, j) => {
				if (b.before === -Infinity) return;
				const list = summary.gaps.get(j + 1) ?? [];
				list.push(b.day - b.before);
				summary.gaps.set(j + 1, list);
			});
			const nextCourseStart = courses[c + 1]?.[0].day ?? Infinity;
			boosters.forEach((b, j) => {
				const next = boosters[j + 1];
				const list = summary.laterBoosters.get(j + 2) ?? [];
				list.push(
					next
						? { time: next.day - b.day, event: true }
						: { time: Math.max(0, Math.min(A, discharge, nextCourseStart) - b.day), event: false }
				);
				summary.laterBoosters.set(j + 2, list);
			});
			if (inductions.length < target) return;
			summary.induction_completed++;
			const first = course[0];
			const baseline =
				first.phase === 'induction'
					? latestIn(Math.max(first.before, first.day - 31), first.day)
					: null;
			const L = inductions[inductions.length - 1].day;
			const b1 = boosters[0]?.day ?? Infinity;
			const post = latestIn(L, Math.min(L + 31, b1, A));
			const nextStart = courses[c + 1]?.[0].day ?? Infinity;
			summary.firstBooster.push(
				b1 !== Infinity
					? { time: b1 - L, event: true }
					: { time: Math.max(0, Math.min(A, discharge, nextStart) - L), event: false }
			);
			if (baseline === null || post === null) return;
			summary.with_baseline_and_post++;
			if (isResponse(instrument, baseline, post)) summary.response++;
			if (isRemission(instrument, post)) summary.remission++;
			if (reachedMcid(instrument, baseline, post)) summary.mcid++;
			if (classifyReliableChange(instrument, baseline, post) === 'improved')
				summary.reliable_improvement++;
		});
	}
	return summary;
}
