import type { ChartDataset } from 'chart.js';
import { seriesColour, withAlpha } from './palette';
import type { KmCurve, KmStep } from './types';

// Kaplan-Meier curves as Chart.js step lines. A KM estimate is a right-continuous step function
// that starts at S(0) = 1, so every curve gets a t = 0 point at 1 and is drawn flat until the
// next time, then drops. In Chart.js that is stepped: 'before' (the segment to a point keeps the
// previous value until the point's x); 'after' would draw each drop one step early (checked in
// chart.js _steppedLineTo: 'after' draws lineTo(previous.x, target.y) first). Censor-only times keep S unchanged, which extends the
// curve to the last follow-up, as R's plot.survfit draws it.

export interface KmPoint {
	x: number;
	y: number | null;
}

export interface StepSeries {
	survival: KmPoint[];
	lower: KmPoint[];
	upper: KmPoint[];
	censored: KmPoint[];
}

export function kmStepSeries(steps: readonly KmStep[]): StepSeries {
	const sorted = [...steps].sort((a, b) => a.time - b.time);
	const start = { x: 0, y: 1 };
	const startsAtZero = sorted.length > 0 && sorted[0].time === 0;
	const head = startsAtZero ? [] : [start];
	return {
		survival: [...head, ...sorted.map((s) => ({ x: s.time, y: s.survival }))],
		lower: [...head, ...sorted.map((s) => ({ x: s.time, y: s.ci_low }))],
		upper: [...head, ...sorted.map((s) => ({ x: s.time, y: s.ci_high }))],
		// One mark per censor time at the curve's height after that time's events.
		censored: sorted.filter((s) => s.n_censor > 0).map((s) => ({ x: s.time, y: s.survival }))
	};
}

export interface AtRisk {
	time: number;
	nRisk: number;
}

/**
 * Number at risk at chosen times, defined as R's summary(survfit, times = ...) does it
 * (survival 3.x, findrow()): at time t it is the n.risk of the first fit time >= t, i.e. the
 * subjects still under observation just before t; after the last fit time it is 0. Times before
 * 0 are dropped, and so are times after the last fit time unless `extend` (survfit's default
 * extend = FALSE). Equivalently: n - (events + censorings at times < t).
 */
export function numberAtRisk(
	n: number | null,
	steps: readonly KmStep[],
	times: readonly number[],
	{ extend = false }: { extend?: boolean } = {}
): AtRisk[] {
	const sorted = [...steps].sort((a, b) => a.time - b.time);
	const lastTime = sorted.length > 0 ? sorted[sorted.length - 1].time : 0;
	return times
		.filter((t) => t >= 0 && (extend || t <= lastTime))
		.map((t) => {
			const next = sorted.find((s) => s.time >= t);
			// Before any step nobody has left yet: all n subjects are at risk.
			return { time: t, nRisk: next ? next.n_risk : sorted.length === 0 ? (n ?? 0) : 0 };
		});
}

/** Evenly spaced breaks from 0 through the first multiple of `every` at or past maxTime. */
export function timeBreaks(maxTime: number, every: number): number[] {
	if (!(every > 0)) throw new Error('break spacing must be positive');
	const breaks: number[] = [];
	for (let t = 0; t < maxTime + every; t += every) {
		breaks.push(t);
		if (t >= maxTime) break;
	}
	return breaks;
}

/** A display cell: counts of 1 to (min - 1) are hidden; after a truncated curve's end, too. */
export function atRiskCell(
	nRisk: number | null,
	smallCellMin: number
): { text: string; suppressed: boolean } {
	if (nRisk === null || (nRisk > 0 && nRisk < smallCellMin)) {
		return { text: `<${smallCellMin}`, suppressed: true };
	}
	return { text: nRisk.toLocaleString('en-US'), suppressed: false };
}

/** Number at risk per break for a curve, null where the server's truncation hides it. */
export function atRiskRow(curve: KmCurve, breaks: readonly number[]): (number | null)[] {
	const sorted = [...curve.steps].sort((a, b) => a.time - b.time);
	const lastTime = sorted.length > 0 ? sorted[sorted.length - 1].time : 0;
	const known = numberAtRisk(curve.n, sorted, breaks, { extend: true });
	return known.map(({ time, nRisk }) => (curve.truncated && time > lastTime ? null : nRisk));
}

export type KmDataset = ChartDataset<'line', KmPoint[]> & { role: 'survival' | 'ci' | 'censor' };

export function kmDatasets(curves: readonly KmCurve[], { showCi }: { showCi: boolean }) {
	return curves.flatMap((curve, index): KmDataset[] => {
		const colour = seriesColour(index);
		const series = kmStepSeries(curve.steps);
		const line: KmDataset = {
			role: 'survival',
			label: curve.label,
			data: series.survival,
			stepped: 'before',
			borderColor: colour,
			backgroundColor: colour,
			borderWidth: 2,
			pointRadius: 0,
			pointHitRadius: 6
		};
		const ci = (data: KmPoint[], fill: false | '-1'): KmDataset => ({
			role: 'ci',
			label: fill ? `${curve.label}: 95% CI` : '',
			data,
			stepped: 'before',
			borderWidth: 0,
			borderColor: 'transparent',
			backgroundColor: withAlpha(colour, 0.14),
			pointRadius: 0,
			pointHitRadius: 0,
			fill
		});
		const censor: KmDataset = {
			role: 'censor',
			label: `${curve.label}: censored`,
			data: series.censored,
			showLine: false,
			// '+' marks, as R and most papers draw censoring.
			pointStyle: 'cross',
			pointRadius: 5,
			pointBorderWidth: 1.5,
			borderColor: colour,
			backgroundColor: colour
		};
		return [line, ...(showCi ? [ci(series.lower, false), ci(series.upper, '-1')] : []), censor];
	});
}
