import type { AgeBand, Indication, Sex } from '../db/schema';

// The demo clinic's make-up. Proportions are plausible for US ketamine clinics (treatment-
// resistant depression dominates; PTSD, anxiety and chronic pain follow), not taken from data.

export const CLINICS: readonly {
	name: string;
	prefix: string;
	weight: number;
	clinicians: number;
}[] = [
	{ name: 'McLean', prefix: 'MCL', weight: 0.4, clinicians: 5 },
	{ name: 'Bethesda', prefix: 'BET', weight: 0.33, clinicians: 4 },
	{ name: 'Washington', prefix: 'WAS', weight: 0.27, clinicians: 3 }
];

export const INDICATION_MIX: readonly (readonly [Indication, number])[] = [
	['depression', 0.55],
	['ptsd', 0.15],
	['anxiety', 0.12],
	['chronic_pain', 0.12],
	['other', 0.06]
];

export const AGE_MIX: readonly (readonly [AgeBand, number])[] = [
	['18-24', 0.08],
	['25-34', 0.22],
	['35-44', 0.25],
	['45-54', 0.22],
	['55-64', 0.15],
	['65+', 0.08]
];

export const SEX_MIX: readonly (readonly [Sex | '', number])[] = [
	['F', 0.55],
	['M', 0.41],
	['X', 0.02],
	// Left empty in the file: the import records it as unknown.
	['', 0.02]
];

/**
 * Outcome archetypes. The shares put induction response near the published ~50% (ORKA-1,
 * Oliver 2022) and include the ~20% who respond only after induction (ORKA-2, Hietamies 2023).
 */
export type Archetype = 'responder' | 'partial' | 'non_responder' | 'late_responder';
export const ARCHETYPE_MIX: readonly (readonly [Archetype, number])[] = [
	['responder', 0.4],
	['partial', 0.2],
	['non_responder', 0.25],
	['late_responder', 0.15]
];

/** Share of symptoms relieved at the end of induction, by archetype (before noise). */
export const INDUCTION_RELIEF: Record<Archetype, number> = {
	responder: 0.8,
	partial: 0.45,
	non_responder: 0.1,
	late_responder: 0.2
};

/** How booster gaps evolve: spreading out, holding, or shortening before a relapse. */
export type GapTrend = 'lengthening' | 'stable' | 'relapsing';
export const GAP_TREND_MIX: readonly (readonly [GapTrend, number])[] = [
	['lengthening', 0.45],
	['stable', 0.35],
	['relapsing', 0.2]
];

/** mg/kg, the usual low-dose range (about 0.5-1.0). */
export const DOSES: readonly (readonly [string, number])[] = [
	['0.50', 0.4],
	['0.60', 0.15],
	['0.70', 0.1],
	['0.75', 0.15],
	['0.80', 0.1],
	['1.00', 0.07],
	['', 0.03]
];

/** Baseline totals of treatment-resistant patients: [mean, sd, min, max]. */
export const BASELINES = {
	phq9: [18.5, 4, 10, 27],
	gad7: [15, 3, 8, 21],
	pcl5: [52, 10, 33, 80],
	pain_nrs: [7, 1.3, 4, 10]
} as const;

export type DemoInstrument = keyof typeof BASELINES;

export function instrumentsFor(indication: Indication): DemoInstrument[] {
	const extra: Partial<Record<Indication, DemoInstrument>> = {
		anxiety: 'gad7',
		ptsd: 'pcl5',
		chronic_pain: 'pain_nrs'
	};
	return extra[indication] ? ['phq9', extra[indication]] : ['phq9'];
}
