import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { database, startDatabase, stopDatabase } from '$lib/server/runtime';
import { logError } from '$lib/server/log';
import { config } from '$lib/server/config';
import { authenticate } from '$lib/server/auth/authenticate';
import { announce, prepareDatabase } from '$lib/server/startup';
import { withOneDataVersionRead } from '$lib/server/cache/aggregate-cache';

export const init: ServerInit = async () => {
	const opened = await startDatabase();
	const accounts = await prepareDatabase(opened, config());
	announce(opened, config(), accounts);
	// Close the database when adapter-node shuts down, so SIGTERM exits at once and PGlite's
	// folder is left clean and unlocked.
	process.once('sveltekit:shutdown', () => void stopDatabase());
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	// same-origin rather than no-referrer: under no-referrer Chromium sends `Origin: null` on
	// form posts, which SvelteKit's CSRF origin check rightly refuses. same-origin still never
	// sends a referrer (a URL that may hold a patient code) to another site.
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
	return response;
};

// Fills locals.user from the session cookie or an API token. It does not refuse anything by
// itself: each load, action and endpoint asks for the role or scope it needs (auth/guards.ts).
const authentication: Handle = async ({ event, resolve }) => {
	const { db } = await database();
	event.locals.user = await authenticate(db, event, {
		now: new Date(),
		idleMinutes: config().SESSION_IDLE_MINUTES
	});
	return resolve(event);
};

// Every cached answer of one request is of the same data version, read once.
const oneDataVersion: Handle = ({ event, resolve }) => withOneDataVersionRead(() => resolve(event));

export const handle: Handle = sequence(securityHeaders, oneDataVersion, authentication);

// Users see a generic message with an id; the log gets the id, the route pattern (never the
// concrete URL, which may hold a patient code or query parameters) and the error.
export const handleError: HandleServerError = ({ error, event, status }) => {
	const errorId = randomUUID();
	if (status !== 404) logError(errorId, event.route.id ?? '(no route)', status, error);
	return { message: status === 404 ? 'Not found' : 'Something went wrong', errorId };
};
