import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { getBoosterSurvival } from '../../src/lib/server/queries/booster-survival';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// Kaplan-Meier from the settled-subject cells plus the subjects still open must answer exactly
// as the subjects alone (a course-start filter from before any data forces that path), for the
// first and later boosters, at the latest date and at as-of dates inside and at the edge of months.

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
	'by clinic': { ...EMPTY_FILTERS, by: 'clinic' },
	'by indication': { ...EMPTY_FILTERS, by: 'indication' },
	'as of mid-month a year back': { ...EMPTY_FILTERS, as_of: '2024-06-17' },
	'as of a month start, by clinic': { ...EMPTY_FILTERS, as_of: '2025-03-01', by: 'clinic' },
	'as of after the data': { ...EMPTY_FILTERS, as_of: '2026-01-15' }
};

function answer(result: { filters: unknown }): unknown {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { filters, ...rest } = result;
	return rest;
}

function subjects(result: unknown): number {
	const r = result as { n?: number | null; groups?: { n: number | null }[] };
	return r.groups ? r.groups.reduce((sum, g) => sum + (g.n ?? 0), 0) : (r.n ?? 0);
}

describe(`Kaplan-Meier rollups on ${testDatabaseKind()}`, () => {
	for (const gap of [1, 2, 3]) {
		for (const smallCellMin of [1, 11]) {
			const scope = systemAggregateScope(smallCellMin);
			it.each(Object.entries(filterSets))(
				`give the subjects' answers for booster ${gap} (%s, small-cell minimum ${smallCellMin})`,
				async (_name, filters) => {
					const rolled = answer(await getBoosterSurvival(database.db, scope, filters, gap));
					const facts = answer(
						await getBoosterSurvival(database.db, scope, { ...filters, ...FACTS_PATH }, gap)
					);
					expect(rolled).toEqual(facts);
					if (smallCellMin === 1) expect(subjects(rolled)).toBeGreaterThan(10);
				}
			);
		}
	}
});
