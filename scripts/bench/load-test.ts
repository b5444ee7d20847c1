import autocannon, { type Result } from 'autocannon';
import type { BenchAccounts } from './accounts';
import { round, summarizeAll } from './stats';

// 50 signed-in connections over a mix of the leadership and clinician pages and API calls.
// autocannon's summary has p50/p97.5/p99 but no p95, so every response time is collected from
// its 'response' events and the percentiles are computed here over all of them.
// Target (issue 8): zero errors, p95 <= 500 ms.

export interface LoadOptions {
	connections: number;
	seconds: number;
	/**
	 * Seconds of the same load first, not counted: the targets are for a warm server (every
	 * process's code compiled, its pool open and its aggregate cache filled). Default 10.
	 */
	warmupSeconds?: number;
}

export interface LoadResult {
	connections: number;
	seconds: number;
	requests: number;
	requestsPerSecond: number;
	p50: number;
	p95: number;
	p99: number;
	errors: number;
	non2xx: number;
	timeouts: number;
	/** p50 and p95 of each request of the mix. */
	byRequest: { path: string; requests: number; p50: number; p95: number }[];
}

export function loadMix(accounts: BenchAccounts, asOf: string) {
	const lead = { cookie: accounts.leadership.cookie };
	const clin = { cookie: accounts.clinician.cookie };
	const api = { authorization: accounts.leadership.bearer };
	const clinic = encodeURIComponent(accounts.clinicName);
	const code = encodeURIComponent(accounts.patientCode);
	return [
		{ path: '/', headers: lead },
		{ path: '/outcomes?instrument=phq9', headers: lead },
		{ path: `/outcomes?instrument=phq9&clinic=${clinic}&indication=depression`, headers: lead },
		{ path: '/boosters?by=clinic', headers: lead },
		{ path: '/patients', headers: clin },
		{ path: `/patients/${code}`, headers: clin },
		{ path: '/intervals', headers: clin },
		{ path: '/api/v1/outcomes/induction?instrument=phq9&by=clinic', headers: api },
		{ path: `/api/v1/outcomes/trajectory?instrument=phq9&clinic=${clinic}`, headers: api },
		{ path: `/api/v1/boosters/gaps?as_of=${asOf}`, headers: api },
		{ path: '/api/v1/boosters/survival?gap=1', headers: api },
		{ path: `/api/v1/patients/${code}`, headers: { authorization: accounts.clinician.bearer } }
	];
}

export async function runLoadTest(
	baseUrl: string,
	accounts: BenchAccounts,
	asOf: string,
	options: LoadOptions
): Promise<LoadResult> {
	const url = new URL(baseUrl);
	if (url.hostname !== '127.0.0.1') throw new Error('the load test only targets 127.0.0.1');
	const warmup = options.warmupSeconds ?? 10;
	if (warmup > 0)
		await runLoadTest(baseUrl, accounts, asOf, { ...options, seconds: warmup, warmupSeconds: 0 });
	const samples: number[] = [];
	const mix = loadMix(accounts, asOf);
	// Each connection sends the mix in order, one request at a time, so its n-th response
	// answers request n modulo the mix's length.
	const byRequest = mix.map(() => [] as number[]);
	const answered = new Map<unknown, number>();
	const result = await new Promise<Result>((resolve, reject) => {
		const instance = autocannon(
			{
				url: baseUrl,
				connections: options.connections,
				duration: options.seconds,
				timeout: 30,
				requests: mix.map((r) => ({ method: 'GET', ...r }))
			},
			(error, finished) => (error ? reject(error) : resolve(finished))
		);
		instance.on('response', (client, _status, _bytes, milliseconds) => {
			samples.push(milliseconds);
			const n = answered.get(client) ?? 0;
			answered.set(client, n + 1);
			byRequest[n % mix.length].push(milliseconds);
		});
	});
	const latency = summarizeAll(samples, [0.5, 0.95, 0.99]);
	return {
		connections: options.connections,
		seconds: options.seconds,
		requests: result.requests.total,
		requestsPerSecond: round(result.requests.total / options.seconds),
		p50: latency[0],
		p95: latency[1],
		p99: latency[2],
		errors: result.errors,
		non2xx: result.non2xx,
		timeouts: result.timeouts,
		byRequest: mix.map((r, i) => {
			const [p50, p95] = summarizeAll(byRequest[i], [0.5, 0.95]);
			return { path: r.path, requests: byRequest[i].length, p50, p95 };
		})
	};
}

export function printLoad(result: LoadResult, label = 'load'): void {
	const verdict = result.errors + result.non2xx + result.timeouts === 0 && result.p95 <= 500;
	console.log(
		`${label}: ${result.connections} connections, ${result.seconds} s: ${result.requests} requests, ` +
			`${result.requestsPerSecond} req/s, p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}, ` +
			`timeouts ${result.timeouts}: ${verdict ? 'meets' : 'MISSES'} target (0 errors, p95 <= 500 ms)`
	);
	for (const r of result.byRequest) {
		console.log(
			`  ${String(r.requests).padStart(6)} requests  p50 ${String(r.p50).padStart(7)}  p95 ${String(r.p95).padStart(7)}  ${r.path}`
		);
	}
}
