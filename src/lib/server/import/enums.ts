import type { AgeBand, Indication, Phase, Sex } from '../db/schema';

// The enumerations of migrations/2026-11-27T01-core-schema.ts CHECK constraints, as values.
export const INDICATIONS: readonly Indication[] = [
	'depression',
	'ptsd',
	'anxiety',
	'chronic_pain',
	'other'
];
export const AGE_BANDS: readonly AgeBand[] = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
export const SEXES: readonly Sex[] = ['F', 'M', 'X', 'unknown'];
export const PHASES: readonly Phase[] = ['induction', 'booster'];

export const PATIENT_CODE = /^[A-Za-z0-9_-]{3,40}$/;
export const CLINICIAN_CODE = /^[A-Za-z0-9_.-]{1,40}$/;
