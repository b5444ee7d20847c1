import { config } from '../../src/lib/server/config';
import { openAppDatabase } from '../../src/lib/server/db';
import { rebuildDerived } from '../../src/lib/server/derived/rebuild';

// npm run db:rebuild-derived: recomputes the derived fact tables from the raw tables, for all
// patients, with the same SQL the import runs for the patients it touched.

const database = await openAppDatabase(config(), 'npm run db:rebuild-derived');
try {
	const report = await rebuildDerived(database.db);
	for (const [table, rows] of Object.entries(report.rows)) console.log(`${table}: ${rows} rows`);
	console.log(`Rebuilt the derived tables on ${database.kind} in ${report.milliseconds} ms.`);
} catch (error) {
	console.error(`Rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
} finally {
	await database.close();
}
