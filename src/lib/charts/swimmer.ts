import { PHASE_COLOURS, INK } from './palette';
import type { Phase, SwimmerLane } from './types';

// A swimmer plot: one lane per patient, aligned at the end of induction (day 0), so booster
// spacing can be compared across patients. Lanes are numbered from the top in the order the
// parent gives (it owns sorting); y is the lane index on a linear axis so that a lane's line can
// be broken with nulls between lanes in one dataset.

export interface SwimmerPoint {
	x: number;
	y: number | null;
	lane?: string;
	phase?: Phase;
	ordinal?: number;
	date?: string;
}

export const PHASE_MARKS: Record<Phase, { colour: string; shape: 'circle' | 'triangle' }> = {
	induction: { colour: PHASE_COLOURS.induction, shape: 'circle' },
	booster: { colour: PHASE_COLOURS.booster, shape: 'triangle' }
};

/** Lane lines from each lane's first mark to its follow-up end, separated by null gaps. */
export function laneLinePoints(lanes: readonly SwimmerLane[]): SwimmerPoint[] {
	return lanes.flatMap((lane, index) => {
		const days = lane.events.map((e) => e.day);
		if (lane.followUpDay !== null) days.push(lane.followUpDay);
		if (days.length === 0) return [];
		const start = Math.min(...days);
		const end = Math.max(...days);
		return [
			{ x: start, y: index },
			{ x: end, y: index },
			{ x: end, y: null }
		];
	});
}

export function phasePoints(lanes: readonly SwimmerLane[], phase: Phase): SwimmerPoint[] {
	return lanes.flatMap((lane, index) =>
		lane.events
			.filter((e) => e.phase === phase)
			.map((e) => ({
				x: e.day,
				y: index,
				lane: lane.label,
				phase,
				ordinal: e.ordinal,
				date: e.date
			}))
	);
}

export function swimmerDatasets(lanes: readonly SwimmerLane[]) {
	const marks = (phase: Phase) => ({
		type: 'scatter' as const,
		label: phase === 'induction' ? 'Induction infusion (circle)' : 'Booster (triangle)',
		data: phasePoints(lanes, phase),
		pointStyle: PHASE_MARKS[phase].shape,
		pointRadius: phase === 'booster' ? 6 : 4.5,
		pointHoverRadius: 8,
		backgroundColor: PHASE_MARKS[phase].colour,
		borderColor: PHASE_MARKS[phase].colour
	});
	return [
		marks('induction'),
		marks('booster'),
		{
			type: 'line' as const,
			label: 'Follow-up',
			data: laneLinePoints(lanes),
			borderColor: INK.border,
			borderWidth: 2,
			pointRadius: 0,
			pointHitRadius: 0,
			spanGaps: false
		}
	];
}

/** Chart height that gives every lane room for a readable label. */
export function swimmerHeight(laneCount: number): number {
	return Math.max(180, laneCount * 24 + 90);
}
