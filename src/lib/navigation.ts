import type { Role } from '$lib/server/db/schema';

// The app's sections and who may open them. The navigation hides what a role cannot open;
// every load checks access again on the server (hiding a link is not access control).

export interface NavItem {
	href: string;
	label: string;
	roles: Role[];
	description: string;
}

export const NAV_ITEMS: NavItem[] = [
	{
		href: '/patients',
		label: 'Patients',
		roles: ['clinician'],
		description: 'Worklist and patient progress'
	},
	{
		href: '/intervals',
		label: 'Intervals',
		roles: ['clinician'],
		description: 'Booster intervals across patients'
	},
	{
		href: '/outcomes',
		label: 'Outcomes',
		roles: ['clinician', 'leadership'],
		description: 'Response, remission and symptom change'
	},
	{
		href: '/boosters',
		label: 'Boosters',
		roles: ['clinician', 'leadership'],
		description: 'Time to booster and booster intervals'
	},
	{
		href: '/methods',
		label: 'Methods',
		roles: ['clinician', 'leadership', 'admin'],
		description: 'Definitions and sources'
	},
	{ href: '/admin', label: 'Admin', roles: ['admin'], description: 'Users, imports, audit log' }
];

export function navItemsFor(roles: readonly Role[]): NavItem[] {
	return NAV_ITEMS.filter((item) => item.roles.some((r) => roles.includes(r)));
}
