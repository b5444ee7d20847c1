import { parseArgs } from 'node:util';
import { CompiledQuery, sql, type RootOperationNode } from 'kysely';
import type { PatientScope } from '../../src/lib/server/auth/scope';
import { resolveClinicianCohort } from '../../src/lib/server/queries/clinician-cohort';
import { getWorklist } from '../../src/lib/server/queries/worklist';
import { startDatabase, stopDatabase } from '../../src/lib/server/runtime';
import { parseWorklistParams } from '../../src/routes/patients/worklist-params';
import { summarize } from './stats';

// [DATABASE_URL=postgres://... | DATA_DIR=folder] npx tsx scripts/bench/worklist.ts
//   [--as-of YYYY-MM-DD] [--query 'sort=change&flag=safety'] [--runs 8] [--explain]
// Times the worklist query in-process (no HTTP, no render) on an existing database, for a
// clinician of every clinic: the quick before/after loop for the worklist as of an earlier date,
// which is computed per request (the stored rows serve the latest date only). --explain then
// prints EXPLAIN ANALYZE of its largest statement, with nested loops off as the query runs it.
// Reads only: it writes no user, session or audit row.

const { values } = parseArgs({
	options: {
		'as-of': { type: 'string' },
		query: { type: 'string', default: '' },
		runs: { type: 'string', default: '8' },
		explain: { type: 'boolean', default: false }
	}
});

/** The statements a run sends, compiled: the largest is the worklist's own. */
const statements: CompiledQuery[] = [];
const database = await startDatabase();
const db = database.db.withPlugin({
	transformQuery: ({ node, queryId }) => {
		statements.push(database.db.getExecutor().compileQuery(node as RootOperationNode, queryId));
		return node;
	},
	transformResult: async ({ result }) => result
});

try {
	const parsed = parseWorklistParams(new URLSearchParams(values.query));
	if (!parsed.ok) throw new Error(parsed.error);
	const clinics = await db.selectFrom('clinics').select('id').execute();
	// What patientScopeFor makes of a signed-in clinician of every clinic.
	const scope = {
		kind: 'patient',
		clinicIds: clinics.map((c) => c.id),
		userId: 0,
		actor: 'bench'
	} as unknown as PatientScope;
	const asOf = values['as-of'] ?? null;
	const cohort = await resolveClinicianCohort(db, scope, { ...parsed.filters, as_of: asOf });
	const samples: number[] = [];
	for (let run = 0; run <= Number(values.runs); run++) {
		statements.length = 0;
		const started = performance.now();
		const list = await getWorklist(db, cohort, parsed.options);
		// The first run warms the caches and is not counted.
		if (run > 0) samples.push(performance.now() - started);
		else console.log(`as of ${cohort.asOf}: ${list.total} patients, flags`, list.flag_counts);
	}
	const { p50, p95 } = summarize(samples);
	console.log(
		`${database.kind}: worklist p50 ${p50} ms, p95 ${p95} ms over ${samples.length} runs`
	);
	if (values.explain) {
		const largest = statements.reduce((a, b) => (b.sql.length > a.sql.length ? b : a));
		const plan = await database.db.transaction().execute(async (trx) => {
			await sql`set local enable_nestloop = off`.execute(trx);
			return trx.executeQuery(
				CompiledQuery.raw(`explain (analyze, buffers) ${largest.sql}`, [...largest.parameters])
			);
		});
		for (const row of plan.rows as Record<string, string>[]) console.log(row['QUERY PLAN']);
	}
} finally {
	await stopDatabase();
}
