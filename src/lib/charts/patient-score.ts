import type { ChartDataset } from 'chart.js';
import { bandOf, type Instrument } from '$lib/instruments';
import { bandColours, INK, withAlpha } from './palette';
import { expectedScoreBand } from './expected-band';
import type { ExpectedBandPoint, InfusionMark, Phase, ScoreAssessment } from './types';

// One patient's scores on one instrument, on either x axis: 'date' (time scale) or 'infusion'
// (categories I1..In, B1..Bm per course). Each course is its own series so that lines never join
// across a relapse; assessments not attached to an infusion (e.g. at home between visits) have
// no place on the infusion axis and are left out there (the component says how many).

export type ScoreAxis = 'date' | 'infusion';

export interface ScorePoint {
	x: string;
	y: number | null;
	date: string;
	band: string;
	infusion: string;
}

export type ScoreDataset = ChartDataset<'line', ScorePoint[]> & {
	role: 'scores' | 'expected-low' | 'expected-high' | 'baseline';
};

export function phaseLabel(phase: Phase, ordinal: number): string {
	return `${phase === 'induction' ? 'I' : 'B'}${ordinal}`;
}

export function courseNumbers(items: readonly { course: number }[]): number[] {
	return [...new Set(items.map((i) => i.course))].sort((a, b) => a - b);
}

/** Category label of an infusion; course-prefixed only when the patient has several courses. */
export function infusionCategory(course: number, phase: Phase, ordinal: number, multi: boolean) {
	return multi ? `C${course} ${phaseLabel(phase, ordinal)}` : phaseLabel(phase, ordinal);
}

/** Infusions in course and date order, as the categories of the infusion axis. */
export function infusionCategories(infusions: readonly InfusionMark[]): string[] {
	const multi = courseNumbers(infusions).length > 1;
	return [...infusions]
		.sort((a, b) => a.course - b.course || a.date.localeCompare(b.date))
		.map((i) => infusionCategory(i.course, i.phase, i.ordinal, multi));
}

/** Baseline of a course: the pre-infusion score of its induction infusion 1 (domain.md s.3). */
export function courseBaseline(assessments: readonly ScoreAssessment[], course: number) {
	const first = assessments.find(
		(a) => a.course === course && a.infusion?.phase === 'induction' && a.infusion.ordinal === 1
	);
	return first ? first.score : null;
}

function describeInfusion(a: ScoreAssessment): string {
	if (!a.infusion) return 'Between infusions';
	const { phase, ordinal } = a.infusion;
	return `Before ${phase} infusion ${ordinal} (${phaseLabel(phase, ordinal)})`;
}

export function scorePoints(
	instrument: Instrument,
	assessments: readonly ScoreAssessment[],
	course: number,
	axis: ScoreAxis,
	multiCourse: boolean
): ScorePoint[] {
	return assessments
		.filter((a) => a.course === course && (axis === 'date' || a.infusion !== null))
		.sort((a, b) => a.date.localeCompare(b.date))
		.map((a) => ({
			x:
				axis === 'date' || !a.infusion
					? a.date
					: infusionCategory(course, a.infusion.phase, a.infusion.ordinal, multiCourse),
			y: a.score,
			date: a.date,
			band: bandOf(instrument, a.score)?.label ?? 'Out of range',
			infusion: describeInfusion(a)
		}));
}

export function scoreDatasets(
	instrument: Instrument,
	assessments: readonly ScoreAssessment[],
	infusions: readonly InfusionMark[],
	axis: ScoreAxis
): ScoreDataset[] {
	const courses = courseNumbers([...infusions, ...assessments]);
	const multi = courseNumbers(infusions).length > 1;
	return courses.map((course) => {
		const points = scorePoints(instrument, assessments, course, axis, multi);
		// Each point is filled with its severity band's colour; the tooltip names the band too.
		const colours = points.map((p) => {
			const band = p.y === null ? null : bandOf(instrument, p.y);
			return band ? bandColours(band.key).strong : INK.muted;
		});
		return {
			role: 'scores',
			label: courses.length > 1 ? `${instrument.name}, course ${course}` : instrument.name,
			data: points,
			borderColor: INK.text,
			borderWidth: 2,
			pointBackgroundColor: colours,
			pointBorderColor: '#ffffff',
			pointBorderWidth: 1.5,
			pointRadius: 5.5,
			pointHoverRadius: 7,
			pointStyle: course % 2 === 0 ? 'rect' : 'circle',
			spanGaps: false
		};
	});
}

/**
 * The clinic's expected range for the patient's latest course, at its induction infusions,
 * as a filled area between two edge datasets (high fills down to low).
 */
export function expectedDatasets(
	instrument: Instrument,
	expected: readonly ExpectedBandPoint[],
	assessments: readonly ScoreAssessment[],
	infusions: readonly InfusionMark[],
	axis: ScoreAxis
): ScoreDataset[] {
	const courses = courseNumbers(infusions);
	const course = courses.at(-1);
	if (course === undefined) return [];
	const band = expectedScoreBand(courseBaseline(assessments, course), expected, {
		min: instrument.totalMin,
		max: instrument.totalMax
	});
	const multi = courses.length > 1;
	const at = (ordinal: number) =>
		infusions.find((i) => i.course === course && i.phase === 'induction' && i.ordinal === ordinal);
	const placed = band.filter((p) => at(p.ordinal));
	// An area needs two infusions to span; with one there is nothing to shade.
	if (placed.length < 2) return [];
	const edge = (role: 'expected-low' | 'expected-high'): ScoreDataset => ({
		role,
		label: role === 'expected-high' ? 'Expected range (clinic 25th-75th percentile)' : '',
		data: placed.map((p) => {
			const infusion = at(p.ordinal)!;
			return {
				x:
					axis === 'date' ? infusion.date : infusionCategory(course, 'induction', p.ordinal, multi),
				y: role === 'expected-low' ? p.low : p.high,
				date: infusion.date,
				band: '',
				infusion: phaseLabel('induction', p.ordinal)
			};
		}),
		borderColor: withAlpha(INK.brand, 0.5),
		borderWidth: 1,
		borderDash: [4, 3],
		backgroundColor: withAlpha(INK.brand, 0.14),
		pointRadius: 0,
		pointHitRadius: 0,
		fill: role === 'expected-high' ? '-1' : false
	});
	return [edge('expected-low'), edge('expected-high')];
}

/**
 * Legend entries for the baseline lines (drawn as annotations): the value is named in the legend,
 * not on the line, because any spot on the line can hold a score point (the first one sits on it
 * by definition). Entries carry no data, so they add nothing to the plot or the tooltips.
 */
export function baselineLegendDatasets(
	assessments: readonly ScoreAssessment[],
	infusions: readonly InfusionMark[]
): ScoreDataset[] {
	const courses = courseNumbers(infusions);
	return courses.flatMap((course): ScoreDataset[] => {
		const baseline = courseBaseline(assessments, course);
		if (baseline === null) return [];
		return [
			{
				role: 'baseline',
				label:
					courses.length > 1 ? `Baseline ${baseline} (course ${course})` : `Baseline ${baseline}`,
				data: [],
				borderColor: INK.text,
				backgroundColor: INK.text,
				borderWidth: 1,
				borderDash: [8, 4],
				pointStyle: 'line'
			}
		];
	});
}
