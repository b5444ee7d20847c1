import { sql, type RawBuilder } from 'kysely';
import { MIN_GAPS_FOR_TREND } from '../../definitions';
import { INSTRUMENT_CODES, getInstrument, type InstrumentCode } from '../../instruments';
import { datedBandHistogramSql, histogramBandCellsSql } from './expected-response';

// The clinician's flags, computed in SQL for every patient in view so that the worklist can
// filter and sort on them, and the patient page shows the very same rows (one definition).
// Flags are per patient and never averaged, counted away or suppressed (domain.md section 2).
//
// The SQL below expects two CTEs before it:
//   wl_current (patient_id, clinic_id, indication, course_index, last_infusion_id, last_scored,
//     last_on, booster_gaps, gap_slope, latest_gap):
//     each patient's current course = the course of their latest infusion dated by the as-of date;
//   wl_latest (patient_id, instrument, on_date, total, items): each patient's latest assessment
//     per instrument dated by the as-of date (latestAssessmentsSql builds it).

export const FLAG_KINDS = [
	'safety',
	'deterioration',
	'off_track',
	'no_questionnaire',
	'gaps_shortening'
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** A reliable change is |RCI| > 1.96 (Jacobson & Truax 1991); deterioration is RCI > 1.96. */
export const RELIABLE_CHANGE_Z = 1.96;
/** "Not on track" compares a course's % change at these induction infusions with the clinic's. */
export const ON_TRACK_INFUSIONS = [3, 4] as const;

export interface PatientFlag {
	kind: FlagKind;
	/** 2 = escalated (safety item at or above its escalation threshold), else 1. */
	level: 1 | 2;
	instrument: InstrumentCode | null;
	/** Deterioration: measured against the course 'baseline' or the previous 'booster'. */
	basis: 'baseline' | 'booster' | null;
	/** Date of the observation the flag rests on (assessment, or the latest infusion). */
	on: string | null;
	/** Safety: the item answer; deterioration: the latest total; off track: % change; gaps: latest gap. */
	value: number | null;
	/** Deterioration: the reference total (baseline or previous booster's pre-infusion score). */
	reference: number | null;
	reference_on: string | null;
	/** Deterioration: RCI; off track: the clinic's 75th percentile; gaps: slope (days/booster). */
	statistic: number | null;
	/** Off track: the induction infusion; deterioration vs booster: that booster's number. */
	ordinal: number | null;
	/** Off track: courses behind the percentile; gaps: number of gaps. */
	n: number | null;
}

/** Per-instrument constants from the registry as a SQL VALUES table (safety item, RCI inputs). */
function instrumentParamsSql(): RawBuilder<unknown> {
	const rows = INSTRUMENT_CODES.map((code) => {
		const { safetyItem, reliableChange, totalMin } = getInstrument(code);
		return sql`(${code}::text, ${safetyItem?.item ?? null}::int, ${safetyItem?.flagAt ?? null}::int,
			${safetyItem?.escalateAt ?? null}::int, ${reliableChange?.sd ?? null}::float8,
			${reliableChange?.r ?? null}::float8, ${totalMin}::int)`;
	});
	return sql`select * from (values ${sql.join(rows)})
		as ip (instrument, safety_item, flag_at, escalate_at, sd, r, total_min)`;
}

/**
 * wl_latest: the latest assessment per patient and instrument, dated by the as-of date. Every
 * patient's rows at once: the stored worklist's refresh reads nearly all of them. Ordered all
 * descending, the (patient, instrument, date) key read backwards gives the rows in order, with
 * no sort of 1.9 M rows (100k patients: 1.55 -> 0.69 s).
 */
export function latestAssessmentsSql(asOf: string): RawBuilder<unknown> {
	return sql`
		select distinct on (a.patient_id, a.instrument) a.patient_id, a.instrument,
			a.administered_on as on_date, a.total, a.items
		from assessments a join wl_current c on c.patient_id = a.patient_id
		where a.administered_on <= ${asOf}::date
		order by a.patient_id desc, a.instrument desc, a.administered_on desc`;
}

/**
 * The same rows patient by patient, from the (patient, instrument, date) key read backwards:
 * each patient's few dozen rows come in the order needed. For the worklist at an earlier date,
 * where sorting the rows of thousands of patients at once spilled to disk (PGlite, 10,000
 * patients: 110 -> 66 ms).
 */
export function latestAssessmentsPerPatientSql(asOf: string): RawBuilder<unknown> {
	return sql`
		select c.patient_id, l.instrument, l.on_date, l.total, l.items
		from wl_current c
		cross join lateral (
			select distinct on (a.instrument) a.instrument, a.administered_on as on_date, a.total,
				a.items
			from assessments a
			where a.patient_id = c.patient_id and a.administered_on <= ${asOf}::date
			order by a.instrument desc, a.administered_on desc
		) l`;
}

const rciAgainst = (reference: RawBuilder<unknown>) =>
	sql`(l.total - ${reference}) / (ip.sd * sqrt(2) * sqrt(1 - ip.r))`;
const rci = rciAgainst(sql`ref.total`);
/**
 * No reference total lies below the instrument's minimum, so a latest total (l) that would not be
 * a reliable deterioration even from there cannot be one from any reference: such rows skip the
 * look-up of their booster's score. The same division by the same denominator, so the bound also
 * holds in floating point.
 */
const mayDeteriorate = sql`${rciAgainst(sql`ip.total_min`)} > ${RELIABLE_CHANGE_Z}`;

/**
 * The CTEs wl_params, wl_expected, wl_booster_ref and wl_flag_rows (one row per raised flag), to be placed after
 * wl_current and wl_latest in a WITH list.
 */
export function flagRowsCtes(asOf: string): RawBuilder<unknown> {
	// The clinic's percentiles at the on-track infusions, from the per-period histogram (the same
	// numbers as percentile_cont over the scores, without reading them), for the cells that some
	// patient in view has a score in: one patient's page needs one or two of a clinic's dozens.
	// Every instrument, named: the as-of month's scores are found by the (instrument, date) index.
	const expectedWhere = sql`instrument = any(${[...INSTRUMENT_CODES]}::text[])
		and ordinal in (${sql.join([...ON_TRACK_INFUSIONS])})
		and (clinic_id, indication, instrument, ordinal) in
			(select clinic_id, indication, instrument, ordinal from wl_on_track_scores)`;
	const columns = sql`patient_id, kind, level, instrument, basis, on_date, value, reference,
		reference_on, statistic, ordinal, n`;
	return sql`
	wl_params as (${instrumentParamsSql()}),
	-- The current courses' scores at the on-track induction infusions, with a baseline above 0.
	wl_on_track_scores as (
		select s.patient_id, s.clinic_id, s.indication, s.instrument, s.ordinal, s.assessed_on,
			s.total, s.baseline_total
		from wl_current c
		join derived_scores s on s.patient_id = c.patient_id and s.course_index = c.course_index
			and s.phase = 'induction' and s.ordinal in (${sql.join([...ON_TRACK_INFUSIONS])})
			and s.baseline_total > 0 and s.administered_on <= ${asOf}::date
	),
	wl_expected as (${histogramBandCellsSql(datedBandHistogramSql(asOf, expectedWhere))}),
	-- Per latest assessment, the pre-infusion score of the course's latest booster before it,
	-- walking the course's infusions back from that date by their key, each looked up in the
	-- scores by key (the laterals keep both look-ups nested with nested loops off). Joining every
	-- booster score of the current courses instead took 5.8 s against 5.55 s in the stored
	-- worklist's refresh at 100k patients, and 108 against 59 ms (EXPLAIN) for the worklist as of
	-- a year back on PGlite at 10k. Materialized: inlined, PostgreSQL nested a scan of wl_latest
	-- inside it for every row (2.7 s at 10k).
	wl_booster_ref as materialized (
		select l.patient_id, l.instrument, r.total, r.assessed_on, r.ordinal::int as ordinal
		from wl_latest l
		join wl_current c on c.patient_id = l.patient_id
		join wl_params ip on ip.instrument = l.instrument and ip.sd is not null
		cross join lateral (
			select s.total, s.assessed_on, s.ordinal
			from derived_infusions f
			cross join lateral (
				select s.total, s.assessed_on, s.ordinal from derived_scores s
				where s.infusion_id = f.infusion_id and s.instrument = l.instrument limit 1
			) s
			where f.patient_id = c.patient_id and f.course_index = c.course_index
				and f.administered_on < l.on_date and f.phase = 'booster'
			order by f.administered_on desc limit 1
		) r
		-- A course still in induction has no booster yet.
		where c.phase = 'booster' and ${mayDeteriorate}
	),
	wl_flag_rows (${columns}) as (
		-- Safety item at the latest assessment of the instrument (PHQ-9 item 9 >= 1, >= 2 escalated).
		select l.patient_id, 'safety', case when l.items[ip.safety_item] >= ip.escalate_at then 2 else 1 end,
			l.instrument, null, l.on_date, l.items[ip.safety_item]::float8, null::float8, null::date,
			null::float8, null::int, null::int
		from wl_latest l join wl_params ip on ip.instrument = l.instrument
		where ip.safety_item is not null and l.items is not null
			and l.items[ip.safety_item] >= ip.flag_at
		union all
		-- Reliable deterioration of the latest score against the current course's baseline.
		select l.patient_id, 'deterioration', 1, l.instrument, 'baseline', l.on_date, l.total::float8,
			ref.total::float8, ref.assessed_on, ${rci}, null, null
		from wl_latest l
		join wl_current c on c.patient_id = l.patient_id
		join wl_params ip on ip.instrument = l.instrument and ip.sd is not null
		join (
			select patient_id, course_index, instrument, baseline_total as total,
				baseline_on as assessed_on
			from derived_course_scores where baseline_total is not null
		) ref on ref.patient_id = c.patient_id and ref.course_index = c.course_index
			and ref.instrument = l.instrument
		where ${rci} > ${RELIABLE_CHANGE_Z}
		union all
		-- ... and against the pre-infusion score of the latest booster before that assessment.
		select l.patient_id, 'deterioration', 1, l.instrument, 'booster', l.on_date, l.total::float8,
			ref.total::float8, ref.assessed_on, ${rci}, ref.ordinal, null
		from wl_latest l
		join wl_params ip on ip.instrument = l.instrument and ip.sd is not null
		join wl_booster_ref ref on ref.patient_id = l.patient_id and ref.instrument = l.instrument
		where ${rci} > ${RELIABLE_CHANGE_Z}
		union all
		-- Not on track: % change at induction infusion 3 or 4 worse (higher) than the clinic's p75;
		-- one flag per instrument, at the later of the two infusions that is off track.
		select * from (
			select distinct on (s.patient_id, s.instrument) s.patient_id, 'off_track', 1, s.instrument,
				null, s.assessed_on, 100.0 * (s.total - s.baseline_total) / s.baseline_total,
				s.baseline_total::float8, null::date, e.p75, s.ordinal::int, e.n::int
			from wl_on_track_scores s
			join wl_expected e on e.clinic_id = s.clinic_id and e.indication = s.indication
				and e.instrument = s.instrument and e.ordinal = s.ordinal
			where 100.0 * (s.total - s.baseline_total) / s.baseline_total > e.p75
			order by s.patient_id, s.instrument, s.ordinal desc
		) off_track
		union all
		-- No pre-infusion score of any instrument for the latest infusion.
		select c.patient_id, 'no_questionnaire', 1, null, null, c.last_on, null, null, null, null,
			null, null
		from wl_current c
		where c.last_infusion_id is not null and not c.last_scored
		union all
		-- Booster gaps shortening: least-squares slope of gap days on booster number < 0, over the
		-- current course's boosters by the as-of date. The latest infusion by then carries the
		-- trend so far (derived_infusions' booster_gaps and gap_slope, in booster order).
		select c.patient_id, 'gaps_shortening', 1, null, null, c.last_on, c.latest_gap, null, null,
			c.gap_slope, null, c.booster_gaps::int
		from wl_current c
		where c.booster_gaps >= ${MIN_GAPS_FOR_TREND} and c.gap_slope < 0
	)`;
}

/** Flags of one patient as returned in a jsonb array (see worklist.ts), in display order. */
export const flagJsonSql = sql`jsonb_agg(jsonb_build_object('kind', r.kind, 'level', r.level,
	'instrument', r.instrument, 'basis', r.basis, 'on', r.on_date, 'value', r.value,
	'reference', r.reference, 'reference_on', r.reference_on, 'statistic', r.statistic,
	'ordinal', r.ordinal, 'n', r.n) order by r.level desc, r.kind, r.instrument, r.basis)`;
