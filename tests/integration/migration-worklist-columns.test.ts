import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { redoMigrationsAfter } from './support/migrations';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The worklist-columns migration copies the patient's columns and the flags' kinds into the
// stored worklist of an existing database, and the worklist-details migration moves the flags and
// scores to their own table. Undone and redone on a database the import filled, they must leave
// exactly the rows the refresh wrote.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 80, seed: 4, endDate: '2025-06-30' });
});
afterAll(() => database?.close());

const rows = async () => {
	const list = await sql<{ row: string }>`
		select w::text as row from derived_worklist w order by 1`.execute(database.db);
	const details = await sql<{ row: string }>`
		select d::text as row from derived_worklist_details d order by 1`.execute(database.db);
	return [...list.rows, ...details.rows].map((r) => r.row);
};

describe(`the worklist-columns and worklist-details migrations on ${testDatabaseKind()}`, () => {
	it('fills on existing data what the refresh writes', async () => {
		const refreshed = await rows();
		expect(refreshed.length).toBe(160);
		const { rows: flagged } = await sql<{ n: number }>`
			select count(*) as n from derived_worklist where cardinality(flag_kinds) > 0`.execute(database.db);
		expect(flagged[0].n).toBeGreaterThan(5);
		const undone = await redoMigrationsAfter(database.db, '2026-11-27T18-data-version');
		expect(undone).toContain('2026-11-27T19-worklist-columns');
		expect(await rows()).toEqual(refreshed);
	});
});
