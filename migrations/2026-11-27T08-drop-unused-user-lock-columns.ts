import type { Kysely } from 'kysely';

// Frozen in time. Sign-in failures and locks moved to sign_in_throttle (keyed by the attempted
// username, so unknown names lock like real ones); these two user columns were never used.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('users')
		.dropColumn('failed_attempts')
		.dropColumn('locked_until')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('users')
		.addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('locked_until', 'timestamptz')
		.execute();
}
