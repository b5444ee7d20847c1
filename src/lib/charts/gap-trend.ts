import { leastSquaresSlope, type Line } from '$lib/metrics';
import type { GapPoint } from './types';

// The interval trend of shared/domain.md section 3: the least-squares slope of gap length
// against gap index, for courses with at least 3 gaps; positive means boosters spreading out.
// The fit itself is the metrics module's, so the chart draws exactly the slope the pages report.

export const MIN_GAPS_FOR_TREND = 3;

export type LeastSquaresLine = Line;

export function gapTrend(gaps: readonly GapPoint[]): LeastSquaresLine | null {
	if (gaps.length < MIN_GAPS_FOR_TREND) return null;
	return leastSquaresSlope(gaps.map((g) => ({ x: g.index, y: g.days })));
}

/** The trend in words for clinicians, rounded to whole days (gaps are whole days). */
export function describeTrend(trend: LeastSquaresLine | null, gapCount: number): string {
	if (trend === null) {
		return gapCount < MIN_GAPS_FOR_TREND
			? `No trend yet: it needs at least ${MIN_GAPS_FOR_TREND} booster gaps (${gapCount} so far).`
			: 'No trend: the gaps cannot be fitted.';
	}
	const days = Math.round(Math.abs(trend.slope));
	if (days === 0) return 'Booster gaps are steady (less than a day of change per booster).';
	const unit = days === 1 ? 'day' : 'days';
	return trend.slope > 0
		? `Boosters spreading out by about ${days} ${unit} each.`
		: `Boosters coming closer together by about ${days} ${unit} each.`;
}

/** The fitted line's two ends over the observed gap indices, for drawing. */
export function trendLinePoints(
	gaps: readonly GapPoint[],
	trend: LeastSquaresLine
): { x: number; y: number }[] {
	const xs = gaps.map((g) => g.index);
	const first = Math.min(...xs);
	const last = Math.max(...xs);
	return [first, last].map((x) => ({ x, y: trend.intercept + trend.slope * x }));
}
