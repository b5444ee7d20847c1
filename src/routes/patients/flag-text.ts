import { formatDate, formatNumber } from '$lib/format';
import { getInstrument, isInstrumentCode } from '$lib/instruments';
import type { FlagKind, PatientFlag } from '$lib/server/queries/patient-flags';

// Flag labels and reasons in words, written from the numbers the flag query returns (the query
// decides which flags are raised; this only explains them). Reasons appear as visible text and
// as the badge's title, so they reach screen readers and mouse users alike.

export const FLAG_LABELS: Record<FlagKind, string> = {
	safety: 'Safety item',
	deterioration: 'Reliable deterioration',
	off_track: 'Not on track',
	no_questionnaire: 'No questionnaire',
	gaps_shortening: 'Gaps shortening'
};

/** What each flag means, for the worklist's "how is this computed" note. */
export const FLAG_DEFINITIONS: Record<FlagKind, string> = {
	safety:
		'PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered 1 or more at the latest PHQ-9; escalated at 2 or more (Simon 2013). QIDS-SR16 item 12 and MADRS item 10 are flagged the same way at the thresholds in the instrument registry. Never averaged or suppressed.',
	deterioration:
		'Reliable deterioration (Jacobson & Truax 1991): the latest score is worse than the current course’s baseline, or than the pre-infusion score of the latest booster before it, by a reliable change index above 1.96. RCI = (latest − reference) / (SD × √2 × √(1 − r)), with the SD and reliability named on the Methods page.',
	off_track:
		'The course’s % change from baseline at induction infusion 3 or 4 is above (worse than) the clinic’s 75th percentile of % change at that infusion, among the clinic’s courses with the same instrument and indication. Computed only when the clinic has at least 20 such courses.',
	no_questionnaire:
		'No pre-infusion score of any instrument for the latest infusion: no questionnaire dated after the previous infusion and at most 7 days before it (30 days for a course’s first infusion).',
	gaps_shortening:
		'Booster gaps shortening: the least-squares slope of gap length (days) against booster number is below 0, over at least 3 gaps of the current course.'
};

const instrumentName = (code: string | null) =>
	code && isInstrumentCode(code) ? getInstrument(code).name : (code ?? '');

const signed = (value: number | null, digits = 1) =>
	value === null ? '–' : `${value > 0 ? '+' : ''}${formatNumber(value, digits)}`;

export function flagLabel(flag: PatientFlag): string {
	if (flag.kind === 'safety') {
		const item =
			flag.instrument && isInstrumentCode(flag.instrument)
				? getInstrument(flag.instrument).safetyItem?.item
				: null;
		const name = `${instrumentName(flag.instrument)} item ${item ?? ''}`.trim();
		return flag.level === 2 ? `${name}: escalate` : `${name}: review`;
	}
	return FLAG_LABELS[flag.kind];
}

export function flagReason(flag: PatientFlag): string {
	const name = instrumentName(flag.instrument);
	switch (flag.kind) {
		case 'safety': {
			const safety =
				flag.instrument && isInstrumentCode(flag.instrument)
					? getInstrument(flag.instrument).safetyItem
					: null;
			const threshold =
				flag.level === 2
					? `escalate at ${safety?.escalateAt ?? 2} or more`
					: `review at ${safety?.flagAt ?? 1} or more`;
			return `${name} item ${safety?.item ?? ''} answered ${flag.value} on ${formatDate(flag.on)}, the latest ${name} (${threshold}).`;
		}
		case 'deterioration': {
			const against =
				flag.basis === 'baseline'
					? `the course baseline of ${flag.reference} (${formatDate(flag.reference_on)})`
					: `${flag.reference} before booster ${flag.ordinal} (${formatDate(flag.reference_on)})`;
			return `${name} ${flag.value} on ${formatDate(flag.on)} against ${against}: reliable change index ${signed(flag.statistic, 2)}, above 1.96.`;
		}
		case 'off_track':
			return `${name} at induction infusion ${flag.ordinal}: ${signed(flag.value, 0)}% from baseline, worse than the clinic's 75th percentile of ${signed(flag.statistic, 0)}% (${flag.n} courses).`;
		case 'no_questionnaire':
			return `No questionnaire before the latest infusion on ${formatDate(flag.on)}.`;
		case 'gaps_shortening':
			return `Booster gaps shortening by about ${formatNumber(Math.abs(flag.statistic ?? 0), 1)} days per booster over ${flag.n} gaps; the latest gap was ${flag.value} days.`;
	}
}

/** Badge tone: an escalated safety item is the only red; other flags ask for a look. */
export function flagTone(flag: PatientFlag): 'danger' | 'warning' {
	return flag.kind === 'safety' ? 'danger' : 'warning';
}
