import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from '../../src/lib/filters';
import { systemAggregateScope, systemPatientScope } from '../../src/lib/server/auth/scope';
import {
	cachedAggregate,
	cachedAnswer,
	configureAggregateCache,
	withOneDataVersionRead
} from '../../src/lib/server/cache/aggregate-cache';
import { bumpDataVersion } from '../../src/lib/server/derived/data-version';
import type { Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo';
import { refreshDerived } from '../../src/lib/server/derived/refresh';
import * as cached from '../../src/lib/server/queries/cached';
import {
	getBoosterLanes,
	getBoosterLanesFrom,
	type LaneOptions
} from '../../src/lib/server/queries/booster-lanes';
import { resolveClinicianCohort } from '../../src/lib/server/queries/clinician-cohort';
import { getInductionOutcomes } from '../../src/lib/server/queries/induction';
import {
	getWorklist,
	getWorklistFrom,
	type WorklistOptions
} from '../../src/lib/server/queries/worklist';
import { addAssessments, addInfusions, createPatient, day } from './support/factories';
import { createTestDatabase, testDatabaseKind } from './support/test-database';
import { worklistOptions as worklistOptionsWith } from './support/worklist-options';

// Aggregate answers are kept per question, scope and data version: asked again they come from
// memory, and after an import (any refresh of the derived tables) they are computed afresh.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
	await seedDemo(database.db, { patients: 60, seed: 8, endDate: '2025-06-30' });
	configureAggregateCache({ enabled: true });
});
afterAll(() => database?.close());

const scope = systemAggregateScope(1);
const worklistOptions: WorklistOptions = worklistOptionsWith({ activeWithinDays: null });
const laneOptions: LaneOptions = { sort: 'trend', dir: 'asc', page: 1, pageSize: 25 };
const filters = { ...EMPTY_FILTERS, instrument: 'phq9' as const };

describe(`the aggregate cache on ${testDatabaseKind()}`, () => {
	it('computes a question once per scope and data version', async () => {
		let computed = 0;
		const ask = (smallCellMin: number, args: unknown) =>
			cachedAggregate(database.db, systemAggregateScope(smallCellMin), 'q', args, async () => {
				computed += 1;
				return { computed };
			});
		expect(await ask(1, ['a'])).toEqual({ computed: 1 });
		expect(await ask(1, ['a'])).toEqual({ computed: 1 });
		expect(await ask(11, ['a'])).toEqual({ computed: 2 });
		expect(await ask(1, ['b'])).toEqual({ computed: 3 });
		await Promise.all([ask(1, ['c']), ask(1, ['c']), ask(1, ['c'])]);
		expect(computed).toBe(4);
	});

	it('reads the data version once per request scope', async () => {
		let computed = 0;
		const ask = () =>
			cachedAnswer(database.db, 'per-request', [], async () => {
				computed += 1;
				return computed;
			});
		const bump = () => database.db.transaction().execute((trx) => bumpDataVersion(trx));
		const inOneRequest = await withOneDataVersionRead(async () => {
			const first = await ask();
			await bump();
			// Same request: still the version it read first, so the answer kept for it.
			return [first, await ask()];
		});
		expect(inOneRequest).toEqual([1, 1]);
		// A new request reads the new version and computes afresh.
		expect(await withOneDataVersionRead(ask)).toBe(2);
		await bump();
		expect(await ask()).toBe(3);
	});

	it('gives each caller its own copy and forgets failures', async () => {
		const first = await cachedAggregate(database.db, scope, 'copy', [], async () => ({ n: [1] }));
		first.n.push(2);
		expect(await cachedAggregate(database.db, scope, 'copy', [], async () => ({ n: [9] }))).toEqual(
			{ n: [1] }
		);
		await expect(
			cachedAggregate(database.db, scope, 'fails', [], async () => {
				throw new Error('database gone');
			})
		).rejects.toThrow('database gone');
		expect(await cachedAggregate(database.db, scope, 'fails', [], async () => 'ok')).toBe('ok');
	});

	it('answers as the query does, and afresh after new data is imported', async () => {
		const before = await cached.getInductionOutcomes(database.db, scope, filters);
		expect(before).toEqual(await getInductionOutcomes(database.db, scope, filters));
		// New courses for a few patients, refreshed as an import refreshes them.
		const { rows } = await sql<{ id: number; last: string }>`
			select patient_id as id, max(administered_on) as last from infusions
			group by patient_id order by patient_id limit 8`.execute(database.db);
		for (const { id, last } of rows) {
			const dates = [1, 3, 5, 8, 10, 12].map((d) => day(last, 120 + d));
			await addInfusions(
				database.db,
				id,
				dates.map((on) => ({ on, phase: 'induction' as const }))
			);
			await addAssessments(database.db, id, 'phq9', [
				{ on: day(last, 119), total: 24 },
				{ on: day(last, 140), total: 3 }
			]);
		}
		await database.db.transaction().execute((trx) =>
			refreshDerived(
				trx,
				rows.map((r) => r.id)
			)
		);
		const after = await cached.getInductionOutcomes(database.db, scope, filters);
		expect(after).toEqual(await getInductionOutcomes(database.db, scope, filters));
		expect(after).not.toEqual(before);
	});

	it('keeps the clinician lists apart from their totals, and counts afresh after an import', async () => {
		const clinicIds = (await database.db.selectFrom('clinics').select('id').execute()).map(
			(c) => c.id
		);
		const patientScope = systemPatientScope(clinicIds);
		const cohort = () => resolveClinicianCohort(database.db, patientScope, EMPTY_FILTERS);
		const list = async () => getWorklist(database.db, await cohort(), worklistOptions);
		const lanes = async () => getBoosterLanes(database.db, await cohort(), laneOptions);
		const computed = async () => ({
			worklist: await getWorklistFrom(database.db, await cohort(), worklistOptions, 'computed'),
			lanes: await getBoosterLanesFrom(database.db, await cohort(), laneOptions, 'computed')
		});
		const before = { worklist: await list(), lanes: await lanes() };
		expect(before).toEqual(await computed());
		// Asked again, the same answer (now from memory).
		expect({ worklist: await list(), lanes: await lanes() }).toEqual(before);
		// A new patient with an induction and three boosters: one more row and one more lane.
		const [clinic] = clinicIds;
		const id = await createPatient(database.db, {
			code: 'CACHE-NEW',
			clinicId: clinic,
			enrolledOn: '2025-01-02'
		});
		const inductions = [3, 5, 8, 10, 12, 15].map((d) => ({
			on: day('2025-01-01', d),
			phase: 'induction' as const
		}));
		const boosters = [45, 80, 120].map((d) => ({
			on: day('2025-01-01', d),
			phase: 'booster' as const
		}));
		await addInfusions(database.db, id, [...inductions, ...boosters]);
		await database.db.transaction().execute((trx) => refreshDerived(trx, [id]));
		const after = { worklist: await list(), lanes: await lanes() };
		expect(after.worklist.total).toBe(before.worklist.total + 1);
		expect(after.lanes.total).toBe(before.lanes.total + 1);
		expect(after).toEqual(await computed());
	});
});
