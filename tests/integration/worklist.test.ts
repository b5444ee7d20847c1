import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemPatientScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db/connect';
import type { Indication } from '../../src/lib/server/db/schema';
import { refreshDerived } from '../../src/lib/server/derived/refresh';
import { resolveClinicianCohort } from '../../src/lib/server/queries/clinician-cohort';
import { getExpectedBand } from '../../src/lib/server/queries/expected-response';
import {
	getWorklist,
	getWorklistFrom,
	getWorklistRow,
	type WorklistOptions
} from '../../src/lib/server/queries/worklist';
import { createTestDatabase } from './support/test-database';
import {
	addAssessments,
	addInfusions,
	createClinic,
	createClinician,
	createPatient,
	day,
	schedule
} from './support/factories';

// Hand-built patients, one per flag rule and its boundary; every expected number is worked out
// by hand in the comments (RCI denominator for PHQ-9: 5.7 * sqrt(2) * sqrt(1 - 0.84) = 3.224406).

const START = '2025-01-06';
const INDUCTION = [0, 2, 4, 7, 9, 11];
let database: Database;
let northId: number;

const options = (over: Partial<WorklistOptions> = {}): WorklistOptions => ({
	q: null,
	code: null,
	flag: null,
	phase: null,
	activeWithinDays: null,
	sort: 'code',
	dir: 'asc',
	instrument: 'phq9',
	page: 1,
	pageSize: 100,
	...over
});

async function worklist(over: Partial<WorklistOptions> = {}, filters: Partial<Filters> = {}) {
	const scope = systemPatientScope([northId]);
	const cohort = await resolveClinicianCohort(database.db, scope, { ...EMPTY_FILTERS, ...filters });
	return getWorklist(database.db, cohort, options(over));
}

const phq = (d: number, total: number, items: number[] | null = null) => ({
	on: day(START, d),
	total,
	items
});

beforeAll(async () => {
	database = await createTestDatabase();
	const { db } = database;
	northId = await createClinic(db, 'North');
	const southId = await createClinic(db, 'South');
	const drA = await createClinician(db, northId, 'dr-a');
	const patient = async (code: string, clinicId = northId, indication: Indication = 'depression') =>
		createPatient(db, {
			code,
			clinicId,
			clinicianId: clinicId === northId ? drA : null,
			indication
		});

	// A: item 9 = 2 at the latest PHQ-9 (day 11): escalated safety flag.
	const a = await patient('A-SAFE');
	await addInfusions(db, a, schedule(START, INDUCTION));
	await addAssessments(db, a, 'phq9', [
		phq(0, 20, [3, 3, 3, 3, 2, 2, 2, 2, 0]),
		phq(11, 18, [2, 2, 2, 2, 2, 2, 2, 2, 2])
	]);
	// A2: item 9 = 1: safety flag for review, not escalated.
	const a2 = await patient('A2-REVIEW');
	await addInfusions(db, a2, schedule(START, [0]));
	await addAssessments(db, a2, 'phq9', [phq(0, 12, [2, 2, 2, 2, 1, 1, 1, 0, 1])]);
	// B: 10 -> 20, RCI = 10 / 3.224406 = 3.1013 > 1.96: reliable deterioration since baseline.
	const b = await patient('B-WORSE');
	await addInfusions(db, b, schedule(START, INDUCTION));
	await addAssessments(db, b, 'phq9', [phq(0, 10), phq(11, 20)]);
	// C: baseline 20, 6 before booster 1 (day 30), 14 before booster 2 (day 60): against booster 1,
	// RCI = 8 / 3.224406 = 2.4811: deterioration since the previous booster, not since baseline.
	const c = await patient('C-BOOST');
	await addInfusions(db, c, schedule(START, INDUCTION, [30, 60]));
	await addAssessments(db, c, 'phq9', [phq(0, 20), phq(30, 6), phq(60, 14)]);
	// D: 10 -> 16, RCI = 6 / 3.224406 = 1.8608: no flag; nothing before the last infusion (day 11).
	const d = await patient('D-NOQ');
	await addInfusions(db, d, schedule(START, INDUCTION));
	await addAssessments(db, d, 'phq9', [phq(0, 10), phq(8, 16)]);
	// E: gaps 30, 25, 20 -> slope -5 days per booster: shortening.
	const e = await patient('E-SHORT');
	await addInfusions(db, e, schedule(START, INDUCTION, [41, 66, 86]));
	await addAssessments(db, e, 'phq9', [phq(0, 10), phq(86, 10)]);
	// F: gaps 30, 30, 40 -> slope +5: spreading out, no flag. F2: gaps 30, 20: too few for a trend.
	const f = await patient('F-SPREAD');
	await addInfusions(db, f, schedule(START, INDUCTION, [41, 71, 111]));
	await addAssessments(db, f, 'phq9', [phq(0, 10), phq(111, 10)]);
	const f2 = await patient('F2-TWO');
	await addInfusions(db, f2, schedule(START, INDUCTION, [41, 61]));
	await addAssessments(db, f2, 'phq9', [phq(0, 10), phq(61, 10)]);
	// 20 reference courses: baseline 20, infusion 3 at 20 - k (k = 0..19): % change 0, -5, ..., -95.
	for (let k = 0; k < 20; k++) {
		const r = await patient(`REF-${String(k).padStart(2, '0')}`);
		await addInfusions(db, r, schedule(START, [0, 2, 4]));
		await addAssessments(db, r, 'phq9', [phq(0, 20), phq(4, 20 - k)]);
	}
	// G: baseline 20, infusion 3 at 20 (0%). With G, 21 courses at infusion 3: sorted, rank
	// 0.75 * 20 = 15 is -95 + 15 * 5 = -20, the 75th percentile: G and REF-00..03 (0..-15%) are above.
	const g = await patient('G-OFFTRACK');
	await addInfusions(db, g, schedule(START, [0, 2, 4]));
	await addAssessments(db, g, 'phq9', [phq(0, 20), phq(4, 20)]);
	// H: PTSD, same scores as G, but one course in its cell: below 20, no percentile, no flag.
	const h = await patient('H-PTSD', northId, 'ptsd');
	await addInfusions(db, h, schedule(START, [0, 2, 4]));
	await addAssessments(db, h, 'phq9', [phq(0, 20), phq(4, 20)]);
	// Another clinic's patient with item 9 = 3: never in North's worklist.
	const s = await patient('S-OTHER', southId);
	await addInfusions(db, s, schedule(START, [0]));
	await addAssessments(db, s, 'phq9', [phq(0, 27, [3, 3, 3, 3, 3, 3, 3, 3, 3])]);
	await refreshDerived(db, 'all');
});

afterAll(() => database?.close());

const codesWith = (rows: { code: string; flags: { kind: string }[] }[], kind: string) =>
	rows.filter((r) => r.flags.some((f) => f.kind === kind)).map((r) => r.code);

describe('worklist flags', () => {
	it('raises each flag for exactly the hand-built patients', async () => {
		const { rows, total, as_of } = await worklist();
		expect(as_of).toBe(day(START, 111)); // F's last booster is North's latest record
		expect(total).toBe(30);
		expect(rows.map((r) => r.code)).not.toContain('S-OTHER');
		expect(codesWith(rows, 'safety')).toEqual(['A-SAFE', 'A2-REVIEW']);
		expect(codesWith(rows, 'deterioration')).toEqual(['B-WORSE', 'C-BOOST']);
		expect(codesWith(rows, 'no_questionnaire')).toEqual(['D-NOQ']);
		expect(codesWith(rows, 'gaps_shortening')).toEqual(['E-SHORT']);
		expect(codesWith(rows, 'off_track')).toEqual([
			'G-OFFTRACK',
			'REF-00',
			'REF-01',
			'REF-02',
			'REF-03'
		]);
	});

	it('stores exactly the rows it computes, every flag included', async () => {
		const scope = systemPatientScope([northId]);
		const cohort = await resolveClinicianCohort(database.db, scope, EMPTY_FILTERS);
		for (const sort of ['flags', 'change'] as const) {
			const stored = await getWorklistFrom(database.db, cohort, options({ sort }), 'stored');
			expect(stored.rows.filter((r) => r.flags.length > 0).length).toBeGreaterThan(8);
			expect(stored).toEqual(
				await getWorklistFrom(database.db, cohort, options({ sort }), 'computed')
			);
		}
	});

	it('carries the numbers each reason is written from', async () => {
		const { rows } = await worklist();
		const flag = (code: string) => rows.find((r) => r.code === code)!.flags;
		expect(flag('A-SAFE')).toEqual([
			expect.objectContaining({
				kind: 'safety',
				level: 2,
				instrument: 'phq9',
				value: 2,
				on: day(START, 11)
			})
		]);
		expect(flag('A2-REVIEW')[0]).toMatchObject({ kind: 'safety', level: 1, value: 1 });
		const b = flag('B-WORSE')[0];
		expect(b).toMatchObject({ basis: 'baseline', value: 20, reference: 10, reference_on: START });
		expect(b.statistic).toBeCloseTo(3.1013, 4);
		const c = flag('C-BOOST')[0];
		expect(c).toMatchObject({ basis: 'booster', value: 14, reference: 6, ordinal: 1 });
		expect(c.reference_on).toBe(day(START, 30));
		expect(c.statistic).toBeCloseTo(2.4811, 4);
		expect(flag('D-NOQ')).toEqual([
			expect.objectContaining({ kind: 'no_questionnaire', on: day(START, 11) })
		]);
		const e = flag('E-SHORT')[0];
		expect(e).toMatchObject({ n: 3, value: 20 });
		expect(e.statistic).toBeCloseTo(-5, 10);
		const g = flag('G-OFFTRACK')[0];
		expect(g).toMatchObject({ kind: 'off_track', ordinal: 3, value: 0, statistic: -20, n: 21 });
		expect(flag('REF-04')).toEqual([]);
		expect(flag('H-PTSD')).toEqual([]);
	});

	it('counts flags over all rows and filters on one', async () => {
		const all = await worklist();
		expect(all.flag_counts).toEqual({
			safety: 2,
			deterioration: 2,
			off_track: 5,
			no_questionnaire: 1,
			gaps_shortening: 1
		});
		const offTrack = await worklist({ flag: 'off_track' });
		expect(offTrack.total).toBe(5);
		expect(offTrack.rows.every((r) => r.flags.some((f) => f.kind === 'off_track'))).toBe(true);
	});

	it('applies the as-of date: later data is not yet recorded', async () => {
		// As of day 10, A's latest PHQ-9 is day 0 (item 9 = 0) and the last infusion is day 9,
		// which had no questionnaire in (day 7, day 9].
		const { rows } = await worklist({ q: 'a-safe' }, { as_of: day(START, 10) });
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ induction_count: 5, days_since_last: 1 });
		expect(rows[0].flags.map((f) => f.kind)).toEqual(['no_questionnaire']);
		expect(rows[0].scores).toEqual([
			{ instrument: 'phq9', on: START, total: 20, baseline: 20, change: 0 }
		]);
	});
});

describe('worklist rows, sorting and paging', () => {
	it('shows course, phase, counts, latest score and change from baseline', async () => {
		const { rows } = await worklist({ q: 'C-BOOST' });
		expect(rows).toEqual([
			expect.objectContaining({
				clinic: 'North',
				clinician: 'dr-a',
				course: 1,
				phase: 'booster',
				induction_count: 6,
				booster_count: 2,
				last_infusion_on: day(START, 60),
				days_since_last: 51,
				scores: [{ instrument: 'phq9', on: day(START, 60), total: 14, baseline: 20, change: -6 }]
			})
		]);
	});

	it('sorts by flag priority, escalated safety first, and pages in SQL', async () => {
		const byFlags = await worklist({ sort: 'flags', dir: 'desc', pageSize: 2 });
		expect(byFlags.rows.map((r) => r.code)).toEqual(['A-SAFE', 'A2-REVIEW']);
		expect(byFlags.total).toBe(30);
		const page2 = await worklist({ sort: 'code', pageSize: 5, page: 2 });
		expect(page2.rows.map((r) => r.code)).toEqual([
			'E-SHORT',
			'F-SPREAD',
			'F2-TWO',
			'G-OFFTRACK',
			'H-PTSD'
		]);
	});

	it('sorts by change from baseline for the chosen instrument, missing last', async () => {
		const { rows } = await worklist({ sort: 'change', dir: 'desc', pageSize: 3 });
		// B +10, D +6, then the zeros in code order (A-SAFE is -2).
		expect(rows.map((r) => r.code)).toEqual(['B-WORSE', 'D-NOQ', 'A2-REVIEW']);
	});

	it('finds one patient by exact code for the patient page, never by substring', async () => {
		const cohort = await resolveClinicianCohort(
			database.db,
			systemPatientScope([northId]),
			EMPTY_FILTERS
		);
		const row = await getWorklistRow(database.db, cohort, 'A-SAFE');
		expect(row).toMatchObject({ code: 'A-SAFE', induction_count: 6, days_since_last: 100 });
		expect(await getWorklistRow(database.db, cohort, 'A-SAF')).toBeNull();
		expect(await getWorklistRow(database.db, cohort, 'S-OTHER')).toBeNull();
	});

	it('filters by phase and by a clinic outside the scope', async () => {
		const boosters = await worklist({ phase: 'booster' });
		expect(boosters.rows.map((r) => r.code)).toEqual(['C-BOOST', 'E-SHORT', 'F-SPREAD', 'F2-TWO']);
		const other = await worklist({}, { clinic: ['South'] });
		expect(other.total).toBe(0);
	});
});

describe('active patients only', () => {
	it('keeps patients with an infusion in the window up to the as-of date, boundary included', async () => {
		// As of day 111 with a 50-day window (from day 61): last infusions C day 60 (51 days, out),
		// F2 day 61 (50 days, in), E day 86, F day 111; everyone else stopped at day 11 or before.
		const active = await worklist({ activeWithinDays: 50 });
		expect(active.rows.map((r) => r.code)).toEqual(['E-SHORT', 'F-SPREAD', 'F2-TWO']);
		expect(active.total).toBe(3);
		expect(active.flag_counts).toMatchObject({ gaps_shortening: 1, safety: 0, off_track: 0 });
		const wide = await worklist({ activeWithinDays: 51 });
		expect(wide.rows.map((r) => r.code)).toEqual(['C-BOOST', 'E-SHORT', 'F-SPREAD', 'F2-TWO']);
	});

	it('keeps a newly enrolled patient with no infusion yet, not a long-enrolled one', async () => {
		const { db } = database;
		await createPatient(db, { code: 'N-NEW', clinicId: northId, enrolledOn: day(START, 100) });
		await createPatient(db, { code: 'N-OLD', clinicId: northId, enrolledOn: day(START, 20) });
		await refreshDerived(db, 'all');
		const active = await worklist({ activeWithinDays: 50, q: 'N-' });
		expect(active.rows.map((r) => r.code)).toEqual(['N-NEW']);
		expect(active.rows[0]).toMatchObject({ phase: null, days_since_last: null });
		const everyone = await worklist({ q: 'N-' });
		expect(everyone.rows.map((r) => r.code)).toEqual(['N-NEW', 'N-OLD']);
	});
});

describe('expected-response band', () => {
	it('gives the 25th-75th percentile per induction infusion from 20 courses up', async () => {
		const scope = systemPatientScope([northId]);
		const band = await getExpectedBand(database.db, scope, {
			clinicId: northId,
			indication: 'depression',
			instrument: 'phq9',
			asOf: day(START, 200)
		});
		// Infusion 1: 29 depression courses with a baseline, all at 0%. Infusion 3: 21 courses,
		// rank 0.25 * 20 = 5 -> -70, rank 15 -> -20. Infusions 5 and 6 have too few courses.
		expect(band).toEqual([
			{ ordinal: 1, n: 29, p25: 0, p75: 0 },
			{ ordinal: 3, n: 21, p25: -70, p75: -20 }
		]);
		const otherClinic = await getExpectedBand(database.db, systemPatientScope([northId + 1]), {
			clinicId: northId,
			indication: 'depression',
			instrument: 'phq9',
			asOf: day(START, 200)
		});
		expect(otherClinic).toEqual([]);
	});
});
