import { Migrator } from 'kysely';
import { migrations } from '../../migrations/index';
import { runCli, withCliDatabase } from './cli-database';

// npm run db:migrate: brings the configured database up to date and prints what it applied.

runCli(async () => {
	const startedAt = Date.now();
	return withCliDatabase('npm run db:migrate', async (database) => {
		const migrator = new Migrator({
			db: database.db,
			provider: { getMigrations: async () => migrations }
		});
		const all = await migrator.getMigrations();
		// Opening the database migrated it: whatever was executed since this command started is
		// what this command applied.
		const applied = all.filter((m) => m.executedAt && m.executedAt.getTime() >= startedAt - 1);
		for (const m of applied) console.log(`applied ${m.name}`);
		console.log(
			applied.length > 0
				? `Applied ${applied.length} migration(s) to ${database.kind} (${database.location}).`
				: `Already up to date: ${all.length} migration(s) on ${database.kind} (${database.location}).`
		);
		return 0;
	});
});
