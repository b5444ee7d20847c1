import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import {
	formatImportError,
	importFiles,
	importFolder,
	ImportUsageError
} from '../../src/lib/server/import';
import {
	ASSESSMENT_HEADER,
	PATIENT_HEADER,
	csvSource,
	importOptions,
	lines
} from '../fixtures/import/sources';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// File-level behaviour: CSV dialects, broken and hostile files. Each case uses its own codes.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.close());

const run = (...files: ReturnType<typeof csvSource>[]) =>
	importFiles(database.db, files, importOptions());

const patientCount = async () =>
	(
		await database.db
			.selectFrom('patients')
			.select((e) => e.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	).n;

describe(`import files on ${testDatabaseKind()}`, () => {
	it('reads quoted fields with commas, quotes and line breaks inside', async () => {
		const report = await run(
			csvSource(
				'patients.csv',
				lines([
					PATIENT_HEADER,
					'Q-0001,"Bethesda, ""North""\nCampus",DR1,depression,35-44,F,2024-01-02,',
					'"Q-0002",McLean,,"ptsd",25-34,M,2024-01-03,""'
				])
			),
			csvSource(
				'assessments.csv',
				lines([ASSESSMENT_HEADER, 'Q-0001,phq9,2024-01-02,"9","1;1;1;1;1;1;1;1;1"'])
			)
		);
		expect(report.errors).toEqual([]);
		expect(report.status).toBe('committed');
		const rows = await database.db
			.selectFrom('patients')
			.innerJoin('clinics', 'clinics.id', 'patients.clinic_id')
			.select(['patient_code', 'clinics.name', 'discharged_on'])
			.where('patient_code', 'in', ['Q-0001', 'Q-0002'])
			.orderBy('patient_code')
			.execute();
		expect(rows).toEqual([
			{ patient_code: 'Q-0001', name: 'Bethesda, "North"\nCampus', discharged_on: null },
			{ patient_code: 'Q-0002', name: 'McLean', discharged_on: null }
		]);
	});

	it('counts lines across quoted line breaks and empty lines', async () => {
		// Line 1 header, lines 2-3 one row with a line break inside quotes, 4 empty, 5 the bad row.
		const text = lines([
			PATIENT_HEADER,
			'L-0001,"Two\r\nlines",,depression,35-44,F,2024-01-02,',
			'',
			'L-0002,McLean,,nope,35-44,F,2024-01-02,'
		]);
		const report = await run(csvSource('patients.csv', text));
		expect(report.errors.map((e) => [e.line, e.column])).toEqual([[5, 'primary_indication']]);
	});

	it('accepts a byte-order mark and CRLF line ends', async () => {
		const text =
			'\uFEFF' +
			lines([PATIENT_HEADER, 'B-0001,McLean,DR1,anxiety,45-54,X,2024-02-01,2024-03-01'], '\r\n');
		const report = await run(csvSource('patients.csv', text, 3));
		expect(report.errors).toEqual([]);
		expect(report.files[0].counts).toMatchObject({ new: 1 });
		const row = await database.db
			.selectFrom('patients')
			.select(['patient_code', 'sex', 'discharged_on'])
			.where('patient_code', '=', 'B-0001')
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ patient_code: 'B-0001', sex: 'X', discharged_on: '2024-03-01' });
	});

	it('refuses an empty file', async () => {
		const report = await run(csvSource('patients.csv', ''));
		expect(report.status).toBe('rejected');
		expect(report.errors.map(formatImportError)).toEqual([
			'patients.csv:0: the file is empty; it needs at least the header row naming the columns'
		]);
	});

	it('accepts a header-only file as nothing to import', async () => {
		const report = await run(csvSource('patients.csv', lines([PATIENT_HEADER])));
		expect(report.status).toBe('unchanged');
		expect(report.errorCount).toBe(0);
		expect(report.files[0]).toMatchObject({
			rows: 0,
			counts: { new: 0, updated: 0, unchanged: 0 }
		});
	});

	it('reports a truncated last line with its line number, and writes nothing', async () => {
		const before = await patientCount();
		const cutShort =
			lines([PATIENT_HEADER, 'T-0001,McLean,DR1,depression,35-44,F,2024-01-02,']) +
			'T-0002,McLean,DR1,depr';
		const report = await run(csvSource('patients.csv', cutShort));
		expect(report.status).toBe('rejected');
		expect(report.errors).toHaveLength(1);
		expect(report.errors[0]).toMatchObject({ file: 'patients.csv', line: 3 });
		expect(report.errors[0].message).toMatch(/has 4 values but the header has 8 columns/);
		const openQuote = lines([PATIENT_HEADER]) + 'T-0003,"McLean,DR1,depression,35-44,F,2024-01-02,';
		const quoted = await run(csvSource('patients.csv', openQuote));
		expect(quoted.errors[0].message).toMatch(/quoted value is never closed/);
		expect(await patientCount()).toBe(before);
	});

	it('refuses a binary file', async () => {
		const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		const report = await run(csvSource('patients.csv', png));
		expect(report.status).toBe('rejected');
		expect(report.errors[0].message).toMatch(/not a CSV text file \(it contains binary data\)/);
	});

	it('refuses text that is not UTF-8', async () => {
		const latin1 = Buffer.concat([
			Buffer.from(lines([PATIENT_HEADER])),
			Buffer.from('L-0001,M\xfcnchen', 'latin1')
		]);
		const report = await run(csvSource('patients.csv', latin1));
		expect(report.errors[0].message).toMatch(/not UTF-8 text/);
	});

	it('gives a clear error for a 10 MB single field, without holding it', async () => {
		const huge = 'x'.repeat(10 * 1024 * 1024);
		const source = csvSource(
			'patients.csv',
			`${PATIENT_HEADER}\nH-0001,"${huge}",DR1,depression,35-44,F,2024-01-02,\n`,
			64 * 1024
		);
		const report = await run(source);
		expect(report.status).toBe('rejected');
		expect(report.errors).toHaveLength(1);
		expect(report.errors[0].message).toMatch(/row is longer than 65536 characters/);
	});

	it('refuses a file with a direct-identifier column and explains why', async () => {
		const report = await run(
			csvSource(
				'patients.csv',
				lines([
					`${PATIENT_HEADER},First Name,DOB`,
					'I-0001,McLean,DR1,depression,35-44,F,2024-01-02,,Ann,1980-01-01'
				])
			)
		);
		expect(report.status).toBe('rejected');
		expect(report.errors.map((e) => e.column)).toEqual(['First Name', 'DOB']);
		expect(report.errors[0].message).toMatch(/direct identifier.*whole file is refused/);
		expect(
			await database.db
				.selectFrom('patients')
				.where('patient_code', '=', 'I-0001')
				.selectAll()
				.execute()
		).toEqual([]);
	});

	it('refuses unknown columns unless told to ignore them', async () => {
		const file = () =>
			csvSource(
				'patients.csv',
				lines([
					`${PATIENT_HEADER},referral_source`,
					'U-0001,McLean,DR1,depression,35-44,F,2024-01-02,,GP'
				])
			);
		const refused = await run(file());
		expect(refused.errors.map(formatImportError)).toEqual([
			expect.stringMatching(/^patients\.csv:1: referral_source: unknown column/)
		]);
		const accepted = await importFiles(
			database.db,
			[file()],
			importOptions({ ignoreUnknownColumns: true })
		);
		expect(accepted.status).toBe('committed');
	});

	it('reports a missing required column', async () => {
		const report = await run(
			csvSource('assessments.csv', lines(['patient_code,instrument,total', 'Q-0001,phq9,3']))
		);
		expect(report.errors.map(formatImportError)).toEqual([
			'assessments.csv:1: administered_on: this required column is missing from the header'
		]);
	});

	it('imports the documented example folder cleanly', async () => {
		const report = await importFolder(database.db, 'docs/examples', importOptions());
		expect(report.errors).toEqual([]);
		expect(report.files.map((f) => [f.name, f.counts.new])).toEqual([
			['patients.csv', 3],
			['infusions.csv', 11],
			['assessments.csv', 8]
		]);
	});

	it('treats an unknown file name as a usage error', async () => {
		await expect(run(csvSource('people.csv', lines([PATIENT_HEADER])))).rejects.toBeInstanceOf(
			ImportUsageError
		);
	});
});
