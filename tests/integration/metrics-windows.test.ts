import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { refreshDerived } from '../../src/lib/server/derived/refresh';
import { getInductionOutcomes } from '../../src/lib/server/queries/induction';
import { isGrouped } from '../../src/lib/server/queries/result';
import { d, seedOutcomeCases, type OutcomeCase } from './support/outcome-cases';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// Window edges of shared/domain.md section 3 on hand-built patients; every expectation is
// computed by hand in the comments (see support/outcome-cases.ts for the patients).

let database: Database;
let cases: OutcomeCase;
const unsuppressed = systemAggregateScope(1);
const main = (extra: Partial<Filters> = {}) =>
	({ ...EMPTY_FILTERS, instrument: 'phq9', clinic: ['Main Clinic'], ...extra }) as Filters & {
		instrument: 'phq9';
	};

beforeAll(async () => {
	database = await createTestDatabase();
	cases = await seedOutcomeCases(database.db);
	await refreshDerived(database.db, 'all');
});
afterAll(() => database?.close());

async function preScores(code: string) {
	const { rows } = await sql<{ phase: string; ordinal: number; total: number }>`
		select s.phase, s.ordinal, s.total from derived_scores s
		where s.patient_id = ${cases.patients[code]} and s.instrument = 'phq9'
		order by s.administered_on`.execute(database.db);
	return rows.map((r) => `${r.phase} ${r.ordinal}: ${r.total}`);
}

describe(`pre-infusion windows on ${testDatabaseKind()}`, () => {
	it('takes a baseline 30 days before the first infusion but not 31', async () => {
		expect(await preScores('P1-base30')).toEqual(['induction 1: 20']);
		expect(await preScores('P2-base31')).toEqual([]);
	});

	it('leaves an assessment on the previous infusion date to that infusion', async () => {
		// Day 0: 20 is infusion 1's; day 2: 15 is infusion 2's (its own date); infusion 3 (day 4)
		// has nothing in (day 2, day 4].
		expect(await preScores('P8-prevdate')).toEqual(['induction 1: 20', 'induction 2: 15']);
	});

	it('counts an assessment 7 days before an infusion but not 8', async () => {
		// Day 3 is 7 days before day 10 (infusion 2); day 12 is 8 days before day 20 (infusion 3).
		expect(await preScores('P9-seven-eight')).toEqual(['induction 1: 20', 'induction 2: 17']);
	});

	it('numbers a re-induction as course 2 with its own baseline after course 1', async () => {
		const { rows } = await sql<{ course_index: number; course_start: string; baseline: number }>`
			select course_index, course_start, baseline_total as baseline from derived_course_scores
			join derived_courses using (patient_id, course_index)
			where patient_id = ${cases.patients['P7-reinduction']} order by course_index`.execute(database.db);
		expect(rows).toEqual([
			{ course_index: 1, course_start: d(0), baseline: 20 },
			{ course_index: 2, course_start: d(100), baseline: 18 }
		]);
	});
});

describe(`induction outcomes on ${testDatabaseKind()}`, () => {
	it('computes counts, means and rates from the hand-built courses', async () => {
		const result = await getInductionOutcomes(database.db, unsuppressed, main({ as_of: d(200) }));
		if (isGrouped(result)) throw new Error('expected one cohort');
		// Courses: P1-P6 one each, P7 two = 8; P6 incomplete = 7 complete. Observed (baseline and
		// post): P1 20->10, P3 21->11, P4 10->4, P5 10->5, P7 20->7 and 18->9 = 6 (P2 no baseline).
		expect(result.courses_started).toBe(8);
		expect(result.induction_completed).toBe(7);
		expect(result.with_baseline_and_post).toBe(6);
		expect(result.baseline.mean).toBeCloseTo(99 / 6, 10);
		expect(result.post.mean).toBeCloseTo(46 / 6, 10);
		// Changes -10, -10, -6, -5, -13, -9: mean -8.8333, SD sqrt(42.8333 / 5) = 2.92689;
		// t(0.975, 5) = 2.570582 -> -8.8333 +/- 3.07160.
		expect(result.change.mean).toBeCloseTo(-53 / 6, 10);
		expect(result.change.sd).toBeCloseTo(2.92689, 5);
		expect(result.change.ci_low).toBeCloseTo(-11.90493, 4);
		expect(result.change.ci_high).toBeCloseTo(-5.76173, 4);
		// Response (>= 50%): P1 exactly 50%, P4, P5 exactly 50%, P7 65%, P7 exactly 50%; P3 47.6%.
		expect(result.response.count).toBe(5);
		expect(result.response.rate).toBeCloseTo(5 / 6, 10);
		// Remission (< 5): P4 only (P5's 5 is not below 5).
		expect(result.remission.count).toBe(1);
		// MCID (>= 5 points): all six.
		expect(result.mcid.count).toBe(6);
		// RCI denominator 5.7 * sqrt(2) * sqrt(1 - 0.84) = 3.2244: -10, -10, -13, -9 are beyond
		// -1.96 (-3.10, -3.10, -4.03, -2.79); -6 (-1.86) and -5 (-1.55) are not.
		expect(result.reliable_improvement.count).toBe(4);
		expect(result.reliable_deterioration.count).toBe(0);
		expect(result.suppressed).toEqual([]);
	});

	it('ignores data after an earlier as-of date', async () => {
		// As of day 128: P7 course 2's post is day 125's 12 (day 130 is not recorded yet), so it
		// is no response (12 > 9) but still an MCID (18 - 12 = 6).
		const at128 = await getInductionOutcomes(database.db, unsuppressed, main({ as_of: d(128) }));
		if (isGrouped(at128)) throw new Error('expected one cohort');
		expect(at128.with_baseline_and_post).toBe(6);
		expect(at128.response.count).toBe(4);
		expect(at128.mcid.count).toBe(6);
		// As of day 120: course 2 complete (day 111) but nothing yet in (111, 120].
		const at120 = await getInductionOutcomes(database.db, unsuppressed, main({ as_of: d(120) }));
		if (isGrouped(at120)) throw new Error('expected one cohort');
		expect(at120.courses_started).toBe(8);
		expect(at120.with_baseline_and_post).toBe(5);
		expect(at120.response.count).toBe(4);
		// As of day 105: course 2 has started (day 100) but is not complete.
		const at105 = await getInductionOutcomes(database.db, unsuppressed, main({ as_of: d(105) }));
		if (isGrouped(at105)) throw new Error('expected one cohort');
		expect(at105.courses_started).toBe(8);
		expect(at105.induction_completed).toBe(6);
		// As of day 10: nobody has completed induction (day 11), so nobody has a post score.
		const at10 = await getInductionOutcomes(database.db, unsuppressed, main({ as_of: d(10) }));
		if (isGrouped(at10)) throw new Error('expected one cohort');
		expect(at10.courses_started).toBe(7);
		expect(at10.induction_completed).toBe(0);
		// Zero observed courses: a count of 0 may be shown, the rate is undefined.
		expect(at10.response).toEqual({ count: 0, rate: null, ci_low: null, ci_high: null });
	});
});
