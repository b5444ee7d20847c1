import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import {
	createApiToken,
	listApiTokens,
	resolveApiToken,
	revokeApiTokens
} from '../../src/lib/server/auth/api-tokens';
import { setAccess, setDisabled } from '../../src/lib/server/auth/user-admin';
import { createTestDatabase, testDatabaseKind } from './support/test-database';
import { auditRows, makeClinic, makeUser, minutesAfter, TEST_ACTOR } from './auth-fixtures';

let database: Database;
let clinicA: number;
let clinicB: number;
beforeAll(async () => {
	database = await createTestDatabase();
	clinicA = await makeClinic(database.db, 'Token Clinic A');
	clinicB = await makeClinic(database.db, 'Token Clinic B');
});
afterAll(() => database?.close());

const t0 = new Date('2026-03-02T09:00:00Z');

describe(`API tokens on ${testDatabaseKind()}`, () => {
	it('stores only the SHA-256 of the token and acts as its user', async () => {
		const userId = await makeUser(database.db, 'tok-hash', ['clinician'], [clinicA]);
		const { id, token } = await createApiToken(database.db, userId, TEST_ACTOR, 'nightly export');
		expect(token).toMatch(/^io_[A-Za-z0-9_-]{43}$/);
		const row = await database.db
			.selectFrom('api_tokens')
			.select(['token_hash', 'label', 'last_used_at'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			token_hash: createHash('sha256').update(token).digest('hex'),
			label: 'nightly export',
			last_used_at: null
		});
		expect(await resolveApiToken(database.db, token, t0)).toEqual({
			id: userId,
			username: 'tok-hash',
			roles: ['clinician'],
			clinicIds: [clinicA]
		});
	});

	it('records when a token was last used', async () => {
		const userId = await makeUser(database.db, 'tok-used', ['leadership']);
		const { token } = await createApiToken(database.db, userId, TEST_ACTOR);
		await resolveApiToken(database.db, token, t0);
		expect((await listApiTokens(database.db, userId))[0].lastUsedAt).toEqual(t0);
		await resolveApiToken(database.db, token, minutesAfter(t0, 5));
		expect((await listApiTokens(database.db, userId))[0].lastUsedAt).toEqual(minutesAfter(t0, 5));
	});

	it('refuses revoked tokens, tokens of disabled users and strings that are no token', async () => {
		const userId = await makeUser(database.db, 'tok-revoke', ['leadership']);
		const first = await createApiToken(database.db, userId, TEST_ACTOR);
		const second = await createApiToken(database.db, userId, TEST_ACTOR);
		expect(await revokeApiTokens(database.db, userId, TEST_ACTOR)).toBe(2);
		expect(await resolveApiToken(database.db, first.token, t0)).toBeNull();
		expect(await resolveApiToken(database.db, second.token, t0)).toBeNull();
		const third = await createApiToken(database.db, userId, TEST_ACTOR);
		expect(await resolveApiToken(database.db, third.token, t0)).not.toBeNull();
		await setDisabled(database.db, userId, true, TEST_ACTOR);
		expect(await resolveApiToken(database.db, third.token, t0)).toBeNull();
		expect(await resolveApiToken(database.db, third.token.slice(3), t0)).toBeNull();
		expect(await resolveApiToken(database.db, 'io_not-a-real-token', t0)).toBeNull();
	});

	it("follows its user's roles and clinics as they change", async () => {
		const userId = await makeUser(database.db, 'tok-follow', ['clinician'], [clinicA]);
		const { token } = await createApiToken(database.db, userId, TEST_ACTOR);
		await setAccess(
			database.db,
			userId,
			{ roles: ['clinician'], clinicIds: [clinicB] },
			TEST_ACTOR
		);
		expect(await resolveApiToken(database.db, token, t0)).toMatchObject({ clinicIds: [clinicB] });
	});

	it('writes token creation and revocation to the audit log', async () => {
		const userId = await makeUser(database.db, 'tok-audit', ['admin']);
		const { id } = await createApiToken(database.db, userId, TEST_ACTOR, 'ci');
		await revokeApiTokens(database.db, userId, TEST_ACTOR);
		const rows = (await auditRows(database.db, 'token_change')).filter(
			(r) => r.detail.forUserId === userId
		);
		expect(rows.map((r) => [r.actor, r.detail])).toEqual([
			['test-operator', { op: 'create', tokenId: id, forUserId: userId, label: 'ci' }],
			['test-operator', { op: 'revoke', forUserId: userId, tokenIds: [id] }]
		]);
	});
});
