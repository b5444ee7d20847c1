import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createTestDatabase,
	testDatabaseKind
} from '../../../../tests/integration/support/test-database';
import type { Database } from '../db';
import type { DB } from '../db/schema';
import { canSkipForeignKeyTriggers, withoutForeignKeyTriggers } from './merge-fast-path';

// The fast path must never leave the foreign-key triggers off beyond the child merges, and must
// step aside when the tables carry a trigger of their own.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.close());

const role = async (db: Kysely<DB>) =>
	(await sql<{ r: string }>`select current_setting('session_replication_role') as r`.execute(db))
		.rows[0].r;

/** Runs `work` in a transaction that is always rolled back. */
async function inRolledBackTransaction(work: (trx: Kysely<DB>) => Promise<void>) {
	const rolledBack = new Error('roll back');
	await expect(
		database.db.transaction().execute(async (trx) => {
			await work(trx);
			throw rolledBack;
		})
	).rejects.toBe(rolledBack);
}

const insertOrphanInfusion = (db: Kysely<DB>) =>
	sql`insert into infusions (patient_id, administered_on, phase) values (999999, '2024-01-02', 'induction')`.execute(
		db
	);

describe(`merge fast path on ${testDatabaseKind()}`, () => {
	it('is available to the test role (a superuser) on tables without triggers of their own', async () => {
		expect(await canSkipForeignKeyTriggers(database.db)).toBe(true);
	});

	it('steps aside once infusions carries a trigger of its own', async () => {
		await inRolledBackTransaction(async (trx) => {
			await sql`create function io_test_noop() returns trigger language plpgsql as
				$$ begin return new; end $$`.execute(trx);
			await sql`create trigger io_test_noop before insert on infusions
				for each row execute function io_test_noop()`.execute(trx);
			expect(await canSkipForeignKeyTriggers(trx)).toBe(false);
		});
	});

	it('turns the triggers off for the work only, and the foreign key holds again after it', async () => {
		await inRolledBackTransaction(async (trx) => {
			const during = await withoutForeignKeyTriggers(trx, () => role(trx));
			expect(during).toBe('replica');
			expect(await role(trx)).toBe('origin');
			await sql`savepoint orphan`.execute(trx);
			await expect(insertOrphanInfusion(trx)).rejects.toThrow(/foreign key/);
			await sql`rollback to savepoint orphan`.execute(trx);
		});
	});

	it('leaves nothing switched off when the work fails', async () => {
		const failure = new Error('merge failed');
		// One connection throughout: the setting belongs to a session, and a pool could hand the
		// checks below a different one.
		await database.db.connection().execute(async (connection) => {
			await expect(
				connection.transaction().execute((trx) =>
					withoutForeignKeyTriggers(trx, async () => {
						throw failure;
					})
				)
			).rejects.toBe(failure);
			expect(await role(connection)).toBe('origin');
			await expect(insertOrphanInfusion(connection)).rejects.toThrow(/foreign key/);
		});
	});
});
