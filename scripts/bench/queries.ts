import { parseArgs } from 'node:util';
import { EMPTY_FILTERS, type Filters } from '../../src/lib/filters';
import { systemAggregateScope } from '../../src/lib/server/auth/scope';
import { openDatabase } from '../../src/lib/server/db/connect';
import { getBoosterActivity } from '../../src/lib/server/queries/booster-activity';
import { getBoosterGaps } from '../../src/lib/server/queries/booster-gaps';
import { getBoosterSurvival } from '../../src/lib/server/queries/booster-survival';
import { getInductionOutcomes } from '../../src/lib/server/queries/induction';
import { getTrajectory, getTrajectoryByWeek } from '../../src/lib/server/queries/trajectory';
import { summarize } from './stats';

// npx tsx scripts/bench/queries.ts --url postgres://... [--runs 20] [--as-of YYYY-MM-DD]
// Times the aggregate query functions in-process on an existing database (no HTTP): the quick
// before/after loop while tuning a query. `npm run bench` gives the figures that count.

const { values } = parseArgs({
	options: {
		url: { type: 'string' },
		runs: { type: 'string', default: '20' },
		'as-of': { type: 'string', default: '2025-06-30' },
		clinic: { type: 'string', default: 'McLean' },
		only: { type: 'string' }
	}
});
if (!values.url) throw new Error('--url postgres://... is required');
const database = await openDatabase({ kind: 'postgres', url: values.url });
const scope = systemAggregateScope(11, 'bench');
const base: Filters = { ...EMPTY_FILTERS, instrument: 'phq9' };
const combos: Record<string, Filters> = {
	all: base,
	clinic: { ...base, clinic: [values.clinic] },
	'clinic+indication': { ...base, clinic: [values.clinic], indication: ['depression'] },
	'by clinic': { ...base, by: 'clinic' },
	'as-of -1y': { ...base, as_of: values['as-of'] }
};
const withInstrument = (f: Filters) => f as Filters & { instrument: 'phq9' };
const queries: Record<string, (f: Filters) => Promise<unknown>> = {
	induction: (f) => getInductionOutcomes(database.db, scope, withInstrument(f)),
	trajectory: (f) => getTrajectory(database.db, scope, withInstrument(f)),
	'trajectory by week': (f) => getTrajectoryByWeek(database.db, scope, withInstrument(f)),
	'booster gaps': (f) => getBoosterGaps(database.db, scope, f),
	'survival gap 1': (f) => getBoosterSurvival(database.db, scope, f, 1),
	'survival gap 2': (f) => getBoosterSurvival(database.db, scope, f, 2),
	'booster activity': (f) => getBoosterActivity(database.db, scope, f)
};
try {
	for (const [name, run] of Object.entries(queries)) {
		if (values.only && !name.includes(values.only)) continue;
		for (const [combo, filters] of Object.entries(combos)) {
			await run(filters);
			const samples: number[] = [];
			for (let i = 0; i < Number(values.runs); i++) {
				const started = performance.now();
				await run(filters);
				samples.push(performance.now() - started);
			}
			const { p50, p95 } = summarize(samples);
			console.log(
				`${name.padEnd(20)} ${combo.padEnd(18)} p50 ${String(p50).padStart(8)}  p95 ${String(p95).padStart(8)}`
			);
		}
	}
} finally {
	await database.close();
}
