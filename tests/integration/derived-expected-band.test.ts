import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as migration from '../../migrations/2026-11-27T16-expected-band-rollup';
import * as datedMigration from '../../migrations/2026-11-27T22-expected-band-dated';
import * as pctMigration from '../../migrations/2026-11-27T23-expected-band-dated-pct';
import type { InstrumentCode } from '../../src/lib/instruments';
import { systemPatientScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import type { Indication } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo';
import {
	EXPECTED_BAND_MIN_COURSES,
	getExpectedBands,
	getExpectedBandsFrom,
	storedBandServes,
	type BandCell
} from '../../src/lib/server/queries/expected-response';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The stored histogram (derived_expected_band_histogram) must give exactly the percentile_cont
// band of the facts at the latest date, float for float, for every clinic, indication and
// instrument of a demo data set; at earlier as-of dates the per-period histogram must.

const END = '2025-06-30';
let database: Database;
let keys: { clinic_id: number; indication: Indication; instrument: InstrumentCode }[];

beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 240, seed: 5, endDate: END });
	({ rows: keys } = await sql<(typeof keys)[number]>`
		select distinct clinic_id, indication, instrument from derived_scores
		order by 1, 2, 3`.execute(database.db));
});
afterAll(() => database?.close());

const cellOf = (key: (typeof keys)[number], asOf: string): BandCell => ({
	clinicId: key.clinic_id,
	indication: key.indication,
	instruments: [key.instrument],
	asOf
});

describe(`expected-band histogram on ${testDatabaseKind()}`, () => {
	it.each([END, '2026-01-15'])('gives the facts band for every key as of %s', async (asOf) => {
		let cells = 0;
		for (const key of keys) {
			const stored = await getExpectedBandsFrom(database.db, cellOf(key, asOf), 'stored');
			const facts = await getExpectedBandsFrom(database.db, cellOf(key, asOf), 'facts');
			expect(stored, JSON.stringify(key)).toEqual(facts);
			cells += stored[key.instrument]?.length ?? 0;
		}
		// Several keys and infusions with a band, and infusions left out by the minimum.
		expect(keys.length).toBeGreaterThan(10);
		expect(cells).toBeGreaterThan(20);
		const { rows } = await sql<{ small: number; large: number }>`
			select count(*) filter (where n < ${EXPECTED_BAND_MIN_COURSES}) as small,
				count(*) filter (where n >= ${EXPECTED_BAND_MIN_COURSES}) as large
			from (select sum(count) as n from derived_expected_band_histogram
				group by clinic_id, indication, instrument, ordinal) cells`.execute(database.db);
		expect(rows[0].small).toBeGreaterThan(0);
		expect(rows[0].large).toBe(cells);
	});

	// Earlier dates read the per-period histogram: on and beside month and year edges (a month's
	// or year's last day reads it whole from the rollup), before most of the data, and after it.
	it.each([
		'2023-12-31',
		'2024-01-01',
		'2024-02-29',
		'2024-03-01',
		'2024-06-17',
		'2024-09-30',
		'2025-02-14'
	])('gives the facts band for every key as of %s from the per-period histogram', async (asOf) => {
		let cells = 0;
		for (const key of keys) {
			const dated = await getExpectedBandsFrom(database.db, cellOf(key, asOf), 'dated');
			const facts = await getExpectedBandsFrom(database.db, cellOf(key, asOf), 'facts');
			expect(dated, JSON.stringify(key)).toEqual(facts);
			cells += dated[key.instrument]?.length ?? 0;
		}
		if (asOf >= '2024-06') expect(cells).toBeGreaterThan(10);
	});

	it('gives every instrument of a cell at once, an empty list for one without a band', async () => {
		const key = keys.find((k) => k.indication === 'depression' && k.instrument === 'phq9');
		if (!key) throw new Error('no depression course with PHQ-9 in the demo set');
		const cell = { ...cellOf(key, END), instruments: ['phq9', 'pcl5'] as InstrumentCode[] };
		const stored = await getExpectedBandsFrom(database.db, cell, 'stored');
		expect(stored).toEqual(await getExpectedBandsFrom(database.db, cell, 'facts'));
		expect(stored.phq9?.length).toBeGreaterThan(3);
		expect(stored.pcl5).toEqual([]);
	});

	it('is read at or after the latest data of the clinic, the facts before it', async () => {
		const key = keys.find((k) => k.indication === 'depression' && k.instrument === 'phq9');
		if (!key) throw new Error('no depression course with PHQ-9 in the demo set');
		const { rows } = await sql<{ latest: string }>`
			select max(last_on) as latest from derived_patient_dates
			where clinic_id = ${key.clinic_id}`.execute(database.db);
		const latest = rows[0].latest;
		expect(await storedBandServes(database.db, key.clinic_id, latest)).toBe(true);
		expect(await storedBandServes(database.db, key.clinic_id, '2099-01-01')).toBe(true);
		expect(await storedBandServes(database.db, key.clinic_id, '2024-06-17')).toBe(false);
		const scope = systemPatientScope([key.clinic_id]);
		const earlier = cellOf(key, '2024-06-17');
		const past = await getExpectedBands(database.db, scope, earlier);
		expect(past).toEqual(await getExpectedBandsFrom(database.db, earlier, 'facts'));
		expect(past).toEqual(await getExpectedBandsFrom(database.db, earlier, 'dated'));
		expect(past).not.toEqual(await getExpectedBandsFrom(database.db, earlier, 'stored'));
		const now = await getExpectedBands(database.db, scope, cellOf(key, latest));
		expect(now).toEqual(await getExpectedBandsFrom(database.db, cellOf(key, latest), 'stored'));
		// Another clinic's clinician gets nothing.
		const other = systemPatientScope([key.clinic_id + 1000]);
		expect(await getExpectedBands(database.db, other, cellOf(key, latest))).toEqual({});
	});

	it('is filled by its migration as by the refresh, for a database with data', async () => {
		const rows = async () =>
			(
				await sql<{ row: string }>`select t::text as row from derived_expected_band_histogram t
					order by 1`.execute(database.db)
			).rows.map((r) => r.row);
		const refreshed = await rows();
		expect(refreshed.length).toBeGreaterThan(100);
		await migration.down(database.db);
		await migration.up(database.db);
		expect(await rows()).toEqual(refreshed);
	});

	it('has its per-period counts filled by their migration as by the refresh', async () => {
		const rows = async () =>
			(
				await sql<{ row: string }>`select t::text as row from derived_expected_band_dated t
					order by 1`.execute(database.db)
			).rows.map((r) => r.row);
		const refreshed = await rows();
		expect(refreshed.filter((row) => row.includes(',year,')).length).toBeGreaterThan(100);
		// …T23 re-keys …T22's counts by the % change; its down restores …T22's table.
		await pctMigration.down(database.db);
		await datedMigration.down(database.db);
		await datedMigration.up(database.db);
		await pctMigration.up(database.db);
		expect(await rows()).toEqual(refreshed);
		await pctMigration.down(database.db);
		await pctMigration.up(database.db);
		expect(await rows()).toEqual(refreshed);
	});
});
