import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import {
	requireAggregateScope,
	requirePatientScope,
	requireRole,
	requireUser,
	safeNextPath,
	type GuardEvent
} from '../../src/lib/server/auth/guards';
import type { SessionUser } from '../../src/lib/server/auth/scope';
import { loadSessionUser } from '../../src/lib/server/auth/users';
import { createTestDatabase, testDatabaseKind } from './support/test-database';
import { makeClinic, makeUser } from './auth-fixtures';

let database: Database;
let clinicA: number;
let clinicB: number;
const users: Record<string, SessionUser> = {};

beforeAll(async () => {
	delete process.env.SMALL_CELL_MIN; // the default threshold, 11
	database = await createTestDatabase();
	clinicA = await makeClinic(database.db, 'Guard Clinic A');
	clinicB = await makeClinic(database.db, 'Guard Clinic B');
	const plan: [string, SessionUser['roles'], number[]][] = [
		['clin-a', ['clinician'], [clinicA]],
		['clin-ab', ['clinician'], [clinicA, clinicB]],
		['lead', ['leadership'], []],
		['admin-only', ['admin'], []],
		['admin-clin-b', ['admin', 'clinician'], [clinicB]]
	];
	for (const [name, roles, clinics] of plan) {
		const id = await makeUser(database.db, name, roles, clinics);
		users[name] = (await loadSessionUser(database.db, id))!;
	}
});
afterAll(() => database?.close());

const event = (user: SessionUser | null, path = '/outcomes?instrument=phq9'): GuardEvent => ({
	locals: { user },
	url: new URL(`http://localhost${path}`)
});

/** The status a guard answers with: 200 when it lets the request through. */
function statusOf(run: () => unknown): number | string {
	try {
		run();
		return 200;
	} catch (e) {
		if (isRedirect(e)) return `${e.status} ${e.location}`;
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

describe(`guards and scopes on ${testDatabaseKind()}`, () => {
	it('sends a signed-out page visitor to sign-in (302) and answers 401 on the API', () => {
		expect(statusOf(() => requireUser(event(null)))).toBe(
			'302 /login?next=%2Foutcomes%3Finstrument%3Dphq9'
		);
		expect(statusOf(() => requireUser(event(null, '/api/v1/outcomes')))).toBe(401);
		expect(statusOf(() => requireAggregateScope(event(null, '/api/v1/outcomes')))).toBe(401);
	});

	it('gives a clinician of clinic A an aggregate scope of A only, with the default threshold', () => {
		const scope = requireAggregateScope(event(users['clin-a']));
		expect(scope).toMatchObject({ kind: 'aggregate', clinicIds: [clinicA], smallCellMin: 11 });
		expect(requireAggregateScope(event(users['clin-ab'])).clinicIds).toEqual([clinicA, clinicB]);
	});

	it('gives leadership every clinic (null) and admins without the clinician role nothing', () => {
		expect(requireAggregateScope(event(users.lead))).toMatchObject({
			clinicIds: null,
			actor: 'lead'
		});
		expect(statusOf(() => requireAggregateScope(event(users['admin-only'])))).toBe(403);
	});

	it('gives patient scopes to clinicians only, limited to their clinics', () => {
		expect(requirePatientScope(event(users['clin-a']))).toMatchObject({
			kind: 'patient',
			clinicIds: [clinicA],
			actor: 'clin-a'
		});
		expect(requirePatientScope(event(users['admin-clin-b'])).clinicIds).toEqual([clinicB]);
		expect(statusOf(() => requirePatientScope(event(users.lead)))).toBe(403);
		expect(statusOf(() => requirePatientScope(event(users['admin-only'])))).toBe(403);
	});

	it('checks roles', () => {
		expect(statusOf(() => requireRole(event(users['admin-only']), 'admin'))).toBe(200);
		expect(statusOf(() => requireRole(event(users['admin-clin-b']), 'admin'))).toBe(200);
		expect(statusOf(() => requireRole(event(users.lead), 'admin'))).toBe(403);
		expect(statusOf(() => requireRole(event(users['clin-a']), 'leadership'))).toBe(403);
	});

	it.each([
		['/patients/P-0001', '/patients/P-0001'],
		['/outcomes?from=2025-01-01', '/outcomes?from=2025-01-01'],
		['//evil.example/steal', '/'],
		['/\\evil.example', '/'],
		['https://evil.example', '/'],
		['/ok\nSet-Cookie: x', '/'],
		[null, '/']
	])('only follows next=%j to a path on this site', (next, expected) => {
		expect(safeNextPath(next)).toBe(expected);
	});
});
