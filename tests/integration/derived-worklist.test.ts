import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemPatientScope } from '../../src/lib/server/auth/scope';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { resolveClinicianCohort } from '../../src/lib/server/queries/clinician-cohort';
import { getWorklistFrom, type WorklistOptions } from '../../src/lib/server/queries/worklist';
import { createTestDatabase, testDatabaseKind } from './support/test-database';
import { worklistOptions } from './support/worklist-options';

// The stored worklist rows (derived_worklist) must give exactly the rows computed from the facts
// at the latest date: same patients, order, pages, counts, scores and flags, for every filter,
// sort and page the worklist offers.

const END = '2025-06-30';
let database: Database;
let clinicIds: number[];

beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 240, seed: 5, endDate: END });
	clinicIds = (await database.db.selectFrom('clinics').select('id').execute()).map((c) => c.id);
});
afterAll(() => database?.close());

const base: WorklistOptions = worklistOptions();

const cases: [string, Partial<WorklistOptions>, Partial<Filters>][] = [
	['default (flags first, active)', {}, {}],
	['every patient', { activeWithinDays: null }, {}],
	['page 3', { page: 3, activeWithinDays: null }, {}],
	['by code ascending', { sort: 'code', dir: 'asc' }, {}],
	['by last infusion', { sort: 'last_infusion', dir: 'asc', activeWithinDays: null }, {}],
	['by infusions', { sort: 'infusions' }, {}],
	['by GAD-7 score', { sort: 'score', instrument: 'gad7' }, {}],
	['by PHQ-9 change', { sort: 'change', dir: 'asc' }, {}],
	['safety flags', { flag: 'safety' }, {}],
	['deterioration flags', { flag: 'deterioration', activeWithinDays: null }, {}],
	['off track', { flag: 'off_track', activeWithinDays: null }, {}],
	['gaps shortening', { flag: 'gaps_shortening', activeWithinDays: null }, {}],
	['boosters', { phase: 'booster' }, {}],
	['code search', { q: '1', activeWithinDays: null }, {}],
	['one clinic', {}, { clinic: ['McLean'] }],
	[
		'depression, 35-44',
		{ activeWithinDays: null },
		{ indication: ['depression'], age_band: ['35-44'] }
	],
	[
		'courses started in 2024',
		{ activeWithinDays: null },
		{ start_from: '2024-01-01', start_to: '2024-12-31' }
	],
	['active within 30 days', { activeWithinDays: 30 }, {}]
];

describe(`stored worklist on ${testDatabaseKind()}`, () => {
	it.each(cases)('gives the computed rows (%s)', async (_name, over, filters) => {
		const cohort = await resolveClinicianCohort(database.db, systemPatientScope(clinicIds), {
			...EMPTY_FILTERS,
			...filters
		});
		const options = { ...base, ...over };
		const stored = await getWorklistFrom(database.db, cohort, options, 'stored');
		const computed = await getWorklistFrom(database.db, cohort, options, 'computed');
		expect(stored).toEqual(computed);
		if (Object.keys(filters).length === 0 && !over.q && !over.flag) {
			expect(stored.total).toBeGreaterThan(5);
		}
	});

	// The demo has no reliable deterioration; tests/integration/worklist.test.ts compares the two
	// paths on hand-built patients with every flag.
	it('has flags of the other kinds to compare', async () => {
		const cohort = await resolveClinicianCohort(
			database.db,
			systemPatientScope(clinicIds),
			EMPTY_FILTERS
		);
		const stored = await getWorklistFrom(
			database.db,
			cohort,
			{ ...base, activeWithinDays: null },
			'stored'
		);
		for (const kind of ['safety', 'off_track', 'no_questionnaire'] as const) {
			expect(stored.flag_counts[kind]).toBeGreaterThan(0);
		}
	});
});
