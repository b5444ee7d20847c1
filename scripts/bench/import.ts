import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type DatabaseTarget } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { writeDemoCsv } from '../../src/lib/server/demo';
import { importFolder } from '../../src/lib/server/import';

// npm run bench:import -- [--patients 100000] [--seed 42] [--only postgres|pglite] [--folder DIR]
// Generates the demo clinic at scale, imports it into a throw-away PostgreSQL database and into
// a PGlite folder, and prints rows per second and the process's peak resident memory.
// Target (issue 4): 100k patients into PostgreSQL in under 60 s with peak RSS under 400 MB.
// --folder keeps the generated CSV files there (generating them only when it holds none), so
// repeated measurements skip the generation.

const { values } = parseArgs({
	options: {
		patients: { type: 'string', default: '100000' },
		seed: { type: 'string', default: '42' },
		only: { type: 'string' },
		folder: { type: 'string' }
	}
});
const patients = Number(values.patients);
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Samples RSS while `work` runs: the peak of this phase alone. */
async function measure<T>(
	work: () => Promise<T>
): Promise<{ result: T; seconds: number; peakRss: number }> {
	let peakRss = process.memoryUsage.rss();
	const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
	const started = performance.now();
	try {
		const result = await work();
		return { result, seconds: (performance.now() - started) / 1000, peakRss };
	} finally {
		clearInterval(timer);
	}
}

async function importInto(label: string, target: DatabaseTarget, folder: string, rows: number) {
	const database = await openDatabase(target);
	try {
		await migrateToLatest(database.db);
		const { result, seconds, peakRss } = await measure(() =>
			importFolder(database.db, folder, {
				dryRun: false,
				noUpdate: false,
				ignoreUnknownColumns: false,
				actor: 'bench',
				userId: null,
				source: 'cli'
			})
		);
		if (result.status !== 'committed') throw new Error(`${label}: import ${result.status}`);
		console.log(
			`${label.padEnd(10)} ${seconds.toFixed(1).padStart(6)} s  ${Math.round(rows / seconds)
				.toString()
				.padStart(7)} rows/s  peak RSS ${mb(peakRss)}`
		);
		const t = result.timings;
		const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
		console.log(
			`           read+stage ${s(t.stage)}, checks ${s(t.check)}, merge ${s(t.merge)}, ` +
				`derived refresh ${s(t.refresh)}`
		);
	} finally {
		await database.close();
	}
}

/**
 * pg's pool.end() resolves before the server has seen its sockets close; a forced drop in that
 * moment terminates them, and the pool then throws the FATAL message at nobody and the process
 * dies (seen on this loaded machine). Waiting for the database's sessions to end avoids it.
 */
async function waitForDisconnect(admin: pg.Client, database: string) {
	for (let attempt = 0; attempt < 50; attempt++) {
		const { rows } = await admin.query<{ n: number }>(
			'select count(*)::int as n from pg_stat_activity where datname = $1',
			[database]
		);
		if (rows[0].n === 0) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

async function withThrowAwayPostgres(work: (url: string) => Promise<void>) {
	const name = `io_bench_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: server });
	await admin.connect();
	await admin.query(`create database ${name}`);
	try {
		const url = new URL(server);
		url.pathname = `/${name}`;
		await work(url.toString());
	} finally {
		await waitForDisconnect(admin, name);
		await admin.query(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

type Counts = Awaited<ReturnType<typeof writeDemoCsv>>;

/** The demo set's counts, generating the files unless the kept folder already has them. */
async function demoSet(folder: string): Promise<Counts> {
	const countsFile = join(folder, 'counts.json');
	if (values.folder) {
		const kept = await readFile(countsFile, 'utf8').catch(() => null);
		if (kept) {
			console.log(`reusing the CSV files in ${folder}`);
			return JSON.parse(kept) as Counts;
		}
	}
	const generated = await measure(() =>
		writeDemoCsv(folder, { patients, seed: Number(values.seed) })
	);
	const counts = generated.result;
	console.log(
		`generated ${counts.patients} patients, ${counts.infusions} infusions, ${counts.assessments} assessments ` +
			`in ${generated.seconds.toFixed(1)} s, peak RSS ${mb(generated.peakRss)}`
	);
	if (values.folder) await writeFile(countsFile, JSON.stringify(counts));
	return counts;
}

const folder = values.folder ?? (await mkdtemp(join(tmpdir(), 'bench-import-')));
if (values.folder) await mkdir(folder, { recursive: true });
try {
	const counts = await demoSet(folder);
	const rows = counts.patients + counts.infusions + counts.assessments;
	console.log(`${rows} rows to import`);
	if (values.only !== 'pglite') {
		await withThrowAwayPostgres((url) =>
			importInto('postgres', { kind: 'postgres', url }, folder, rows)
		);
	}
	if (values.only !== 'postgres') {
		const dataDir = await mkdtemp(join(tmpdir(), 'bench-pglite-'));
		try {
			await importInto('pglite', { kind: 'pglite', dataDir }, folder, rows);
		} finally {
			await rm(dataDir, { recursive: true, force: true });
		}
	}
	console.log(`process peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
	if (!values.folder) await rm(folder, { recursive: true, force: true });
}
