import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from '../../../../migrations/index';

/** Brings the schema up to date; throws with the failing migration's name on error. */
// Kysely<any>: migrations are typed against no schema (they predate the current one).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations }
	});
	const { error, results = [] } = await migrator.migrateToLatest();
	if (error) {
		const failed = results.find((r) => r.status === 'Error');
		const name = failed ? ` (${failed.migrationName})` : '';
		throw new Error(`Database migration failed${name}: ${(error as Error).message ?? error}`);
	}
	return results;
}
