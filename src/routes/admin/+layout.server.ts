import { requireRole } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// Keeps non-admins out of the admin shell; each page load and action checks again by itself,
// because SvelteKit does not make them wait for this load.
export const load: LayoutServerLoad = (event) => {
	requireRole(event, 'admin');
	return {};
};
