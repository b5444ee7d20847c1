import type { Kysely } from 'kysely';
import type { AggregateScope } from '$lib/server/auth/scope';
import type { DB } from '$lib/server/db';

// What the leadership filter bar offers: clinics and clinician codes within the scope (all clinics
// for leadership). Names only, no counts, so a choice list reveals nothing about small cells.

export interface FilterChoices {
	clinics: string[];
	clinicians: string[];
}

export async function getAggregateChoices(
	db: Kysely<DB>,
	scope: AggregateScope
): Promise<FilterChoices> {
	let clinics = db.selectFrom('clinics').select(['id', 'name']).orderBy('name');
	let clinicians = db.selectFrom('clinicians').select('code').distinct().orderBy('code');
	if (scope.clinicIds) {
		const scoped = [...scope.clinicIds, -1];
		clinics = clinics.where('id', 'in', scoped);
		clinicians = clinicians.where('clinic_id', 'in', scoped);
	}
	const [clinicRows, clinicianRows] = await Promise.all([clinics.execute(), clinicians.execute()]);
	return { clinics: clinicRows.map((c) => c.name), clinicians: clinicianRows.map((c) => c.code) };
}
