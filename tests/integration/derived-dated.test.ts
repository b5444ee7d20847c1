import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import type { InstrumentCode } from '../../src/lib/instruments';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { getBoosterGaps } from '../../src/lib/server/queries/booster-gaps';
import { resolveCohort } from '../../src/lib/server/queries/cohort';
import {
	datedBoosterGapSource,
	datedRollupServes,
	datedTrajectorySource
} from '../../src/lib/server/queries/dated-sources';
import { getTrajectory, getTrajectoryByWeek } from '../../src/lib/server/queries/trajectory';
import { rollupServes } from '../../src/lib/server/queries/trajectory-cells';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The trajectory and booster gaps as of an earlier date, read from the per-year and per-month
// rollups plus the as-of month's facts, must answer exactly as the facts alone: same points, same
// numbers to the last digit, same suppression. A course-start filter from before any data forces
// the facts path while asking the same question. The as-of dates fall on and beside month and
// year boundaries, where a patient's rows in one cell (a second course, or one week's infusions)
// straddle the boundary.

const END = '2025-06-30';
const FACTS_PATH = { start_from: '1900-01-01' } as const;
let database: Database;

beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 240, seed: 5, endDate: END });
});
afterAll(() => database?.close());

const AS_OF_DATES = [
	'2022-05-20', // before most of the data
	'2023-12-31',
	'2024-01-01',
	'2024-03-01',
	'2024-06-17',
	'2024-09-30',
	'2025-02-14'
];

const groupings: Record<string, Filters> = {
	all: EMPTY_FILTERS,
	clinic: { ...EMPTY_FILTERS, clinic: ['McLean'] },
	'clinic + indication': { ...EMPTY_FILTERS, clinic: ['McLean'], indication: ['depression'] },
	'by clinic': { ...EMPTY_FILTERS, by: 'clinic' },
	'by indication': { ...EMPTY_FILTERS, by: 'indication' }
};

const cases = AS_OF_DATES.flatMap((asOf) =>
	Object.entries(groupings).map(
		([name, filters]) => [`${name}, as of ${asOf}`, { ...filters, as_of: asOf }] as const
	)
);

interface Count {
	key: string;
	cell: string;
	patients: number;
}

function answer(result: { filters: unknown }): unknown {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { filters, ...rest } = result;
	return rest;
}

function pointCount(result: unknown): number {
	const r = result as { points?: unknown[]; gaps?: unknown[]; groups?: { points?: unknown[] }[] };
	if (r.groups) return r.groups.reduce((sum, g) => sum + pointCount(g), 0);
	return (r.points ?? r.gaps ?? []).length;
}

describe(`per-period rollups on ${testDatabaseKind()}`, () => {
	it('hold month and year rows over more than one year, and serve these as-of dates', async () => {
		const { rows } = await sql<{ span: string; periods: number }>`
			select span, count(distinct period) as periods from derived_trajectory_dated_cells
			group by span order by span`.execute(database.db);
		expect(rows.map((r) => r.span)).toEqual(['month', 'year']);
		expect(rows.find((r) => r.span === 'year')?.periods).toBeGreaterThanOrEqual(3);
		const scope = systemAggregateScope(1);
		for (const [, filters] of cases) {
			const cohort = await resolveCohort(database.db, scope, filters);
			expect(rollupServes(cohort)).toBe(false);
			expect(datedRollupServes(cohort)).toBe(true);
		}
	});

	it('count each patient once per cell when a second course repeats an earlier cell', async () => {
		const { rows } = await sql<{ repeated: number }>`
			select count(*) as repeated from (
				select patient_id from derived_scores where instrument = 'phq9' and phase = 'induction'
				group by patient_id, ordinal having count(*) > 1
			) r`.execute(database.db);
		expect(rows[0].repeated).toBeGreaterThan(5);
	});

	// Patients only decide suppression in the answers above, so they are compared here directly:
	// distinct patients per cell over the facts up to the as-of date, by clinic.
	it.each(AS_OF_DATES)('count the distinct patients of each cell as of %s', async (asOf) => {
		const scope = systemAggregateScope(1);
		const cohort = await resolveCohort(database.db, scope, {
			...EMPTY_FILTERS,
			by: 'clinic',
			as_of: asOf
		});
		const counts = async (query: ReturnType<typeof sql<Count>>) =>
			(await query.execute(database.db)).rows.map((r) => `${r.key} ${r.cell} ${r.patients}`);
		for (const axis of ['phase', 'week'] as const) {
			const source = datedTrajectorySource(cohort, 'phq9', axis);
			const dated = await counts(sql<Count>`
				select clinic_id::text as key, axis || ' ' || position as cell,
					sum(patients) as patients
				from (${source.cells}) r group by 1, 2 order by 1, 2`);
			const cell = axis === 'phase' ? sql`phase || ' ' || ordinal` : sql`'week ' || week`;
			const facts = await counts(sql<Count>`
				select clinic_id::text as key, ${cell} as cell, count(distinct patient_id) as patients
				from derived_scores where instrument = 'phq9' and administered_on <= ${asOf}::date
				group by 1, 2 order by 1, 2`);
			expect(dated).toEqual(facts);
		}
		const gaps = datedBoosterGapSource(cohort);
		const dated = await counts(sql<Count>`
			select clinic_id::text as key, ordinal::text as cell, sum(patients) as patients
			from (${gaps.cells}) r group by 1, 2 order by 1, 2`);
		const facts = await counts(sql<Count>`
			select clinic_id::text as key, ordinal::text as cell, count(distinct patient_id) as patients
			from derived_infusions where phase = 'booster' and previous_on is not null
				and administered_on <= ${asOf}::date
			group by 1, 2 order by 1, 2`);
		expect(dated).toEqual(facts);
	});

	const instruments: InstrumentCode[] = ['phq9', 'gad7'];
	for (const smallCellMin of [1, 11]) {
		const scope = systemAggregateScope(smallCellMin);
		for (const instrument of instruments) {
			it.each(cases)(
				`give the facts' trajectory for ${instrument} (%s, small-cell minimum ${smallCellMin})`,
				async (_name, filters) => {
					const asked = { ...filters, instrument };
					const dated = answer(await getTrajectory(database.db, scope, asked));
					const facts = answer(
						await getTrajectory(database.db, scope, { ...asked, ...FACTS_PATH })
					);
					expect(dated).toEqual(facts);
					if (smallCellMin === 1 && instrument === 'phq9' && filters.as_of > '2023')
						expect(pointCount(dated)).toBeGreaterThan(3);
				}
			);
			it.each(cases)(
				`give the facts' trajectory by week for ${instrument} (%s, small-cell minimum ${smallCellMin})`,
				async (_name, filters) => {
					const asked = { ...filters, instrument };
					const dated = answer(await getTrajectoryByWeek(database.db, scope, asked));
					const facts = answer(
						await getTrajectoryByWeek(database.db, scope, { ...asked, ...FACTS_PATH })
					);
					expect(dated).toEqual(facts);
				}
			);
		}
		it.each(cases)(
			`give the facts' booster gaps (%s, small-cell minimum ${smallCellMin})`,
			async (_name, filters) => {
				const dated = answer(await getBoosterGaps(database.db, scope, filters));
				const facts = answer(
					await getBoosterGaps(database.db, scope, { ...filters, ...FACTS_PATH })
				);
				expect(dated).toEqual(facts);
				if (smallCellMin === 1 && filters.as_of > '2024')
					expect(pointCount(dated)).toBeGreaterThan(2);
			}
		);
	}
});
