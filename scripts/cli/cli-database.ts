import { config, ConfigError } from '../../src/lib/server/config';
import { openAppDatabase, type Database } from '../../src/lib/server/db';
import { DataFolderBusyError } from '../../src/lib/server/db/data-lock';

// Opens the configured database (DATA_DIR or DATABASE_URL, migrated) for a command-line tool,
// runs `work`, and always closes it. A PGlite folder held by the running server is refused with
// its explanation (exit 1): two processes on one PGlite folder would corrupt it.

export async function withCliDatabase(
	owner: string,
	work: (database: Database) => Promise<number>
): Promise<number> {
	let database: Database;
	try {
		database = await openAppDatabase(config(), owner);
	} catch (error) {
		if (error instanceof DataFolderBusyError || error instanceof ConfigError) {
			console.error(error.message);
			return 1;
		}
		throw error;
	}
	try {
		return await work(database);
	} finally {
		await database.close();
	}
}

/** Runs a tool's main function and exits with its status (and 1 on an unexpected error). */
export function runCli(main: () => Promise<number>): void {
	main().then(
		(code) => {
			process.exitCode = code;
		},
		(error: unknown) => {
			console.error(error instanceof Error ? error.message : String(error));
			process.exitCode = 1;
		}
	);
}
