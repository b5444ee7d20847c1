import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDemoCsv } from '../../src/lib/server/demo';
import { prepareBackend } from './backend';
import { printLoad, runLoadTest } from './load-test';
import { buildApp, ROOT, snapshotBuild } from './server';

// npm run bench:load -- [--patients 100000] [--seconds 60] [--connections 50] [--no-build]
//   [--workers 1] (server processes, WEB_CONCURRENCY; the default is the server's own default)
// Imports the deterministic demo set into PostgreSQL (DATABASE_URL, or a throw-away database),
// serves it with scripts/serve.js on 127.0.0.1 and runs the signed-in load mix with autocannon.

const { values } = parseArgs({
	options: {
		patients: { type: 'string', default: '100000' },
		seconds: { type: 'string', default: '60' },
		connections: { type: 'string', default: '50' },
		seed: { type: 'string', default: '42' },
		'end-date': { type: 'string', default: '2026-06-30' },
		workers: { type: 'string', default: '1' },
		'no-build': { type: 'boolean', default: false }
	}
});

const endDate = values['end-date'];
const asOf = new Date(Date.parse(`${endDate}T00:00:00Z`) - 365 * 86_400_000)
	.toISOString()
	.slice(0, 10);
const outDir = join(ROOT, 'bench-results');
await mkdir(outDir, { recursive: true });
if (!values['no-build']) await buildApp();
const app = await snapshotBuild(join(outDir, `app-${process.pid}`));
const folder = await mkdtemp(join(tmpdir(), 'bench-csv-'));
try {
	await writeDemoCsv(folder, {
		patients: Number(values.patients),
		seed: Number(values.seed),
		endDate
	});
	const backend = await prepareBackend('postgres', folder, app, join(outDir, 'server-load.log'), {
		WEB_CONCURRENCY: values.workers
	});
	try {
		console.log(`imported ${values.patients} patients in ${backend.importSeconds.toFixed(1)} s`);
		console.log(`server: ${values.workers} process(es) (WEB_CONCURRENCY)`);
		const result = await runLoadTest(backend.server.baseUrl, backend.accounts, asOf, {
			connections: Number(values.connections),
			seconds: Number(values.seconds)
		});
		printLoad(result);
	} finally {
		await backend.close();
	}
} finally {
	await rm(folder, { recursive: true, force: true });
	await rm(app, { recursive: true, force: true });
}
