import type { ImportError } from './types';

export const DEFAULT_MAX_ERRORS = 100;

/** Keeps the first errors for the report and counts them all, so memory stays bounded. */
export class ErrorCollector {
	readonly kept: ImportError[] = [];
	total = 0;

	constructor(readonly limit: number) {}

	add(error: ImportError): void {
		this.total++;
		if (this.kept.length < this.limit) this.kept.push(error);
	}

	/** Adds errors found by a SQL check, which returns at most `room` rows plus the total. */
	addCounted(errors: ImportError[], totalFound: number): void {
		for (const error of errors) {
			if (this.kept.length < this.limit) this.kept.push(error);
		}
		this.total += totalFound;
	}

	get room(): number {
		return Math.max(this.limit - this.kept.length, 0);
	}

	get any(): boolean {
		return this.total > 0;
	}

	/** File order follows the import's processing order; lines ascend within a file. */
	sorted(order: readonly string[]): ImportError[] {
		const rank = (file: string) => {
			const i = order.indexOf(file);
			return i === -1 ? order.length : i;
		};
		return [...this.kept].sort((a, b) => rank(a.file) - rank(b.file) || a.line - b.line);
	}
}
