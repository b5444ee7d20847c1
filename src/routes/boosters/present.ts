import type { KmCurve, QuartileRow } from '$lib/charts/types';
import { formatNumber } from '$lib/format';
import type { BoosterActivityCohort } from '$lib/server/queries/booster-activity';
import type { BoosterGaps } from '$lib/server/queries/booster-gaps';
import type { BoosterSurvival } from '$lib/server/queries/booster-survival';
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

export function medianText(g: BoosterSurvival): string {
	if (g.median === null) {
		return g.suppressed.includes('median')
			? 'hidden (fewer than the minimum at risk)'
			: 'not reached';
	}
	const high = g.median_ci_high === null ? 'not reached' : formatNumber(g.median_ci_high, 0);
	const low = g.median_ci_low === null ? '–' : formatNumber(g.median_ci_low, 0);
	return `${formatNumber(g.median, 0)} days (95% CI ${low} to ${high})`;
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
		g.gaps
			.filter(
				(r) =>
					r.index <= MAX_BOX_GAPS &&
					r.n !== null &&
					r.median !== null &&
					r.q1 !== null &&
					r.q3 !== null
			)
			.map((r) => ({
				group: label(g.key),
				x: `Gap ${r.index}`,
				q1: r.q1 as number,
				median: r.median as number,
				q3: r.q3 as number,
				mean: r.mean,
				n: r.n as number
			}))
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
