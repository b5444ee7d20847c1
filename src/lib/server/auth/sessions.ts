import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SessionUser } from './scope';
import { newSecretToken, tokenHash } from './secret-token';
import { sessionUserColumns, toSessionUser } from './users';

// Server-side sessions: the cookie holds a random token, the sessions table its SHA-256.
// A session ends after SESSION_IDLE_MINUTES without a request (sliding), on sign-out, and
// when the user is disabled or their password is reset.

export const SESSION_COOKIE = 'session';

/** last_seen_at is written at most this often, so that each page view is not also a write. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionClock {
	now: Date;
	idleMinutes: number;
}

const idleCutoff = ({ now, idleMinutes }: SessionClock) =>
	new Date(now.getTime() - idleMinutes * 60_000);

export async function createSession(
	db: Kysely<DB>,
	userId: number,
	clock: SessionClock
): Promise<string> {
	const token = newSecretToken();
	// Expired sessions are removed here rather than by a timer: sign-ins are rare enough to make
	// this cheap, and the resolver ignores expired rows anyway.
	await db.deleteFrom('sessions').where('last_seen_at', '<=', idleCutoff(clock)).execute();
	await db
		.insertInto('sessions')
		.values({
			token_hash: tokenHash(token),
			user_id: userId,
			created_at: clock.now,
			last_seen_at: clock.now
		})
		.execute();
	return token;
}

/** The session's user, or null when the token is unknown, idle too long, or the user disabled. */
export async function resolveSession(
	db: Kysely<DB>,
	token: string,
	clock: SessionClock
): Promise<SessionUser | null> {
	const hash = tokenHash(token);
	const session = await db
		.selectFrom('sessions')
		.leftJoin('users', (join) =>
			join.onRef('users.id', '=', 'sessions.user_id').on('users.disabled', '=', false)
		)
		.select((eb) => ['sessions.last_seen_at', ...sessionUserColumns(eb)])
		.where('sessions.token_hash', '=', hash)
		.executeTakeFirst();
	if (!session) return null;
	if (session.last_seen_at <= idleCutoff(clock)) {
		await db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
		return null;
	}
	const user = toSessionUser(session);
	if (!user) return null;
	if (clock.now.getTime() - session.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
		await db
			.updateTable('sessions')
			.set({ last_seen_at: clock.now })
			.where('token_hash', '=', hash)
			.execute();
	}
	return user;
}

/** Ends one session; returns the user it belonged to (for the audit log), if any. */
export async function deleteSession(db: Kysely<DB>, token: string): Promise<number | null> {
	const row = await db
		.deleteFrom('sessions')
		.where('token_hash', '=', tokenHash(token))
		.returning('user_id')
		.executeTakeFirst();
	return row?.user_id ?? null;
}

export async function deleteUserSessions(db: Kysely<DB>, userId: number): Promise<number> {
	const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Cookie attributes: Secure whenever the request came over HTTPS (plain http on localhost works). */
export function sessionCookieOptions(url: URL) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	} as const;
}
