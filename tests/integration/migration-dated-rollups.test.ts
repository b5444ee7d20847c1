import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { DATED_ROLLUP_TABLES } from '../../src/lib/server/derived/dated-rollups';
import { redoMigrationsAfter } from './support/migrations';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The dated-rollups migration fills its tables and flags from the facts of an existing database.
// Undone and redone on a database the import filled, it must leave exactly what the refresh wrote.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 80, seed: 3, endDate: '2025-06-30' });
});
afterAll(() => database?.close());

async function snapshot(): Promise<Record<string, string[]>> {
	const queries: Record<string, ReturnType<typeof sql<{ row: string }>>> = {
		score_flags: sql`select (infusion_id, instrument, first_at_ordinal, first_in_week)::text as row
			from derived_scores order by 1`,
		gap_flags: sql`select (infusion_id, first_gap)::text as row from derived_infusions order by 1`
	};
	for (const table of DATED_ROLLUP_TABLES) {
		queries[table] = sql`select t::text as row from ${sql.table(table)} t order by 1`;
	}
	const result: Record<string, string[]> = {};
	for (const [name, query] of Object.entries(queries)) {
		result[name] = (await query.execute(database.db)).rows.map((r) => r.row);
	}
	return result;
}

describe(`the dated-rollups migration on ${testDatabaseKind()}`, () => {
	it('fills on existing data what the refresh writes', async () => {
		const refreshed = await snapshot();
		expect(refreshed.derived_trajectory_dated_histogram.length).toBeGreaterThan(1000);
		expect(refreshed.gap_flags.filter((row) => row.endsWith(',t)')).length).toBeGreaterThan(50);
		const undone = await redoMigrationsAfter(database.db, '2026-11-27T14-patient-data-counts');
		expect(undone).toContain('2026-11-27T15-dated-rollups');
		expect(await snapshot()).toEqual(refreshed);
	});
});
