import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemAggregateScope, systemPatientScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { refreshDerived } from '../../src/lib/server/derived/refresh';
import { getBoosterGaps } from '../../src/lib/server/queries/booster-gaps';
import { getBoosterSurvival } from '../../src/lib/server/queries/booster-survival';
import { getInductionOutcomes } from '../../src/lib/server/queries/induction';
import { getPatientDetail } from '../../src/lib/server/queries/patient-detail';
import { isGrouped, type Grouped } from '../../src/lib/server/queries/result';
import { getTrajectory } from '../../src/lib/server/queries/trajectory';
import { d, seedOutcomeCases, type OutcomeCase } from './support/outcome-cases';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// Booster gaps, Kaplan-Meier, trajectory, suppression and the patient view on the hand-built
// patients of support/outcome-cases.ts (Main Clinic, as of day 200), expectations by hand.

let database: Database;
let cases: OutcomeCase;
const filters = (
	extra: Partial<Omit<Filters, 'instrument'>> = {}
): Filters & { instrument: 'phq9' } => ({
	...EMPTY_FILTERS,
	instrument: 'phq9',
	clinic: ['Main Clinic'],
	as_of: d(200),
	...extra
});
function single<T>(result: Grouped<T>): T {
	if (isGrouped(result)) throw new Error('expected one cohort');
	return result;
}

beforeAll(async () => {
	database = await createTestDatabase();
	cases = await seedOutcomeCases(database.db);
	await refreshDerived(database.db, 'all');
});
afterAll(() => database?.close());

describe(`booster metrics on ${testDatabaseKind()}`, () => {
	it('estimates time to first booster with discharge and as-of censoring', async () => {
		// Complete courses, time from L: P1 49 (event), P2 discharged day 30 -> censored 19,
		// P3 39, P4 9, P5 censored at as-of 200 - 11 = 189, P7 course 1 29, course 2 150-111 = 39.
		const curve = single(
			await getBoosterSurvival(database.db, systemAggregateScope(1), filters(), 1)
		);
		expect([curve.n, curve.events, curve.censored]).toEqual([7, 5, 2]);
		expect(curve.steps.map((s) => [s.time, s.n_risk, s.n_event, s.n_censor])).toEqual([
			[9, 7, 1, 0],
			[19, 6, 0, 1],
			[29, 5, 1, 0],
			[39, 4, 2, 0],
			[49, 2, 1, 0],
			[189, 1, 0, 1]
		]);
		// S: 6/7, 6/7, 6/7 * 4/5, * 2/4, * 1/2; the median is the first time S <= 0.5: 39.
		expect(curve.steps.map((s) => s.survival)).toEqual(
			[6 / 7, 6 / 7, 24 / 35, 12 / 35, 6 / 35, 6 / 35].map((v) => expect.closeTo(v, 12))
		);
		expect(curve.median).toBe(39);
	});

	it('censors gap 2 at the next course start, discharge or as-of date', async () => {
		// Reached B1: P1 (B2 20 days later), P3 (200-50), P4 (200-20), P7 course 1 (next course
		// at day 100: 100-40 = 60), P7 course 2 (200-150 = 50).
		const curve = single(
			await getBoosterSurvival(database.db, systemAggregateScope(1), filters(), 2)
		);
		expect(curve.steps.map((s) => [s.time, s.n_event, s.n_censor])).toEqual([
			[20, 1, 0],
			[50, 0, 1],
			[60, 0, 1],
			[150, 0, 1],
			[180, 0, 1]
		]);
	});

	it('truncates the curve where fewer than min remain at risk and hides small counts', async () => {
		const curve = single(
			await getBoosterSurvival(database.db, systemAggregateScope(3), filters(), 1)
		);
		// n 7 shown; events 5 shown; censored 2 < 3 hidden; the curve stops before t = 49 (2 at risk).
		expect([curve.n, curve.events, curve.censored]).toEqual([7, 5, null]);
		expect(curve.steps.map((s) => s.time)).toEqual([9, 19, 29, 39]);
		expect(curve.suppressed).toEqual(expect.arrayContaining(['steps', 'censored']));
		// 6 patients < 11: no statistics at all.
		const hidden = single(
			await getBoosterSurvival(database.db, systemAggregateScope(11), filters(), 1)
		);
		expect(hidden.steps).toEqual([]);
		expect(hidden.median).toBeNull();
	});

	it('summarises observed gaps by index', async () => {
		// Gap 1: P4 9, P7 29, P3 39, P7 39, P1 49: median 39, q1 29, q3 39, mean 33.
		const result = single(await getBoosterGaps(database.db, systemAggregateScope(1), filters()));
		expect(result.gaps).toEqual([
			{ index: 1, n: 5, median: 39, q1: 29, q3: 39, mean: 33 },
			{ index: 2, n: 1, median: 20, q1: 20, q3: 20, mean: 20 },
			{ index: 3, n: 1, median: 30, q1: 30, q3: 30, mean: 30 }
		]);
		const suppressed = single(
			await getBoosterGaps(database.db, systemAggregateScope(2), filters())
		);
		expect(suppressed.gaps[1]).toEqual({
			index: 2,
			n: null,
			median: null,
			q1: null,
			q3: null,
			mean: null
		});
	});

	it('gives the trajectory at induction 1 and booster 1', async () => {
		const result = single(await getTrajectory(database.db, systemAggregateScope(1), filters()));
		const point = (phase: string, ordinal: number) =>
			result.points.find((p) => p.phase === phase && p.ordinal === ordinal);
		// Induction 1: 10, 10, 15, 18, 20, 20, 21 (P2 has none): median 18, type-7 q1 12.5, q3 20.
		expect(point('induction', 1)).toMatchObject({ n: 7, median: 18, q1: 12.5, q3: 20 });
		expect(point('induction', 1)?.mean).toBeCloseTo(114 / 7, 10);
		expect(point('induction', 1)?.mean_pct_change).toBe(0);
		// Booster 1: P4 4 (day 20), P7 7 (day 40), P3 3 (day 43 = L + 32 is B1's pre-infusion
		// score): % change -60, -65, -85.714.
		expect(point('booster', 1)).toMatchObject({ n: 3, median: 4 });
		expect(point('booster', 1)?.mean_pct_change).toBeCloseTo((-60 - 65 - 1800 / 21) / 3, 8);
	});

	it('suppresses counts and rates below the threshold, and min 1 turns it off', async () => {
		const result = single(
			await getInductionOutcomes(database.db, systemAggregateScope(11), filters())
		);
		// 7 patients < 11: no statistics; 8 courses is a small cell too.
		expect(result.courses_started).toBeNull();
		expect(result.baseline.mean).toBeNull();
		expect(result.response).toEqual({ count: null, rate: null, ci_low: null, ci_high: null });
		expect(result.suppressed).toEqual(expect.arrayContaining(['courses_started', 'group']));
		const open = single(
			await getInductionOutcomes(database.db, systemAggregateScope(1), filters())
		);
		expect(open.suppressed).toEqual([]);
		expect(open.courses_started).toBe(8);
	});

	it('groups by clinic', async () => {
		const result = await getInductionOutcomes(
			database.db,
			systemAggregateScope(1),
			filters({ clinic: [], by: 'clinic' })
		);
		if (!isGrouped(result)) throw new Error('expected groups');
		expect(result.groups.map((g) => [g.key, g.courses_started])).toEqual([
			['Edge Clinic', 2],
			['Main Clinic', 8]
		]);
	});
});

describe(`patient view on ${testDatabaseKind()}`, () => {
	it('shows courses, gaps and the interval trend, and refuses another clinic', async () => {
		const scope = systemPatientScope([cases.mainClinicId]);
		const detail = await getPatientDetail(database.db, scope, 'P1-base30');
		if (detail === null || detail === 'forbidden') throw new Error('expected a patient');
		const [course] = detail.courses;
		expect(course.induction_complete).toBe(true);
		// Gaps 49, 20, 30: slope over index 1..3 = ((-1)(16) + (1)(-3)) / 2 = -9.5 days per booster.
		expect(course.gaps).toEqual([
			{ index: 1, days: 49 },
			{ index: 2, days: 20 },
			{ index: 3, days: 30 }
		]);
		expect(course.gap_trend).toBeCloseTo(-9.5, 10);
		expect(course.instruments.phq9).toMatchObject({
			baseline: 20,
			post: 10,
			change: -10,
			pct_change: -50,
			response: true,
			remission: false
		});
		expect(course.instruments.phq9.assessments[0]).toMatchObject({
			date: d(-30),
			attached_phase: 'induction',
			attached_ordinal: 1
		});
		expect(await getPatientDetail(database.db, scope, 'P8-prevdate')).toBe('forbidden');
		expect(await getPatientDetail(database.db, scope, 'NOPE-000')).toBeNull();
	});

	it('applies an as-of date to a patient', async () => {
		const scope = systemPatientScope([cases.mainClinicId]);
		const detail = await getPatientDetail(database.db, scope, 'P7-reinduction', d(128));
		if (detail === null || detail === 'forbidden') throw new Error('expected a patient');
		expect(detail.courses.map((c) => c.instruments.phq9.post)).toEqual([7, 12]);
		expect(detail.courses[1].instruments.phq9.response).toBe(false);
	});
});
