import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import { writeAudit } from './audit';
import { hashPassword, passwordProblem } from './password';
import { deleteUserSessions } from './sessions';
import { clearFailures } from './throttle';
import { normalizeUsername, ROLES, USERNAME_PATTERN } from './users';

// Changing accounts, for the admin pages and the users CLI alike. Every change is written to
// the audit log with who made it; passwords never are.

/** Who makes a change: a signed-in admin, or the operator at the command line. */
export interface Actor {
	name: string;
	userId: number | null;
}

/** A refusal worth showing to the person who asked (bad input, not a bug). */
export class UserInputError extends Error {}

export interface Access {
	roles: Role[];
	clinicIds: number[];
}

function checkAccess({ roles, clinicIds }: Access): void {
	if (roles.length === 0) throw new UserInputError('Give the user at least one role.');
	const unknown = roles.filter((r) => !ROLES.includes(r));
	if (unknown.length > 0) throw new UserInputError(`Unknown role: ${unknown.join(', ')}.`);
	// A clinician without a clinic would see nothing at all; that is a mistake, not a setting.
	if (roles.includes('clinician') && clinicIds.length === 0) {
		throw new UserInputError('A clinician needs at least one clinic.');
	}
}

async function writeAccess(db: Kysely<DB>, userId: number, access: Access): Promise<void> {
	await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
	await db.deleteFrom('user_clinics').where('user_id', '=', userId).execute();
	const roles = [...new Set(access.roles)];
	const clinicIds = [...new Set(access.clinicIds)];
	await db
		.insertInto('user_roles')
		.values(roles.map((role) => ({ user_id: userId, role })))
		.execute();
	if (clinicIds.length > 0) {
		await db
			.insertInto('user_clinics')
			.values(clinicIds.map((clinic_id) => ({ user_id: userId, clinic_id })))
			.execute();
	}
}

async function usernameOf(db: Kysely<DB>, userId: number): Promise<string> {
	const row = await db
		.selectFrom('users')
		.select('username')
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!row) throw new UserInputError('No such user.');
	return row.username;
}

export async function createUser(
	db: Kysely<DB>,
	input: { username: string; password: string } & Access,
	actor: Actor
): Promise<number> {
	const username = normalizeUsername(input.username);
	if (!USERNAME_PATTERN.test(username)) {
		throw new UserInputError('Usernames have 2-40 characters: a-z, 0-9, dot, dash, underscore.');
	}
	const problem = passwordProblem(input.password, username);
	if (problem) throw new UserInputError(problem);
	return insertUser(
		db,
		{ ...input, username, passwordHash: await hashPassword(input.password) },
		actor
	);
}

/**
 * Stores a new account whose password is already hashed and checked. Only createUser and the
 * demo seed call it (the demo password is the operator's choice, outside the policy).
 */
export async function insertUser(
	db: Kysely<DB>,
	input: { username: string; passwordHash: string } & Access,
	actor: Actor
): Promise<number> {
	checkAccess(input);
	const { username } = input;
	return db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('users')
			.select('id')
			.where('username', '=', username)
			.executeTakeFirst();
		if (existing) throw new UserInputError(`The username ${username} is taken.`);
		const { id } = await trx
			.insertInto('users')
			.values({ username, password_hash: input.passwordHash })
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAccess(trx, id, input);
		await writeAudit(trx, {
			actor: actor.name,
			userId: actor.userId,
			action: 'user_change',
			detail: { op: 'create', username, roles: input.roles, clinicIds: input.clinicIds }
		});
		return id;
	});
}

export async function setAccess(
	db: Kysely<DB>,
	userId: number,
	access: Access,
	actor: Actor
): Promise<void> {
	checkAccess(access);
	if (actor.userId === userId && !access.roles.includes('admin')) {
		throw new UserInputError('You cannot remove your own admin role.');
	}
	await db.transaction().execute(async (trx) => {
		const username = await usernameOf(trx, userId);
		await writeAccess(trx, userId, access);
		await writeAudit(trx, {
			actor: actor.name,
			userId: actor.userId,
			action: 'user_change',
			detail: { op: 'set_access', forUserId: userId, username, ...access }
		});
	});
}

export async function setDisabled(
	db: Kysely<DB>,
	userId: number,
	disabled: boolean,
	actor: Actor
): Promise<void> {
	if (disabled && actor.userId === userId) {
		throw new UserInputError('You cannot disable your own account.');
	}
	await db.transaction().execute(async (trx) => {
		const username = await usernameOf(trx, userId);
		await trx.updateTable('users').set({ disabled }).where('id', '=', userId).execute();
		// Disabling ends open sessions at once (tokens stop too: they check the user on every use).
		if (disabled) await deleteUserSessions(trx, userId);
		await writeAudit(trx, {
			actor: actor.name,
			userId: actor.userId,
			action: 'user_change',
			detail: { op: disabled ? 'disable' : 'enable', forUserId: userId, username }
		});
	});
}

export async function resetPassword(
	db: Kysely<DB>,
	userId: number,
	password: string,
	actor: Actor
): Promise<void> {
	const username = await usernameOf(db, userId);
	const problem = passwordProblem(password, username);
	if (problem) throw new UserInputError(problem);
	const passwordHash = await hashPassword(password);
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('users')
			.set({ password_hash: passwordHash })
			.where('id', '=', userId)
			.execute();
		// Whoever held the old password loses their sessions; a lock from failed guesses is lifted.
		await deleteUserSessions(trx, userId);
		await clearFailures(trx, username);
		await writeAudit(trx, {
			actor: actor.name,
			userId: actor.userId,
			action: 'user_change',
			detail: { op: 'reset_password', forUserId: userId, username }
		});
	});
}

/** Clinic names (as given on the command line) to ids; unknown names are an error. */
export async function clinicIdsByName(db: Kysely<DB>, names: string[]): Promise<number[]> {
	if (names.length === 0) return [];
	const rows = await db
		.selectFrom('clinics')
		.select(['id', 'name'])
		.where('name', 'in', names)
		.execute();
	const missing = names.filter((n) => !rows.some((r) => r.name === n));
	if (missing.length > 0) throw new UserInputError(`Unknown clinic: ${missing.join(', ')}.`);
	return rows.map((r) => r.id);
}
