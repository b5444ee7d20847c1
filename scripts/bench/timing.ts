import type { Scenario } from './scenarios';
import { summarize, type LatencySummary } from './stats';

// Sequential timing of one URL: warm-up requests first (plans cached, pages compiled, pools
// filled), then `runs` timed requests, each to the last byte of the body.

export interface Timing extends LatencySummary {
	name: string;
	kind: string;
	combination: string;
	status: number;
	bytes: number;
}

async function once(scenario: Scenario): Promise<{ ms: number; status: number; bytes: number }> {
	const started = performance.now();
	const response = await fetch(scenario.url, { headers: scenario.headers, redirect: 'manual' });
	const body = await response.arrayBuffer();
	return { ms: performance.now() - started, status: response.status, bytes: body.byteLength };
}

export async function timeScenario(
	scenario: Scenario,
	warmup: number,
	runs: number
): Promise<Timing> {
	const base = {
		name: scenario.target.name,
		kind: scenario.target.kind,
		combination: scenario.combination
	};
	const first = await once(scenario);
	if (first.status !== 200) {
		// A failing URL is reported as such, never timed as if it were an answer.
		return {
			...base,
			status: first.status,
			bytes: first.bytes,
			runs: 0,
			p50: NaN,
			p95: NaN,
			max: NaN
		};
	}
	for (let i = 1; i < warmup; i++) await once(scenario);
	const samples: number[] = [];
	let status = 200;
	let bytes = first.bytes;
	for (let i = 0; i < runs; i++) {
		const result = await once(scenario);
		if (result.status !== 200) status = result.status;
		bytes = result.bytes;
		samples.push(result.ms);
	}
	return { ...base, status, bytes, ...summarize(samples) };
}
