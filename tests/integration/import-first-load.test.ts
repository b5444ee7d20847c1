import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { formatImportError, importFiles } from '../../src/lib/server/import';
import {
	ASSESSMENT_HEADER,
	INFUSION_HEADER,
	PATIENT_HEADER,
	csvSource,
	importOptions,
	lines
} from '../fixtures/import/sources';
import { tableCatalog } from './support/catalog';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The first load of infusions and assessments (import/merge-first-load.ts) inserts with the
// tables' keys and indexes dropped and rebuilds them. It must write what the merge writes, leave
// the catalog as the migrations declared it, and treat a file's repeated keys as the merge does.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.close());

const catalog = () => tableCatalog(database.db, ['infusions', 'assessments']);

const count = async (table: 'infusions' | 'assessments') =>
	Number(
		(
			await database.db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

const PATIENTS = lines([
	PATIENT_HEADER,
	'F-0001,McLean,MCL-1,depression,35-44,F,2024-01-02,',
	'F-0002,Bethesda,,ptsd,25-34,,2024-02-01,'
]);

describe(`the first load of infusions and assessments on ${testDatabaseKind()}`, () => {
	it('refuses a file repeating a key with other values, writes nothing and keeps every key', async () => {
		const declared = await catalog();
		expect(declared).toContain(
			'assessments: assessments_patient_instrument_day_key UNIQUE (patient_id, instrument, administered_on)'
		);
		const refused = await importFiles(
			database.db,
			[
				csvSource('patients.csv', PATIENTS),
				csvSource(
					'assessments.csv',
					lines([ASSESSMENT_HEADER, 'F-0001,gad7,2024-01-03,10,', 'F-0001,gad7,2024-01-03,12,'])
				)
			],
			importOptions()
		);
		expect(refused.status).toBe('rejected');
		expect(refused.errors.map(formatImportError)).toEqual([
			'assessments.csv:3: a gad7 assessment of patient F-0001 on 2024-01-03 is already given on line 2 with different values; the file may give one assessment per patient, instrument and day'
		]);
		expect(await count('assessments')).toBe(0);
		expect(await catalog()).toEqual(declared);
	});

	it('writes every row new, collapses identical repeats and rebuilds the keys as declared', async () => {
		const declared = await catalog();
		const report = await importFiles(
			database.db,
			[
				csvSource('patients.csv', PATIENTS),
				csvSource(
					'infusions.csv',
					lines([
						INFUSION_HEADER,
						'F-0001,2024-01-03,induction,0.5',
						'F-0001,2024-01-05,induction,0.5',
						'F-0002,2024-02-02,induction,0.75'
					])
				),
				csvSource(
					'assessments.csv',
					lines([
						ASSESSMENT_HEADER,
						'F-0001,phq9,2024-01-03,18,2;2;2;2;2;2;2;2;2',
						'F-0001,phq9,2024-01-03,18,2;2;2;2;2;2;2;2;2',
						'F-0002,gad7,2024-02-02,9,'
					])
				)
			],
			importOptions()
		);
		expect(report.status).toBe('committed');
		expect(report.files.map((f) => f.counts)).toEqual([
			{ new: 2, updated: 0, unchanged: 0, duplicates: 0 },
			{ new: 3, updated: 0, unchanged: 0, duplicates: 0 },
			{ new: 2, updated: 0, unchanged: 0, duplicates: 1 }
		]);
		expect(report.touchedPatientIds).toHaveLength(2);
		expect(await count('infusions')).toBe(3);
		expect(await count('assessments')).toBe(2);
		expect(await catalog()).toEqual(declared);
		// The rebuilt unique key refuses a second assessment on the same day.
		await expect(
			sql`insert into assessments (patient_id, instrument, administered_on, total)
				select patient_id, instrument, administered_on, total from assessments limit 1`.execute(database.db)
		).rejects.toThrow(/duplicate key/);
	});

	it('goes the merge way once the table holds rows', async () => {
		const report = await importFiles(
			database.db,
			[
				csvSource(
					'infusions.csv',
					lines([
						INFUSION_HEADER,
						'F-0001,2024-01-05,induction,0.75',
						'F-0001,2024-01-08,induction,0.5'
					])
				)
			],
			importOptions()
		);
		expect(report.files[0].counts).toEqual({ new: 1, updated: 1, unchanged: 0, duplicates: 0 });
		expect(await count('infusions')).toBe(4);
	});
});
