import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { getClinicOverview } from '../../src/lib/server/queries/clinic-overview';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

// The start page's overview sums per-patient counts (derived_patient_dates); it must equal
// counting the raw tables, with a patient who has no data yet counted as a patient.

let database: Database;

beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 120, seed: 3, endDate: '2025-06-30' });
	const clinic = await database.db.selectFrom('clinics').select('id').executeTakeFirstOrThrow();
	await database.db
		.insertInto('patients')
		.values({
			patient_code: 'NO-DATA-1',
			clinic_id: clinic.id,
			primary_indication: 'depression',
			age_band: '35-44',
			enrolled_on: '2025-06-01'
		})
		.execute();
});
afterAll(() => database?.close());

describe(`clinic overview on ${testDatabaseKind()}`, () => {
	it('equals the counts and dates of the raw tables', async () => {
		const { rows: raw } = await sql<Record<string, unknown>>`
			select c.name as clinic,
				(select count(*) from patients p where p.clinic_id = c.id) as patients,
				(select count(*) from infusions i join patients p on p.id = i.patient_id
					where p.clinic_id = c.id) as infusions,
				(select count(*) from assessments a join patients p on p.id = a.patient_id
					where p.clinic_id = c.id) as assessments,
				least((select min(i.administered_on) from infusions i join patients p
						on p.id = i.patient_id where p.clinic_id = c.id),
					(select min(a.administered_on) from assessments a join patients p
						on p.id = a.patient_id where p.clinic_id = c.id)) as first_date,
				greatest((select max(i.administered_on) from infusions i join patients p
						on p.id = i.patient_id where p.clinic_id = c.id),
					(select max(a.administered_on) from assessments a join patients p
						on p.id = a.patient_id where p.clinic_id = c.id)) as last_date
			from clinics c order by c.name`.execute(database.db);
		const overview = await getClinicOverview(database.db, systemAggregateScope(1));
		expect(overview.clinics).toEqual(raw);
		expect(overview.totals.patients).toBe(121);
		expect(overview.totals.infusions).toBeGreaterThan(1000);
	});
});
