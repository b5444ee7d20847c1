import type { GapPoint } from './types';

// The interval trend of shared/domain.md section 3: the least-squares slope of gap length
// against gap index, for courses with at least 3 gaps; positive means boosters spreading out.

export const MIN_GAPS_FOR_TREND = 3;

export interface LeastSquaresLine {
	slope: number;
	intercept: number;
}

export function leastSquares(points: readonly { x: number; y: number }[]): LeastSquaresLine | null {
	const n = points.length;
	if (n < 2) return null;
	const meanX = points.reduce((s, p) => s + p.x, 0) / n;
	const meanY = points.reduce((s, p) => s + p.y, 0) / n;
	let sxy = 0;
	let sxx = 0;
	for (const p of points) {
		sxy += (p.x - meanX) * (p.y - meanY);
		sxx += (p.x - meanX) ** 2;
	}
	if (sxx === 0) return null;
	const slope = sxy / sxx;
	return { slope, intercept: meanY - slope * meanX };
}

export function gapTrend(gaps: readonly GapPoint[]): LeastSquaresLine | null {
	if (gaps.length < MIN_GAPS_FOR_TREND) return null;
	return leastSquares(gaps.map((g) => ({ x: g.index, y: g.days })));
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
