import { fail, redirect } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { database } from '$lib/server/runtime';
import { safeNextPath } from '$lib/server/auth/guards';
import { PASSWORD_MAX_LENGTH } from '$lib/server/auth/password';
import {
	createSession,
	deleteSession,
	SESSION_COOKIE,
	sessionCookieOptions
} from '$lib/server/auth/sessions';
import { signIn } from '$lib/server/auth/sign-in';
import { LOCK_MINUTES, MAX_FAILURES } from '$lib/server/auth/throttle';
import type { Actions, PageServerLoad } from './$types';

// One message for every wrong username/password combination, so that the page never tells
// whether an account exists.
const INVALID = 'The username or password is not correct.';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNextPath(url.searchParams.get('next'));
	if (locals.user) redirect(302, next);
	return { next, lockAfter: MAX_FAILURES, lockMinutes: LOCK_MINUTES };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '').slice(0, 100);
		const password = String(form.get('password') ?? '');
		const next = safeNextPath(String(form.get('next') ?? ''));
		if (!username.trim() || !password) {
			return fail(400, { username, message: 'Enter your username and password.' });
		}
		if (password.length > PASSWORD_MAX_LENGTH) return fail(400, { username, message: INVALID });

		const { db } = await database();
		const result = await signIn(db, username, password);
		if (!result.ok) {
			if (result.reason === 'invalid') return fail(400, { username, message: INVALID });
			const minutes = Math.max(1, Math.ceil((result.lockedUntil.getTime() - Date.now()) / 60_000));
			return fail(429, {
				username,
				message: `Too many failed sign-ins. Sign-in is locked for ${minutes} minute${minutes === 1 ? '' : 's'}; try again later.`
			});
		}

		// A fresh session token on every sign-in (a token planted before sign-in is worthless).
		const previous = cookies.get(SESSION_COOKIE);
		if (previous) await deleteSession(db, previous);
		const token = await createSession(db, result.user.id, {
			now: new Date(),
			idleMinutes: config().SESSION_IDLE_MINUTES
		});
		cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url));
		redirect(303, next);
	}
};
