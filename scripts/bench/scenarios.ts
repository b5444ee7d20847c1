import type { BenchAccounts } from './accounts';

// What the bench times: every aggregate API endpoint and every page, each with the filter
// combinations of issue 8. Targets are the issue's: aggregates p50 <= 100 ms and p95 <= 250 ms;
// the patient API and page p50 <= 30 ms; on PGlite every page p50 <= 200 ms.

export type Kind = 'aggregate api' | 'aggregate page' | 'clinician page' | 'patient';

export interface Target {
	name: string;
	kind: Kind;
	path: string;
	as: 'leadership' | 'clinician';
	/** Whether the filter combinations apply; otherwise only "all" (and as-of). */
	filtered: boolean;
}

export interface Scenario {
	target: Target;
	combination: string;
	url: string;
	headers: Record<string, string>;
}

export function targets(accounts: BenchAccounts): Target[] {
	const api = (name: string, path: string): Target => ({
		name,
		kind: 'aggregate api',
		path,
		as: 'leadership',
		filtered: true
	});
	const code = encodeURIComponent(accounts.patientCode);
	return [
		api('api induction', '/api/v1/outcomes/induction?instrument=phq9'),
		api('api trajectory', '/api/v1/outcomes/trajectory?instrument=phq9'),
		api('api trajectory by week', '/api/v1/outcomes/trajectory?instrument=phq9&axis=week'),
		api('api booster gaps', '/api/v1/boosters/gaps'),
		api('api survival gap 1', '/api/v1/boosters/survival?gap=1'),
		api('api survival gap 2', '/api/v1/boosters/survival?gap=2'),
		{
			name: 'api patient',
			kind: 'patient',
			path: `/api/v1/patients/${code}`,
			as: 'clinician',
			filtered: false
		},
		{ name: 'page home', kind: 'aggregate page', path: '/', as: 'leadership', filtered: false },
		{
			name: 'page outcomes',
			kind: 'aggregate page',
			path: '/outcomes?instrument=phq9',
			as: 'leadership',
			filtered: true
		},
		{
			name: 'page boosters',
			kind: 'aggregate page',
			path: '/boosters',
			as: 'leadership',
			filtered: true
		},
		{
			name: 'page methods',
			kind: 'aggregate page',
			path: '/methods',
			as: 'leadership',
			filtered: false
		},
		{
			name: 'page worklist',
			kind: 'clinician page',
			path: '/patients',
			as: 'clinician',
			filtered: true
		},
		{
			name: 'page intervals',
			kind: 'clinician page',
			path: '/intervals',
			as: 'clinician',
			filtered: true
		},
		{
			name: 'page patient',
			kind: 'patient',
			path: `/patients/${code}`,
			as: 'clinician',
			filtered: false
		}
	];
}

/** The filter combinations: all clinics, one clinic, clinic + indication, by clinic, as-of. */
export function combinations(clinic: string, asOf: string): Record<string, string> {
	const c = encodeURIComponent(clinic);
	return {
		all: '',
		clinic: `clinic=${c}`,
		'clinic+indication': `clinic=${c}&indication=depression`,
		'by clinic': 'by=clinic',
		'as-of -1y': `as_of=${asOf}`
	};
}

export function scenarios(
	baseUrl: string,
	accounts: BenchAccounts,
	asOfYearBack: string
): Scenario[] {
	const list: Scenario[] = [];
	for (const target of targets(accounts)) {
		const who = accounts[target.as];
		for (const [combination, query] of Object.entries(
			combinations(accounts.clinicName, asOfYearBack)
		)) {
			// Pages without filters are timed once; the patient views take only an as-of date.
			if (
				!target.filtered &&
				combination !== 'all' &&
				!(target.kind === 'patient' && combination === 'as-of -1y')
			)
				continue;
			if (target.path === '/' && combination !== 'all') continue;
			if (target.path === '/methods' && combination !== 'all') continue;
			const joiner = target.path.includes('?') ? '&' : '?';
			const path = query ? `${target.path}${joiner}${query}` : target.path;
			const headers: Record<string, string> = target.path.startsWith('/api/')
				? { authorization: who.bearer }
				: { cookie: who.cookie };
			list.push({ target, combination, url: `${baseUrl}${path}`, headers });
		}
	}
	return list;
}

/** p50 / p95 limits (ms) for a scenario on a backend; null where the issue sets none. */
export function limits(
	kind: Kind,
	backend: 'postgres' | 'pglite'
): { p50: number; p95: number | null } | null {
	if (backend === 'pglite') return kind === 'aggregate api' ? null : { p50: 200, p95: null };
	if (kind === 'patient') return { p50: 30, p95: null };
	return { p50: 100, p95: 250 };
}
