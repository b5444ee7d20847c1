import { actorOf, readAccess, runFormAction } from '$lib/server/auth/admin-forms';
import { requireRole } from '$lib/server/auth/guards';
import { createUser } from '$lib/server/auth/user-admin';
import { listClinics, listUsers } from '$lib/server/auth/users';
import { database } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await database();
	const [users, clinics] = await Promise.all([listUsers(db), listClinics(db)]);
	return { users, clinics };
};

export const actions: Actions = {
	create: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '');
		const { db } = await database();
		return runFormAction('create', async () => {
			await createUser(
				db,
				{ username, password: String(form.get('password') ?? ''), ...readAccess(form) },
				actorOf(admin)
			);
			return `Created ${username.trim().toLowerCase()}.`;
		});
	}
};
