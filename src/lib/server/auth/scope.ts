import type { Role } from '../db/schema';

// Access scopes: every query function takes one, so an unscoped query does not type-check.
// The brand is a unique symbol that only this module can write, so a scope can only be made
// by the functions below, from a signed-in user (or the CLI's explicit system scope).

declare const scopeBrand: unique symbol;

export interface SessionUser {
	id: number;
	username: string;
	roles: Role[];
	/** Clinics the user may see as a clinician. */
	clinicIds: number[];
}

/** Aggregates (counts, rates, curves) over some clinics, always with small-cell suppression. */
export interface AggregateScope {
	readonly [scopeBrand]: 'aggregate';
	readonly kind: 'aggregate';
	/** null means every clinic (leadership). */
	readonly clinicIds: readonly number[] | null;
	/** Cells with 1..(smallCellMin - 1) patients are hidden. */
	readonly smallCellMin: number;
	readonly actor: string;
}

/** Patient-level data of some clinics; only a clinician of those clinics gets one. */
export interface PatientScope {
	readonly [scopeBrand]: 'patient';
	readonly kind: 'patient';
	readonly clinicIds: readonly number[];
	readonly userId: number | null;
	readonly actor: string;
}

export const hasRole = (user: SessionUser | null, role: Role) => !!user?.roles.includes(role);

/** Leadership sees every clinic; a clinician sees their own clinics; others get null. */
export function aggregateScopeFor(user: SessionUser, smallCellMin: number): AggregateScope | null {
	if (hasRole(user, 'leadership')) {
		return {
			kind: 'aggregate',
			clinicIds: null,
			smallCellMin,
			actor: user.username
		} as unknown as AggregateScope;
	}
	if (hasRole(user, 'clinician') && user.clinicIds.length > 0) {
		return {
			kind: 'aggregate',
			clinicIds: [...user.clinicIds],
			smallCellMin,
			actor: user.username
		} as unknown as AggregateScope;
	}
	return null;
}

/** Only a clinician with at least one clinic sees patient-level data. */
export function patientScopeFor(user: SessionUser): PatientScope | null {
	if (!hasRole(user, 'clinician') || user.clinicIds.length === 0) return null;
	return {
		kind: 'patient',
		clinicIds: [...user.clinicIds],
		userId: user.id,
		actor: user.username
	} as unknown as PatientScope;
}

/**
 * For command-line tools and tests that act on the whole database as the operator: the
 * operator of the server already has the database itself, so this grants nothing new.
 */
export function systemAggregateScope(smallCellMin: number, actor = 'system'): AggregateScope {
	return { kind: 'aggregate', clinicIds: null, smallCellMin, actor } as unknown as AggregateScope;
}

export function systemPatientScope(clinicIds: number[], actor = 'system'): PatientScope {
	return { kind: 'patient', clinicIds, userId: null, actor } as unknown as PatientScope;
}
