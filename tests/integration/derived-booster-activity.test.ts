import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { refreshDerived } from '../../src/lib/server/derived/refresh';
import { getBoosterActivity } from '../../src/lib/server/queries/booster-activity';
import { resolveCohort } from '../../src/lib/server/queries/cohort';
import { addInfusions, createClinic, createPatient, day, schedule } from './support/factories';
import { referenceActivityRows } from './support/reference-activity';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// Booster activity from the monthly cells plus the per-period rows must answer exactly as the
// rows alone (a course-start filter from before any data forces that path), and the rows must
// hold what the original query over the infusions computed (support/reference-activity.ts).

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
	'by age band (rows only)': { ...EMPTY_FILTERS, by: 'age_band' },
	'as of mid-month a year back': { ...EMPTY_FILTERS, as_of: '2024-06-17' },
	'as of a month start, by clinic': { ...EMPTY_FILTERS, as_of: '2025-03-01', by: 'clinic' },
	'as of after the data': { ...EMPTY_FILTERS, as_of: '2026-01-15' }
};

function answer(result: { filters: unknown }): unknown {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { filters, ...rest } = result;
	return rest;
}

describe(`booster activity rollups on ${testDatabaseKind()}`, () => {
	for (const smallCellMin of [1, 11]) {
		const scope = systemAggregateScope(smallCellMin);
		it.each(Object.entries(filterSets))(
			`give the rows' answers (%s, small-cell minimum ${smallCellMin})`,
			async (_name, filters) => {
				const rolled = answer(await getBoosterActivity(database.db, scope, filters));
				const rows = answer(
					await getBoosterActivity(database.db, scope, { ...filters, ...FACTS_PATH })
				);
				expect(rolled).toEqual(rows);
			}
		);
	}

	it.each(Object.entries(filterSets))(
		'hold what the original query computes (%s)',
		async (_name, filters) => {
			const scope = systemAggregateScope(1);
			const reference = await referenceActivityRows(
				database.db,
				await resolveCohort(database.db, scope, filters)
			);
			expect(reference.length).toBeGreaterThan(3);
			const result = await getBoosterActivity(database.db, scope, filters);
			const groups = 'groups' in result ? result.groups : [{ key: 'all', ...result }];
			const periods = groups.flatMap((g) =>
				g.periods.filter((p) => p.courses !== 0).map((p) => [p.period, p.courses, p.boosters])
			);
			const sd = groups.flatMap((g) =>
				g.periods.filter((p) => p.courses !== 0).map((p) => p.boosters_per_course.sd)
			);
			// Groups come in label order, the reference in key order: compare as sets of rows.
			const sorted = (list: unknown[][]) => list.map((r) => JSON.stringify(r)).sort();
			expect(sorted(periods.map((p, i) => [...p, sd[i]]))).toEqual(
				sorted(reference.map((r) => [r.period, r.courses, r.boosters, r.sd]))
			);
		}
	);
});

describe(`booster activity of a course whose induction resumes after a pause on ${testDatabaseKind()}`, () => {
	// Clinic C, one patient: induction on days 0-11 (target 6 reached on day 11), a 7th induction
	// infusion on day 130 (no booster between, so the same course), boosters on days 140 and 200.
	const START = '2024-01-01';
	let paused: Database;
	beforeAll(async () => {
		paused = await createTestDatabase();
		const clinicId = await createClinic(paused.db, 'C');
		const id = await createPatient(paused.db, { code: 'W-1', clinicId, enrolledOn: START });
		await addInfusions(paused.db, id, [
			...schedule(START, [0, 2, 4, 7, 9, 11], [140, 200]),
			{ on: day(START, 130), phase: 'induction' }
		]);
		await refreshDerived(paused.db, 'all');
	});
	afterAll(() => paused?.close());

	const periodsAsOf = async (asOf: string) => {
		const result = await getBoosterActivity(paused.db, systemAggregateScope(1), {
			...EMPTY_FILTERS,
			as_of: asOf
		});
		return 'groups' in result ? [] : result.periods.map((p) => [p.period, p.courses, p.boosters]);
	};

	it('counts from the last induction infusion by the as-of date', async () => {
		// As of day 120: L is day 11, so period 1 (days 12-101) has elapsed, without boosters.
		expect(await periodsAsOf(day(START, 120))).toEqual([[1, 1, 0]]);
	});

	it('counts from the final last induction infusion once it is recorded', async () => {
		// As of day 281: L is day 130, period 1 (days 131-220) holds both boosters; 2 has not ended.
		expect(await periodsAsOf(day(START, 281))).toEqual([[1, 1, 2]]);
	});
});
