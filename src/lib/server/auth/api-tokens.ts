import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { writeAudit } from './audit';
import type { Actor } from './user-admin';
import type { SessionUser } from './scope';
import { newSecretToken, tokenHash } from './secret-token';
import { sessionUserColumns, toSessionUser } from './users';

// API tokens for scripts: `Authorization: Bearer io_...`. A token acts with its user's current
// roles and clinics (changing the user changes the token), stops working when the user is
// disabled, and can be revoked. Only its SHA-256 is stored; the token is shown once.

/** A recognisable prefix lets secret scanners and people tell the token apart. */
const TOKEN_PREFIX = 'io_';
const TOUCH_INTERVAL_MS = 60_000;

export async function createApiToken(
	db: Kysely<DB>,
	userId: number,
	actor: Actor,
	label: string | null = null
): Promise<{ id: number; token: string }> {
	const token = newSecretToken(TOKEN_PREFIX);
	const { id } = await db
		.insertInto('api_tokens')
		.values({ user_id: userId, token_hash: tokenHash(token), label })
		.returning('id')
		.executeTakeFirstOrThrow();
	await writeAudit(db, {
		actor: actor.name,
		userId: actor.userId,
		action: 'token_change',
		detail: { op: 'create', tokenId: id, forUserId: userId, label }
	});
	return { id, token };
}

/** The token's user, or null when the token is unknown, revoked or its user disabled. */
export async function resolveApiToken(
	db: Kysely<DB>,
	token: string,
	now = new Date()
): Promise<SessionUser | null> {
	if (!token.startsWith(TOKEN_PREFIX)) return null;
	const row = await db
		.selectFrom('api_tokens')
		.leftJoin('users', (join) =>
			join.onRef('users.id', '=', 'api_tokens.user_id').on('users.disabled', '=', false)
		)
		.select((eb) => [
			'api_tokens.id as tokenId',
			'api_tokens.last_used_at',
			...sessionUserColumns(eb)
		])
		.where('api_tokens.token_hash', '=', tokenHash(token))
		.where('api_tokens.revoked_at', 'is', null)
		.executeTakeFirst();
	if (!row) return null;
	const user = toSessionUser(row);
	if (!user) return null;
	if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= TOUCH_INTERVAL_MS) {
		await db
			.updateTable('api_tokens')
			.set({ last_used_at: now })
			.where('id', '=', row.tokenId)
			.execute();
	}
	return user;
}

export interface ApiTokenSummary {
	id: number;
	label: string | null;
	createdAt: Date;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
}

export function listApiTokens(db: Kysely<DB>, userId: number): Promise<ApiTokenSummary[]> {
	return db
		.selectFrom('api_tokens')
		.select([
			'id',
			'label',
			'created_at as createdAt',
			'last_used_at as lastUsedAt',
			'revoked_at as revokedAt'
		])
		.where('user_id', '=', userId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/** Revokes every live token of the user; returns how many. */
export async function revokeApiTokens(
	db: Kysely<DB>,
	userId: number,
	actor: Actor,
	now = new Date()
): Promise<number> {
	const revoked = await db
		.updateTable('api_tokens')
		.set({ revoked_at: now })
		.where('user_id', '=', userId)
		.where('revoked_at', 'is', null)
		.returning('id')
		.execute();
	await writeAudit(db, {
		actor: actor.name,
		userId: actor.userId,
		action: 'token_change',
		detail: { op: 'revoke', forUserId: userId, tokenIds: revoked.map((r) => r.id) }
	});
	return revoked.length;
}
