import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import type { Instrument } from '$lib/instruments';
import { bandColours, INK, PHASE_COLOURS, withAlpha } from './palette';
import {
	courseBaseline,
	courseNumbers,
	infusionCategories,
	infusionCategory,
	phaseLabel,
	type ScoreAxis
} from './patient-score';
import type { InfusionMark, ScoreAssessment } from './types';

// Background and reference marks of the patient score chart, as chartjs-plugin-annotation
// options: severity bands, induction periods, infusion marks, remission cut-off and baselines.

type Annotations = Record<string, AnnotationOptions>;

/** Band names sit on a right-hand axis at each band's middle, outside the plotted points. */
export function bandLabelTicks(
	instrument: Instrument
): { value: number; label: string; colour: string }[] {
	return instrument.bands.map((band) => ({
		value:
			(Math.max(band.min - 0.5, instrument.totalMin) +
				Math.min(band.max + 0.5, instrument.totalMax)) /
			2,
		label: band.label,
		colour: bandColours(band.key).strong
	}));
}

/**
 * Severity bands as horizontal boxes. Totals are integers, so a band 5-9 covers 4.5-9.5 on the
 * axis and neighbouring boxes meet without a gap; the outer edges stop at the scale's limits.
 */
export function bandAnnotations(instrument: Instrument): Annotations {
	const entries = instrument.bands.map((band): [string, AnnotationOptions] => {
		const colours = bandColours(band.key);
		return [
			`band-${band.min}`,
			{
				type: 'box',
				drawTime: 'beforeDatasetsDraw',
				yMin: band.min === instrument.totalMin ? band.min : band.min - 0.5,
				yMax: band.max === instrument.totalMax ? band.max : band.max + 0.5,
				backgroundColor: withAlpha(colours.fill, 0.6),
				borderWidth: 0
			}
		];
	});
	return Object.fromEntries(entries);
}

interface CourseSpan {
	course: number;
	/** Date (date axis) or category index (infusion axis) of the first and last infusion. */
	inductionStart: string | number;
	inductionEnd: string | number;
	start: string | number;
	end: string | number;
}

export function courseSpans(infusions: readonly InfusionMark[], axis: ScoreAxis): CourseSpan[] {
	const categories = infusionCategories(infusions);
	const multi = courseNumbers(infusions).length > 1;
	const position = (i: InfusionMark) =>
		axis === 'date'
			? i.date
			: categories.indexOf(infusionCategory(i.course, i.phase, i.ordinal, multi));
	return courseNumbers(infusions).map((course) => {
		const own = infusions
			.filter((i) => i.course === course)
			.sort((a, b) => a.date.localeCompare(b.date));
		const induction = own.filter((i) => i.phase === 'induction');
		const first = induction[0] ?? own[0];
		const last = induction.at(-1) ?? own[0];
		return {
			course,
			inductionStart: position(first),
			inductionEnd: position(last),
			start: position(own[0]),
			end: position(own.at(-1)!)
		};
	});
}

/** Half a category on each side, so a shaded induction covers its first and last infusion. */
const pad = (value: string | number, side: -1 | 1) =>
	typeof value === 'number' ? value + side * 0.45 : value;

export function inductionAnnotations(infusions: readonly InfusionMark[], axis: ScoreAxis) {
	const entries = courseSpans(infusions, axis).map((span): [string, AnnotationOptions] => [
		`induction-${span.course}`,
		{
			type: 'box',
			drawTime: 'beforeDatasetsDraw',
			xMin: pad(span.inductionStart, -1),
			xMax: pad(span.inductionEnd, 1),
			backgroundColor: withAlpha(PHASE_COLOURS.induction, 0.1),
			borderColor: withAlpha(PHASE_COLOURS.induction, 0.35),
			borderWidth: 1,
			label: {
				display: true,
				content: 'Induction',
				position: { x: 'center', y: 'start' },
				color: PHASE_COLOURS.induction,
				font: { size: 10, weight: 'bold' },
				padding: 2
			}
		}
	]);
	return Object.fromEntries(entries) as Annotations;
}

/** Date axis only (on the infusion axis every category is an infusion): boosters dashed. */
export function infusionLineAnnotations(infusions: readonly InfusionMark[]): Annotations {
	const entries = infusions.map((i): [string, AnnotationOptions] => [
		`infusion-${i.course}-${i.phase}-${i.ordinal}`,
		{
			type: 'line',
			drawTime: 'beforeDatasetsDraw',
			xMin: i.date,
			xMax: i.date,
			borderColor: withAlpha(PHASE_COLOURS[i.phase], i.phase === 'booster' ? 0.9 : 0.45),
			borderWidth: i.phase === 'booster' ? 2 : 1,
			borderDash: i.phase === 'booster' ? [6, 3] : [],
			label: {
				display: i.phase === 'booster',
				content: phaseLabel(i.phase, i.ordinal),
				position: 'end',
				backgroundColor: PHASE_COLOURS.booster,
				color: '#ffffff',
				font: { size: 10, weight: 'bold' },
				padding: 2
			}
		}
	]);
	return Object.fromEntries(entries);
}

export function remissionAnnotation(instrument: Instrument): Annotations {
	const rule = instrument.remission;
	if (!rule) return {};
	const text = rule.kind === 'below' ? `Remission < ${rule.value}` : `Remission ≤ ${rule.value}`;
	return {
		remission: {
			type: 'line',
			yMin: rule.value,
			yMax: rule.value,
			borderColor: '#1e6b3a',
			borderWidth: 1.5,
			borderDash: [2, 3],
			label: {
				display: true,
				content: text,
				position: 'end',
				backgroundColor: 'rgba(255,255,255,0.85)',
				color: '#1e6b3a',
				font: { size: 10, weight: 'bold' },
				padding: 2
			}
		}
	};
}

/**
 * Each course's baseline as a line over that course only: on the date axis from its first to its
 * last record, infusion or assessment, so a course of one infusion still shows a line. Unlabelled:
 * its value is in the legend (baselineLegendDatasets), as a label on the line would sit on some
 * score point.
 */
export function baselineAnnotations(
	assessments: readonly ScoreAssessment[],
	infusions: readonly InfusionMark[],
	axis: ScoreAxis
): Annotations {
	const entries = courseSpans(infusions, axis).flatMap((span): [string, AnnotationOptions][] => {
		const baseline = courseBaseline(assessments, span.course);
		if (baseline === null) return [];
		const dates = assessments.filter((a) => a.course === span.course).map((a) => a.date);
		const [start, end] =
			axis === 'date'
				? [[String(span.start), ...dates].sort()[0], [String(span.end), ...dates].sort().at(-1)!]
				: [pad(span.start, -1), pad(span.end, 1)];
		return [
			[
				`baseline-${span.course}`,
				{
					type: 'line',
					xMin: start,
					xMax: end,
					yMin: baseline,
					yMax: baseline,
					borderColor: INK.text,
					borderWidth: 1,
					borderDash: [8, 4]
				}
			]
		];
	});
	return Object.fromEntries(entries);
}

export function patientScoreAnnotations(
	instrument: Instrument,
	assessments: readonly ScoreAssessment[],
	infusions: readonly InfusionMark[],
	axis: ScoreAxis
): Annotations {
	return {
		...bandAnnotations(instrument),
		...inductionAnnotations(infusions, axis),
		...(axis === 'date' ? infusionLineAnnotations(infusions) : {}),
		...remissionAnnotation(instrument),
		...baselineAnnotations(assessments, infusions, axis)
	};
}
