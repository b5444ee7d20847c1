import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { AggregateScope } from '../auth/scope';
import { config } from '../config';
import type { DB } from '../db/schema';
import { readDataVersion } from '../derived/data-version';

// Aggregate answers (already suppressed) kept in memory per question, scope and data version.
// The data behind them changes only when an import or a rebuild refreshes the derived tables,
// which bumps the version in the same transaction; each request reads the version first (one
// indexed row), so no server answers from data another process has replaced. Concurrent equal
// requests share one computation. Nothing patient-level is ever kept here.
// AGGREGATE_CACHE=off computes every request (the benchmark's per-query figures use it).

const MAX_ENTRIES = 2000;

let entries = new LRUCache<string, Promise<unknown>>({ max: MAX_ENTRIES });
let enabled: boolean | undefined;

/** For tests: switch the cache on or off and forget every answer. */
export function configureAggregateCache(options: { enabled: boolean }): void {
	enabled = options.enabled;
	entries = new LRUCache({ max: MAX_ENTRIES });
}

/**
 * The answer of `compute` for this question (`name` and `args`: the filters and any other
 * parameter), from memory when the same scope asked it at the current data version. Callers get
 * their own copy, so nothing they do changes what the next caller gets.
 */
export async function cachedAggregate<T>(
	db: Kysely<DB>,
	scope: AggregateScope,
	name: string,
	args: unknown,
	compute: () => Promise<T>
): Promise<T> {
	enabled ??= config().AGGREGATE_CACHE === 'on';
	if (!enabled) return compute();
	const version = await readDataVersion(db);
	// The day: with no data at all, the default as-of date is today.
	const today = new Date().toISOString().slice(0, 10);
	const key = JSON.stringify([version, today, scope.clinicIds, scope.smallCellMin, name, args]);
	let answer = entries.get(key) as Promise<T> | undefined;
	if (!answer) {
		const computing = compute();
		answer = computing;
		entries.set(key, computing);
		// A failure is not kept: the next request tries again.
		computing.catch(() => {
			if (entries.get(key) === computing) entries.delete(key);
		});
	}
	return structuredClone(await answer);
}
