// The part of autocannon 8's API the load test uses (the package ships no types).
declare module 'autocannon' {
	interface Request {
		method?: string;
		path: string;
		headers?: Record<string, string>;
	}
	interface Options {
		url: string;
		connections: number;
		duration: number;
		requests?: Request[];
		timeout?: number;
	}
	interface Histogram {
		average: number;
		mean: number;
		p50: number;
		p90: number;
		p97_5: number;
		p99: number;
		max: number;
	}
	export interface Result {
		requests: Histogram & { total: number };
		latency: Histogram;
		errors: number;
		timeouts: number;
		non2xx: number;
		'2xx': number;
		duration: number;
		statusCodeStats?: Record<string, { count: number }>;
	}
	interface Instance {
		on(
			event: 'response',
			listener: (client: unknown, statusCode: number, bytes: number, milliseconds: number) => void
		): Instance;
	}
	export default function autocannon(
		options: Options,
		done: (error: Error | null, result: Result) => void
	): Instance;
}
