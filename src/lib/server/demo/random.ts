// A small seeded PRNG (mulberry32, seeded through splitmix32) so that a seed always gives the
// same demo clinic, on any machine and Node version. Not for anything secret.

export class Random {
	#state: number;

	constructor(seed: number) {
		// splitmix32 spreads nearby seeds (1, 2, 3) over unrelated starting states.
		let z = (seed | 0) + 0x9e3779b9;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		this.#state = (z ^ (z >>> 16)) >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		let t = (this.#state = (this.#state + 0x6d2b79f5) | 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(values: readonly T[]): T {
		return values[Math.floor(this.next() * values.length)];
	}

	/** One of the keys, with probability proportional to its weight. */
	weighted<T extends string | number>(weights: readonly (readonly [T, number])[]): T {
		const total = weights.reduce((sum, [, w]) => sum + w, 0);
		let r = this.next() * total;
		for (const [value, w] of weights) {
			r -= w;
			if (r < 0) return value;
		}
		return weights[weights.length - 1][0];
	}

	/** Normal deviate (Box-Muller). */
	normal(mean: number, sd: number): number {
		const u = 1 - this.next();
		const v = this.next();
		return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}
}

/** Calendar dates as whole day numbers (days since 1970-01-01), free of time zones. */
export const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
export const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
