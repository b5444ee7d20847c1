import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import {
	createSession,
	deleteSession,
	resolveSession,
	sessionCookieOptions
} from '../../src/lib/server/auth/sessions';
import { setDisabled } from '../../src/lib/server/auth/user-admin';
import { createTestDatabase, testDatabaseKind } from './support/test-database';
import { makeClinic, makeUser, minutesAfter, TEST_ACTOR } from './auth-fixtures';

let database: Database;
let clinicId: number;
beforeAll(async () => {
	database = await createTestDatabase();
	clinicId = await makeClinic(database.db, 'Session Clinic');
});
afterAll(() => database?.close());

const t0 = new Date('2026-03-02T09:00:00Z');
const clockAt = (now: Date) => ({ now, idleMinutes: 30 });

describe(`sessions on ${testDatabaseKind()}`, () => {
	it('stores only the SHA-256 of the token and resolves it to the user with roles and clinics', async () => {
		const userId = await makeUser(database.db, 'sess-hash', ['clinician'], [clinicId]);
		const token = await createSession(database.db, userId, clockAt(t0));
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
		const rows = await database.db
			.selectFrom('sessions')
			.select('token_hash')
			.where('user_id', '=', userId)
			.execute();
		expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
		expect(await resolveSession(database.db, token, clockAt(t0))).toEqual({
			id: userId,
			username: 'sess-hash',
			roles: ['clinician'],
			clinicIds: [clinicId]
		});
		expect(await resolveSession(database.db, `${token}x`, clockAt(t0))).toBeNull();
	});

	it('expires after 30 idle minutes, and each request slides the window', async () => {
		const userId = await makeUser(database.db, 'sess-idle', ['leadership']);
		const token = await createSession(database.db, userId, clockAt(t0));
		// 29 minutes idle: still valid, and last_seen moves to 09:29.
		expect(await resolveSession(database.db, token, clockAt(minutesAfter(t0, 29)))).not.toBeNull();
		// 09:58 is 29 minutes after the last request (58 after sign-in): still valid.
		expect(await resolveSession(database.db, token, clockAt(minutesAfter(t0, 58)))).not.toBeNull();
		// 10:29 is 31 minutes after the last request at 09:58: expired, and the row is gone.
		expect(await resolveSession(database.db, token, clockAt(minutesAfter(t0, 89)))).toBeNull();
		const left = await database.db
			.selectFrom('sessions')
			.select('user_id')
			.where('user_id', '=', userId)
			.execute();
		expect(left).toEqual([]);
	});

	it('uses the configured idle timeout', async () => {
		const userId = await makeUser(database.db, 'sess-short', ['leadership']);
		const token = await createSession(database.db, userId, clockAt(t0));
		const fiveMinutes = { now: minutesAfter(t0, 6), idleMinutes: 5 };
		expect(await resolveSession(database.db, token, fiveMinutes)).toBeNull();
	});

	it('ends on sign-out and when the user is disabled', async () => {
		const userId = await makeUser(database.db, 'sess-end', ['admin']);
		const first = await createSession(database.db, userId, clockAt(t0));
		const second = await createSession(database.db, userId, clockAt(t0));
		expect(await deleteSession(database.db, first)).toBe(userId);
		expect(await resolveSession(database.db, first, clockAt(t0))).toBeNull();
		expect(await resolveSession(database.db, second, clockAt(t0))).not.toBeNull();
		await setDisabled(database.db, userId, true, TEST_ACTOR);
		expect(await resolveSession(database.db, second, clockAt(t0))).toBeNull();
	});

	it('sets HttpOnly, SameSite=Lax, path / and Secure only over HTTPS', () => {
		expect(sessionCookieOptions(new URL('https://outcomes.example/login'))).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: true
		});
		expect(sessionCookieOptions(new URL('http://127.0.0.1:3000/login')).secure).toBe(false);
	});
});
