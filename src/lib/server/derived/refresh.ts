import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
	BASELINE_WINDOW_DAYS,
	DAYS_PER_WEEK,
	POST_INDUCTION_WINDOW_DAYS,
	PRE_INFUSION_WINDOW_DAYS
} from '../../definitions';
import { INSTRUMENT_CODES } from '../../instruments';
import type { DB } from '../db/schema';
import {
	BOOSTER_ACTIVITY_ROLLUP_TABLES,
	insertCoursePeriods,
	refreshBoosterActivityCells
} from './booster-activity-rollup';
import { BOOSTER_GAP_ROLLUP_TABLES, refreshBoosterGapRollups } from './booster-gap-rollup';
import { insertBoosterLanes } from './booster-lanes';
import { insertBoosterIntervals } from './booster-intervals';
import { analyzeTables, fillWithoutIndexes, isEmptyTable } from './bulk-fill';
import { bumpDataVersion } from './data-version';
import { DATED_ROLLUP_TABLES, refreshDatedRollups } from './dated-rollups';
import { EXPECTED_BAND_ROLLUP_TABLES, refreshExpectedBandRollup } from './expected-band-rollup';
import { INDUCTION_ROLLUP_TABLES, refreshInductionRollups } from './induction-rollup';
import { refreshSurvivalCells, SURVIVAL_ROLLUP_TABLES } from './survival-rollup';
import {
	refreshWorklistSnapshot,
	WORKLIST_SNAPSHOT_TABLES,
	worklistClinicsOf
} from './worklist-snapshot';
import {
	cohortKeysOf,
	refreshTrajectoryRollups,
	TRAJECTORY_ROLLUP_TABLES
} from './trajectory-rollup';

// Recomputes the derived fact tables (see migrations/...-derived-facts.ts) from the raw tables,
// for some patients (inside an import's transaction) or for all of them (rebuild). Both paths run
// the same set-based SQL, so incremental maintenance and a full rebuild cannot drift apart.
// The definitions are shared/domain.md section 3; the as-of date is applied later, by the queries.
// A first load (the derived tables still empty) fills the two big fact tables without their
// secondary indexes (see bulk-fill.ts); every other refresh deletes and inserts, so that readers
// keep reading the old rows until it commits instead of waiting for it.

export type PatientSelection = readonly number[] | 'all';

/** Tables with one row per patient fact (deleted and recomputed per patient). */
const PATIENT_FACT_TABLES = [
	'derived_infusions',
	'derived_scores',
	'derived_unscored_infusions',
	'derived_courses',
	'derived_course_scores',
	'derived_patient_dates',
	'derived_booster_intervals',
	'derived_course_periods',
	'derived_booster_lanes'
] as const;

export const DERIVED_TABLES = [
	...PATIENT_FACT_TABLES,
	...TRAJECTORY_ROLLUP_TABLES,
	...BOOSTER_GAP_ROLLUP_TABLES,
	...INDUCTION_ROLLUP_TABLES,
	...BOOSTER_ACTIVITY_ROLLUP_TABLES,
	...SURVIVAL_ROLLUP_TABLES,
	...DATED_ROLLUP_TABLES,
	...EXPECTED_BAND_ROLLUP_TABLES,
	...WORKLIST_SNAPSHOT_TABLES
] as const;

function patientFilter(column: string, patients: PatientSelection): RawBuilder<unknown> {
	return patients === 'all' ? sql`true` : sql`${sql.ref(column)} = any(${[...patients]}::int[])`;
}

/** Deletes and recomputes the derived rows of the given patients. Run it inside a transaction. */
export async function refreshDerived(db: Kysely<DB>, patients: PatientSelection): Promise<void> {
	// Even with no patient touched, an import may have changed clinics or clinicians.
	await bumpDataVersion(db);
	if (patients !== 'all' && patients.length === 0) return;
	const keysBefore = patients === 'all' ? [] : await cohortKeysOf(db, patients);
	const firstLoad = patients === 'all' && (await isEmptyTable(db, 'derived_infusions'));
	// Fresh rows have no planner statistics until autovacuum gets to them, and the statements
	// below read what the import (or this refresh) has just written: measured at 100k patients,
	// the gap-2 survival query ran 315 s instead of 2 s without them, and the worklist rows more
	// than 6 minutes instead of 15 s. ANALYZE is allowed inside the transaction.
	const large = patients === 'all' || patients.length >= LARGE_REFRESH_PATIENTS;
	const analyze = async (tables: readonly string[]) => {
		if (large) await analyzeTables(db, tables);
	};
	await analyze(['patients', 'infusions', 'assessments']);
	await deletePatientFacts(db, patients);
	// The per-patient fact tables are refilled without their indexes on a first load: measured
	// at 100k patients, the booster intervals took 3.1 s instead of 4.9 and the course periods
	// 3.3 s instead of 5.4. The rollups keep theirs: recreating the trajectory histogram's index
	// cost more than its upkeep during the insert (their rows go in in index order).
	// Dropping an index locks the table until commit, so only when nobody has anything to read.
	// Each table is analyzed as soon as it is filled, as the next statements read it: planned
	// without statistics of the infusion facts, the pre-infusion scores took 17.0 s instead of
	// 13.5 s at 100k patients (first load).
	const fill = async (table: (typeof PATIENT_FACT_TABLES)[number], insert: () => Promise<void>) => {
		await (firstLoad ? fillWithoutIndexes(db, [table], insert) : insert());
		await analyze([table]);
	};
	await fill('derived_infusions', () => insertInfusionFacts(db, patients));
	await fill('derived_scores', () => insertScores(db, patients));
	await fill('derived_unscored_infusions', () => insertUnscoredInfusions(db, patients));
	await fill('derived_courses', () => insertCourses(db, patients));
	await fill('derived_course_scores', () => insertCourseScores(db, patients));
	await fill('derived_patient_dates', () => insertPatientDates(db, patients));
	await fill('derived_booster_intervals', () =>
		insertBoosterIntervals(db, patientFilter('f.patient_id', patients))
	);
	await fill('derived_course_periods', () =>
		insertCoursePeriods(db, patientFilter('c.patient_id', patients))
	);
	await fill('derived_booster_lanes', () =>
		insertBoosterLanes(db, patientFilter('c.patient_id', patients))
	);
	const keys = patients === 'all' ? 'all' : [...keysBefore, ...(await cohortKeysOf(db, patients))];
	await refreshTrajectoryRollups(db, keys);
	await refreshBoosterGapRollups(db, keys);
	await refreshInductionRollups(db, keys);
	await refreshBoosterActivityCells(db, keys);
	await refreshSurvivalCells(db, keys);
	await refreshDatedRollups(db, keys);
	await refreshExpectedBandRollup(db, keys);
	await refreshWorklistSnapshot(
		db,
		patients === 'all' ? 'all' : await worklistClinicsOf(db, patients)
	);
	await analyze(DERIVED_TABLES.filter((table) => !PATIENT_FACT_TABLES.includes(table as never)));
}

async function deletePatientFacts(db: Kysely<DB>, patients: PatientSelection) {
	for (const table of PATIENT_FACT_TABLES) {
		await sql`delete from ${sql.table(table)} where ${patientFilter('patient_id', patients)}`.execute(
			db
		);
	}
}

/** A refresh of at least this many patients changes the tables enough to re-analyze them. */
const LARGE_REFRESH_PATIENTS = 1000;

/**
 * Courses and phase ordinals. A course starts at the patient's first infusion and again at any
 * induction infusion that follows a booster; infusions are numbered within (course, phase).
 * previous_on and next_on are the dates of the patient's infusions before and after.
 * (patient_id, administered_on) is unique, so the ordering is total. first_gap marks the
 * patient's first booster j that has an infusion before it (a gap j), over all their courses:
 * the gap rollups count distinct patients as the marked rows. Rows go in by date, so that the
 * infusions of one month (an as-of date's own month, see queries/dated-sources.ts) lie together.
 */
async function insertInfusionFacts(db: Kysely<DB>, patients: PatientSelection) {
	await sql`
		insert into derived_infusions (infusion_id, patient_id, clinic_id, clinician_id, indication,
			age_band, course_index, course_start, phase, ordinal, administered_on, previous_on,
			next_on, booster_gaps, gap_slope, first_gap)
		with ordered as (
			select i.id, i.patient_id, i.administered_on, i.phase,
				lag(i.administered_on) over w as previous_on, lead(i.administered_on) over w as next_on,
				lag(i.phase) over w as previous_phase
			from infusions i
			where ${patientFilter('i.patient_id', patients)}
			window w as (partition by i.patient_id order by i.administered_on)
		), coursed as (
			select o.*, sum(case when o.previous_on is null
					or (o.phase = 'induction' and o.previous_phase = 'booster') then 1 else 0 end)
				over (partition by o.patient_id order by o.administered_on rows unbounded preceding)
				as course_index
			from ordered o
		), numbered as (
			select c.id, c.patient_id, p.clinic_id, p.clinician_id, p.primary_indication, p.age_band,
				c.course_index,
				min(c.administered_on) over (partition by c.patient_id, c.course_index) as course_start,
				c.phase,
				row_number() over (partition by c.patient_id, c.course_index, c.phase
					order by c.administered_on) as ordinal,
				c.administered_on, c.previous_on, c.next_on
			from coursed c join patients p on p.id = c.patient_id
		), trended as (
			select n.*,
				case when n.phase = 'booster' then count(n.administered_on - n.previous_on) over phased
					end as booster_gaps,
				case when n.phase = 'booster' then regr_slope((n.administered_on - n.previous_on)::float8,
					n.ordinal::float8) over phased end as gap_slope
			from numbered n
			window phased as (partition by n.patient_id, n.course_index, n.phase
				order by n.administered_on rows unbounded preceding)
		)
		select n.*, n.phase = 'booster' and n.previous_on is not null
			and row_number() over (partition by n.patient_id, n.phase, n.ordinal,
				n.previous_on is null order by n.administered_on) = 1
		from trended n
		order by n.administered_on`.execute(db);
}

const INSTRUMENTS_IN_ORDER = [...INSTRUMENT_CODES].sort();

/** A date as a number of days (from 2000-01-01), for sort keys and buckets. */
const dayNumber = (date: RawBuilder<unknown>) => sql`(${date} - date '2000-01-01')`;

/** One day longer than the longest pre-infusion window (see windowBucket). */
const WINDOW_BUCKET_DAYS = Math.max(BASELINE_WINDOW_DAYS, PRE_INFUSION_WINDOW_DAYS) + 1;

/**
 * Days are cut into buckets one day longer than the longest pre-infusion window, so an
 * assessment in an infusion's window lies in the infusion's bucket or the one before. Joined on
 * (patient, bucket) instead of on the patient alone, the pre-infusion pick no longer compares
 * each assessment of a patient with each of their infusions (39 M pairs at 100k patients for
 * 1.6 M kept): the statement 15.5 -> 14.2 s side by side, both by merge join as in a first load.
 * (Integer division truncates toward zero, which keeps the property for days before the origin
 * too.)
 */
const windowBucket = (date: RawBuilder<unknown>) =>
	sql`${dayNumber(date)} / ${WINDOW_BUCKET_DAYS}::int`;
/** More days than any span of dates holds (about 270 years), so instruments never interleave. */
const DAYS_PER_INSTRUMENT = 100_000;

/**
 * Pre-infusion scores: per infusion and instrument, the latest assessment dated in
 * (previous infusion, infusion] and at most 7 days before it; for the first infusion of a course
 * at most 30 days before it. The baseline is the score of induction infusion 1 of the course.
 * first_at_ordinal and first_in_week mark the patient's earliest score of the instrument at the
 * (phase, ordinal) and in the week since course start, over all their courses: the rollups count
 * distinct patients per cell (and per period) as the marked rows. No patient has two infusions
 * on one date, so each cell has exactly one. (patient, date) names the infusion, so the pick is
 * keyed by (patient, course, instrument, date): its sort is then the order the baseline's
 * window partitions by, and one sort of 1.5 M rows goes. Rows go in by instrument and date, as
 * the index on them, so that an as-of date's own month lies together (queries/dated-sources.ts).
 * That order is sorted by one integer (the instrument's place in alphabetical order, then the
 * day): sorted by (instrument, date), nearly every comparison tied on the instrument and went on
 * to read the date out of the row, which took twice as long (1.5 M rows at 100k patients: the
 * statement 15.7 -> 13.5 s).
 */
async function insertScores(db: Kysely<DB>, patients: PatientSelection) {
	await sql`
		insert into derived_scores (infusion_id, instrument, patient_id, clinic_id, clinician_id,
			indication, age_band, course_index, course_start, phase, ordinal, week, administered_on,
			assessed_on, total, baseline_total, first_at_ordinal, first_in_week)
		with picked as (
			select distinct on (f.patient_id, f.course_index, a.instrument, f.administered_on)
				f.*, a.instrument, a.administered_on as assessed_on, a.total
			from derived_infusions f
			cross join lateral (values (${windowBucket(sql`f.administered_on`)}),
				(${windowBucket(sql`f.administered_on`)} - 1)) b(bucket)
			join assessments a on a.patient_id = f.patient_id
				and ${windowBucket(sql`a.administered_on`)} = b.bucket
				and a.administered_on <= f.administered_on
				and (f.previous_on is null or a.administered_on > f.previous_on)
				and a.administered_on >= f.administered_on - (case when f.administered_on = f.course_start
					then ${BASELINE_WINDOW_DAYS}::int else ${PRE_INFUSION_WINDOW_DAYS}::int end)
			where ${patientFilter('f.patient_id', patients)}
			order by f.patient_id, f.course_index, a.instrument, f.administered_on,
				a.administered_on desc
		), weeks as (
			select p.*, (administered_on - course_start) / ${DAYS_PER_WEEK}::int as week from picked p
		)
		select infusion_id, instrument, patient_id, clinic_id, clinician_id, indication, age_band,
			course_index, course_start, phase, ordinal, week, administered_on, assessed_on, total,
			max(case when phase = 'induction' and ordinal = 1 then total end)
				over (partition by patient_id, course_index, instrument),
			row_number() over (partition by patient_id, instrument, phase, ordinal
				order by administered_on) = 1,
			row_number() over (partition by patient_id, instrument, week order by administered_on) = 1
		from weeks
		order by array_position(${INSTRUMENTS_IN_ORDER}::text[], instrument) * ${DAYS_PER_INSTRUMENT}::int
			+ ${dayNumber(sql`administered_on`)}`.execute(db);
}

/**
 * The infusions that no instrument has a pre-infusion score for (about 6%): the worklist's "no
 * questionnaire" flag reads them for each patient's latest infusion, by one hash of this small
 * table instead of a look-up per patient in the scores' key.
 */
async function insertUnscoredInfusions(db: Kysely<DB>, patients: PatientSelection) {
	await sql`
		insert into derived_unscored_infusions (infusion_id, patient_id)
		select f.infusion_id, f.patient_id from derived_infusions f
		where ${patientFilter('f.patient_id', patients)}
			and not exists (select 1 from derived_scores s where s.infusion_id = f.infusion_id)`.execute(db);
}

/**
 * Course facts as dates, so that the queries can apply any as-of date: completed_on is the date
 * of the induction infusion that reached the clinic's target (induction complete as of A when
 * completed_on <= A); the next course's start and the discharge date bound censoring.
 */
async function insertCourses(db: Kysely<DB>, patients: PatientSelection) {
	await sql`
		insert into derived_courses (patient_id, clinic_id, clinician_id, indication, age_band,
			course_index, course_start, induction_target, induction_count, completed_on,
			last_induction_on, first_booster_on, last_infusion_on, next_course_start, discharged_on)
		with per_course as (
			select f.patient_id, f.clinic_id, f.clinician_id, f.indication, f.age_band, f.course_index,
				f.course_start, k.induction_target,
				count(*) filter (where f.phase = 'induction') as induction_count,
				max(f.administered_on) filter (where f.phase = 'induction'
					and f.ordinal = k.induction_target) as completed_on,
				max(f.administered_on) filter (where f.phase = 'induction') as last_induction_on,
				min(f.administered_on) filter (where f.phase = 'booster') as first_booster_on,
				max(f.administered_on) as last_infusion_on
			from derived_infusions f join clinics k on k.id = f.clinic_id
			where ${patientFilter('f.patient_id', patients)}
			group by f.patient_id, f.clinic_id, f.clinician_id, f.indication, f.age_band,
				f.course_index, f.course_start, k.induction_target
		)
		select c.patient_id, c.clinic_id, c.clinician_id, c.indication, c.age_band, c.course_index,
			c.course_start, c.induction_target, c.induction_count, c.completed_on,
			c.last_induction_on, c.first_booster_on, c.last_infusion_on,
			lead(c.course_start) over (partition by c.patient_id order by c.course_index),
			p.discharged_on
		from per_course c join patients p on p.id = c.patient_id`.execute(db);
}

/**
 * Baseline (with its assessment's date) and post-induction score per course and instrument,
 * with the course's final L and first booster: the latest assessment in (L, L + 31 days] and not
 * after B1 (an assessment on B1's date counts). Whether induction is complete is decided by the
 * query at its as-of date.
 */
async function insertCourseScores(db: Kysely<DB>, patients: PatientSelection) {
	await sql`
		insert into derived_course_scores (patient_id, course_index, instrument, baseline_total,
			baseline_on, post_total, post_on)
		with baselines as (
			select patient_id, course_index, instrument, total as baseline_total,
				assessed_on as baseline_on
			from derived_scores
			where phase = 'induction' and ordinal = 1 and ${patientFilter('patient_id', patients)}
		), posts as (
			select distinct on (c.patient_id, c.course_index, a.instrument)
				c.patient_id, c.course_index, a.instrument, a.total as post_total,
				a.administered_on as post_on
			from derived_courses c
			join assessments a on a.patient_id = c.patient_id
				and a.administered_on > c.last_induction_on
				and a.administered_on <= c.last_induction_on + ${POST_INDUCTION_WINDOW_DAYS}::int
				and (c.first_booster_on is null or a.administered_on <= c.first_booster_on)
			where ${patientFilter('c.patient_id', patients)}
			order by c.patient_id, c.course_index, a.instrument, a.administered_on desc
		)
		select patient_id, course_index, instrument, b.baseline_total, b.baseline_on, p.post_total,
			p.post_on
		from baselines b full join posts p using (patient_id, course_index, instrument)`.execute(db);
}

/**
 * Each patient's latest dated record (infusion or assessment), for the default as-of date, with
 * the first date and the numbers of infusions and assessments (the start page's overview).
 */
async function insertPatientDates(db: Kysely<DB>, patients: PatientSelection) {
	await sql`
		insert into derived_patient_dates (patient_id, clinic_id, last_on, first_on, infusions,
			assessments)
		with i as (
			select patient_id, min(administered_on) as first_on, max(administered_on) as last_on,
				count(*) as n
			from infusions where ${patientFilter('patient_id', patients)} group by patient_id
		), a as (
			select patient_id, min(administered_on) as first_on, max(administered_on) as last_on,
				count(*) as n
			from assessments where ${patientFilter('patient_id', patients)} group by patient_id
		)
		select p.id, p.clinic_id, greatest(i.last_on, a.last_on), least(i.first_on, a.first_on),
			coalesce(i.n, 0), coalesce(a.n, 0)
		from patients p
		left join i on i.patient_id = p.id
		left join a on a.patient_id = p.id
		where ${patientFilter('p.id', patients)}
			and (i.patient_id is not null or a.patient_id is not null)`.execute(db);
}
