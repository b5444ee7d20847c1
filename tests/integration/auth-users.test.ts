import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { createDemoUsers } from '../../src/lib/server/auth/demo-users';
import { createSession, resolveSession } from '../../src/lib/server/auth/sessions';
import { signIn } from '../../src/lib/server/auth/sign-in';
import {
	clinicIdsByName,
	createUser,
	resetPassword,
	setAccess,
	setDisabled,
	UserInputError
} from '../../src/lib/server/auth/user-admin';
import { getUserSummary, listUsers } from '../../src/lib/server/auth/users';
import { createTestDatabase, testDatabaseKind } from './support/test-database';
import { auditRows, makeClinic, makeUser, TEST_ACTOR } from './auth-fixtures';

let database: Database;
let mclean: number;
let other: number;
beforeAll(async () => {
	database = await createTestDatabase();
	mclean = await makeClinic(database.db, 'McLean');
	other = await makeClinic(database.db, 'Riverside');
});
afterAll(() => database?.close());

const noSleep = async () => {};

describe(`account management on ${testDatabaseKind()}`, () => {
	it('creates an account whose password signs in, and audits it without the password', async () => {
		const admin = { name: 'boss', userId: null };
		const id = await createUser(
			database.db,
			{
				username: ' New.User ',
				password: 'granite-meadow-71',
				roles: ['clinician'],
				clinicIds: [other]
			},
			admin
		);
		expect(await getUserSummary(database.db, id)).toMatchObject({
			username: 'new.user',
			roles: ['clinician'],
			clinics: [{ id: other, name: 'Riverside' }],
			disabled: false,
			activeTokens: 0,
			lockedUntil: null
		});
		expect(
			await signIn(database.db, 'new.user', 'granite-meadow-71', { sleep: noSleep })
		).toMatchObject({
			ok: true
		});
		const created = (await auditRows(database.db, 'user_change')).find(
			(r) => r.detail.username === 'new.user'
		);
		expect(created).toMatchObject({
			actor: 'boss',
			detail: { op: 'create', roles: ['clinician'], clinicIds: [other] }
		});
		expect(JSON.stringify(created)).not.toContain('granite');
	});

	it.each([
		['a bad username', { username: 'Bad Name!', roles: ['admin'] }, /Usernames have/],
		['a short password', { password: 'short', roles: ['admin'] }, /at least 10/],
		['no role', { roles: [] }, /at least one role/],
		['a clinician without clinic', { roles: ['clinician'] }, /needs at least one clinic/]
	] as const)('refuses %s', async (_name, change, message) => {
		const input = {
			username: 'refused-user',
			password: 'long-enough-pass',
			clinicIds: [],
			...change,
			roles: [...change.roles]
		};
		await expect(createUser(database.db, input, TEST_ACTOR)).rejects.toThrow(message);
	});

	it('refuses a taken username', async () => {
		await makeUser(database.db, 'taken', ['admin']);
		await expect(
			createUser(
				database.db,
				{ username: 'TAKEN', password: 'long-enough-pass', roles: ['admin'], clinicIds: [] },
				TEST_ACTOR
			)
		).rejects.toBeInstanceOf(UserInputError);
	});

	it('changes roles and clinics, and stops admins from locking themselves out', async () => {
		const id = await makeUser(database.db, 'changing', ['admin']);
		const self = { name: 'changing', userId: id };
		await expect(
			setAccess(database.db, id, { roles: ['leadership'], clinicIds: [] }, self)
		).rejects.toThrow(/own admin role/);
		await expect(setDisabled(database.db, id, true, self)).rejects.toThrow(/own account/);
		await setAccess(database.db, id, { roles: ['admin', 'clinician'], clinicIds: [mclean] }, self);
		expect(await getUserSummary(database.db, id)).toMatchObject({
			roles: ['admin', 'clinician'],
			clinics: [{ id: mclean, name: 'McLean' }]
		});
	});

	it('ends the sessions of an account whose password is reset', async () => {
		const id = await makeUser(database.db, 'resetting', ['leadership']);
		const clock = { now: new Date(), idleMinutes: 30 };
		const token = await createSession(database.db, id, clock);
		await resetPassword(database.db, id, 'another-long-pass', TEST_ACTOR);
		expect(await resolveSession(database.db, token, clock)).toBeNull();
		await expect(resetPassword(database.db, id, 'resetting-123456', TEST_ACTOR)).rejects.toThrow(
			/username/
		);
	});

	it('maps clinic names to ids and names the unknown ones', async () => {
		expect(await clinicIdsByName(database.db, ['Riverside', 'McLean'])).toEqual(
			expect.arrayContaining([mclean, other])
		);
		await expect(clinicIdsByName(database.db, ['McLean', 'Atlantis'])).rejects.toThrow(
			'Unknown clinic: Atlantis.'
		);
	});
});

describe(`demo accounts on ${testDatabaseKind()}`, () => {
	it('creates one account per role with the DEMO_PASSWORD, again on a restart', async () => {
		const expected = [
			{ username: 'clinician', roles: ['clinician'], clinics: ['McLean'] },
			{ username: 'clinician2', roles: ['clinician'], clinics: ['Riverside'] },
			{ username: 'leadership', roles: ['leadership'], clinics: [] },
			{ username: 'admin', roles: ['admin'], clinics: [] }
		];
		const accounts = await createDemoUsers(database.db, [mclean, other], 'demo-pass');
		expect(accounts).toEqual(expected.map((a) => ({ ...a, password: 'demo-pass' })));
		const again = await createDemoUsers(database.db, [mclean, other], 'second-pass');
		expect(again.map((a) => a.password)).toEqual(Array(4).fill('second-pass'));
		for (const { username } of expected) {
			const result = await signIn(database.db, username, 'second-pass', { sleep: noSleep });
			expect(result.ok, username).toBe(true);
		}
		const names = (await listUsers(database.db)).map((u) => u.username);
		expect(
			names.filter((n) => ['clinician', 'clinician2', 'leadership', 'admin'].includes(n))
		).toHaveLength(4);
	});

	it('makes random, distinct passwords when none is given', async () => {
		const accounts = await createDemoUsers(database.db, [mclean], undefined);
		const passwords = accounts.map((a) => a.password);
		expect(new Set(passwords).size).toBe(4);
		for (const p of passwords) expect(p).toMatch(/^[A-Za-z0-9_-]{16}$/);
		// With one demo clinic both clinicians share it.
		expect(accounts[1].clinics).toEqual(['McLean']);
	});
});
