import { requireRole } from '$lib/server/auth/guards';
import { database } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await database();
	const since = new Date(Date.now() - 24 * 60 * 60_000);
	const [users, failures] = await Promise.all([
		db
			.selectFrom('users')
			.select((eb) => [
				eb.fn.countAll<number>().as('total'),
				eb.fn.count<number>('id').filterWhere('disabled', '=', true).as('disabled')
			])
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('audit_log')
			.select((eb) => eb.fn.countAll<number>().as('count'))
			.where('action', '=', 'sign_in_failed')
			.where('at', '>=', since)
			.executeTakeFirstOrThrow()
	]);
	return { users, failedSignIns24h: failures.count };
};
