import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { formatImportError, ImportFailedError, importFiles } from '../../src/lib/server/import';
import {
	ASSESSMENT_HEADER,
	INFUSION_HEADER,
	PATIENT_HEADER,
	csvSource,
	importOptions,
	lines
} from '../fixtures/import/sources';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The import's rules against a real database: validation, atomicity, idempotence, updates,
// dry runs and the import record. Later tests build on the data of the first.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.close());

const PATIENTS = lines([
	PATIENT_HEADER,
	'A-0001,McLean,MCL-1,depression,35-44,F,2024-01-02,',
	'A-0002,Bethesda,,ptsd,25-34,,2024-02-01,2024-06-30'
]);
const INFUSIONS = lines([
	INFUSION_HEADER,
	'A-0001,2024-01-03,induction,0.5',
	'A-0001,2024-01-05,induction,',
	'A-0002,2024-02-02,induction,0.75'
]);
const ASSESSMENTS = lines([
	ASSESSMENT_HEADER,
	'A-0001,phq9,2024-01-03,18,2;2;2;2;2;2;2;2;2',
	'A-0001,gad7,2024-01-03,10,',
	'A-0002,pcl5,2024-02-02,40,',
	// QIDS-SR16 by domains: max(1-4)=3, 5=1, max(6-9)=2, 10-14 = 1+0+1+2+0, max(15-16)=1 -> 11.
	'A-0002,qids_sr16,2024-02-02,11,3;0;1;2;1;2;0;0;1;1;0;1;2;0;1;0'
]);

const files = (p = PATIENTS, i = INFUSIONS, a = ASSESSMENTS) => [
	csvSource('patients.csv', p),
	csvSource('infusions.csv', i),
	csvSource('assessments.csv', a)
];

/** Every row of the clinical tables, to prove that a failed or dry import changed nothing. */
async function snapshot() {
	const db = database.db;
	return {
		clinics: await db.selectFrom('clinics').select(['id', 'name']).orderBy('id').execute(),
		clinicians: await db.selectFrom('clinicians').selectAll().orderBy('id').execute(),
		patients: await db.selectFrom('patients').selectAll().orderBy('id').execute(),
		infusions: await db.selectFrom('infusions').selectAll().orderBy('id').execute(),
		assessments: await db.selectFrom('assessments').selectAll().orderBy('id').execute()
	};
}

const lastImport = () =>
	database.db.selectFrom('imports').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();

describe(`import rules on ${testDatabaseKind()}`, () => {
	it('imports valid files in one go, creating clinics and clinicians on first sight', async () => {
		const report = await importFiles(database.db, files(), importOptions());
		expect(report.errors).toEqual([]);
		expect(report.status).toBe('committed');
		expect(report.files.map((f) => [f.name, f.rows, f.counts.new])).toEqual([
			['patients.csv', 2, 2],
			['infusions.csv', 3, 3],
			['assessments.csv', 4, 4]
		]);
		expect(report.touchedPatientIds).toHaveLength(2);
		const s = await snapshot();
		expect(s.clinics.map((c) => c.name).sort()).toEqual(['Bethesda', 'McLean']);
		expect(s.clinicians.map((c) => c.code)).toEqual(['MCL-1']);
		expect(s.patients.find((p) => p.patient_code === 'A-0002')).toMatchObject({
			clinician_id: null,
			sex: 'unknown',
			discharged_on: '2024-06-30'
		});
		expect(s.infusions.map((i) => [i.administered_on, i.dose_mg_per_kg])).toEqual([
			['2024-01-03', 0.5],
			['2024-01-05', null],
			['2024-02-02', 0.75]
		]);
		expect(s.assessments[0]).toMatchObject({
			instrument: 'phq9',
			total: 18,
			items: [2, 2, 2, 2, 2, 2, 2, 2, 2]
		});
		const record = await lastImport();
		expect(record).toMatchObject({
			status: 'committed',
			source: 'cli',
			actor: 'test',
			error_count: 0
		});
		expect((record.files as { sha256: string }[])[0].sha256).toMatch(/^[0-9a-f]{64}$/);
	});

	it('changes nothing when the same files are imported again, and says so', async () => {
		const before = await snapshot();
		const report = await importFiles(database.db, files(), importOptions());
		expect(report.status).toBe('unchanged');
		expect(report.files.map((f) => f.counts)).toEqual([
			{ new: 0, updated: 0, unchanged: 2, duplicates: 0 },
			{ new: 0, updated: 0, unchanged: 3, duplicates: 0 },
			{ new: 0, updated: 0, unchanged: 4, duplicates: 0 }
		]);
		expect(report.touchedPatientIds).toEqual([]);
		expect(await snapshot()).toEqual(before);
	});

	it('refuses changed rows with --no-update, naming the changed columns', async () => {
		const before = await snapshot();
		const changedPatients = PATIENTS.replace('2024-06-30', '2024-07-15');
		const changedAssessments = ASSESSMENTS.replace(
			'A-0001,gad7,2024-01-03,10,',
			'A-0001,gad7,2024-01-03,12,'
		);
		const report = await importFiles(
			database.db,
			files(changedPatients, INFUSIONS, changedAssessments),
			importOptions({ noUpdate: true })
		);
		expect(report.status).toBe('rejected');
		expect(report.errors.map(formatImportError)).toEqual([
			'patients.csv:3: discharged_on: patient A-0002 already exists with a different value here; updates are switched off for this import (--no-update)',
			'assessments.csv:3: total: a gad7 assessment of patient A-0001 on 2024-01-03 already exists with a different value here; updates are switched off for this import (--no-update)'
		]);
		expect(await snapshot()).toEqual(before);
	});

	it('updates rows whose natural key exists with other values, and counts them', async () => {
		const changedPatients = PATIENTS.replace('2024-06-30', '2024-07-15');
		const changedInfusions = INFUSIONS.replace(
			'A-0001,2024-01-05,induction,',
			'A-0001,2024-01-05,induction,0.6'
		);
		const report = await importFiles(
			database.db,
			files(changedPatients, changedInfusions),
			importOptions()
		);
		expect(report.status).toBe('committed');
		expect(report.files.map((f) => [f.counts.new, f.counts.updated, f.counts.unchanged])).toEqual([
			[0, 1, 1],
			[0, 1, 2],
			[0, 0, 4]
		]);
		const ids = await database.db
			.selectFrom('patients')
			.select(['id', 'patient_code'])
			.orderBy('patient_code')
			.execute();
		expect(report.touchedPatientIds).toEqual(ids.map((p) => p.id).sort((a, b) => a - b));
		const a2 = await database.db
			.selectFrom('patients')
			.select('discharged_on')
			.where('patient_code', '=', 'A-0002')
			.executeTakeFirstOrThrow();
		expect(a2.discharged_on).toBe('2024-07-15');
	});

	it('validates a dry run fully but writes nothing except its record', async () => {
		const before = await snapshot();
		const newPatient = PATIENTS + 'A-0003,Washington,WAS-9,anxiety,65+,M,2024-03-01,\n';
		const report = await importFiles(
			database.db,
			[csvSource('patients.csv', newPatient)],
			importOptions({ dryRun: true })
		);
		expect(report.status).toBe('dry_run');
		expect(report.files[0].counts).toMatchObject({ new: 1, updated: 1, unchanged: 1 });
		expect(await snapshot()).toEqual(before);
		expect(await lastImport()).toMatchObject({ status: 'dry_run', dry_run: true });
	});

	it('collapses identical repeated rows and refuses conflicting ones', async () => {
		const repeated = lines([
			INFUSION_HEADER,
			'A-0001,2024-01-08,induction,0.5',
			'A-0001,2024-01-08,induction,0.5'
		]);
		const ok = await importFiles(
			database.db,
			[csvSource('infusions.csv', repeated)],
			importOptions()
		);
		expect(ok.files[0].counts).toEqual({ new: 1, updated: 0, unchanged: 0, duplicates: 1 });

		const before = await snapshot();
		const conflicting = lines([
			INFUSION_HEADER,
			'A-0001,2024-01-10,induction,0.5',
			'A-0002,2024-02-05,induction,0.5',
			'A-0001,2024-01-10,booster,0.5'
		]);
		const refused = await importFiles(
			database.db,
			[csvSource('infusions.csv', conflicting)],
			importOptions()
		);
		expect(refused.errors.map(formatImportError)).toEqual([
			'infusions.csv:4: an infusion of patient A-0001 on 2024-01-10 is already given on line 2 with different values; the file may give one infusion per patient per day'
		]);
		expect(await snapshot()).toEqual(before);
	});

	it('reports every invalid row, in words a data manager understands, and writes nothing', async () => {
		const before = await snapshot();
		const report = await importFiles(
			database.db,
			[
				csvSource(
					'patients.csv',
					lines([
						PATIENT_HEADER,
						'B-0001,McLean,,depresion,35-44,F,2024-02-30,',
						'B-0002,McLean,,depression,30-39,F,2024-05-01,2024-04-01',
						'B-0003,McLean,,depression,35-44,F,2025-07-01,'
					])
				),
				csvSource(
					'assessments.csv',
					lines([
						ASSESSMENT_HEADER,
						'A-0001,phq9,2024-01-20,28,',
						'A-0001,phq9,2024-01-21,9,1;1;1;1;1;1;1;1',
						'A-0001,phq9,2024-01-22,10,1;1;1;1;1;1;1;1;4',
						'A-0001,phq9,2024-01-23,10,1;1;1;1;1;1;1;1;1',
						'A-0001,phq9,2024-01-24,8,1;1;;1;1;1;1;1;1',
						'A-0001,bdi,2024-01-25,8,',
						'Z-9999,gad7,2024-01-25,8,',
						'B-0001,gad7,2024-01-25,8,'
					])
				)
			],
			importOptions()
		);
		expect(report.status).toBe('rejected');
		expect(report.errors.map(formatImportError)).toEqual([
			'patients.csv:2: primary_indication: "depresion" is not a known indication; use one of depression, ptsd, anxiety, chronic_pain, other',
			'patients.csv:2: enrolled_on: 2024-02-30 is not a real calendar date',
			'patients.csv:3: age_band: "30-39" is not a known age band; use one of 18-24, 25-34, 35-44, 45-54, 55-64, 65+',
			'patients.csv:3: discharged_on: 2024-04-01 is before the enrolment date 2024-05-01',
			'patients.csv:4: enrolled_on: 2025-07-01 is in the future (today is 2025-06-30)',
			"assessments.csv:2: total: total 28 is outside PHQ-9's range 0-27",
			'assessments.csv:3: items: PHQ-9 has 9 items, but 8 were given',
			'assessments.csv:4: items: item 9 is 4, outside 0-3',
			'assessments.csv:5: total: total 10 does not match the sum of the items, which gives 9',
			'assessments.csv:6: items: item 3 is missing (a PHQ-9 total needs every item)',
			'assessments.csv:7: instrument: "bdi" is not a known instrument; use one of phq9, gad7, pcl5, madrs, qids_sr16, pain_nrs',
			"assessments.csv:8: patient_code: patient Z-9999 is neither in this import's patients.csv nor already in the database"
		]);
		expect(report.errorCount).toBe(12);
		expect(await snapshot()).toEqual(before);
		expect(await lastImport()).toMatchObject({ status: 'rejected', error_count: 12 });
	});

	it('keeps the first errors and counts them all', async () => {
		const rows = Array.from(
			{ length: 150 },
			(_, i) => `C-${1000 + i},McLean,,depression,35-44,F,2024-13-01,`
		);
		const report = await importFiles(
			database.db,
			[csvSource('patients.csv', lines([PATIENT_HEADER, ...rows]), 4096)],
			importOptions({ maxErrors: 10 })
		);
		expect(report.errors).toHaveLength(10);
		expect(report.errors[9].line).toBe(11);
		expect(report.errorCount).toBe(150);
	});

	it('leaves the database unchanged when the import fails mid-way through writing', async () => {
		// A trigger makes the database refuse the last table of the merge, after patients and
		// infusions were already written inside the transaction.
		await sql`create function refuse_assessment() returns trigger language plpgsql as $$
			begin raise exception 'disk full (simulated)'; end $$`.execute(database.db);
		await sql`create trigger refuse_assessment before insert on assessments
			for each row execute function refuse_assessment()`.execute(database.db);
		const before = await snapshot();
		const next = files(
			PATIENTS + 'D-0001,McLean,MCL-2,depression,35-44,F,2024-03-01,\n',
			INFUSIONS + 'D-0001,2024-03-02,induction,0.5\n',
			ASSESSMENTS + 'D-0001,phq9,2024-03-02,9,1;1;1;1;1;1;1;1;1\n'
		);
		try {
			const failure = await importFiles(database.db, next, importOptions()).catch(
				(e: unknown) => e
			);
			expect(failure).toBeInstanceOf(ImportFailedError);
			expect((failure as ImportFailedError).message).toMatch(/rolled back: nothing was saved/);
			expect(await snapshot()).toEqual(before);
			expect(await lastImport()).toMatchObject({ status: 'rejected' });
		} finally {
			await sql`drop trigger refuse_assessment on assessments`.execute(database.db);
		}
	});

	it('writes each import to the audit log without patient codes', async () => {
		const entries = await database.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'import')
			.execute();
		const imports = await database.db.selectFrom('imports').select('id').execute();
		expect(entries).toHaveLength(imports.length);
		expect(entries.every((e) => e.patient_code === null)).toBe(true);
		expect(JSON.stringify(entries.map((e) => e.detail))).not.toMatch(/A-000|B-000|Z-9999/);
	});
});
