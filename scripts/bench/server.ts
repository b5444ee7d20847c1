import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

// The real HTTP server (adapter-node's build, started by scripts/serve.js) against a benchmark
// database, so that page renders include hooks, authentication, loads and SSR exactly as users
// get them.

export const ROOT = resolve(import.meta.dirname, '../..');

export type ServerDatabase =
	{ kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export interface RunningServer {
	baseUrl: string;
	stop(): Promise<void>;
}

/** `vite build` once per run (skip with --no-build when build/ is current). */
export async function buildApp(): Promise<void> {
	const child = spawn('npx', ['vite', 'build'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const [code] = await once(child, 'exit');
	if (code !== 0) throw new Error(`vite build exited with ${code}`);
}

/**
 * A private copy of build/ (inside the project, so node_modules still resolves): other engineers
 * rebuild the shared build/ folder at any time, which would break a server running from it.
 */
export async function snapshotBuild(into: string): Promise<string> {
	await rm(into, { recursive: true, force: true });
	await cp(resolve(ROOT, 'build'), into, { recursive: true });
	return into;
}

async function freePort(): Promise<number> {
	const probe = createServer();
	probe.listen(0, '127.0.0.1');
	await once(probe, 'listening');
	const address = probe.address();
	probe.close();
	if (!address || typeof address === 'string') throw new Error('no free port');
	return address.port;
}

async function waitUntilUp(baseUrl: string, child: ChildProcess, seconds = 180): Promise<void> {
	const deadline = Date.now() + seconds * 1000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		try {
			const response = await fetch(`${baseUrl}/login`);
			await response.arrayBuffer();
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('server did not answer in time');
}

/**
 * Starts `scripts/serve.js` on a build snapshot (`app`, as BUILD_DIR) on a free 127.0.0.1 port
 * with `extraEnv` (e.g. AGGREGATE_CACHE=off, WEB_CONCURRENCY) and `nodeArgs` (e.g. --cpu-prof);
 * its output goes to `logFile`.
 */
export async function startServer(
	app: string,
	database: ServerDatabase,
	logFile: string,
	extraEnv: Record<string, string> = {},
	nodeArgs: string[] = []
): Promise<RunningServer> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: baseUrl,
		DEMO: 'off',
		SESSION_IDLE_MINUTES: String(24 * 60),
		NODE_ENV: 'production',
		...extraEnv
	};
	delete env.DATABASE_URL;
	if (database.kind === 'postgres') env.DATABASE_URL = database.url;
	else env.DATA_DIR = database.dataDir;
	const log = createWriteStream(logFile);
	env.BUILD_DIR = app;
	const child = spawn(process.execPath, [...nodeArgs, resolve(ROOT, 'scripts/serve.js')], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	await waitUntilUp(baseUrl, child);
	return {
		baseUrl,
		async stop() {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				await once(child, 'exit');
			}
			log.end();
		}
	};
}
