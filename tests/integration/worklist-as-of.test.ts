import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from '../../src/lib/filters';
import { systemPatientScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { rebuildDerived } from '../../src/lib/server/derived/rebuild';
import { resolveClinicianCohort } from '../../src/lib/server/queries/clinician-cohort';
import { expectedBandCellsSql } from '../../src/lib/server/queries/expected-response';
import { ON_TRACK_INFUSIONS } from '../../src/lib/server/queries/patient-flags';
import {
	getWorklist,
	getWorklistFrom,
	type Worklist,
	type WorklistOptions
} from '../../src/lib/server/queries/worklist';
import { createTestDatabase, testDatabaseKind } from './support/test-database';
import { worklistOptions } from './support/worklist-options';

// The worklist at an earlier as-of date, computed from all the data, must be the worklist of the
// data recorded by then: every row, flag and count equal to the stored rows of the same database
// with everything dated after that date deleted and the derived tables rebuilt. Dates on, before
// and after month and year ends (whole periods come from the per-period rollups, the rest from
// the facts). The "not on track" percentiles are also checked against percentile_cont.

const END = '2025-06-30';
const DATES = ['2025-05-14', '2025-03-31', '2025-03-01', '2024-12-31', '2024-09-29', '2024-02-29'];
let database: Database;
let clinicIds: number[];
const computed = new Map<string, Worklist>();

const base: WorklistOptions = worklistOptions({ pageSize: 500 });
const cases: [string, Partial<WorklistOptions>][] = [
	['active, flags first', {}],
	['every patient by PHQ-9 change', { activeWithinDays: null, sort: 'change' }],
	['active within 30 days by GAD-7', { activeWithinDays: 30, sort: 'score', instrument: 'gad7' }]
];

async function cohortAt(asOf: string) {
	return resolveClinicianCohort(database.db, systemPatientScope(clinicIds), {
		...EMPTY_FILTERS,
		as_of: asOf
	});
}

beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 240, seed: 5, endDate: END });
	clinicIds = (await database.db.selectFrom('clinics').select('id').execute()).map((c) => c.id);
	for (const asOf of DATES) {
		const cohort = await cohortAt(asOf);
		for (const [name, options] of cases) {
			computed.set(
				`${asOf} ${name}`,
				await getWorklist(database.db, cohort, { ...base, ...options })
			);
		}
	}
}, 120_000);
afterAll(() => database?.close());

describe(`worklist at an earlier date on ${testDatabaseKind()}`, () => {
	it('raises every kind of flag at the dates compared', () => {
		const kinds = new Set(
			[...computed.values()].flatMap((w) => w.rows.flatMap((r) => r.flags.map((f) => f.kind)))
		);
		expect([...kinds].sort()).toEqual(
			['gaps_shortening', 'no_questionnaire', 'off_track', 'safety'].sort()
		);
	});

	it.each(DATES)(
		'flags a course off track exactly above the percentile_cont p75 as of %s',
		async (asOf) => {
			const { rows: expected } = await sql<{ code: string; instrument: string; ordinal: number }>`
			with cells as (${expectedBandCellsSql(asOf, sql`s.ordinal in (${sql.join([...ON_TRACK_INFUSIONS])})`)}),
			current_course as (
				select distinct on (f.patient_id) f.patient_id, f.course_index
				from derived_infusions f where f.administered_on <= ${asOf}::date
				order by f.patient_id, f.course_index desc, f.administered_on desc
			)
			select distinct on (p.patient_code, s.instrument) p.patient_code as code, s.instrument,
				s.ordinal::int as ordinal
			from current_course c
			join patients p on p.id = c.patient_id
			join derived_scores s on s.patient_id = c.patient_id and s.course_index = c.course_index
			join cells e on e.clinic_id = s.clinic_id and e.indication = s.indication
				and e.instrument = s.instrument and e.ordinal = s.ordinal
			where s.phase = 'induction' and s.baseline_total > 0 and s.administered_on <= ${asOf}::date
				and 100.0 * (s.total - s.baseline_total) / s.baseline_total > e.p75
			order by p.patient_code, s.instrument, s.ordinal desc`.execute(database.db);
			const all = computed.get(`${asOf} every patient by PHQ-9 change`);
			const flagged = all!.rows.flatMap((r) =>
				r.flags
					.filter((f) => f.kind === 'off_track')
					.map((f) => ({ code: r.code, instrument: f.instrument, ordinal: f.ordinal }))
			);
			const byKey = (a: { code: string; instrument: string | null }, b: typeof a) =>
				`${a.code} ${a.instrument}`.localeCompare(`${b.code} ${b.instrument}`);
			expect(flagged.sort(byKey)).toEqual(expected.sort(byKey));
		}
	);

	// Latest date first: each step deletes more.
	it('gives the stored rows of the data recorded by each date', async () => {
		for (const asOf of DATES.toSorted().reverse()) {
			await sql`delete from infusions where administered_on > ${asOf}::date`.execute(database.db);
			await sql`delete from assessments where administered_on > ${asOf}::date`.execute(database.db);
			await rebuildDerived(database.db);
			const cohort = await cohortAt(asOf);
			expect(cohort.asOf).toBe(asOf);
			for (const [name, options] of cases) {
				const stored = await getWorklistFrom(
					database.db,
					cohort,
					{ ...base, ...options },
					'stored'
				);
				const earlier = computed.get(`${asOf} ${name}`);
				expect(earlier!.total, `${asOf} ${name}`).toBeGreaterThan(20);
				expect(earlier, `${asOf} ${name}`).toEqual(stored);
			}
		}
	}, 300_000);
});
