import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from '../../src/lib/filters';
import { kaplanMeier, mean } from '../../src/lib/metrics';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { getBoosterGaps } from '../../src/lib/server/queries/booster-gaps';
import { getBoosterSurvival } from '../../src/lib/server/queries/booster-survival';
import { getInductionOutcomes } from '../../src/lib/server/queries/induction';
import { isGrouped, type Grouped } from '../../src/lib/server/queries/result';
import { plainOutcomes } from './support/plain-outcomes';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The engine's numbers on the demo data against a second, plain computation over raw rows
// (support/plain-outcomes.ts), at the default as-of date and at one 120 days earlier. The demo
// is loaded through the import, so the derived tables here come from incremental maintenance.

const END = '2025-06-30';
const EARLIER = '2025-03-02';
let database: Database;
const scope = systemAggregateScope(1);
function single<T>(result: Grouped<T>): T {
	if (isGrouped(result)) throw new Error('expected one cohort');
	return result;
}

beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 150, seed: 7, endDate: END });
});
afterAll(() => database?.close());

describe.each([END, EARLIER])(`demo data as of %s on ${testDatabaseKind()}`, (asOf) => {
	it('matches the plain computation of induction outcomes', async () => {
		const plain = await plainOutcomes(database.db, 'phq9', asOf);
		const engine = single(
			await getInductionOutcomes(database.db, scope, {
				...EMPTY_FILTERS,
				instrument: 'phq9',
				as_of: asOf
			})
		);
		expect(plain.with_baseline_and_post).toBeGreaterThan(20);
		expect({
			courses_started: engine.courses_started,
			induction_completed: engine.induction_completed,
			with_baseline_and_post: engine.with_baseline_and_post,
			response: engine.response.count,
			remission: engine.remission.count,
			mcid: engine.mcid.count,
			reliable_improvement: engine.reliable_improvement.count
		}).toEqual({
			courses_started: plain.courses_started,
			induction_completed: plain.induction_completed,
			with_baseline_and_post: plain.with_baseline_and_post,
			response: plain.response,
			remission: plain.remission,
			mcid: plain.mcid,
			reliable_improvement: plain.reliable_improvement
		});
	});

	it('matches the plain computation of gaps and time to first booster', async () => {
		const plain = await plainOutcomes(database.db, 'phq9', asOf);
		const survival = single(
			await getBoosterSurvival(database.db, scope, { ...EMPTY_FILTERS, as_of: asOf }, 1)
		);
		const expected = kaplanMeier(plain.firstBooster);
		expect([survival.n, survival.events, survival.censored, survival.median]).toEqual([
			expected.n,
			expected.events,
			expected.censored,
			expected.median
		]);
		for (const j of [2, 3]) {
			const later = single(
				await getBoosterSurvival(database.db, scope, { ...EMPTY_FILTERS, as_of: asOf }, j)
			);
			const plainLater = kaplanMeier(plain.laterBoosters.get(j) ?? []);
			expect(plainLater.n).toBeGreaterThan(10);
			expect([later.n, later.events, later.censored, later.median]).toEqual([
				plainLater.n,
				plainLater.events,
				plainLater.censored,
				plainLater.median
			]);
		}
		const gaps = single(
			await getBoosterGaps(database.db, scope, { ...EMPTY_FILTERS, as_of: asOf })
		);
		const plainGaps = [...plain.gaps.entries()].sort(([a], [b]) => a - b);
		expect(gaps.gaps.map((g) => [g.index, g.n])).toEqual(plainGaps.map(([j, v]) => [j, v.length]));
		gaps.gaps.forEach((g, i) => expect(g.mean).toBeCloseTo(mean(plainGaps[i][1]) as number, 9));
	});
});
