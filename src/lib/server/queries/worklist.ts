import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { InstrumentCode } from '../../instruments';
import { cachedAnswer } from '../cache/aggregate-cache';
import { coversAllData, type Cohort } from './cohort';
import type { DB, Phase } from '../db/schema';
import {
	FLAG_KINDS,
	flagJsonSql,
	flagRowsCtes,
	latestAssessmentsPerPatientSql,
	type FlagKind,
	type PatientFlag
} from './patient-flags';

// The clinician's worklist: one row per patient of the cohort (resolveClinicianCohort), with
// the current course, latest scores and flags. Filtering, sorting and paging all happen in SQL
// so that a page costs the same at 100 patients and at 100,000. Codes sort bytewise (collation
// "C"), so the order is the same on every server whatever its locale.

export const WORKLIST_SORTS = [
	'flags',
	'code',
	'last_infusion',
	'infusions',
	'score',
	'change'
] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

export interface WorklistOptions {
	/** Part of a patient code, case-insensitive. */
	q: string | null;
	/** One patient's exact code (the patient page's header and flags). */
	code: string | null;
	flag: FlagKind | null;
	phase: Phase | null;
	/**
	 * Active patients only: the last infusion at most this many days before the as-of date, or,
	 * with no infusion yet, enrolled within that window. null shows every patient.
	 */
	activeWithinDays: number | null;
	sort: WorklistSort;
	dir: 'asc' | 'desc';
	/** The instrument that `score` and `change` sort by. */
	instrument: InstrumentCode;
	page: number;
	pageSize: number;
}

export interface WorklistScore {
	instrument: InstrumentCode;
	on: string;
	total: number;
	/** The current course's baseline; null when the course has none. */
	baseline: number | null;
	change: number | null;
}

export interface WorklistRow {
	code: string;
	clinic: string;
	clinician: string | null;
	indication: string;
	age_band: string;
	course: number | null;
	phase: Phase | null;
	induction_count: number;
	booster_count: number;
	last_infusion_on: string | null;
	days_since_last: number | null;
	scores: WorklistScore[];
	flags: PatientFlag[];
}

export interface Worklist {
	as_of: string;
	total: number;
	/** Patients with each flag among all rows that pass the other filters (not just this page). */
	flag_counts: Record<FlagKind, number>;
	rows: WorklistRow[];
}

function sortSql(sort: WorklistSort): RawBuilder<unknown> {
	switch (sort) {
		case 'flags':
			return sql`wl.priority`;
		case 'code':
			return sql`wl.patient_code collate "C"`;
		case 'last_infusion':
			return sql`wl.days_since_last`;
		case 'infusions':
			return sql`(wl.induction_count + wl.booster_count)`;
		case 'score':
			return sql`wl.sort_score`;
		case 'change':
			return sql`wl.sort_change`;
	}
}

/** Conditions on the patient (alias p) shared by the computed and the stored worklist. */
function patientWhere(cohort: Cohort, options: WorklistOptions): RawBuilder<unknown>[] {
	const { filters, asOf } = cohort;
	const where: RawBuilder<unknown>[] = [
		sql`p.clinic_id = any(${cohort.clinicIds ?? []}::int[])`,
		sql`p.enrolled_on <= ${asOf}::date`
	];
	if (cohort.clinicianIds) where.push(sql`p.clinician_id = any(${cohort.clinicianIds}::int[])`);
	if (filters.indication.length > 0) {
		where.push(sql`p.primary_indication = any(${filters.indication}::text[])`);
	}
	if (filters.age_band.length > 0) where.push(sql`p.age_band = any(${filters.age_band}::text[])`);
	if (options.q) where.push(sql`strpos(lower(p.patient_code), lower(${options.q})) > 0`);
	if (options.code) where.push(sql`p.patient_code = ${options.code}`);
	return where;
}

/** Conditions on the current course (alias `t`: phase, administered_on, course_start). */
function courseWhere(
	cohort: Cohort,
	options: WorklistOptions,
	t: string,
	lastOn: string
): RawBuilder<unknown>[] {
	const { filters, asOf } = cohort;
	const col = (name: string) => sql.ref(`${t}.${name}`);
	const where: RawBuilder<unknown>[] = [];
	if (options.phase) where.push(sql`${col('phase')} = ${options.phase}`);
	if (options.activeWithinDays !== null) {
		// A newly enrolled patient waiting for a first infusion is current, not inactive.
		const since = sql`${asOf}::date - ${options.activeWithinDays}::int`;
		where.push(sql`(${col(lastOn)} >= ${since}
			or (${col(lastOn)} is null and p.enrolled_on >= ${since}))`);
	}
	if (filters.start_from) where.push(sql`${col('course_start')} >= ${filters.start_from}::date`);
	if (filters.start_to) where.push(sql`${col('course_start')} <= ${filters.start_to}::date`);
	return where;
}

/**
 * Each patient's current course as of `asOf` (the course of their latest infusion by then):
 * patient_id, patient_code, clinic_id, clinician_id, indication, age_band, last_infusion_id,
 * last_scored (whether that infusion has a pre-infusion score), course_index, course_start, phase,
 * last_on, days_since_last, induction_count, booster_count, and the course's booster gaps by then:
 * booster_gaps (their number), gap_slope and latest_gap (null while the course has no boosters).
 */
export function currentCourseSelect(
	asOf: string,
	where: RawBuilder<unknown>[]
): RawBuilder<unknown> {
	return currentCourseFrom(
		asOf,
		sql`left join lateral (
			select ${latestInfusionColumns} from derived_infusions f
			where f.patient_id = p.id and f.administered_on <= ${asOf}::date
			order by f.course_index desc, f.administered_on desc limit 1
		) li on true`,
		where
	);
}

const latestInfusionColumns = sql`f.infusion_id, f.course_index, f.course_start, f.phase,
	f.ordinal, f.administered_on, f.previous_on, f.booster_gaps, f.gap_slope`;

/**
 * The same rows for the patients active by `since` (an infusion from `since` to `asOf`, or else
 * enrolled since then with no infusion by `asOf`). Their latest infusions are those of these
 * dates whose next infusion comes after `asOf`: one pass over a range of the facts' pages
 * (BRIN), with no sort, instead of one look-up per patient (PGlite, 10,000 patients, as of a
 * year back: 50 -> 43 ms).
 */
function activeCurrentCourseSelect(
	asOf: string,
	since: RawBuilder<unknown>,
	where: RawBuilder<unknown>[]
): RawBuilder<unknown> {
	return currentCourseFrom(
		asOf,
		sql`left join (
			select f.patient_id, ${latestInfusionColumns} from derived_infusions f
			where f.administered_on >= ${since} and f.administered_on <= ${asOf}::date
				and (f.next_on is null or f.next_on > ${asOf}::date)
		) li on li.patient_id = p.id`,
		[
			...where,
			sql`(li.patient_id is not null or (p.enrolled_on >= ${since} and (
				select 1 from derived_infusions f
				where f.patient_id = p.id and f.administered_on <= ${asOf}::date limit 1) is null))`
		]
	);
}

/** The current course's columns, with `latest` joining each patient's latest infusion as li. */
function currentCourseFrom(
	asOf: string,
	latest: RawBuilder<unknown>,
	where: RawBuilder<unknown>[]
): RawBuilder<unknown> {
	// Inductions precede boosters within a course, so the counts follow from the latest infusion.
	// Whether that infusion has a score is read from the few infusions without one (the
	// refresh's derived_unscored_infusions, 6% of them): an anti-join with the scores hashed every
	// score (1.5 million at 100k patients, 0.45 s), a look-up per patient in the scores' key took
	// 12-16 ms of the worklist as of a year back (PGlite, 10,000 patients).
	return sql`
		select p.id as patient_id, p.patient_code, p.clinic_id, p.clinician_id,
			p.primary_indication as indication, p.age_band, li.infusion_id as last_infusion_id,
			case when li.infusion_id is not null then u.infusion_id is null end as last_scored,
			li.course_index, li.course_start, li.phase, li.administered_on as last_on,
			${asOf}::date - li.administered_on as days_since_last,
			coalesce(case when li.phase = 'induction' then li.ordinal else dc.induction_count end, 0)
				as induction_count,
			case when li.phase = 'booster' then li.ordinal else 0 end as booster_count,
			li.booster_gaps, li.gap_slope,
			(li.administered_on - li.previous_on)::float8 as latest_gap
		from patients p
		${latest}
		left join derived_courses dc on dc.patient_id = p.id and dc.course_index = li.course_index
		left join derived_unscored_infusions u on u.infusion_id = li.infusion_id
		where ${sql.join(where.length > 0 ? where : [sql`true`], sql` and `)}`;
}

/** wl_current: the cohort's patients with their current course as of the as-of date. */
function currentCourseSql(cohort: Cohort, options: WorklistOptions): RawBuilder<unknown> {
	const where = [
		...patientWhere(cohort, options),
		...courseWhere(cohort, options, 'li', 'administered_on')
	];
	if (options.activeWithinDays === null) return currentCourseSelect(cohort.asOf, where);
	const since = sql`${cohort.asOf}::date - ${options.activeWithinDays}::int`;
	return activeCurrentCourseSelect(cohort.asOf, since, where);
}

/** One latest score (l) with its course baseline (b), as the worklist's scores list it. */
const scoreJsonSql = sql`jsonb_build_object('instrument', l.instrument, 'on', l.on_date,
	'total', l.total, 'baseline', b.baseline_total, 'change', l.total - b.baseline_total)`;

/**
 * The latest scores of each patient's instruments with the current course's baseline and the
 * change from it, as a jsonb array in instrument order (null without scores). `wl` is a row of
 * wl_current; wl_page_latest (the rows of wl_latest of the page's patients) must be in scope.
 */
const latestScoresJsonSql = sql`(
	select jsonb_agg(${scoreJsonSql} order by l.instrument)
	from wl_page_latest l
	left join derived_course_scores b on b.patient_id = l.patient_id
		and b.course_index = wl.course_index and b.instrument = l.instrument
	where l.patient_id = wl.patient_id
)`;

/**
 * The same scores for every patient of wl_current at once (patient_id, scores), by joins instead
 * of one look-up per patient: the stored worklist's refresh, 100,000 patients at a time. With
 * them score_by_instrument, each instrument's total and change keyed by the instrument (what a
 * sort by score or change reads).
 */
export const latestScoresByPatientSql = sql`
	select l.patient_id, jsonb_agg(${scoreJsonSql} order by l.instrument) as scores,
		jsonb_object_agg(l.instrument, jsonb_build_object('total', l.total,
			'change', l.total - b.baseline_total)) as score_by_instrument
	from wl_latest l
	join wl_current c on c.patient_id = l.patient_id
	left join derived_course_scores b on b.patient_id = l.patient_id
		and b.course_index = c.course_index and b.instrument = l.instrument
	group by l.patient_id`;

/** A patient's flag kinds (sorted, each once) and sort priority, over their rows r of wl_flag_rows. */
const flagSummarySql = sql`array_agg(distinct r.kind order by r.kind) as flag_kinds,
	10 * max(case when r.kind = 'safety' then r.level else 0 end) + count(*) as priority`;

/**
 * wl_flags: per patient the flags as jsonb, their kinds and the sort priority (after
 * flagRowsCtes).
 */
export const flagsCteSql = sql`
	select r.patient_id, ${flagJsonSql} as flags, ${flagSummarySql}
	from wl_flag_rows r group by r.patient_id`;

interface RawRow {
	patient_code: string;
	clinic_id: number;
	clinician_id: number | null;
	indication: string;
	age_band: string;
	course_index: number | null;
	phase: Phase | null;
	last_on: string | null;
	days_since_last: number | null;
	induction_count: number;
	booster_count: number;
	flags: PatientFlag[];
	scores: WorklistScore[] | null;
}

export async function getWorklist(
	db: Kysely<DB>,
	cohort: Cohort,
	options: WorklistOptions
): Promise<Worklist> {
	if (await storedWorklistServes(db, cohort)) {
		return getWorklistFrom(db, cohort, options, 'stored');
	}
	// One patient (the patient page's header) keeps the planner's index look-ups.
	if (options.code) return getWorklistFrom(db, cohort, options, 'computed');
	return withoutNestedLoops(db, (trx) => getWorklistFrom(trx, cohort, options, 'computed'));
}

/**
 * Runs `query` with nested-loop joins off for its statements only. Computing every patient's
 * flags for an earlier date, the planner underestimates the CTEs (tens of rows for thousands of
 * patients) and nests loops over them: PGlite at 10,000 patients took 1.7 s, 0.48 s with hash
 * joins. The stored worklist's refresh does the same (derived/worklist-snapshot.ts).
 */
async function withoutNestedLoops<T>(
	db: Kysely<DB>,
	query: (trx: Kysely<DB>) => Promise<T>
): Promise<T> {
	const run = async (trx: Kysely<DB>) => {
		await sql`set local enable_nestloop = off`.execute(trx);
		try {
			return await query(trx);
		} finally {
			await sql`set local enable_nestloop to default`.execute(trx);
		}
	};
	return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/**
 * The stored rows (derived/worklist-snapshot.ts) hold each patient's state after all of their
 * data: they answer when nothing is dated after the as-of date (the default) and every clinic of
 * the cohort with patients has been stored.
 */
async function storedWorklistServes(db: Kysely<DB>, cohort: Cohort): Promise<boolean> {
	if (!coversAllData(cohort)) return false;
	const clinicIds = cohort.clinicIds ?? [];
	// Only an import or a rebuild changes the answer, so it is kept per data version.
	return cachedAnswer(db, 'worklist-stored', clinicIds, async () => {
		const { rows } = await sql<{ missing: number }>`
			select count(*) as missing from clinics c where c.id = any(${clinicIds}::int[])
				and exists (select 1 from patients p where p.clinic_id = c.id)
				and not exists (select 1 from derived_worklist w where w.clinic_id = c.id)`.execute(db);
		return Number(rows[0].missing) === 0;
	});
}

/** `computed` derives every row from the facts as of the as-of date; `stored` reads them. */
export async function getWorklistFrom(
	db: Kysely<DB>,
	cohort: Cohort,
	options: WorklistOptions,
	source: 'computed' | 'stored'
): Promise<Worklist> {
	const parts = worklistParts(cohort, options, source);
	const direction = options.dir === 'asc' ? sql`asc` : sql`desc`;
	const order = sql`${sortSql(options.sort)} ${direction} nulls last, wl.patient_code collate "C" asc`;
	// The stored page reads its flags and scores (jsonb) for its own rows only.
	const details =
		source === 'stored'
			? sql`w.flags, w.scores from page wl
					join derived_worklist_details w on w.patient_id = wl.patient_id`
			: sql`${latestScoresJsonSql} as scores, coalesce((select ${flagJsonSql}
					from wl_page_flags r where r.patient_id = wl.patient_id), '[]'::jsonb) as flags
				from page wl`;
	// The computed page's scores and flags are looked up in the rows of its own patients: looked
	// up in all of wl_latest, each row scanned it whole (PGlite, 10,000 patients: 20 ms a page).
	// Only the page's flags are written out as jsonb: for every patient in view that took 30 ms
	// of the worklist as of a year back (PGlite, 10,000 patients).
	const ofPage = (cte: string) =>
		sql`select r.* from ${sql.table(cte)} r where r.patient_id in (select patient_id from page)`;
	const pageLatest =
		source === 'computed'
			? sql`, wl_page_latest as materialized (${ofPage('wl_latest')}),
				wl_page_flags as materialized (${ofPage('wl_flag_rows')})`
			: sql``;
	const page = sql`page as (
			select wl.* from wl_filtered wl order by ${order}
			limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}
		)${pageLatest}`;
	// The stored list's totals come apart from its page, from the aggregate cache while the data
	// stays the same: counting 100,000 stored rows costs 20-30 ms, the page alone (in the index
	// order of the default sort) about 1 ms. A search (q) or one patient's row is not kept.
	const separateTotals = source === 'stored' && !options.q && !options.code;
	// Both at once: the page does not wait for the count when the cache has none yet.
	const [totals, { rows }] = await Promise.all([
		separateTotals
			? cachedAnswer(db, 'worklist-totals', totalsKey(cohort, options), () =>
					countWorklist(db, parts)
				)
			: null,
		separateTotals
			? sql<RawRow>`
				${parts.filtered}, ${page}
				select wl.*, ${details} order by ${order}`.execute(db)
			: sql<RawRow & Totals>`
				${parts.filtered}, ${page},
				totals as (${parts.totals})
				select wl.*, totals.total, totals.counts, ${details} cross join totals order by ${order}`.execute(
					db
				)
	]);
	const first = rows[0] as (RawRow & Partial<Totals>) | undefined;
	const total =
		totals?.total ?? first?.total ?? (options.page > 1 ? await countOnly(db, cohort, options) : 0);
	return {
		as_of: cohort.asOf,
		total,
		flag_counts: totals?.counts ?? first?.counts ?? emptyCounts(),
		rows: rows.map((r) => ({
			code: r.patient_code,
			clinic: cohort.clinicNames.get(r.clinic_id) ?? String(r.clinic_id),
			clinician:
				r.clinician_id === null ? null : (cohort.clinicianCodes.get(r.clinician_id) ?? null),
			indication: r.indication,
			age_band: r.age_band,
			course: r.course_index,
			phase: r.phase,
			induction_count: r.induction_count,
			booster_count: r.booster_count,
			last_infusion_on: r.last_on,
			days_since_last: r.days_since_last,
			scores: r.scores ?? [],
			flags: r.flags
		}))
	};
}

interface Totals {
	total: number;
	counts: Record<FlagKind, number>;
}

interface WorklistParts {
	/** WITH ... wl_rows, wl_filtered: the rows that pass every filter. */
	filtered: RawBuilder<unknown>;
	/** A select of the total and each flag's count over wl_filtered. */
	totals: RawBuilder<unknown>;
}

function worklistParts(
	cohort: Cohort,
	options: WorklistOptions,
	source: 'computed' | 'stored'
): WorklistParts {
	// Both kinds of rows carry their flags' kinds as a text array (flag_kinds).
	const hasFlag = (kind: FlagKind) => sql`(${kind}::text = any(wl.flag_kinds))`;
	const flagFilter = options.flag ? sql`where ${hasFlag(options.flag)}` : sql``;
	const counts = sql.join(
		FLAG_KINDS.map((kind) => sql`${kind}::text, count(*) filter (where ${hasFlag(kind)})`)
	);
	const rowsSql =
		source === 'stored' ? storedRowsSql(cohort, options) : computedRowsSql(cohort, options);
	// The stored rows are read twice (the page, the counts), each in parallel, instead of being
	// written aside; the computed ones are far too costly to compute twice.
	const inlined = source === 'stored' ? sql`not materialized` : sql``;
	return {
		filtered: sql`${rowsSql},
			wl_filtered as ${inlined} (select * from wl_rows wl ${flagFilter})`,
		// The page by a bounded sort, the counts by one pass: a window over all rows would sort
		// them all first.
		totals: sql`select count(*)::int as total, jsonb_build_object(${counts}) as counts
			from wl_filtered wl`
	};
}

async function countWorklist(db: Kysely<DB>, parts: WorklistParts): Promise<Totals> {
	const { rows } = await sql<Totals>`${parts.filtered} ${parts.totals}`.execute(db);
	return rows[0];
}

/** Everything the totals depend on besides the data: the cohort and the row filters. */
function totalsKey(cohort: Cohort, options: WorklistOptions): unknown {
	const { clinicIds, clinicianIds, filters, asOf } = cohort;
	const { flag, phase, activeWithinDays } = options;
	return { clinicIds, clinicianIds, filters, asOf, flag, phase, activeWithinDays };
}

/** WITH ... wl_rows: every row of the cohort computed from the facts as of the as-of date. */
function computedRowsSql(cohort: Cohort, options: WorklistOptions): RawBuilder<unknown> {
	const { asOf } = cohort;
	// Only a sort by score or change reads the instrument's latest score and baseline: joined for
	// every patient in view, they cost a pass over the scores (PGlite, 10,000 patients: 20 ms).
	const byScore = options.sort === 'score' || options.sort === 'change';
	const sortScores = byScore
		? sql`ls.total as sort_score, ls.total - bs.baseline_total as sort_change`
		: sql`null::int as sort_score, null::int as sort_change`;
	const sortScoreJoins = byScore
		? sql`left join wl_latest ls on ls.patient_id = c.patient_id
				and ls.instrument = ${options.instrument}
			left join derived_course_scores bs on bs.patient_id = c.patient_id
				and bs.course_index = c.course_index and bs.instrument = ${options.instrument}`
		: sql``;
	return sql`
		with wl_current as (${currentCourseSql(cohort, options)}),
		wl_latest as (${latestAssessmentsPerPatientSql(asOf)}),
		${flagRowsCtes(asOf)},
		wl_flags as (select r.patient_id, ${flagSummarySql} from wl_flag_rows r group by r.patient_id),
		wl_rows as (
			select c.*, coalesce(f.flag_kinds, '{}') as flag_kinds, coalesce(f.priority, 0) as priority,
				${sortScores}
			from wl_current c
			left join wl_flags f on f.patient_id = c.patient_id
			${sortScoreJoins}
		)`;
}

/**
 * WITH ... wl_rows: the same rows read from derived_worklist (alias p: it carries the patient's
 * columns under the patients table's names); the flags' and scores' jsonb stay in
 * derived_worklist_details.
 */
function storedRowsSql(cohort: Cohort, options: WorklistOptions): RawBuilder<unknown> {
	const where = [...patientWhere(cohort, options), ...courseWhere(cohort, options, 'p', 'last_on')];
	// Only a sort by score or change needs the per-instrument values (in the details table).
	const byScore = options.sort === 'score' || options.sort === 'change';
	const score = (field: 'total' | 'change', sort: WorklistSort) =>
		options.sort === sort
			? sql`(d.score_by_instrument -> ${options.instrument}::text ->> ${field}::text)::int`
			: sql`null::int`;
	const details = byScore
		? sql`join derived_worklist_details d on d.patient_id = p.patient_id`
		: sql``;
	return sql`
		with wl_rows as (
			select p.patient_id, p.patient_code, p.clinic_id, p.clinician_id,
				p.primary_indication as indication, p.age_band, p.course_index, p.phase, p.last_on,
				${cohort.asOf}::date - p.last_on as days_since_last, p.induction_count, p.booster_count,
				p.flag_kinds, p.priority, ${score('total', 'score')} as sort_score,
				${score('change', 'change')} as sort_change
			from derived_worklist p ${details}
			where ${sql.join(where, sql` and `)}
		)`;
}

const emptyCounts = () =>
	Object.fromEntries(FLAG_KINDS.map((k) => [k, 0])) as Record<FlagKind, number>;

/** A page past the end has no rows to carry the total: ask for page 1's instead. */
async function countOnly(
	db: Kysely<DB>,
	cohort: Cohort,
	options: WorklistOptions
): Promise<number> {
	const firstPage = await getWorklist(db, cohort, { ...options, page: 1, pageSize: 1 });
	return firstPage.total;
}

/** One patient's worklist row (the patient page's header and flags), or null if not in view. */
export async function getWorklistRow(
	db: Kysely<DB>,
	cohort: Cohort,
	code: string
): Promise<WorklistRow | null> {
	const result = await getWorklist(db, cohort, {
		q: null,
		code,
		flag: null,
		phase: null,
		// The patient page shows any patient of the clinic, however long ago their last visit.
		activeWithinDays: null,
		sort: 'code',
		dir: 'asc',
		instrument: 'phq9',
		page: 1,
		pageSize: 1
	});
	return result.rows[0] ?? null;
}
