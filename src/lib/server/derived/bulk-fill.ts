import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

// A first load fills the derived tables from empty. Row-by-row maintenance of the secondary
// indexes was most of the cost of the big inserts (measured at 100k patients: derived_infusions
// 13.4 s with its indexes, 5.6 s without, for 1.2 M rows), because their keys are few and arrive
// in random order; CREATE INDEX builds each by one sort (derived_infusions' two: 4.5 s). The
// definitions are read back from the catalog, so the migrations stay the one place that declares
// them. Constraint indexes (primary keys) stay: they guard the inserts.

/**
 * Runs `fill` (inserts into the given, empty tables) with their secondary indexes dropped, then
 * recreates the indexes. Run it inside a transaction: readers of these tables wait for its commit.
 */
export async function fillWithoutIndexes(
	db: Kysely<DB>,
	tables: readonly string[],
	fill: () => Promise<void>
): Promise<void> {
	const indexes = await secondaryIndexes(db, tables);
	for (const { name } of indexes) await sql`drop index ${sql.id(name)}`.execute(db);
	await fill();
	for (const { definition } of indexes) await sql.raw(definition).execute(db);
}

interface IndexDefinition {
	name: string;
	definition: string;
}

async function secondaryIndexes(
	db: Kysely<DB>,
	tables: readonly string[]
): Promise<IndexDefinition[]> {
	const { rows } = await sql<IndexDefinition>`
		select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
		from pg_index x
		join pg_class i on i.oid = x.indexrelid
		join pg_class t on t.oid = x.indrelid
		where t.relnamespace = current_schema()::regnamespace
			and t.relname = any(${[...tables]}::text[])
			and not exists (select from pg_constraint c where c.conindid = x.indexrelid)
		order by i.relname`.execute(db);
	return rows;
}
