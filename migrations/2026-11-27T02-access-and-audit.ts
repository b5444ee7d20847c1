import { sql, type Kysely } from 'kysely';

// Frozen in time: users, sessions, API tokens, the append-only audit log and import records.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('users')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('username', 'text', (c) =>
			c
				.notNull()
				.unique()
				.check(sql`username ~ '^[a-z0-9_.-]{2,40}$'`)
		)
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('locked_until', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('user_roles')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('clinician', 'leadership', 'admin')`)
		)
		.addPrimaryKeyConstraint('user_roles_pkey', ['user_id', 'role'])
		.execute();

	// Clinics a clinician may see; only meaningful with the clinician role.
	await db.schema
		.createTable('user_clinics')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('clinic_id', 'integer', (c) => c.notNull().references('clinics.id'))
		.addPrimaryKeyConstraint('user_clinics_pkey', ['user_id', 'clinic_id'])
		.execute();

	// Only a SHA-256 of the session token is stored, so a database leak yields no live session.
	await db.schema
		.createTable('sessions')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('api_tokens')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_used_at', 'timestamptz')
		.addColumn('revoked_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.references('users.id'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('patient_code', 'text')
		.addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();
	await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at']).execute();
	await db.schema
		.createIndex('audit_log_patient_idx')
		.on('audit_log')
		.columns(['patient_code'])
		.execute();
	// Append-only by construction: updates and deletes are refused by the database itself.
	await sql`
		create function audit_log_append_only() returns trigger language plpgsql as $$
		begin
			raise exception 'audit_log is append-only';
		end $$`.execute(db);
	await sql`
		create trigger audit_log_no_change before update or delete on audit_log
		for each row execute function audit_log_append_only()`.execute(db);

	await db.schema
		.createTable('imports')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('finished_at', 'timestamptz')
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('cli', 'web', 'demo')`))
		.addColumn('dry_run', 'boolean', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('committed', 'dry_run', 'rejected', 'unchanged')`)
		)
		.addColumn('files', 'jsonb', (c) => c.notNull())
		.addColumn('counts', 'jsonb', (c) => c.notNull())
		.addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop trigger audit_log_no_change on audit_log`.execute(db);
	await sql`drop function audit_log_append_only()`.execute(db);
	for (const t of [
		'imports',
		'audit_log',
		'api_tokens',
		'sessions',
		'user_clinics',
		'user_roles',
		'users'
	]) {
		await db.schema.dropTable(t).execute();
	}
}
