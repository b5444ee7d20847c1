import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, sessionCookie } from './support/browser';

// Who may reach what: every route and API endpoint, for a signed-out visitor, a clinician of
// McLean, a clinician of another clinic, leadership and an admin. To add a route, add one row
// to ROUTES. Statuses: 200 shown, 302 sent to sign-in (pages), 401 signed out (API),
// 403 role or clinic does not fit, 404 no such thing, 400 a refused form.

type Who = 'anonymous' | 'clinician' | 'clinician2' | 'leadership' | 'admin';
const WHO: Who[] = ['anonymous', 'clinician', 'clinician2', 'leadership', 'admin'];

interface RouteCase {
	/** May hold {ownPatient} (a McLean patient), {otherPatient} (a patient of clinician2's
	 * clinic), {unknownPatient} and {userId} (an account's id). */
	path: string;
	method?: 'GET' | 'POST';
	/** Form fields for a POST. */
	form?: Record<string, string>;
	expect: Record<Who, number>;
}

/** Signed-out visitors go to sign-in on pages and get 401 on the API. */
const page = (clinician: number, clinician2: number, leadership: number, admin: number) => ({
	anonymous: 302,
	clinician,
	clinician2,
	leadership,
	admin
});
const api = (clinician: number, clinician2: number, leadership: number, admin: number) => ({
	...page(clinician, clinician2, leadership, admin),
	anonymous: 401
});

const ROUTES: RouteCase[] = [
	{ path: '/login', expect: { ...page(302, 302, 302, 302), anonymous: 200 } },
	{ path: '/', expect: page(200, 200, 200, 200) },
	{ path: '/methods', expect: page(200, 200, 200, 200) },
	// Aggregate views: leadership all clinics, clinicians their own; admins see no outcomes.
	{ path: '/outcomes', expect: page(200, 200, 200, 403) },
	{ path: '/boosters', expect: page(200, 200, 200, 403) },
	// Patient-level pages: clinicians only, and only for patients of their clinics.
	{ path: '/patients', expect: page(200, 200, 403, 403) },
	{ path: '/intervals', expect: page(200, 200, 403, 403) },
	{ path: '/patients/{ownPatient}', expect: page(200, 403, 403, 403) },
	{ path: '/patients/{otherPatient}', expect: page(403, 200, 403, 403) },
	{ path: '/patients/{unknownPatient}', expect: page(404, 404, 403, 403) },
	{ path: '/patients/{ownPatient}/export.csv', expect: page(200, 403, 403, 403) },
	{ path: '/patients/{otherPatient}/export.csv', expect: page(403, 200, 403, 403) },
	// JSON API.
	{ path: '/api/v1/outcomes/induction?instrument=phq9', expect: api(200, 200, 200, 403) },
	{ path: '/api/v1/outcomes/trajectory?instrument=phq9', expect: api(200, 200, 200, 403) },
	{ path: '/api/v1/boosters/gaps', expect: api(200, 200, 200, 403) },
	{ path: '/api/v1/boosters/survival', expect: api(200, 200, 200, 403) },
	{ path: '/api/v1/patients/{ownPatient}', expect: api(200, 403, 403, 403) },
	{ path: '/api/v1/patients/{otherPatient}', expect: api(403, 200, 403, 403) },
	{ path: '/api/v1/patients/{unknownPatient}', expect: api(404, 404, 403, 403) },
	// Administration: admins only.
	{ path: '/admin', expect: page(403, 403, 403, 200) },
	{ path: '/admin/users', expect: page(403, 403, 403, 200) },
	{ path: '/admin/users/{userId}', expect: page(403, 403, 403, 200) },
	{ path: '/admin/users/999999', expect: page(403, 403, 403, 404) },
	{ path: '/admin/audit', expect: page(403, 403, 403, 200) },
	{ path: '/admin/audit?action=sign_in&from=2020-01-01', expect: page(403, 403, 403, 200) },
	// A refused form (no role given) so that the admin's 400 creates nothing.
	{
		path: '/admin/users?/create',
		method: 'POST',
		form: { username: 'matrix-probe', password: 'matrix-probe-password' },
		expect: page(403, 403, 403, 400)
	},
	{
		path: '/admin/users/{userId}?/revokeTokens',
		method: 'POST',
		form: {},
		expect: page(403, 403, 403, 200)
	},
	{ path: '/no-such-page', expect: { ...page(404, 404, 404, 404), anonymous: 404 } }
];

const cookies: Partial<Record<Who, string>> = {};
const values: Record<string, string> = { unknownPatient: 'NO-SUCH-PATIENT-0' };

async function get(path: string, who: Who): Promise<Response> {
	const cookie = cookies[who];
	return fetch(`${baseUrl()}${path}`, {
		redirect: 'manual',
		headers: cookie ? { cookie } : {}
	});
}

/** The first link of the given shape on a page the user can see. */
async function firstLink(path: string, who: Who, pattern: RegExp): Promise<string> {
	const html = await (await get(path, who)).text();
	const match = pattern.exec(html);
	if (!match) throw new Error(`No link like ${pattern} on ${path} for ${who}`);
	return decodeURIComponent(match[1]);
}

beforeAll(async () => {
	for (const who of WHO) if (who !== 'anonymous') cookies[who] = await sessionCookie(who);
	values.ownPatient = await firstLink('/patients', 'clinician', /href="\/patients\/([^"/?]+)"/);
	values.otherPatient = await firstLink('/patients', 'clinician2', /href="\/patients\/([^"/?]+)"/);
	values.userId = await firstLink('/admin/users', 'admin', /href="\/admin\/users\/(\d+)"/);
	expect(values.ownPatient).not.toBe(values.otherPatient);
});

const fill = (path: string) =>
	path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]));

const cases = ROUTES.flatMap((route) =>
	WHO.map((who) => ({ ...route, who, expected: route.expect[who] }))
);

describe('role matrix', () => {
	it.each(cases)('$method $path as $who -> $expected', async (route) => {
		const url = `${baseUrl()}${fill(route.path)}`;
		const cookie = cookies[route.who];
		const response = await fetch(url, {
			method: route.method ?? 'GET',
			redirect: 'manual',
			headers: {
				...(cookie ? { cookie } : {}),
				// As a browser posts a form (without text/html SvelteKit answers actions in JSON).
				...(route.form
					? {
							'content-type': 'application/x-www-form-urlencoded',
							accept: 'text/html',
							origin: baseUrl()
						}
					: {})
			},
			body: route.form ? new URLSearchParams(route.form) : undefined
		});
		expect(response.status).toBe(route.expected);
		if (response.status === 302 && route.who === 'anonymous') {
			expect(response.headers.get('location')).toMatch(/^\/login(\?|$)/);
		}
	});

	it('answers 401 to an API request with an unknown token, even with a valid cookie', async () => {
		const response = await fetch(`${baseUrl()}/api/v1/boosters/gaps`, {
			headers: { authorization: 'Bearer io_not-a-token', cookie: cookies.leadership! }
		});
		expect(response.status).toBe(401);
	});

	it('signs out by POST /logout, after which the old cookie opens nothing', async () => {
		const cookie = await sessionCookie('leadership');
		expect((await fetch(`${baseUrl()}/outcomes`, { headers: { cookie } })).status).toBe(200);
		const out = await fetch(`${baseUrl()}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie, origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(out.status).toBe(303);
		expect(out.headers.get('location')).toBe('/login');
		const after = await fetch(`${baseUrl()}/outcomes`, { redirect: 'manual', headers: { cookie } });
		expect(after.status).toBe(302);
		expect(after.headers.get('location')).toBe('/login?next=%2Foutcomes');
	});

	it('refuses a cross-site form post (SvelteKit origin check) and GET on /logout', async () => {
		const forged = await fetch(`${baseUrl()}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				cookie: cookies.admin!,
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			}
		});
		expect(forged.status).toBe(403);
		expect((await get('/logout', 'admin')).status).toBe(405);
		expect((await get('/admin', 'admin')).status).toBe(200);
	});

	it('sets the session cookie HttpOnly, SameSite=Lax, path / (not Secure over plain http)', async () => {
		const response = await fetch(`${baseUrl()}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl() },
			body: new URLSearchParams({ username: 'leadership', password: demoPassword() })
		});
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='))!;
		expect(cookie).toMatch(/; HttpOnly/i);
		expect(cookie).toMatch(/; SameSite=Lax/i);
		expect(cookie).toMatch(/; Path=\//i);
		expect(cookie).not.toMatch(/; Secure/i);
	});
});
