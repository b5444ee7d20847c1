import { AUDIT_ACTIONS, parseAuditFilter, searchAudit } from '$lib/server/auth/audit-search';
import { requireRole } from '$lib/server/auth/guards';
import { database } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const parsed = parseAuditFilter(event.url.searchParams);
	if (!parsed.success) {
		// A hand-edited URL with a bad field: say which, show nothing rather than guess.
		const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
		return { actions: AUDIT_ACTIONS, filter: null, result: null, invalidFields: fields };
	}
	const { db } = await database();
	const result = await searchAudit(db, parsed.data);
	return { actions: AUDIT_ACTIONS, filter: parsed.data, result, invalidFields: [] };
};
