import { sql, type Kysely } from 'kysely';

// Frozen in time. Failed sign-ins are counted per attempted username text, whether or not such
// a user exists: if only real accounts could be slowed or locked, the lock message itself would
// tell an attacker which usernames exist.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('sign_in_throttle')
		.addColumn('username', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('last_failure_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('locked_until', 'timestamptz')
		.execute();
	await db.schema
		.createIndex('sign_in_throttle_last_failure_idx')
		.on('sign_in_throttle')
		.columns(['last_failure_at'])
		.execute();
	// API tokens get an optional label so that an admin can tell them apart when revoking.
	await db.schema.alterTable('api_tokens').addColumn('label', 'text').execute();
	await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('sessions_user_idx').execute();
	await db.schema.alterTable('api_tokens').dropColumn('label').execute();
	await db.schema.dropTable('sign_in_throttle').execute();
}
