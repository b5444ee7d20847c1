import { DEFINITION_TEXT } from '$lib/definitions';
import type { Instrument } from '$lib/instruments';

// The "how is this computed" notes of the patient page: the definitions of shared/domain.md
// section 3 as the metrics engine states them, and each instrument's rules from the registry.

export const OUTCOME_NOTES: { term: string; text: string }[] = [
	{ term: 'Course', text: DEFINITION_TEXT.course },
	{ term: 'Baseline', text: `${DEFINITION_TEXT.baseline} ${DEFINITION_TEXT.preInfusion}` },
	{ term: 'Post-induction', text: DEFINITION_TEXT.postInduction },
	{
		term: 'Change and % change',
		text: 'Change = post-induction − baseline; % change = 100 × change / baseline (undefined at baseline 0). Lower scores are better on every instrument, so a negative change is an improvement.'
	},
	{
		term: 'Response, remission, MCID',
		text: 'Classified once induction is complete and both a baseline and a post-induction score exist (observed cases), by the instrument’s rules below.'
	},
	{
		term: 'Reliable change',
		text: 'Jacobson & Truax (1991): RCI = (post − baseline) / (SD × √2 × √(1 − r)); reliable when |RCI| > 1.96.'
	},
	{ term: 'Latest', text: 'The most recent assessment of the course, whatever its window.' }
];

export function ruleText(instrument: Instrument): string {
	const parts: string[] = [];
	const r = instrument.response;
	parts.push(
		r.kind === 'relative'
			? `response ≥ ${Math.round(r.fraction * 100)}% reduction`
			: `response ≥ ${r.points}-point reduction`
	);
	const m = instrument.remission;
	if (m) parts.push(`remission ${m.kind === 'below' ? '<' : '≤'} ${m.value}`);
	if (instrument.mcid) parts.push(`MCID ${instrument.mcid.points} points`);
	return parts.join('; ');
}
