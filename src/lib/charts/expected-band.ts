import type { ExpectedBandPoint } from './types';

// The expected-response band: the clinic's 25th-75th percentile of % change from baseline at
// each induction infusion, turned into this patient's score units. % change is
// 100 * (score - baseline) / baseline (shared/domain.md section 3), so the score that matches a
// % change p is baseline * (1 + p / 100), clamped to the instrument's range. Undefined when the
// baseline is 0 (% change is undefined there), so no band is drawn.

export interface ScoreBandPoint {
	ordinal: number;
	low: number;
	high: number;
}

export function expectedScoreBand(
	baseline: number | null,
	band: readonly ExpectedBandPoint[],
	range: { min: number; max: number }
): ScoreBandPoint[] {
	if (baseline === null || baseline === 0) return [];
	const toScore = (pct: number) =>
		Math.min(range.max, Math.max(range.min, baseline * (1 + pct / 100)));
	return [...band]
		.sort((a, b) => a.ordinal - b.ordinal)
		.map((p) => ({ ordinal: p.ordinal, low: toScore(p.p25), high: toScore(p.p75) }));
}
