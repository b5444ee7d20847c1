import type { SurvivalStep } from '$lib/metrics';

// The rows the chart components accept. Query modules and metric functions produce these (or map
// to them in the page load); the chart layer never computes statistics itself, it only draws.

/** One point of a mean trajectory: a category label ('I1', 'B2') or an ISO date as x. */
export interface TrajectoryPoint {
	x: string;
	mean: number | null;
	/** 95% CI bounds; null when not computable (n < 2) or suppressed. */
	ci_low: number | null;
	ci_high: number | null;
	/** Courses contributing; null when the count is suppressed (1-10). */
	n: number | null;
}

export interface TrajectorySeries {
	key: string;
	label: string;
	points: TrajectoryPoint[];
}

/**
 * One distinct time of a Kaplan-Meier fit, as R's survfit() lists them (every event time and
 * every censor-only time, n_risk just before it): the metrics module's SurvivalStep.
 */
export type KmStep = SurvivalStep;

export interface KmCurve {
	key: string;
	label: string;
	/** Subjects at time 0; null when suppressed (then no curve is drawn at all). */
	n: number | null;
	steps: KmStep[];
	/**
	 * True when the server cut the curve where fewer than the small-cell minimum remained at
	 * risk: later numbers at risk are then hidden, not zero.
	 */
	truncated: boolean;
}

/** Pre-computed box statistics; min/max absent when hidden (they are single patients' values). */
export interface QuartileRow {
	group: string;
	x: string;
	min?: number | null;
	q1: number;
	median: number;
	q3: number;
	max?: number | null;
	mean?: number | null;
	n: number;
}

export type Phase = 'induction' | 'booster';

export interface SwimmerEvent {
	/** Days from the end of induction (L): negative during induction, 0 at L. */
	day: number;
	date: string;
	phase: Phase;
	/** 1-based within the phase. */
	ordinal: number;
}

export interface SwimmerLane {
	key: string;
	/** What the lane is called on the axis (the patient code, shown to clinicians only). */
	label: string;
	events: SwimmerEvent[];
	/** Last day of follow-up (as-of, discharge or next course), drawn as the lane's end. */
	followUpDay: number | null;
}

export interface InfusionMark {
	date: string;
	phase: Phase;
	ordinal: number;
	/** 1-based course number of the patient. */
	course: number;
}

export interface ScoreAssessment {
	date: string;
	score: number;
	course: number;
	/** The infusion this assessment is the pre-infusion score of, if any. */
	infusion: { phase: Phase; ordinal: number } | null;
}

/** 25th-75th percentile of % change from baseline at induction infusion `ordinal`. */
export interface ExpectedBandPoint {
	ordinal: number;
	p25: number;
	p75: number;
}

export interface GapPoint {
	/** Booster number j: gap j = Bj - (the infusion before Bj). */
	index: number;
	days: number;
	date: string;
}

/** The plot area of a drawn chart in CSS pixels, for HTML laid out under its axis. */
export interface ChartArea {
	left: number;
	right: number;
	top: number;
	bottom: number;
}
