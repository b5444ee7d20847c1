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

	it('picks the pre-infusion scores the definition names, window by window', async () => {
		// The refresh joins assessments to infusions by day buckets (derived/refresh.ts); the
		// definition, written plainly: per infusion and instrument, the latest assessment in
		// (previous infusion, infusion], at most 7 days before it, 30 for a course's first.
		type Pick = { infusion_id: number; instrument: string; on: string; total: number };
		const row = (r: Pick) => `${r.infusion_id} ${r.instrument} ${r.on} ${r.total}`;
		const { rows: defined } = await sql<Pick & { given: string }>`
			select distinct on (f.infusion_id, a.instrument) f.infusion_id, a.instrument,
				a.administered_on::text as on, a.total, f.administered_on::text as given
			from derived_infusions f join assessments a on a.patient_id = f.patient_id
				and a.administered_on <= f.administered_on
				and (f.previous_on is null or a.administered_on > f.previous_on)
				and a.administered_on >= f.administered_on
					- case when f.administered_on = f.course_start then 30 else 7 end
			order by f.infusion_id, a.instrument, a.administered_on desc`.execute(database.db);
		const { rows: stored } = await sql<Pick>`
			select infusion_id, instrument, assessed_on::text as on, total from derived_scores
			order by infusion_id, instrument`.execute(database.db);
		expect(defined.length).toBeGreaterThan(200);
		// Some picks lie in the bucket before their infusion's (31 days each from 2000-01-01).
		const bucket = (date: string) =>
			Math.trunc(
				(Date.parse(`${date}T00:00:00Z`) - Date.parse('2000-01-01T00:00:00Z')) / 86_400_000 / 31
			);
		expect(defined.filter((r) => bucket(r.on) !== bucket(r.given)).length).toBeGreaterThan(5);
		expect(stored.map(row)).toEqual(defined.map(row));
	});
});
