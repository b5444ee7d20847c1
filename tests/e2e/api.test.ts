import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, sessionCookie } from './support/browser';

// The JSON API over HTTP on the built server with the demo clinic: shapes, errors, CSV and
// access. (Numbers are checked against an independent computation in
// tests/integration/metrics-demo.test.ts; here: that the HTTP layer carries them unchanged.)

let leadership: string;
let clinician: string;
beforeAll(async () => {
	[leadership, clinician] = await Promise.all([
		sessionCookie('leadership'),
		sessionCookie('clinician')
	]);
});

const get = (path: string, cookie?: string) =>
	fetch(`${baseUrl()}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

describe('aggregate endpoints', () => {
	it('answers induction outcomes with counts, rates and Wilson intervals', async () => {
		const response = await get('/api/v1/outcomes/induction?instrument=phq9', leadership);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body.filters.instrument).toBe('phq9');
		expect(body.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(body.courses_started).toBeGreaterThanOrEqual(body.induction_completed);
		expect(body.induction_completed).toBeGreaterThanOrEqual(body.with_baseline_and_post);
		const { response: rate } = body;
		expect(rate.rate).toBeCloseTo(rate.count / body.with_baseline_and_post, 12);
		expect(rate.ci_low).toBeLessThan(rate.rate);
		expect(rate.ci_high).toBeGreaterThan(rate.rate);
		expect(Array.isArray(body.suppressed)).toBe(true);
	});

	it('returns one group per clinic with `by`, and the groups add up to the whole', async () => {
		const [whole, grouped] = await Promise.all(
			['', '&by=clinic'].map(async (by) =>
				(await get(`/api/v1/outcomes/induction?instrument=phq9${by}`, leadership)).json()
			)
		);
		expect(grouped.groups.map((g: { key: string }) => g.key).sort()).toEqual([
			'Bethesda',
			'McLean',
			'Washington'
		]);
		const sum = grouped.groups.reduce(
			(total: number, g: { courses_started: number }) => total + g.courses_started,
			0
		);
		expect(sum).toBe(whole.courses_started);
	});

	it('names the offending parameter in a 400', async () => {
		const unknown = await get('/api/v1/outcomes/induction?instrument=phq9&colour=red', leadership);
		expect(unknown.status).toBe(400);
		expect(await unknown.json()).toMatchObject({ parameter: 'colour' });
		const missing = await get('/api/v1/outcomes/trajectory', leadership);
		expect(missing.status).toBe(400);
		expect(await missing.json()).toMatchObject({ parameter: 'instrument' });
		const badDate = await get('/api/v1/boosters/gaps?as_of=2025-02-30', leadership);
		expect(badDate.status).toBe(400);
		expect(await badDate.json()).toMatchObject({ parameter: 'as_of' });
	});

	it('serves the same rows as CSV with a header naming filters, as-of and definitions', async () => {
		const [json, csv] = await Promise.all([
			get('/api/v1/outcomes/trajectory?instrument=phq9', leadership).then((r) => r.json()),
			get('/api/v1/outcomes/trajectory?instrument=phq9&format=csv', leadership)
		]);
		expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
		const lines = (await csv.text()).trim().split('\n');
		expect(lines[1]).toBe('# filters: instrument=phq9');
		expect(lines[2]).toBe(`# as_of: ${json.as_of}`);
		expect(lines[3]).toMatch(/^# definitions_version: /);
		const dataLines = lines.filter((l) => !l.startsWith('#'));
		expect(dataLines.length - 1).toBe(json.points.length);
	});

	it('gives Kaplan-Meier steps for the first booster gap', async () => {
		const body = await (await get('/api/v1/boosters/survival?gap=1', leadership)).json();
		expect(body.n).toBe(body.events + body.censored);
		const survival = body.steps.map((s: { survival: number }) => s.survival);
		expect([...survival].sort((a, b) => b - a)).toEqual(survival); // never increases
		for (const step of body.steps) expect(step.n_risk).toBeGreaterThanOrEqual(11);
	});
});

describe('access', () => {
	it('answers 401 without a session and 403 to leadership on patient data', async () => {
		expect((await get('/api/v1/outcomes/induction?instrument=phq9')).status).toBe(401);
		const trajectory = await get('/api/v1/outcomes/trajectory?instrument=phq9', leadership);
		const body = await trajectory.json();
		expect(body.points.length).toBeGreaterThan(0);
		expect((await get('/api/v1/patients/ANY-CODE', leadership)).status).toBe(403);
	});

	it('limits a clinician to their own clinic', async () => {
		const body = await (
			await get('/api/v1/outcomes/induction?instrument=phq9&by=clinic', clinician)
		).json();
		expect(body.groups.map((g: { key: string }) => g.key)).toEqual(['McLean']);
	});
});
