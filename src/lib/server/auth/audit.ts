import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

// The append-only audit log (the database refuses updates and deletes, see the migration).
// Patient codes belong here and nowhere in application logs.

export type AuditAction =
	| 'sign_in'
	| 'sign_in_failed'
	| 'sign_out'
	| 'patient_view'
	| 'patient_api_read'
	| 'patient_export'
	| 'import'
	| 'user_change'
	| 'token_change';

export interface AuditEntry {
	actor: string;
	userId: number | null;
	action: AuditAction;
	patientCode?: string | null;
	detail?: Record<string, unknown>;
}

export async function writeAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			actor: entry.actor,
			user_id: entry.userId,
			action: entry.action,
			patient_code: entry.patientCode ?? null,
			detail: JSON.stringify(entry.detail ?? {})
		})
		.execute();
}
