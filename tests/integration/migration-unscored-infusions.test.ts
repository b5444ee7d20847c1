import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { redoMigrationsAfter } from './support/migrations';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// Migration …T31 lists the infusions that no instrument has a pre-infusion score for, from the
// facts of an existing database. Undone and redone on a database the import filled, it must
// leave exactly the rows the refresh wrote, and those are the infusions without a score.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 80, seed: 5, endDate: '2025-06-30' });
});
afterAll(() => database?.close());

const unscoredRows = async () =>
	(
		await sql<{ row: string }>`select (infusion_id, patient_id)::text as row
			from derived_unscored_infusions order by infusion_id`.execute(database.db)
	).rows.map((r) => r.row);

describe(`the unscored-infusions migration on ${testDatabaseKind()}`, () => {
	it('lists exactly the infusions without a pre-infusion score, as the refresh does', async () => {
		// The definition, from the raw infusions and the scores: no derived score for the infusion.
		const { rows: defined } = await sql<{ row: string }>`
			select (i.id, i.patient_id)::text as row from infusions i
			where not exists (select 1 from derived_scores s where s.infusion_id = i.id)
			order by i.id`.execute(database.db);
		const { rows: counts } = await sql<{ n: number }>`
			select count(*)::int as n from infusions`.execute(database.db);
		const refreshed = await unscoredRows();
		expect(refreshed).toEqual(defined.map((r) => r.row));
		// Some infusions of the demo have no questionnaire before them, most do.
		expect(refreshed.length).toBeGreaterThan(5);
		expect(refreshed.length).toBeLessThan(counts[0].n / 4);

		const undone = await redoMigrationsAfter(
			database.db,
			'2026-11-27T30-current-infusion-lookups',
			async () => {
				const { rows } = await sql<{ n: number }>`select count(*)::int as n
					from information_schema.tables where table_name = 'derived_unscored_infusions'`.execute(
					database.db
				);
				expect(rows[0].n).toBe(0);
			}
		);
		expect(undone).toEqual(['2026-11-27T31-unscored-infusions']);
		expect(await unscoredRows()).toEqual(refreshed);
	});
});
