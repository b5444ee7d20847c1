import { formatCount, formatNumber, formatPercent } from '$lib/format';
import type { VisibleRate } from '$lib/metrics';
import type { BoosterSurvival } from '$lib/server/queries/booster-survival';
import type { InductionOutcomes } from '$lib/server/queries/induction';
import type { Keyed } from '$lib/server/queries/result';

// Turns the induction result into display text for tiles and the cohort table. Only formatting:
// every number was computed (and suppressed) by the query, the same one the API answers with.

export type Column = Keyed<InductionOutcomes>;

/** What the outcomes page shows of the first-booster curve: its median, CI and n. */
export type FirstBoosterMedian = Pick<
	BoosterSurvival,
	'n' | 'median' | 'median_ci_low' | 'median_ci_high' | 'suppressed'
>;

export const RATE_KEYS = [
	'response',
	'remission',
	'mcid',
	'reliable_improvement',
	'reliable_deterioration'
] as const;
export type RateKey = (typeof RATE_KEYS)[number];

/** Why a value is missing: hidden by the small-cell rule, or not defined for the instrument. */
export function missingReason(column: Column, field: string, smallCellMin: number): string {
	if (column.suppressed.includes('group')) return `hidden: fewer than ${smallCellMin} patients`;
	if (column.suppressed.includes(field)) return `hidden: a count below ${smallCellMin}`;
	return 'not defined for this instrument';
}

export function ciText(low: number | null, high: number | null, percent: boolean): string {
	if (low === null || high === null) return '';
	const f = (v: number) => (percent ? formatPercent(v) : formatNumber(v));
	return `95% CI ${f(low)} to ${f(high)}`;
}

export function rateText(rate: VisibleRate): string | null {
	return rate.rate === null ? null : formatPercent(rate.rate);
}

/** "81 of 263 (30.8%)": the count and rate of a scored denominator. */
export function rateCell(rate: VisibleRate, column: Column): string | null {
	if (rate.rate === null || rate.count === null) return null;
	const n = column.with_baseline_and_post;
	return `${rate.count}${n !== null ? ` of ${n}` : ''} (${formatPercent(rate.rate)})`;
}

export function meanSdCell(m: { mean: number | null; sd: number | null }): string | null {
	if (m.mean === null) return null;
	return `${formatNumber(m.mean)} (${m.sd === null ? '–' : formatNumber(m.sd)})`;
}

export function countCell(value: number | null, smallCellMin: number): string {
	return formatCount(value, smallCellMin);
}

/** Completion as a share of courses started, only when both counts are shown. */
export function completionRate(column: InductionOutcomes): number | null {
	const { courses_started: started, induction_completed: completed } = column;
	return started && completed !== null ? completed / started : null;
}

/** Flat CSV rows, one per column (group), unrounded. */
export function outcomeCsvRows(columns: Column[]) {
	return columns.map((c) => ({
		group: c.key,
		courses_started: c.courses_started,
		induction_completed: c.induction_completed,
		with_baseline_and_post: c.with_baseline_and_post,
		baseline_mean: c.baseline.mean,
		baseline_sd: c.baseline.sd,
		post_mean: c.post.mean,
		post_sd: c.post.sd,
		change_mean: c.change.mean,
		change_ci_low: c.change.ci_low,
		change_ci_high: c.change.ci_high,
		...Object.fromEntries(
			RATE_KEYS.flatMap((k) => [
				[`${k}_count`, c[k].count],
				[`${k}_rate`, c[k].rate],
				[`${k}_ci_low`, c[k].ci_low],
				[`${k}_ci_high`, c[k].ci_high]
			])
		),
		suppressed: c.suppressed.join('|')
	}));
}

/** A result's groups; without `by` the single cohort as one group keyed 'all'. */
export function groupsOf<T extends object>(result: T | { groups: Keyed<T>[] }): Keyed<T>[] {
	return 'groups' in result ? result.groups : [{ key: 'all', ...result }];
}
