import type { Kysely } from 'kysely';
import { createDemoUsers, type DemoAccount } from './auth/demo-users';
import type { Config } from './config';
import type { Database } from './db';
import type { DB } from './db/schema';
import { isDatabaseEmpty, seedDemo } from './demo';
import { logInfo } from './log';

// What the server does once its database is open: on an empty database (and DEMO=auto) it seeds
// the demo clinic through the ordinary import path and creates one demo user per role, then
// says where to open the dashboard.

export async function prepareDatabase(database: Database, config: Config): Promise<DemoAccount[]> {
	const { db } = database;
	if (config.DEMO !== 'auto' || !(await isDatabaseEmpty(db))) return [];
	logInfo(`Empty database: seeding the demo clinic (${config.DEMO_PATIENTS} patients)...`);
	const report = await seedDemo(db, { patients: config.DEMO_PATIENTS, seed: config.DEMO_SEED });
	if (report.status !== 'committed') {
		throw new Error(`The demo seed did not import (${report.status}, ${report.errorCount} errors)`);
	}
	return createDemoUsers(db, await demoClinicIds(db));
}

async function demoClinicIds(db: Kysely<DB>): Promise<number[]> {
	// McLean first: the first demo clinician belongs to it (see demo-users.ts).
	const clinics = await db.selectFrom('clinics').select(['id', 'name']).orderBy('id').execute();
	const mclean = clinics.filter((c) => c.name === 'McLean');
	return [...mclean, ...clinics.filter((c) => c.name !== 'McLean')].map((c) => c.id);
}

export function announce(database: Database, config: Config, accounts: DemoAccount[]): void {
	const host = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
	const port = process.env.PORT ?? '3000';
	const where = database.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL';
	const lines = [``, `Infusion Outcomes is starting on ${where}.`, `Open http://${host}:${port}`];
	if (accounts.length > 0) {
		lines.push(``, `Demo sign-ins (shown once; keep them):`);
		for (const a of accounts) {
			const clinics = a.clinics.length > 0 ? ` (${a.clinics.join(', ')})` : '';
			lines.push(`  ${a.username.padEnd(12)} ${a.password}   ${a.roles.join(', ')}${clinics}`);
		}
	}
	logInfo(lines.join('\n'));
}
