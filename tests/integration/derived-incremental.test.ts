import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { rebuildDerived } from '../../src/lib/server/derived/rebuild';
import { DERIVED_TABLES, refreshDerived } from '../../src/lib/server/derived/refresh';
import { addAssessments, addInfusions, day } from './support/factories';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// Incremental maintenance (the import's refresh of the patients it touched, then a second part
// for a few patients) must leave exactly the tables a full rebuild makes.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.close());

async function snapshot(): Promise<Record<string, string[]>> {
	const tables: Record<string, string[]> = {};
	for (const table of DERIVED_TABLES) {
		// Row ids differ nowhere (facts carry raw ids), so rows compare as text, sorted.
		const { rows } = await sql<{ row: string }>`
			select t::text as row from ${sql.table(table)} t order by 1`.execute(database.db);
		tables[table] = rows.map((r) => r.row);
	}
	return tables;
}

describe(`derived tables on ${testDatabaseKind()}`, () => {
	it('are the same after incremental maintenance and after a full rebuild', async () => {
		await seedDemo(database.db, { patients: 60, seed: 11, endDate: '2025-06-30' });
		// A second part: a new course for some patients, touching only them.
		const { rows } = await sql<{ id: number; last: string }>`
			select patient_id as id, max(administered_on) as last from infusions
			group by patient_id order by patient_id limit 3`.execute(database.db);
		for (const { id, last } of rows) {
			await addInfusions(database.db, id, [
				{ on: day(last, 60), phase: 'booster' },
				{ on: day(last, 90), phase: 'induction' },
				{ on: day(last, 92), phase: 'induction' }
			]);
			await addAssessments(database.db, id, 'phq9', [{ on: day(last, 88), total: 14 }]);
		}
		// One patient moves to another clinician and age band: the trajectory rollups of the
		// cohort key the patient leaves must lose the patient's scores, not only the new key gain them.
		await sql`
			update patients set age_band = case when age_band = '65+' then '18-24' else '65+' end,
				clinician_id = (select max(c.id) from clinicians c
					where c.clinic_id = patients.clinic_id and c.id is distinct from patients.clinician_id)
			where id = ${rows[0].id}`.execute(database.db);
		await database.db.transaction().execute((trx) =>
			refreshDerived(
				trx,
				rows.map((r) => r.id)
			)
		);
		const incremental = await snapshot();
		expect(incremental.derived_infusions.length).toBeGreaterThan(300);
		expect(incremental.derived_course_scores.length).toBeGreaterThan(50);
		expect(incremental.derived_trajectory_cells.length).toBeGreaterThan(100);
		expect(incremental.derived_trajectory_histogram.length).toBeGreaterThan(100);
		expect(incremental.derived_induction_histogram.length).toBeGreaterThan(20);
		expect(incremental.derived_expected_band_histogram.length).toBeGreaterThan(100);
		expect(incremental.derived_booster_lanes.length).toBeGreaterThan(20);
		await rebuildDerived(database.db);
		expect(await snapshot()).toEqual(incremental);
	});
});
