import type { Kysely } from 'kysely';
import type { Filters } from '../../filters';
import type { PatientScope } from '../auth/scope';
import type { DB } from '../db/schema';
import { cachedAnswer } from '../cache/aggregate-cache';
import { cohortOf, latestDataOn, type Cohort } from './cohort';

// The clinician views' counterpart of resolveCohort: the same Cohort shape (so cohortWhere and
// the derived tables' cohort columns work unchanged), resolved within a PatientScope. A clinic
// name outside the clinician's clinics resolves to nothing, so a filter never reveals another
// clinic's existence.

export async function resolveClinicianCohort(
	db: Kysely<DB>,
	scope: PatientScope,
	filters: Filters
): Promise<Cohort> {
	const scoped = [...scope.clinicIds, -1];
	// Clinics, clinicians and the latest date change only with an import: kept per data version.
	const { clinics, clinicians, dataAsOf } = await cachedAnswer(
		db,
		'clinician-cohort-lists',
		scope.clinicIds,
		async () => {
			const [clinics, clinicians, dataAsOf] = await Promise.all([
				db
					.selectFrom('clinics')
					.select(['id', 'name'])
					.where('id', 'in', scoped)
					.orderBy('name')
					.execute(),
				db
					.selectFrom('clinicians')
					.select(['id', 'code', 'clinic_id'])
					.where('clinic_id', 'in', scoped)
					.orderBy('code')
					.execute(),
				latestDataOn(db, scope.clinicIds)
			]);
			return { clinics, clinicians, dataAsOf };
		}
	);
	// Unfiltered, a clinician sees all of their own clinics (never "all clinics").
	return cohortOf(
		filters,
		{ clinics, clinicians },
		clinics.map((c) => c.id),
		dataAsOf
	);
}

/** Filter choices for the clinician's filter bar: only their own clinics and clinicians. */
export async function getClinicianChoices(
	db: Kysely<DB>,
	scope: PatientScope
): Promise<{ clinics: string[]; clinicians: string[] }> {
	const scoped = [...scope.clinicIds, -1];
	return cachedAnswer(db, 'clinician-choices', scope.clinicIds, async () => {
		const [clinics, clinicians] = await Promise.all([
			db.selectFrom('clinics').select('name').where('id', 'in', scoped).orderBy('name').execute(),
			db
				.selectFrom('clinicians')
				.select('code')
				.distinct()
				.where('clinic_id', 'in', scoped)
				.orderBy('code')
				.execute()
		]);
		return { clinics: clinics.map((c) => c.name), clinicians: clinicians.map((c) => c.code) };
	});
}
