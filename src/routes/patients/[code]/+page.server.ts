import { EMPTY_FILTERS } from '$lib/filters';
import { isInstrumentCode } from '$lib/instruments';
import { resolveClinicianCohort } from '$lib/server/queries/clinician-cohort';
import { clinicIdNamed } from '$lib/server/queries/cohort';
import {
	EXPECTED_BAND_DEFINITION,
	getExpectedBands,
	type ExpectedBands
} from '$lib/server/queries/expected-response';
import { getWorklistRow } from '$lib/server/queries/worklist';
import type { PageServerLoad } from './$types';
import { readPatientFromUrl } from './patient-route';

// One patient, for clinicians of the patient's clinic (403 otherwise, 404 for an unknown code).
// The header and flags come from the worklist query, the rest from the patient API's function,
// so the page agrees with both. Every view is audited (loadAuditedPatient). The clinician's
// cohort is resolved while the patient is read, so that the page waits for fewer round trips.
export const load: PageServerLoad = async (event) => {
	const {
		db,
		scope,
		detail,
		also: cohort
	} = await readPatientFromUrl(event, 'patient_view', ({ db, scope, asOf }) =>
		resolveClinicianCohort(db, scope, { ...EMPTY_FILTERS, as_of: asOf })
	);
	const instruments = Object.keys(detail.courses.at(-1)?.instruments ?? {}).filter(
		isInstrumentCode
	);
	// The patient's clinic is one of the cohort's (the read above checked access): no look-up.
	const clinicId = clinicIdNamed(cohort, detail.clinic);
	const expected: ExpectedBands | Promise<ExpectedBands> =
		clinicId === null
			? {}
			: getExpectedBands(
					db,
					scope,
					{ clinicId, indication: detail.indication, instruments, asOf: cohort.asOf },
					{ cached: true }
				);
	const [header, bands] = await Promise.all([getWorklistRow(db, cohort, detail.code), expected]);
	return { detail, header, asOf: cohort.asOf, bands, expectedNote: EXPECTED_BAND_DEFINITION };
};
