import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { getBoosterGaps } from '../../src/lib/server/queries/booster-gaps';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The booster-gap rollups must answer exactly as the per-infusion facts do. A course-start filter
// from before any data (1900-01-01) selects every course but forces the facts path; an as-of date
// a day before the latest one does too and must give a different answer (the boosters of that day
// drop out), so the comparison cannot pass by both paths reading the same thing.

const END = '2025-06-30';
const FACTS_PATH = { start_from: '1900-01-01' } as const;
let database: Database;

beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 240, seed: 5, endDate: END });
});
afterAll(() => database?.close());

const filterSets: Record<string, Filters> = {
	all: EMPTY_FILTERS,
	clinic: { ...EMPTY_FILTERS, clinic: ['McLean'] },
	'clinic + indication': { ...EMPTY_FILTERS, clinic: ['McLean'], indication: ['depression'] },
	'two indications': { ...EMPTY_FILTERS, indication: ['depression', 'ptsd'] },
	'by clinic': { ...EMPTY_FILTERS, by: 'clinic' },
	'by indication': { ...EMPTY_FILTERS, by: 'indication' },
	'by clinician (facts)': { ...EMPTY_FILTERS, by: 'clinician' },
	'as of the latest date': { ...EMPTY_FILTERS, as_of: END },
	'unknown clinic': { ...EMPTY_FILTERS, clinic: ['Nowhere'] }
};

function answer(result: { filters: unknown }): unknown {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { filters, ...rest } = result;
	return rest;
}

function gapCount(result: unknown): number {
	const r = result as { gaps?: unknown[]; groups?: { gaps: unknown[] }[] };
	return r.gaps?.length ?? (r.groups ?? []).reduce((sum, g) => sum + g.gaps.length, 0);
}

describe(`booster gap rollups on ${testDatabaseKind()}`, () => {
	for (const smallCellMin of [1, 11]) {
		const scope = systemAggregateScope(smallCellMin);
		it.each(Object.entries(filterSets))(
			`give the per-infusion answers (%s, small-cell minimum ${smallCellMin})`,
			async (_name, filters) => {
				const rolled = answer(await getBoosterGaps(database.db, scope, filters));
				const facts = answer(
					await getBoosterGaps(database.db, scope, { ...filters, ...FACTS_PATH })
				);
				expect(rolled).toEqual(facts);
				if (!filters.clinic.includes('Nowhere')) expect(gapCount(rolled)).toBeGreaterThan(3);
			}
		);
	}

	it('leaves an earlier as-of date to the facts', async () => {
		const scope = systemAggregateScope(1);
		const earlier = answer(
			await getBoosterGaps(database.db, scope, { ...EMPTY_FILTERS, as_of: '2025-01-31' })
		);
		expect(earlier).not.toEqual(answer(await getBoosterGaps(database.db, scope, EMPTY_FILTERS)));
	});
});
