import {
	BASELINE_WINDOW_DAYS,
	DAYS_PER_WEEK,
	DEFAULT_INDUCTION_TARGET,
	DEFINITION_TEXT,
	DEFINITIONS_VERSION,
	MIN_GAPS_FOR_TREND,
	POST_INDUCTION_WINDOW_DAYS,
	PRE_INFUSION_WINDOW_DAYS
} from '$lib/definitions';
import { Z_95 } from '$lib/metrics';

// The methods text, generated from the modules the code computes with (definitions, instrument
// registry, metrics constants), so that what the page says cannot drift from what is computed.
// Booster-activity constants are passed in by the server load (they live in a server module).

export interface MethodItem {
	term: string;
	text: string;
}

export interface ActivityConstants {
	periodDays: number;
	maxPeriods: number;
}

export { DEFINITIONS_VERSION };

/** Windows and thresholds, each with the constant's value as the code uses it. */
export function windowItems(): MethodItem[] {
	return [
		{
			term: 'Baseline window',
			text: `${BASELINE_WINDOW_DAYS} days before induction infusion 1, up to its date.`
		},
		{
			term: 'Pre-infusion window',
			text: `${PRE_INFUSION_WINDOW_DAYS} days before each later infusion, after the previous infusion.`
		},
		{
			term: 'Post-induction window',
			text: `${POST_INDUCTION_WINDOW_DAYS} days after the last induction infusion, not after the first booster.`
		},
		{
			term: 'Induction target',
			text: `${DEFAULT_INDUCTION_TARGET} induction infusions unless the clinic sets its own.`
		},
		{
			term: 'Weeks since start',
			text: `Whole weeks of ${DAYS_PER_WEEK} days since the course's first infusion (days 0-6 are week 0).`
		},
		{
			term: 'Interval trend',
			text: `Least-squares slope of gap length against gap number, for courses with at least ${MIN_GAPS_FOR_TREND} gaps; positive means boosters are spreading out.`
		}
	];
}

const TITLES: Record<string, string> = {
	course: 'Course',
	preInfusion: 'Pre-infusion score',
	baseline: 'Baseline',
	inductionComplete: 'Induction complete',
	postInduction: 'Post-induction score',
	boosterGap: 'Booster gap',
	survival: 'Time to booster',
	asOf: 'As-of date'
};

/** Every definition text of src/lib/definitions.ts, new ones included automatically. */
export function definitionItems(): MethodItem[] {
	return Object.entries(DEFINITION_TEXT).map(([key, text]) => ({
		term: TITLES[key] ?? key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()),
		// The texts repeat their own title before a colon; the term column already shows it.
		text: text.replace(/^[^:]{1,40}:\s*/, '')
	}));
}

export function outcomeItems(): MethodItem[] {
	return [
		{
			term: 'Change',
			text: 'Post-induction score minus baseline (negative = improvement on every instrument).'
		},
		{
			term: '% change',
			text: '100 × (post − baseline) / baseline; undefined when the baseline is 0.'
		},
		{
			term: 'Observed cases',
			text: 'Rates are among courses with a complete induction and both a baseline and a post-induction score; the numbers that started, completed and were scored are always shown beside them. No imputation; LOCF is not used.'
		},
		{
			term: 'Reliable change',
			text: 'Jacobson & Truax (1991): RCI = (post − pre) / (SD × √2 × √(1 − r)); reliable improvement when RCI < −1.96, reliable deterioration when RCI > 1.96. SD and r per instrument below.'
		}
	];
}

export function statisticsItems(): MethodItem[] {
	return [
		{
			term: 'Mean, 95% CI',
			text: 'mean ± t(0.975, n − 1) × SD / √n (Student t distribution); not shown for n < 2.'
		},
		{
			term: 'Rate, 95% CI',
			text: `Wilson score interval, z = ${Z_95} (Wilson 1927); stays inside 0-100% for small n.`
		},
		{
			term: 'Median and quartiles',
			text: 'Linear interpolation between order statistics (R type 7, PostgreSQL percentile_cont).'
		},
		{
			term: 'Kaplan-Meier',
			text: 'S(t) = Π (1 − dᵢ/nᵢ) over event times up to t; a course censored at a time is still at risk at that time. Greenwood variance; 95% CI on the log scale, S × exp(±1.96 × SE / S), capped at 1 (R survfit default).'
		},
		{
			term: 'Median time',
			text: 'The smallest t with S(t) ≤ 0.5, "not reached" otherwise; its CI from the CI band.'
		},
		{
			term: 'Comparing curves',
			text: 'Log-rank test (chi-square, groups − 1 degrees of freedom).'
		},
		{
			term: 'Gaps of one patient',
			text: 'Each gap number is its own curve; gaps of one patient are never pooled as if independent.'
		}
	];
}

export function activityItems({ periodDays, maxPeriods }: ActivityConstants): MethodItem[] {
	return [
		{
			term: 'Activity period',
			text: `Period k covers days (L + ${periodDays}(k − 1), L + ${periodDays}k] after the last induction infusion L; the first ${maxPeriods} periods are reported. A course takes part when its induction is complete and the whole period has passed by the as-of date.`
		},
		{
			term: `Boosters per patient per ${periodDays} days`,
			text: `Boosters of the course dated in the period, averaged over every course taking part (zeros included), with a t-interval. A patient who relapses and starts a new induction contributes one course per induction.`
		},
		{
			term: 'Still in the booster phase',
			text: `Share of courses taking part with at least one booster in the period (Wilson CI). Discharged and re-inducted courses stay in the denominator, so this is retention in maintenance; a patient whose boosters are more than ${periodDays} days apart counts as not in the phase in a period between two boosters.`
		},
		{
			term: 'Ended',
			text: 'Share discharged or re-inducted (a new course started) by the last day of the period.'
		}
	];
}

export function suppressionItems(smallCellMin: number): MethodItem[] {
	const top = smallCellMin - 1;
	return [
		{
			term: 'Small cells',
			text: `CMS cell-size rule, applied in every aggregate view and export for every role: no count from 1 to ${top} is shown or derivable; it shows as "<${smallCellMin}". Zero may be shown.`
		},
		{
			term: 'Groups',
			text: `A group with fewer than ${smallCellMin} patients shows no statistics.`
		},
		{
			term: 'Rates',
			text: `A rate is hidden when its numerator or its non-numerator (denominator − numerator) is from 1 to ${top}.`
		},
		{
			term: 'Curves',
			text: `A Kaplan-Meier curve stops where fewer than ${smallCellMin} remain at risk; a median beyond that point is hidden.`
		},
		{
			term: 'Setting',
			text: `The threshold is the server setting SMALL_CELL_MIN, currently ${smallCellMin} (default 11).`
		}
	];
}

export { instrumentRows, type InstrumentRow } from './instrument-description';
