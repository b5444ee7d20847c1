import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { tableCatalog } from './support/catalog';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// A first load fills the per-patient fact tables with their indexes and keys dropped
// (derived/bulk-fill.ts). Afterwards every index and key the migrations declared is back, the
// same as before, and a key still refuses a duplicate.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.close());

const catalog = () => tableCatalog(database.db, ['derived_%']);

describe(`a first load of the derived tables on ${testDatabaseKind()}`, () => {
	it('leaves every index and primary key as the migrations declared them', async () => {
		const declared = await catalog();
		expect(declared).toContain(
			'derived_scores: derived_scores_pkey PRIMARY KEY (infusion_id, instrument)'
		);
		await seedDemo(database.db, { patients: 40, seed: 2, endDate: '2025-06-30' });
		const { rows } = await sql<{ n: number }>`select count(*) as n from derived_scores`.execute(
			database.db
		);
		expect(rows[0].n).toBeGreaterThan(200);
		expect(await catalog()).toEqual(declared);
		await expect(
			sql`insert into derived_scores select * from derived_scores limit 1`.execute(database.db)
		).rejects.toThrow(/duplicate key/);
	});
});
