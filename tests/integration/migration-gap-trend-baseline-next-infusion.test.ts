import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { redoMigrationsAfter } from './support/migrations';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// Migrations …T28 (each booster's gap trend so far), …T29 (the course baseline's date) and …T30
// (each infusion's next infusion date) fill their columns from the facts of an existing
// database. Undone and redone on a database the import filled, they must leave exactly what the
// refresh wrote; the trend a booster carries is the least-squares slope over its course's
// boosters up to it, as the flag defines it; next_on is the date of the patient's next infusion.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 80, seed: 5, endDate: '2025-06-30' });
});
afterAll(() => database?.close());

async function snapshot(): Promise<Record<string, string[]>> {
	const queries = {
		trend: sql<{ row: string }>`select (infusion_id, booster_gaps, gap_slope, next_on)::text as row
			from derived_infusions order by infusion_id`,
		baseline: sql<{ row: string }>`select (patient_id, course_index, instrument, baseline_total,
				baseline_on)::text as row
			from derived_course_scores order by patient_id, course_index, instrument`
	};
	const result: Record<string, string[]> = {};
	for (const [name, query] of Object.entries(queries)) {
		result[name] = (await query.execute(database.db)).rows.map((r) => r.row);
	}
	return result;
}

describe(`the gap-trend, baseline-date and next-infusion migrations on ${testDatabaseKind()}`, () => {
	it('fill on existing data what the refresh writes', async () => {
		const refreshed = await snapshot();
		expect(refreshed.trend.filter((row) => /,-\d/.test(row)).length).toBeGreaterThan(20);
		// A baseline has its date, and a course without one (only a post-induction score) none.
		const { rows: dated } = await sql<{ with_date: number; baselines: number; mismatched: number }>`
			select count(baseline_on)::int as with_date, count(baseline_total)::int as baselines,
				count(*) filter (where (baseline_on is null) <> (baseline_total is null))::int
					as mismatched
			from derived_course_scores`.execute(database.db);
		expect(dated[0].baselines).toBeGreaterThan(50);
		expect(dated[0]).toMatchObject({ with_date: dated[0].baselines, mismatched: 0 });
		const columnsWhileUndone = async () => {
			const { rows } = await sql<{ n: number }>`select count(*)::int as n
				from information_schema.columns
				where table_name in ('derived_infusions', 'derived_course_scores')
					and column_name in ('booster_gaps', 'gap_slope', 'baseline_on', 'next_on')`.execute(database.db);
			expect(rows[0].n).toBe(0);
		};
		const undone = await redoMigrationsAfter(
			database.db,
			'2026-11-27T27-drop-booster-fact-index',
			columnsWhileUndone
		);
		expect(undone).toEqual([
			'2026-11-27T31-unscored-infusions',
			'2026-11-27T30-current-infusion-lookups',
			'2026-11-27T29-course-baseline-date',
			'2026-11-27T28-booster-gap-trend'
		]);
		expect(await snapshot()).toEqual(refreshed);
	});

	it("carries on each booster the slope of its course's gaps up to it", async () => {
		// The definition, per booster: regr_slope over the same course's boosters up to it.
		const { rows } = await sql<{
			stored: number | null;
			defined: number | null;
			n: number;
			counted: number;
		}>`
			select f.gap_slope as stored, f.booster_gaps::int as n,
				(select regr_slope((g.administered_on - g.previous_on)::float8, g.ordinal::float8
						order by g.ordinal)
					from derived_infusions g
					where g.patient_id = f.patient_id and g.course_index = f.course_index
						and g.phase = 'booster' and g.ordinal <= f.ordinal) as defined,
				(select count(g.previous_on)::int from derived_infusions g
					where g.patient_id = f.patient_id and g.course_index = f.course_index
						and g.phase = 'booster' and g.ordinal <= f.ordinal) as counted
			from derived_infusions f where f.phase = 'booster'`.execute(database.db);
		expect(rows.length).toBeGreaterThan(200);
		for (const row of rows) expect([row.stored, row.n]).toEqual([row.defined, row.counted]);
		expect(rows.filter((r) => r.n >= 3 && (r.stored ?? 0) < 0).length).toBeGreaterThan(5);
		const { rows: inductions } = await sql<{ n: number }>`select count(*)::int as n
			from derived_infusions where phase = 'induction'
				and (booster_gaps is not null or gap_slope is not null)`.execute(database.db);
		expect(inductions[0].n).toBe(0);
	});

	it("carries on each infusion the date of the patient's next one", async () => {
		const { rows } = await sql<{ infusions: number; last: number; wrong: number }>`
			select count(*)::int as infusions, count(*) filter (where f.next_on is null)::int as last,
				count(*) filter (where f.next_on is distinct from (
					select min(g.administered_on) from infusions g
					where g.patient_id = f.patient_id and g.administered_on > f.administered_on))::int
					as wrong
			from derived_infusions f`.execute(database.db);
		const { rows: patients } = await sql<{ n: number }>`
			select count(distinct patient_id)::int as n from infusions`.execute(database.db);
		expect(rows[0].infusions).toBeGreaterThan(500);
		expect(rows[0]).toMatchObject({ last: patients[0].n, wrong: 0 });
	});
});
