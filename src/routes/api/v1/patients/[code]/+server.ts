import { json } from '@sveltejs/kit';
import { requirePatientScope } from '$lib/server/auth/guards';
import { loadAuditedPatient } from '$lib/server/auth/patient-access';
import { database } from '$lib/server/runtime';
import type { RequestHandler } from './$types';
import { flatten, toCsv } from '../../csv';
import { badRequest } from '../../endpoint';

// One patient's courses, for clinicians of the patient's clinic only; every read is audited
// (the audit log is the only place a patient code is written down).
export const GET: RequestHandler = async (event) => {
	const scope = requirePatientScope(event);
	const params = event.url.searchParams;
	for (const key of params.keys()) {
		if (key !== 'as_of' && key !== 'format') return badRequest(key, `Unknown parameter "${key}"`);
	}
	const asOf = params.get('as_of');
	if (asOf !== null && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
		return badRequest('as_of', 'Parameter "as_of" must be a date written YYYY-MM-DD');
	}
	const format = params.get('format') ?? 'json';
	if (format !== 'json' && format !== 'csv')
		return badRequest('format', 'Parameter "format" must be json or csv');
	const { db } = await database();
	const detail = await loadAuditedPatient(db, scope, event.params.code, asOf, {
		action: 'patient_api_read',
		detail: { format, as_of: asOf }
	});
	if (format === 'json') return json(detail);
	const rows = detail.courses.flatMap((course) =>
		Object.entries(course.instruments).flatMap(([instrument, data]) =>
			data.assessments.map((a) => ({
				course: course.index,
				instrument,
				...flatten(a),
				items: a.items ? a.items.join(' ') : null
			}))
		)
	);
	const body = toCsv(
		{
			title: `patient ${detail.code} assessments`,
			filters: {
				instrument: null,
				clinic: [detail.clinic],
				indication: [],
				clinician: [],
				age_band: [],
				start_from: null,
				start_to: null,
				as_of: asOf,
				by: null
			},
			asOf: asOf ?? 'all data',
			rows
		},
		1
	);
	return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
