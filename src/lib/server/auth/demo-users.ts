import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import { writeAudit } from './audit';
import { hashPassword } from './password';
import { insertUser, setAccess, type Actor } from './user-admin';
import { findUserId } from './users';

// Demo mode only: one account per role so that a visitor can try each view. Passwords are random
// and printed by the server, unless DEMO_PASSWORD is set (browser tests and the README's
// walkthrough need a known way in); then every demo account has that password.

export interface DemoAccount {
	username: string;
	password: string;
	roles: Role[];
	/** Names of the clinics the account sees as a clinician. */
	clinics: string[];
}

const DEMO_ACTOR: Actor = { name: 'demo-seed', userId: null };

export async function createDemoUsers(
	db: Kysely<DB>,
	clinicIds: number[],
	fixedPassword: string | undefined = process.env.DEMO_PASSWORD || undefined
): Promise<DemoAccount[]> {
	if (clinicIds.length === 0) throw new Error('Demo users need at least one demo clinic');
	const clinics = await db
		.selectFrom('clinics')
		.select(['id', 'name'])
		.where('id', 'in', clinicIds)
		.execute();
	const nameOf = (id: number) => clinics.find((c) => c.id === id)?.name ?? String(id);
	const first = clinicIds[0];
	// With a single demo clinic, both clinicians share it; normally the second has another one.
	const second = clinicIds[1] ?? first;
	const plan: { username: string; roles: Role[]; clinicIds: number[] }[] = [
		{ username: 'clinician', roles: ['clinician'], clinicIds: [first] },
		{ username: 'clinician2', roles: ['clinician'], clinicIds: [second] },
		{ username: 'leadership', roles: ['leadership'], clinicIds: [] },
		{ username: 'admin', roles: ['admin'], clinicIds: [] }
	];
	const accounts: DemoAccount[] = [];
	for (const entry of plan) {
		const password = fixedPassword ?? randomBytes(12).toString('base64url');
		await upsertDemoUser(db, { ...entry, password });
		accounts.push({
			username: entry.username,
			password,
			roles: entry.roles,
			clinics: entry.clinicIds.map(nameOf)
		});
	}
	return accounts;
}

/**
 * A restarted demo server may find its accounts already there: they get the new password and
 * the planned access, so the printed passwords always work. (The demo password is not checked
 * against the password policy: it is the operator's choice for a throw-away database.)
 */
async function upsertDemoUser(
	db: Kysely<DB>,
	entry: { username: string; password: string; roles: Role[]; clinicIds: number[] }
): Promise<void> {
	const passwordHash = await hashPassword(entry.password);
	const existing = await findUserId(db, entry.username);
	if (existing === null) {
		const { username, roles, clinicIds } = entry;
		await insertUser(db, { username, passwordHash, roles, clinicIds }, DEMO_ACTOR);
		return;
	}
	await setAccess(db, existing, { roles: entry.roles, clinicIds: entry.clinicIds }, DEMO_ACTOR);
	await db
		.updateTable('users')
		.set({ password_hash: passwordHash, disabled: false })
		.where('id', '=', existing)
		.execute();
	await writeAudit(db, {
		actor: DEMO_ACTOR.name,
		userId: null,
		action: 'user_change',
		detail: { op: 'demo_reset', forUserId: existing, username: entry.username }
	});
}
