import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// A first load fills the big fact tables with their indexes and primary keys dropped
// (derived/bulk-fill.ts). Afterwards every index and key the migrations declared is back, the
// same as before, and a key still refuses a duplicate.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.close());

async function catalog(): Promise<string[]> {
	const { rows } = await sql<{ item: string }>`
		select t.relname || ': ' || pg_get_indexdef(x.indexrelid) as item
		from pg_index x
		join pg_class t on t.oid = x.indrelid
		where t.relnamespace = current_schema()::regnamespace and t.relname like 'derived_%'
		union all
		select t.relname || ': ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
		from pg_constraint c join pg_class t on t.oid = c.conrelid
		where t.relnamespace = current_schema()::regnamespace and t.relname like 'derived_%'
		order by 1`.execute(database.db);
	return rows.map((r) => r.item);
}

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
