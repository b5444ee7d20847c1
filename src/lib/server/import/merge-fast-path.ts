import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

// The foreign keys from infusions and assessments to patients are checked by a trigger per
// inserted row (a look-up and a row lock of the patient, WAL-logged): measured at 10,000
// patients, 30% of the merge of 300,000 rows. The merge already guarantees what that check
// proves, since it inserts only rows joined to their patient (merge.ts). So, where the role
// may, those triggers are skipped for the two child merges with session_replication_role.
//
// What the per-row lock also gave (no patient deleted or re-keyed before this transaction
// commits) is kept by one table lock: SHARE mode blocks other writers of patients until commit,
// not readers. Should the tables ever carry a trigger of their own (not a constraint's), the
// fast path is not taken, as that trigger would be skipped too.

const CHILD_TABLES = ['infusions', 'assessments'] as const;

/** True when the child merges may run without the per-row foreign-key triggers. */
export async function canSkipForeignKeyTriggers(trx: Kysely<DB>): Promise<boolean> {
	const { rows } = await sql<{ allowed: boolean; own_triggers: number }>`
		select has_parameter_privilege('session_replication_role', 'SET') as allowed,
			(select count(*) from pg_trigger
				where tgrelid in ('patients'::regclass, 'infusions'::regclass, 'assessments'::regclass)
				and not tgisinternal) as own_triggers`.execute(trx);
	return rows[0].allowed && rows[0].own_triggers === 0;
}

/** Runs the child-table merges with the foreign-key triggers off, restoring them after. */
export async function withoutForeignKeyTriggers<T>(
	trx: Kysely<DB>,
	work: () => Promise<T>
): Promise<T> {
	await sql`lock table patients in share mode`.execute(trx);
	// `set local`: the setting cannot outlive this transaction, whatever happens.
	// Restored on success only: after a failed statement the transaction accepts no command
	// until it is rolled back, which ends the setting with it.
	await sql`set local session_replication_role = replica`.execute(trx);
	const result = await work();
	await sql`set local session_replication_role = origin`.execute(trx);
	return result;
}

/** Decides once per import; the result runs one file's merge, on the fast path if it may. */
export async function mergeRunner(trx: Kysely<DB>) {
	const fast = await canSkipForeignKeyTriggers(trx);
	return <T>(kind: string, merge: () => Promise<T>): Promise<T> =>
		fast && (CHILD_TABLES as readonly string[]).includes(kind)
			? withoutForeignKeyTriggers(trx, merge)
			: merge();
}
