import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

// The data version (migrations/...-data-version.ts): bumped with every refresh of the derived
// tables, read by the aggregate cache before it answers from memory.

/** Run it inside the transaction that changes the data, so both commit together. */
export async function bumpDataVersion(db: Kysely<DB>): Promise<void> {
	await sql`update data_version set version = version + 1 where id = 1`.execute(db);
}

export async function readDataVersion(db: Kysely<DB>): Promise<number> {
	const { rows } = await sql<{ version: number }>`
		select version from data_version where id = 1`.execute(db);
	return rows[0]?.version ?? 0;
}
