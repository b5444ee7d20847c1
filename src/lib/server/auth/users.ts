import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import type { SessionUser } from './scope';

// Reading accounts: the signed-in user as the guards see it, and the list the admin page shows.

export const ROLES: readonly Role[] = ['clinician', 'leadership', 'admin'];
export const USERNAME_PATTERN = /^[a-z0-9_.-]{2,40}$/;

/** Usernames are stored in lower case; what a person types is matched the same way. */
export const normalizeUsername = (text: string) => text.trim().toLowerCase();

/**
 * The columns of a SessionUser, for a query over `users` (possibly left-joined: then null when
 * no enabled user matched). Shared by the session and token look-ups, which read their user in
 * the same statement so that every request costs one round trip for who is asking.
 */
export function sessionUserColumns(eb: ExpressionBuilder<DB, 'users'>) {
	return [
		'users.id',
		'users.username',
		sql<Role[]>`coalesce((select json_agg(r.role order by r.role) from user_roles r
			where r.user_id = ${eb.ref('users.id')}), '[]'::json)`.as('roles'),
		sql<number[]>`coalesce((select json_agg(c.clinic_id order by c.clinic_id) from user_clinics c
			where c.user_id = ${eb.ref('users.id')}), '[]'::json)`.as('clinicIds')
	] as const;
}

export function toSessionUser(row: {
	id: number | null;
	username: string | null;
	roles: Role[];
	clinicIds: number[];
}): SessionUser | null {
	if (row.id === null || row.username === null) return null;
	return { id: row.id, username: row.username, roles: row.roles, clinicIds: row.clinicIds };
}

/** An enabled user with their roles and clinics, or null (unknown or disabled). */
export async function loadSessionUser(db: Kysely<DB>, userId: number): Promise<SessionUser | null> {
	const row = await db
		.selectFrom('users')
		.select((eb) => sessionUserColumns(eb))
		.where('users.id', '=', userId)
		.where('users.disabled', '=', false)
		.executeTakeFirst();
	return row ? toSessionUser(row) : null;
}

export interface UserSummary {
	id: number;
	username: string;
	disabled: boolean;
	roles: Role[];
	clinics: { id: number; name: string }[];
	createdAt: Date;
	activeTokens: number;
	/** Set while failed sign-ins keep this username locked. */
	lockedUntil: Date | null;
}

export function listUsers(db: Kysely<DB>, now = new Date()): Promise<UserSummary[]> {
	return selectUsers(db, now, null);
}

export async function getUserSummary(
	db: Kysely<DB>,
	userId: number,
	now = new Date()
): Promise<UserSummary | null> {
	return (await selectUsers(db, now, userId))[0] ?? null;
}

function selectUsers(db: Kysely<DB>, now: Date, userId: number | null): Promise<UserSummary[]> {
	return db
		.selectFrom('users')
		.leftJoin('sign_in_throttle as t', (join) =>
			join.onRef('t.username', '=', 'users.username').on('t.locked_until', '>', now)
		)
		.select((eb) => [
			'users.id',
			'users.username',
			'users.disabled',
			'users.created_at as createdAt',
			't.locked_until as lockedUntil',
			sql<Role[]>`coalesce((select json_agg(r.role order by r.role) from user_roles r
				where r.user_id = ${eb.ref('users.id')}), '[]'::json)`.as('roles'),
			sql<{ id: number; name: string }[]>`coalesce((select json_agg(json_build_object(
				'id', k.id, 'name', k.name) order by k.name) from user_clinics c
				join clinics k on k.id = c.clinic_id where c.user_id = ${eb.ref('users.id')}), '[]'::json)`.as(
				'clinics'
			),
			sql<number>`(select count(*) from api_tokens a
				where a.user_id = ${eb.ref('users.id')} and a.revoked_at is null)`.as('activeTokens')
		])
		.$if(userId !== null, (qb) => qb.where('users.id', '=', userId as number))
		.orderBy('users.username')
		.execute();
}

export async function findUserId(db: Kysely<DB>, username: string): Promise<number | null> {
	const row = await db
		.selectFrom('users')
		.select('id')
		.where('username', '=', normalizeUsername(username))
		.executeTakeFirst();
	return row?.id ?? null;
}

export async function listClinics(db: Kysely<DB>): Promise<{ id: number; name: string }[]> {
	return db.selectFrom('clinics').select(['id', 'name']).orderBy('name').execute();
}
