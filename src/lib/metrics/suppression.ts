import type { SurvivalCurve } from './kaplan-meier';
import { wilsonInterval } from './wilson';

// Small-cell suppression, CMS cell size rule (domain.md section 5): no count from 1 to min - 1 is
// shown or derivable, in every aggregate and export, for every role. Zero may be shown: it reveals
// no individual. The threshold is a setting; min = 1 turns suppression off.

export const DEFAULT_SMALL_CELL_MIN = 11;

function checkMin(min: number): void {
	if (!Number.isInteger(min) || min < 1) throw new RangeError('min must be an integer >= 1');
}

function checkCount(count: number): void {
	if (!Number.isInteger(count) || count < 0) {
		throw new RangeError('counts must be non-negative integers');
	}
}

/** A count that must not be shown: from 1 to min - 1 (CMS rule, default min 11). */
export function isSmallCell(count: number, min = DEFAULT_SMALL_CELL_MIN): boolean {
	checkMin(min);
	checkCount(count);
	return count >= 1 && count < min;
}

/** The count, or null when it is a small cell (CMS rule; the UI shows "<11"). */
export function visibleCount(count: number, min = DEFAULT_SMALL_CELL_MIN): number | null {
	return isSmallCell(count, min) ? null : count;
}

/**
 * Whether a rate may be shown (CMS rule): hidden when the numerator or the non-numerator
 * (denominator - numerator) is a small cell, since either one and the denominator give the other.
 * A small denominator always makes one of the two small, so it needs no test of its own.
 */
export function visibleRate(
	numerator: number,
	denominator: number,
	min = DEFAULT_SMALL_CELL_MIN
): boolean {
	checkCount(denominator);
	if (numerator > denominator) throw new RangeError('numerator must not exceed denominator');
	return !isSmallCell(numerator, min) && !isSmallCell(denominator - numerator, min);
}

/**
 * Kaplan-Meier steps shown under the CMS rule: the curve stops at the first step where fewer than
 * min subjects remain at risk (that step and all later ones are dropped).
 */
export function truncateSurvivalSteps<Step extends { n_risk: number }>(
	steps: readonly Step[],
	min = DEFAULT_SMALL_CELL_MIN
): Step[] {
	checkMin(min);
	const firstHidden = steps.findIndex((step) => step.n_risk < min);
	return firstHidden === -1 ? [...steps] : steps.slice(0, firstHidden);
}

export interface VisibleRate {
	count: number | null;
	rate: number | null;
	ci_low: number | null;
	ci_high: number | null;
}

export type VisibleSurvivalCurve = Omit<SurvivalCurve, 'n' | 'events' | 'censored'> & {
	n: number | null;
	events: number | null;
	censored: number | null;
};

/**
 * Applies the CMS small-cell rule field by field and remembers which fields it hid, so that a
 * result can carry `suppressed: string[]` and the UI can say why a value is missing.
 */
export class Suppressor {
	readonly min: number;
	readonly #hidden = new Set<string>();

	constructor(min = DEFAULT_SMALL_CELL_MIN) {
		checkMin(min);
		this.min = min;
	}

	/** Names of the fields hidden so far, in the order they were first hidden. */
	get suppressed(): string[] {
		return [...this.#hidden];
	}

	/** Records a field as suppressed (for values hidden by a rule outside this class). */
	hide(name: string): void {
		this.#hidden.add(name);
	}

	/** False when a group has fewer than min patients: then it shows no statistics at all. */
	group(patients: number): boolean {
		if (isSmallCell(patients, this.min)) this.hide('group');
		return patients >= this.min;
	}

	/** The count, or null (recorded under `name`) when it is from 1 to min - 1. */
	count(name: string, count: number): number | null {
		const shown = visibleCount(count, this.min);
		if (shown === null) this.hide(name);
		return shown;
	}

	/**
	 * A rate with its Wilson 95% interval, or all nulls (recorded under `name`) when the numerator
	 * or the non-numerator is a small cell. With a zero denominator the count is 0 and the rate
	 * undefined (null), which hides nothing.
	 */
	rate(name: string, count: number, denominator: number): VisibleRate {
		if (!visibleRate(count, denominator, this.min)) {
			this.hide(name);
			return { count: null, rate: null, ci_low: null, ci_high: null };
		}
		const interval = wilsonInterval(count, denominator);
		return {
			count,
			rate: interval?.rate ?? null,
			ci_low: interval?.low ?? null,
			ci_high: interval?.high ?? null
		};
	}

	/**
	 * A Kaplan-Meier curve under the CMS rule: the curve stops where fewer than min remain at risk
	 * (recorded as 'steps'); n, events and censored are hidden when small; and a median or median
	 * CI limit that lies beyond the last step shown is hidden too (it describes the part of the
	 * curve drawn from fewer than min subjects).
	 */
	survival(curve: SurvivalCurve): VisibleSurvivalCurve {
		const steps = truncateSurvivalSteps(curve.steps, this.min);
		if (steps.length < curve.steps.length) this.hide('steps');
		const lastShown = steps.length > 0 ? steps[steps.length - 1].time : -Infinity;
		const withinShown = (name: string, time: number | null): number | null => {
			if (time === null || time <= lastShown) return time;
			this.hide(name);
			return null;
		};
		return {
			n: this.count('n', curve.n),
			events: this.count('events', curve.events),
			censored: this.count('censored', curve.censored),
			steps,
			median: withinShown('median', curve.median),
			median_ci_low: withinShown('median_ci_low', curve.median_ci_low),
			median_ci_high: withinShown('median_ci_high', curve.median_ci_high)
		};
	}
}
