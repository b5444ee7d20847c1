import { AGE_BANDS, GROUP_BY, INDICATIONS, type Filters, type GroupBy } from '$lib/filters';
import { INSTRUMENTS } from '$lib/instruments';

// What the filter bar offers. Values are the URL values that $lib/filters parses; labels are for
// people. Clinics and clinicians come from the database, so the page passes them in.

export interface FilterOption {
	value: string;
	label: string;
}

export interface FilterOptions {
	instruments: FilterOption[];
	clinics: FilterOption[];
	indications: FilterOption[];
	clinicians: FilterOption[];
	ageBands: FilterOption[];
	groupBy: FilterOption[];
}

export type FilterField = keyof Filters;

export const INDICATION_LABELS: Record<(typeof INDICATIONS)[number], string> = {
	depression: 'Depression',
	ptsd: 'PTSD',
	anxiety: 'Anxiety',
	chronic_pain: 'Chronic pain',
	other: 'Other'
};

export const GROUP_BY_LABELS: Record<GroupBy, string> = {
	clinic: 'Clinic',
	indication: 'Indication',
	age_band: 'Age band',
	clinician: 'Clinician',
	start_year: 'Year the course started'
};

export function standardFilterOptions(
	clinics: readonly string[],
	clinicians: readonly string[]
): FilterOptions {
	return {
		instruments: Object.values(INSTRUMENTS).map((i) => ({ value: i.code, label: i.name })),
		clinics: clinics.map((c) => ({ value: c, label: c })),
		indications: INDICATIONS.map((i) => ({ value: i, label: INDICATION_LABELS[i] })),
		clinicians: clinicians.map((c) => ({ value: c, label: c })),
		ageBands: AGE_BANDS.map((a) => ({ value: a, label: a })),
		groupBy: GROUP_BY.map((g) => ({ value: g, label: GROUP_BY_LABELS[g] }))
	};
}

/** "All", the one chosen label, or "3 selected": the summary of a multi-choice filter. */
export function choiceSummary(
	options: readonly FilterOption[],
	chosen: readonly string[],
	allText = 'All'
): string {
	if (chosen.length === 0) return allText;
	if (chosen.length === 1) return options.find((o) => o.value === chosen[0])?.label ?? chosen[0];
	return `${chosen.length} selected`;
}
