import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { refreshDerived } from '../../src/lib/server/derived/refresh';
import {
	getBoosterActivity,
	type BoosterActivity
} from '../../src/lib/server/queries/booster-activity';
import { isGrouped } from '../../src/lib/server/queries/result';
import { addInfusions, createClinic, createPatient, day, schedule } from './support/factories';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// Hand-built clinic A: 25 patients whose induction (days 0, 2, 4, 7, 9, 11) ends on L = day 11.
// Period 1 = days 12-101 from the start, period 2 = 102-191, period 3 = 192-281.
//   X (12 patients): boosters on days 40 and 101 (period 1, the last day counts), 191 (the last
//     day of period 2) and 250 (period 3).
//   Y (11 patients): boosters on days 102 (the first day of period 2) and 290 (after the as-of
//     date in the main case, so never counted there).
//   Z1: discharged on day 60, no boosters.  Z2: a booster on day 30, then re-inducted on days
//     150 and 152 (course 2, incomplete, so it takes no part).
// Clinic B: 3 patients with boosters, a group below the small-cell minimum.
// Expected values are counted by hand from this plan; intervals from the textbook formulas
// (Wilson z = 1.959964; t(0.975, 24) = 2.063899).

const START = '2024-01-01';
const INDUCTION = [0, 2, 4, 7, 9, 11];
const AS_OF = day(START, 281); // L + 270: periods 1-3 have elapsed, period 4 has not.
const scope = systemAggregateScope(11);
const filters = (extra: Partial<Filters>): Filters => ({
	...EMPTY_FILTERS,
	as_of: AS_OF,
	...extra
});

let database: Database;

/** The groups of a result, the single cohort as one group keyed 'all' without `by`. */
function groupsOf(result: BoosterActivity) {
	return isGrouped(result) ? result.groups : [{ key: 'all', ...result }];
}

beforeAll(async () => {
	database = await createTestDatabase();
	const { db } = database;
	const a = await createClinic(db, 'A');
	const b = await createClinic(db, 'B');
	const patient = (code: string, clinicId: number, dischargedOn: string | null = null) =>
		createPatient(db, { code, clinicId, enrolledOn: START, dischargedOn });
	for (let i = 1; i <= 12; i++) {
		const id = await patient(`X-${i}`, a);
		await addInfusions(db, id, schedule(START, INDUCTION, [40, 101, 191, 250]));
	}
	for (let i = 1; i <= 11; i++) {
		const id = await patient(`Y-${i}`, a);
		await addInfusions(db, id, schedule(START, INDUCTION, [102, 290]));
	}
	await addInfusions(db, await patient('Z-1', a, day(START, 60)), schedule(START, INDUCTION));
	await addInfusions(db, await patient('Z-2', a), [
		...schedule(START, INDUCTION, [30]),
		{ on: day(START, 150), phase: 'induction' },
		{ on: day(START, 152), phase: 'induction' }
	]);
	for (let i = 1; i <= 3; i++) {
		const id = await patient(`B-${i}`, b);
		await addInfusions(db, id, schedule(START, INDUCTION, [40, 120]));
	}
	await refreshDerived(db, 'all');
}, 60_000);
afterAll(() => database?.close());

describe(`booster activity on ${testDatabaseKind()}`, () => {
	it('counts boosters per course and the share with a booster in each elapsed period', async () => {
		const result = await getBoosterActivity(database.db, scope, filters({ clinic: ['A'] }));
		expect(result.as_of).toBe(AS_OF);
		expect(result.period_days).toBe(90);
		expect(groupsOf(result).map((g) => g.key)).toEqual(['all']);
		const [p1, p2, p3] = groupsOf(result)[0].periods;
		expect(groupsOf(result)[0].periods).toHaveLength(3);

		// Period 1: X 2 each (24) + Z2 1 = 25 boosters over 25 courses; 13 with a booster.
		expect(p1).toMatchObject({ period: 1, day_from: 1, day_to: 90, courses: 25, boosters: 25 });
		expect(p1.boosters_per_course.mean).toBeCloseTo(1, 10);
		expect(p1.boosters_per_course.sd).toBeCloseTo(1, 10);
		expect(p1.boosters_per_course.ci_low).toBeCloseTo(0.58722, 5);
		expect(p1.boosters_per_course.ci_high).toBeCloseTo(1.41278, 5);
		expect(p1.with_booster.count).toBe(13);
		expect(p1.with_booster.rate).toBeCloseTo(0.52, 10);
		expect(p1.with_booster.ci_low).toBeCloseTo(0.33499, 5);
		expect(p1.with_booster.ci_high).toBeCloseTo(0.69969, 5);
		expect(p1.boosters_per_active_course).toBeCloseTo(25 / 13, 10);
		// Only Z1 (discharged day 60) has ended: a count of 1 is hidden.
		expect(p1.ended).toEqual({ count: null, rate: null, ci_low: null, ci_high: null });

		// Period 2: X (day 191) and Y (day 102) once each = 23; only Z1 and Z2 without one, so
		// the share is hidden (non-numerator 2), and with it the per-active figure.
		expect(p2).toMatchObject({ day_from: 91, day_to: 180, courses: 25, boosters: 23 });
		expect(p2.boosters_per_course.mean).toBeCloseTo(0.92, 10);
		expect(p2.boosters_per_course.sd).toBeCloseTo(0.276887, 6);
		expect(p2.boosters_per_course.ci_low).toBeCloseTo(0.805706, 5);
		expect(p2.with_booster.count).toBeNull();
		expect(p2.boosters_per_active_course).toBeNull();
		expect(p2.ended.count).toBeNull();

		// Period 3: X's day-250 booster only (Y's day 290 is after the as-of date).
		expect(p3).toMatchObject({ day_from: 181, day_to: 270, courses: 25, boosters: 12 });
		expect(p3.boosters_per_course.mean).toBeCloseTo(0.48, 10);
		expect(p3.boosters_per_course.sd).toBeCloseTo(0.509902, 6);
		expect(p3.with_booster.count).toBe(12);
		expect(p3.with_booster.ci_low).toBeCloseTo(0.30031, 5);
		expect(p3.with_booster.ci_high).toBeCloseTo(0.66501, 5);
		expect(p3.boosters_per_active_course).toBeCloseTo(1, 10);
		expect(groupsOf(result)[0].suppressed).toEqual(
			expect.arrayContaining(['ended', 'with_booster'])
		);
	});

	it('takes a period only once it has fully elapsed by the as-of date', async () => {
		// L + 179: period 2 ends on L + 180, one day later, so only period 1 is reported.
		const early = await getBoosterActivity(
			database.db,
			scope,
			filters({ clinic: ['A'], as_of: day(START, 11 + 179) })
		);
		expect(groupsOf(early)[0].periods.map((p) => p.period)).toEqual([1]);
		// Period 4 (L + 271 to L + 360) holds Y's day-290 booster once the as-of date reaches it.
		const later = await getBoosterActivity(
			database.db,
			scope,
			filters({ clinic: ['A'], as_of: day(START, 11 + 360) })
		);
		const p4 = groupsOf(later)[0].periods[3];
		expect(p4).toMatchObject({ period: 4, courses: 25, boosters: 11 });
		expect(p4.with_booster.count).toBe(11);
		expect(p4.with_booster.rate).toBeCloseTo(11 / 25, 10);
	});

	it('shows no statistics for a group below the small-cell minimum', async () => {
		const result = await getBoosterActivity(database.db, scope, filters({ by: 'clinic' }));
		expect(groupsOf(result).map((g) => g.key)).toEqual(['A', 'B']);
		const [, clinicB] = groupsOf(result);
		expect(clinicB.suppressed).toContain('group');
		for (const period of clinicB.periods) {
			expect(period.courses).toBeNull();
			expect(period.boosters).toBeNull();
			expect(period.boosters_per_course.mean).toBeNull();
			expect(period.with_booster.rate).toBeNull();
		}
		// Clinic A's numbers do not change when compared.
		expect(groupsOf(result)[0].periods[0].boosters).toBe(25);
	});

	it('returns no periods when no course has completed a period', async () => {
		const result = await getBoosterActivity(
			database.db,
			scope,
			filters({ clinic: ['A'], as_of: day(START, 11 + 89) })
		);
		expect(groupsOf(result)[0].periods).toEqual([]);
	});
});
