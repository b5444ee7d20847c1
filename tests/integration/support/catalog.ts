import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../src/lib/server/db/schema';

/**
 * Every index and constraint of the tables whose names match one of the LIKE patterns, as text:
 * what a fill without indexes (derived/bulk-fill.ts) must leave as the migrations declared it.
 */
export async function tableCatalog(db: Kysely<DB>, patterns: readonly string[]): Promise<string[]> {
	const { rows } = await sql<{ item: string }>`
		select t.relname || ': ' || pg_get_indexdef(x.indexrelid) as item
		from pg_index x join pg_class t on t.oid = x.indrelid
		where t.relnamespace = current_schema()::regnamespace
			and t.relname like any(${[...patterns]}::text[])
		union all
		select t.relname || ': ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
		from pg_constraint c join pg_class t on t.oid = c.conrelid
		where t.relnamespace = current_schema()::regnamespace
			and t.relname like any(${[...patterns]}::text[])
		order by 1`.execute(db);
	return rows.map((r) => r.item);
}
