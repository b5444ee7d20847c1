import { stringify } from 'csv-stringify/sync';
import { DEFINITIONS_VERSION } from '$lib/definitions';
import type { RequestHandler } from './$types';
import { readPatientFromUrl } from '../patient-route';
import { patientCsvRows } from './patient-csv';

// The patient's data as CSV (every infusion and assessment, with each course's outcomes), for
// clinicians of the patient's clinic; every download is audited as a patient export.
export const GET: RequestHandler = async (event) => {
	const { asOf, detail } = await readPatientFromUrl(event, 'patient_export');
	const preamble = [
		`# patient ${detail.code}; clinic ${detail.clinic}; indication ${detail.indication}`,
		`# as of ${asOf ?? 'all data'}; definitions version ${DEFINITIONS_VERSION}`
	].join('\n');
	const body = stringify(patientCsvRows(detail), {
		header: true,
		// csv-stringify writes false as an empty cell, which would read as "not computable".
		cast: { boolean: (value) => (value ? 'true' : 'false') }
	});
	return new Response(`${preamble}\n${body}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="patient-${detail.code}.csv"`
		}
	});
};
