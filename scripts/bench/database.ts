import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseTarget } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import type { DB } from '../../src/lib/server/db/schema';
import { importFolder } from '../../src/lib/server/import';

// Database side of the benchmarks: throw-away PostgreSQL databases (dropped afterwards) and the
// import of a generated folder, timed as a clinic would run it (derived tables included).

export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ThrowAway {
	url: string;
	drop(): Promise<void>;
}

/** A fresh database on the server of `serverUrl`; drop() removes it (with any connections). */
export async function createThrowAwayPostgres(serverUrl = DEFAULT_SERVER): Promise<ThrowAway> {
	const name = `io_bench_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	try {
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const client = new pg.Client({ connectionString: serverUrl });
			await client.connect();
			try {
				await client.query(`drop database if exists ${name} with (force)`);
			} finally {
				await client.end();
			}
		}
	};
}

export async function openMigrated(target: DatabaseTarget): Promise<Database> {
	const database = await openDatabase(target);
	await migrateToLatest(database.db);
	return database;
}

/** Imports the folder's CSV files; seconds from start to commit, derived tables included. */
export async function timedImport(db: Kysely<DB>, folder: string): Promise<number> {
	const started = performance.now();
	const report = await importFolder(db, folder, {
		dryRun: false,
		noUpdate: false,
		ignoreUnknownColumns: false,
		actor: 'bench',
		userId: null,
		source: 'cli'
	});
	if (report.status !== 'committed') throw new Error(`import ended ${report.status}`);
	return (performance.now() - started) / 1000;
}

/** Bytes on disk of the current database (tables, indexes, TOAST), as PostgreSQL counts them. */
export async function databaseBytes(db: Kysely<DB>): Promise<number> {
	const { rows } = await sql<{ bytes: number }>`
		select pg_database_size(current_database()) as bytes`.execute(db);
	return rows[0].bytes;
}

/** Planner statistics after a bulk load, as an operator would run after a first import. */
export async function analyze(db: Kysely<DB>): Promise<void> {
	await sql`analyze`.execute(db);
}
