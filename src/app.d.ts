import type { SessionUser } from '$lib/server/auth/scope';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
		}
		interface Locals {
			user: SessionUser | null;
		}
	}
}

export {};
