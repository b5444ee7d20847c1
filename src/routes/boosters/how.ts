import { DEFINITION_TEXT } from '$lib/definitions';

// Notes for the booster panels, from the definitions module (see also /methods).
export const HOW = {
	firstGap: `${DEFINITION_TEXT.survival} Gap 1 runs from the last induction infusion L to the first booster, for courses with a complete induction. Kaplan-Meier with Greenwood 95% CI (log scale); + marks censoring; the curve stops where fewer than the small-cell minimum remain at risk. Groups are compared with the log-rank test.`,
	laterGap: `${DEFINITION_TEXT.boosterGap} For gap j, courses that reached booster j - 1, from that booster to booster j; censored as for gap 1. Each gap number is its own curve, so one patient's gaps are never pooled.`,
	gaps: `${DEFINITION_TEXT.boosterGap} Observed gaps only (boosters dated by the as-of date): median, quartiles (type 7) and mean (x) per booster number. Boxes rising from left to right mean boosters are spreading out. Minimum and maximum are not drawn (they are single patients' values).`,
	activity: `Period k covers days (L + 90(k - 1), L + 90k] after the last induction infusion L; a course takes part once the whole period has passed by the as-of date. Boosters per course: mean over all courses taking part, zeros included, t-distribution CI. Still in booster phase: share with at least one booster in the period (Wilson CI); discharged and re-inducted courses stay in the denominator.`
};
