import { Z_95 } from './wilson';

// Kaplan-Meier estimator with Greenwood variance and log-scale confidence limits, matching R's
// survival::survfit defaults (conf.type = "log", conf.int = 0.95). Field names are snake_case
// because these objects travel unchanged to the JSON API.

export interface SurvivalObservation {
	time: number;
	/** true: the event happened at `time`; false: censored (still at risk at `time`). */
	event: boolean;
}

export interface SurvivalTableRow {
	time: number;
	events: number;
	censored: number;
}

export interface SurvivalStep {
	time: number;
	n_risk: number;
	n_event: number;
	n_censor: number;
	survival: number;
	/** Greenwood standard error of S(t); null where S(t) = 0 (survfit: NaN). */
	se: number | null;
	/** 95% log-scale limits; null where S(t) = 0 (survfit: NA). */
	ci_low: number | null;
	ci_high: number | null;
}

export interface SurvivalCurve {
	n: number;
	events: number;
	censored: number;
	steps: SurvivalStep[];
	median: number | null;
	median_ci_low: number | null;
	median_ci_high: number | null;
}

// survfit's tolerance for "the curve reaches 0.5": a product such as 11/12 * ... * 6/7 is 0.5 in
// exact arithmetic but may land a few ulps above it in floating point.
const HALF_WITH_TOLERANCE = 0.5 + Math.sqrt(Number.EPSILON);

function checkRow(row: SurvivalTableRow): void {
	if (!Number.isFinite(row.time)) throw new RangeError('survival times must be finite numbers');
	for (const count of [row.events, row.censored]) {
		if (!Number.isInteger(count) || count < 0) {
			throw new RangeError('event and censoring counts must be non-negative integers');
		}
	}
}

/** Checks counts, merges rows that share a time, drops empty ones, and sorts by time. */
export function normalizeSurvivalTable(rows: readonly SurvivalTableRow[]): SurvivalTableRow[] {
	const byTime = new Map<number, SurvivalTableRow>();
	for (const row of rows) {
		checkRow(row);
		const merged = byTime.get(row.time) ?? { time: row.time, events: 0, censored: 0 };
		merged.events += row.events;
		merged.censored += row.censored;
		byTime.set(row.time, merged);
	}
	return [...byTime.values()]
		.filter((row) => row.events + row.censored > 0)
		.sort((a, b) => a.time - b.time);
}

/** The first step time at which `curve` is at or below 0.5; null when it never gets there. */
function firstTimeAtOrBelowHalf(
	steps: readonly SurvivalStep[],
	curve: (step: SurvivalStep) => number | null
): number | null {
	for (const step of steps) {
		const value = curve(step);
		if (value !== null && value <= HALF_WITH_TOLERANCE) return step.time;
	}
	return null;
}

/**
 * Kaplan-Meier survival curve from grouped counts per time (as SQL hands them over):
 * S(t) = product over event times t_i <= t of (1 - d_i / n_i). A subject censored at t_i is
 * still at risk at t_i (events are taken to precede censorings at a tie), so n_i counts them.
 * One step per distinct time with an event or a censoring.
 *
 * - SE: Greenwood, Var S(t) = S(t)^2 * sum d_i / (n_i (n_i - d_i)).
 * - 95% CI on the log scale (survfit's default): S * exp(+/- 1.959964 * SE / S), upper limit capped
 *   at 1. Where S(t) = 0 the log is undefined and Greenwood's sum is infinite; survfit reports
 *   the limits as NA and the SE as NaN there, and so these are null (not [0, 0], which would claim a
 *   certainty that a handful of subjects cannot give).
 * - Median: the smallest t with S(t) <= 0.5 (domain.md), null when not reached. survfit instead
 *   takes the midpoint to the next event time when S is exactly 0.5 over an interval; this
 *   follows domain.md's definition and differs from survfit only in that case.
 * - Median CI (as survfit): median_ci_low = first time the lower CI curve is <= 0.5,
 *   median_ci_high = first time the upper CI curve is <= 0.5; null when not reached.
 */
export function kaplanMeierFromTable(rows: readonly SurvivalTableRow[]): SurvivalCurve {
	const table = normalizeSurvivalTable(rows);
	const events = table.reduce((sum, row) => sum + row.events, 0);
	const censored = table.reduce((sum, row) => sum + row.censored, 0);
	const n = events + censored;

	const steps: SurvivalStep[] = [];
	let atRisk = n;
	let survival = 1;
	let greenwoodSum = 0;
	for (const row of table) {
		if (row.events > 0) {
			survival *= 1 - row.events / atRisk;
			greenwoodSum +=
				atRisk > row.events ? row.events / (atRisk * (atRisk - row.events)) : Infinity;
		}
		// Greenwood's sum is the variance of log S, so SE / S = sqrt(sum).
		const logSe = Math.sqrt(greenwoodSum);
		const defined = survival > 0;
		steps.push({
			time: row.time,
			n_risk: atRisk,
			n_event: row.events,
			n_censor: row.censored,
			survival,
			se: defined ? survival * logSe : null,
			ci_low: defined ? survival * Math.exp(-Z_95 * logSe) : null,
			ci_high: defined ? Math.min(1, survival * Math.exp(Z_95 * logSe)) : null
		});
		atRisk -= row.events + row.censored;
	}

	return {
		n,
		events,
		censored,
		steps,
		median: firstTimeAtOrBelowHalf(steps, (step) => step.survival),
		median_ci_low: firstTimeAtOrBelowHalf(steps, (step) => step.ci_low),
		median_ci_high: firstTimeAtOrBelowHalf(steps, (step) => step.ci_high)
	};
}

/** One table row per observation (normalizeSurvivalTable merges rows that share a time). */
export function observationRows(observations: readonly SurvivalObservation[]): SurvivalTableRow[] {
	return observations.map((o) => ({
		time: o.time,
		events: o.event ? 1 : 0,
		censored: o.event ? 0 : 1
	}));
}

/**
 * Kaplan-Meier survival curve from individual observations; see kaplanMeierFromTable for the
 * method (Greenwood SE, log-scale 95% CI, median by the first time S(t) <= 0.5).
 */
export function kaplanMeier(observations: readonly SurvivalObservation[]): SurvivalCurve {
	return kaplanMeierFromTable(observationRows(observations));
}
