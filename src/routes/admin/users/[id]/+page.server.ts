import { error } from '@sveltejs/kit';
import { actorOf, readAccess, runFormAction } from '$lib/server/auth/admin-forms';
import { listApiTokens, revokeApiTokens } from '$lib/server/auth/api-tokens';
import { requireRole } from '$lib/server/auth/guards';
import { resetPassword, setAccess, setDisabled } from '$lib/server/auth/user-admin';
import { getUserSummary, listClinics } from '$lib/server/auth/users';
import { database } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

const userIdOf = (param: string): number => {
	const id = Number(param);
	if (!Number.isInteger(id) || id < 1) error(404, 'Not found');
	return id;
};

export const load: PageServerLoad = async (event) => {
	const admin = requireRole(event, 'admin');
	const id = userIdOf(event.params.id);
	const { db } = await database();
	const [account, clinics, tokens] = await Promise.all([
		getUserSummary(db, id),
		listClinics(db),
		listApiTokens(db, id)
	]);
	if (!account) error(404, 'Not found');
	return { account, clinics, tokens, isSelf: admin.id === id };
};

export const actions: Actions = {
	access: async (event) => {
		const admin = requireRole(event, 'admin');
		const id = userIdOf(event.params.id);
		const access = readAccess(await event.request.formData());
		const { db } = await database();
		return runFormAction('access', async () => {
			await setAccess(db, id, access, actorOf(admin));
			return 'Roles and clinics saved.';
		});
	},
	disable: async (event) => {
		const admin = requireRole(event, 'admin');
		const id = userIdOf(event.params.id);
		const { db } = await database();
		return runFormAction('status', async () => {
			await setDisabled(db, id, true, actorOf(admin));
			return 'Account disabled; its sessions were ended.';
		});
	},
	enable: async (event) => {
		const admin = requireRole(event, 'admin');
		const id = userIdOf(event.params.id);
		const { db } = await database();
		return runFormAction('status', async () => {
			await setDisabled(db, id, false, actorOf(admin));
			return 'Account enabled.';
		});
	},
	password: async (event) => {
		const admin = requireRole(event, 'admin');
		const id = userIdOf(event.params.id);
		const password = String((await event.request.formData()).get('password') ?? '');
		const { db } = await database();
		return runFormAction('password', async () => {
			await resetPassword(db, id, password, actorOf(admin));
			return 'Password reset; the account was signed out everywhere.';
		});
	},
	revokeTokens: async (event) => {
		const admin = requireRole(event, 'admin');
		const id = userIdOf(event.params.id);
		const { db } = await database();
		return runFormAction('tokens', async () => {
			const count = await revokeApiTokens(db, id, actorOf(admin));
			return `${count} API token${count === 1 ? '' : 's'} revoked.`;
		});
	}
};
