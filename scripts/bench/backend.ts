import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createBenchAccounts, type BenchAccounts } from './accounts';
import {
	analyze,
	createThrowAwayPostgres,
	databaseBytes,
	openMigrated,
	timedImport,
	DEFAULT_SERVER
} from './database';
import { startServer, type RunningServer, type ServerDatabase } from './server';

// One benchmark backend: a database holding the generated set (imported and timed), bench
// accounts, and the built server (scripts/serve.js) serving it. close() stops the server and removes the database.

export type BackendKind = 'postgres' | 'pglite';

export interface Backend {
	kind: BackendKind;
	importSeconds: number;
	databaseBytes: number;
	accounts: BenchAccounts;
	server: RunningServer;
	/** Another server on the same database, e.g. with other settings; close() stops it too. */
	startServer(env: Record<string, string>, logFile: string): Promise<RunningServer>;
	close(): Promise<void>;
}

export async function prepareBackend(
	kind: BackendKind,
	csvFolder: string,
	app: string,
	logFile: string,
	serverEnv: Record<string, string> = {}
): Promise<Backend> {
	const cleanups: (() => Promise<void>)[] = [];
	const close = async () => {
		for (const cleanup of cleanups.reverse()) await cleanup();
	};
	try {
		let target: ServerDatabase;
		if (kind === 'postgres') {
			const given = process.env.DATABASE_URL;
			if (given) target = { kind, url: given };
			else {
				const throwAway = await createThrowAwayPostgres(DEFAULT_SERVER);
				cleanups.push(throwAway.drop);
				target = { kind, url: throwAway.url };
			}
		} else {
			const dataDir = await mkdtemp(join(tmpdir(), 'bench-pglite-'));
			cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
			target = { kind, dataDir };
		}
		const database = await openMigrated(target);
		let importSeconds: number;
		let bytes: number;
		let accounts: BenchAccounts;
		try {
			const { rows } = await sql<{ n: number }>`select count(*) as n from patients`.execute(
				database.db
			);
			// Never mix the bench set into data that is already there (DATABASE_URL given).
			if (rows[0].n > 0) throw new Error('the benchmark database must start empty');
			importSeconds = await timedImport(database.db, csvFolder);
			await analyze(database.db);
			accounts = await createBenchAccounts(database.db);
			bytes = await databaseBytes(database.db);
		} finally {
			// PGlite's folder is locked by its one process: the server opens it after this closes.
			await database.close();
		}
		const start = async (env: Record<string, string>, log: string) => {
			const started = await startServer(app, target, log, env);
			cleanups.push(started.stop);
			return started;
		};
		const server = await start(serverEnv, logFile);
		return {
			kind,
			importSeconds,
			databaseBytes: bytes,
			accounts,
			server,
			startServer: start,
			close
		};
	} catch (error) {
		await close();
		throw error;
	}
}
