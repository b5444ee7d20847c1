import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemPatientScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db/connect';
import { refreshDerived } from '../../src/lib/server/derived/refresh';
import { getBoosterLanes, type LaneOptions } from '../../src/lib/server/queries/booster-lanes';
import { resolveClinicianCohort } from '../../src/lib/server/queries/clinician-cohort';
import { createTestDatabase } from './support/test-database';
import { addInfusions, createClinic, createPatient, day, schedule } from './support/factories';

// Booster lanes on hand-built courses. Induction on days 0, 2, 4, 7, 9, 11, so L = day 11 and a
// booster on day d is d - 11 days after the end of induction.

const START = '2025-01-06';
const INDUCTION = [0, 2, 4, 7, 9, 11];
let database: Database;
let northId: number;

async function lanes(over: Partial<LaneOptions> = {}, filters: Partial<Filters> = {}) {
	const scope = systemPatientScope([northId]);
	const cohort = await resolveClinicianCohort(database.db, scope, { ...EMPTY_FILTERS, ...filters });
	return getBoosterLanes(database.db, cohort, {
		sort: 'code',
		dir: 'asc',
		page: 1,
		pageSize: 50,
		...over
	});
}

beforeAll(async () => {
	database = await createTestDatabase();
	const { db } = database;
	northId = await createClinic(db, 'North');
	const southId = await createClinic(db, 'South');
	const add = async (code: string, days: number[], boosters: number[], extra = {}) => {
		const id = await createPatient(db, { code, clinicId: northId, ...extra });
		await addInfusions(db, id, schedule(START, days, boosters));
		return id;
	};
	await add('L1-SHORT', INDUCTION, [41, 66, 86]); // gaps 30, 25, 20
	await add('L2-SPREAD', INDUCTION, [41, 71, 111]); // gaps 30, 30, 40
	await add('L3-ONE', INDUCTION, [31]); // gap 20
	await add('L4-IND', INDUCTION, []); // no booster: no lane
	// Two courses: the second (days 100-104) has no booster yet, so the lane is course 1,
	// followed up to the next course's start (day 100).
	const l5 = await add('L5-TWO', INDUCTION, [41]);
	await addInfusions(db, l5, schedule(START, [100, 102, 104]));
	await add('L6-DISCH', INDUCTION, [41], { dischargedOn: day(START, 50) });
	const south = await createPatient(db, { code: 'S-OTHER', clinicId: southId });
	await addInfusions(db, south, schedule(START, INDUCTION, [41]));
	await refreshDerived(db, 'all');
});

afterAll(() => database?.close());

describe('booster lanes', () => {
	it('computes per-patient gaps, trend and follow-up, aligned at the end of induction', async () => {
		const result = await lanes();
		expect(result.as_of).toBe(day(START, 111));
		expect(result.total).toBe(5);
		expect(result.lanes.map((l) => l.code)).toEqual([
			'L1-SHORT',
			'L2-SPREAD',
			'L3-ONE',
			'L5-TWO',
			'L6-DISCH'
		]);
		const [l1, l2, l3, l5, l6] = result.lanes;
		expect(l1).toMatchObject({
			clinic: 'North',
			course: 1,
			aligned_on: day(START, 11),
			boosters: 3,
			median_gap: 25,
			latest_gap: 20,
			follow_up_day: 100
		});
		expect(l1.trend).toBeCloseTo(-5, 10);
		expect(l1.events.map((e) => [e.day, e.phase, e.ordinal])).toEqual([
			[-11, 'induction', 1],
			[-9, 'induction', 2],
			[-7, 'induction', 3],
			[-4, 'induction', 4],
			[-2, 'induction', 5],
			[0, 'induction', 6],
			[30, 'booster', 1],
			[55, 'booster', 2],
			[75, 'booster', 3]
		]);
		// (30, 30, 40) on (1, 2, 3): slope = sum dx*dy / sum dx^2 = (-1 * -3.33 + 1 * 6.67) / 2 = 5.
		expect(l2).toMatchObject({ median_gap: 30, latest_gap: 40 });
		expect(l2.trend).toBeCloseTo(5, 10);
		expect(l3).toMatchObject({ boosters: 1, median_gap: 20, latest_gap: 20, trend: null });
		expect(l5).toMatchObject({ course: 1, follow_up_day: 89, boosters: 1 });
		expect(l6).toMatchObject({ follow_up_day: 39 });
	});

	it('sorts by median gap and pages in SQL', async () => {
		const sorted = await lanes({ sort: 'median_gap', dir: 'desc' });
		expect(sorted.lanes.map((l) => [l.code, l.median_gap])).toEqual([
			['L2-SPREAD', 30],
			['L5-TWO', 30],
			['L6-DISCH', 30],
			['L1-SHORT', 25],
			['L3-ONE', 20]
		]);
		const byTrend = await lanes({ sort: 'trend', dir: 'asc', pageSize: 2, page: 1 });
		expect(byTrend.lanes.map((l) => l.code)).toEqual(['L1-SHORT', 'L2-SPREAD']);
		expect(byTrend.total).toBe(5);
		const page3 = await lanes({ pageSize: 2, page: 3 });
		expect(page3.lanes.map((l) => l.code)).toEqual(['L6-DISCH']);
	});

	it('ignores boosters after the as-of date', async () => {
		const { lanes: asOf70 } = await lanes({}, { as_of: day(START, 70) });
		const l1 = asOf70.find((l) => l.code === 'L1-SHORT')!;
		// Boosters on days 41 and 66: gaps 30 and 25, median 27.5, too few gaps for a trend.
		expect(l1).toMatchObject({ boosters: 2, median_gap: 27.5, latest_gap: 25, trend: null });
		expect(l1.follow_up_day).toBe(59);
		expect(l1.events.at(-1)).toMatchObject({ day: 55, phase: 'booster', ordinal: 2 });
	});
});
