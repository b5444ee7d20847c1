import type { PatientDetail } from '$lib/server/queries/patient-detail';

// One row per infusion and per assessment, in date order within each course; each assessment
// row carries its course's outcome fields for that instrument, so a spreadsheet needs no join.
// Values that cannot be computed are empty cells, never 0.

export interface PatientCsvRow {
	course: number;
	date: string;
	record: 'infusion' | 'assessment';
	phase: string | null;
	ordinal: number | null;
	instrument: string | null;
	total: number | null;
	band: string | null;
	items: string | null;
	baseline: number | null;
	post_induction: number | null;
	change: number | null;
	pct_change: number | null;
	response: boolean | null;
	remission: boolean | null;
	mcid: boolean | null;
	reliable_change: string | null;
}

const empty = {
	instrument: null,
	total: null,
	band: null,
	items: null,
	baseline: null,
	post_induction: null,
	change: null,
	pct_change: null,
	response: null,
	remission: null,
	mcid: null,
	reliable_change: null
};

export function patientCsvRows(detail: PatientDetail): PatientCsvRow[] {
	return detail.courses.flatMap((course) => {
		const infusions: PatientCsvRow[] = course.infusions.map((i) => ({
			...empty,
			course: course.index,
			date: i.date,
			record: 'infusion',
			phase: i.phase,
			ordinal: i.ordinal
		}));
		const assessments: PatientCsvRow[] = Object.entries(course.instruments).flatMap(
			([instrument, data]) =>
				data.assessments.map((a) => ({
					course: course.index,
					date: a.date,
					record: 'assessment' as const,
					phase: a.attached_phase,
					ordinal: a.attached_ordinal,
					instrument,
					total: a.total,
					band: a.band,
					items: a.items ? a.items.join(' ') : null,
					baseline: data.baseline,
					post_induction: data.post,
					change: data.change,
					pct_change: data.pct_change,
					response: data.response,
					remission: data.remission,
					mcid: data.mcid,
					reliable_change: data.reliable_change
				}))
		);
		// On an infusion's day the questionnaire comes first: it is that infusion's pre-infusion score.
		const rank = (row: PatientCsvRow) => (row.record === 'assessment' ? 0 : 1);
		return [...infusions, ...assessments].sort(
			(a, b) => a.date.localeCompare(b.date) || rank(a) - rank(b)
		);
	});
}
