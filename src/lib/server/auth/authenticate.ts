import type { Cookies } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { resolveApiToken } from './api-tokens';
import type { SessionUser } from './scope';
import { resolveSession, SESSION_COOKIE, sessionCookieOptions } from './sessions';

// Who is making this request: an API token (scripts, on /api/ paths only) or the session
// cookie (browsers). Called once per request by the hook that fills locals.user.

export interface AuthenticationInput {
	url: URL;
	request: Request;
	cookies: Cookies;
}

const BEARER = /^Bearer\s+(\S+)$/i;

export async function authenticate(
	db: Kysely<DB>,
	{ url, request, cookies }: AuthenticationInput,
	clock: { now: Date; idleMinutes: number }
): Promise<SessionUser | null> {
	const authorization = request.headers.get('authorization');
	if (authorization && url.pathname.startsWith('/api/')) {
		// A request that names a token stands or falls by it: a bad token is not rescued by a cookie.
		const token = BEARER.exec(authorization)?.[1];
		return token ? resolveApiToken(db, token, clock.now) : null;
	}
	const sessionToken = cookies.get(SESSION_COOKIE);
	if (!sessionToken) return null;
	const user = await resolveSession(db, sessionToken, clock);
	if (!user) cookies.delete(SESSION_COOKIE, sessionCookieOptions(url));
	return user;
}
