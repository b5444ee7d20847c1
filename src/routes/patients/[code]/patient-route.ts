import { error, type RequestEvent } from '@sveltejs/kit';
import { parseFilters } from '$lib/filters';
import { requirePatientScope } from '$lib/server/auth/guards';
import { loadAuditedPatient, type PatientRead } from '$lib/server/auth/patient-access';
import { database } from '$lib/server/runtime';

// The patient page and its CSV export start alike: the URL's filters (only `as_of` matters for
// one patient), a clinician's scope, then the audited read of the patient.
export async function readPatientFromUrl(
	event: RequestEvent<{ code: string }>,
	action: PatientRead['action']
) {
	const parsed = parseFilters(event.url.searchParams);
	const scope = requirePatientScope(event);
	if (!parsed.ok) error(400, parsed.error);
	const asOf = parsed.filters.as_of;
	const { db } = await database();
	const detail = await loadAuditedPatient(db, scope, event.params.code, asOf, {
		action,
		detail: { as_of: asOf }
	});
	return { db, scope, asOf, detail };
}
