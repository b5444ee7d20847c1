import { sql, type Kysely } from 'kysely';
import {
	bandOf,
	classifyReliableChange,
	getInstrument,
	isInstrumentCode,
	isRemission,
	isResponse,
	percentChange,
	reachedMcid,
	type ReliableChange
} from '../../instruments';
import { intervalTrend } from '../../metrics';
import type { PatientScope } from '../auth/scope';
import type { DB, Phase } from '../db/schema';
import { postAsOfSql } from './course-state';
import type { Assessment, CourseRow, PatientDetail, SafetyFlag } from './patient-detail-types';
import { loadPatientRows } from './patient-rows';

export type * from './patient-detail-types';

// One patient's courses as the clinician sees them (issue 5's patient JSON): the same derived
// facts and as-of rule as the aggregates, so the patient view and the cohort numbers agree.
// Per-course classifications use the registry's rules in outcome-rules.ts.

/**
 * null for an unknown code; 'forbidden' for a patient of a clinic outside scope.clinicIds (the
 * route answers 403). Data dated after `asOf` is ignored; the default is the patient's own data.
 */
export async function getPatientDetail(
	db: Kysely<DB>,
	scope: PatientScope,
	code: string,
	asOf: string | null = null,
	whenAllowed?: (code: string) => Promise<void>
): Promise<PatientDetail | null | 'forbidden'> {
	const patient = await db
		.selectFrom('patients as p')
		.innerJoin('clinics as c', 'c.id', 'p.clinic_id')
		.select(['p.id', 'p.clinic_id', 'c.name as clinic', 'p.primary_indication', 'p.patient_code'])
		.where('p.patient_code', '=', code)
		.executeTakeFirst();
	if (!patient) return null;
	if (!scope.clinicIds.includes(patient.clinic_id)) return 'forbidden';
	const date = asOf ?? '9999-12-31';
	// `whenAllowed` (the audit write) runs beside the reads, once access is granted.
	const [rows, outcomes] = await Promise.all([
		loadPatientRows(db, patient.id, date),
		courseOutcomes(db, patient.id, date),
		whenAllowed?.(patient.patient_code)
	]);
	const courses = rows.courses.map((course): CourseRow => {
		const infusions = rows.infusions.filter((i) => i.course_index === course.course_index);
		const gaps = infusions
			.filter((i) => i.phase === 'booster' && i.previous_on !== null)
			.map((i) => ({ index: i.ordinal, days: daysBetween(i.previous_on as string, i.date) }));
		const instruments: CourseRow['instruments'] = {};
		for (const a of rows.assessments.filter((x) => x.course_index === course.course_index)) {
			instruments[a.instrument] ??= emptyInstrument();
			instruments[a.instrument].assessments.push(assessmentView(a));
		}
		for (const o of outcomes.filter((x) => x.course_index === course.course_index)) {
			instruments[o.instrument] ??= emptyInstrument();
			Object.assign(instruments[o.instrument], classify(o.instrument, o.baseline, o.post));
		}
		return {
			index: course.course_index,
			induction_complete: course.complete,
			infusions: infusions.map(({ date: on, phase, ordinal }) => ({ date: on, phase, ordinal })),
			instruments,
			gaps,
			gap_trend: intervalTrend(gaps.map((g) => g.days))
		};
	});
	return {
		code: patient.patient_code,
		clinic: patient.clinic,
		indication: patient.primary_indication,
		as_of: asOf,
		courses,
		flags: rows.assessments.flatMap(safetyFlags)
	};
}

interface OutcomeRow {
	course_index: number;
	instrument: string;
	baseline: number | null;
	post: number | null;
}

async function courseOutcomes(db: Kysely<DB>, patientId: number, asOf: string) {
	const { rows } = await sql<OutcomeRow>`
		with k as (
			select c.patient_id, c.course_index, c.last_induction_on,
				(c.completed_on is not null and c.completed_on <= ${asOf}::date) as complete,
				case when c.last_induction_on <= ${asOf}::date then c.last_induction_on
					else (select max(x.administered_on) from derived_infusions x
						where x.patient_id = c.patient_id and x.course_index = c.course_index
							and x.phase = 'induction' and x.administered_on <= ${asOf}::date)
				end as l_on
			from derived_courses c
			where c.patient_id = ${patientId} and c.course_start <= ${asOf}::date
		)
		select k.course_index, s.instrument, s.baseline_total as baseline,
			${postAsOfSql(asOf, sql<string>`s.instrument`)} as post
		from k join derived_course_scores s on s.patient_id = k.patient_id
			and s.course_index = k.course_index`.execute(db);
	return rows;
}

function emptyInstrument(): CourseRow['instruments'][string] {
	return {
		assessments: [],
		baseline: null,
		post: null,
		change: null,
		pct_change: null,
		response: null,
		remission: null,
		mcid: null,
		reliable_change: null
	};
}

function classify(code: string, baseline: number | null, post: number | null) {
	if (!isInstrumentCode(code) || baseline === null || post === null) {
		return { baseline, post };
	}
	const instrument = getInstrument(code);
	return {
		baseline,
		post,
		change: post - baseline,
		pct_change: percentChange(baseline, post),
		response: isResponse(instrument, baseline, post),
		remission: isRemission(instrument, post),
		mcid: reachedMcid(instrument, baseline, post),
		reliable_change: classifyReliableChange(instrument, baseline, post) as ReliableChange | null
	};
}

function assessmentView(a: Assessment) {
	const instrument = isInstrumentCode(a.instrument) ? getInstrument(a.instrument) : null;
	return {
		date: a.date,
		total: a.total,
		items: a.items,
		band: instrument ? (bandOf(instrument, a.total)?.key ?? null) : null,
		attached_phase: a.attached_phase as Phase | null,
		attached_ordinal: a.attached_ordinal
	};
}

/** Safety items (PHQ-9 item 9 and the like): every answer at or above the flag threshold. */
function safetyFlags(a: Assessment): SafetyFlag[] {
	if (!isInstrumentCode(a.instrument) || !a.items) return [];
	const safety = getInstrument(a.instrument).safetyItem;
	const value = safety ? a.items[safety.item - 1] : null;
	if (!safety || value === null || value === undefined || value < safety.flagAt) return [];
	return [
		{
			date: a.date,
			kind: `${a.instrument}_item${safety.item}`,
			value,
			level: value >= safety.escalateAt ? 'escalate' : 'flag'
		}
	];
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
