import type { Instrument } from './types';

// Per-course outcome classifications from shared/domain.md section 2. Each takes the baseline
// and the post-induction total and returns null when the rule cannot be applied.

/** Remission at a total: PHQ-9/GAD-7 < 5, PCL-5 <= 32, MADRS <= 10, QIDS-SR16 <= 5. */
export function isRemission(instrument: Instrument, total: number): boolean | null {
	const rule = instrument.remission;
	if (!rule) return null;
	return rule.kind === 'below' ? total < rule.value : total <= rule.value;
}

/**
 * Response: a relative reduction of at least the fraction (50%, or 30% for pain), or an absolute
 * one of at least the points (PCL-5: 10). Relative response is undefined at baseline 0.
 */
export function isResponse(instrument: Instrument, baseline: number, post: number): boolean | null {
	const rule = instrument.response;
	if (rule.kind === 'absolute') return baseline - post >= rule.points;
	if (baseline === 0) return null;
	// Compare in integers (post * 100 <= baseline * (100 - pct)) so that exactly 50% counts.
	const pct = Math.round(rule.fraction * 100);
	return post * 100 <= baseline * (100 - pct);
}

/** Improvement of at least the minimal clinically important difference. */
export function reachedMcid(
	instrument: Instrument,
	baseline: number,
	post: number
): boolean | null {
	return instrument.mcid ? baseline - post >= instrument.mcid.points : null;
}

/** Jacobson-Truax reliable change index: (post - pre) / (SD * sqrt(2) * sqrt(1 - r)). */
export function reliableChangeIndex(
	instrument: Instrument,
	baseline: number,
	post: number
): number | null {
	const inputs = instrument.reliableChange;
	if (!inputs) return null;
	const standardErrorOfDifference = inputs.sd * Math.sqrt(2) * Math.sqrt(1 - inputs.r);
	return (post - baseline) / standardErrorOfDifference;
}

export type ReliableChange = 'improved' | 'deteriorated' | 'no_reliable_change';

/** Reliable when |RCI| > 1.96; lower scores are better on every instrument. */
export function classifyReliableChange(
	instrument: Instrument,
	baseline: number,
	post: number
): ReliableChange | null {
	const rci = reliableChangeIndex(instrument, baseline, post);
	if (rci === null) return null;
	if (rci < -1.96) return 'improved';
	if (rci > 1.96) return 'deteriorated';
	return 'no_reliable_change';
}

/** % change from baseline; undefined (null) when the baseline is 0. */
export function percentChange(baseline: number, post: number): number | null {
	return baseline === 0 ? null : (100 * (post - baseline)) / baseline;
}
