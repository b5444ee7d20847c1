import { gapQuartileRows } from '$lib/charts/boxplot';
import type { KmCurve, QuartileRow, TrajectorySeries } from '$lib/charts/types';
import { formatNumber } from '$lib/format';
import type { BoosterActivityCohort } from '$lib/server/queries/booster-activity';
import type { BoosterGaps } from '$lib/server/queries/booster-gaps';
import type { BoosterSurvival, BoosterSurvivalResult } from '$lib/server/queries/booster-survival';
import type { Keyed } from '$lib/server/queries/result';

// Query results to chart inputs and CSV rows. Formatting only: counts, curves and suppression
// come from the queries that the API also answers with.

const label = (key: string) => (key === 'all' ? 'All courses' : key);

export function kmCurves(groups: Keyed<BoosterSurvival>[]): KmCurve[] {
	return groups
		.filter((g) => g.n !== null && g.steps.length > 0)
		.map((g) => ({
			key: g.key,
			label: label(g.key),
			n: g.n,
			steps: g.steps,
			truncated: g.suppressed.includes('steps')
		}));
}

type MedianFields = Pick<
	BoosterSurvival,
	'median' | 'median_ci_low' | 'median_ci_high' | 'suppressed'
>;

/** A median's 95% CI; a limit past the shown curve is hidden (small-cell rule), not "not reached". */
export function medianCiText(g: MedianFields): string {
	const limit = (value: number | null, field: string, missing: string) =>
		value !== null
			? formatNumber(value, 0)
			: g.suppressed.includes(field)
				? 'hidden (fewer than the minimum at risk)'
				: missing;
	return `95% CI ${limit(g.median_ci_low, 'median_ci_low', '–')} to ${limit(g.median_ci_high, 'median_ci_high', 'not reached')}`;
}

/** Why there is no median: hidden by the small-cell rule, or fewer than half had the event. */
export function medianMissing(g: MedianFields): 'hidden' | 'not reached' {
	return g.suppressed.includes('median') || g.suppressed.includes('group')
		? 'hidden'
		: 'not reached';
}

export function medianText(g: MedianFields): string {
	if (g.median === null) {
		return medianMissing(g) === 'hidden'
			? 'hidden (fewer than the minimum at risk)'
			: 'not reached';
	}
	return `${formatNumber(g.median, 0)} days (${medianCiText(g)})`;
}

/** The log-rank test of the compared curves; null without a comparison. */
export function logrankText(result: BoosterSurvivalResult): string | null {
	if (!result.logrank) return null;
	const { chi2, df, p } = result.logrank;
	return `Log-rank χ² = ${chi2.toFixed(2)} on ${df} df, p = ${p < 0.001 ? '< 0.001' : p.toFixed(3)}`;
}

export function survivalCsvRows(groups: Keyed<BoosterSurvival>[]) {
	return groups.flatMap((g) =>
		g.steps.map((s) => ({
			group: g.key,
			...s,
			median: g.median,
			median_ci_low: g.median_ci_low,
			median_ci_high: g.median_ci_high
		}))
	);
}

/** Boosters 1-12 in the box plot: later ones are few and make the chart unreadable on paper. */
export const MAX_BOX_GAPS = 12;

export function gapBoxRows(groups: Keyed<BoosterGaps>[]): QuartileRow[] {
	return groups.flatMap((g) =>
		gapQuartileRows(
			label(g.key),
			g.gaps.filter((r) => r.index <= MAX_BOX_GAPS)
		)
	);
}

export function gapCsvRows(groups: Keyed<BoosterGaps>[]) {
	return groups.flatMap((g) => g.gaps.map((r) => ({ group: g.key, ...r })));
}

export function activityCsvRows(groups: Keyed<BoosterActivityCohort>[]) {
	return groups.flatMap((g) =>
		g.periods.map((p) => ({
			group: g.key,
			period: p.period,
			day_from: p.day_from,
			day_to: p.day_to,
			courses: p.courses,
			boosters: p.boosters,
			boosters_per_course: p.boosters_per_course.mean,
			boosters_per_course_ci_low: p.boosters_per_course.ci_low,
			boosters_per_course_ci_high: p.boosters_per_course.ci_high,
			with_booster_count: p.with_booster.count,
			with_booster_rate: p.with_booster.rate,
			with_booster_ci_low: p.with_booster.ci_low,
			with_booster_ci_high: p.with_booster.ci_high,
			boosters_per_active_course: p.boosters_per_active_course,
			ended_count: p.ended.count,
			ended_rate: p.ended.rate
		}))
	);
}

/** The share of courses with a booster in each period, in percent, as a line with its CI. */
export function activitySeries(groups: Keyed<BoosterActivityCohort>[]): TrajectorySeries[] {
	const percent = (v: number | null) => (v === null ? null : v * 100);
	return groups.map((g) => ({
		key: g.key,
		label: label(g.key),
		points: g.periods.map((p) => ({
			x: `${p.day_from}–${p.day_to}`,
			mean: percent(p.with_booster.rate),
			ci_low: percent(p.with_booster.ci_low),
			ci_high: percent(p.with_booster.ci_high),
			n: p.courses
		}))
	}));
}
