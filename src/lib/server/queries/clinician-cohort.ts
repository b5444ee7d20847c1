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
	const { clinics, clinicians, dataAsOf } = await scopeLists(db, scope);
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
	const { clinics, clinicians } = await scopeLists(db, scope);
	// Both lists come sorted; a code shared by two clinics is offered once.
	return {
		clinics: clinics.map((c) => c.name),
		clinicians: [...new Set(clinicians.map((c) => c.code))]
	};
}

/**
 * The clinician's clinics (by name), their clinicians (by code) and the latest data date. Only an
 * import changes them, so they are kept per data version.
 */
function scopeLists(db: Kysely<DB>, scope: PatientScope) {
	const scoped = [...scope.clinicIds, -1];
	return cachedAnswer(db, 'clinician-scope-lists', scope.clinicIds, async () => {
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
	});
}
