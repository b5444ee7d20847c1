import { sql, type Kysely } from 'kysely';

// Frozen in time. A counter of changes to the data the aggregates read: every refresh of the
// derived tables (each import, each rebuild) adds one inside its transaction. Servers cache
// aggregate answers per version (src/lib/server/cache/aggregate-cache.ts), so a change made by
// another process or server is seen at the next request. One row, always.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('data_version')
		.addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
		.addColumn('version', 'bigint', (c) => c.notNull())
		.execute();
	await sql`insert into data_version (id, version) values (1, 1)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('data_version').execute();
}
