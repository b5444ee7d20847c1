import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { writeAudit } from './audit';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password';
import type { SessionUser } from './scope';
import { clearFailures, failureDelayMs, lockedUntil, recordFailure, throttleKey } from './throttle';
import { loadSessionUser, normalizeUsername } from './users';

// Checking a username and password. Unknown users, disabled users and wrong passwords get the
// same answer after the same work (a dummy hash for unknown users), so neither the message nor
// the timing tells whether an account exists.

export type SignInResult =
	| { ok: true; user: SessionUser }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; lockedUntil: Date };

export interface SignInOptions {
	now?: Date;
	/** Waits before a failure is answered; tests pass a recorder instead of a real timer. */
	sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The attempted username as it goes to the audit log: printable characters, bounded. */
const auditableName = (text: string) =>
	text.replace(/[^\x20-\x7e]/g, '?').slice(0, 100) || '(empty)';

export async function signIn(
	db: Kysely<DB>,
	attemptedUsername: string,
	password: string,
	{ now = new Date(), sleep = realSleep }: SignInOptions = {}
): Promise<SignInResult> {
	const key = throttleKey(attemptedUsername);
	const actor = auditableName(attemptedUsername.trim());
	const locked = await lockedUntil(db, key, now);
	if (locked) {
		await writeAudit(db, {
			actor,
			userId: null,
			action: 'sign_in_failed',
			detail: { reason: 'locked' }
		});
		return { ok: false, reason: 'locked', lockedUntil: locked };
	}

	const account = await db
		.selectFrom('users')
		.select(['id', 'password_hash', 'disabled'])
		.where('username', '=', normalizeUsername(attemptedUsername))
		.executeTakeFirst();
	const valid = account
		? await verifyPassword(password, account.password_hash)
		: await verifyAgainstDummy(password);
	const user = valid && account && !account.disabled ? await loadSessionUser(db, account.id) : null;

	if (!user || !account) {
		const outcome = await recordFailure(db, key, now);
		await writeAudit(db, {
			actor,
			userId: account?.id ?? null,
			action: 'sign_in_failed',
			detail: {
				reason: !account ? 'unknown_user' : account.disabled ? 'disabled' : 'wrong_password',
				failures: outcome.failures
			}
		});
		await sleep(failureDelayMs(outcome.failures));
		return outcome.lockedUntil
			? { ok: false, reason: 'locked', lockedUntil: outcome.lockedUntil }
			: { ok: false, reason: 'invalid' };
	}

	await clearFailures(db, key);
	if (needsRehash(account.password_hash)) {
		// Parameters were raised since this hash was made; the plain password is at hand only now.
		await db
			.updateTable('users')
			.set({ password_hash: await hashPassword(password) })
			.where('id', '=', account.id)
			.execute();
	}
	await writeAudit(db, { actor: user.username, userId: user.id, action: 'sign_in' });
	return { ok: true, user };
}
