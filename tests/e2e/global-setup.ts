import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

// Starts the BUILT server (npm run build first) on a free port with a fresh embedded database,
// seeded with the demo clinic, and hands its address to the tests. Demo passwords are fixed
// through DEMO_PASSWORD so that tests can sign in.

export const DEMO_PASSWORD = 'e2e-demo-password';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		demoPassword: string;
		screenshotDir: string;
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}`);
		try {
			const response = await fetch(`${url}/login`, { redirect: 'manual' });
			if (response.status < 500) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error(`The server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

export default async function setup(project: TestProject) {
	if (!existsSync('build/index.js')) {
		throw new Error('Browser tests run against the built server: run `npm run build` first.');
	}
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'io-e2e-data-'));
	const screenshotDir = join(process.cwd(), 'test-results', 'screenshots');
	const baseUrl = `http://127.0.0.1:${port}`;
	const output: string[] = [];
	const child = spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			DATABASE_URL: '',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseUrl,
			DATA_DIR: dataDir,
			DEMO_PASSWORD,
			DEMO_PATIENTS: process.env.E2E_DEMO_PATIENTS ?? '500'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => output.push(String(d)));
	child.stderr?.on('data', (d) => output.push(String(d)));
	try {
		await waitForServer(baseUrl, child, 120_000);
	} catch (e) {
		child.kill('SIGKILL');
		throw new Error(`${(e as Error).message}\n${output.join('')}`);
	}
	project.provide('baseUrl', baseUrl);
	project.provide('demoPassword', DEMO_PASSWORD);
	project.provide('screenshotDir', screenshotDir);

	return async () => {
		child.kill('SIGTERM');
		await new Promise((r) => child.once('exit', r));
		rmSync(dataDir, { recursive: true, force: true });
		if (process.env.E2E_SERVER_LOG) console.log(output.join(''));
	};
}
