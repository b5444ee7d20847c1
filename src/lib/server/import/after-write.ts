import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { refreshDerived } from '../derived/refresh';

/**
 * The one hook point after an import has merged its rows, inside the import's transaction
 * (so derived data commits or rolls back with the rows it derives from): the derived fact tables
 * of the touched patients are deleted and recomputed from the raw tables.
 */
export async function refreshAfterImport(
	trx: Kysely<DB>,
	touchedPatientIds: readonly number[]
): Promise<void> {
	await refreshDerived(trx, touchedPatientIds);
}
