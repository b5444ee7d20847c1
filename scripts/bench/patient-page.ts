import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { EMPTY_FILTERS } from '../../src/lib/filters';
import { isInstrumentCode } from '../../src/lib/instruments';
import { loadAuditedPatient } from '../../src/lib/server/auth/patient-access';
import { patientScopeFor, type SessionUser } from '../../src/lib/server/auth/scope';
import { createUser } from '../../src/lib/server/auth/user-admin';
import { resolveClinicianCohort } from '../../src/lib/server/queries/clinician-cohort';
import { getPatientExpectedBands } from '../../src/lib/server/queries/expected-response';
import { getWorklistRow } from '../../src/lib/server/queries/worklist';
import { startDatabase, stopDatabase } from '../../src/lib/server/runtime';
import { load } from '../../src/routes/patients/[code]/+page.server';
import { summarize } from './stats';

// DATABASE_URL=postgres://... npx tsx scripts/bench/patient-page.ts --code D-... [--as-of D]
// Times the patient page's load function in-process (no HTTP, no render) on an existing database,
// and each of its steps on its own: the quick before/after loop for the patient page. It creates
// a clinician of every clinic (like `npm run bench`) and writes one audit row per page view.

const { values } = parseArgs({
	options: {
		code: { type: 'string' },
		'as-of': { type: 'string' },
		runs: { type: 'string', default: '20' },
		warmup: { type: 'string', default: '3' }
	}
});
if (!values.code) throw new Error('--code is required');
const code = values.code;
const asOf = values['as-of'] ?? null;
const { db } = await startDatabase();

const clinics = await db.selectFrom('clinics').select('id').execute();
const username = `bench-page-${randomBytes(3).toString('hex')}`;
const clinicIds = clinics.map((c) => c.id);
const access = { roles: ['clinician' as const], clinicIds };
const password = randomBytes(18).toString('base64url');
const id = await createUser(db, { username, password, ...access }, { name: 'bench', userId: null });
const user: SessionUser = { id, username, ...access };
const scope = patientScopeFor(user);
if (!scope) throw new Error('no patient scope');

const url = new URL(`http://127.0.0.1/patients/${code}${asOf ? `?as_of=${asOf}` : ''}`);
const event = { url, params: { code }, locals: { user } } as unknown as Parameters<typeof load>[0];

async function time(name: string, run: () => unknown) {
	for (let i = 0; i < Number(values.warmup); i++) await run();
	const samples: number[] = [];
	for (let i = 0; i < Number(values.runs); i++) {
		const started = performance.now();
		await run();
		samples.push(performance.now() - started);
	}
	const { p50, p95 } = summarize(samples);
	console.log(`${name.padEnd(28)} p50 ${String(p50).padStart(7)}  p95 ${String(p95).padStart(7)}`);
}

try {
	const read = { action: 'patient_view' as const, detail: { as_of: asOf } };
	const detail = await loadAuditedPatient(db, scope, code, asOf, read);
	const cohort = await resolveClinicianCohort(db, scope, { ...EMPTY_FILTERS, as_of: asOf });
	const instruments = Object.keys(detail.courses.at(-1)?.instruments ?? {}).filter(
		isInstrumentCode
	);
	const { rows } = await sql<{ n: number }>`select count(*) as n from patients`.execute(db);
	console.log(`${rows[0].n} patients; ${code} (${detail.clinic}, ${detail.indication}),`);
	console.log(`as of ${asOf ?? 'default'} = ${cohort.asOf}; instruments ${instruments.join(', ')}`);
	await time('page load', () => load(event));
	await time('  patient detail + audit', () => loadAuditedPatient(db, scope, code, asOf, read));
	await time('  clinician cohort', () =>
		resolveClinicianCohort(db, scope, { ...EMPTY_FILTERS, as_of: asOf })
	);
	await time('  worklist row', () => getWorklistRow(db, cohort, detail.code));
	await time('  expected bands', () =>
		getPatientExpectedBands(db, scope, { ...detail, instruments }, cohort.asOf)
	);
} finally {
	await stopDatabase();
}
