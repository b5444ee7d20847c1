import { error } from '@sveltejs/kit';
import { EMPTY_FILTERS, parseFilters } from '$lib/filters';
import { isInstrumentCode } from '$lib/instruments';
import { requirePatientScope } from '$lib/server/auth/guards';
import { loadAuditedPatient } from '$lib/server/auth/patient-access';
import { resolveClinicianCohort } from '$lib/server/queries/clinician-cohort';
import {
	EXPECTED_BAND_DEFINITION,
	getPatientExpectedBands
} from '$lib/server/queries/expected-response';
import { getWorklistRow } from '$lib/server/queries/worklist';
import { database } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

// One patient, for clinicians of the patient's clinic (403 otherwise, 404 for an unknown code).
// The header and flags come from the worklist query, the rest from the patient API's function,
// so the page agrees with both. Every view is audited (loadAuditedPatient).
export const load: PageServerLoad = async (event) => {
	const parsed = parseFilters(event.url.searchParams);
	const scope = requirePatientScope(event);
	if (!parsed.ok) error(400, parsed.error);
	const asOf = parsed.filters.as_of;
	const { db } = await database();
	const detail = await loadAuditedPatient(db, scope, event.params.code, asOf, {
		action: 'patient_view',
		detail: { as_of: asOf }
	});
	const cohort = await resolveClinicianCohort(db, scope, { ...EMPTY_FILTERS, as_of: asOf });
	const instruments = Object.keys(detail.courses.at(-1)?.instruments ?? {}).filter(
		isInstrumentCode
	);
	const [header, bands] = await Promise.all([
		getWorklistRow(db, cohort, detail.code),
		getPatientExpectedBands(db, scope, { ...detail, instruments }, cohort.asOf)
	]);
	return { detail, header, asOf: cohort.asOf, bands, expectedNote: EXPECTED_BAND_DEFINITION };
};
