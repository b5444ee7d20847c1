import { fail, type ActionFailure } from '@sveltejs/kit';
import type { Role } from '../db/schema';
import type { SessionUser } from './scope';
import { UserInputError, type Access, type Actor } from './user-admin';
import { ROLES } from './users';

// Small helpers shared by the admin pages' form actions.

export const actorOf = (user: SessionUser): Actor => ({ name: user.username, userId: user.id });

/** Roles and clinics from checkboxes named `role` and `clinic`; anything else is ignored. */
export function readAccess(form: FormData): Access {
	const roles = form
		.getAll('role')
		.map(String)
		.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
	const clinicIds = form
		.getAll('clinic')
		.map((v) => Number(v))
		.filter((n) => Number.isInteger(n) && n > 0);
	return { roles, clinicIds };
}

export type FormOutcome = { form: string; message: string; ok: boolean };

/**
 * Runs a change; a refusal the admin can fix (UserInputError) comes back as a 400 with its
 * message on the form that caused it. Anything else is a bug and goes to the error handler.
 */
export async function runFormAction(
	form: string,
	change: () => Promise<string>
): Promise<FormOutcome | ActionFailure<FormOutcome>> {
	try {
		return { form, message: await change(), ok: true };
	} catch (e) {
		if (e instanceof UserInputError) return fail(400, { form, message: e.message, ok: false });
		throw e;
	}
}
