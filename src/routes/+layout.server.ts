import type { LayoutServerLoad } from './$types';

// Only what the shell needs to draw the navigation; every page load checks access itself.
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { username: locals.user.username, roles: locals.user.roles } : null
});
