// The versioned metric definitions of shared/domain.md section 3, as constants. SQL, CSV headers,
// the API and the methods page all read them from here, so a change of definition is one edit
// here plus a new DEFINITIONS_VERSION (exports name the version they were computed with).

/** Bump whenever a window, threshold or rule below changes meaning. */
export const DEFINITIONS_VERSION = '2026-11-27.1';

/**
 * Pre-infusion window for infusions after the first of a course: the latest assessment dated in
 * (previous infusion, infusion] and at most this many days before the infusion (7 days before
 * counts, 8 does not).
 */
export const PRE_INFUSION_WINDOW_DAYS = 7;

/**
 * Pre-infusion window for the first infusion of a course (the baseline): [D1 - 30 days, D1], and
 * after any earlier infusion of the patient (an earlier course's last infusion).
 */
export const BASELINE_WINDOW_DAYS = 30;

/**
 * Post-induction window: the latest assessment dated in (L, L + 31 days] and not after the
 * first booster (an assessment on the booster's own date is its pre-infusion score, so it counts).
 */
export const POST_INDUCTION_WINDOW_DAYS = 31;

/** Induction infusions for a complete induction when a clinic has not set its own target. */
export const DEFAULT_INDUCTION_TARGET = 6;

/** Courses need at least this many booster gaps for a per-patient interval trend. */
export const MIN_GAPS_FOR_TREND = 3;

/** Weeks since the course's first infusion: whole weeks, day 0-6 is week 0. */
export const DAYS_PER_WEEK = 7;

/** Booster activity after induction: length of one period in days (a quarter, the planning unit). */
export const ACTIVITY_PERIOD_DAYS = 90;

/** Booster activity periods reported: the first two years after induction, which a board reviews. */
export const ACTIVITY_MAX_PERIODS = 8;

/** Default small-cell threshold (CMS rule); the running value comes from SMALL_CELL_MIN. */
export const DEFAULT_SMALL_CELL_MIN = 11;

/** Human-readable statements of the definitions, for CSV headers and the methods page. */
export const DEFINITION_TEXT = {
	course:
		"A course starts at the patient's first infusion and again at any induction infusion that follows a booster.",
	preInfusion: `Pre-infusion score: latest assessment in (previous infusion, infusion], at most ${PRE_INFUSION_WINDOW_DAYS} days before; first infusion of a course: [D1 - ${BASELINE_WINDOW_DAYS} days, D1].`,
	baseline: 'Baseline: the pre-infusion score of induction infusion 1 of the course.',
	inductionComplete: `Induction complete: at least the clinic's induction target (default ${DEFAULT_INDUCTION_TARGET}) induction infusions.`,
	postInduction: `Post-induction score: latest assessment in (L, L + ${POST_INDUCTION_WINDOW_DAYS} days], not after the first booster.`,
	boosterGap: 'Booster gap j: days from the infusion before booster j to booster j.',
	survival:
		'Time to booster j: Kaplan-Meier; censored at min(as-of date, discharge, next course start).',
	asOf: 'Data dated after the as-of date is ignored, as if not yet recorded.'
} as const;
