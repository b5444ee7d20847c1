import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDemoCsv } from '../../src/lib/server/demo';
import { prepareBackend, type BackendKind } from './backend';
import { runLoadTest, printLoad, type LoadResult } from './load-test';
import { measurePageWeights, PAGE_JS_LIMIT_BYTES, type PageWeight } from './page-weight';
import { limits, scenarios } from './scenarios';
import { buildApp, ROOT, snapshotBuild } from './server';
import { kb, mb, round } from './stats';
import { timeScenario, type Timing } from './timing';

// npm run bench -- [--sizes 10000,100000] [--large] [--pglite-sizes 10000] [--runs 20]
//   [--warmup 3] [--no-build] [--only postgres|pglite] [--load] [--load-seconds 60]
//   [--load-workers 1] (server processes for the load test, WEB_CONCURRENCY; default as served)
//   [--skip 'page worklist@as-of -1y' ...] (a target and filter combination left untimed)
// Generates the deterministic demo set per size, imports it into PostgreSQL and PGlite, serves
// it with `scripts/serve.js`, and times every aggregate endpoint and page (issue 8's filter
// combinations), then prints one table and writes bench-results/bench-<time>.json.

const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '10000,100000' },
		large: { type: 'boolean', default: false },
		'pglite-sizes': { type: 'string', default: '10000' },
		runs: { type: 'string', default: '20' },
		warmup: { type: 'string', default: '3' },
		seed: { type: 'string', default: '42' },
		'end-date': { type: 'string', default: '2026-06-30' },
		'no-build': { type: 'boolean', default: false },
		only: { type: 'string' },
		skip: { type: 'string', multiple: true },
		load: { type: 'boolean', default: false },
		'load-seconds': { type: 'string', default: '60' },
		'load-connections': { type: 'string', default: '50' },
		'load-workers': { type: 'string', default: '1' }
	}
});

const numbers = (text: string) => text.split(',').filter(Boolean).map(Number);
const sizes = [...numbers(values.sizes), ...(values.large ? [1_000_000] : [])];
const pgliteSizes = new Set(numbers(values['pglite-sizes']));
const runs = Math.max(20, Number(values.runs));
const warmup = Number(values.warmup);
const skipped = new Set(values.skip ?? []);
const endDate = values['end-date'];
// "An as-of date a year back" from the last date of the generated data.
const asOfYearBack = new Date(Date.parse(`${endDate}T00:00:00Z`) - 365 * 86_400_000)
	.toISOString()
	.slice(0, 10);

if (process.env.DATABASE_URL && sizes.length > 1 && values.only !== 'pglite') {
	throw new Error('With DATABASE_URL (an empty database), run one size: --sizes N');
}

interface BackendResult {
	backend: BackendKind;
	patients: number;
	rows: { patients: number; infusions: number; assessments: number };
	importSeconds: number;
	databaseBytes: number;
	timings: (Timing & { target: string; meets: boolean | null })[];
	/** The load test with the aggregate cache on (as served) and off (every request computes). */
	load: { cached: LoadResult; uncached: LoadResult; workers: number } | null;
}

function verdict(timing: Timing, backend: BackendKind): boolean | null {
	const limit = limits(timing.kind as Parameters<typeof limits>[0], backend);
	if (!limit) return null;
	if (timing.status !== 200) return false;
	return timing.p50 <= limit.p50 && (limit.p95 === null || timing.p95 <= limit.p95);
}

function targetText(kind: string, backend: BackendKind): string {
	const limit = limits(kind as Parameters<typeof limits>[0], backend);
	if (!limit) return '-';
	return limit.p95 === null ? `p50<=${limit.p50}` : `p50<=${limit.p50} p95<=${limit.p95}`;
}

async function benchBackend(
	backend: BackendKind,
	patients: number,
	folder: string,
	rows: BackendResult['rows'],
	outDir: string
): Promise<BackendResult> {
	console.log(`\n${backend} ${patients}: importing...`);
	// The per-request figures time the queries themselves: with the aggregate cache on, every
	// timed request after the warm-up would be answered from memory.
	const prepared = await prepareBackend(
		backend,
		folder,
		app,
		join(outDir, `server-${backend}-${patients}.log`),
		{ AGGREGATE_CACHE: 'off' }
	);
	try {
		console.log(
			`${backend} ${patients}: import ${round(prepared.importSeconds)} s, database ${mb(prepared.databaseBytes)}`
		);
		const timings: BackendResult['timings'] = [];
		for (const scenario of scenarios(prepared.server.baseUrl, prepared.accounts, asOfYearBack)) {
			// Some scenarios take tens of seconds a request at 100k: time them on their own.
			if (skipped.has(`${scenario.target.name}@${scenario.combination}`)) {
				console.log(
					`  ${scenario.target.name.padEnd(24)} ${scenario.combination.padEnd(18)} skipped`
				);
				continue;
			}
			const timing = await timeScenario(scenario, warmup, runs);
			timings.push({
				...timing,
				target: targetText(timing.kind, backend),
				meets: verdict(timing, backend)
			});
			const mark = timings.at(-1)?.meets === false ? '  MISS' : '';
			console.log(
				`  ${timing.name.padEnd(24)} ${timing.combination.padEnd(18)} ${String(timing.status).padEnd(4)}` +
					` p50 ${String(timing.p50).padStart(7)}  p95 ${String(timing.p95).padStart(7)}${mark}`
			);
		}
		let load: BackendResult['load'] = null;
		if (values.load && backend === 'postgres' && patients === Math.max(...sizes)) {
			const seconds = Number(values['load-seconds']);
			const options = { connections: Number(values['load-connections']), seconds };
			console.log(`${backend} ${patients}: load test without the aggregate cache, ${seconds} s...`);
			// Both load servers run as configured by default: one process (--load-workers, WEB_CONCURRENCY).
			const workers = { WEB_CONCURRENCY: values['load-workers'] };
			const bare = await prepared.startServer(
				{ ...workers, AGGREGATE_CACHE: 'off' },
				join(outDir, `server-${backend}-${patients}-uncached.log`)
			);
			const uncached = await runLoadTest(bare.baseUrl, prepared.accounts, asOfYearBack, options);
			printLoad(uncached, 'load (cache off)');
			await bare.stop();
			console.log(
				`${backend} ${patients}: load test as served (aggregate cache on), ${seconds} s...`
			);
			const served = await prepared.startServer(
				workers,
				join(outDir, `server-${backend}-${patients}-cached.log`)
			);
			const cached = await runLoadTest(served.baseUrl, prepared.accounts, asOfYearBack, options);
			printLoad(cached, 'load (cache on)');
			load = { cached, uncached, workers: Number(values['load-workers']) };
		}
		return {
			backend,
			patients,
			rows,
			importSeconds: round(prepared.importSeconds),
			databaseBytes: prepared.databaseBytes,
			timings,
			load
		};
	} finally {
		await prepared.close();
	}
}

function printTable(results: BackendResult[], weights: PageWeight[]): void {
	console.log(
		'\nbackend   patients  target                    filters            status   p50 ms   p95 ms  target         ok'
	);
	for (const r of results) {
		for (const t of r.timings) {
			console.log(
				`${r.backend.padEnd(9)} ${String(r.patients).padStart(8)}  ${t.name.padEnd(25)} ${t.combination.padEnd(18)} ` +
					`${String(t.status).padStart(6)} ${String(t.p50).padStart(8)} ${String(t.p95).padStart(8)}  ` +
					`${t.target.padEnd(14)} ${t.meets === null ? '-' : t.meets ? 'yes' : 'NO'}`
			);
		}
	}
	console.log(
		'\nbackend   patients  rows        import s (target 90 s at 100k on postgres)  database size'
	);
	for (const r of results) {
		const total = r.rows.patients + r.rows.infusions + r.rows.assessments;
		console.log(
			`${r.backend.padEnd(9)} ${String(r.patients).padStart(8)}  ${String(total).padEnd(11)} ${String(r.importSeconds).padEnd(44)} ${mb(r.databaseBytes)}`
		);
	}
	console.log('\npage weight (gzip)        JS        CSS     lazy JS  target JS <= 150 KB');
	for (const w of weights) {
		console.log(
			`${w.route.padEnd(22)} ${kb(w.jsGzip).padStart(9)} ${kb(w.cssGzip).padStart(9)} ${kb(w.lazyJsGzip).padStart(9)}  ${w.jsGzip <= PAGE_JS_LIMIT_BYTES ? 'yes' : 'NO'}`
		);
	}
}

const outDir = join(ROOT, 'bench-results');
await mkdir(outDir, { recursive: true });
if (!values['no-build']) {
	console.log('building (vite build)...');
	await buildApp();
}
// Read the weights and copy the server at once, before anyone else's build can replace them.
const weights = measurePageWeights();
const app = await snapshotBuild(join(outDir, `app-${process.pid}`));
const results: BackendResult[] = [];
for (const patients of sizes) {
	const folder = await mkdtemp(join(tmpdir(), 'bench-csv-'));
	try {
		const started = performance.now();
		const rows = await writeDemoCsv(folder, { patients, seed: Number(values.seed), endDate });
		console.log(
			`\ngenerated ${patients} patients: ${rows.infusions} infusions, ${rows.assessments} assessments in ${round((performance.now() - started) / 1000)} s`
		);
		if (values.only !== 'pglite') {
			results.push(await benchBackend('postgres', patients, folder, rows, outDir));
		}
		if (values.only !== 'postgres' && pgliteSizes.has(patients)) {
			results.push(await benchBackend('pglite', patients, folder, rows, outDir));
		}
	} finally {
		await rm(folder, { recursive: true, force: true });
	}
}
printTable(results, weights);
for (const r of results) {
	if (!r.load) continue;
	printLoad(r.load.uncached, `load (cache off, ${r.load.workers} server processes)`);
	printLoad(r.load.cached, `load (cache on, ${r.load.workers} server processes)`);
}
await rm(app, { recursive: true, force: true });
const file = join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
const machine = {
	cpus: cpus().length,
	cpu: cpus()[0]?.model,
	memory: totalmem(),
	node: process.version
};
await writeFile(
	file,
	JSON.stringify(
		{
			date: new Date().toISOString(),
			machine,
			seed: Number(values.seed),
			endDate,
			asOfYearBack,
			runs,
			warmup,
			results,
			pageWeights: weights
		},
		null,
		'\t'
	)
);
console.log(`\nwritten ${file}`);
