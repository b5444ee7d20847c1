import { error, type RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { parseFilters } from '$lib/filters';
import { requirePatientScope } from '$lib/server/auth/guards';
import { loadAuditedPatient, type PatientRead } from '$lib/server/auth/patient-access';
import type { PatientScope } from '$lib/server/auth/scope';
import type { DB } from '$lib/server/db/schema';
import { database } from '$lib/server/runtime';

// The patient page and its CSV export start alike: the URL's filters (only `as_of` matters for
// one patient), a clinician's scope, then the audited read of the patient.

export interface PatientRequest {
	db: Kysely<DB>;
	scope: PatientScope;
	asOf: string | null;
}

/**
 * `alongside` runs at the same time as the audited read, for what the route needs besides the
 * patient (its result is `also`); if the read fails (404, 403), so does the route.
 */
export async function readPatientFromUrl<T = undefined>(
	event: RequestEvent<{ code: string }>,
	action: PatientRead['action'],
	alongside?: (request: PatientRequest) => Promise<T>
) {
	const parsed = parseFilters(event.url.searchParams);
	const scope = requirePatientScope(event);
	if (!parsed.ok) error(400, parsed.error);
	const asOf = parsed.filters.as_of;
	const { db } = await database();
	const request: PatientRequest = { db, scope, asOf };
	const [detail, also] = await Promise.all([
		loadAuditedPatient(db, scope, event.params.code, asOf, { action, detail: { as_of: asOf } }),
		alongside?.(request)
	]);
	return { ...request, detail, also: also as T };
}
