import { Migrator, type Kysely } from 'kysely';
import { expect } from 'vitest';
import { migrations } from '../../../migrations/index';

/**
 * Undoes every migration after `target` and applies them again, as an existing database would
 * meet them: the migrations' fill of existing data can then be compared with what the refresh
 * wrote. `whileUndone` runs in between. Returns the names undone, the latest first.
 */
export async function redoMigrationsAfter(
	// Kysely<any>: migrations are typed against no schema (they predate the current one).
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	db: Kysely<any>,
	target: string,
	whileUndone?: () => Promise<void>
): Promise<string[]> {
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	const down = await migrator.migrateTo(target);
	expect(down.error).toBeUndefined();
	await whileUndone?.();
	const up = await migrator.migrateToLatest();
	expect(up.error).toBeUndefined();
	return (down.results ?? []).map((r) => r.migrationName);
}
