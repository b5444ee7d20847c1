export interface Point {
	x: number;
	y: number;
}

export interface Line {
	slope: number;
	intercept: number;
}

/**
 * Ordinary least-squares line y = intercept + slope * x. Null for fewer than 2 points or when
 * the x values do not vary (the slope is undefined).
 */
export function leastSquaresSlope(points: readonly Point[]): Line | null {
	const n = points.length;
	if (n < 2) return null;
	let sumX = 0;
	let sumY = 0;
	for (const { x, y } of points) {
		sumX += x;
		sumY += y;
	}
	const meanX = sumX / n;
	const meanY = sumY / n;
	let sxx = 0;
	let sxy = 0;
	let scaleX = 0;
	for (const { x, y } of points) {
		sxx += (x - meanX) ** 2;
		sxy += (x - meanX) * (y - meanY);
		scaleX += x * x;
	}
	// Equal x values can leave a rounding residue in sxx rather than an exact 0.
	if (sxx <= 1e-12 * scaleX) return null;
	const slope = sxy / sxx;
	return { slope, intercept: meanY - slope * meanX };
}

/**
 * Booster interval trend of one course (domain.md section 3): the least-squares slope of gap
 * length (days) against gap index 1, 2, 3, ..., in days per booster; positive means boosters are
 * spreading out. Null for fewer than 3 gaps: two points always fit a line exactly, so a "trend"
 * from them would only restate the difference between two gaps.
 */
export function intervalTrend(gapsInDays: readonly number[]): number | null {
	if (gapsInDays.length < 3) return null;
	const line = leastSquaresSlope(gapsInDays.map((days, index) => ({ x: index + 1, y: days })));
	return line === null ? null : line.slope;
}
