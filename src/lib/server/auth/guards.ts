import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { config } from '../config';
import type { Role } from '../db/schema';
import {
	aggregateScopeFor,
	hasRole,
	patientScopeFor,
	type AggregateScope,
	type PatientScope,
	type SessionUser
} from './scope';

// Every load, form action and endpoint starts with one of these (a layout load alone is not
// enough: SvelteKit runs page loads and actions without waiting for it). They turn the signed-in
// user into a typed scope that the query functions require.

export type GuardEvent = Pick<RequestEvent, 'locals' | 'url'>;

const isApiPath = (url: URL) => url.pathname === '/api' || url.pathname.startsWith('/api/');

/** Where a page sends a signed-out visitor: the sign-in form, then back to this page. */
export function signInUrl(url: URL): string {
	return `/login?next=${encodeURIComponent(url.pathname + url.search)}`;
}

/** The signed-in user; pages redirect to sign-in, API paths answer 401. */
export function requireUser(event: GuardEvent): SessionUser {
	const user = event.locals.user;
	if (user) return user;
	if (isApiPath(event.url)) error(401, 'Sign in or send an API token');
	redirect(302, signInUrl(event.url));
}

export function requireRole(event: GuardEvent, role: Role): SessionUser {
	const user = requireUser(event);
	if (!hasRole(user, role)) error(403, 'Not allowed');
	return user;
}

/** Aggregates: leadership over all clinics, a clinician over their own; 403 for anyone else. */
export function requireAggregateScope(event: GuardEvent): AggregateScope {
	const scope = aggregateScopeFor(requireUser(event), config().SMALL_CELL_MIN);
	if (!scope) error(403, 'Not allowed');
	return scope;
}

/**
 * Patient-level data: clinicians only, limited to their clinics. The patient query checks the
 * patient's clinic against scope.clinicIds (403 for another clinic's patient, 404 if unknown).
 */
export function requirePatientScope(event: GuardEvent): PatientScope {
	const scope = patientScopeFor(requireUser(event));
	if (!scope) error(403, 'Not allowed');
	return scope;
}

/**
 * A redirect target from a query parameter, only if it is a path on this site: `//evil.example`
 * and `/\evil.example` are other sites to a browser, so they fall back to the start page.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
		return fallback;
	}
	if ([...next].some((c) => c.charCodeAt(0) < 0x20)) return fallback;
	return next;
}
