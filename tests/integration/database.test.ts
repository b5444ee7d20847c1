import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.close());

describe(`database module on ${testDatabaseKind()}`, () => {
	it('returns int8 and numeric as numbers and dates as ISO strings', async () => {
		const { rows } = await sql<{
			n: number;
			avg: number;
			d: string;
			nan: number | null;
		}>`select count(*) as n, avg(x)::numeric as avg, date '2024-02-29' as d,
			'NaN'::numeric as nan from (values (1), (2)) v(x)`.execute(database.db);
		expect(rows[0]).toEqual({ n: 2, avg: 1.5, d: '2024-02-29', nan: null });
	});

	it('keeps dates as calendar dates through a round trip', async () => {
		const clinic = await database.db
			.insertInto('clinics')
			.values({ name: 'Roundtrip' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await database.db
			.insertInto('patients')
			.values({
				patient_code: 'RT-0001',
				clinic_id: clinic.id,
				clinician_id: null,
				primary_indication: 'depression',
				age_band: '35-44',
				enrolled_on: '2024-01-01',
				discharged_on: '2024-12-31'
			})
			.execute();
		const row = await database.db
			.selectFrom('patients')
			.select(['enrolled_on', 'discharged_on'])
			.where('patient_code', '=', 'RT-0001')
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ enrolled_on: '2024-01-01', discharged_on: '2024-12-31' });
	});

	it('enforces the schema constraints', async () => {
		const clinic = await database.db
			.insertInto('clinics')
			.values({ name: 'Constraints' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const patient = {
			patient_code: 'CK-0001',
			clinic_id: clinic.id,
			clinician_id: null,
			primary_indication: 'depression' as const,
			age_band: '35-44' as const,
			enrolled_on: '2024-01-01',
			discharged_on: null
		};
		await expect(
			database.db
				.insertInto('patients')
				.values({ ...patient, discharged_on: '2023-12-31' })
				.execute()
		).rejects.toThrow(/patients_discharge_after_enrolment/);
		const { id } = await database.db
			.insertInto('patients')
			.values(patient)
			.returning('id')
			.executeTakeFirstOrThrow();
		const assessment = { patient_id: id, instrument: 'phq9', administered_on: '2024-01-02' };
		await expect(
			database.db
				.insertInto('assessments')
				.values({ ...assessment, total: 28, items: null })
				.execute()
		).rejects.toThrow(/assessments_total_range/);
		await expect(
			database.db
				.insertInto('assessments')
				.values({ ...assessment, total: 3, items: [1, 2] })
				.execute()
		).rejects.toThrow(/assessments_item_count/);
		await database.db
			.insertInto('assessments')
			.values({ ...assessment, total: 9, items: [1, 1, 1, 1, 1, 1, 1, 1, 1] })
			.execute();
		const stored = await database.db
			.selectFrom('assessments')
			.select(['total', 'items'])
			.where('patient_id', '=', id)
			.executeTakeFirstOrThrow();
		expect(stored).toEqual({ total: 9, items: [1, 1, 1, 1, 1, 1, 1, 1, 1] });
	});

	it('refuses changes to the audit log', async () => {
		await database.db
			.insertInto('audit_log')
			.values({ actor: 'test', user_id: null, action: 'test', patient_code: null })
			.execute();
		await expect(database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
	});
});
