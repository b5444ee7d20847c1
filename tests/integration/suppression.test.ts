import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { refreshDerived } from '../../src/lib/server/derived/refresh';
import { getInductionOutcomes } from '../../src/lib/server/queries/induction';
import { isGrouped } from '../../src/lib/server/queries/result';
import {
	addAssessments,
	addInfusions,
	createClinic,
	createPatient,
	day,
	schedule
} from './support/factories';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// Small-cell suppression (shared/domain.md section 5) as the aggregate query layer applies it:
// a group under the threshold shows nothing; a rate whose numerator or non-numerator is 1-10 is
// hidden; zero may be shown; SMALL_CELL_MIN = 1 turns it off.

const START = '2025-01-06';
const filters = (
	extra: Partial<Omit<Filters, 'instrument'>> = {}
): Filters & { instrument: 'phq9' } => ({
	...EMPTY_FILTERS,
	instrument: 'phq9',
	as_of: day(START, 120),
	...extra
});

let database: Database;

/** Baseline 20 on day 0, six infusions (L = day 11), a post-induction score on day 20. */
async function course(clinicId: number, code: string, post: number) {
	const id = await createPatient(database.db, { code, clinicId });
	await addInfusions(database.db, id, schedule(START, [0, 2, 4, 7, 9, 11]));
	await addAssessments(database.db, id, 'phq9', [
		{ on: START, total: 20 },
		{ on: day(START, 20), total: post }
	]);
}

beforeAll(async () => {
	database = await createTestDatabase();
	const large = await createClinic(database.db, 'Large');
	const small = await createClinic(database.db, 'Small');
	// Large: 3 remit (post 4), 22 respond without remission (post 10, exactly 50%), 5 do not
	// respond (post 15). All 30 improve by >= 5 points (PHQ-9 MCID); none deteriorates.
	const posts = [...Array(3).fill(4), ...Array(22).fill(10), ...Array(5).fill(15)];
	for (const [i, post] of posts.entries()) await course(large, `LG-${i + 100}`, post);
	for (let i = 0; i < 5; i++) await course(small, `SM-${i + 100}`, 10);
	await refreshDerived(database.db, 'all');
});
afterAll(() => database?.close());

describe(`small-cell suppression on ${testDatabaseKind()}`, () => {
	it('hides rates whose numerator or non-numerator is 1-10, and shows zero', async () => {
		const result = await getInductionOutcomes(
			database.db,
			systemAggregateScope(11),
			filters({ clinic: ['Large'] })
		);
		if (isGrouped(result)) throw new Error('expected one cohort');
		expect(result.courses_started).toBe(30);
		expect(result.with_baseline_and_post).toBe(30);
		// remission 3 of 30: numerator 3 is a small cell
		expect(result.remission).toEqual({ count: null, rate: null, ci_low: null, ci_high: null });
		// response 25 of 30: the 5 non-responders are a small cell
		expect(result.response).toEqual({ count: null, rate: null, ci_low: null, ci_high: null });
		// MCID 30 of 30 and reliable deterioration 0 of 30: no small cell, shown
		expect(result.mcid.count).toBe(30);
		expect(result.mcid.rate).toBe(1);
		expect(result.reliable_deterioration.count).toBe(0);
		expect(result.reliable_deterioration.rate).toBe(0);
		expect(result.suppressed).toEqual(expect.arrayContaining(['remission', 'response']));
		expect(result.suppressed).not.toContain('mcid');
	});

	it('shows no statistics at all for a group under 11 patients', async () => {
		const result = await getInductionOutcomes(
			database.db,
			systemAggregateScope(11),
			filters({ by: 'clinic' })
		);
		if (!isGrouped(result)) throw new Error('expected groups');
		const small = result.groups.find((g) => g.key === 'Small');
		const large = result.groups.find((g) => g.key === 'Large');
		expect(small?.courses_started).toBeNull();
		expect(small?.baseline.mean).toBeNull();
		expect(small?.change.mean).toBeNull();
		expect(small?.suppressed).toContain('group');
		expect(large?.courses_started).toBe(30);
		expect(large?.baseline.mean).toBe(20);
	});

	it('shows every value with SMALL_CELL_MIN = 1', async () => {
		const result = await getInductionOutcomes(
			database.db,
			systemAggregateScope(1),
			filters({ clinic: ['Large'] })
		);
		if (isGrouped(result)) throw new Error('expected one cohort');
		expect(result.remission.count).toBe(3);
		expect(result.remission.rate).toBeCloseTo(0.1, 12);
		expect(result.response.count).toBe(25);
		expect(result.suppressed).toEqual([]);
		const grouped = await getInductionOutcomes(
			database.db,
			systemAggregateScope(1),
			filters({ by: 'clinic' })
		);
		if (!isGrouped(grouped)) throw new Error('expected groups');
		expect(grouped.groups.find((g) => g.key === 'Small')?.courses_started).toBe(5);
	});
});
