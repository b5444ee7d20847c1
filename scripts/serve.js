import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// Starts the built server (build/index.js, or BUILD_DIR's index.js).
//
// adapter-node assumes https when ORIGIN is unset, which makes every form post on a plain-http
// local start fail the CSRF origin check; so a local start defaults ORIGIN to the address it
// prints. Behind a proxy, set ORIGIN (or PROTOCOL_HEADER and HOST_HEADER) as adapter-node
// documents.
//
// WEB_CONCURRENCY=N (PostgreSQL only) runs N server processes on the one port with node:cluster,
// so that page rendering uses more than one core: one Node process renders on one core whatever
// the machine has. The first process migrates the database (and seeds the demo when asked)
// before the others start, so they never race over it. PGlite is opened by one process only,
// so with it more than one is refused.

if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) {
	const host = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
	process.env.ORIGIN = `http://${host}:${process.env.PORT ?? '3000'}`;
}

const buildDir = resolve(process.env.BUILD_DIR ?? resolve(import.meta.dirname, '../build'));
const workers = parseWorkers(process.env.WEB_CONCURRENCY);

if (workers > 1 && cluster.isPrimary) startCluster(workers);
else {
	// A cluster process ends once adapter-node has shut it down (SIGTERM, SIGINT) and the database
	// is closed; its channel to the primary would otherwise keep it alive.
	if (cluster.isWorker) process.once('sveltekit:shutdown', () => process.disconnect());
	await import(pathToFileURL(resolve(buildDir, 'index.js')).href);
}

function parseWorkers(value) {
	if (value === undefined || value === '') return 1;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 64) {
		console.error(`WEB_CONCURRENCY must be a whole number from 1 to 64, got "${value}"`);
		process.exit(1);
	}
	if (n > 1 && !process.env.DATABASE_URL) {
		console.error(
			`WEB_CONCURRENCY=${n} needs DATABASE_URL: the embedded database (PGlite) can be opened by one process only`
		);
		process.exit(1);
	}
	return n;
}

function startCluster(count) {
	const running = new Set();
	const listened = new WeakSet();
	let stopping = false;
	const fork = () => {
		const worker = cluster.fork();
		running.add(worker);
		worker.once('listening', () => listened.add(worker));
		return worker;
	};
	const first = fork();
	first.once('listening', () => {
		for (let i = 1; i < count && !stopping; i++) fork();
	});
	cluster.on('exit', (worker, code, signal) => {
		running.delete(worker);
		if (stopping) {
			if (running.size === 0) process.exit();
			return;
		}
		// A process that never served (bad settings, database unreachable) would fail again:
		// stop with its code. One that crashed while serving is replaced.
		if (!listened.has(worker)) {
			stop('SIGTERM');
			process.exitCode = code || 1;
			return;
		}
		console.error(
			`server process ${worker.process.pid} exited (${signal ?? code}); starting another`
		);
		fork();
	});
	// Each process finishes its requests and closes the database on the signal (adapter-node).
	const stop = (signal) => {
		stopping = true;
		if (running.size === 0) process.exit();
		for (const worker of running) process.kill(worker.process.pid, signal);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}
