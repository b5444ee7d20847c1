import type { Config } from '../config';
import { acquireDataLock } from './data-lock';
import { openDatabase, type Database, type DatabaseTarget } from './connect';
import { migrateToLatest } from './migrate';

export type { Database } from './connect';
export type { DB } from './schema';

export function targetFromConfig(config: Config): DatabaseTarget {
	return config.DATABASE_URL
		? { kind: 'postgres', url: config.DATABASE_URL }
		: { kind: 'pglite', dataDir: config.DATA_DIR };
}

/**
 * Opens the configured database for this process (server or CLI tool), locking PGlite's folder
 * against a second process, and migrates it. Closing releases the lock.
 */
export async function openAppDatabase(config: Config, owner: string): Promise<Database> {
	const target = targetFromConfig(config);
	const release = target.kind === 'pglite' ? acquireDataLock(config.DATA_DIR, owner) : () => {};
	try {
		const database = await openDatabase(target);
		await migrateToLatest(database.db);
		return {
			...database,
			close: async () => {
				try {
					await database.close();
				} finally {
					release();
				}
			}
		};
	} catch (e) {
		release();
		throw e;
	}
}
