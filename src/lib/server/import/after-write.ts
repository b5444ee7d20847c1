import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { refreshDerived, type PatientSelection } from '../derived/refresh';

/**
 * The one hook point after an import has merged its rows, inside the import's transaction
 * (so derived data commits or rolls back with the rows it derives from): the derived fact tables
 * of the touched patients are deleted and recomputed from the raw tables.
 */
export async function refreshAfterImport(
	trx: Kysely<DB>,
	touchedPatientIds: readonly number[]
): Promise<void> {
	await refreshDerived(trx, await selectionFor(trx, touchedPatientIds));
}

/**
 * When the import touched every patient (a first load, a full re-export with changes), the
 * refresh of 'all' is the same work without filtering every derived query by a list of up to
 * 100,000 ids: measured at 10,000 patients it took the refresh from 15 s to 9 s. Touched ids
 * are distinct ids of existing patients (an import never deletes one), so equal counts mean
 * the same set.
 */
async function selectionFor(
	trx: Kysely<DB>,
	touchedPatientIds: readonly number[]
): Promise<PatientSelection> {
	if (touchedPatientIds.length === 0) return touchedPatientIds;
	const { rows } = await sql<{ n: number }>`select count(*) as n from patients`.execute(trx);
	return rows[0].n === touchedPatientIds.length ? 'all' : touchedPatientIds;
}
