import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

// A first load fills the derived tables from empty. Row-by-row maintenance of the secondary
// indexes was most of the cost of the big inserts (measured at 100k patients: derived_infusions
// 13.4 s with its indexes, 5.6 s without, for 1.2 M rows), because their keys are few and arrive
// in random order; CREATE INDEX builds each by one sort (derived_infusions' two: 4.5 s). The
// primary keys go too: the facts are written in date order, so their keys arrive in random order
// as well (derived_scores: 22 s with its key, see docs/performance.md). Re-adding a key checks
// it over all rows, so a duplicate still fails the refresh (unique_violation, 23505); unique
// constraints go and come back the same way. The definitions are read back from the catalog, so
// the migrations stay the one place that declares them. The import's first load of the raw
// tables uses it too (import/merge-first-load.ts).

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
	const keys = await keyConstraints(db, tables);
	for (const { name } of indexes) await sql`drop index ${sql.id(name)}`.execute(db);
	for (const { table, name } of keys) {
		await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}`.execute(db);
	}
	await fill();
	for (const { table, name, definition } of keys) {
		await sql`alter table ${sql.table(table)} add constraint ${sql.id(name)} ${sql.raw(definition)}`.execute(
			db
		);
	}
	for (const { definition } of indexes) await sql.raw(definition).execute(db);
}

/**
 * Refreshes the planner's statistics of tables just filled: until autovacuum gets to them (never,
 * on PGlite) the statements that read them are planned as if they held a few rows.
 */
export async function analyzeTables(db: Kysely<DB>, tables: readonly string[]): Promise<void> {
	for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
}

/** True when the table has no row: a fill without indexes is for empty tables only. */
export async function isEmptyTable(db: Kysely<DB>, table: string): Promise<boolean> {
	const { rows } = await sql`select 1 from ${sql.table(table)} limit 1`.execute(db);
	return rows.length === 0;
}

interface KeyDefinition {
	table: string;
	name: string;
	definition: string;
}

/** Primary keys and unique constraints (their indexes belong to them, not to the index list). */
async function keyConstraints(db: Kysely<DB>, tables: readonly string[]): Promise<KeyDefinition[]> {
	const { rows } = await sql<KeyDefinition>`
		select t.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
		from pg_constraint c
		join pg_class t on t.oid = c.conrelid
		where t.relnamespace = current_schema()::regnamespace
			and t.relname = any(${[...tables]}::text[]) and c.contype in ('p', 'u')
		order by c.contype, c.conname`.execute(db);
	return rows;
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
