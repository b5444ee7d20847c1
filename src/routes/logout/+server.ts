import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/runtime';
import { writeAudit } from '$lib/server/auth/audit';
import { deleteSession, SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/sessions';
import type { RequestHandler } from './$types';

// Sign-out is a POST (a form button), never a GET: a link or an image on another page must not
// be able to sign someone out. SvelteKit's origin check guards this form post like any other.
export const POST: RequestHandler = async ({ cookies, url, locals }) => {
	const token = cookies.get(SESSION_COOKIE);
	if (token) {
		const { db } = await database();
		const userId = await deleteSession(db, token);
		if (userId !== null && locals.user) {
			await writeAudit(db, { actor: locals.user.username, userId, action: 'sign_out' });
		}
	}
	cookies.delete(SESSION_COOKIE, sessionCookieOptions(url));
	redirect(303, '/login');
};
