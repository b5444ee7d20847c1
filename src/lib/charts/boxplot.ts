import { seriesColour, withAlpha } from './palette';
import type { QuartileRow } from './types';

// Box plots from statistics computed in SQL (percentile_cont, R type 7): the boxplot
// controller's pre-computed form. Whiskers are set explicitly to min and max, because without
// the raw values the plug-in's Tukey whiskers (1.5 IQR) cannot be computed; when min/max are
// withheld the whiskers collapse onto the box rather than inventing a range.

export interface BoxDatum {
	min: number;
	q1: number;
	median: number;
	q3: number;
	max: number;
	whiskerMin: number;
	whiskerMax: number;
	mean?: number;
	items: number[];
	outliers: number[];
	n: number;
	/** False when min and max were not given, so the tooltip can say so. */
	hasRange: boolean;
}

export function boxDatum(row: QuartileRow): BoxDatum {
	const hasRange = typeof row.min === 'number' && typeof row.max === 'number';
	const min = hasRange ? (row.min as number) : row.q1;
	const max = hasRange ? (row.max as number) : row.q3;
	return {
		min,
		q1: row.q1,
		median: row.median,
		q3: row.q3,
		max,
		whiskerMin: min,
		whiskerMax: max,
		...(typeof row.mean === 'number' ? { mean: row.mean } : {}),
		items: [],
		outliers: [],
		n: row.n,
		hasRange
	};
}

export interface BoxDataset {
	label: string;
	data: (BoxDatum | null)[];
	backgroundColor: string;
	borderColor: string;
	borderWidth: number;
	medianColor: string;
	meanBackgroundColor: string;
	meanBorderColor: string;
	meanStyle: 'crossRot';
	meanRadius: number;
	maxBarThickness: number;
}

/** One dataset per group, aligned to the x categories in first-seen order; gaps are null. */
export function boxPlotData(rows: readonly QuartileRow[]): {
	labels: string[];
	datasets: BoxDataset[];
} {
	const labels: string[] = [];
	const groups: string[] = [];
	for (const row of rows) {
		if (!labels.includes(row.x)) labels.push(row.x);
		if (!groups.includes(row.group)) groups.push(row.group);
	}
	const datasets = groups.map((group, index): BoxDataset => {
		const colour = seriesColour(index);
		return {
			label: group,
			data: labels.map((x) => {
				const row = rows.find((r) => r.group === group && r.x === x);
				return row ? boxDatum(row) : null;
			}),
			backgroundColor: withAlpha(colour, 0.3),
			borderColor: colour,
			borderWidth: 1.5,
			medianColor: colour,
			meanBackgroundColor: colour,
			meanBorderColor: colour,
			// The mean is an x, so it is not read as an outlier dot.
			meanStyle: 'crossRot',
			meanRadius: 5,
			maxBarThickness: 48
		};
	});
	return { labels, datasets };
}

/**
 * The highest value a box plot draws: the top of a box, a given maximum, or a mean marker (a
 * skewed group's mean can lie above its third quartile). The plug-in sizes the value axis from
 * min and max only, and Chart.js clips at the plot area, so without this a box whose top is
 * the axis maximum loses its top edge and a mean above every box is cut off.
 */
export function highestDrawnValue(rows: readonly QuartileRow[]): number | undefined {
	const values = rows
		.flatMap((r) => [r.q3, r.max, r.mean])
		.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
	return values.length > 0 ? Math.max(...values) : undefined;
}

/** Gap rows of the booster-gaps query as box rows; rows with hidden quartiles are left out. */
export function gapQuartileRows(
	group: string,
	gaps: readonly {
		index: number;
		n: number | null;
		median: number | null;
		q1: number | null;
		q3: number | null;
		mean: number | null;
	}[]
): QuartileRow[] {
	return gaps.flatMap((g) =>
		g.n === null || g.median === null || g.q1 === null || g.q3 === null
			? []
			: [{ group, x: `Gap ${g.index}`, q1: g.q1, median: g.median, q3: g.q3, mean: g.mean, n: g.n }]
	);
}
