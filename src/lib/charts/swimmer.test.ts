import { expect, test } from 'vitest';
import { laneLinePoints, phasePoints, swimmerDatasets, swimmerHeight } from './swimmer';
import type { SwimmerLane } from './types';

const lanes: SwimmerLane[] = [
	{
		key: 'p1',
		label: 'P-001',
		events: [
			{ day: -14, date: '2025-01-01', phase: 'induction', ordinal: 1 },
			{ day: 0, date: '2025-01-15', phase: 'induction', ordinal: 6 },
			{ day: 28, date: '2025-02-12', phase: 'booster', ordinal: 1 }
		],
		followUpDay: 60
	},
	{
		key: 'p2',
		label: 'P-002',
		events: [{ day: 0, date: '2025-03-01', phase: 'induction', ordinal: 6 }],
		followUpDay: null
	}
];

test('lane lines run from the first mark to the follow-up end, broken between lanes', () => {
	expect(laneLinePoints(lanes)).toEqual([
		{ x: -14, y: 0 },
		{ x: 60, y: 0 },
		{ x: 60, y: null },
		{ x: 0, y: 1 },
		{ x: 0, y: 1 },
		{ x: 0, y: null }
	]);
});

test('marks sit on their lane, in the parent order', () => {
	expect(phasePoints(lanes, 'booster')).toEqual([
		{ x: 28, y: 0, lane: 'P-001', phase: 'booster', ordinal: 1, date: '2025-02-12' }
	]);
	expect(phasePoints(lanes, 'induction').map((p) => [p.x, p.y])).toEqual([
		[-14, 0],
		[0, 0],
		[0, 1]
	]);
});

test('induction and booster marks differ in colour and in shape', () => {
	const [inductionMarks, boosterMarks] = swimmerDatasets(lanes) as {
		pointStyle?: string;
		backgroundColor?: string;
	}[];
	expect(inductionMarks.pointStyle).not.toBe(boosterMarks.pointStyle);
	expect(inductionMarks.backgroundColor).not.toBe(boosterMarks.backgroundColor);
});

test.each([
	[0, 180],
	[10, 330],
	[40, 1050]
])('%s lanes get %s px', (count, px) => {
	expect(swimmerHeight(count)).toBe(px);
});
