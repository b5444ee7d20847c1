import { error } from '@sveltejs/kit';
import { requirePatientScope } from '$lib/server/auth/guards';
import { getBoosterLanes } from '$lib/server/queries/booster-lanes';
import { getClinicianChoices, resolveClinicianCohort } from '$lib/server/queries/clinician-cohort';
import { database } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';
import { parseLaneParams } from './lane-params';

// Booster intervals across patients: patient-level, so clinicians of their own clinics only.
export const load: PageServerLoad = async (event) => {
	const parsed = parseLaneParams(event.url.searchParams);
	const scope = requirePatientScope(event);
	if (!parsed.ok) error(400, parsed.error);
	const { db } = await database();
	const cohort = await resolveClinicianCohort(db, scope, parsed.filters);
	const [lanes, choices] = await Promise.all([
		getBoosterLanes(db, cohort, parsed.options),
		getClinicianChoices(db, scope)
	]);
	return { lanes, choices, filters: parsed.filters, options: parsed.options };
};
