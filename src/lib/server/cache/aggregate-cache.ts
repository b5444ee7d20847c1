import { AsyncLocalStorage } from 'node:async_hooks';
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
// requests share one computation. Nothing patient-level is ever kept here: besides the
// aggregates, only counts and expected bands (cachedAnswer), never a row or a patient code.
// AGGREGATE_CACHE=off computes every request (the benchmark's per-query figures use it).

const MAX_ENTRIES = 2000;

// One read of the data version per request (hooks.server.ts runs each request in a scope): a
// page asks the cache several questions, each waiting for its own read otherwise.
const requestVersion = new AsyncLocalStorage<{ version?: Promise<number> }>();

/** Runs `handle` with one data-version read shared by every cached answer it asks for. */
export function withOneDataVersionRead<T>(handle: () => T): T {
	return requestVersion.run({}, handle);
}

function dataVersion(db: Kysely<DB>): Promise<number> {
	const scope = requestVersion.getStore();
	if (!scope) return readDataVersion(db);
	scope.version ??= readDataVersion(db);
	return scope.version;
}

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
export function cachedAggregate<T>(
	db: Kysely<DB>,
	scope: AggregateScope,
	name: string,
	args: unknown,
	compute: () => Promise<T>
): Promise<T> {
	return cachedAnswer(db, name, [scope.clinicIds, scope.smallCellMin, args], compute);
}

/**
 * The same for a count or band that is not an AggregateScope's (a clinician's worklist totals,
 * a clinic's expected band): `key` must name everything the answer depends on apart from the
 * data (clinics, filters, as-of date), and never a patient code. The caller checks access first.
 */
export async function cachedAnswer<T>(
	db: Kysely<DB>,
	name: string,
	key: unknown,
	compute: () => Promise<T>
): Promise<T> {
	enabled ??= config().AGGREGATE_CACHE === 'on';
	if (!enabled) return compute();
	const version = await dataVersion(db);
	// The day: with no data at all, the default as-of date is today.
	const today = new Date().toISOString().slice(0, 10);
	const entryKey = JSON.stringify([version, today, name, key]);
	let answer = entries.get(entryKey) as Promise<T> | undefined;
	if (!answer) {
		const computing = compute();
		answer = computing;
		entries.set(entryKey, computing);
		// A failure is not kept: the next request tries again.
		computing.catch(() => {
			if (entries.get(entryKey) === computing) entries.delete(entryKey);
		});
	}
	return structuredClone(await answer);
}
