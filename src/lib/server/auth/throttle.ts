import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

// Failed sign-ins, counted per attempted username (existing or not, see the migration).
// Each failure is answered after a growing delay (250 ms, 500 ms, 1 s, 2 s), which makes online
// guessing slow without bothering a person who mistypes once; the fifth failure within
// FAILURE_WINDOW locks the username for LOCK_MINUTES (OWASP authentication guidance).

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** Failures older than this are forgotten, so a typo last week does not count today. */
const FAILURE_WINDOW_MS = 15 * 60_000;
/** Rows of usernames nobody has tried for a day are removed (the table would grow under attack). */
const FORGET_AFTER_MS = 24 * 60 * 60_000;
const MAX_KEY_LENGTH = 100;

export const throttleKey = (attempted: string) =>
	attempted.trim().toLowerCase().slice(0, MAX_KEY_LENGTH);

/** Milliseconds to wait before answering the n-th consecutive failure. */
export function failureDelayMs(failures: number): number {
	if (failures < 1) return 0;
	return Math.min(2000, 250 * 2 ** (failures - 1));
}

/** When the username is locked at `now`, the end of the lock; otherwise null. */
export async function lockedUntil(db: Kysely<DB>, key: string, now: Date): Promise<Date | null> {
	const row = await db
		.selectFrom('sign_in_throttle')
		.select('locked_until')
		.where('username', '=', key)
		.where('locked_until', '>', now)
		.executeTakeFirst();
	return row?.locked_until ?? null;
}

export interface FailureOutcome {
	failures: number;
	lockedUntil: Date | null;
}

export async function recordFailure(
	db: Kysely<DB>,
	key: string,
	now: Date
): Promise<FailureOutcome> {
	await db
		.deleteFrom('sign_in_throttle')
		.where('last_failure_at', '<', new Date(now.getTime() - FORGET_AFTER_MS))
		.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
		.execute();
	const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS);
	const { failures } = await db
		.insertInto('sign_in_throttle')
		.values({ username: key, failures: 1, last_failure_at: now, locked_until: null })
		.onConflict((oc) =>
			oc.column('username').doUpdateSet((eb) => ({
				// A run of failures starts again after a quiet window or an expired lock.
				failures: eb
					.case()
					.when(
						eb.or([
							eb('sign_in_throttle.last_failure_at', '<', windowStart),
							eb('sign_in_throttle.locked_until', '<=', now)
						])
					)
					.then(1)
					.else(eb('sign_in_throttle.failures', '+', 1))
					.end(),
				last_failure_at: now,
				locked_until: null
			}))
		)
		.returning('failures')
		.executeTakeFirstOrThrow();
	if (failures < MAX_FAILURES) return { failures, lockedUntil: null };
	const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
	await db
		.updateTable('sign_in_throttle')
		.set({ locked_until: until })
		.where('username', '=', key)
		.execute();
	return { failures, lockedUntil: until };
}

/** A successful sign-in (or an admin's password reset) clears the count. */
export async function clearFailures(db: Kysely<DB>, key: string): Promise<void> {
	await db.deleteFrom('sign_in_throttle').where('username', '=', key).execute();
}
