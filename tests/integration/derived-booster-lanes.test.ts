import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemPatientScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import {
	getBoosterLanes,
	getBoosterLanesFrom,
	type LaneOptions
} from '../../src/lib/server/queries/booster-lanes';
import { resolveClinicianCohort } from '../../src/lib/server/queries/clinician-cohort';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The stored lanes (derived_booster_lanes) must give exactly the lanes computed from the facts at
// the latest date: same patients, courses, order, pages, totals, gaps, trends (floats to the last
// bit), follow-up and events, for every sort and filter /intervals offers.

const END = '2025-06-30';
let database: Database;
let clinicIds: number[];

beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 240, seed: 5, endDate: END });
	clinicIds = (await database.db.selectFrom('clinics').select('id').execute()).map((c) => c.id);
});
afterAll(() => database?.close());

const base: LaneOptions = { sort: 'trend', dir: 'asc', page: 1, pageSize: 25 };

const cohortOf = (filters: Partial<Filters>) =>
	resolveClinicianCohort(database.db, systemPatientScope(clinicIds), {
		...EMPTY_FILTERS,
		...filters
	});

const cases: [string, Partial<LaneOptions>, Partial<Filters>][] = [
	['default (shortening trend first)', {}, {}],
	['trend descending, page 2', { dir: 'desc', page: 2 }, {}],
	['median gap, page 3', { sort: 'median_gap', dir: 'desc', page: 3 }, {}],
	['latest gap ascending', { sort: 'latest_gap', dir: 'asc' }, {}],
	['boosters', { sort: 'boosters', dir: 'desc' }, {}],
	['code, page 4', { sort: 'code', page: 4 }, {}],
	['one clinic', {}, { clinic: ['McLean'] }],
	['a clinician', { sort: 'median_gap', dir: 'desc' }, { clinician: ['BET-DR02'] }],
	['depression, 35-44', {}, { indication: ['depression'], age_band: ['35-44'] }],
	// A start filter can pick an earlier course than the patient's latest with a booster.
	['courses started in 2024', {}, { start_from: '2024-01-01', start_to: '2024-12-31' }],
	['courses started before 2024', { sort: 'code' }, { start_to: '2023-12-31' }],
	['as of a date after the data', {}, { as_of: '2025-12-31' }],
	['a clinic outside the scope', {}, { clinic: ['Nowhere'] }],
	['a page past the end', { page: 40 }, {}]
];

describe(`stored booster lanes on ${testDatabaseKind()}`, () => {
	it.each(cases)('give the computed lanes (%s)', async (name, over, filters) => {
		const cohort = await cohortOf(filters);
		const options = { ...base, ...over };
		const stored = await getBoosterLanesFrom(database.db, cohort, options, 'stored');
		const computed = await getBoosterLanesFrom(database.db, cohort, options, 'computed');
		expect(stored).toEqual(computed);
		if (!name.includes('outside') && !name.includes('past the end')) {
			expect(stored.lanes.length).toBeGreaterThan(0);
		}
		if (name.includes('past the end')) {
			// The page is empty, but the total is still every lane's, as on page 1.
			const first = await getBoosterLanesFrom(database.db, cohort, base, 'stored');
			expect(stored.lanes).toHaveLength(0);
			expect(stored.total).toBe(first.total);
		}
		if (Object.keys(filters).length === 0 && options.page === 1) {
			expect(stored.total).toBeGreaterThan(50);
			expect(stored.lanes).toHaveLength(25);
		}
	});

	it('have earlier courses, trends and follow-up bounds to compare', async () => {
		const { rows } = await sql<{ earlier: number; trends: number; bounded: number }>`
			select count(*) filter (where not latest) as earlier,
				count(trend) filter (where latest) as trends,
				count(follow_up_until) filter (where latest) as bounded
			from derived_booster_lanes`.execute(database.db);
		expect(rows[0].earlier).toBeGreaterThan(5);
		expect(rows[0].trends).toBeGreaterThan(20);
		expect(rows[0].bounded).toBeGreaterThan(2);
		const cohort = await cohortOf({ start_to: '2023-12-31' });
		const lanes = await getBoosterLanesFrom(database.db, cohort, base, 'stored');
		expect(lanes.total).toBeGreaterThan(5);
	});

	it('are read at the latest date and not before it', async () => {
		const marker = 1000;
		const bump = (by: number) =>
			sql`update derived_booster_lanes set boosters = boosters + ${by}`.execute(database.db);
		await bump(marker);
		try {
			const latest = await getBoosterLanes(database.db, await cohortOf({}), base);
			expect(latest.as_of).toBe(END);
			expect(latest.lanes.every((l) => l.boosters > marker)).toBe(true);
			const earlier = await getBoosterLanes(
				database.db,
				await cohortOf({ as_of: '2025-06-29' }),
				base
			);
			expect(earlier.lanes.length).toBeGreaterThan(0);
			expect(earlier.lanes.every((l) => l.boosters < marker)).toBe(true);
		} finally {
			await bump(-marker);
		}
	});

	it('are filled by the migration on existing data as the refresh writes them', async () => {
		const snapshot = async () =>
			(
				await sql<{ row: string }>`
					select t::text as row from derived_booster_lanes t order by 1`.execute(database.db)
			).rows.map((r) => r.row);
		const refreshed = await snapshot();
		expect(refreshed.length).toBeGreaterThan(100);
		const names = Object.keys(migrations);
		const mine = names.indexOf('2026-11-27T20-booster-lane-snapshot');
		const migrator = new Migrator({
			db: database.db,
			provider: { getMigrations: async () => migrations }
		});
		const down = await migrator.migrateTo(names[mine - 1]);
		expect(down.error).toBeUndefined();
		expect(down.results?.map((r) => r.migrationName)).toContain(names[mine]);
		const up = await migrator.migrateToLatest();
		expect(up.error).toBeUndefined();
		expect(await snapshot()).toEqual(refreshed);
	});
});
