import type { GapPoint, InfusionMark, ScoreAssessment } from '$lib/charts/types';
import { getInstrument, isInstrumentCode, type Instrument } from '$lib/instruments';
import type { InstrumentCourse, PatientDetail } from '$lib/server/queries/patient-detail';

// The patient JSON (issue 5) reshaped into the rows the chart components and tables take. No
// number is computed here: baselines, changes and classifications are the API's own, so the page
// and /api/v1/patients/{code} cannot disagree.

export interface InstrumentView {
	instrument: Instrument;
	assessments: ScoreAssessment[];
	/** Per course, the API's outcome fields, with the latest score of the course beside them. */
	courses: (InstrumentCourse & {
		course: number;
		latest: number | null;
		latestOn: string | null;
	})[];
	/** Item answers by visit (only assessments recorded with items). */
	itemVisits: { key: string; date: string; label: string; items: (number | null)[] }[];
}

export function infusionMarks(detail: PatientDetail): InfusionMark[] {
	return detail.courses.flatMap((c) =>
		c.infusions.map((i) => ({ date: i.date, phase: i.phase, ordinal: i.ordinal, course: c.index }))
	);
}

/** One view per instrument the patient has, in registry order. */
export function instrumentViews(detail: PatientDetail): InstrumentView[] {
	const codes = new Set(detail.courses.flatMap((c) => Object.keys(c.instruments)));
	return [...codes].filter(isInstrumentCode).map((code) => {
		const perCourse = detail.courses
			.filter((c) => c.instruments[code])
			.map((c) => ({ course: c.index, data: c.instruments[code] }));
		const assessments: ScoreAssessment[] = perCourse.flatMap(({ course, data }) =>
			data.assessments.map((a) => ({
				date: a.date,
				score: a.total,
				course,
				infusion:
					a.attached_phase && a.attached_ordinal !== null
						? { phase: a.attached_phase, ordinal: a.attached_ordinal }
						: null
			}))
		);
		const multi = detail.courses.length > 1;
		return {
			instrument: getInstrument(code),
			assessments,
			courses: perCourse.map(({ course, data }) => {
				const latest = data.assessments.at(-1) ?? null;
				return { ...data, course, latest: latest?.total ?? null, latestOn: latest?.date ?? null };
			}),
			itemVisits: perCourse.flatMap(({ course, data }) =>
				data.assessments
					.filter((a) => a.items !== null)
					.map((a) => ({
						key: `${course}-${a.date}`,
						date: a.date,
						label: `${multi ? `C${course} ` : ''}${a.attached_phase ? `${a.attached_phase === 'induction' ? 'I' : 'B'}${a.attached_ordinal}` : 'Home'}`,
						items: a.items as (number | null)[]
					}))
			)
		};
	});
}

/** Booster gaps of the latest course that has any, with each booster's date. */
export function latestGaps(
	detail: PatientDetail
): { course: number; gaps: GapPoint[]; trend: number | null } | null {
	const course = [...detail.courses].reverse().find((c) => c.gaps.length > 0);
	if (!course) return null;
	const boosterDate = (ordinal: number) =>
		course.infusions.find((i) => i.phase === 'booster' && i.ordinal === ordinal)?.date ?? '';
	return {
		course: course.index,
		gaps: course.gaps.map((g) => ({ index: g.index, days: g.days, date: boosterDate(g.index) })),
		trend: course.gap_trend
	};
}
