import { error } from '@sveltejs/kit';
import { requirePatientScope } from '$lib/server/auth/guards';
import { getClinicianChoices, resolveClinicianCohort } from '$lib/server/queries/clinician-cohort';
import { getWorklist } from '$lib/server/queries/worklist';
import { database } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';
import { ACTIVE_WINDOW_DAYS, parseWorklistParams } from './worklist-params';

// The clinician's start page: parse the URL, check access, run the queries in parallel.
export const load: PageServerLoad = async (event) => {
	const parsed = parseWorklistParams(event.url.searchParams);
	const scope = requirePatientScope(event);
	if (!parsed.ok) error(400, parsed.error);
	const { db } = await database();
	const cohort = await resolveClinicianCohort(db, scope, parsed.filters);
	const [worklist, choices] = await Promise.all([
		getWorklist(db, cohort, parsed.options),
		getClinicianChoices(db, scope)
	]);
	return {
		worklist,
		choices,
		filters: parsed.filters,
		options: parsed.options,
		activeWindowDays: ACTIVE_WINDOW_DAYS
	};
};
