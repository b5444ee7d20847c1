import type { InstrumentCode } from './instruments';

// Published ketamine-infusion outcomes (shared/domain.md section 6), as data for the optional
// overlay on the outcomes page. None of them is defined exactly like this dashboard's metric
// (different infusion schedules, assessment windows, instruments and analysed samples), so every
// benchmark carries its own definition and a statement of how it differs; the page shows both
// beside the numbers and never draws a benchmark without them.

export interface Benchmark {
	id: string;
	/** Short name for legends, e.g. "ORKA-1". */
	label: string;
	citation: string;
	cohort: string;
	/** The study's treatment and assessment definition, as published. */
	definition: string;
	indication: 'depression' | 'ptsd';
	/** The instrument the rates were measured with, when the domain reference names it. */
	instrument: InstrumentCode | null;
	instrumentNote: string;
	/** Reported rates as fractions 0-1; null when the study reports none. */
	response: number | null;
	remission: number | null;
	/** Other published results, stated as reported. */
	otherResults: string[];
	/** Why the number is not directly comparable with ours. */
	differsFromOurs: string;
}

/** Our metric, in one sentence, for the "compare with" note beside the overlay. */
export const OUR_DEFINITION =
	'Ours: courses with at least the induction target (default 6) of induction infusions and both a baseline (up to 30 days before infusion 1) and a post-induction score (latest in the 31 days after the last induction infusion, not after the first booster); observed cases.';

export const BENCHMARKS: readonly Benchmark[] = [
	{
		id: 'orka1',
		label: 'ORKA-1',
		citation: 'McInnes LA et al. 2022 (Osmind real-world data)',
		cohort: '537 patients analysed, 178 practices',
		definition: '4-8 infusions in 7-28 days; PHQ-9 measured 14-31 days after induction.',
		indication: 'depression',
		instrument: 'phq9',
		instrumentNote: 'PHQ-9',
		response: 0.536,
		remission: 0.289,
		otherResults: [
			'Responders sustained response in about 80% at 4 weeks and 60% at 8 weeks (Kaplan-Meier).'
		],
		differsFromOurs:
			'Accepts 4-8 infusions (ours requires the induction target) and reads PHQ-9 14-31 days after induction (ours: the latest score in days 1-31, not after the first booster).'
	},
	{
		id: 'oliver2022',
		label: 'Oliver 2022',
		citation: 'Oliver et al. 2022, multisite',
		cohort: '424 patients with treatment-resistant depression',
		definition: '6 infusions in 21 days; outcomes after 6 weeks.',
		indication: 'depression',
		instrument: null,
		instrumentNote: 'instrument as reported by the study',
		response: 0.5,
		remission: 0.2,
		otherResults: ['After 10 infusions: 72% response, 38% remission.'],
		differsFromOurs:
			'Measured at 6 weeks after starting, not in a fixed window after the last induction infusion; the sample is treatment-resistant depression only.'
	},
	{
		id: 'orka2',
		label: 'ORKA-2',
		citation: 'Hietamies TM et al. 2023',
		cohort: '714 patients in induction, 836 in maintenance',
		definition: 'About 6 infusions of induction.',
		indication: 'depression',
		instrument: null,
		instrumentNote: 'instrument as reported by the study',
		response: 0.5,
		remission: 0.25,
		otherResults: [
			'About 20% respond only at infusions 10-12.',
			'Almost half do not complete 6 infusions.'
		],
		differsFromOurs:
			'Rates are approximate ("about"), and the induction length is not fixed; ours counts only courses that completed the induction target.'
	},
	{
		id: 'murrough2013',
		label: 'Murrough 2013',
		citation: 'Murrough JW et al. 2013',
		cohort: '24 patients with treatment-resistant depression (trial)',
		definition: '6 infusions over 12 days.',
		indication: 'depression',
		instrument: null,
		instrumentNote: 'instrument as reported by the study',
		response: 0.708,
		remission: null,
		otherResults: ['Median 18 days to relapse.'],
		differsFromOurs:
			'A small controlled trial with a compressed schedule (12 days), not routine clinic care; no remission rate is reported here.'
	},
	{
		id: 'feder2021',
		label: 'Feder 2021',
		citation: 'Feder A et al. 2021 (PTSD)',
		cohort: '30 patients with PTSD (trial)',
		definition: '6 infusions over 2 weeks; response is a drop of 30% or more on CAPS-5.',
		indication: 'ptsd',
		instrument: null,
		instrumentNote: 'CAPS-5 (clinician-administered), not PCL-5',
		response: 0.67,
		remission: null,
		otherResults: ['Median 27.5 days of maintained response.'],
		differsFromOurs:
			'Uses CAPS-5 with a 30% threshold; ours uses PCL-5 with a 10-point reduction, so the rates measure different things.'
	}
];

/**
 * Benchmarks worth drawing beside an instrument's rates: depression studies for depression
 * instruments, the PTSD study for PCL-5. Pain and anxiety have no published benchmark here.
 */
export function benchmarksFor(instrument: InstrumentCode | null): Benchmark[] {
	if (!instrument) return [];
	const indication =
		instrument === 'pcl5'
			? 'ptsd'
			: ['phq9', 'madrs', 'qids_sr16'].includes(instrument)
				? 'depression'
				: null;
	return indication ? BENCHMARKS.filter((b) => b.indication === indication) : [];
}
