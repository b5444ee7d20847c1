import { sql, type Kysely } from 'kysely';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DB } from '../db/schema';
import { importFolder, type ImportReport } from '../import';
import { writeDemoCsv, type DemoOptions } from './write-csv';

export { writeDemoCsv, localToday, type DemoOptions } from './write-csv';

// The demo clinic is loaded exactly like a clinic's own files: written as CSV, then imported
// through importFolder. It is never a special path into the database.

export interface SeedOptions extends DemoOptions {
	/** Where to write the CSV files (kept); default a temporary folder, removed afterwards. */
	folder?: string;
}

export async function seedDemo(db: Kysely<DB>, options: SeedOptions): Promise<ImportReport> {
	const folder = options.folder ?? (await mkdtemp(join(tmpdir(), 'infusion-demo-')));
	try {
		await writeDemoCsv(folder, options);
		return await importFolder(db, folder, {
			dryRun: false,
			noUpdate: false,
			ignoreUnknownColumns: false,
			actor: `demo (seed ${options.seed})`,
			userId: null,
			source: 'demo',
			today: options.endDate
		});
	} finally {
		if (!options.folder) await rm(folder, { recursive: true, force: true });
	}
}

/** True when no clinic or patient exists yet: the first start, when the demo may be seeded. */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
	const { rows } = await sql<{ empty: boolean }>`
		select not exists (select 1 from patients) and not exists (select 1 from clinics) as empty`.execute(
		db
	);
	return rows[0].empty;
}
