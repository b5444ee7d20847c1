import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import type { InstrumentCode } from '../../src/lib/instruments';
import { systemAggregateScope, type AggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { getDataAsOf, resolveCohort } from '../../src/lib/server/queries/cohort';
import { getTrajectory, getTrajectoryByWeek } from '../../src/lib/server/queries/trajectory';
import { rollupServes } from '../../src/lib/server/queries/trajectory-cells';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The trajectory rollups must answer exactly as the per-infusion facts do: same points, same
// numbers to the last digit, same suppression. A course-start filter from before any data
// (1900-01-01) selects every course but is not in the rollup key, so it forces the per-infusion
// path while asking the same question.

const END = '2025-06-30';
const FACTS_PATH = { start_from: '1900-01-01' } as const;
let database: Database;

beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 240, seed: 5, endDate: END });
});
afterAll(() => database?.close());

/** Whether the rollups answer these filters (the cohort the query itself resolves). */
async function servedByRollup(scope: AggregateScope, filters: Filters): Promise<boolean> {
	return rollupServes(await resolveCohort(database.db, scope, filters));
}

const base: Filters & { instrument: InstrumentCode } = { ...EMPTY_FILTERS, instrument: 'phq9' };
const filterSets: Record<string, Filters & { instrument: InstrumentCode }> = {
	all: base,
	clinic: { ...base, clinic: ['McLean'] },
	'clinic + indication': { ...base, clinic: ['McLean'], indication: ['depression'] },
	'by clinic': { ...base, by: 'clinic' },
	'by clinician': { ...base, by: 'clinician' },
	'by indication, two age bands': { ...base, by: 'indication', age_band: ['25-34', '35-44'] },
	'by age band': { ...base, by: 'age_band' },
	'by indication': { ...base, by: 'indication' },
	clinician: { ...base, clinician: ['MCL-DR01', 'BET-DR02'] },
	'as of the latest date': { ...base, as_of: END },
	gad7: { ...base, instrument: 'gad7' },
	'pcl5 by clinic': { ...base, instrument: 'pcl5', by: 'clinic' },
	pain: { ...base, instrument: 'pain_nrs' },
	'unknown clinic': { ...base, clinic: ['Nowhere'] }
};

/** The points (or groups) without the echoed filters, which differ by the forcing filter. */
function answer(result: { filters: unknown }): unknown {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { filters, ...rest } = result;
	return rest;
}

function pointCount(result: unknown): number {
	const r = result as { points?: unknown[]; groups?: { points: unknown[] }[] };
	return r.points?.length ?? (r.groups ?? []).reduce((sum, g) => sum + g.points.length, 0);
}

describe(`trajectory rollups on ${testDatabaseKind()}`, () => {
	for (const smallCellMin of [1, 11]) {
		const scope = systemAggregateScope(smallCellMin);
		it.each(Object.entries(filterSets))(
			`give the per-infusion answers (%s, small-cell minimum ${smallCellMin})`,
			async (_name, filters) => {
				expect(await servedByRollup(scope, filters)).toBe(true);
				expect(await servedByRollup(scope, { ...filters, ...FACTS_PATH })).toBe(false);
				for (const query of [getTrajectory, getTrajectoryByWeek]) {
					const rolled = answer(await query(database.db, scope, filters));
					const facts = answer(await query(database.db, scope, { ...filters, ...FACTS_PATH }));
					expect(rolled).toEqual(facts);
					if (!filters.clinic.includes('Nowhere')) expect(pointCount(rolled)).toBeGreaterThan(3);
				}
			}
		);
	}

	it('leaves earlier as-of dates and course-start filters to the per-infusion facts', async () => {
		const scope = systemAggregateScope(1);
		expect(await getDataAsOf(database.db, scope)).toBe(END);
		expect(await servedByRollup(scope, { ...base, as_of: '2025-06-29' })).toBe(false);
		expect(await servedByRollup(scope, { ...base, as_of: '2030-01-01' })).toBe(true);
		expect(await servedByRollup(scope, { ...base, by: 'start_year' })).toBe(false);
		expect(await servedByRollup(scope, { ...base, start_to: END })).toBe(false);
		// An earlier date answers differently from the latest one: the fallback really applies it.
		const earlier = answer(
			await getTrajectory(database.db, scope, { ...base, as_of: '2025-01-31' })
		);
		const latest = answer(await getTrajectory(database.db, scope, base));
		expect(earlier).not.toEqual(latest);
	});
});
