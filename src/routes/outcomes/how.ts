import { DEFINITION_TEXT } from '$lib/definitions';
import type { Instrument } from '$lib/instruments';

// "How is this computed" notes, assembled from the definitions module and the instrument
// registry (the same sources the queries and the methods page read), never written by hand.

const OBSERVED =
	'Among courses with a complete induction and both a baseline and a post-induction score (observed cases, no imputation).';

export function responseRule(i: Instrument): string {
	return i.response.kind === 'relative'
		? `a reduction of at least ${Math.round(i.response.fraction * 100)}% from baseline`
		: `a reduction of at least ${i.response.points} points`;
}

export function remissionRule(i: Instrument): string | null {
	if (!i.remission) return null;
	return i.remission.kind === 'below'
		? `a post-induction total below ${i.remission.value}`
		: `a post-induction total of ${i.remission.value} or less`;
}

export function howTexts(i: Instrument) {
	const remission = remissionRule(i);
	return {
		started: `${DEFINITION_TEXT.course} Courses that started by the as-of date, within the filters. ${DEFINITION_TEXT.asOf}`,
		completion: `${DEFINITION_TEXT.inductionComplete} Share of the courses started; Wilson 95% CI.`,
		response: `${i.name} response is ${responseRule(i)}. ${OBSERVED} ${DEFINITION_TEXT.baseline} ${DEFINITION_TEXT.postInduction} Wilson 95% CI.`,
		remission: remission
			? `${i.name} remission is ${remission}. ${OBSERVED} Wilson 95% CI.`
			: `${i.name} has no remission threshold.`,
		change: `Post-induction score minus baseline (negative = improvement). ${OBSERVED} Mean with a t-distribution 95% CI.`,
		firstBooster: `${DEFINITION_TEXT.survival} Time from the last induction infusion to the first booster, courses with a complete induction; median from the Kaplan-Meier curve with its 95% CI (log scale).`,
		trajectory: `${DEFINITION_TEXT.preInfusion} Per infusion (I = induction, B = booster): mean with a t-distribution 95% CI band, n under each point; % change is the mean of 100 x (score - baseline) / baseline over courses with a baseline above 0. Points with fewer than the small-cell minimum are not drawn.`,
		table: `${OBSERVED} Mean (SD); change with a t-distribution 95% CI; rates as count of scored courses with a Wilson 95% CI. MCID: ${i.mcid ? `${i.mcid.points} points (${i.mcid.source})` : 'none published for this instrument'}. Reliable change: Jacobson-Truax RCI beyond 1.96${i.reliableChange ? ` (SD ${i.reliableChange.sd}, r ${i.reliableChange.r})` : ', not computed for this instrument'}.`
	};
}
