import type { Kysely } from 'kysely';
import type { DB, Role } from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';
import { insertUser, type Actor } from '../../src/lib/server/auth/user-admin';

// Small factories for the auth tests. Hashing takes a good fraction of a second on a busy
// machine, so each distinct password is hashed once per test file.

export const TEST_ACTOR: Actor = { name: 'test-operator', userId: null };
export const TEST_PASSWORD = 'quiet-harbour-lantern';

const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => {
	if (!hashes.has(password)) hashes.set(password, hashPassword(password));
	return hashes.get(password)!;
};

export async function makeClinic(db: Kysely<DB>, name: string): Promise<number> {
	const { id } = await db
		.insertInto('clinics')
		.values({ name })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function makeUser(
	db: Kysely<DB>,
	username: string,
	roles: Role[],
	clinicIds: number[] = [],
	password = TEST_PASSWORD
): Promise<number> {
	const passwordHash = await hashOnce(password);
	return insertUser(db, { username, passwordHash, roles, clinicIds }, TEST_ACTOR);
}

export const minutesAfter = (start: Date, minutes: number) =>
	new Date(start.getTime() + minutes * 60_000);

export async function auditRows(db: Kysely<DB>, action: string) {
	return db
		.selectFrom('audit_log')
		.select(['actor', 'user_id', 'action', 'patient_code', 'detail'])
		.where('action', '=', action)
		.orderBy('id')
		.execute();
}
