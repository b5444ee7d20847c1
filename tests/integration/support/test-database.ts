import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';

// Each test file gets its own fresh, migrated database: an in-memory PGlite by default, or a
// throw-away database on the PostgreSQL server named by TEST_DATABASE_URL (dropped on close).

export async function createTestDatabase(): Promise<Database> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) {
		const database = await openDatabase({ kind: 'pglite' });
		await migrateToLatest(database.db);
		return database;
	}
	const name = `io_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
	await migrateToLatest(database.db);
	return {
		...database,
		close: async () => {
			await database.close();
			const dropper = new pg.Client({ connectionString: serverUrl });
			await dropper.connect();
			await dropper.query(`drop database if exists ${name} with (force)`);
			await dropper.end();
		}
	};
}

export const testDatabaseKind = () => (process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
