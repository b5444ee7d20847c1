import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import type { InstrumentCode } from '../../src/lib/instruments';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { getInductionOutcomes } from '../../src/lib/server/queries/induction';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The induction rollups (settled courses by month) plus the facts for the courses still settling
// must answer exactly as the facts alone, at the latest date and at earlier as-of dates inside
// months (so both sides of the split hold courses). A course-start filter from before any data
// (1900-01-01) selects every course but forces the facts-only path.

const END = '2025-06-30';
const FACTS_PATH = { start_from: '1900-01-01' } as const;
let database: Database;

beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 240, seed: 5, endDate: END });
});
afterAll(() => database?.close());

const phq9: Filters = { ...EMPTY_FILTERS, instrument: 'phq9' };
const filterSets: Record<string, Filters> = {
	all: phq9,
	clinic: { ...phq9, clinic: ['McLean'] },
	'clinic + indication': { ...phq9, clinic: ['McLean'], indication: ['depression'] },
	'by clinic': { ...phq9, by: 'clinic' },
	'by indication': { ...phq9, by: 'indication' },
	'gad7 (no reliable-change gap)': { ...phq9, instrument: 'gad7' },
	pcl5: { ...phq9, instrument: 'pcl5', indication: ['ptsd'] },
	'as of mid-month a year back': { ...phq9, as_of: '2024-06-17' },
	'as of mid-month, by clinic': { ...phq9, as_of: '2024-11-09', by: 'clinic' },
	'as of a month start': { ...phq9, as_of: '2025-03-01' },
	'as of a month end': { ...phq9, as_of: '2025-01-31' },
	'as of before any data': { ...phq9, as_of: '2019-01-01' },
	'as of after the data': { ...phq9, as_of: '2026-01-15' },
	'unknown clinic': { ...phq9, clinic: ['Nowhere'] }
};

type Induction = Awaited<ReturnType<typeof getInductionOutcomes>>;

function answer(result: Induction): unknown {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { filters, ...rest } = result as Induction & { filters: unknown };
	return rest;
}

function run(filters: Filters, smallCellMin: number) {
	return getInductionOutcomes(
		database.db,
		systemAggregateScope(smallCellMin),
		filters as Filters & { instrument: InstrumentCode }
	);
}

function coursesStarted(result: Induction): number {
	const r = result as { courses_started?: number | null; groups?: { courses_started: number }[] };
	if ('groups' in r && r.groups) return r.groups.reduce((s, g) => s + (g.courses_started ?? 0), 0);
	return r.courses_started ?? 0;
}

describe(`induction rollups on ${testDatabaseKind()}`, () => {
	for (const smallCellMin of [1, 11]) {
		it.each(Object.entries(filterSets))(
			`give the facts' answers (%s, small-cell minimum ${smallCellMin})`,
			async (name, filters) => {
				const rolled = await run(filters, smallCellMin);
				const facts = await run({ ...filters, ...FACTS_PATH }, smallCellMin);
				expect(answer(rolled)).toEqual(answer(facts));
				const expectCourses =
					!filters.clinic.includes('Nowhere') && !name.includes('before any data');
				if (expectCourses && smallCellMin === 1) expect(coursesStarted(rolled)).toBeGreaterThan(10);
			}
		);
	}

	it('answer differently a year back, so the as-of date is applied', async () => {
		const now = answer(await run(phq9, 1));
		expect(answer(await run({ ...phq9, as_of: '2024-06-17' }, 1))).not.toEqual(now);
	});
});
