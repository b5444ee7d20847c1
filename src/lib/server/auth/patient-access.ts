import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { getPatientDetail, type PatientDetail } from '../queries/patient-detail';
import { writeAudit, type AuditAction } from './audit';
import type { PatientScope } from './scope';

// Every patient-level route (page, CSV export, API) reads one patient the same way: 404 for an
// unknown code, 403 for a patient of another clinic, and the read written to the audit log
// before any of the patient's data leaves the server (domain.md s.5: every view is audited).

export interface PatientRead {
	action: Extract<AuditAction, 'patient_view' | 'patient_export' | 'patient_api_read'>;
	/** What was asked for (as-of date, format); never the patient's data. */
	detail: Record<string, unknown>;
}

export async function loadAuditedPatient(
	db: Kysely<DB>,
	scope: PatientScope,
	code: string,
	asOf: string | null,
	read: PatientRead
): Promise<PatientDetail> {
	// The audit row is written while the patient's rows are read (one round trip less), and
	// both finish before anything is returned.
	const audit = (patientCode: string) =>
		writeAudit(db, {
			actor: scope.actor,
			userId: scope.userId,
			action: read.action,
			patientCode,
			detail: read.detail
		});
	const detail = await getPatientDetail(db, scope, code, asOf, audit);
	if (detail === null) error(404, 'No such patient');
	if (detail === 'forbidden') error(403, 'Not allowed');
	return detail;
}
