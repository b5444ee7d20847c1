import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { DERIVED_TABLES, refreshDerived } from './refresh';

export interface RebuildReport {
	rows: Record<(typeof DERIVED_TABLES)[number], number>;
	milliseconds: number;
}

/**
 * Rebuilds every derived table from the raw tables in one transaction (readers of the derived
 * tables wait for its commit: it truncates them), then refreshes the planner's statistics.
 */
export async function rebuildDerived(db: Kysely<DB>): Promise<RebuildReport> {
	const started = performance.now();
	await db.transaction().execute((trx) => refreshDerived(trx, 'all'));
	const rows = {} as RebuildReport['rows'];
	for (const table of DERIVED_TABLES) {
		await sql`analyze ${sql.table(table)}`.execute(db);
		const { rows: counted } = await sql<{ n: number }>`
			select count(*) as n from ${sql.table(table)}`.execute(db);
		rows[table] = counted[0].n;
	}
	return { rows, milliseconds: Math.round(performance.now() - started) };
}
