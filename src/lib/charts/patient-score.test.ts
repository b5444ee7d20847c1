import { describe, expect, test } from 'vitest';
import { getInstrument } from '$lib/instruments';
import { BAND_COLOURS } from './palette';
import {
	baselineLegendDatasets,
	courseBaseline,
	expectedDatasets,
	infusionCategories,
	scoreDatasets,
	scorePoints
} from './patient-score';
import {
	bandAnnotations,
	bandLabelTicks,
	courseSpans,
	patientScoreAnnotations,
	remissionAnnotation
} from './patient-score-annotations';
import type { InfusionMark, ScoreAssessment } from './types';

const phq9 = getInstrument('phq9');
const madrs = getInstrument('madrs');

const induction = (course: number, ordinal: number, date: string): InfusionMark => ({
	course,
	phase: 'induction',
	ordinal,
	date
});
const booster = (course: number, ordinal: number, date: string): InfusionMark => ({
	course,
	phase: 'booster',
	ordinal,
	date
});

const infusions: InfusionMark[] = [
	induction(1, 1, '2025-01-06'),
	induction(1, 2, '2025-01-08'),
	induction(1, 3, '2025-01-10'),
	booster(1, 1, '2025-02-10'),
	induction(2, 1, '2025-06-02'),
	induction(2, 2, '2025-06-04')
];

const assessments: ScoreAssessment[] = [
	{ date: '2025-01-05', score: 20, course: 1, infusion: { phase: 'induction', ordinal: 1 } },
	{ date: '2025-01-10', score: 14, course: 1, infusion: { phase: 'induction', ordinal: 3 } },
	{ date: '2025-01-25', score: 6, course: 1, infusion: null },
	{ date: '2025-02-09', score: 4, course: 1, infusion: { phase: 'booster', ordinal: 1 } },
	{ date: '2025-06-01', score: 17, course: 2, infusion: { phase: 'induction', ordinal: 1 } }
];

describe('infusion axis', () => {
	test('categories per course, prefixed when there are several courses', () => {
		expect(infusionCategories(infusions)).toEqual([
			'C1 I1',
			'C1 I2',
			'C1 I3',
			'C1 B1',
			'C2 I1',
			'C2 I2'
		]);
		expect(infusionCategories(infusions.slice(0, 4))).toEqual(['I1', 'I2', 'I3', 'B1']);
	});

	test('assessments between infusions are left out of the infusion axis only', () => {
		expect(scorePoints(phq9, assessments, 1, 'infusion', true).map((p) => p.x)).toEqual([
			'C1 I1',
			'C1 I3',
			'C1 B1'
		]);
		expect(scorePoints(phq9, assessments, 1, 'date', true).map((p) => p.x)).toEqual([
			'2025-01-05',
			'2025-01-10',
			'2025-01-25',
			'2025-02-09'
		]);
	});

	test('tooltip facts: band, date and attached infusion', () => {
		const [first, , between, last] = scorePoints(phq9, assessments, 1, 'date', false);
		expect(first).toEqual({
			x: '2025-01-05',
			y: 20,
			date: '2025-01-05',
			band: 'Severe',
			infusion: 'Before induction infusion 1 (I1)'
		});
		expect(between.band).toBe('Mild');
		expect(between.infusion).toBe('Between infusions');
		expect(last.band).toBe('Minimal');
		expect(last.infusion).toBe('Before booster infusion 1 (B1)');
	});
});

describe('scoreDatasets', () => {
	test('one series per course, so no line joins a relapse to the course before', () => {
		const datasets = scoreDatasets(phq9, assessments, infusions, 'date');
		expect(datasets.map((d) => d.label)).toEqual(['PHQ-9, course 1', 'PHQ-9, course 2']);
		expect(datasets[0].data).toHaveLength(4);
		expect(datasets[1].data).toHaveLength(1);
	});

	test('points are filled with their band colour (20 severe, 14 moderate, 6 mild, 4 minimal)', () => {
		const [course1] = scoreDatasets(phq9, assessments, infusions, 'date');
		expect(course1.pointBackgroundColor).toEqual([
			BAND_COLOURS.severe.strong,
			BAND_COLOURS.moderate.strong,
			BAND_COLOURS.mild.strong,
			BAND_COLOURS.minimal.strong
		]);
	});
});

describe('baselines and expected band', () => {
	test('baseline is the pre-infusion score of induction 1 of the course', () => {
		expect(courseBaseline(assessments, 1)).toBe(20);
		expect(courseBaseline(assessments, 2)).toBe(17);
		expect(courseBaseline(assessments, 3)).toBeNull();
	});

	test('expected band sits at the latest course induction infusions, in score units', () => {
		const expected = [
			{ ordinal: 1, p25: 0, p75: 0 },
			{ ordinal: 2, p25: -20, p75: -10 },
			// course 2 has no third infusion yet: not drawn
			{ ordinal: 3, p25: -40, p75: -20 }
		];
		const [low, high] = expectedDatasets(phq9, expected, assessments, infusions, 'date');
		// baseline 17: -20% -> 13.6, -10% -> 15.3
		expect(low.data.map((p) => p.x)).toEqual(['2025-06-02', '2025-06-04']);
		expect(low.data[0].y).toBe(17);
		expect(low.data[1].y).toBeCloseTo(13.6, 10);
		expect(high.data[1].y).toBeCloseTo(15.3, 10);
		expect(high.fill).toBe('-1');
		const onInfusionAxis = expectedDatasets(phq9, expected, assessments, infusions, 'infusion');
		expect(onInfusionAxis[0].data.map((p) => p.x)).toEqual(['C2 I1', 'C2 I2']);
	});

	test('expected band is not drawn when the course has only one induction infusion', () => {
		const firstOnly = infusions.filter((i) => i.course === 1 || i.ordinal === 1);
		const expected = [
			{ ordinal: 1, p25: 0, p75: 0 },
			{ ordinal: 2, p25: -20, p75: -10 }
		];
		expect(expectedDatasets(phq9, expected, assessments, firstOnly, 'date')).toEqual([]);
	});
});

describe('annotations', () => {
	test.each([
		['band-0', 0, 4.5],
		['band-5', 4.5, 9.5],
		['band-20', 19.5, 27]
	])('PHQ-9 %s spans %s to %s', (key, yMin, yMax) => {
		const box = bandAnnotations(phq9)[key];
		expect(box).toMatchObject({ type: 'box', yMin, yMax });
	});

	test.each([
		[phq9, 5, 'Remission < 5'],
		[madrs, 10, 'Remission ≤ 10']
	])('remission line of %s.name at %s', (instrument, value, text) => {
		const line = remissionAnnotation(instrument).remission;
		expect(line).toMatchObject({ yMin: value, yMax: value, label: { content: text } });
	});

	test('induction spans by date and by category index', () => {
		expect(courseSpans(infusions, 'date')[0]).toMatchObject({
			inductionStart: '2025-01-06',
			inductionEnd: '2025-01-10',
			end: '2025-02-10'
		});
		expect(courseSpans(infusions, 'infusion')[1]).toMatchObject({
			inductionStart: 4,
			inductionEnd: 5
		});
	});

	test('infusion lines only on the date axis, boosters dashed', () => {
		const byDate = patientScoreAnnotations(phq9, assessments, infusions, 'date');
		const byInfusion = patientScoreAnnotations(phq9, assessments, infusions, 'infusion');
		expect(byDate['infusion-1-booster-1']).toMatchObject({ borderDash: [6, 3] });
		expect(byDate['infusion-1-induction-1']).toMatchObject({ borderDash: [] });
		expect(byInfusion['infusion-1-booster-1']).toBeUndefined();
		// From the baseline assessment (5 Jan, before infusion 1) to booster 1 (10 Feb).
		expect(byDate['baseline-1']).toMatchObject({
			yMin: 20,
			xMin: '2025-01-05',
			xMax: '2025-02-10'
		});
		// On the infusion axis: half a category either side of I1 (0) and B1 (3).
		expect(byInfusion['baseline-1']).toMatchObject({ xMin: -0.45, xMax: 3.45 });
	});

	test('baselines are named in the legend, not on the line over the score points', () => {
		const byDate = patientScoreAnnotations(phq9, assessments, infusions, 'date');
		expect(byDate['baseline-2']).toMatchObject({ yMin: 17, yMax: 17 });
		expect(byDate['baseline-1']).not.toHaveProperty('label');
		const legend = baselineLegendDatasets(assessments, infusions);
		expect(legend.map((d) => [d.label, d.data.length, d.role])).toEqual([
			['Baseline 20 (course 1)', 0, 'baseline'],
			['Baseline 17 (course 2)', 0, 'baseline']
		]);
		const oneCourse = infusions.filter((i) => i.course === 1);
		expect(baselineLegendDatasets(assessments, oneCourse).map((d) => d.label)).toEqual([
			'Baseline 20'
		]);
		// A course of one infusion: the line runs on to its later assessments (date axis).
		const single = patientScoreAnnotations(
			phq9,
			assessments.slice(0, 3),
			[induction(1, 1, '2025-01-06')],
			'date'
		);
		expect(single['baseline-1']).toMatchObject({ xMin: '2025-01-05', xMax: '2025-01-25' });
		// A course without a baseline score has no line and no legend entry.
		expect(baselineLegendDatasets(assessments.slice(1), oneCourse)).toEqual([]);
	});
});

test.each([
	// PHQ-9 bands meet at half points: minimal 0-4.5, mild 4.5-9.5, ..., severe 19.5-27
	['Minimal', 2.25],
	['Mild', 7],
	['Moderately severe', 17],
	['Severe', 23.25]
])('band name %s sits at the middle of its box (%s)', (label, value) => {
	expect(bandLabelTicks(phq9).find((t) => t.label === label)?.value).toBe(value);
});
