import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, GROUP_BY, type Filters } from '../../src/lib/filters';
import type { InstrumentCode } from '../../src/lib/instruments';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import {
	getInductionOutcomes,
	getInductionOutcomesWithOverall
} from '../../src/lib/server/queries/induction';
import { isGrouped } from '../../src/lib/server/queries/result';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// /outcomes compared by a patient attribute takes the whole cohort's figures and the groups'
// from one query (the whole cohort's summed from the groups'). Both must be exactly what the two
// separate queries give: with no `by`, and with it, for every grouping (by start year the two
// queries still run), on the rollup and the facts paths, and with small cells suppressed.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 240, seed: 5, endDate: '2025-06-30' });
});
afterAll(() => database?.close());

const phq9: Filters = { ...EMPTY_FILTERS, instrument: 'phq9' };
const variants: Record<string, Partial<Filters>> = {
	latest: {},
	'as of mid-month': { as_of: '2024-11-09' },
	'one clinic': { clinic: ['McLean'] },
	'course start (facts path)': { start_from: '1900-01-01' },
	gad7: { instrument: 'gad7' }
};
type WithInstrument = Filters & { instrument: InstrumentCode };

describe(`induction outcomes with the whole cohort's on ${testDatabaseKind()}`, () => {
	for (const by of GROUP_BY) {
		for (const smallCellMin of [1, 11]) {
			it.each(Object.entries(variants))(
				`equal the two queries' answers (by ${by}, %s, small-cell minimum ${smallCellMin})`,
				async (_name, variant) => {
					const filters = { ...phq9, ...variant, by } as WithInstrument;
					const scope = systemAggregateScope(smallCellMin);
					const both = await getInductionOutcomesWithOverall(database.db, scope, filters);
					const summary = await getInductionOutcomes(database.db, scope, { ...filters, by: null });
					const compared = await getInductionOutcomes(database.db, scope, filters);
					expect(both).toEqual({ summary, compared });
					// Real figures, not two empty answers.
					if (!isGrouped(both.compared)) throw new Error('expected groups');
					const oneGroup = by === 'clinic' && filters.clinic.length === 1;
					expect(both.compared.groups.length).toBeGreaterThan(oneGroup ? 0 : 1);
					if (smallCellMin === 1 && !isGrouped(both.summary)) {
						expect(both.summary.courses_started).toBeGreaterThan(10);
					}
				}
			);
		}
	}
});
