import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run serve` (scripts/serve.js) with WEB_CONCURRENCY: several server processes on one port
// for PostgreSQL, refused with a clear message for PGlite or a bad value. The first process
// migrates and seeds before the others start; SIGTERM stops them all.

const serveScript = 'scripts/serve.js';

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

function serve(env: Record<string, string>): { child: ChildProcess; output: () => string } {
	const chunks: string[] = [];
	const child = spawn(process.execPath, [serveScript], {
		env: { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => chunks.push(String(d)));
	child.stderr?.on('data', (d) => chunks.push(String(d)));
	return { child, output: () => chunks.join('') };
}

async function exitOf(child: ChildProcess): Promise<number | null> {
	if (child.exitCode !== null) return child.exitCode;
	const [code] = await once(child, 'exit');
	return code as number | null;
}

describe('scripts/serve.js with WEB_CONCURRENCY', () => {
	it('refuses several processes on the embedded database, naming the setting', async () => {
		const { child, output } = serve({ WEB_CONCURRENCY: '2', PORT: String(await freePort()) });
		expect(await exitOf(child)).toBe(1);
		expect(output()).toContain('WEB_CONCURRENCY=2 needs DATABASE_URL');
	});

	it('refuses a value that is not a whole number from 1 to 64', async () => {
		for (const value of ['two', '0', '1.5', '65']) {
			const { child, output } = serve({ WEB_CONCURRENCY: value, PORT: String(await freePort()) });
			expect(await exitOf(child)).toBe(1);
			expect(output()).toContain(
				`WEB_CONCURRENCY must be a whole number from 1 to 64, got "${value}"`
			);
		}
	});

	const serverUrl = process.env.TEST_DATABASE_URL;
	const name = `io_cluster_${randomBytes(5).toString('hex')}`;
	const admin = async (text: string) => {
		const client = new pg.Client({ connectionString: serverUrl });
		await client.connect();
		try {
			return await client.query(text);
		} finally {
			await client.end();
		}
	};
	afterAll(async () => {
		if (serverUrl) await admin(`drop database if exists ${name} with (force)`);
	});

	// PostgreSQL is what several processes need: CI provides it through TEST_DATABASE_URL.
	it.skipIf(!serverUrl)(
		'serves from two processes on PostgreSQL, seeds the demo once and stops on SIGTERM',
		async () => {
			await admin(`create database ${name}`);
			const url = new URL(serverUrl!);
			url.pathname = `/${name}`;
			const port = await freePort();
			const baseUrl = `http://127.0.0.1:${port}`;
			const { child, output } = serve({
				WEB_CONCURRENCY: '2',
				DATABASE_URL: url.toString(),
				PORT: String(port),
				ORIGIN: baseUrl,
				DEMO: 'auto',
				DEMO_PATIENTS: '40',
				DEMO_PASSWORD: 'cluster-test-password'
			});
			try {
				const children = () =>
					execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' })
						.split('\n')
						.filter((line) => line.trim() !== '');
				const listening = () => output().match(/Listening on/g)?.length ?? 0;
				const deadline = Date.now() + 90_000;
				while (Date.now() < deadline && listening() < 2) {
					await new Promise((r) => setTimeout(r, 250));
				}
				expect(listening(), output()).toBe(2);
				expect(children()).toHaveLength(2);
				for (let i = 0; i < 10; i++) {
					const response = await fetch(`${baseUrl}/login`);
					expect(response.status).toBe(200);
					await response.arrayBuffer();
				}
				// Seeded by the first process only: one demo network of 40 patients in 3 clinics.
				const database = new pg.Client({ connectionString: url.toString() });
				await database.connect();
				const { rows } = await database.query(
					'select (select count(*) from patients)::int as patients, (select count(*) from clinics)::int as clinics'
				);
				await database.end();
				expect(rows[0]).toEqual({ patients: 40, clinics: 3 });
				child.kill('SIGTERM');
				expect(await exitOf(child)).toBe(0);
			} finally {
				if (child.exitCode === null) child.kill('SIGKILL');
			}
		}
	);
});
