import type { SurvivalObservation } from './kaplan-meier';

// Freireich et al. 1963, remission durations in weeks (domain.md section 4). '+' = censored.
const SIX_MP = '6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+';
const PLACEBO = '1 1 2 2 3 4 4 5 5 8 8 8 8 11 11 12 12 15 17 22 23';

function parse(weeks: string): SurvivalObservation[] {
	return weeks.split(' ').map((item) => ({
		time: Number(item.replace('+', '')),
		event: !item.endsWith('+')
	}));
}

export const sixMpArm = parse(SIX_MP);
export const placeboArm = parse(PLACEBO);
