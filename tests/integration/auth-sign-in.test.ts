import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { resetPassword, setDisabled } from '../../src/lib/server/auth/user-admin';
import { createTestDatabase, testDatabaseKind } from './support/test-database';
import {
	auditRows,
	makeClinic,
	makeUser,
	minutesAfter,
	TEST_ACTOR,
	TEST_PASSWORD
} from './auth-fixtures';

let database: Database;
let clinicId: number;
beforeAll(async () => {
	database = await createTestDatabase();
	clinicId = await makeClinic(database.db, 'Sign-in Clinic');
});
afterAll(() => database?.close());

const t0 = new Date('2026-03-02T09:00:00Z');

/** Runs sign-ins at given minutes after t0, recording the delays instead of waiting. */
function attempts(username: string) {
	const delays: number[] = [];
	const sleep = async (ms: number) => {
		delays.push(ms);
	};
	const at = (minutes: number, password: string) =>
		signIn(database.db, username, password, { now: minutesAfter(t0, minutes), sleep });
	return { delays, at };
}

describe(`sign-in on ${testDatabaseKind()}`, () => {
	it('signs in with the right password and writes sign_in to the audit log', async () => {
		const id = await makeUser(database.db, 'si-good', ['clinician'], [clinicId]);
		const result = await attempts('  SI-Good ').at(0, TEST_PASSWORD);
		expect(result).toEqual({
			ok: true,
			user: { id, username: 'si-good', roles: ['clinician'], clinicIds: [clinicId] }
		});
		const audit = (await auditRows(database.db, 'sign_in')).filter((r) => r.user_id === id);
		expect(audit).toEqual([
			{ actor: 'si-good', user_id: id, action: 'sign_in', patient_code: null, detail: {} }
		]);
	});

	it('slows each failure (250, 500, 1000, 2000 ms) and locks on the fifth for 15 minutes', async () => {
		await makeUser(database.db, 'si-lock', ['leadership']);
		const { delays, at } = attempts('si-lock');
		for (let i = 0; i < 4; i++)
			expect(await at(i, 'wrong-password-1')).toEqual({ ok: false, reason: 'invalid' });
		expect(await at(4, 'wrong-password-1')).toEqual({
			ok: false,
			reason: 'locked',
			lockedUntil: minutesAfter(t0, 19)
		});
		expect(delays).toEqual([250, 500, 1000, 2000, 2000]);
		// The right password does not get through a lock...
		expect(await at(10, TEST_PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
		// ...and works once it has expired, which also clears the count.
		expect(await at(19.5, TEST_PASSWORD)).toMatchObject({ ok: true });
		expect(await at(20, 'wrong-password-1')).toEqual({ ok: false, reason: 'invalid' });
		expect(delays.at(-1)).toBe(250);
	});

	it('treats an unknown user exactly like a wrong password, lock included', async () => {
		const { delays, at } = attempts('nobody-here');
		const results = [];
		for (let i = 0; i < 5; i++) results.push(await at(i, 'guess-number-x'));
		expect(results.slice(0, 4)).toEqual(Array(4).fill({ ok: false, reason: 'invalid' }));
		expect(results[4]).toMatchObject({ ok: false, reason: 'locked' });
		expect(delays).toEqual([250, 500, 1000, 2000, 2000]);
	});

	it('forgets failures after a quiet quarter of an hour', async () => {
		await makeUser(database.db, 'si-window', ['leadership']);
		const { at } = attempts('si-window');
		for (let i = 0; i < 4; i++) await at(i, 'wrong-password-2');
		// The fifth failure comes 16 minutes after the fourth: a new run, no lock.
		expect(await at(19, 'wrong-password-2')).toEqual({ ok: false, reason: 'invalid' });
	});

	it('refuses a disabled account with the same answer as a wrong password', async () => {
		const id = await makeUser(database.db, 'si-disabled', ['admin']);
		await setDisabled(database.db, id, true, TEST_ACTOR);
		expect(await attempts('si-disabled').at(0, TEST_PASSWORD)).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('lifts a lock when an admin resets the password', async () => {
		const id = await makeUser(database.db, 'si-reset', ['leadership']);
		const { at } = attempts('si-reset');
		for (let i = 0; i < 5; i++) await at(0, 'wrong-password-3');
		await resetPassword(database.db, id, 'brand-new-password', TEST_ACTOR);
		expect(await at(1, 'brand-new-password')).toMatchObject({ ok: true });
	});

	it('records failures with the attempted username and never the password', async () => {
		await attempts('mallory').at(0, 'secret-guess-99');
		const rows = (await auditRows(database.db, 'sign_in_failed')).filter(
			(r) => r.actor === 'mallory'
		);
		expect(rows).toEqual([
			{
				actor: 'mallory',
				user_id: null,
				action: 'sign_in_failed',
				patient_code: null,
				detail: { reason: 'unknown_user', failures: 1 }
			}
		]);
		const everything = JSON.stringify(
			await database.db.selectFrom('audit_log').selectAll().execute()
		);
		expect(everything).not.toContain('secret-guess-99');
		expect(everything).not.toContain('wrong-password');
	});
});
